"""The French trigger lexicon: verbs and event nouns mapped to PLOVER, with their role frames.

Entries live in ``data/fr/verbs.yaml`` and ``data/fr/nouns.yaml``; they are validated when
loaded (unknown keys, types, PLOVER types/modes/contexts, slot names) so that a typo in the data
fails at once with the file, the entry and the key.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .errors import DataFileError, Errors
from .ontology import load_ontology
from .resources import Field, load_yaml, validate_entries

LEXICON_FILES = {"VERB": "fr/verbs.yaml", "NOUN": "fr/nouns.yaml"}

# Where an argument can be found, seen in the active voice (a passive's "par" phrase is `subj`,
# its grammatical subject is `obj`). Prepositions name prepositional dependents by their lemma.
PREPOSITIONS = frozenset({"à", "avec", "contre", "de", "par", "pour", "entre", "chez", "envers",
                          "vers", "sur", "en", "auprès", "dans", "comme", "devant"})
SLOTS = frozenset({"subj", "obj", "poss", "gov_subj", "gov_obj", "name_mod", "place", "xcomp_obj",
                   "que_subj", "target", "cause", "inf", "pred"}
                  | PREPOSITIONS)
STATUSES = frozenset({"actual", "future", "claimed", "negated", "historical"})


@dataclass(frozen=True)
class TriggerRule:
    """One lexicon entry: a lemma read as a PLOVER event when its constraints hold."""

    id: str
    lemma: str
    pos: str
    event: str
    mode: str | None
    context: tuple[str, ...]
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    coactor: tuple[str, ...] = ()
    when: dict[str, frozenset[str]] = field(default_factory=dict)
    unless: dict[str, frozenset[str]] = field(default_factory=dict)
    forms: tuple[str, ...] = ()
    status: str | None = None
    reflexive: bool | None = None
    confidence: float = 0.7
    examples: tuple[dict[str, Any], ...] = ()

    @property
    def source(self) -> str:
        """Return where the rule lives, e.g. ``verbs.yaml#promettre_aide``."""
        return f"{LEXICON_FILES[self.pos].split('/')[-1]}#{self.id}"


@dataclass(frozen=True)
class Lexicon:
    """All trigger rules, indexed by (part of speech, lemma) and by ambiguous word form."""

    rules: tuple[TriggerRule, ...]
    by_lemma: dict[tuple[str, str], tuple[TriggerRule, ...]]
    by_form: dict[str, tuple[TriggerRule, ...]]
    participles: dict[str, str]  # past participle form -> verb lemma, for misread taggings
    present_forms: dict[str, str]  # 3rd person present form -> verb lemma, likewise
    folded: dict[str, tuple[str, str]]  # accent-free word form -> (part of speech, lemma)
    participle_folds: frozenset[str]  # accent-free past participles of the lexicon's verbs

    def candidates(self, pos: str, lemma: str) -> tuple[TriggerRule, ...]:
        """Return the rules for a lemma, most constrained first (the order of the file)."""
        return self.by_lemma.get((pos, lemma), ())

    @functools.cached_property
    def trigger_words(self) -> frozenset[str]:
        """Return every lemma and word form a trigger look-up can match.

        Most words of an article are no trigger: one set look-up tells so before any rule.
        """
        return frozenset({lemma for _, lemma in self.by_lemma} | self.by_form.keys()
                         | self.participles.keys() | self.present_forms.keys()
                         | self.folded.keys())


_SCHEMA = {
    "id": Field(str, required=True),
    "lemma": Field(str, required=True),
    "event": Field(str, required=True),
    "mode": Field(str),
    "context": Field(list, item_type=str),
    "actor": Field(list, item_type=str, allowed=SLOTS),
    "recipient": Field(list, item_type=str, allowed=SLOTS),
    "coactor": Field(list, item_type=str, allowed=SLOTS),
    "when": Field(dict),
    "unless": Field(dict),
    "forms": Field(list, item_type=str),
    "status": Field(str, allowed=STATUSES),
    "reflexive": Field(bool),
    "confidence": Field(float),
    "examples": Field(list, required=True, item_type=dict),
    "note": Field(str),
}


def _conditions(raw: Any, *, path: str, entry: str) -> dict[str, frozenset[str]]:
    if raw is None:
        return {}
    out: dict[str, frozenset[str]] = {}
    for slot, lemmas in raw.items():
        if slot not in SLOTS:
            raise DataFileError(Errors.E010.format(path=path, where=entry,
                                                   message=f"unknown slot {slot!r} in a condition",
                                                   allowed=", ".join(sorted(SLOTS))))
        if not isinstance(lemmas, list) or not all(isinstance(x, str) for x in lemmas):
            raise DataFileError(Errors.E010.format(path=path, where=entry,
                                                   message=f"condition {slot!r} is not a list",
                                                   allowed="a list of lemmas"))
        out[slot] = frozenset(x.lower() for x in lemmas)
    return out


def parse_rules(entries: Any, *, pos: str, path: str) -> list[TriggerRule]:
    """Validate raw YAML entries and build TriggerRules; raise DataFileError on the first fault."""
    onto = load_ontology()
    validate_entries(entries, _SCHEMA, path=path)
    rules: list[TriggerRule] = []
    for e in entries:
        where = f"entry {e['id']}"
        onto.check(e["event"], e.get("mode"), e.get("context") or [], where=f"{path}: {where}")
        examples = e["examples"]
        if len(examples) < 2 or not all(isinstance(x.get("text"), str) for x in examples):
            raise DataFileError(Errors.E010.format(path=path, where=where,
                                                   message="needs at least two examples with text",
                                                   allowed="examples: [{text: ...}, ...]"))
        rules.append(TriggerRule(
            id=e["id"], lemma=e["lemma"], pos=pos, event=e["event"], mode=e.get("mode"),
            context=tuple(e.get("context") or ()),
            actor=tuple(e.get("actor") or (("subj",) if pos == "VERB" else ("gov_subj", "de",
                                                                            "poss"))),
            recipient=tuple(e.get("recipient") or ()),
            coactor=tuple(e.get("coactor") or ()),
            when=_conditions(e.get("when"), path=path, entry=where),
            unless=_conditions(e.get("unless"), path=path, entry=where),
            forms=tuple(f.lower() for f in e.get("forms") or ()),
            status=e.get("status"), reflexive=e.get("reflexive"),
            confidence=float(e.get("confidence", 0.7)),
            examples=tuple(examples),
        ))
    return rules


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read, validate and index both lexicon files once."""
    rules: list[TriggerRule] = []
    for pos, path in LEXICON_FILES.items():
        rules += parse_rules(load_yaml(path), pos=pos, path=path)
    seen: dict[str, str] = {}
    for r in rules:
        if r.id in seen:
            raise DataFileError(Errors.E010.format(path=LEXICON_FILES[r.pos], where=f"entry {r.id}",
                                                   message=f"id already used in {seen[r.id]}",
                                                   allowed="unique ids"))
        seen[r.id] = LEXICON_FILES[r.pos]
    by_lemma: dict[tuple[str, str], list[TriggerRule]] = defaultdict(list)
    by_form: dict[str, list[TriggerRule]] = defaultdict(list)
    for r in rules:
        by_lemma[(r.pos, r.lemma)].append(r)
        for form in r.forms:
            by_form[form].append(r)
    verbs = {r.lemma for r in rules if r.pos == "VERB"}
    participles = {form: lemma for lemma in verbs for form in past_participles(lemma)}
    present = {form: lemma for lemma in verbs for form in present_forms(lemma)}
    # Some outlets and headlines drop accents ("six personnes enlevees a Balere"): the tagger
    # then misses the word; its accent-free form still names the trigger.
    folded: dict[str, tuple[str, str]] = {}
    for (pos, lemma) in by_lemma:
        for form in ([lemma, lemma + "s"] if pos == "NOUN" else [lemma]):
            if fold(form) != form:
                folded.setdefault(fold(form), (pos, lemma))
    for form, lemma in [*participles.items(), *present.items()]:
        if fold(form) != form:
            folded.setdefault(fold(form), ("VERB", lemma))
    return Lexicon(rules=tuple(rules),
                   by_lemma={k: tuple(v) for k, v in by_lemma.items()},
                   by_form={k: tuple(v) for k, v in by_form.items()},
                   participles=participles, present_forms=present, folded=folded,
                   participle_folds=frozenset(fold(f) for f in participles))


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Return ``text`` in lower case without accents ("enlevées" -> "enlevees")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def present_forms(lemma: str) -> list[str]:
    """Return the 3rd person present forms of a regular -er or -ir verb ("critique", "critiquent").

    fr_core_news_md often tags these as nouns or adjectives ("Le ministre critique la France").
    """
    if lemma.endswith("er"):
        return [lemma[:-2] + "e", lemma[:-2] + "ent"]
    if lemma.endswith("ir"):
        return [lemma[:-2] + "it", lemma[:-2] + "issent"]
    return []


def past_participles(lemma: str) -> list[str]:
    """Return the regular past participle forms of a French verb (-er and -ir verbs).

    Irregular participles ("pris", "mis") are not guessed: their lexicon entries list them
    under ``forms`` when the tagger misreads them.
    """
    if lemma.endswith("er"):
        stem = lemma[:-2] + "é"
    elif lemma.endswith("ir"):
        stem = lemma[:-2] + "i"
    else:
        return []
    return [stem, stem + "e", stem + "s", stem + "es"]
