"""Ingest throughput next to coding alone, on the synthetic corpus of the tests.

Both sides start from the same good records of a freshly written corpus (mixed formats:
JSONL, HTML, RSS, WARC, plain text; plus its bad records), with the model loaded once before
timing:

* ``extract``: the sources read and coded with ``Pipeline.pipe``, results discarded — what
  ``veille extract`` does without printing;
* ``ingest``: ``veille.corpus.ingest`` into a new DuckDB store (or ``--db`` PostgreSQL URL
  prefix): reading, keys and near-duplicate look-ups, coding, clustering, one transaction
  per batch.

Each side runs ``--runs`` times; the script prints a JSON report with the median seconds and
articles/s (articles = good records coded or stored) and the ratio ingest/extract.

    .venv/bin/python benchmarks/ingest.py --articles 600 --runs 3 --workers 1
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

# (Run as a script, this folder is on sys.path: the corpus helper is its neighbour.)
from corpus import synthetic as _synthetic


def main() -> None:
    """Run the benchmark and print its JSON report."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=600, help="good records (default 600)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    from veille.corpus import ingest
    from veille.ingest import Failure
    from veille.ingest.sources import read_sources
    from veille.pipeline import load
    from veille.store import open_store

    n = args.articles
    work = Path(tempfile.mkdtemp(prefix="veille-bench-"))
    corpus = _synthetic().write_corpus(
        work / "news", n_good=n, n_text=n // 8, n_html=n // 6, n_rss=n // 10, n_warc=n // 12,
        huge=False)
    pipeline = load()
    list(pipeline.pipe([a for a in read_sources([str(corpus.root)])
                        if not isinstance(a, Failure)][:20]))  # warm-up

    extract_runs, ingest_runs = [], []
    for run in range(args.runs):
        started = time.perf_counter()
        articles = (a for a in read_sources([str(corpus.root)]) if not isinstance(a, Failure))
        coded = sum(1 for _ in pipeline.pipe(articles, n_process=args.workers))
        extract_runs.append(time.perf_counter() - started)
        assert coded == corpus.good

        store = open_store(str(work / f"run-{run}.duckdb"))
        started = time.perf_counter()
        summary = ingest([str(corpus.root)], store, pipeline, workers=args.workers,
                         batch_size=args.batch_size)
        ingest_runs.append(time.perf_counter() - started)
        store.close()
        assert summary.new + summary.copies == corpus.good

    def side(runs: list[float]) -> dict[str, Any]:
        median = statistics.median(runs)
        return {"median_s": round(median, 2), "articles_per_s": round(corpus.good / median, 1),
                "runs_s": [round(r, 2) for r in runs]}

    report = {"articles": corpus.good, "bad_records": len(corpus.bad),
              "workers": args.workers, "batch_size": args.batch_size,
              "extract": side(extract_runs), "ingest": side(ingest_runs)}
    report["ratio_ingest_extract"] = round(
        report["extract"]["median_s"] / report["ingest"]["median_s"], 2)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
