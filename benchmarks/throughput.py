"""Throughput and memory of bare fr_core_news_md against the whole veille pipeline.

Run: .venv/bin/python benchmarks/throughput.py [--articles FILE.jsonl] [--runs 3]

Both measure the same texts (title + blank line + text of each article) with nlp.pipe in one
process; the figure that matters is the ratio veille/bare. Each is run --runs times, bare and
veille taking turns (so that a change of load on a shared machine falls on both), and the
median is reported, with the ratio of each pair of runs and the process's peak RSS after all
runs. The CPU seconds of the process are reported next to the wall clock: when other work
shares the cores, a run waits for them, which its CPU time does not count.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from veille.ingest import Failure  # noqa: E402
from veille.ingest.files import read_articles  # noqa: E402
from veille.model import Article  # noqa: E402
from veille.pipeline import load  # noqa: E402


def _articles(path: str, repeat: int) -> list[Article]:
    items = [a for a in read_articles([path]) if not isinstance(a, Failure)]
    return items * repeat


def _seconds(fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Return the wall-clock and CPU seconds of ``fn()``."""
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def main() -> None:
    """Measure and print articles/s, words/s and the ratio veille/bare."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", default=str(ROOT / "examples" / "seed.jsonl"))
    parser.add_argument("--repeat", type=int, default=1, help="repeat the corpus N times")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()

    articles = _articles(args.articles, args.repeat)
    texts = [a.body for a in articles]
    words = sum(len(t.split()) for t in texts)

    bare = spacy.load("fr_core_news_md")
    pipeline = load()
    # Warm both up once: first calls pay for lazy allocations.
    list(bare.pipe(texts[:2]))
    list(pipeline.pipe(articles[:2]))

    bare_runs: list[tuple[float, float]] = []
    veille_runs: list[tuple[float, float]] = []
    for _ in range(args.runs):
        bare_runs.append(_seconds(lambda: list(bare.pipe(texts, batch_size=args.batch_size))))
        veille_runs.append(_seconds(
            lambda: list(pipeline.pipe(articles, batch_size=args.batch_size))))
    bare_times, bare_cpu = [w for w, _ in bare_runs], [c for _, c in bare_runs]
    veille_times, veille_cpu = [w for w, _ in veille_runs], [c for _, c in veille_runs]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    rows = {}
    for name, times, cpu in (("bare fr_core_news_md", bare_times, bare_cpu),
                             ("veille pipeline", veille_times, veille_cpu)):
        med = statistics.median(times)
        rows[name] = {"seconds_median": round(med, 3), "articles_per_s": round(len(texts) / med, 2),
                      "words_per_s": round(words / med), "runs": [round(t, 3) for t in times],
                      "cpu_seconds_median": round(statistics.median(cpu), 3),
                      "cpu_runs": [round(t, 3) for t in cpu]}
    ratio = (rows["veille pipeline"]["articles_per_s"]
             / rows["bare fr_core_news_md"]["articles_per_s"])
    cpu_ratio = statistics.median(bare_cpu) / statistics.median(veille_cpu)
    report = {"articles": len(texts), "words": words, "results": rows,
              "throughput_ratio_veille_over_bare": round(ratio, 3),
              "pairwise_ratios": [round(b / v, 3)
                                  for b, v in zip(bare_times, veille_times, strict=True)],
              "cpu_ratio_veille_over_bare": round(cpu_ratio, 3),
              "cpu_pairwise_ratios": [round(b / v, 3)
                                      for b, v in zip(bare_cpu, veille_cpu, strict=True)],
              "peak_rss_mb": round(peak_mb)}
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
