"""Find the places an article names and resolve them against the gazetteer.

Candidates come from the parser's named entities (LOC; MISC/ORG only when they are exact
gazetteer names), from a PhraseMatcher over the edited aliases and French country names (the
NER splits "Burkina Faso" and misses lower-case names such as "zone des trois frontières"),
and from capitalised tokens that name a place of a country the article is about (villages the
NER misses). Overlaps are merged, the longest span winning.

Ambiguity is settled by the article's own geography: countries and unambiguous places are
collected first; an ambiguous name then prefers a place in those countries, then in their
neighbours, then the most populous. A small far-away homonym is never chosen.

Naming follows how a reader would quote the place: "province du Soum" is "Soum" (the province
is unambiguous alone), but "région du Sahel", "région de l'Est" and "région de Kherson" keep
the prefix because the bare word names something else (the wider Sahel, a direction, a city).
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy
import spacy
from spacy.attrs import IS_ALPHA, IS_STOP, LOWER, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..model import Place
from .gazetteer import Gazetteer, GeoEntry, normalize_name

LOGGER = logging.getLogger(__name__)

# Nouns that name an administrative unit: "région du Sahel", "province du Soum".
ADMIN_NOUNS = frozenset({
    "région", "régions", "province", "provinces", "département", "préfecture", "cercle",
    "état", "district", "gouvernorat", "oblast", "wilaya", "comté",
})
# Words whose capitalisation is remembered (cleared when full: memory stays bounded).
_MEMO_SIZE = 200_000
# Nouns that only tell what kind of settlement follows: kept out of the name.
SETTLEMENT_NOUNS = {"ville": "city", "village": "village", "localité": "village",
                    "bourgade": "village", "hameau": "village", "cité": "city",
                    "capitale": "city", "chef-lieu": "city", "commune": "village"}
# "l'axe Djibo-Bourzanga", "la route Kaya-Dori": a road named by the two towns it joins.
ROAD_NOUNS = frozenset({"axe", "route", "tronçon", "corridor", "piste", "voie"})
CONNECTORS = frozenset({"de", "du", "des", "d'", "d’", "l'", "l’", "la"})
DIRECTIONS = frozenset({"nord", "sud", "est", "ouest", "nord-est", "nord-ouest", "sud-est",
                        "sud-ouest", "centre", "centre-nord", "centre-est", "centre-ouest",
                        "centre-sud", "extrême-nord", "extrême-sud"})
ARTICLES = frozenset({"le", "la", "les", "l'", "l’", "du", "des", "au", "aux"})
# Capitalised words that are never places in running French text, though GeoNames has
# villages of those names somewhere.
_NOT_PLACES = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
    "samedi", "dimanche", "le", "la", "les", "un", "une", "des", "lire", "selon", "mais",
    "pour", "dans", "avec", "alors", "ainsi", "depuis", "président", "ministre", "général",
    "colonel", "capitaine", "état", "république", "nation", "nations", "armée", "police",
    "gendarmerie", "dieu", "allah", "islam", "ong", "onu", "union", "conseil", "assemblée",
    "nord", "sud", "est", "ouest", "centre",
)
NOT_PLACES = frozenset(normalize_name(w) for w in _NOT_PLACES)
# Smallest town kept outside the article's countries: in a neighbour (or when the article
# names no country at all), and farther away.
MIN_NEAR_POPULATION = 15_000
MIN_FAR_POPULATION = 50_000
# A city inside an organisation's name ("université du Texas", "College de Londres") is
# trusted without other clues when it is this big.
MIN_NAME_POPULATION = 100_000
PRECISION = {"city": "city", "village": "city", "region": "region", "country": "country",
             "other": "region"}
PREFER_LABELS = ("LOC", "GPE")
_OF = frozenset({"de", "du", "des", "d'", "d’", "à", "au"})
_CAPITALISED = "PLACE_CAPITALISED"
_ORDINAL = re.compile(r"^[ivxlc]+(e|er|eme|ieme)$")  # "XIXe" (arrondissement, century)
_ANY_CASE = "PLACE_ANY_CASE"
NAME_LABELS = ("MISC", "ORG")
_LOCATIVE_BEFORE_NAME = frozenset({"à", "de", "d'", "d’", "dans", "vers", "depuis"})


# The names only one country has: name key -> (that country, how many times it was found).
Votes = dict[str, tuple[str, int]]


@dataclass
class _Candidate:
    start: int  # token indices
    end: int
    origin: str  # ner | matcher | name (MISC/ORG entity) | inner (in an ORG) | scan
    prefix_start: int | None = None  # token where "région du" starts, when there is one
    settlement: str | None = None  # "village" after "le village de"
    direction_of: str | None = None  # ISO3 for "nord du Mali"


class Geoparser:
    """Find and resolve place mentions in a parsed French document."""

    def __init__(self, nlp: Language | None = None, gazetteer: Gazetteer | None = None):
        """Keep the gazetteer; the PhraseMatcher is built on first use, once."""
        self.gazetteer = gazetteer or Gazetteer.load()
        self._nlp = nlp
        self._matcher: PhraseMatcher | None = None
        self._capitalised: dict[int, bool] = {}  # word (orth id) -> starts with a capital

    # ------------------------------------------------------------------ matcher

    def _get_matcher(self, doc: Doc) -> PhraseMatcher:
        if self._matcher is None:
            nlp = self._nlp or spacy.blank("fr", vocab=doc.vocab)
            matcher = PhraseMatcher(doc.vocab, attr="LOWER")
            names = sorted(set(self.gazetteer.alias_names))
            # Names written with a capital must be capitalised in the text ("Est" the region,
            # not "est" the verb); lower-case ones ("zone des trois frontières") match as is.
            matcher.add(_CAPITALISED, [nlp.make_doc(n) for n in names if n[:1].isupper()])
            matcher.add(_ANY_CASE, [nlp.make_doc(n) for n in names if not n[:1].isupper()])
            self._matcher = matcher
        return self._matcher

    # ------------------------------------------------------------------ public API

    def find(self, doc: Doc) -> list[Place]:
        """Return the resolved place mentions of ``doc``, in text order."""
        candidates = self._merge(self._candidates(doc))
        context, votes = self._context(doc, candidates)
        found = [self._place(doc, cand, context, votes) for cand in candidates]
        # Second pass with the first-level regions found ("Floride"): a town of that region
        # beats its homonyms elsewhere in the same country ("Parkland").
        regions = Counter(f"{e.country}:{e.admin1}" for _, e in filter(None, found)
                          if e.level == 1 and e.admin1)
        if regions:
            context.update(regions)
            found = [self._place(doc, cand, context, votes) for cand in candidates]
        return _join_roads(doc, [place for place, _ in filter(None, found)])

    def resolve(self, name: str, context_countries: Collection[str] = ()) -> GeoEntry | None:
        """Return the place a name most likely means, given the countries of the article."""
        words = name.replace("’", "'").split()
        prefixed = False
        if len(words) > 2 and words[0].lower() in ADMIN_NOUNS:
            prefixed = True
            rest = words[1:]
            while rest and rest[0].lower() in CONNECTORS:
                rest = rest[1:]
            rest_text = " ".join(rest)
            if rest_text.lower().startswith(("l'", "d'")):
                rest_text = rest_text[2:]
            name = rest_text
        elif len(words) > 2 and words[0].lower() in DIRECTIONS and words[1].lower() in CONNECTORS:
            country = self._country_of_name(" ".join(w for w in words[1:]
                                                     if w.lower() not in CONNECTORS))
            return self.gazetteer.country(country) if country else None
        context = Counter(context_countries)
        return self._choose(self.gazetteer.lookup(name), normalize_name(name),
                            prefixed=prefixed, context=context)

    # ------------------------------------------------------------------ candidates

    def _candidates(self, doc: Doc) -> list[_Candidate]:
        gaz = self.gazetteer
        found: list[_Candidate] = []
        for ent in doc.ents:
            if ent.label_ in PREFER_LABELS or ent.label_ in NAME_LABELS:
                span = _trim(ent, gaz)
                if span is not None and _is_capitalised(span):
                    # MISC/ORG names ("Hamas", "Human Rights Watch") are places only when
                    # the whole entity is one; they are then judged like scanned words.
                    origin = "ner" if ent.label_ in PREFER_LABELS else "name"
                    if origin == "ner" or span.start == ent.start:
                        found.append(_Candidate(span.start, span.end, origin))
        capitalised = doc.vocab.strings[_CAPITALISED]
        for match_id, start, end in self._get_matcher(doc)(doc):
            if match_id != capitalised or doc[start].text[:1].isupper():
                found.append(_Candidate(start, end, "matcher"))
        found.extend(self._scan(doc))
        for cand in found:
            self._attach_prefix(doc, cand)
        return found

    def _scan(self, doc: Doc) -> Iterable[_Candidate]:
        # Capitalised runs of up to three tokens ("Gorom-Gorom", "Fada N'Gourma") that the NER
        # left out; whether they are kept depends on the article's countries (see _place).
        # Never inside a person's name; inside an organisation's name only after "de"
        # ("University College de Londres" names Londres, "Human Rights Watch" no place).
        # A lone "person" right after a locative preposition is a town the NER misread
        # ("attaqué à Dori", "la mairie de Djibo"): people are rarely written surname-alone
        # there, and the gazetteer and the article's countries still have to agree.
        blocked = {t.i for ent in doc.ents if ent.label_ == "PER" for t in ent
                   if not (len(ent) == 1 and ent.start > 0
                           and doc[ent.start - 1].lower_ in _LOCATIVE_BEFORE_NAME)}
        in_name: set[int] = set()
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS:
                in_name.update(t.i for t in ent)
                blocked.update(t.i for t in ent if t.i == ent.start
                               or doc[t.i - 1].lower_ not in _OF)
        n = len(doc)
        # Read from the doc's array with a memo by word: no Token for the lower-case majority.
        memo = self._capitalised
        strings = doc.vocab.strings
        upper = []
        for orth in doc.to_array(ORTH).tolist():
            cap = memo.get(orth)
            if cap is None:
                if len(memo) >= _MEMO_SIZE:
                    memo.clear()
                cap = memo[orth] = strings[orth][:1].isupper()
            upper.append(cap)
        i = 0
        while i < n:
            if not upper[i] or i in blocked or doc[i].is_sent_start:
                i += 1
                continue
            for length in (3, 2, 1):
                end = i + length
                if end > n or any(j in blocked for j in range(i, end)) or not upper[end - 1]:
                    continue
                if self.gazetteer.lookup_key(normalize_name(doc[i:end].text)):
                    yield _Candidate(i, end, "inner" if i in in_name else "scan")
                    i = end - 1
                    break
            i += 1

    def _attach_prefix(self, doc: Doc, cand: _Candidate) -> None:
        i = cand.start
        j = i - 1
        # Connectors between the noun and the name: "du", "de la", "de l'", "d'", "des".
        while j >= 0 and doc[j].lower_ in CONNECTORS and i - j <= 2:
            j -= 1
        if j < 0 or j == i - 1:
            return
        noun = doc[j].lower_
        if noun in ADMIN_NOUNS:
            cand.prefix_start = j
        elif noun in SETTLEMENT_NOUNS:
            cand.settlement = SETTLEMENT_NOUNS[noun]
        elif noun in DIRECTIONS and (noun != "est" or (j > 0 and doc[j - 1].lower_ in
                                                      ("l'", "l’", "dans", "à"))):
            country = self._country_of_name(doc[cand.start:cand.end].text)
            if country is not None:
                cand.prefix_start = j
                cand.direction_of = country

    def _country_of_name(self, text: str) -> str | None:
        for e in self.gazetteer.lookup(text):
            if e.kind == "country" and e.level == 0:
                return e.country
        return None

    @staticmethod
    def _merge(cands: list[_Candidate]) -> list[_Candidate]:
        # A scanned run that contains a LOC entity is that entity, better cut: the NER reads
        # "N’Djamena" as "Djamena".
        ner = [c for c in cands if c.origin == "ner"]
        for c in cands:
            if c.origin in ("scan", "inner") and any(
                    c.start <= n.start and n.end <= c.end for n in ner):
                c.origin = "ner"
        rank = {"matcher": 0, "ner": 1, "name": 2, "inner": 3, "scan": 4}
        ordered = sorted(cands, key=lambda c: (-(c.end - c.start), rank[c.origin], c.start))
        taken: set[int] = set()
        kept: list[_Candidate] = []
        for c in ordered:
            if any(t in taken for t in range(c.start, c.end)):
                continue
            taken.update(range(c.start, c.end))
            kept.append(c)
        return sorted(kept, key=lambda c: c.start)

    # ------------------------------------------------------------------ resolution

    def _context(self, doc: Doc, cands: Sequence[_Candidate]) -> tuple[Counter[str], Votes]:
        """Count the countries the article is unambiguously about.

        Also return, for each name that only one country has, that country and how many
        times the name voted for it.
        """
        context: Counter[str] = Counter()
        votes: Votes = {}
        strings = doc.vocab.strings
        # (The doc's arrays, not its Tokens: most words are no demonym.)
        arr = doc.to_array([IS_ALPHA, IS_STOP, LOWER])
        words = arr[(arr[:, 0] == 1) & (arr[:, 1] == 0), 2] if len(arr) else arr
        lowers, first, counts = numpy.unique(words, return_index=True, return_counts=True)
        for n in numpy.argsort(first, kind="stable").tolist():
            # Demonyms ("les soldats maliens") tell the story's country as well as names do.
            word = strings[int(lowers[n])]
            code = self.gazetteer.demonyms.get(word)
            if code is None and not word.isascii():
                code = self.gazetteer.demonyms.get(normalize_name(word))
            if code is not None:
                context[code] += int(counts[n])
        for c in cands:
            if c.direction_of:
                context[c.direction_of] += 2
                continue
            key = normalize_name(doc[c.start:c.end].text)
            if key in self.gazetteer.demonyms or key in NOT_PLACES:
                continue
            entries = [e for e in self.gazetteer.lookup_key(key)
                       if not e.needs_prefix or c.prefix_start is not None]
            country_hit = self.gazetteer.country_names.get(key)
            if country_hit:
                context[country_hit] += 2
                continue
            codes = {e.country for e in entries}
            code = codes.pop() if len(codes) == 1 else None
            if code is not None and c.origin in ("ner", "matcher"):
                context[code] += 1
                votes[key] = (code, votes.get(key, (code, 0))[1] + 1)
        return context, votes

    @staticmethod
    def _context_without(key: str, context: Counter[str], votes: Votes) -> Counter[str]:
        """Return ``context`` without the votes of the name ``key`` itself.

        A name found only in one small town abroad votes for that town's country; were that
        vote counted, "Moura" in a story about Mali would make Portugal part of the story.
        When nothing else names a country, the name's own vote stands.
        """
        own = votes.get(key)
        if own is None:
            return context
        rest = context.copy()
        rest[own[0]] -= own[1]
        rest = +rest  # drop the countries left at zero
        # Region keys ("USA:FL") come from the names themselves: they are no other country.
        return rest if any(":" not in code for code in rest) else context

    def _choose(self, entries: Sequence[GeoEntry], key: str, *, prefixed: bool,
                context: Counter[str]) -> GeoEntry | None:
        gaz = self.gazetteer
        cands = list(entries)
        if not prefixed and any(e.needs_prefix for e in cands):
            # The edited file says this word alone is no place ("Nord", "Est", "Lac"), except
            # in its other edited or country senses ("Sahel" the wider region, "Niger").
            cands = [e for e in cands if e.kind == "country"
                     or (e.source == "places.yaml" and not e.needs_prefix)]
        if not cands:
            return None
        country_code = gaz.country_names.get(key)
        regions = [e for e in cands if e.kind == "region"]
        # "régions d'Ukraine" is Ukraine, but "État du Niger" in a story about Nigeria is
        # the Nigerian state.
        if prefixed and regions and (country_code is None or any(
                e.country in context for e in regions)):
            cands = regions
        elif country_code is not None:
            return gaz.country(country_code)
        elif any(e.kind == "country" for e in cands):
            return next(e for e in cands if e.kind == "country")
        if not prefixed:
            towns = {e.country for e in cands if e.kind in ("city", "village")}
            # "Gao" alone is the town; "région de Gao" is the region.
            cands = [e for e in cands if not (e.level and e.country in towns)] or cands
        near: set[str] = set()
        for code in context:
            near |= gaz.neighbours.get(code, frozenset())
        best: GeoEntry | None = None
        best_score = -math.inf
        for e in cands:
            score = math.log10(e.population + 1)
            if e.country is not None and e.country in context:
                score += 10 + min(context[e.country], 5)
                if e.admin1 and f"{e.country}:{e.admin1}" in context:
                    score += 2
            elif e.countries and any(c in context for c in e.countries):
                score += 8
            elif e.country in near:
                score += 4
            if e.source == "places.yaml":
                score += 5  # an edited entry outweighs a GeoNames town of 100,000
            if gaz.capitals.get(key) == e.country and e.kind == "city":
                # A national capital is what news means by its name: "Libreville" is Gabon's,
                # not Charleville-Mézières' revolutionary name in a story naming France.
                score += 10
            if score > best_score:
                best, best_score = e, score
        if best is None:
            return None
        # A small town outside the article's countries is a homonym, not what the text means
        # (a neighbour's town counts only when it is big enough to make the news itself).
        outside = best.country not in context and not (
            best.countries and any(c in context for c in best.countries))
        if (outside and best.kind in ("city", "village") and best.source != "places.yaml"
                and gaz.capitals.get(key) != best.country):
            # Beyond the story's countries and their neighbours, only a town big enough to
            # be known by name abroad: "Moura" in a story about Mali is not Moura, Portugal.
            floor = MIN_NEAR_POPULATION if best.country in near or not context else (
                MIN_FAR_POPULATION)
            if best.population < floor:
                return None
        return best

    def _place(self, doc: Doc, cand: _Candidate, context: Counter[str],
               votes: Votes) -> tuple[Place, GeoEntry] | None:
        gaz = self.gazetteer
        span = doc[cand.start:cand.end]
        key = normalize_name(span.text)
        if key in gaz.demonyms or _ORDINAL.match(key):
            return None
        if (len(key) < 3 or (span.text.isupper() and len(span.text) <= 4)) and not (
                key in gaz.country_names or any(e.source == "places.yaml"
                                                for e in gaz.lookup_key(key))):
            return None  # acronyms (UE, ONU, BAR) and short tokens: too ambiguous
        if key in NOT_PLACES and cand.prefix_start is None:
            return None
        if cand.direction_of:
            entry: GeoEntry | None = gaz.country(cand.direction_of)
            assert entry is not None
            full = doc[cand.prefix_start:cand.end] if cand.prefix_start is not None else span
            return _to_place(full, entry, kind="region", admin1=None), entry
        entries = gaz.lookup_key(key)
        prefixed = cand.prefix_start is not None
        context = self._context_without(key, context, votes)
        entry = self._choose(entries, key, prefixed=prefixed, context=context)
        if entry is None and prefixed:
            prefixed = False
            entry = self._choose(entries, key, prefixed=False, context=context)
        if entry is None:
            return None
        trusted = (entry.country in context or entry.source == "places.yaml"
                   or entry.kind in ("country", "region")
                   or (cand.origin == "inner" and entry.population >= MIN_NAME_POPULATION))
        if cand.origin in ("scan", "name", "inner") and not trusted:
            return None  # a capitalised word the NER did not call a place, far from the story
        kind = entry.kind
        named = span
        if prefixed and cand.prefix_start is not None and entry.kind != "country":
            bare = self._choose(entries, key, prefixed=False, context=context)
            if entry.kind != "region":
                kind = "region"  # "région de Kherson": the region named after its city
            if bare is not entry or entry.kind != "region":
                named = doc[cand.prefix_start:cand.end]
        elif cand.settlement == "village" and kind == "city" and entry.population < 10_000:
            kind = "village"
        region = gaz.admin1_of(entry)
        return _to_place(named, entry, kind=kind,
                         admin1=region.name if region is not None else None), entry


def _join_roads(doc: Doc, places: list[Place]) -> list[Place]:
    """Join "l'axe Djibo-Bourzanga" into one place: the road between two towns of a country.

    Where an ambush "sur l'axe Kaya-Dori" happened is between the towns, not in either: the
    midpoint, with precision "near" (ACLED's geo_precision 2: near a town). The towns stay
    mentions of their own.
    """
    out: list[Place] = []
    text: str | None = None  # (joined only when two towns stand side by side)
    for k, first in enumerate(places):
        second = places[k + 1] if k + 1 < len(places) else None
        out.append(first)
        if (second is None or first.end is None or second.start is None
                or not 0 < second.start - first.end <= 3 or first.country != second.country
                or {first.kind, second.kind} - {"city", "village"}
                or None in (first.lat, first.lon, second.lat, second.lon)):
            continue
        text = text if text is not None else doc.text
        road = _road_before(doc, first)
        if road is None or text[first.end:second.start].strip() not in {"-", "–"}:
            continue
        out.insert(len(out) - 1, Place(
            name=text[road:second.end], start=road, end=second.end, country=first.country,
            admin1=first.admin1 if first.admin1 == second.admin1 else None,
            lat=round((first.lat + second.lat) / 2, 4),  # type: ignore[operator]
            lon=round((first.lon + second.lon) / 2, 4),  # type: ignore[operator]
            kind="other", precision="near"))
    return out


def _road_before(doc: Doc, place: Place) -> int | None:
    """Return where "axe"/"route" starts when it names the road ``place`` begins."""
    if place.start is None:
        return None
    span = doc.char_span(place.start, place.end or place.start, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    before = doc[span.start - 1]
    return before.idx if before.lower_ in ROAD_NOUNS else None


def _to_place(span: Span, entry: GeoEntry, *, kind: str, admin1: str | None) -> Place:
    return Place(
        name=span.text, start=span.start_char, end=span.end_char, country=entry.country,
        admin1=admin1, lat=entry.lat, lon=entry.lon, geonameid=entry.geonameid, kind=kind,
        precision=PRECISION.get(kind, "region"),
    )


def _trim(span: Span, gaz: Gazetteer) -> Span | None:
    """Return the part of an entity the gazetteer knows, without article or unit noun."""
    # "Le Caire" keeps its article, the gazetteer knows it; "le Mali" and "région de l'Est"
    # are trimmed to the name ("région de" is put back by _attach_prefix when it matters).
    doc = span.doc
    start = span.start
    while start < span.end:
        if gaz.lookup_key(normalize_name(doc[start:span.end].text)):
            return doc[start:span.end]
        word = doc[start].lower_
        if word not in ARTICLES and word not in CONNECTORS and word not in ADMIN_NOUNS \
                and word not in SETTLEMENT_NOUNS:
            return None
        start += 1
    return None


def _is_capitalised(span: Span) -> bool:
    return span.text[:1].isupper()
