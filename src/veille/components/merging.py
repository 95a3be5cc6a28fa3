"""One event per real-world event: mentions of the same event in an article merge.

Two triggers of one sentence state one event unless they involve different parties; across
sentences, a repeated event has the same parties and mode; a headline restates its lead.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..lexicon import TriggerRule
from ..model import Actor, Event


@dataclass
class Candidate:
    """An event found at one trigger, before merging."""

    event: Event
    token: Token
    sentence: int
    in_title: bool
    rule: TriggerRule
    misread: bool = False  # the tagger missed the trigger: the parse around it is unreliable


def merge_candidates(candidates: list[Candidate], *, has_title: bool) -> list[Event]:
    """Keep one event per real-world event: repeated mentions join the first one."""
    kept: list[Candidate] = []
    for cand in candidates:
        target = next((k for k in kept if _same_event(k, cand)), None)
        if target is None:
            kept.append(cand)
            continue
        _absorb(target.event, cand.event)
    # Headlines restate the lead: a title event joins the first body event of its type
    # with a shared actor.
    final: list[Candidate] = []
    titles = [k for k in kept if k.in_title]
    for k in kept:
        if k.in_title:
            continue
        for t in list(titles):
            # (A headline that names no actor, "Attaque contre l'armée près de Kaya", is the
            # lead's event too.)
            if t.event.event == k.event.event and (
                    not t.event.actor or _codes(t.event.actor) & _codes(k.event.actor)):
                _absorb(k.event, t.event, union_recipients=True)
                k.event.is_lead = True
                titles.remove(t)
        final.append(k)
    for t in titles:
        t.event.is_lead = True
        final.append(t)
    final.sort(key=lambda c: c.token.i)
    events = [c.event for c in final]
    first_body = next((c for c in final if not c.in_title), None)
    if first_body is not None and first_body.sentence <= 1 + (1 if has_title else 0):
        first_body.event.is_lead = True
    return events


def _codes(actors: list[Actor]) -> set[str]:
    return {a.country for a in actors if a.country}


def _keys(actors: list[Actor]) -> set[tuple[str | None, str | None, str | None]]:
    return {a.key for a in actors}


def _same_event(a: Candidate, b: Candidate) -> bool:
    ea, eb = a.event, b.event
    if ea.event != eb.event or (ea.mode and eb.mode and ea.mode != eb.mode):
        return False
    if ea.date and eb.date and not (ea.date.startswith(eb.date) or eb.date.startswith(ea.date)):
        return False
    if a.sentence == b.sentence and (not ea.mode or not eb.mode or ea.mode == eb.mode):
        # Two verbs of one sentence state one event ("livre des armes et dépêche des
        # instructeurs") unless they involve different parties ("a rencontré X et a été reçu
        # par Y").
        share = not ea.actor or not eb.actor or bool(_codes(ea.actor) & _codes(eb.actor))
        if ea.recipient and eb.recipient:
            recip = bool(_codes(ea.recipient) & _codes(eb.recipient))
        else:
            recip = _keys(ea.actor) == _keys(eb.actor) or not (ea.recipient or eb.recipient)
        # "dix civils tués lors d'une attaque de l'EIGS": one says who was hit, the other who
        # attacked (or how: "tuée lors de la fusillade").
        complementary = (not ea.actor and not eb.recipient) or (not eb.actor and not ea.recipient)
        return (share and recip) or complementary
    if _casualties_of(ea, eb) or _casualties_of(eb, ea):
        return True
    if ea.event == "CONSULT":
        # A meeting's parties, whoever is named as host ("a téléphoné aux dirigeants soudanais
        # et israéliens" ... "lors de son entretien téléphonique avec les deux dirigeants").
        # By person, not country: Lavrov meeting Diop and then Goïta are two meetings.
        pa, pb = _keys(ea.actor + ea.recipient), _keys(eb.actor + eb.recipient)
        if (pa <= pb or pb <= pa) and len(pa & pb) >= 2:
            return True
    recipients_agree = (not ea.recipient or not eb.recipient
                        or _keys(ea.recipient) == _keys(eb.recipient))
    return _keys(ea.actor) == _keys(eb.actor) and recipients_agree and ea.mode == eb.mode


def _casualties_of(toll: Event, attack: Event) -> bool:
    """Return whether ``toll`` only counts the victims of ``attack``, told elsewhere.

    "Vingt militaires ont été blessés" after "des terroristes ont attaqué le détachement":
    an attack without an attacker, hitting the same side at a compatible place, is the same
    attack's toll, not a second attack.
    """
    if toll.event != "ASSAULT" or attack.event != "ASSAULT" or toll.actor or not attack.actor:
        return False
    if toll.status != attack.status:
        return False
    # (A toll whose victims the parse left unnamed joins too: "sept ont été blessés".)
    if toll.recipient and not (_codes(toll.recipient) & _codes(attack.recipient)):
        return False
    pa, pb = toll.place, attack.place
    return (pa is None or pb is None or "country" in {pa.kind, pb.kind}
            or (pa.geonameid, pa.name) == (pb.geonameid, pb.name))


def _absorb(into: Event, other: Event, *, union_recipients: bool = False) -> None:
    """Merge a repeated mention into the event it repeats: its evidence and what it adds."""
    if other.evidence is not None:
        into.more_evidence.append(other.evidence)
    if not into.actor:
        into.actor.extend(other.actor)
    if into.mode is None and other.mode is not None:
        into.mode = other.mode  # "tuée lors de la fusillade": how, from the other mention
    if union_recipients or not into.recipient:
        for r in other.recipient:
            if all(r.key != b.key for b in into.recipient):
                into.recipient.append(r)
    # A mention that says more wins: a date the text states over none or over the month of
    # publication, a town over its country ("Attaque" in a title, "à Djibo" in the lead).
    if other.date is not None and (into.date is None or (
            into.date_source == "publication" and other.date_source != "publication")):
        into.date, into.date_precision = other.date, other.date_precision
        into.date_source = other.date_source
    if other.place is not None and (into.place is None or (
            _coarseness(other.place.kind) < _coarseness(into.place.kind)
            and other.place.country == into.place.country)):
        into.place = other.place
    into.confidence = max(into.confidence, other.confidence)


def _coarseness(kind: str | None) -> int:
    """Rank a place kind from the finest (a town) to the coarsest (a country)."""
    return {"country": 2, "region": 1}.get(kind or "", 0)
