"""Word lists that decide an event's status, loaded once from ``data/fr/modality.yaml``."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .resources import load_yaml, word_lists

MODALITY_FILE = "fr/modality.yaml"
_KEYS = ("reporting_verbs", "claim_verbs", "attribution_markers", "claim_words",
         "future_auxiliaries", "future_words", "negation_words", "denial_verbs",
         "background_markers", "blocking_governors", "target_verbs", "target_nouns",
         "victim_verbs", "count_nouns", "light_verbs", "statement_nouns", "intention_verbs",
         "aspectual_verbs", "generic_subjects", "nationals_nouns", "descriptive_participles",
         "wishing_verbs", "irrealis_conjunctions", "charge_verbs", "object_control_verbs",
         "decision_verbs", "leaving_verbs", "border_words", "attacked_nouns",
         "impersonal_causes", "occasion_verbs", "occasion_nouns")


@dataclass(frozen=True)
class Modality:
    """The French words that mark reported speech, claims, the future and negation."""

    reporting_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    attribution_markers: frozenset[str]
    claim_words: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_words: frozenset[str]
    negation_words: frozenset[str]
    denial_verbs: frozenset[str]
    background_markers: frozenset[str]
    blocking_governors: frozenset[str]
    target_verbs: frozenset[str]
    target_nouns: frozenset[str]
    victim_verbs: frozenset[str]
    count_nouns: frozenset[str]
    light_verbs: frozenset[str]
    statement_nouns: frozenset[str]
    intention_verbs: frozenset[str]
    aspectual_verbs: frozenset[str]
    generic_subjects: frozenset[str]
    nationals_nouns: frozenset[str]
    descriptive_participles: frozenset[str]
    wishing_verbs: frozenset[str]
    irrealis_conjunctions: frozenset[str]
    charge_verbs: frozenset[str]
    object_control_verbs: frozenset[str]
    decision_verbs: frozenset[str]
    leaving_verbs: frozenset[str]
    border_words: frozenset[str]
    attacked_nouns: frozenset[str]
    impersonal_causes: frozenset[str]
    occasion_verbs: frozenset[str]
    occasion_nouns: frozenset[str]


@functools.lru_cache(maxsize=1)
def load_modality() -> Modality:
    """Read and check ``modality.yaml``: every key present, each a list of strings."""
    lists = word_lists(load_yaml(MODALITY_FILE), MODALITY_FILE, _KEYS)
    values = {key: frozenset(x.lower() for x in items) for key, items in lists.items()}
    return Modality(**values)
