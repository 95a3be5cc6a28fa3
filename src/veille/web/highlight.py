"""An article's body cut into pieces by the spans coded in it (actors, places, dates, triggers,
evidence, quotes), so that a template can mark each piece up and escape its text.

Spans overlap freely (a trigger lies inside its evidence, an actor inside a quote): the body is
cut at every span boundary and each piece carries the kinds of all the spans that cover it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

# The kinds of span, in the order their notes are listed on a piece.
KINDS = ("evidence", "trigger", "actor", "place", "time", "quote")


@dataclass(frozen=True)
class Span:
    """A stretch of the body ``[start, end)`` and what it is."""

    start: int | None
    end: int | None
    kind: str
    note: str
    anchor: str | None = None


def segments(body: str, spans: list[Span]) -> list[dict[str, Any]]:
    """Return the body as consecutive pieces: text, kinds, notes, anchors that start there."""
    n = len(body)
    # Spans whose offsets do not fit the body (a damaged row) are left out, not guessed at.
    good = [(s.start, s.end, s) for s in spans if s.kind in KINDS and s.start is not None
            and s.end is not None and 0 <= s.start < s.end <= n]
    cuts = sorted({0, n, *(a for a, _, _ in good), *(b for _, b, _ in good)})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        covering = sorted((s for a, b, s in good if a <= start and end <= b),
                          key=lambda s: KINDS.index(s.kind))
        pieces.append({
            "text": body[start:end], "start": start, "end": end,
            "kinds": list(dict.fromkeys(s.kind for s in covering)),
            "notes": list(dict.fromkeys(s.note for s in covering)),
            "anchors": [s.anchor for a, _, s in good if s.anchor and a == start]})
    return pieces
