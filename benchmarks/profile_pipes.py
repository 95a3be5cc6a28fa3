"""Profile the veille pipeline with pyinstrument and split the time by pipe.

Run: .venv/bin/python benchmarks/profile_pipes.py --articles FILE.jsonl [--limit 200]
     [--html out.html]

Prints, after one warm-up pass, the seconds spent in each pipe of the pipeline (spaCy's own
and veille's, timed pipe by pipe over the same docs) and pyinstrument's call tree of a
whole ``Pipeline.pipe`` run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from veille.ingest import Failure  # noqa: E402
from veille.ingest.files import read_articles  # noqa: E402
from veille.pipeline import load  # noqa: E402


def main() -> None:
    """Time every pipe, then profile a whole run."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", required=True)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--html", help="also write pyinstrument's HTML report here")
    args = parser.parse_args()
    articles = [a for a in read_articles([args.articles]) if not isinstance(a, Failure)]
    articles = articles[:args.limit]
    pipeline = load()
    list(pipeline.pipe(articles[:4]))

    docs = [pipeline.make_doc(a) for a in articles]
    per_pipe: dict[str, float] = {}
    for name, proc in pipeline.nlp.pipeline:
        t0 = time.perf_counter()
        docs = list(proc.pipe(docs, batch_size=32)) if hasattr(proc, "pipe") else \
            [proc(d) for d in docs]
        per_pipe[name] = time.perf_counter() - t0
    total = sum(per_pipe.values())
    print(f"{len(articles)} articles, {total:.2f} s in pipes")
    for name, seconds in per_pipe.items():
        print(f"  {name:<20} {seconds:7.3f} s  {100 * seconds / total:5.1f} %")

    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    list(pipeline.pipe(articles, batch_size=32))
    profiler.stop()
    print(profiler.output_text(unicode=False, color=False, show_all=False))
    if args.html:
        Path(args.html).write_text(profiler.output_html(), encoding="utf-8")


if __name__ == "__main__":
    main()
