"""A synthetic French news corpus for the benchmarks, written as JSONL (not committed).

Run: .venv/bin/python benchmarks/corpus.py --articles 10000 -o /tmp/veille-10k.jsonl

The reports come from the templates of the tests (``tests/synthetic.py``: attacks,
demonstrations, deployments and visits in Mali, Burkina Faso and Niger, each told by several
outlets). A synthetic report is short (one event sentence and three background sentences),
so every sixth article here is lengthened with the background sentences of other reports, to
mix short dispatches with longer articles.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = 2000


def synthetic():  # type: ignore[no-untyped-def]
    """Return the tests' synthetic-corpus module."""
    spec = importlib.util.spec_from_file_location("veille_synthetic",
                                                  ROOT / "tests" / "synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["veille_synthetic"] = module
    spec.loader.exec_module(module)
    return module


def records(n: int, seed: int = 7) -> list[dict[str, str]]:
    """Return ``n`` article records (id, title, text, published, url, source)."""
    module = synthetic()
    # make_reports gives each report its own three background sentences, in order: at most a
    # few thousand per call, so a large corpus is made of blocks with different seeds.
    reports = []
    for block in range(0, n, BLOCK):
        size = min(BLOCK, n - block)
        reports += module.make_reports(size, seed=seed + block, copies=size // 20)
    rng = random.Random(seed)
    out = []
    for i, r in enumerate(reports):
        text = r.text
        if i % 6 == 5:
            text += " " + " ".join(rng.sample(module.FILLERS, 8))
        out.append({"id": f"s{i:05d}", "title": r.title, "text": text,
                    "published": r.published.isoformat(), "url": f"{r.url}?n={i}",
                    "source": r.outlet})
    return out


def main() -> None:
    """Write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    with open(args.output, "w", encoding="utf-8") as fh:
        for record in records(args.articles):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
