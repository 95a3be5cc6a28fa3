"""Score predicted PLOVER events against gold annotations (see ``gold/FORMAT.md``, "Matching").

Gold records are gold-format dicts (``id, published, events, places``); predicted records are
``ArticleResult.to_dict()`` dicts. Records pair by ``id``.

Fine points decided here (one rule for every run):

- Strict match: same event type, and for actor and recipient each the gold codes are empty or
  share a code with the predicted codes; CONSULT compares the unions actor+recipient. Gold
  actors that are unnamed armed actors (sector REB/UAF with a generic description, see
  ``UNNAMED_ARMED_DESCRIPTIONS``) or that carry no code impose nothing and are dropped first.
- Pairing is one to one and maximises matched *required* gold events, then matched optional
  ones (Kuhn's augmenting paths, required gold tried first: a gold event once matched stays
  matched). A prediction paired with optional gold is neither TP nor FP; unmatched optional
  gold is not FN.
- P = TP/(TP+FP), R = TP/(TP+FN). When TP, FP and FN are all 0 (nothing to find, nothing
  claimed) P, R and F1 are 1.0; any other 0/0 is 0.0.
- Attribute scores use every strict-matched pair, required and optional.
- Place (event place and place mentions): a gold place that is a country or a region (kind
  "country"/"region" in the record's places) with a country code is right when the country
  codes agree; otherwise right within 50 km. A gold place without coordinates falls back to the
  country code; a gold region without a country code (Sahel, Europe) to the same normalised
  name or 50 km.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from veille.errors import Errors, InputError

LOGGER = logging.getLogger(__name__)

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

# Generic descriptions of armed actors whose affiliation the text does not give. Written without
# accents, in the plural; a final "s" on each word is optional when matching, so "un groupe
# armé" and "des groupes armés" are both generic.
UNNAMED_ARMED_DESCRIPTIONS: tuple[str, ...] = (
    "hommes armes",
    "individus armes",
    "groupes armes",
    "bandits armes",
    "hommes non identifies",
    "terroristes",
    "jihadistes",
    "djihadistes",
    "assaillants",
    "inconnus",
    "insurges",
)
UNNAMED_ARMED_SECTORS: frozenset[str] = frozenset({"REB", "UAF"})
AREA_KINDS: frozenset[str] = frozenset({"country", "region"})
PLACE_RADIUS_KM = 50.0
EARTH_RADIUS_KM = 6371.0088
ATTRIBUTES: tuple[str, ...] = ("date", "place", "mode", "status")

Record = dict[str, Any]


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _description_pattern(phrase: str) -> str:
    return r"\s+".join(re.escape(word.removesuffix("s")) + "s?" for word in phrase.split())


_UNNAMED_ARMED_RE = re.compile(
    r"\b(?:" + "|".join(_description_pattern(p) for p in UNNAMED_ARMED_DESCRIPTIONS) + r")\b"
)
# Typographic and ASCII apostrophes, every dash, and whitespace do not distinguish toponyms
# ("Nord-Kivu" / "Nord Kivu", "Côte d’Ivoire" / "Cote d'Ivoire").
_NAME_NOISE_RE = re.compile(r"[\s'’ʼ`\-‐‑‒–—]+")
_WORD_RE = re.compile(r"\w+")


def normalise_name(name: str) -> str:
    """Return a toponym reduced for comparison: casefolded, no accents, hyphens, apostrophes."""
    return _NAME_NOISE_RE.sub("", _strip_accents(name))


def is_unnamed_armed(actor: Record) -> bool:
    """Return whether a gold actor is an armed actor known only by a generic description."""
    if actor.get("sector") not in UNNAMED_ARMED_SECTORS:
        return False
    return bool(_UNNAMED_ARMED_RE.search(_strip_accents(str(actor.get("name") or ""))))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _gold_codes(actors: list[Record]) -> set[str]:
    return {a["country"] for a in actors if a.get("country") and not is_unnamed_armed(a)}


def _codes(actors: list[Record]) -> set[str]:
    return {a["country"] for a in actors if a.get("country")}


def _side_ok(gold_codes: set[str], pred_codes: set[str]) -> bool:
    return not gold_codes or bool(gold_codes & pred_codes)


def strict_match(gold: Record, pred: Record) -> bool:
    """Return whether a predicted event matches a gold event under the strict rule."""
    if pred.get("event") != gold.get("event"):
        return False
    g_actor, g_recip = gold.get("actor") or [], gold.get("recipient") or []
    p_actor, p_recip = pred.get("actor") or [], pred.get("recipient") or []
    if gold.get("event") == "CONSULT":
        # Who visits whom is often ambiguous in reports of meetings: compare the parties only.
        return _side_ok(_gold_codes(g_actor + g_recip), _codes(p_actor + p_recip))
    return _side_ok(_gold_codes(g_actor), _codes(p_actor)) and _side_ok(
        _gold_codes(g_recip), _codes(p_recip)
    )


def type_match(gold: Record, pred: Record) -> bool:
    """Return whether a predicted event has the gold event's type."""
    return pred.get("event") == gold.get("event")


def _evidence_text(event: Record) -> str:
    evidence = event.get("evidence")
    if isinstance(evidence, dict):
        evidence = evidence.get("text")
    return str(evidence or "")


def _affinity(gold: Record, pred: Record) -> tuple[float, int]:
    g_words = set(_WORD_RE.findall(_evidence_text(gold).casefold()))
    p_words = set(_WORD_RE.findall(_evidence_text(pred).casefold()))
    overlap = len(g_words & p_words) / len(g_words | p_words) if g_words | p_words else 0.0
    g_place = gold.get("place")
    agreed = (
        date_right(gold.get("date"), pred.get("date"))
        + (gold.get("mode") == pred.get("mode"))
        + (gold.get("status") == pred.get("status"))
        + (g_place is not None and place_right(g_place, pred.get("place"), area=False))
    )
    return overlap, agreed


def match_events(
    gold: list[Record], pred: list[Record], matches: Callable[[Record, Record], bool]
) -> dict[int, int]:
    """Pair gold and predicted events one to one; return {gold index: predicted index}."""
    # Several predictions often fit one gold event equally well by type and codes; trying the
    # likeliest first (same evidence, then same attributes) pairs each gold event with the
    # prediction of the same real-world event, so attribute scores and error lists make sense.
    edges: list[list[int]] = []
    for g in gold:
        candidates = {j: _affinity(g, p) for j, p in enumerate(pred) if matches(g, p)}
        # sorted() is stable even in reverse: ties keep the predictions' order.
        edges.append(sorted(candidates, key=candidates.__getitem__, reverse=True))
    owner: dict[int, int] = {}  # predicted index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    # Kuhn's algorithm never unmatches a gold event it has matched, so trying every required
    # event before any optional one maximises required matches first, then the total.
    order = sorted(range(len(gold)), key=lambda i: bool(gold[i].get("optional")))
    for i in order:
        augment(i, set())
    return {i: j for j, i in owner.items()}


def date_right(gold: str | None, pred: str | None) -> bool:
    """Return whether the predicted date equals the gold date at the gold precision."""
    if gold is None or pred is None:
        return gold is None and pred is None
    return len(pred) >= len(gold) and pred[: len(gold)] == gold


def place_right(gold: Record, pred: Record | None, *, area: bool) -> bool:
    """Return whether a predicted place agrees with a gold place (country rule for areas)."""
    if pred is None:
        return False
    g_country = gold.get("country")
    if area and g_country:
        return bool(pred.get("country") == g_country)
    g_lat, g_lon = gold.get("lat"), gold.get("lon")
    if g_lat is None or g_lon is None:
        return bool(pred.get("country") == g_country) if g_country else _same_name(gold, pred)
    if area and _same_name(gold, pred):
        return True  # a region without a country (Sahel): its centroid is a convention
    p_lat, p_lon = pred.get("lat"), pred.get("lon")
    if p_lat is None or p_lon is None:
        return False
    return haversine_km(g_lat, g_lon, p_lat, p_lon) <= PLACE_RADIUS_KM


def _place_key(place: Record) -> str:
    return normalise_name(str(place.get("name") or ""))


def _same_name(a: Record, b: Record) -> bool:
    return _place_key(a) == _place_key(b)


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


@dataclass
class Score:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Return TP/(TP+FP); 1.0 when nothing was predicted and nothing was to be found."""
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        """Return TP/(TP+FN); 1.0 when nothing was to be found and nothing was predicted."""
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Return the harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        """Add another score's counts to this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
        }  # fmt: skip


@dataclass
class Ratio:
    """A count of correct items out of a total."""

    correct: int = 0
    total: int = 0

    @property
    def ratio(self) -> float:
        """Return correct/total, 0.0 when there is nothing to count."""
        return _ratio(self.correct, self.total)

    def count(self, right: bool) -> None:
        """Count one item, right or wrong."""
        self.total += 1
        self.correct += int(right)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {"correct": self.correct, "total": self.total, "ratio": self.ratio}

    def __str__(self) -> str:
        return f"{self.correct}/{self.total} {self.ratio:.3f}"


@dataclass
class TypeRow(Score):
    """Strict counts for one event type, with how many gold and predicted events it has."""

    gold: int = 0  # required gold events
    gold_optional: int = 0
    predicted: int = 0
    date: Ratio = field(default_factory=Ratio)  # date right on this type's strict-matched pairs

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        d = {"gold": self.gold, "gold_optional": self.gold_optional, "predicted": self.predicted}
        return d | super().to_dict() | {"date": self.date.to_dict()}


def _event_summary(event: Record) -> dict[str, Any]:
    return {
        "event": event.get("event"),
        "mode": event.get("mode"),
        "actor": sorted(_codes(event.get("actor") or [])),
        "recipient": sorted(_codes(event.get("recipient") or [])),
        "evidence": _evidence_text(event) or None,
    }


@dataclass
class ArticleErrors:
    """The events of one article that the strict pairing left unmatched."""

    id: str
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    false_negatives: list[dict[str, Any]] = field(default_factory=list)
    # Matched pairs whose date, place, mode or status differ: {event, attribute, gold, pred, ...}.
    attributes: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return dataclasses.asdict(self)


@dataclass
class Report:
    """Scores of a prediction run against gold, with the unmatched events for error analysis."""

    articles: int = 0
    predicted_articles: int = 0
    missing_predictions: list[str] = field(default_factory=list)
    unknown_predictions: int = 0
    strict: Score = field(default_factory=Score)
    type_only: Score = field(default_factory=Score)
    per_type: dict[str, TypeRow] = field(default_factory=dict)
    attributes: dict[str, Ratio] = field(default_factory=lambda: {a: Ratio() for a in ATTRIBUTES})
    matched_pairs: int = 0
    places_found: Ratio = field(default_factory=Ratio)
    places_right: Ratio = field(default_factory=Ratio)
    errors: list[ArticleErrors] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (what ``veille eval --json`` prints)."""
        return {
            "articles": {
                "gold": self.articles,
                "predicted": self.predicted_articles,
                "missing_predictions": list(self.missing_predictions),
                "unknown_predictions": self.unknown_predictions,
            },
            "strict": self.strict.to_dict(),
            "type_only": self.type_only.to_dict(),
            "per_type": {t: row.to_dict() for t, row in self.per_type.items()},
            "attributes": {"pairs": self.matched_pairs}
            | {name: r.to_dict() for name, r in self.attributes.items()},
            "place_mentions": {
                "found": self.places_found.to_dict(),
                "right": self.places_right.to_dict(),
            },
            "errors": [e.to_dict() for e in self.errors],
        }

    def format_text(self, *, verbose: bool = False) -> str:
        """Return a compact table for humans; the headline numbers come last."""
        lines: list[str] = []
        if verbose:
            # Errors first: a hook shows only the tail, which must keep the headline numbers.
            for art in self.errors:
                lines.append(f"# {art.id}")
                lines.extend(f"  FP {_format_event(e)}" for e in art.false_positives)
                lines.extend(f"  FN {_format_event(e)}" for e in art.false_negatives)
                lines.extend(f"  ≠{_format_mismatch(m)}" for m in art.attributes)
            if self.errors:
                lines.append("")
        lines.append(f"{'type':<10}{'gold':>6}{'opt':>5}{'pred':>6}{'TP':>5}{'FP':>5}{'FN':>5}"
                     f"{'P':>7}{'R':>7}{'F1':>7}{'date':>9}")  # fmt: skip
        for name, row in self.per_type.items():
            date = f"{row.date.correct}/{row.date.total}" if row.date.total else "-"
            lines.append(
                f"{name:<10}{row.gold:>6}{row.gold_optional:>5}{row.predicted:>6}{row.tp:>5}"
                f"{row.fp:>5}{row.fn:>5}{row.precision:>7.3f}{row.recall:>7.3f}{row.f1:>7.3f}"
                f"{date:>9}"
            )
        lines.append("")
        lines.append(
            f"articles   {self.articles} gold, {self.predicted_articles} predicted, "
            f"{len(self.missing_predictions)} missing, {self.unknown_predictions} not in gold"
        )
        for label, score in (("strict", self.strict), ("type-only", self.type_only)):
            lines.append(
                f"{label:<10} P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}"
                f"  (TP {score.tp}  FP {score.fp}  FN {score.fn})"
            )
        lines.append(f"attributes on {self.matched_pairs} strict-matched pairs:")
        lines.append("  " + "  ".join(f"{n} {r}" for n, r in self.attributes.items()))
        lines.append(f"places     found {self.places_found}  right {self.places_right}")
        return "\n".join(lines)


def _format_event(e: dict[str, Any]) -> str:
    actors = ",".join(e["actor"]) or "-"
    recipients = ",".join(e["recipient"]) or "-"
    return f"{e['event']} {actors} -> {recipients}  «{e['evidence'] or ''}»"


def _format_mismatch(m: dict[str, Any]) -> str:
    return (f"{m['attribute']} {m['event']}: gold {m['gold']!r} pred {m['pred']!r}"
            f"  «{m['evidence'] or ''}»")  # fmt: skip


def _index_predictions(predicted: Iterable[Record]) -> dict[str, Record]:
    by_id: dict[str, Record] = {}
    for record in predicted:
        rid = record.get("id")
        if not isinstance(rid, str):
            LOGGER.warning("prediction without a string id: ignored")
        elif rid in by_id:
            # A second result for one article is a pipeline bug; scoring both would double FP.
            LOGGER.warning("duplicate prediction for id %r: keeping the first", rid)
        else:
            by_id[rid] = record
    return by_id


def _score_places(report: Report, gold: Record, pred: Record | None) -> None:
    pred_places: dict[str, list[Record]] = {}
    for place in (pred or {}).get("places") or []:
        pred_places.setdefault(_place_key(place), []).append(place)
    for place in gold.get("places") or []:
        same_name = pred_places.get(_place_key(place), [])
        area = place.get("kind") in AREA_KINDS
        report.places_found.count(bool(same_name))
        report.places_right.count(any(place_right(place, p, area=area) for p in same_name))


def _score_attributes(
    report: Report, gold: Record, g: Record, p: Record, errors: ArticleErrors
) -> None:
    right = {
        "date": date_right(g.get("date"), p.get("date")),
        "mode": g.get("mode") == p.get("mode"),
        "status": g.get("status") == p.get("status"),
    }
    g_place = g.get("place")
    if g_place is not None:
        places = gold.get("places") or []
        area = any(pl.get("kind") in AREA_KINDS and _same_name(pl, g_place) for pl in places)
        right["place"] = place_right(g_place, p.get("place"), area=area)
    report.per_type[str(g.get("event"))].date.count(right["date"])
    for name, ok in right.items():
        report.attributes[name].count(ok)
        if not ok:
            errors.attributes.append({
                "event": g.get("event"),
                "attribute": name,
                "gold": _attribute_value(g, name),
                "pred": _attribute_value(p, name),
                "evidence": _evidence_text(p) or None,
            })  # fmt: skip


def _attribute_value(event: Record, name: str) -> Any:
    value = event.get(name)
    if name == "place" and isinstance(value, dict):
        return f"{value.get('name')} ({value.get('country')})"
    return value


def _score_article(report: Report, gold: Record, pred: Record | None) -> None:
    g_events: list[Record] = gold.get("events") or []
    p_events: list[Record] = (pred or {}).get("events") or []
    for g in g_events:
        row = report.per_type.setdefault(str(g.get("event")), TypeRow())
        if g.get("optional"):
            row.gold_optional += 1
        else:
            row.gold += 1
    for p in p_events:
        report.per_type.setdefault(str(p.get("event")), TypeRow()).predicted += 1

    report.type_only.add(_count(g_events, p_events, match_events(g_events, p_events, type_match)))
    pairs = match_events(g_events, p_events, strict_match)
    report.strict.add(_count(g_events, p_events, pairs))
    errors = ArticleErrors(id=str(gold.get("id")))
    for i, j in pairs.items():
        report.matched_pairs += 1
        _score_attributes(report, gold, g_events[i], p_events[j], errors)
        if not g_events[i].get("optional"):
            report.per_type[str(g_events[i].get("event"))].tp += 1
    matched_pred = set(pairs.values())
    for j, p in enumerate(p_events):
        if j not in matched_pred:
            report.per_type[str(p.get("event"))].fp += 1
            errors.false_positives.append(_event_summary(p))
    for i, g in enumerate(g_events):
        if i not in pairs and not g.get("optional"):
            report.per_type[str(g.get("event"))].fn += 1
            errors.false_negatives.append(_event_summary(g))
    if errors.false_positives or errors.false_negatives or errors.attributes:
        report.errors.append(errors)
    _score_places(report, gold, pred)


def _count(gold: list[Record], pred: list[Record], pairs: dict[int, int]) -> Score:
    required = {i for i, g in enumerate(gold) if not g.get("optional")}
    tp = sum(1 for i in pairs if i in required)
    return Score(tp=tp, fp=len(pred) - len(pairs), fn=len(required) - tp)


def _type_order(name: str) -> tuple[int, str]:
    return (PLOVER_TYPES.index(name) if name in PLOVER_TYPES else len(PLOVER_TYPES), name)


def evaluate(gold: Iterable[Record], predicted: Iterable[Record]) -> Report:
    """Score predicted article records against gold records paired by id."""
    gold_records = list(gold)
    gold_ids: set[str] = set()
    for n, record in enumerate(gold_records, 1):
        rid = record.get("id")
        if not isinstance(rid, str):
            raise InputError(
                Errors.E009.format(where=f"gold record {n}", key="id", type=type(rid).__name__)
            )
        if rid in gold_ids:
            # Two gold answers for one article make every score ambiguous: refuse.
            raise InputError(f"gold record {n}: duplicate id {rid!r}. Each article once.")
        gold_ids.add(rid)
    by_id = _index_predictions(predicted)
    report = Report(articles=len(gold_records))
    report.unknown_predictions = sum(1 for rid in by_id if rid not in gold_ids)
    if report.unknown_predictions:
        LOGGER.info("%d prediction(s) have no gold record", report.unknown_predictions)
    for record in gold_records:
        pred = by_id.get(record["id"])
        if pred is None:
            report.missing_predictions.append(record["id"])
        else:
            report.predicted_articles += 1
        _score_article(report, record, pred)
    report.per_type = dict(sorted(report.per_type.items(), key=lambda kv: _type_order(kv[0])))
    return report


def read_jsonl(path: str | Path) -> list[Record]:
    """Read a JSONL file of objects; raise InputError naming the file and line when bad."""
    path = Path(path)
    if not path.exists():
        raise InputError(Errors.E013.format(path=path), where=str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        message = Errors.E003.format(path=path, position=exc.start)
        raise InputError(message, where=str(path)) from exc
    except OSError as exc:
        message = Errors.E002.format(path=path, reason=exc.strerror)
        raise InputError(message, where=str(path)) from exc
    records: list[Record] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                Errors.E005.format(where=where, reason=exc.msg), where=where, reason=exc.msg
            ) from exc
        if not isinstance(record, dict):
            raise InputError(Errors.E008.format(where=where), where=where)
        records.append(record)
    return records
