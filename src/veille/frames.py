"""Find the arguments of a trigger in the French dependency parse.

Slots are named in the active voice: ``subj`` is who does it (a passive's "par" phrase),
``obj`` who or what undergoes it (a passive's subject). Known weaknesses of fr_core_news_md are
handled here: coordinated verbs that share a subject, control verbs ("entend aider"), relative
clauses ("qui a décrié"), and triggers the tagger misreads, for which the nearest actor mention
in linear order stands in for the missing dependency.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from .modality import load_modality

SUBJ = {"nsubj", "csubj"}
PASSIVE_SUBJ = {"nsubj:pass"}
OBJ = {"obj", "iobj"}
PREP_DEPS = {"obl", "obl:arg", "obl:mod", "obl:agent", "nmod", "iobj", "advcl", "acl"}
# Contracted articles carry the preposition in their lemma ("au" -> "à", "du" -> "de").
CASE_LEMMAS = {"au": "à", "aux": "à", "du": "de", "des": "de", "d'": "de", "d’": "de"}
# Circumstantial complements ("dans l'attaque", "lors du sommet") do not make a light verb.
LIGHT_VERB_DEPS = {"obj", "obl:arg", "nsubj:pass", "xcomp"}


def verb_lemma(token: Token) -> str:
    """Return a verb's lemma, mending the lemmatizer's noun readings ("compte" -> "compter").

    fr_core_news_md gives present forms that are also nouns their noun lemma; a verb lemma
    always ends in -er, -ir, -re or -oir.
    """
    return mend_verb_lemma(token.lemma_.lower(), verbal=token.pos_ in {"VERB", "AUX"})


def mend_verb_lemma(lemma: str, *, verbal: bool) -> str:
    """Return ``verb_lemma`` for a lower-case lemma whose token is (or is not) ``verbal``."""
    if not verbal or lemma.endswith(("er", "ir", "re", "oir", "ïr")):
        return lemma
    if lemma.endswith("ent"):
        return lemma[:-3] + "er"
    if lemma.endswith("e"):
        return lemma + "r"
    return lemma


REFLEXIVES = {"se", "s'", "s’"}


def is_reflexive(verb: Token) -> bool:
    """Return whether a verb has its reflexive clitic ("s'est retiré", "se rend")."""
    return any(c.lower_ in REFLEXIVES for c in verb.children)


def is_passive(verb: Token) -> bool:
    """Return whether a verb is in the passive voice.

    The parser labels the subject of a reflexive verb in a compound tense as passive ("Le
    Mali s'est retiré"): without "être" as the passive auxiliary, a reflexive is active.
    """
    if is_reflexive(verb) and not any(c.dep_ == "aux:pass" for c in verb.children):
        return False
    if "Voice=Pass" in str(verb.morph):
        return True
    # A participle modifying a noun is passive: "les soldats tués", "six personnes enlevées".
    if verb.dep_ == "acl" and "VerbForm=Part" in str(verb.morph) and "Tense=Past" in str(
            verb.morph):
        return True
    return any(c.dep_ in {"aux:pass", "nsubj:pass"} for c in verb.children)


def case_of(token: Token) -> str | None:
    """Return the preposition introducing ``token`` ("à" for "au Mali"), or None."""
    for child in token.children:
        if child.dep_ in {"case", "mark"} and child.i < token.i:
            # The word itself, not its lemma: the lemmatizer reads "entre" as "entrer".
            text = child.lower_
            return CASE_LEMMAS.get(text, text)
    # "près de", "auprès de", "lors de": the fixed expression hangs on its first word.
    return None


def in_prepositional_phrase(token: Token) -> bool:
    """Return whether ``token`` (or the first conjunct of its coordination) has a preposition.

    A coordination is followed up only without punctuation in between: "entre son pays et le
    Mali" is one phrase, "Pour rappel, Moscou livre ..." is a misparse, not a coordination.
    """
    if case_of(token) is not None:
        return True
    t = token
    while t.dep_ == "conj" and t.head != t:
        head = t.head
        lo, hi = sorted((head.i, t.i))
        if any(x.is_punct for x in token.doc[lo:hi]):
            return False
        t = head
    return case_of(t) is not None


def subject_of(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """Return the grammatical subject of ``verb`` and whether it is a passive subject.

    Coordinated and controlled verbs inherit their head's subject; a relative pronoun is
    replaced by the noun the relative clause modifies.
    """
    if depth > 4:
        return None, False
    for child in verb.children:
        if child.dep_ in SUBJ | PASSIVE_SUBJ:
            # A relative pronoun stands for the noun its clause modifies.
            passive = child.dep_ in PASSIVE_SUBJ and is_passive(verb)
            if "PronType=Rel" in str(child.morph):
                return relative_antecedent(child), passive
            if case_of(child) is not None:
                # "Au Burkina, des hommes armés ont attaqué …": a fronted complement read as
                # the subject, the real subject hanging on it after the comma.
                after = [c for c in child.children if c.i > child.i and case_of(c) is None
                         and c.dep_ in {"nmod", "appos"} and c.pos_ in {"NOUN", "PROPN"}
                         and any(t.is_punct for t in verb.doc[child.i:c.i])]
                if after:
                    return after[0], passive
                continue
            return child, passive
    if verb.dep_ == "xcomp" and verb.head != verb and (
            verb_lemma(verb.head) in load_modality().object_control_verbs):
        # "le Rwanda accuse la RD Congo de bombarder ...": who bombs is the accused.
        controller = [c for c in verb.head.children if c.dep_ in OBJ] or [
            c for c in verb.head.children if c.dep_ == "obl:arg" and case_of(c) == "à"]
        if controller:
            return controller[0], False
    # ("se sont rassemblés pour exiger": a purpose infinitive's subject is its clause's.)
    purpose = verb.dep_ == "advcl" and verb.morph.get("VerbForm", []) == ["Inf"] and any(
        c.dep_ == "mark" and c.lower_ in {"pour", "afin"} for c in verb.children)
    if ordinal_infinitive(verb):
        # "X est devenu le premier pays à reconnaître ...", "X a été le premier à envoyer":
        # X did it (the subject of the predicate, or of the verb it completes).
        head = verb.head
        if any(c.dep_ in SUBJ for c in head.children):
            return subject_of(head, depth + 1)[0], False
        if head.head != head and head.head.pos_ in {"VERB", "AUX"}:
            return subject_of(head.head, depth + 1)[0], False
    if (verb.dep_ in {"conj", "xcomp"} or purpose) and verb.head != verb \
            and verb.head.pos_ in {"VERB", "AUX"}:
        subj, _ = subject_of(verb.head, depth + 1)
        return subj, False
    if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"} and "VerbForm=Part" in str(
            verb.morph):
        # "les soldats tués par ..." : the participle's noun is its passive subject.
        return verb.head, True
    return None, False


def ordinal_infinitive(verb: Token) -> bool:
    """Return whether an infinitive tells what someone was the first, last or only one to do.

    "sont devenus les premiers pays du Golfe à reconnaître Israël": they did recognise it.
    """
    if verb.morph.get("VerbForm", []) != ["Inf"] or verb.dep_ not in {"acl", "xcomp", "advcl"}:
        return False
    if not any(c.dep_ == "mark" and c.lower_ in {"à", "a"} for c in verb.children):
        return False
    head = verb.head
    words = [head, *(c for c in head.children if c.dep_ in {"amod", "nummod"})]
    return any(w.morph.get("NumType", []) == ["Ord"]
               or w.lemma_.lower() in {"premier", "dernier", "seul"} for w in words)


def relative_antecedent(pronoun: Token) -> Token:
    """Return the noun a relative pronoun stands for: what its clause modifies, or (when the
    parser hung the clause on a verb) the noun just before it ("a discuté avec les
    manifestants, qui ont refusé")."""
    clause = pronoun.head
    if clause.dep_.startswith("acl") and clause.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        return clause.head
    for t in reversed(pronoun.doc[max(0, pronoun.i - 3):pronoun.i]):
        if t.pos_ in {"NOUN", "PROPN"}:
            return t
    return clause.head if clause.dep_.startswith("acl") else pronoun


def prepositional(token: Token, prep: str) -> Iterator[Token]:
    """Yield dependents of ``token`` introduced by the preposition ``prep``.

    Compound prepositions ("auprès de", "près de", "lors de") are parsed as an adverb whose
    nominal dependent carries "de": the adverb names the preposition.
    """
    for child in token.children:
        if child.dep_ in PREP_DEPS and case_of(child) == prep:
            yield child
        elif child.dep_ == "advmod" and child.lower_ == prep:
            yield from (c for c in child.children if c.dep_ in PREP_DEPS)


SENTENCE_END = {".", "!", "?", "…"}


def text_sentence(token: Token) -> tuple[int, int]:
    """Return the token range of the sentence around ``token`` by punctuation and line breaks.

    The parser sometimes splits a sentence it misreads ("Pékin livre des blindés au Niger"):
    linear fallbacks look within the sentence the punctuation marks instead.
    """
    doc = token.doc
    start = token.i
    while start > 0 and not _ends_sentence(doc[start - 1]):
        start -= 1
    end = token.i
    while end < len(doc) - 1 and not _ends_sentence(doc[end]):
        end += 1
    return start, end + 1


def _ends_sentence(token: Token) -> bool:
    return token.text in SENTENCE_END or (token.is_space and "\n" in token.text)


PARTITIVES = {"des", "du", "de", "d'", "d’"}


def objects(verb: Token) -> list[Token]:
    """Return the direct objects of ``verb`` (the parse sometimes gives two).

    The indefinite article "des" is often tagged as a preposition, which turns the object of
    "ont massacré des civils" into an oblique: without a true object, such an oblique is one.
    """
    found = [c for c in verb.children if c.dep_ in OBJ and case_of(c) is None]
    if found:
        return found
    # "ont attaqué des policiers": the parser may keep "obj" but tag "des" as its case, or
    # call the phrase an oblique with no preposition at all.
    return [c for c in verb.children if c.i > verb.i and (
        (c.dep_ in {"obl:arg", *OBJ} and case_of(c) in PARTITIVES)
        or (c.dep_ == "obl:arg" and case_of(c) is None))]


def describing_participles(noun: Token) -> list[Token]:
    """Return the past participles that describe ``noun`` ("l'attaque perpétrée par ...").

    The parser hangs a participle on the nearest noun; one that disagrees with it in gender
    or number describes another ("le bilan de cette attaque donné par le gouvernement").
    """
    return [c for c in noun.children
            if c.dep_ == "acl" and c.morph.get("VerbForm", []) == ["Part"]
            and all(not c.morph.get(f, []) or not noun.morph.get(f, [])
                    or c.morph.get(f, []) == noun.morph.get(f, []) for f in ("Gender", "Number"))]


def governor(token: Token, light_verbs: frozenset[str] = frozenset()) -> Token | None:
    """Return the verb a noun trigger depends on ("mener une attaque" -> mener).

    Through an object-like complement; through any complement of a known light verb
    ("procéder à l'arrestation", "maintenir en détention").
    """
    t = token
    for _ in range(3):
        if t.head == t:
            return None
        through_light = (t.dep_.startswith("obl") and t.head.pos_ in {"VERB", "AUX"}
                         and verb_lemma(t.head) in light_verbs)
        if t.dep_ not in LIGHT_VERB_DEPS and t.dep_ != "conj" and not through_light:
            return None
        t = t.head
        if t.pos_ in {"VERB", "AUX"}:
            return t
    return None


def predicate(token: Token) -> Token:
    """Return the clause head an event hangs on: the verb itself, or a noun's governing verb."""
    if token.pos_ in {"VERB", "AUX"}:
        return token
    gov = governor(token)
    return gov if gov is not None else token


def first_verb_ancestor(token: Token) -> Token | None:
    """Return the nearest verb above ``token`` (the clause it belongs to)."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"} and ancestor.dep_ not in {"aux", "aux:tense",
                                                                      "aux:pass", "cop"}:
            return ancestor
    return None


def is_ancestor_or_self(candidate: Token, token: Token) -> bool:
    """Return whether ``candidate`` dominates ``token`` (or is it)."""
    return candidate == token or candidate in token.ancestors


def np_lemmas(head: Token, depth: int = 2) -> set[str]:
    """Return the lemmas of a noun phrase's head and its nominal dependents down to ``depth``."""
    out = {head.lemma_.lower(), head.lower_}
    frontier = [(head, 0)]
    while frontier:
        token, d = frontier.pop()
        if d >= depth:
            continue
        for child in token.children:
            if child.dep_ in {"nmod", "amod", "compound", "flat:name", "fixed", "appos", "conj"}:
                out.update({child.lemma_.lower(), child.lower_})
                frontier.append((child, d + 1))
    return out
