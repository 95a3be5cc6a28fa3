"""Find who is acting: named people, organisations, countries, seats of power, descriptions.

The component marks actor mentions on the Doc; the events component asks ``ActorResolver`` for
the actor of an argument (a token heading a noun phrase) and of pronouns. Metonymic capitals
("Moscou livre des armes") become government actors and leave the list of places.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from dataclasses import dataclass
from datetime import date

from spacy.attrs import DEP
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..factories import make_factory
from ..frames import objects, relative_antecedent, subject_of, text_sentence
from ..knowledge import ActorKnowledge, fold, is_case_sensitive
from ..lexicon import load_lexicon
from ..model import Actor, Entity

LOGGER = logging.getLogger(__name__)

# Labels of the phrase matcher, in the order a noun phrase prefers them when several are found
# at the same distance from its head: a named person says more than a description.
# Mentions inside a description that give it a country ("le ministre malien", "l'armée du
# Mali", "les soldats de Barkhane"); a role counts when it has one ("casques bleus" -> IGO).
COUNTRY_CLUES = frozenset({"DEMONYM", "COUNTRY", "SEAT", "ORG", "PERSON", "ROLE"})
PRIORITY = {"PERSON": 0, "ORG": 1, "ROLE": 2, "DEMONYM": 3, "COUNTRY": 4, "SEAT": 5, "PER": 6}
# Dependents that stay inside a noun phrase when looking for who it names. Relative clauses,
# coordinated phrases and clauses are other phrases.
NP_DEPS = {"amod", "nmod", "appos", "flat:name", "flat", "compound", "det", "case", "fixed",
           "nummod", "flat:foreign", "dep"}
SUBJECT_DEPS = {"nsubj", "nsubj:pass", "csubj"}
_SUBJECT_DEP_IDS = frozenset(
    get_string_id(d) for d in (*SUBJECT_DEPS, "obl:agent", "expl:subj"))
OWNER_CASES = {None, "de", "du", "des", "d'", "d’"}
PRONOUNS = {"il", "elle", "ils", "elles", "lui", "eux", "celui-ci", "celle-ci", "ceux-ci",
            "celles-ci", "-t-il", "-il", "-elle", "-t-elle", "-ils", "-elles"}
# "son pays", "ses compatriotes": nouns a possessive ties to the possessor's country.
POSSESSED_NATIONALS = {"pays", "gouvernement", "nation", "état", "compatriote", "concitoyen",
                       "ressortissant", "citoyen", "peuple", "population"}
OBJECT_CLITICS = {"l'", "l’", "le", "la", "les", "lui", "leur"}
# Verbs whose inverted "il" is impersonal: "semble-t-il", "faut-il", "y a-t-il".
IMPERSONAL_VERBS = {"falloir", "sembler", "paraître", "agir", "avoir", "rester", "exister",
                    "être", "importer", "valoir"}
FIRST_PERSON = {"je", "j'", "j’", "nous", "moi"}
GROUP_CODES = {"IGO", "IMG", "NGO", "WST", "AFR", "SAH"}


@dataclass
class ActorMention:
    """A span of tokens that names or describes an actor."""

    start: int
    end: int
    label: str
    actor: Actor

    def covers(self, i: int) -> bool:
        """Return whether token ``i`` is inside the mention."""
        return self.start <= i < self.end


class ActorRecognizer:
    """spaCy component: actor mentions, entities, the article's main country, metonymy."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.kb = ActorKnowledge.load()
        # Acronyms match in capitals only ("UN", "UA" are also French words); the rest ignore case.
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        for label, phrases in self.kb.phrases().items():
            names = sorted({p for p in phrases if p.strip()})
            self.matcher.add(label, [nlp.make_doc(p) for p in names if not is_case_sensitive(p)])
            self.acronyms.add(label, [nlp.make_doc(p) for p in names if is_case_sensitive(p)])
        self.verb_forms = frozenset(load_lexicon().by_form)

    def __call__(self, doc: Doc) -> Doc:
        published = _parse_date(doc._.published)
        mentions = self._match(doc, published)
        doc._.actor_mentions = mentions
        doc._.main_country = _main_country(doc, mentions)
        resolver = ActorResolver(doc, self.kb)
        # Every capital stays an actor mention (an argument "accuse Moscou" is the government);
        # only those used as agents leave the list of places.
        metonyms = {(m.start, m.end) for m in mentions if m.label == "SEAT"
                    and resolver.is_metonymic(doc[m.start:m.end], self.verb_forms)}
        doc._.actor_mentions = [m for m in mentions if not _is_headline_topic(doc, m)]
        metonym_chars = {(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in metonyms}
        if doc._.places:
            doc._.places = [p for p in doc._.places if (p.start, p.end) not in metonym_chars]
        doc._.entities = _entities(doc, doc._.actor_mentions)
        return doc

    def _match(self, doc: Doc, published: date | None) -> list[ActorMention]:
        found: list[ActorMention] = []
        spans = [Span(doc, s, e, label=mid)
                 for mid, s, e in [*self.matcher(doc), *self.acronyms(doc)]]
        # A role is a noun ("les militaires"), not the adjective of another noun ("l'aide
        # militaire", "la violence djihadiste").
        # (An adjective that names a bloc, "les ministres européens", qualifies like a demonym.)
        spans = [s for s in spans if s.label_ != "ROLE" or s.root.pos_ in {"NOUN", "PROPN"}
                 or (s.root.pos_ == "ADJ" and (role := self.kb.role(s.text)) is not None
                     and role.country is not None)]
        # "coup d'État" is one noun: its État is not the state as an actor.
        spans = [s for s in spans if not (s.label_ == "ROLE" and s.root.lower_ == "état"
                                          and s.root.head.lemma_.lower() == "coup")]
        # Names tagged PER by the model but unknown to us are actors too (country from context).
        # (A name starts with a capital: "malien de la Défense" tagged PER is not one.)
        spans += [Span(doc, ent.start, ent.end, label="PER") for ent in doc.ents
                  if ent.label_ == "PER" and len(ent.text) > 2 and ent.text[:1].isupper()]
        spans = _longest_first(spans)
        for span in spans:
            actor = self._actor_of_span(span, published)
            if actor is not None:
                found.append(ActorMention(span.start, span.end, span.label_, actor))
        found.sort(key=lambda m: m.start)
        return _link_short_names(doc, found)

    def _actor_of_span(self, span: Span, published: date | None) -> Actor | None:
        text = span.text
        start, end = span.start_char, span.end_char
        label = span.label_
        if label == "PERSON":
            person = self.kb.person(text)
            if person is None:
                return None
            office = person.office_on(published)
            return Actor(name=text, country=office.country if office else None,
                         sector=office.sector if office else None, start=start, end=end,
                         person=person.name, kind="person")
        if label == "ORG":
            org = self.kb.organisation(text)
            if org is None:
                return None
            # A mission or bloc is its organisation (MINUSMA is the UN's, not Mali's); a
            # national force or party is its country's.
            code = org.code if org.code in GROUP_CODES else (org.country or org.code)
            return Actor(name=text, country=code, sector=org.sector_on(published), start=start,
                         end=end, org=org.name, kind="org")
        if label == "COUNTRY":
            country = self.kb.country_by_name(text)
            if country is None:
                return None
            return Actor(name=text, country=country.iso3, sector="GOV", start=start, end=end,
                         kind="country")
        if label == "SEAT":
            country = self.kb.country_by_seat(text)
            if country is None:
                return None
            return Actor(name=text, country=country.iso3, sector="GOV", start=start, end=end,
                         kind="capital")
        if label == "DEMONYM":
            country = self.kb.country_by_demonym(text)
            if country is None:
                return None
            # A capitalised demonym is a people ("les Maliens"); a lower-case one qualifies a
            # noun and is read through that noun phrase.
            kind = "people" if span[0].text[:1].isupper() else "demonym"
            return Actor(name=text, country=country.iso3, sector="CVL", start=start, end=end,
                         kind=kind)
        if label == "ROLE":
            role = self.kb.role(text)
            if role is None:
                return None
            # Unnamed armed actors ("des hommes armés") have no country: their affiliation is
            # unknown, unlike soldiers or civilians, who belong where the story happens.
            return Actor(name=text, country=role.country, sector=role.sector, start=start,
                         end=end, kind="armed" if role.generic_armed else "role")
        if label == "PER":
            # The model's name span may be longer than ours ("M. Trump"): still a known person?
            if self.kb.person(text) is not None:
                return self._actor_of_span(Span(span.doc, span.start, span.end, label="PERSON"),
                                           published)
            return Actor(name=text, country=None, sector=None, start=start, end=end, kind="per")
        return None


class ActorResolver:
    """Resolve the actor(s) named by an argument of an event, within one Doc."""

    def __init__(self, doc: Doc, kb: ActorKnowledge) -> None:
        self.doc = doc
        self.kb = kb
        self.mentions: list[ActorMention] = doc._.actor_mentions or []
        self.by_token: dict[int, ActorMention] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token.setdefault(i, m)
        self.main_country: str | None = doc._.main_country
        self._subjects: list[tuple[int, list[Actor], bool]] | None = None
        self._described: dict[str, tuple[str, str | None]] | None = None

    # -- noun phrases -------------------------------------------------------------------------

    def resolve(self, head: Token, *, with_conjuncts: bool = True) -> list[Actor]:
        """Return the actors a noun phrase headed by ``head`` names (conjuncts included)."""
        heads = [head]
        if with_conjuncts:
            heads += [t for t in head.conjuncts if t.i > head.i]
            # "d'autres pays comme la Guinée, le Burkina et le Tchad": the examples act too.
            for child in head.children:
                if child.dep_ == "nmod" and any(c.lower_ == "comme" for c in child.children):
                    heads += [child, *[t for t in child.conjuncts if t.i > child.i]]
        actors: list[Actor] = []
        for h in heads:
            actor = self._resolve_one(h)
            if actor is None:
                continue
            for one in self._per_nationality(h, actor):
                if all(a.key != one.key for a in actors):
                    actors.append(one)
        return actors

    def _per_nationality(self, head: Token, actor: Actor) -> list[Actor]:
        """Split "les ministres nigérien et béninois" into one actor per nationality."""
        if actor.kind not in {"description", "guessed"}:
            return [actor]
        adjectives = [c for c in head.children if c.dep_ in {"amod", "conj"} and c.pos_ == "ADJ"]
        codes: list[str] = []
        for adj in adjectives + [c for a in adjectives for c in a.conjuncts]:
            country = self.kb.country_by_demonym(adj.text)
            if country is not None and country.iso3 not in codes:
                codes.append(country.iso3)
        if len(codes) < 2:
            return [actor]
        return [dataclasses.replace(actor, country=code, kind="description") for code in codes]

    def _resolve_one(self, head: Token) -> Actor | None:
        if head.lower_ in PRONOUNS and head.i not in self.by_token:
            return self.antecedent(head)
        if head.lower_ in FIRST_PERSON:
            return self.speaker_of(head)
        if head.lower_ in OBJECT_CLITICS and head.pos_ == "PRON" and head.i not in self.by_token:
            return self.object_antecedent(head)
        # A name in apposition identifies the phrase ("le chef de la junte, le colonel Assimi
        # Goïta"); a name behind "de" is someone else ("le porte-parole de Goïta").
        named = _apposed(head)
        best: tuple[int, int, ActorMention] | None = None
        for token, depth in _np_tokens(head):
            m = self.by_token.get(token.i)
            if m is None or (m.actor.kind == "demonym" and token.i == head.i):
                continue
            if token.i in named and m.label in {"PERSON", "PER", "ORG"}:
                depth = -1
            rank = (depth, PRIORITY.get(m.label, 9))
            if best is None or rank < best[:2]:
                best = (*rank, m)
        if best is None:
            return self._possessive(head)
        mention = best[2]
        actor = mention.actor
        span = _np_span(head)
        if actor.kind in {"person", "org", "country", "capital"} or len(span) > 10:
            # A name is named by itself (with its article); a long phrase is a misparse.
            start = mention.start
            before = self.doc[start - 1] if start > 0 else None
            if before is not None and before.pos_ == "DET" and (
                    mention.start <= before.head.i < mention.end):
                start -= 1
            span = self.doc[start:mention.end]
        if actor.kind in {"role", "armed", "per", "people", "demonym"}:
            completed = self._complete(actor, head)
            if completed is None:
                return None
            actor = completed
        return Actor(name=span.text, country=actor.country, sector=actor.sector,
                     start=span.start_char, end=span.end_char, person=actor.person,
                     org=actor.org, kind=actor.kind)

    def _complete(self, actor: Actor, head: Token) -> Actor | None:
        """Give a description or an unknown name the country its phrase or article implies."""
        clue_country, clue_sector = self._clues(head, COUNTRY_CLUES)
        country = actor.country or clue_country
        sector = actor.sector or clue_sector
        if country is None:
            # A demonym swallowed by a longer role ("des instructeurs russes").
            country = next((c.iso3 for t, _ in _np_tokens(head) if t.pos_ == "ADJ"
                            and (c := self.kb.country_by_demonym(t.text)) is not None), None)
        if country is None and actor.kind == "armed":
            return Actor(name=actor.name, country=None, sector=sector, kind="armed")
        if country is None:
            # "son pays", "ses troupes", "leur armée": the possessor's.
            country = self._possessor_country(head)
        kind = actor.kind if actor.kind != "role" else "description"
        if country is None and actor.kind == "per":
            # "Le chef de char russe Vadim Shishimarin ... Shishimarin a été condamné": an
            # unknown name keeps what its description said anywhere in the article.
            described = self.described_names().get(_name_key(actor.name))
            if described is not None:
                country, sector = described[0], sector or described[1]
                kind = "description"
        if country is None and self.main_country is not None:
            # Unqualified ("l'armée", "des civils"): the article's country, a guess that an
            # explicit party elsewhere in the frame overrides.
            country, kind = self.main_country, "guessed"
        if country is None and sector is None:
            return None
        person = actor.person or self._named_earlier(head, country, sector)
        return Actor(name=actor.name, country=country, sector=sector or "GOV",
                     person=person, kind=kind)

    def described_names(self) -> dict[str, tuple[str, str | None]]:
        """Return the country and sector the text gives unknown names by describing them.

        "le chef de char russe Vadim Shishimarin", "Oleksandr Shelipov, un civil ukrainien":
        a demonym in the phrase the name is apposed to, or in its own apposition.
        """
        if self._described is None:
            self._described = {}
            for m in self.mentions:
                if m.label != "PER" or m.actor.kind != "per":
                    continue
                root = self.doc[m.start:m.end].root
                phrases = [c for c in root.children if c.dep_ == "appos"]
                if root.dep_ in {"appos", "flat:name", "nmod"} and root.head.pos_ == "NOUN":
                    phrases.append(root.head)
                for phrase in phrases:
                    found = self._description_of(phrase)
                    if found is not None:
                        self._described.setdefault(_name_key(m.actor.name), found)
                        break
        return self._described

    def _description_of(self, head: Token) -> tuple[str, str | None] | None:
        country, sector = self._clues(head, frozenset({"DEMONYM"}))
        return (country, sector) if country else None

    def _clues(self, head: Token, labels: frozenset[str]) -> tuple[str | None, str | None]:
        """Return the first country (from mentions labelled ``labels``, or a role that has
        one when ``labels`` holds ROLE) and the first role's sector in ``head``'s phrase."""
        country = sector = None
        for token, _ in _np_tokens(head):
            m = self.by_token.get(token.i)
            if m is None:
                continue
            if m.label == "ROLE" and sector is None:
                sector = m.actor.sector
            if country is None and m.label in labels and (
                    m.label != "ROLE" or m.actor.country):
                country = m.actor.country
        return country, sector

    def _named_earlier(self, head: Token, country: str | None, sector: str | None) -> str | None:
        """Return the person a description refers back to ("le chef de la diplomatie russe").

        The last known person before it with the same country and sector; a description that
        fits nobody named earlier stays anonymous.
        """
        if country is None or head.pos_ != "NOUN":
            return None
        for m in reversed(self.mentions):
            if m.start >= head.i:
                continue
            a = m.actor
            if a.person and a.country == country and a.sector == (sector or "GOV"):
                return a.person
        return None

    def _possessive(self, head: Token) -> Actor | None:
        """Resolve "son pays", "leur gouvernement": the possessor's country."""
        if head.lemma_.lower() not in POSSESSED_NATIONALS:
            return None
        country = self._possessor_country(head)
        if country is None:
            return None
        span = _np_span(head)
        state = {"pays", "gouvernement", "nation", "état"}
        sector = "GOV" if head.lemma_.lower() in state else "CVL"
        return Actor(name=span.text, country=country, sector=sector, start=span.start_char,
                     end=span.end_char, kind="description")

    def _possessor_country(self, head: Token) -> str | None:
        if not any(c.dep_ == "det" and "Poss=Yes" in str(c.morph) for c in head.children):
            return None
        antecedent = self.clause_possessor(head) or self.antecedent(head)
        return antecedent.country if antecedent else None

    def clause_possessor(self, head: Token) -> Actor | None:
        """Return whom "ses troupes" belong to in a clause another subject governs.

        "La Russie nie que ses troupes ciblent des civils": the subject of the verb above the
        clause holding the possessive, before any earlier subject of the text.
        """
        t = head
        while t.head != t and t.dep_ not in {"ccomp", "xcomp", "advcl", "acl:relcl"}:
            t = t.head
        if t.head == t:
            return None
        subject, _ = subject_of(t.head)
        if subject is None or subject.i == head.i or subject.pos_ == "PRON":
            return None
        actors = self.resolve(subject, with_conjuncts=False)
        return actors[0] if actors else None

    # -- pronouns and salience ----------------------------------------------------------------

    def antecedent(self, token: Token) -> Actor | None:
        """Return the actor a pronoun (or possessive) most likely refers to: the last subject."""
        plural = token.lower_ in {"ils", "elles", "eux", "leur", "leurs"} or (
            "Number=Plur" in str(token.morph))
        for i, actors, is_plural in reversed(self.subjects()):
            if i >= token.i or token.i in range(i, i + 1):
                continue
            if plural and not is_plural:
                continue
            if is_plural and _bare_pronoun(token) in {"il", "elle"}:
                continue  # "il" is not "des ONG"
            if actors:
                return referred(actors[0], "pronoun")
            if plural and _same_gender(token, self._noun_of_subject(i)):
                return None  # the nearest plural of its gender names no party
        return None

    def _noun_of_subject(self, i: int) -> Token:
        """Return the noun a subject entry stands for (a relative "qui": its antecedent)."""
        token = self.doc[i]
        if "PronType=Rel" in str(token.morph):
            return relative_antecedent(token)
        return token

    def subjects(self) -> list[tuple[int, list[Actor], bool]]:
        """Return (token index, actors, plural?) of every resolved subject, in text order."""
        if self._subjects is None:
            self._subjects = []
            # (The doc's dependency array picks the few candidates: most words never become
            # Tokens here.)
            where = [i for i, dep in enumerate(self.doc.to_array(DEP).tolist())
                     if dep in _SUBJECT_DEP_IDS]
            for token in (self.doc[i] for i in where):
                if token.dep_ not in SUBJECT_DEPS and token.dep_ != "obl:agent" and not (
                        token.dep_ == "expl:subj" and token.text.startswith("-")
                        and token.head.lemma_ not in IMPERSONAL_VERBS):
                    # (", a-t-il ajouté" is often parsed as an impersonal "il".)
                    continue
                if token.pos_ == "PRON" and "PronType=Rel" in str(token.morph):
                    # "... avec les combattants, qui ont refusé ...": the relative's noun is
                    # the subject that "ils" takes up next.
                    noun = relative_antecedent(token)
                    actors = self.resolve(noun, with_conjuncts=False)
                    plural = "Number=Plur" in str(noun.morph)
                    if actors or (plural and noun.pos_ == "NOUN"):
                        self._subjects.append((token.i, actors, plural))
                    continue
                if token.pos_ == "PRON":
                    # "..., avait-il réagi. Les autorités l'ont arrêté": a subject pronoun
                    # carries its antecedent on, as the last subject for what follows.
                    if token.lower_ in PRONOUNS and token.i not in self.by_token:
                        actor = self.antecedent(token)
                        if actor is not None:
                            plural = _bare_pronoun(token) in {"ils", "elles"}
                            self._subjects.append((token.i, [actor], plural))
                    continue
                actors = self.resolve(token)
                if not actors and token.pos_ == "NOUN" and "Number=Plur" in str(token.morph):
                    # "Les combattants ont refusé ... Ils veulent": a plural that names no
                    # party still is what the next "ils" refers to (see antecedent).
                    self._subjects.append((token.i, [], True))
                if actors:
                    # ("des ONG": the noun has no number, its determiner has.)
                    plural = len(actors) > 1 or any(
                        "Number=Plur" in str(t.morph) for t in (token, *token.children)
                        if t is token or t.dep_ == "det")
                    self._subjects.append((token.i, actors, plural))
        return self._subjects

    def object_antecedent(self, token: Token) -> Actor | None:
        """Return who an object pronoun ("l'accuse", "l'ont arrêté") refers to.

        Before its sentence: the last subject, unless that is the subject of the pronoun's own
        verb (one does not accuse oneself); else the last named person, organisation or
        country that is not.
        """
        verb = token.head
        own = {a.key for c in verb.children if c.dep_ in SUBJECT_DEPS
               for a in self.resolve(c, with_conjuncts=False)}
        sentence_start, _ = text_sentence(token)
        subjects = [s for s in self.subjects() if s[0] < sentence_start]
        if subjects and subjects[-1][1] and subjects[-1][1][0].key not in own:
            return referred(subjects[-1][1][0], "pronoun")
        if subjects and subjects[-1][1]:
            # "L'armée ougandaise pourchasse les ADF. Elle les accuse ...": the subject goes
            # on, so the object pronoun takes up the object of the last subject's verb.
            verb = self.doc[subjects[-1][0]].head
            for obj in objects(verb):
                for taken_up in self.resolve(obj, with_conjuncts=False):
                    if taken_up.country and taken_up.key not in own:
                        return referred(taken_up, "pronoun")
        for m in reversed(self.mentions):
            if m.end > sentence_start or m.label not in {"PERSON", "PER", "ORG", "COUNTRY"}:
                continue
            root = self.doc[m.start:m.end].root
            while root.dep_ in {"appos", "flat:name"} and root.head.pos_ == "NOUN":
                root = root.head  # "le journaliste français Olivier Dubois"
            actor = self._resolve_one(root)
            if actor is not None and actor.country and actor.key not in own:
                return referred(actor, "pronoun")
        return None

    def speaker_of(self, token: Token) -> Actor | None:
        """Return who speaks in the quote holding a first-person pronoun ("« Nous avons ... »")."""
        for quote in self.doc._.quotes or []:
            if quote.start <= token.idx < quote.end and quote.speaker is not None:
                return referred(quote.speaker, "speaker")
        return None

    def is_metonymic(self, span: Span, verb_forms: frozenset[str] = frozenset()) -> bool:
        """Return whether a capital or seat of power stands for its government here.

        A seat of power (l'Élysée, le Kremlin) always does; a capital does when it acts.
        """
        root = span.root
        country = self.kb.country_by_seat(span.text)
        if country is not None and fold(span.text) != fold(country.capital or ""):
            return True
        if root.dep_ in SUBJECT_DEPS:
            return True
        # The French parse often misreads "Moscou livre ..." as a name: a capital at the start
        # of a clause directly followed by a finite verb form or an unknown word is a subject.
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        prev = span.doc[span.start - 1] if span.start > 0 else None
        starts_clause = prev is None or prev.is_punct or prev.is_sent_start or prev.pos_ == "CCONJ"
        return bool(starts_clause and nxt is not None and nxt.dep_ != "case"
                    and (nxt.pos_ in {"VERB", "AUX"} or nxt.lower_ in verb_forms))


def _link_short_names(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """Give a surname alone ("M. Diop", "Diop") the person named in full earlier.

    The knowledge files leave out bare surnames (too many Diops); within one article the last
    person named in full with that surname is who it means.
    """
    known: dict[str, Actor] = {}
    out: list[ActorMention] = []
    for m in mentions:
        actor = m.actor
        span = doc[m.start:m.end]
        if actor.person is not None and len(span) > 1:
            known[fold(span[-1].text).lower()] = actor
        elif m.label == "PER" and actor.person is None:
            full = known.get(fold(span[-1].text).lower())
            if full is not None:
                m = ActorMention(m.start, m.end, "PERSON", dataclasses.replace(
                    full, name=actor.name, start=actor.start, end=actor.end))
        out.append(m)
    return out


def _same_gender(pronoun: Token, noun: Token) -> bool:
    """Return whether a noun may be what a third-person pronoun stands for, by gender."""
    wanted = {"ils": "Masc", "eux": "Masc", "elles": "Fem"}.get(_bare_pronoun(pronoun))
    gender = noun.morph.get("Gender", [])
    return wanted is None or not gender or gender == [wanted]


def _bare_pronoun(token: Token) -> str:
    """Return a subject pronoun without the hyphen of inversion ("-t-il" -> "il")."""
    return token.lower_.lstrip("-t")


def _name_key(name: str) -> str:
    """Return the surname a name is known by in one article ("Vadim Shishimarin" -> shishimarin)."""
    words = fold(name).lower().split()
    return words[-1] if words else ""


def referred(actor: Actor, kind: str) -> Actor:
    """Return ``actor`` as reached by a reference (a pronoun, a quote's speaker).

    The copy keeps the offsets of the mention that names the actor.
    """
    return dataclasses.replace(actor, kind=kind)


def _is_headline_topic(doc: Doc, mention: ActorMention) -> bool:
    """Return whether a mention is a topic label opening a line ("Burkina : ...", "Mali/Est")."""
    if mention.end >= len(doc) or doc[mention.end].text not in {":", "/", "–"}:
        return False
    return mention.start == 0 or (doc[mention.start - 1].is_space
                                  and "\n" in doc[mention.start - 1].text)


def _np_tokens(head: Token) -> list[tuple[Token, int]]:
    """Return the tokens of the noun phrase headed by ``head`` with their depth, breadth first.

    Complements with "de" say whose the phrase is ("le ministre de la Défense du Mali");
    complements with other prepositions say where or for whom ("le convoi pour Ouagadougou")
    and name other parties.
    """
    out = [(head, 0)]
    frontier = [(head, 0)]
    while frontier:
        token, depth = frontier.pop(0)
        for child in token.children:
            if not (child.dep_ in NP_DEPS
                    or (child.dep_ == "conj" and child.head.dep_ == "flat:name")):
                continue
            if child.dep_ == "nmod" and _case(child) not in OWNER_CASES:
                continue
            out.append((child, depth + 1))
            frontier.append((child, depth + 1))
    return out


def _case(token: Token) -> str | None:
    for child in token.children:
        if child.dep_ == "case" and child.i < token.i:
            return child.lower_
    return None


def _apposed(head: Token) -> set[int]:
    """Return the tokens reached from ``head`` through appositions and name parts only."""
    out: set[int] = set()
    frontier = [head]
    while frontier:
        token = frontier.pop()
        for child in token.children:
            # "le président Macron": the parser may read the name as the title's adjective.
            named_amod = (child.dep_ == "amod" and child.i == token.i + 1
                          and child.text[:1].isupper())
            if (child.dep_ in {"appos", "flat:name", "flat"} or named_amod) and (
                    child.i not in out):
                out.add(child.i)
                frontier.append(child)
    return out


def _np_span(head: Token) -> Span:
    tokens = [t for t, _ in _np_tokens(head) if not t.is_punct and not t.is_space]
    # The phrase's own preposition ("par les colonels") is not part of its name.
    tokens = [t for t in tokens if not (t.dep_ == "case" and t.head == head)] or tokens
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    return head.doc[start:end]


def _longest_first(spans: list[Span]) -> list[Span]:
    """Keep non-overlapping spans, longest (then earliest) first; knowledge beats NER on ties."""
    ranked = sorted(spans, key=lambda s: (-(s.end - s.start), s.label_ == "PER", s.start))
    taken: set[int] = set()
    kept: list[Span] = []
    for s in ranked:
        if any(i in taken for i in range(s.start, s.end)):
            continue
        kept.append(s)
        taken.update(range(s.start, s.end))
    return sorted(kept, key=lambda s: s.start)


PLACE_VOTE = 2  # one place mention in the text; in the title it counts twice


def _main_country(doc: Doc, mentions: list[ActorMention]) -> str | None:
    """Return the country the article is mostly about: where its places are (title counts twice).

    Places first: a story about Russia in Mali names Russians often, but happens in Mali. When
    no country has two place mentions, the nationalities the text gives its people and the
    known people it names count half a place each: they outvote one passing place ("en exil
    en Guinée équatoriale") in a story about The Gambia. A local outlet's home country
    (``data/fr/outlets.yaml``) counts like a place: it breaks ties and stands in for silence.
    """
    votes: Counter[str] = Counter()
    title_end = doc._.text_offset or 0
    for p in doc._.places or []:
        span = (doc.char_span(p.start, p.end, alignment_mode="expand")
                if p.start is not None and p.end is not None else None)
        # A country as subject or object acts ("la Russie voit plus grand"): not a place there.
        if p.country and (span is None or span.root.dep_ not in SUBJECT_DEPS | {"obj"}):
            votes[p.country] += 2 * PLACE_VOTE if (p.start or 0) < title_end else PLACE_VOTE
    # When places say little (one passing mention), the nationality the text gives its
    # people ("les soldats gambiens") and the known people it names count half a place each.
    # Not otherwise: a story about Russia in Mali names Russians more often than Bamako.
    if not votes or votes.most_common(1)[0][1] < 2 * PLACE_VOTE:
        for m in mentions:
            if m.label in {"DEMONYM", "PERSON"} and m.actor.country not in GROUP_CODES:
                votes[m.actor.country or ""] += PLACE_VOTE // 2
        votes.pop("", None)
    # A local outlet reports from home: its country breaks ties and stands in for silence.
    if doc._.outlet_country:
        votes[doc._.outlet_country] += PLACE_VOTE
    return votes.most_common(1)[0][0] if votes else None


def _entities(doc: Doc, mentions: list[ActorMention]) -> list[Entity]:
    out = [Entity(text=doc[m.start:m.end].text, label=m.label, start=doc[m.start].idx,
                  end=doc[m.end - 1].idx + len(doc[m.end - 1]), actor=m.actor)
           for m in mentions if m.actor.kind != "demonym"]
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for ent in doc.ents:
        if ent.label_ in {"ORG", "PER", "MISC"} and not any(i in covered for i in
                                                            range(ent.start, ent.end)):
            out.append(Entity(text=ent.text, label=ent.label_, start=ent.start_char,
                              end=ent.end_char, actor=None))
    return sorted(out, key=lambda e: e.start)


def _parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


make_factory("veille_actors", ActorRecognizer)
