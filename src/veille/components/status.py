"""Read an event's status from French morphology, auxiliaries, negation and reporting frames.

actual · future (future tense, "devrait/va/entend + infinitif", "prochain") · claimed
(conditional, "présumé", inside a quote) · negated ("ne … pas", "démentir") · historical
(a time clearly older than the article, imperfect and pluperfect background, "pour rappel").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from .. import frames
from ..modality import Modality
from ..model import Actor, TimeValue
from ..temporal_rules import period_bounds

# Background is what happened clearly before the news: a month is the margin news uses for
# "recent" ("le mois dernier" is still news; "en 2021" is background).
HISTORICAL_MARGIN = timedelta(days=30)


@dataclass
class Reading:
    """An event's status, whether it is future cooperation, and who claims it."""

    status: str
    future: bool = False
    source: Actor | None = None


class StatusReader:
    """Decide the status of the events of one document."""

    def __init__(self, doc: Doc, modality: Modality, published: date | None) -> None:
        self.doc = doc
        self.m = modality
        self.published = published
        self.quotes = [(q.start, q.end, q.speaker) for q in (doc._.quotes or [])]

    def read(self, token: Token, time: TimeValue | None, *, forced: str | None = None,
             speech_act: bool = False) -> Reading:
        """Return the status of the event triggered by ``token`` with its attached ``time``.

        ``speech_act``: the event is itself something said (an accusation, a demand); told
        by someone else it is still said, so attribution does not make it a claim.
        """
        pred = frames.predicate(token)
        if self._negated(pred) or (token != pred and self._negated(token)):
            return Reading("negated")
        if forced:
            return Reading(forced, future=forced == "future")
        future = self._future(token, pred, time)
        if future == "intention":
            return Reading("actual", future=True)
        if future == "future":
            return Reading("future", future=True)
        inside, speaker = self._quote_speaker(token)
        if inside:
            return Reading("claimed", source=speaker)
        if self._claimed(token, pred):
            return Reading("claimed")
        if self._historical(token, pred, time):
            return Reading("historical")
        if not speech_act and self._attributed(pred):
            return Reading("claimed")
        return Reading("actual")

    # -- each status ---------------------------------------------------------------------------

    def _negated(self, verb: Token) -> bool:
        children = list(verb.children)
        has_ne = any(c.lower_ in {"ne", "n'", "n’"} for c in children)
        has_neg = any(c.lower_ in self.m.negation_words and c.dep_ in {"advmod", "det", "obj"}
                      for c in children)
        # "n'offrons aucune aide": the negative determiner sits on the object.
        has_neg = has_neg or any(d.lower_ in {"aucun", "aucune", "nul", "nulle"}
                                 for c in children if c.dep_ in {"obj", "nsubj"}
                                 for d in c.children)
        if has_ne and has_neg:
            return True
        if any(c.lower_ == "sans" and c.dep_ in {"mark", "case"} for c in children):
            return True
        head = verb.head
        return (verb.dep_ in {"xcomp", "ccomp", "obj"} and head != verb
                and head.lemma_.lower() in self.m.denial_verbs)

    def _future(self, token: Token, pred: Token, time: TimeValue | None) -> str | None:
        for verb in (pred, token):
            if "Tense=Fut" in str(verb.morph) or any(
                    "Tense=Fut" in str(c.morph) for c in verb.children if c.dep_.startswith("aux")):
                return "future"
        # "devrait dévoiler", "va se rendre", "entend aider": the trigger is an infinitive
        # controlled by an auxiliary of the future or of intention.
        for verb in (pred, token):
            if verb.dep_ == "xcomp" and verb.head != verb:
                head = frames.verb_lemma(verb.head)
                # "sont allés rendre hommage": "aller" in a past tense is motion, not future.
                if head == "aller" and ("Tense=Past" in str(verb.head.morph) or any(
                        c.dep_ == "aux:tense" for c in verb.head.children)):
                    return None
                if head in self.m.intention_verbs:
                    return "intention"
                if head in self.m.future_auxiliaries:
                    return "future"
        if token.pos_ == "NOUN" and any(c.lower_ in self.m.future_words for c in token.children):
            return "future"
        if self._future_in_the_past(pred):
            return "future"
        if time is not None and time.direction == "future":
            return "future"
        if time is not None and time.value and self.published:
            start = _first_day(time.value)
            if start is not None and start > self.published:
                return "future"
        return None

    def _future_in_the_past(self, verb: Token) -> bool:
        """Return whether a present conditional is the future of a past report.

        "Le Soudan et Israël ont indiqué que les délégations se rencontreraient": the
        concordance of tenses turns "se rencontreront" into a conditional; it announces, it
        does not allege ("aurait tué", a past conditional, still does).
        """
        if verb.pos_ not in {"VERB", "AUX"} or not present_conditional(verb):
            return False
        if any(c.dep_.startswith("aux") for c in verb.children):
            return False  # "aurait tué"
        head = verb.head
        if verb.dep_ != "ccomp" or head == verb or (
                frames.verb_lemma(head) not in self.m.reporting_verbs):
            return False
        return ("Tense=Past" in str(head.morph) or "Tense=Imp" in str(head.morph)
                or any(c.dep_ == "aux:tense" for c in head.children))

    def _quote_speaker(self, token: Token) -> tuple[bool, Actor | None]:
        """Return whether the trigger is inside a quote, and who speaks there."""
        for start, end, speaker in self.quotes:
            if start <= token.idx < end:
                return True, speaker
        return False, None

    def _claimed(self, token: Token, pred: Token) -> bool:
        for verb in {pred, token}:
            morphs = [str(verb.morph)] + [str(c.morph) for c in verb.children
                                          if c.dep_.startswith("aux")]
            if any("Mood=Cnd" in m for m in morphs) and verb.lemma_.lower() not in {"devoir",
                                                                                  "pouvoir"}:
                return True
        # "est accusée d'avoir enlevé sa fille": the charged act is the accuser's claim.
        for verb in {pred, token}:
            if (verb.dep_ in {"xcomp", "acl", "advcl"} and verb.head != verb
                    and frames.verb_lemma(verb.head) in self.m.charge_verbs):
                return True
        words = {t.lower_ for t in token.subtree} | {c.lower_ for c in pred.children}
        return bool(words & self.m.claim_words)

    def _attributed(self, pred: Token) -> bool:
        """Return whether the text leaves an act to a source: "selon X", "X affirme que"."""
        # "Selon l'armée, dix terroristes ont été tués": attributed to a source.
        if any(cc.lower_ in self.m.attribution_markers
               for c in pred.children for cc in c.children if cc.dep_ == "case"):
            return True
        # "X affirme que la France a armé ...": reported as someone's claim, unless the
        # speaker tells of their own act ("Abbas a déclaré qu'il rejetait l'accord").
        if not (pred.dep_ == "ccomp" and pred.head != pred
                and frames.verb_lemma(pred.head) in self.m.claim_verbs):
            return False
        subject, _ = frames.subject_of(pred)
        return subject is None or subject.pos_ != "PRON"

    def _historical(self, token: Token, pred: Token, time: TimeValue | None) -> bool:
        if time is not None and self.published is not None and time.value:
            start = _first_day(time.range_start or time.value)
            end = _last_day(time.range_end or time.value)
            if time.anchor == "since" and start is not None:
                return start < self.published - HISTORICAL_MARGIN
            if end is not None and end < self.published - HISTORICAL_MARGIN:
                return True
        verb = pred if pred.pos_ in {"VERB", "AUX"} else token
        # Imperfect and pluperfect narrate background in news French ("ils rompaient",
        # "il avait signé").
        if "Tense=Imp" in str(verb.morph) and "VerbForm=Fin" in str(verb.morph):
            # But "a déclaré que le gouvernement discutait ...": the tense follows the report
            # (concordance des temps), the discussion is going on as it is reported.
            reported = verb.dep_ == "ccomp" and frames.verb_lemma(verb.head) in (
                self.m.reporting_verbs)
            return not reported
        if any(c.dep_ == "aux:tense" and "Tense=Imp" in str(c.morph) for c in verb.children):
            return True
        sent_text = token.sent.text.lower()
        return any(marker in sent_text for marker in self.m.background_markers)


CONDITIONAL_ENDINGS = ("rais", "rait", "rions", "riez", "raient")


def present_conditional(verb: Token) -> bool:
    """Return whether a verb is in the present conditional.

    The tagger often reads "se rencontreraient", "quitteraient" as indicative; the form tells:
    the future stem (the infinitive, without the final "e" of "-re") and an imperfect ending.
    """
    if verb.morph.get("Mood", []) == ["Cnd"]:
        return True
    form, lemma = verb.lower_, verb.lemma_.lower()
    stem = lemma[:-1] if lemma.endswith("re") else lemma
    return (form.endswith(CONDITIONAL_ENDINGS) and lemma.endswith(("er", "ir", "re"))
            and form.startswith(stem) and len(form) > len(stem))


def _first_day(value: str) -> date | None:
    bounds = period_bounds(value)
    return bounds[0] if bounds else None


def _last_day(value: str) -> date | None:
    bounds = period_bounds(value)
    return bounds[1] if bounds else None
