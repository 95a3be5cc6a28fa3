"""Cost of the gazetteer: load time, memory of the loaded index, and lookup cost per mention.

Usage: ``python benchmarks/gazetteer.py [--runs 5] [--mentions 20000]``

Three numbers, each the median of ``--runs`` runs, printed as JSON:

- ``load_s``: building the index from ``data/geo/geonames.tsv.gz`` and ``data/fr/places.yaml``
  (what the first article of a process pays; later articles reuse the cached index);
- ``memory_mb``: what the loaded index adds to the process (tracemalloc, Python allocations);
- ``lookup_us`` and ``resolve_us``: microseconds per mention for ``Gazetteer.lookup`` (the
  index alone) and ``Geoparser.resolve`` (lookup plus disambiguation by the article's
  countries), over a list of place names as French news writes them, repeated to
  ``--mentions`` calls.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import tracemalloc

from veille.geo import gazetteer as gazetteer_module
from veille.geo.gazetteer import Gazetteer
from veille.geo.geoparser import Geoparser

# Names as they come out of French news, with the context countries of a Sahel story: towns,
# regions, exonyms, homonyms, and names that are no place at all.
NAMES = (
    "Bamako", "Gao", "Tombouctou", "Kidal", "Ménaka", "Mopti", "Djibo", "Dori", "Ouagadougou",
    "Fada N'Gourma", "Niamey", "Tillabéri", "Diffa", "N'Djamena", "Abéché", "Maiduguri",
    "région du Sahel", "province du Soum", "Liptako-Gourma", "Moscou", "Saint-Pétersbourg",
    "Pékin", "Kaboul", "Tripoli", "Libreville", "Paris", "Washington", "Gorom-Gorom", "Koulikoro",
    "Ségou", "Sikasso", "Kaya", "Ouahigouya", "Agadez", "Zinder", "Kano", "Abuja", "Dakar",
    "Conakry", "Abidjan", "Lomé", "Cotonou", "Barsalogho", "Sebba", "Arbinda", "Tessit",
)
CONTEXT = ("MLI", "BFA", "NER")


def _median_runs(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mentions", type=int, default=20_000)
    args = parser.parse_args(argv)

    def load() -> None:
        gazetteer_module._CACHE.clear()
        Gazetteer.load()

    load_s = _median_runs(load, args.runs)

    gazetteer_module._CACHE.clear()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    gaz = Gazetteer.load()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    memory_mb = sum(s.size_diff for s in after.compare_to(before, "filename")) / 2**20

    names = [NAMES[i % len(NAMES)] for i in range(args.mentions)]
    lookup_s = _median_runs(lambda: [gaz.lookup(n) for n in names], args.runs)
    geoparser = Geoparser(gazetteer=gaz)
    resolve_s = _median_runs(lambda: [geoparser.resolve(n, CONTEXT) for n in names], args.runs)

    report = {
        "runs": args.runs,
        "mentions": args.mentions,
        "entries_indexed_keys": len(gaz.index),
        "load_s": round(load_s, 3),
        "memory_mb": round(memory_mb, 1),
        "lookup_us": round(lookup_s / args.mentions * 1e6, 2),
        "resolve_us": round(resolve_s / args.mentions * 1e6, 2),
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
