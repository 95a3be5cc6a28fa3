"""Casualty counts stated in a sentence: killed, injured, abducted, arrested.

The words are data (``data/fr/casualties.yaml``); the grammar is here: a number (digits, words,
"une vingtaine de") counts the noun it qualifies, and that noun is a casualty when it is one by
itself ("douze morts"), when a casualty verb acts on it ("ont tué douze soldats", "douze
soldats ont été tués", "douze soldats tués") or when its verb says it died ("deux civils sont
morts"). The subject of an active "tuer" is the killer, never counted.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Span, Token

from . import frames
from .resources import Field, load_yaml, validate_entries
from .temporal_rules import TimeLexicon, load_time_lexicon

CASUALTIES_FILE = "fr/casualties.yaml"
KINDS = ("killed", "injured", "abducted", "arrested")
_SCHEMA = {
    "kind": Field(str, required=True, allowed=frozenset(KINDS)),
    "verbs": Field(list, item_type=str),
    "subject_verbs": Field(list, item_type=str),
    "nouns": Field(list, item_type=str),
}


@dataclass(frozen=True)
class CasualtyWords:
    """Verb lemmas and nouns of each kind of casualty."""

    verbs: dict[str, str]  # lemma -> kind; object (active) or subject (passive) counts
    subject_verbs: dict[str, str]  # lemma -> kind; the subject counts ("sont morts")
    nouns: dict[str, str]  # word -> kind; the noun is the count ("douze morts")


@functools.lru_cache(maxsize=1)
def load_casualty_words() -> CasualtyWords:
    """Read and validate ``casualties.yaml``."""
    entries = validate_entries(load_yaml(CASUALTIES_FILE), _SCHEMA, path=CASUALTIES_FILE)

    def index(key: str) -> dict[str, str]:
        return {w.lower(): e["kind"] for e in entries for w in e.get(key) or ()}

    return CasualtyWords(verbs=index("verbs"), subject_verbs=index("subject_verbs"),
                         nouns=index("nouns"))


def counts_in(sentence: Span, words: CasualtyWords | None = None,
              numbers: TimeLexicon | None = None) -> dict[str, int]:
    """Return the largest count of each kind of casualty the sentence states."""
    words = words or load_casualty_words()
    numbers = numbers or _numbers()
    out: dict[str, int] = {}
    for token in sentence:
        found = _count(token, numbers)
        if found is None:
            continue
        value, noun = found
        kind = _kind(noun, words)
        if kind is not None:
            out[kind] = max(out.get(kind, 0), value)
    return out


@functools.lru_cache(maxsize=1)
def _numbers() -> TimeLexicon:
    return load_time_lexicon()


def _count(token: Token, numbers: TimeLexicon) -> tuple[int, Token] | None:
    """Return (value, counted noun) when ``token`` is a count."""
    lower = token.lower_
    if lower in numbers.collectives:
        # "une vingtaine de soldats": the collective noun stands in the clause for its
        # complement ("une vingtaine de villageois ont été enlevés").
        if any(c.dep_ == "nmod" for c in token.children):
            return numbers.collectives[lower], token
        return None
    digits = lower.isdigit()
    # "Sept militaires ont été blessés": the parser may make the number the phrase's head.
    heads_phrase = ((token.pos_ == "NUM" or token.like_num)
                    and token.dep_ in {"nsubj", "nsubj:pass", "obj"})
    if not (token.dep_ in {"nummod", "amod"} or heads_phrase
            or (digits and token.dep_ == "det")):
        return None
    if not (digits or token.like_num or token.pos_ == "NUM"):
        return None
    doc = token.doc
    if digits and token.i > 0 and doc[token.i - 1].lower_.isdigit():
        return None  # the second group of "1 200": read with the first
    text = lower
    i = token.i + 1
    while digits and i < len(doc) and doc[i].lower_.isdigit() and len(doc[i].lower_) == 3:
        text += doc[i].lower_
        i += 1
    value = numbers.number(text)
    return (value, token if heads_phrase else token.head) if value else None


def _kind(noun: Token, words: CasualtyWords) -> str | None:
    if noun.lower_ in words.nouns:
        return words.nouns[noun.lower_]
    # "une dizaine de morts": the collective's complement may be the casualty itself.
    for child in noun.children:
        if child.dep_ == "nmod" and child.lower_ in words.nouns:
            return words.nouns[child.lower_]
    # "douze soldats tués", "six personnes enlevées", "onze militaires tombés"
    for child in noun.children:
        lemma = child.lemma_.lower()
        if child.dep_ == "acl" and (lemma in words.verbs or lemma in words.subject_verbs):
            return words.verbs.get(lemma) or words.subject_verbs[lemma]
    verb = noun.head
    if verb == noun:
        return None
    # "deux gendarmes sont morts": the parser may read the participle as the noun "morts".
    if noun.dep_.startswith("nsubj") and verb.lower_ in words.nouns:
        return words.nouns[verb.lower_]
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    lemma = frames.verb_lemma(verb)
    if noun.dep_ in {"obj", "obl:arg"} and not frames.is_passive(verb):
        return words.verbs.get(lemma)
    if noun.dep_ in {"nsubj", "nsubj:pass"}:
        if frames.is_passive(verb) or noun.dep_ == "nsubj:pass":
            return words.verbs.get(lemma) or words.subject_verbs.get(lemma)
        return words.subject_verbs.get(lemma)
    return None
