"""The French time lexicon (``data/fr/time.yaml``), the regex pieces built from it, date arithmetic.

``veille.temporal`` finds and resolves expressions with these; nothing here reads an article.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .errors import DataFileError, Errors
from .resources import Field, load_yaml, validate_entries

LOGGER = logging.getLogger(__name__)

TIME_FILE = "fr/time.yaml"

_STRS = Field(list, required=True, item_type=str)
_OPT_STRS = Field(list, item_type=str)
_DIRECTIONS = frozenset({"past", "future"})
_ANCHORS = frozenset({"at", "since", "until"})

SCHEMAS: dict[str, dict[str, Field]] = {
    "months": {"name": Field(str, True), "number": Field(int, True), "forms": _STRS,
               "ambiguous": Field(bool)},
    "weekdays": {"name": Field(str, True), "number": Field(int, True), "forms": _STRS},
    "day_words": {"name": Field(str, True), "offset": Field(int, True), "forms": _STRS},
    "day_parts": {"name": Field(str, True), "forms": _STRS, "this": _OPT_STRS,
                  "night": Field(bool)},
    "directions": {"name": Field(str, True), "forms": _STRS,
                   "direction": Field(str, True, allowed=_DIRECTIONS)},
    "numbers": {"name": Field(str, True), "value": Field(int, True), "forms": _STRS,
                "approximate": Field(bool), "collective": Field(bool)},
    "units": {"name": Field(str, True), "forms": _STRS,
              "unit": Field(str, True, allowed=frozenset(
                  {"hour", "day", "week", "month", "year", "decade"}))},
    "hedges": {"name": Field(str, True), "forms": _STRS},
    "qualifiers": {"name": Field(str, True), "forms": _STRS,
                   "part": Field(str, True, allowed=frozenset({"early", "mid", "late", "during"}))},
    "cues": {"name": Field(str, True), "forms": _STRS,
             "direction": Field(str, allowed=_DIRECTIONS),
             "targets": Field(list, True, allowed=frozenset({"month", "year"}), item_type=str)},
    "anchors": {"name": Field(str, True), "forms": _STRS,
                "anchor": Field(str, True, allowed=_ANCHORS)},
    "duration_cues": {"name": Field(str, True), "forms": _STRS,
                      "anchor": Field(str, True, allowed=_ANCHORS),
                      "direction": Field(str, True, allowed=_DIRECTIONS)},
    "periods": {"name": Field(str, True), "forms": _STRS, "current": _OPT_STRS,
                "unit": Field(str, True, allowed=frozenset({"week", "weekend", "month", "year"}))},
    "recent_leads": {"name": Field(str, True), "forms": _STRS, "needs_number": Field(bool)},
    "year_followers": {"name": Field(str, True), "forms": _STRS},
    "sequel_days": {"name": Field(str, True), "offset": Field(int, True), "forms": _STRS},
    "sequels": {"name": Field(str, True), "forms": _STRS,
                "direction": Field(str, True, allowed=_DIRECTIONS)},
    "same_periods": {"name": Field(str, True), "forms": _STRS,
                     "unit": Field(str, True, allowed=frozenset({"day", "month", "year"}))},
}

# Whitespace inside an expression: spaces, tabs, non-breaking spaces and at most one line
# break, so that a title never runs into the first line of the text.
SP = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"
APOS = "['’ʼ]"
BEGIN = r"(?<![\w\-‑])"
END = r"(?!\w)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:er|ᵉʳ)?|premier"
YEAR = r"(?:19|20)\d{2}(?!\d|[,.]\d)"


def normalize(form: str) -> str:
    """Return the lookup key of a form: lower case, one apostrophe, spaces for hyphens."""
    key = form.lower().replace("’", "'").replace("ʼ", "'")
    key = re.sub(r"[\s\-‑]+", " ", key)
    return key.strip(" .")


def form_atoms(form: str) -> list[str]:
    """Return the regex pieces of one lexicon form: apostrophes, hyphens and spaces loosened."""
    atoms: list[str] = []
    for i, char in enumerate(form):
        if char in "'’":
            atoms.append(APOS)
        elif char in " -":
            atoms.append(r"(?:[\-‑]|" + SP + ")")
        elif char == "." and i == len(form) - 1:
            atoms.append(r"\.?")
        else:
            atoms.append(re.escape(char))
    return atoms


def trie_pattern(words: Iterable[Sequence[str]]) -> str:
    """Return a regex matching any of ``words`` (each a sequence of regex pieces).

    Python's regex engine tries every branch of a flat alternation at every position; a
    prefix tree lets it drop a position after its first letter. Greedy optional branches
    keep the longest form first, as a longest-first alternation would.
    """
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for atom in word:
            node = node.setdefault(atom, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [atom + build(child) for atom, child in sorted(node.items()) if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(tree)


def alternation(forms: Iterable[str]) -> str:
    """Return a non-capturing regex matching any of the lexicon forms."""
    return "(?:" + trie_pattern(form_atoms(f) for f in set(forms)) + ")"


@dataclass(frozen=True)
class Cue:
    """A word before a bare month or year, and what it says about the date."""

    targets: frozenset[str]
    direction: str | None


@dataclass(frozen=True)
class TimeLexicon:
    """French time words, keyed by their normalized form."""

    months: dict[str, int]
    month_abbreviations: frozenset[str]
    ambiguous_months: frozenset[int]
    weekdays: dict[str, int]
    day_words: dict[str, int]
    day_parts: dict[str, str]
    this_parts: dict[str, str]
    night_parts: frozenset[str]
    directions: dict[str, str]
    numbers: dict[str, int]
    approximate_numbers: frozenset[str]
    collectives: dict[str, int]
    units: dict[str, str]
    hedges: frozenset[str]
    qualifiers: dict[str, str]
    cues: dict[str, Cue]
    anchors: dict[str, str]
    duration_cues: dict[str, tuple[str, str]]
    periods: dict[str, str]
    current_periods: dict[str, str]
    recent_leads: dict[str, bool]
    year_followers: frozenset[str]
    sequel_days: dict[str, int]
    sequels: dict[str, str]
    same_periods: dict[str, str]

    def number(self, text: str) -> int | None:
        """Return the value of a count written in digits or words ("vingt-quatre" is 24)."""
        key = normalize(text)
        if key.isdigit():
            return int(key)
        words = re.split(r"[ ']", key)
        for word in words:
            if word in self.collectives:  # "une dizaine de": the noun carries the value
                return self.collectives[word]
        total = 0
        for word in words:
            if word == "et":
                continue
            value = self.numbers.get(word)
            if value is None:
                return None
            total += value
        return total or None


def _forms(entry: Mapping[str, Any], key: str = "forms") -> list[str]:
    return [normalize(f) for f in entry.get(key) or ()]


def _check_range(entries: list[dict[str, Any]], key: str, low: int, high: int,
                 *, path: str, section: str) -> None:
    for i, entry in enumerate(entries):
        if not low <= entry[key] <= high:
            raise DataFileError(Errors.E010.format(
                path=path, where=f"{section} {i + 1} ({entry['name']})",
                message=f"{key!r} is {entry[key]}", allowed=f"{low}..{high}"))


def build_lexicon(raw: Any, *, path: str = TIME_FILE) -> TimeLexicon:
    """Validate the parsed time.yaml and index its forms; raise DataFileError on a bad entry."""
    if not isinstance(raw, dict):
        raise DataFileError(Errors.E010.format(
            path=path, where="top level", message="expected a mapping of sections",
            allowed=", ".join(SCHEMAS)))
    unknown = sorted(set(raw) - set(SCHEMAS))
    if unknown:
        raise DataFileError(Errors.E010.format(
            path=path, where="top level", message=f"unknown section {unknown[0]!r}",
            allowed=", ".join(SCHEMAS)))
    data: dict[str, list[dict[str, Any]]] = {}
    for section, schema in SCHEMAS.items():
        if section not in raw:
            raise DataFileError(Errors.E010.format(
                path=path, where="top level", message=f"missing section {section!r}",
                allowed=", ".join(SCHEMAS)))
        data[section] = validate_entries(raw[section], schema, path=path, what=section)
    _check_range(data["months"], "number", 1, 12, path=path, section="months")
    _check_range(data["weekdays"], "number", 0, 6, path=path, section="weekdays")

    def index(section: str, key: str) -> dict[str, Any]:
        return {f: e[key] for e in data[section] for f in _forms(e)}

    numbers = data["numbers"]
    return TimeLexicon(
        months=index("months", "number"),
        month_abbreviations=frozenset(
            normalize(f) for e in data["months"] for f in e["forms"] if f.endswith(".")),
        ambiguous_months=frozenset(e["number"] for e in data["months"] if e.get("ambiguous")),
        weekdays=index("weekdays", "number"),
        day_words=index("day_words", "offset"),
        day_parts=index("day_parts", "name"),
        this_parts={f: e["name"] for e in data["day_parts"] for f in _forms(e, "this")},
        night_parts=frozenset(f for e in data["day_parts"] if e.get("night") for f in _forms(e)),
        directions=index("directions", "direction"),
        numbers={f: e["value"] for e in numbers if not e.get("collective") for f in _forms(e)},
        approximate_numbers=frozenset(
            f for e in numbers if e.get("approximate") for f in _forms(e)),
        collectives={f: e["value"] for e in numbers if e.get("collective") for f in _forms(e)},
        units=index("units", "unit"),
        hedges=frozenset(f for e in data["hedges"] for f in _forms(e)),
        qualifiers=index("qualifiers", "part"),
        cues={f: Cue(targets=frozenset(e["targets"]), direction=e.get("direction"))
              for e in data["cues"] for f in _forms(e)},
        anchors=index("anchors", "anchor"),
        duration_cues={f: (e["anchor"], e["direction"])
                       for e in data["duration_cues"] for f in _forms(e)},
        periods=index("periods", "unit"),
        current_periods={f: e["unit"] for e in data["periods"] for f in _forms(e, "current")},
        recent_leads={f: bool(e.get("needs_number")) for e in data["recent_leads"]
                      for f in _forms(e)},
        year_followers=frozenset(f for e in data["year_followers"] for f in _forms(e)),
        sequel_days=index("sequel_days", "offset"),
        sequels=index("sequels", "direction"),
        same_periods=index("same_periods", "unit"),
    )


def load_time_lexicon() -> TimeLexicon:
    """Read and validate ``data/fr/time.yaml``."""
    return build_lexicon(load_yaml(TIME_FILE), path=str(TIME_FILE))


class Patterns:
    """The regex pieces of the French time grammar, built from a lexicon."""

    def __init__(self, lex: TimeLexicon) -> None:
        """Build the alternations once; each rule in veille.temporal combines them."""
        # An abbreviation may keep its dot ("déc. 2022"); a full name never takes the sentence's.
        self.month = alternation(
            f + "." if f in lex.month_abbreviations else f for f in lex.months)
        self.weekday = alternation(lex.weekdays)
        self.day_word = alternation(lex.day_words)
        self.day_part = alternation(lex.day_parts)
        self.this_part = alternation(lex.this_parts)
        self.night = alternation(lex.night_parts)
        self.direction = alternation(lex.directions)
        self.past = alternation(f for f, d in lex.directions.items() if d == "past")
        word = alternation(f for f in lex.numbers if f not in lex.approximate_numbers)
        vague = alternation(f for f in lex.numbers if f in lex.approximate_numbers)
        self.number = (
            rf"(?:\d{{1,3}}(?!\d)|{word}(?:(?:[\-‑]et[\-‑]|[\-‑]|{SP}et{SP}){word})*|{vague}"
            rf"|(?:une{SP})?{alternation(lex.collectives)}{SP}?d(?:e{SP}|{APOS}))"
        )
        self.unit = alternation(lex.units)
        self.short_unit = alternation(f for f, u in lex.units.items() if u in ("hour", "day"))
        self.hedge = alternation(lex.hedges)
        self.qualifier = alternation(lex.qualifiers)
        self.cue = alternation(lex.cues)
        self.anchor = alternation(lex.anchors)
        self.duration_cue = alternation(lex.duration_cues)
        self.period = alternation(lex.periods)
        self.current_period = alternation(lex.current_periods)
        self.recent_lead = alternation(lex.recent_leads)
        # Between a cue or qualifier and what follows: "mi-janvier", "d'avril", "fin 2022".
        self.sep = rf"(?:(?<=['’ʼ])|[\-‑]|{SP})"


# --- Date arithmetic -------------------------------------------------------------------------

def period_bounds(value: str) -> tuple[date, date] | None:
    """Return the first and last day of an ISO day, month or year ("2023", "2023-02")."""
    parts = value.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return date(year, 1, 1), date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2:
            following = date(year + month // 12, month % 12 + 1, 1)
            return date(year, month, 1), date.fromordinal(following.toordinal() - 1)
        day = date(year, month, int(parts[2]))
        return day, day
    except ValueError:
        return None


def iso_month(year: int, month: int) -> str:
    """Return "YYYY-MM"."""
    return f"{year:04d}-{month:02d}"


def iso_year(year: int) -> str:
    """Return "YYYY"."""
    return f"{year:04d}"


def add_months(year: int, month: int, count: int) -> tuple[int, int]:
    """Return the (year, month) ``count`` months after (or before) the given month."""
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def make_date(year: int, month: int, day: int) -> date | None:
    """Return the date, or None when it does not exist (30 février)."""
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def nearest_month_year(month: int, published: date) -> int:
    """Return the year of the month nearest to ``published``, at most six months ahead."""
    best = published.year
    best_gap = 99
    for year in (published.year - 1, published.year, published.year + 1):
        gap = (year * 12 + month) - (published.year * 12 + published.month)
        if gap <= 6 and abs(gap) < abs(best_gap):
            best, best_gap = year, gap
    return best


def nearest_day(month: int, day: int, published: date, weekday: int | None = None,
                direction: str | None = None) -> tuple[date | None, str | None]:
    """Return the occurrence of day/month that the text most likely means, and a warning.

    Past wording ("dernier") takes the last one on or before the publication date, future
    wording the first one on or after it; otherwise the nearest one at most ~6 months ahead,
    preferring a year where the named weekday matches.
    """
    # Four years either way so that 29 February always has an occurrence.
    options = [d for y in range(published.year - 4, published.year + 5)
               if (d := make_date(y, month, day)) is not None]
    if not options:
        return None, None
    if direction == "past":
        past = [d for d in options if d <= published]
        return (max(past) if past else None), None
    if direction == "future":
        future = [d for d in options if d >= published]
        return (min(future) if future else None), None
    window = [d for d in options if (d - published).days <= 183]
    if not window:
        return None, None
    if weekday is not None:
        # The weekday settles the year only among dates near publication: a year away, a
        # mismatch is more likely a slip of the writer than another year.
        matching = [d for d in window
                    if d.weekday() == weekday and abs((d - published).days) <= 213]
        if matching:
            return min(matching, key=lambda d: abs((d - published).days)), None
    best = min(window, key=lambda d: abs((d - published).days))
    warning = None
    if weekday is not None:
        warning = (f"the weekday does not match {best.isoformat()}"
                   f" ({calendar.day_name[best.weekday()]})")
    return best, warning


def nearest_day_of_month(day: int, weekday: int, published: date) -> tuple[date | None, str | None]:
    """Return the ``day`` of a month near publication that falls on ``weekday``, and a warning.

    "ce mardi 14" names no month: the 14th that is a Tuesday, nearest to the publication date
    within two months either way (else the nearest 14th, with a warning).
    """
    options = []
    for step in range(-2, 3):
        y, m = divmod(published.month - 1 + step, 12)
        if (d := make_date(published.year + y, m + 1, day)) is not None:
            options.append(d)
    if not options:
        return None, None
    matching = [d for d in options if d.weekday() == weekday]
    best = min(matching or options, key=lambda d: abs((d - published).days))
    if matching:
        return best, None
    return best, (f"the weekday does not match {best.isoformat()}"
                  f" ({calendar.day_name[best.weekday()]})")


def weekday_back(published: date, weekday: int, *, strict: bool) -> date:
    """Return the last ``weekday`` on or before (strictly before if ``strict``) the date."""
    back = (published.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return published - timedelta(days=back)


def weekday_ahead(published: date, weekday: int) -> date:
    """Return the first ``weekday`` strictly after the date."""
    ahead = (weekday - published.weekday()) % 7
    return published + timedelta(days=ahead or 7)


def week_bounds(day: date) -> tuple[date, date]:
    """Return the Monday and Sunday of the week of ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)
