"""Cost of the temporal-expression finder on a ~600-word article (median of repeated runs).

Run: .venv/bin/python benchmarks/times.py
"""

from __future__ import annotations

import statistics
import time
from datetime import date

from veille.temporal import find_times

PARAGRAPH = (
    "Le ministre de la Défense a annoncé hier mardi que l'armée avait neutralisé 63 "
    "terroristes au cours d'une opération menée dans la région de Mopti entre le 3 et le "
    "5 février. Selon un communiqué publié ce matin, les soldats sont déployés depuis "
    "bientôt deux ans dans cette zone, où des groupes armés sévissent depuis 2012. La "
    "junte, qui dirige le pays depuis le coup d'État d'août 2020, entend organiser des "
    "élections en juillet prochain. Il y a trois jours, une embuscade avait coûté la vie "
    "à douze soldats, sans que le bilan des pertes civiles soit connu. ")


def main() -> None:
    """Print the median time of find_times over 200 runs."""
    text = PARAGRAPH * 6
    published = date(2023, 2, 8)
    find_times(text, published)  # builds the grammar once
    durations = []
    for _ in range(200):
        started = time.perf_counter()
        find_times(text, published)
        durations.append(time.perf_counter() - started)
    print(f"{len(text.split())} words: median {statistics.median(durations) * 1000:.2f} ms, "
          f"min {min(durations) * 1000:.2f} ms over {len(durations)} runs")


if __name__ == "__main__":
    main()
