"""Plain data objects that flow through veille: nothing downstream needs a spaCy Doc.

Offsets: every ``start``/``end`` in this module is a character offset into
``Article.body`` — the title, a blank line, then the text (or the text alone when the article
has no title). One convention, everywhere: evidence, actors, places, times and quotes.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any

TITLE_SEPARATOR = "\n\n"


@dataclass
class Article:
    """A news article as read from a source."""

    text: str
    id: str | None = None
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    language: str = "fr"

    @property
    def body(self) -> str:
        """Return the text the pipeline reads: title, blank line, text."""
        if self.title:
            return self.title + TITLE_SEPARATOR + self.text
        return self.text

    @property
    def text_offset(self) -> int:
        """Return where ``text`` starts inside ``body``."""
        return len(self.title) + len(TITLE_SEPARATOR) if self.title else 0

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "language": self.language,
            "text": self.text,
        }


# Names veille gives a side the text leaves unsaid (kind "unidentified") or infers from the
# story (kind "inferred"); the store tells them from names the text gave by these forms.
UNIDENTIFIED_NAME = "non identifié ({})"
INFERRED_NAME = "{} (cause présumée)"
INFERRED_TARGET_NAME = "{} (cible présumée)"


def is_filler_name(name: str | None) -> bool:
    """Return whether an actor name is one veille wrote for an unsaid side, not the text's."""
    if not name:
        return False
    return (name.startswith(UNIDENTIFIED_NAME.split("{}")[0])
            or name.endswith(INFERRED_NAME.split("{}")[1])
            or name.endswith(INFERRED_TARGET_NAME.split("{}")[1]))


@dataclass
class Actor:
    """Who acts or is acted upon: a country/group code and a PLOVER sector.

    ``country`` is an ISO-3166 alpha-3 code or a group code (IGO, IMG, NGO, WST, AFR, SAH).
    ``org`` names the organisation or armed group behind IGO/IMG/NGO codes; ``person`` the
    canonical name of a known person. Offsets point at the mention that was resolved.
    """

    name: str
    country: str | None = None
    sector: str | None = None
    start: int | None = None
    end: int | None = None
    person: str | None = None
    org: str | None = None
    # person | country | capital | org | role | armed | per | description | pronoun | place |
    # guessed | unidentified (the side the text leaves unsaid) | inferred (from other events)
    kind: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict without empty optional keys."""
        d: dict[str, Any] = {
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "start": self.start,
            "end": self.end,
        }
        for key in ("person", "org", "kind"):
            value = getattr(self, key)
            if value is not None:
                d[key] = value
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        """Build from a dict made by ``to_dict`` (or a gold ACTOR)."""
        return cls(name=str(d.get("name") or ""),
                   **{f.name: d.get(f.name) for f in dataclasses.fields(cls) if f.name != "name"})

    @property
    def key(self) -> tuple[str | None, str | None, str | None]:
        """Return what makes two actors the same for merging: code, sector, person/org."""
        return (self.country, self.sector, self.person or self.org)


@dataclass
class Place:
    """A resolved place mention (or an event's place)."""

    name: str
    start: int | None = None
    end: int | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    kind: str = "other"  # city | village | region | country | other
    precision: str | None = None  # city | region | country (how fine the location is)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        """Build from a dict made by ``to_dict``."""
        return cls(**{f.name: d[f.name] for f in dataclasses.fields(cls) if f.name in d})


@dataclass
class TimeValue:
    """A temporal expression and its value, resolved against the publication date.

    ``value`` is an ISO date, month ("2023-07") or year ("2021"), or None when it could not be
    resolved (a relative expression without a publication date). ``anchor`` tells how the value
    relates to the event: "at" (default), "since" ("depuis 2021"), "until", or "range" (with
    ``range_start``/``range_end``).
    """

    text: str
    start: int
    end: int
    value: str | None = None
    precision: str | None = None  # day | month | year
    anchor: str = "at"
    range_start: str | None = None
    range_end: str | None = None
    approximate: bool = False
    relative: bool = False
    direction: str | None = None  # past | future, when the expression says so
    warning: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TimeValue:
        """Build from a dict made by ``to_dict``."""
        return cls(**{f.name: d[f.name] for f in dataclasses.fields(cls) if f.name in d})


@dataclass
class Quote:
    """A quoted or reported statement and who said it."""

    text: str
    start: int
    end: int
    speaker: Actor | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker.to_dict() if self.speaker else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        """Build from a dict made by ``to_dict``."""
        speaker = Actor.from_dict(d["speaker"]) if d.get("speaker") else None
        return cls(text=d["text"], start=d["start"], end=d["end"], speaker=speaker)


@dataclass
class Evidence:
    """The verbatim span of the article that states an event."""

    text: str
    start: int
    end: int
    sentence: int

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return dataclasses.asdict(self)


@dataclass
class Event:
    """One PLOVER event coded from one article, with its provenance."""

    event: str
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    actor: list[Actor] = field(default_factory=list)
    recipient: list[Actor] = field(default_factory=list)
    date: str | None = None
    date_precision: str | None = None
    # Where the date comes from: "text" (a time expression of the clause or sentence),
    # "story" (an earlier event of the same occasion) or "publication" (an undated event told
    # in the passé composé: the month of publication, never its day); None with no date.
    date_source: str | None = None
    place: Place | None = None
    status: str = "actual"
    evidence: Evidence | None = None
    rule: str = ""
    confidence: float = 0.5
    id: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    score: float | None = None
    source: Actor | None = None  # who claims it, for status "claimed"
    is_lead: bool = False
    trigger: tuple[int, int] | None = None  # offsets of the trigger word(s)
    more_evidence: list[Evidence] = field(default_factory=list)
    # Counts the text states: {"killed": 12, "injured": 7, "abducted": ..., "arrested": ...};
    # a kind the text does not count is absent (not 0).
    casualties: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict with the keys of the gold format."""
        return {
            "id": self.id,
            "event": self.event,
            "mode": self.mode,
            "context": list(self.context),
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [a.to_dict() for a in self.recipient],
            "date": self.date,
            "date_precision": self.date_precision,
            "date_source": self.date_source,
            "place": self.place.to_dict() if self.place else None,
            "status": self.status,
            "source": self.source.to_dict() if self.source else None,
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "score": self.score,
            "evidence": self.evidence.to_dict() if self.evidence else None,
            "more_evidence": [e.to_dict() for e in self.more_evidence],
            "trigger": list(self.trigger) if self.trigger else None,
            "casualties": dict(self.casualties),
            "is_lead": self.is_lead,
            "rule": self.rule,
            "confidence": self.confidence,
        }


@dataclass
class Entity:
    """A named or described mention in the text and the actor it resolves to, if any."""

    text: str
    label: str
    start: int
    end: int
    actor: Actor | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "text": self.text,
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "actor": self.actor.to_dict() if self.actor else None,
        }


@dataclass
class ArticleResult:
    """Everything veille extracted from one article."""

    article: Article
    events: list[Event] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeValue] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object that ``veille extract`` prints for one article."""
        a = self.article
        return {
            "id": a.id,
            "url": a.url,
            "title": a.title,
            "published": a.published.isoformat() if a.published else None,
            "language": a.language,
            "source": a.source,
            "events": [e.to_dict() for e in self.events],
            "entities": [e.to_dict() for e in self.entities],
            "places": [p.to_dict() for p in self.places],
            "times": [t.to_dict() for t in self.times],
            "quotes": [q.to_dict() for q in self.quotes],
        }
