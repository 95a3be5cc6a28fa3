"""PLOVER as data: event types, modes, contexts, and what veille derives (CAMEO, quad, score)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from .errors import DataFileError, Errors
from .resources import load_yaml

PLOVER_FILE = "plover.yaml"
# PLOVER's quad classes, and the colour the dashboard and the charts draw each in.
QUAD_CLASSES = {1: ("verbal cooperation", "#1f78b4"), 2: ("material cooperation", "#33a02c"),
                3: ("verbal conflict", "#ff7f00"), 4: ("material conflict", "#e31a1c")}


@dataclass(frozen=True)
class EventType:
    """One PLOVER event type and its derived codes."""

    name: str
    quad_class: int
    score: float
    modes: tuple[str, ...]
    cameo: str
    cameo_by_mode: dict[str, str] = field(default_factory=dict)
    cameo_by_context: dict[str, str] = field(default_factory=dict)
    score_by_mode: dict[str, float] = field(default_factory=dict)
    needs_recipient: bool = False
    # Its parties are all actors of one another (a reciprocal meeting, joint cooperation).
    mutual: bool = False


@dataclass(frozen=True)
class Ontology:
    """The PLOVER event types, contexts and statuses veille codes with."""

    types: dict[str, EventType]
    contexts: frozenset[str]
    statuses: frozenset[str]

    def cameo(self, event: str, mode: str | None, context: list[str] | tuple[str, ...]) -> str:
        """Return the CAMEO code of an event: its mode's, else a context's, else its type's."""
        t = self.types[event]
        if mode and mode in t.cameo_by_mode:
            return t.cameo_by_mode[mode]
        for c in context:
            if c in t.cameo_by_context:
                return t.cameo_by_context[c]
        return t.cameo

    def score(self, event: str, mode: str | None) -> float:
        """Return the PLOVER score of an event type and mode."""
        t = self.types[event]
        if mode and mode in t.score_by_mode:
            return t.score_by_mode[mode]
        return t.score

    def mutual_types(self) -> tuple[str, ...]:
        """Return the types whose actors all act towards one another (CONSULT, COOPERATE)."""
        return tuple(name for name, t in self.types.items() if t.mutual)

    def check(self, event: str, mode: str | None, context: list[str], *, where: str) -> None:
        """Raise DataFileError unless type, mode and contexts exist in PLOVER."""
        if event not in self.types:
            raise DataFileError(Errors.E010.format(
                path=where, where="event", message=f"unknown event type {event!r}",
                allowed=", ".join(sorted(self.types))))
        if mode is not None and mode not in self.types[event].modes:
            raise DataFileError(Errors.E010.format(
                path=where, where="mode", message=f"mode {mode!r} is not a mode of {event}",
                allowed=", ".join(self.types[event].modes) or "none"))
        for c in context:
            if c not in self.contexts:
                raise DataFileError(Errors.E010.format(
                    path=where, where="context", message=f"unknown context {c!r}",
                    allowed=", ".join(sorted(self.contexts))))


@functools.lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """Read ``data/plover.yaml`` once and check that every derived code names a real mode."""
    raw: dict[str, Any] = load_yaml(PLOVER_FILE)
    types: dict[str, EventType] = {}
    for name, spec in raw["types"].items():
        t = EventType(
            name=name,
            quad_class=int(spec["quad_class"]),
            score=float(spec["score"]),
            modes=tuple(spec.get("modes") or ()),
            cameo=str(spec["cameo"]),
            cameo_by_mode={k: str(v) for k, v in (spec.get("cameo_by_mode") or {}).items()},
            cameo_by_context={k: str(v) for k, v in (spec.get("cameo_by_context") or {}).items()},
            score_by_mode={k: float(v) for k, v in (spec.get("score_by_mode") or {}).items()},
            needs_recipient=bool(spec.get("needs_recipient", False)),
            mutual=bool(spec.get("mutual", False)),
        )
        for mode in (*t.cameo_by_mode, *t.score_by_mode):
            if mode not in t.modes:
                raise DataFileError(Errors.E010.format(
                    path=PLOVER_FILE, where=name, message=f"mode {mode!r} is not declared",
                    allowed=", ".join(t.modes)))
        types[name] = t
    onto = Ontology(types=types, contexts=frozenset(raw["contexts"]),
                    statuses=frozenset(raw["statuses"]))
    for t in types.values():
        for c in t.cameo_by_context:
            if c not in onto.contexts:
                raise DataFileError(Errors.E010.format(
                    path=PLOVER_FILE, where=t.name, message=f"context {c!r} is not declared",
                    allowed=", ".join(sorted(onto.contexts))))
    return onto
