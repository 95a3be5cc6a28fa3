"""Find French temporal expressions and resolve them against the publication date.

Each rule is a regex built from ``data/fr/time.yaml`` plus a resolver. A rule runs only on the
stretches of the (lower-cased) text around its trigger words; the longest matches win
(non-overlapping), then a preceding "depuis"/"jusqu'au" turns a date into the start or end of
a span. Dates are built and checked with ``datetime``. dateparser is not used: its search
reads "sa" and "des" as dates and finds nothing in "hier mardi", "juillet prochain" or
"depuis ...".

Without a publication date, an expression that needs one is still returned, with no value:
a date the text does not support is never invented.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .model import TimeValue
from .temporal_rules import (
    APOS,
    BEGIN,
    DAY,
    END,
    SP,
    YEAR,
    Patterns,
    TimeLexicon,
    add_months,
    alternation,
    iso_month,
    iso_year,
    load_time_lexicon,
    make_date,
    nearest_day,
    nearest_day_of_month,
    nearest_month_year,
    normalize,
    trie_pattern,
    week_bounds,
    weekday_ahead,
    weekday_back,
)

LOGGER = logging.getLogger(__name__)

Resolver = Callable[[re.Match[str], "date | None", str], "TimeValue | None"]

# "les" and "la" may stand between an anchor word and the date: "depuis la semaine dernière".
_ARTICLE = rf"(?:(?:la|le|les){SP}|l{APOS})?"
_NEXT_WORD = re.compile(rf"{SP}([^\W\d_]+)")
# Every expression holds a trigger word (a month, a weekday, a unit, a year...) at most this
# many characters after its start and before its end, so a rule only runs on the stretches of
# text around its own triggers: scanning whole articles with every rule is several times slower.
_BEFORE, _AFTER = 60, 40


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    trigger: str  # the kind of trigger word every match of the rule holds


_YEAR_RE = re.compile(YEAR)  # a year written out: the date is then no guess
_TRIGGERS = {
    "numeric_date": "year", "day_date": "month", "day_range": "month", "month": "month",
    "month_range": "month", "year": "year", "year_range": "year", "day_word": "day_word",
    "day_part": "day_part", "night": "day_part", "weekday": "weekday", "period": "period",
    "decade": "unit",
    "duration": "unit", "recent": "unit",
}


def _lower_same_length(text: str) -> str:
    """Lower-case ``text`` keeping every offset: the rules are compiled for lower case only."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    # A few characters ("İ") lower-case to two; keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _tv(m: re.Match[str], text: str, **values: Any) -> TimeValue:
    """Build the value of a match found in the lower-cased copy of ``text``."""
    return TimeValue(text=text[m.start():m.end()], start=m.start(), end=m.end(), **values)


def last_before(tv: TimeValue, published: date) -> TimeValue:
    """Return a yearless day or month that would fall after publication as the one a year
    before ("depuis novembre", "ont pris le pouvoir en juillet"); any other value as it is.

    For expressions whose context says the past: "depuis", or a verb in the passé composé.
    """
    # ISO values compare as strings at the same precision.
    if (not tv.value or tv.precision not in {"day", "month"} or _YEAR_RE.search(tv.text)
            or tv.value <= published.isoformat()[:len(tv.value)]):
        return tv
    value = f"{int(tv.value[:4]) - 1}{tv.value[4:]}"
    if tv.precision == "day":
        try:
            date.fromisoformat(value)
        except ValueError:  # 29 February
            return tv
    return dataclasses.replace(tv, value=value, direction="past")


def _day_number(text: str) -> int:
    digits = re.match(r"\d+", text)
    return int(digits.group(0)) if digits else 1  # "premier"


class FrenchTimeGrammar:
    """The compiled French rules: build once, then call ``find`` on any number of texts."""

    def __init__(self, lex: TimeLexicon) -> None:
        """Compile every rule from the lexicon."""
        self.lex = lex
        p = self.p = Patterns(lex)
        wd, mo, sep = p.weekday, p.month, p.sep
        # One alternation repeated is much faster to scan than four optional groups; the
        # words of the lead are told apart afterwards, on the few matches, by lead_parts.
        lead = rf"(?P<lead>(?:(?:{p.cue}|{p.qualifier}){sep}){{0,3}})"
        self.lead_parts = re.compile(
            rf"(?:(?P<cue1>{p.cue}){sep})?(?:(?P<qual>{p.qualifier}){sep})?"
            rf"(?:(?P<cue2>{p.cue}){sep})?(?:(?P<cue3>{p.cue}){sep})?")
        rules: list[tuple[str, str, Resolver]] = [
            ("numeric_date",
             rf"{BEGIN}(?<![\d./])(?:le{SP})?(?:(?P<d>\d{{1,2}})(?P<s>[/.])(?P<m>\d{{1,2}})"
             rf"(?P=s)(?P<y>\d{{4}})|(?P<iy>\d{{4}})-(?P<im>\d\d)-(?P<id>\d\d))(?![\d/.]\d|\d)",
             self._numeric_date),
            ("day_date",
             rf"{BEGIN}(?:(?P<rel>{p.day_word}),?{SP})?(?:(?P<det>le|ce){SP})?"
             rf"(?:(?P<wd>{wd}),?{SP})?(?P<day>{DAY}){SP}(?P<month>{mo}){END}"
             rf"(?:{SP}(?P<year>{YEAR}))?(?:{SP}(?P<dir>{p.direction}){END})?",
             self._day_date),
            ("day_range",
             rf"{BEGIN}(?:entre{SP}(?:le{SP})?|du{SP}|les{SP})(?:(?P<wd1>{wd}){SP})?(?P<d1>{DAY})"
             rf"(?:{SP}(?P<m1>{mo})(?:{SP}(?P<y1>{YEAR}))?)?{SP}(?:et{SP}(?:le{SP})?|au{SP})"
             rf"(?:(?P<wd2>{wd}){SP})?(?P<d2>{DAY}){SP}(?P<m2>{mo}){END}(?:{SP}(?P<y2>{YEAR}))?",
             self._day_range),
            ("month",
             rf"{BEGIN}{lead}(?P<month>{mo}){END}(?:{SP}(?P<year>{YEAR}))?"
             rf"(?:{SP}(?P<dir>{p.direction}){END})?",
             self._month),
            ("month_range",
             rf"{BEGIN}(?:entre{SP}|de{SP}|d{APOS})(?P<m1>{mo})(?:{SP}(?P<y1>{YEAR}))?{SP}"
             rf"(?:et|à|a){SP}(?P<m2>{mo}){END}(?:{SP}(?P<y2>{YEAR}))?",
             self._month_range),
            ("year",
             rf"{BEGIN}{lead}(?P<year>{YEAR})",
             self._year),
            ("year_range",
             rf"{BEGIN}(?:entre{SP}|de{SP}|d{APOS})(?P<y1>{YEAR}){SP}(?:et|à|a|au){SP}(?P<y2>{YEAR})",
             self._year_range),
            ("decade",
             rf"{BEGIN}(?:(?P<qual>{p.qualifier}){SP}des{SP}|(?:dans|durant|pendant|depuis)"
             rf"{SP}les{SP}|les{SP}|des{SP})ann[ée]es{SP}(?P<dec>(?:19|20)?[0-9]0){END}",
             self._decade),
            ("day_word",
             rf"{BEGIN}(?P<rel>{p.day_word}){END}(?:,?{SP}(?P<wd>{wd}){END})?"
             rf"(?:,?{SP}(?P<part>{p.day_part}){END})?",
             self._day_word),
            ("day_part",
             rf"{BEGIN}(?:(?P<this>{p.this_part})|(?:la{SP})?{p.night}{SP}(?P<dir>{p.past})){END}",
             self._day_part),
            ("night",
             rf"{BEGIN}(?:dans{SP})?la{SP}{p.night}{SP}d(?:e|u){SP}(?:(?P<wd1>{wd})"
             rf"(?:{SP}(?:à|a|au){SP}(?P<wd2>{wd}))?|(?P<d1>{DAY})(?:{SP}(?P<m1>{mo}))?{SP}au{SP}"
             rf"(?P<d2>{DAY}){SP}(?P<m2>{mo})(?:{SP}(?P<y>{YEAR}))?){END}",
             self._night),
            # "ce mardi 14" (no month): the day number only where a count cannot be meant
            # ("mardi 14 soldats ont été tués").
            ("weekday",
             rf"{BEGIN}(?:ce{SP})?(?P<wd>{wd}){END}(?:{SP}(?P<day>{DAY})(?={SP}?[,;.:)]"
             rf"|{SP}(?:(?:au|à|a|et|dans|lors){END}|jusqu{APOS})))?"
             rf"(?:{SP}(?P<part>{p.day_part}){END})?"
             rf"(?:{SP}(?P<dir>{p.direction}){END})?",
             self._weekday),
            ("period",
             rf"{BEGIN}(?:(?P<qual>{p.qualifier}){SP}(?:(?:de|du){SP}|d{APOS})?)?"
             rf"(?:(?P<period>{p.period})(?:{SP}(?P<dir>{p.direction}))?"
             rf"|(?P<current>{p.current_period})){END}",
             self._period),
            ("duration",
             rf"{BEGIN}(?P<cue>{p.duration_cue}){SP}(?:(?P<hedge>{p.hedge})"
             rf"(?:{SP}de{SP}|{SP}d{APOS}|{SP}))?(?P<num>{p.number}){SP}?(?P<unit>{p.unit}){END}",
             self._duration),
            ("recent",
             rf"{BEGIN}(?P<lead>{p.recent_lead}){SP}(?:(?P<num1>{p.number}){SP})?{p.past}{SP}"
             rf"(?:(?P<num2>{p.number}){SP}?)?{p.short_unit}{END}",
             self._recent),
        ]
        self.rules = [_Rule(name, re.compile(rx), fn, _TRIGGERS[name])
                      for name, rx, fn in rules]
        # Dates told from the previous date of the text, not from the publication date: "le
        # lendemain", "dix ans plus tard", "l'année suivante".
        sequel = alternation(lex.sequels)
        self.sequel = re.compile(
            # "à la veille des élections" is the eve of an event, not a date.
            rf"{BEGIN}(?:(?P<day>{alternation(lex.sequel_days)})(?!{SP}d(?:e|u|es|{APOS})\b)"
            rf"|(?P<num>{p.number}){SP}(?P<unit>{p.unit}){SP}(?P<dir>{sequel})"
            rf"|(?:l{APOS}|le{SP}|la{SP})(?P<punit>{p.unit}){SP}(?P<pdir>{sequel})){END}")
        self.sequel_word = re.compile(
            rf"{BEGIN}(?:{alternation(lex.sequel_days)}|{sequel}){END}")
        # "la même année", or completing the date before it: "en juillet de la même année".
        self.same_period = re.compile(
            rf"{BEGIN}(?P<of>d(?:e|u){SP})?(?P<same>{alternation(lex.same_periods)}){END}")
        self.anchor_before = re.compile(
            rf"{BEGIN}(?P<a>{p.anchor})(?:{SP}|(?<=['’ʼ])){_ARTICLE}\Z")
        self.anchor_start = re.compile(rf"(?P<a>{p.anchor}){END}")
        # A form's last word is its trigger: "semaine" for "la semaine", "hui" for "aujourd'hui".
        self.trigger_words: dict[str, set[str]] = {}
        for kind, forms in (("month", lex.months), ("weekday", lex.weekdays),
                            ("day_word", lex.day_words), ("day_part", lex.day_parts),
                            ("unit", lex.units), ("period", lex.periods), ("period", lex.units)):
            for form in forms:
                word = re.split(r"[ ']", form)[-1]
                self.trigger_words.setdefault(word, set()).add(kind)
        # A charset lookahead first: most positions fail on it before any lookbehind is tried.
        first = "".join(sorted({w[0] for w in self.trigger_words} | {"1", "2"}))
        words = trie_pattern([re.escape(c) for c in w] for w in self.trigger_words)
        self.trigger = re.compile(
            rf"(?=[{re.escape(first)}])(?:(?<!\d)(?:19|20)\d\d(?!\d)"
            rf"|(?<![^\W\d_]){words}(?![^\W\d_]))")

    def _windows(self, lower: str) -> dict[str, list[tuple[int, int]]]:
        """Return, per trigger kind, the merged stretches of text where a rule may match."""
        hits: dict[str, list[tuple[int, int]]] = {}
        size = len(lower)
        for m in self.trigger.finditer(lower):
            word = m.group(0)
            kinds = ("year",) if word[0].isdigit() else self.trigger_words[word]
            span = (max(0, m.start() - _BEFORE), min(size, m.end() + _AFTER))
            for kind in kinds:
                spans = hits.setdefault(kind, [])
                if spans and span[0] <= spans[-1][1]:
                    spans[-1] = (spans[-1][0], span[1])
                else:
                    spans.append(span)
        return hits

    # --- finding ---------------------------------------------------------------------------

    def find(self, text: str, published: date | None) -> list[TimeValue]:
        """Return the temporal expressions of ``text``, non-overlapping, in text order."""
        lower = _lower_same_length(text)
        candidates: list[tuple[int, int, TimeValue]] = []
        windows = self._windows(lower)
        for order, rule in enumerate(self.rules):
            for start, end in windows.get(rule.trigger, ()):
                # End on a word boundary: a lookahead at the cut would see no following letter.
                while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
                    end += 1
                for m in rule.pattern.finditer(lower, start, end):
                    found = rule.resolve(m, published, text)
                    if found is not None:
                        candidates.append((order, m.start(), found))
        # Longest first: "hier mardi 7 février" beats "hier mardi"; ties go to the earlier rule.
        candidates.sort(key=lambda c: (c[2].start - c[2].end, c[0], c[1]))
        chosen: list[TimeValue] = []
        for _, _, tv in candidates:
            if all(tv.end <= c.start or tv.start >= c.end for c in chosen):
                chosen.append(tv)
        chosen.sort(key=lambda tv: tv.start)
        previous_end = 0
        for tv in chosen:
            self._attach_anchor(lower, text, tv, previous_end, published)
            previous_end = tv.end
        return self._sequels(lower, text, chosen)

    def _sequels(self, lower: str, text: str, chosen: list[TimeValue]) -> list[TimeValue]:
        """Add the dates told from the text's previous date ("le lendemain", "dix ans plus
        tard"): resolved when that date is precise enough, kept unresolved otherwise."""
        out = list(chosen)
        # The closing words are rare: look for them first, then match backwards from each.
        matches: dict[int, re.Match[str]] = {}
        for hit in self.sequel_word.finditer(lower):
            # (a few characters past the word, for the look-aheads: "la veille des ...")
            window_end = min(len(lower), hit.end() + 12)
            for m in self.sequel.finditer(lower, max(0, hit.start() - 60), window_end):
                if m.end() == hit.end():
                    matches.setdefault(m.start(), m)
                    break
        for m in (matches[k] for k in sorted(matches)):
            if any(not (m.end() <= c.start or m.start() >= c.end) for c in out):
                continue
            # "deux ans après" ends its phrase; "quelques jours après que ..." counts from
            # another event, which the text does not date.
            follows = lower[m.end():m.end() + 3].lstrip()
            if (m.group("dir") or "").startswith("apr") and follows[:1].isalpha():
                continue
            before = [c for c in chosen if c.end <= m.start() and c.value and c.anchor == "at"]
            ref = before[-1] if before else None
            value, precision = self._sequel_value(m, ref)
            # No direction: "le lendemain" is later than the text's date, not than the
            # publication; the value alone tells past from future.
            out.append(_tv(m, text, value=value, precision=precision, relative=True))
        out.sort(key=lambda tv: tv.start)
        return self._same_periods(lower, text, out)

    def _same_periods(self, lower: str, text: str, found: list[TimeValue]) -> list[TimeValue]:
        """Resolve "la même année" (and "en juillet de la même année") from the date before."""
        out = list(found)
        for m in self.same_period.finditer(lower):
            unit = self.lex.same_periods[normalize(m.group("same"))]
            before = [c for c in out if c.end <= m.start() and c.value and c.anchor == "at"]
            # "en juillet de la même année": the month just before takes the year of the date
            # before it.
            if m.group("of") and before and lower[before[-1].end:m.start()].strip() == "":
                owner = before[-1]
                earlier = [c for c in before[:-1] if c.precision is not None]
                if unit == "year" and earlier and owner.precision in {"month", "day"}:
                    year = earlier[-1].value.split("-")[0]  # type: ignore[union-attr]
                    value = year + owner.value[4:]  # type: ignore[index]
                    out[out.index(owner)] = dataclasses.replace(
                        owner, value=value, end=m.end(), text=text[owner.start:m.end()],
                        relative=True, direction=None)
                continue
            if m.group("of") or not before or any(
                    not (m.end() <= c.start or m.start() >= c.end) for c in out):
                continue
            ref = before[-1]
            if ref.value is None or ref.precision is None:
                continue
            keep = {"year": 4, "month": 7, "day": 10}[unit]
            if len(ref.value) < keep:
                continue  # "le même jour" after a month says no day
            out.append(TimeValue(text=text[m.start("same"):m.end()], start=m.start("same"),
                                 end=m.end(), value=ref.value[:keep], precision=unit,
                                 relative=True))
        out.sort(key=lambda tv: tv.start)
        return out

    def _sequel_direction(self, m: re.Match[str]) -> str:
        if m.group("day"):
            return "future" if self.lex.sequel_days[normalize(m.group("day"))] > 0 else "past"
        return self.lex.sequels[normalize(m.group("dir") or m.group("pdir"))]

    def _sequel_value(self, m: re.Match[str],
                      ref: TimeValue | None) -> tuple[str | None, str | None]:
        if ref is None or ref.value is None or ref.precision is None:
            return None, None
        sign = 1 if self._sequel_direction(m) == "future" else -1
        if m.group("day"):
            if ref.precision != "day":
                return None, None
            d = date.fromisoformat(ref.value) + timedelta(
                days=self.lex.sequel_days[normalize(m.group("day"))])
            return d.isoformat(), "day"
        count = self.lex.number(m.group("num")) if m.group("num") else 1
        unit = self.lex.units[normalize(m.group("unit") or m.group("punit"))]
        if count is None:
            return None, None
        parts = [int(x) for x in ref.value.split("-")]
        if unit in ("year", "decade"):
            # ("une décennie plus tard": ten years, as precise as the date it counts from)
            year = parts[0] + sign * count * (10 if unit == "decade" else 1)
            return (iso_year(year), "year") if ref.precision == "year" else (
                iso_month(year, parts[1]), "month")
        if unit == "month" and ref.precision in ("month", "day"):
            y, mo = add_months(parts[0], parts[1], sign * count)
            return iso_month(y, mo), "month"
        if unit in ("day", "week") and ref.precision == "day":
            days = count * (7 if unit == "week" else 1)
            d = date.fromisoformat(ref.value) + timedelta(days=sign * days)
            return d.isoformat(), "day"
        return None, None

    def _attach_anchor(self, lower: str, text: str, tv: TimeValue, previous_end: int,
                       published: date | None) -> None:
        """Mark a date that follows "depuis"/"jusqu'au" as the start/end of a span."""
        if tv.anchor != "at":
            return
        found = self.anchor_start.match(lower, tv.start, tv.end) or self.anchor_before.search(
            lower, max(previous_end, tv.start - 40), tv.start)
        if found is None:
            return
        word = normalize(found.group("a"))
        tv.anchor = self.lex.anchors[word]
        if found.start("a") < tv.start:
            tv.start = found.start("a")
            tv.text = text[tv.start:tv.end]
        if word == "depuis" and published is not None:  # ("dès", "à partir de" look ahead too)
            past = last_before(tv, published)
            tv.value, tv.direction = past.value, past.direction

    # --- resolvers: absolute dates ----------------------------------------------------------

    def _numeric_date(self, m: re.Match[str], published: date | None,
                text: str) -> TimeValue | None:
        if m.group("y"):
            d = make_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        else:
            d = make_date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        if d is None:
            LOGGER.debug("not a date: %r", m.group(0))
            return None
        return _tv(m, text, value=d.isoformat(), precision="day")

    def _day_date(self, m: re.Match[str], published: date | None,
                text: str) -> TimeValue | None:
        lex = self.lex
        day = _day_number(m.group("day"))
        month = lex.months[normalize(m.group("month"))]
        weekday = lex.weekdays[normalize(m.group("wd"))] if m.group("wd") else None
        direction = lex.directions[normalize(m.group("dir"))] if m.group("dir") else None
        warning = None
        if m.group("year"):
            d = make_date(int(m.group("year")), month, day)
            if d is None:
                return None
            relative = False
            if weekday is not None and d.weekday() != weekday:
                warning = f"{m.group('wd')} does not match {d.isoformat()}"
        elif published is None:
            if make_date(2000, month, day) is None:  # 2000 is a leap year: only 30 février fails
                return None
            return _tv(m, text, relative=True, direction=direction)
        else:
            relative = True
            d, warning = nearest_day(month, day, published, weekday, direction)
            if d is None:
                return None
            warning = warning and f"{m.group('wd')}: {warning}"
        if m.group("rel") and published is not None:
            said = published + timedelta(days=lex.day_words[normalize(m.group("rel"))])
            if said != d:
                warning = f"{m.group('rel')} is {said.isoformat()}, not {d.isoformat()}"
        return _tv(m, text, value=d.isoformat(), precision="day", relative=relative,
                   direction=direction, warning=warning)

    def _day_range(self, m: re.Match[str], published: date | None,
                text: str) -> TimeValue | None:
        lex = self.lex
        d1, d2 = _day_number(m.group("d1")), _day_number(m.group("d2"))
        m2 = lex.months[normalize(m.group("m2"))]
        m1 = lex.months[normalize(m.group("m1"))] if m.group("m1") else m2
        if m.group("y2"):
            end = make_date(int(m.group("y2")), m2, d2)
            relative = False
        elif published is None:
            return _tv(m, text, anchor="range", relative=True)
        else:
            end, _ = nearest_day(m2, d2, published)
            relative = True
        if end is None:
            return None
        year1 = int(m.group("y1")) if m.group("y1") else end.year - (1 if m1 > m2 else 0)
        start = make_date(year1, m1, d1)
        if start is None or start > end:
            return None
        return _tv(m, text, value=start.isoformat(), precision="day", anchor="range",
                   range_start=start.isoformat(), range_end=end.isoformat(), relative=relative)

    def _lead(self, m: re.Match[str], target: str) -> tuple[bool, bool, str | None] | None:
        """Read the words before a bare month or year: (any lead, qualified, direction)."""
        text = m.group("lead")
        if not text:
            return False, False, None
        parts = self.lead_parts.fullmatch(text)
        if parts is None:
            return None
        cues = [self.lex.cues[normalize(c)] for c in parts.group("cue1", "cue2", "cue3") if c]
        if any(target not in c.targets for c in cues):
            return None
        direction = next((c.direction for c in cues if c.direction), None)
        return True, parts.group("qual") is not None, direction

    def _month(self, m: re.Match[str], published: date | None,
                text: str) -> TimeValue | None:
        lex = self.lex
        lead = self._lead(m, "month")
        if lead is None:
            return None
        has_lead, qualified, direction = lead
        key = normalize(m.group("month"))
        month = lex.months[key]
        year = int(m.group("year")) if m.group("year") else None
        if m.group("dir"):
            direction = lex.directions[normalize(m.group("dir"))]
        if year is None and m.group("dir") is None:
            # A month alone needs a date context: "en mars", "mi-mars", not "de Mars" (planet).
            if not has_lead or key in lex.month_abbreviations:
                return None
            if month in lex.ambiguous_months and text[m.start("month")].isupper():
                return None
        approximate = qualified
        if year is not None:
            return _tv(m, text, value=iso_month(year, month), precision="month",
                       approximate=approximate, direction=direction)
        if published is None:
            return _tv(m, text, relative=True, approximate=approximate, direction=direction)
        if m.group("dir") and direction == "past":
            year = published.year - (0 if month < published.month else 1)
        elif m.group("dir"):
            year = published.year + (0 if month > published.month else 1)
        else:
            year = nearest_month_year(month, published)
        return _tv(m, text, value=iso_month(year, month), precision="month",
                   approximate=approximate, relative=True, direction=direction)

    def _month_range(self, m: re.Match[str], published: date | None,
                text: str) -> TimeValue | None:
        lex = self.lex
        m1 = lex.months[normalize(m.group("m1"))]
        m2 = lex.months[normalize(m.group("m2"))]
        if m.group("y2"):
            y2, relative = int(m.group("y2")), False
        elif published is None:
            return _tv(m, text, anchor="range", relative=True)
        else:
            y2, relative = nearest_month_year(m2, published), True
        y1 = int(m.group("y1")) if m.group("y1") else y2 - (1 if m1 > m2 else 0)
        if (y1, m1) > (y2, m2):
            return None
        return _tv(m, text, value=iso_month(y1, m1), precision="month", anchor="range",
                   range_start=iso_month(y1, m1), range_end=iso_month(y2, m2), relative=relative)

    def _year(self, m: re.Match[str], published: date | None,
                text: str) -> TimeValue | None:
        lead = self._lead(m, "year")
        if lead is None or not lead[0]:
            return None  # "Agenda 2063", "Covid-19": a bare number is not a year
        # "de 2000 soldats" is a count: a lower-case plural word after the number says so.
        after = _NEXT_WORD.match(text, m.end())
        if after:
            word = after.group(1)
            if (word.islower() and word[-1] in "sx" and len(word) > 2
                    and normalize(word) not in self.lex.year_followers):
                return None
        return _tv(m, text, value=iso_year(int(m.group("year"))), precision="year",
                   approximate=lead[1], direction=lead[2])

    def _year_range(self, m: re.Match[str], published: date | None,
                text: str) -> TimeValue | None:
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        if y1 >= y2:
            return None
        return _tv(m, text, value=iso_year(y1), precision="year", anchor="range",
                   range_start=iso_year(y1), range_end=iso_year(y2))

    def _decade(self, m: re.Match[str], published: date | None,
                text: str) -> TimeValue | None:
        """"dans les années 1980", "à la fin des années 90": a span of years, approximate."""
        digits = m.group("dec")
        first = int(digits) if len(digits) == 4 else 1900 + int(digits)
        last = first + 9
        part = self.lex.qualifiers.get(normalize(m.group("qual") or ""))
        if part == "early":
            last = first + 3
        elif part == "mid":
            first, last = first + 4, first + 6
        elif part == "late":
            first += 7
        return _tv(m, text, value=iso_year(first), precision="year", anchor="range",
                   range_start=iso_year(first), range_end=iso_year(last), approximate=True)

    # --- resolvers: relative to the publication date -----------------------------------------

    def _day_word(self, m: re.Match[str], published: date | None,
                text: str) -> TimeValue | None:
        offset = self.lex.day_words[normalize(m.group("rel"))]
        direction = "past" if offset < 0 else "future" if offset > 0 else None
        if published is None:
            return _tv(m, text, relative=True, direction=direction)
        d = published + timedelta(days=offset)
        warning = None
        if m.group("wd") and self.lex.weekdays[normalize(m.group("wd"))] != d.weekday():
            warning = (f"{m.group('rel')} is {d.isoformat()}, which is not a {m.group('wd')}; "
                       "kept the date of the relative word")
        return _tv(m, text, value=d.isoformat(), precision="day", relative=True,
                   direction=direction, warning=warning)

    def _day_part(self, m: re.Match[str], published: date | None,
                text: str) -> TimeValue | None:
        past = m.group("dir") is not None  # "la nuit dernière" is the night before
        direction = "past" if past else None
        if published is None:
            return _tv(m, text, relative=True, direction=direction)
        d = published - timedelta(days=1 if past else 0)
        return _tv(m, text, value=d.isoformat(), precision="day", relative=True,
                   direction=direction)

    def _night(self, m: re.Match[str], published: date | None,
                text: str) -> TimeValue | None:
        lex = self.lex
        if m.group("d1"):
            m2 = lex.months[normalize(m.group("m2"))]
            m1 = lex.months[normalize(m.group("m1"))] if m.group("m1") else m2
            d1 = _day_number(m.group("d1"))
            if m.group("y"):
                year = int(m.group("y")) - (1 if m1 > m2 else 0)
                d = make_date(year, m1, d1)
                return None if d is None else _tv(m, text, value=d.isoformat(), precision="day")
            if published is None:
                return _tv(m, text, relative=True)
            found, _ = nearest_day(m1, d1, published)
            return None if found is None else _tv(m, text, value=found.isoformat(), precision="day",
                                                  relative=True)
        if published is None:
            return _tv(m, text, relative=True)
        wd1 = lex.weekdays[normalize(m.group("wd1"))]
        if m.group("wd2"):
            # The night ends on the second day, the last one on or before publication.
            wd2 = lex.weekdays[normalize(m.group("wd2"))]
            end = weekday_back(published, wd2, strict=False)
            d = end - timedelta(days=(wd2 - wd1) % 7 or 7)
        else:
            d = weekday_back(published, wd1, strict=False)
        return _tv(m, text, value=d.isoformat(), precision="day", relative=True)

    def _weekday(self, m: re.Match[str], published: date | None,
                text: str) -> TimeValue | None:
        weekday = self.lex.weekdays[normalize(m.group("wd"))]
        direction = self.lex.directions[normalize(m.group("dir"))] if m.group("dir") else None
        if published is None:
            return _tv(m, text, relative=True, direction=direction)
        if m.group("day"):
            d, warning = nearest_day_of_month(_day_number(m.group("day")), weekday, published)
            if d is not None:
                return _tv(m, text, value=d.isoformat(), precision="day", relative=True,
                           warning=warning)
        if direction == "future":
            d = weekday_ahead(published, weekday)
        else:
            # News reports what happened: a plain weekday is the last one, today included.
            d = weekday_back(published, weekday, strict=direction == "past")
        return _tv(m, text, value=d.isoformat(), precision="day", relative=True,
                   direction=direction)

    def _period(self, m: re.Match[str], published: date | None,
                text: str) -> TimeValue | None:
        lex = self.lex
        if m.group("current"):
            unit, step, direction = lex.current_periods[normalize(m.group("current"))], 0, None
        elif m.group("dir") is None:
            # "fin de l'année", "d'ici la fin du mois": a part of the current period; without
            # the qualifier, "l'année" or "le mois" alone says nothing about when.
            if m.group("qual") is None:
                return None
            unit, step, direction = lex.periods[normalize(m.group("period"))], 0, None
        else:
            unit = lex.periods[normalize(m.group("period"))]
            direction = lex.directions[normalize(m.group("dir"))]
            step = -1 if direction == "past" else 1
        qualified = m.group("qual") is not None
        if published is None:
            return _tv(m, text, relative=True, direction=direction, approximate=qualified)
        P = published
        if unit == "month":
            y, mo = add_months(P.year, P.month, step)
            return _tv(m, text, value=iso_month(y, mo), precision="month", relative=True,
                       direction=direction, approximate=qualified)
        if unit == "year":
            return _tv(m, text, value=iso_year(P.year + step), precision="year", relative=True,
                       direction=direction, approximate=qualified)
        if unit == "week":
            d = P + timedelta(days=7 * step)
            first, last = week_bounds(d)
        elif step < 0:
            last = weekday_back(P, 6, strict=True)  # the last weekend that ended before P
            d = first = last - timedelta(days=1)
        elif step > 0:
            d = first = weekday_ahead(P, 5)
            last = first + timedelta(days=1)
        else:
            # "ce week-end": the one under way, the one just ended on a Monday, else the next.
            if P.weekday() >= 5 or P.weekday() == 0:
                d = first = weekday_back(P, 5, strict=False)
            else:
                d = first = weekday_ahead(P, 5)
            last = first + timedelta(days=1)
        return _tv(m, text, value=d.isoformat(), precision="day", approximate=True, relative=True,
                   direction=direction, range_start=first.isoformat(),
                   range_end=last.isoformat())

    def _duration(self, m: re.Match[str], published: date | None,
                text: str) -> TimeValue | None:
        lex = self.lex
        count = lex.number(m.group("num"))
        if count is None:
            return None
        unit = lex.units[normalize(m.group("unit"))]
        anchor, direction = lex.duration_cues[normalize(m.group("cue"))]
        vague = (m.group("hedge") is not None or anchor == "since"
                 or any(w in lex.approximate_numbers or w in lex.collectives
                        for w in normalize(m.group("num")).split()))
        if published is None:
            return _tv(m, text, anchor=anchor, relative=True, direction=direction,
                       approximate=vague)
        sign = -1 if direction == "past" else 1
        P = published
        if unit in ("month", "year", "decade"):
            if unit == "month":
                y, mo = add_months(P.year, P.month, sign * count)
                value, precision = iso_month(y, mo), "month"
            else:
                years = count * (10 if unit == "decade" else 1)
                value, precision = iso_year(P.year + sign * years), "year"
            return _tv(m, text, value=value, precision=precision, anchor=anchor, relative=True,
                       direction=direction, approximate=vague or unit == "decade")
        days = {"hour": count // 24, "day": count, "week": 7 * count}[unit]
        d = P + timedelta(days=sign * days)
        return _tv(m, text, value=d.isoformat(), precision="day", anchor=anchor, relative=True,
                   direction=direction, approximate=vague or unit != "day")

    def _recent(self, m: re.Match[str], published: date | None,
                text: str) -> TimeValue | None:
        if self.lex.recent_leads[normalize(m.group("lead"))] and not (
                m.group("num1") or m.group("num2")):
            return None  # "les derniers jours de la campagne" is not about the publication date
        value = published.isoformat() if published else None
        return _tv(m, text, value=value, precision="day" if published else None, approximate=True,
                   relative=True, direction="past")


@functools.lru_cache(maxsize=1)
def french_time_grammar() -> FrenchTimeGrammar:
    """Return the French grammar, built on first use and shared afterwards."""
    return FrenchTimeGrammar(load_time_lexicon())


def find_times(text: str, published: date | None) -> list[TimeValue]:
    """Find every temporal expression in ``text`` and resolve it against ``published``."""
    return french_time_grammar().find(text, published)
