"""The trigger lexicon: validated data, and every entry's own examples coded as it says."""

from __future__ import annotations

from typing import Any

import pytest

from veille.errors import DataFileError
from veille.lexicon import load_lexicon, parse_rules

RULES = load_lexicon().rules
EXAMPLES = [(rule, ex) for rule in RULES for ex in rule.examples]
# An example's expected type: future support, cooperation, meetings and aid are AGREE in PLOVER.
FUTURE_TO_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}


def test_every_entry_has_two_examples() -> None:
    assert all(len(rule.examples) >= 2 for rule in RULES)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"id": "x", "lemma": "x", "event": "VISIT", "examples": [{"text": "a"}, {"text": "b"}]},
         "unknown event type"),
        ({"id": "x", "lemma": "x", "event": "CONSULT", "mode": "drone",
          "examples": [{"text": "a"}, {"text": "b"}]}, "not a mode"),
        ({"id": "x", "lemma": "x", "event": "AID", "actor": ["sujet"],
          "examples": [{"text": "a"}, {"text": "b"}]}, "'actor' has value 'sujet'"),
        ({"id": "x", "lemma": "x", "event": "AID", "examples": [{"text": "a"}]},
         "at least two examples"),
        ({"id": "x", "lemma": "x", "event": "AID", "colour": "red",
          "examples": [{"text": "a"}, {"text": "b"}]}, "unknown key 'colour'"),
        ({"id": "x", "lemma": "x", "event": "AID", "when": {"objet": ["arme"]},
          "examples": [{"text": "a"}, {"text": "b"}]}, "unknown slot 'objet'"),
    ],
)
def test_bad_entries_are_rejected_with_file_and_key(entry: dict[str, Any], message: str) -> None:
    with pytest.raises(DataFileError, match=message) as err:
        parse_rules([entry], pos="VERB", path="fr/verbs.yaml")
    assert "fr/verbs.yaml" in str(err.value)


@pytest.mark.parametrize(("rule", "example"), EXAMPLES,
                         ids=[f"{r.id}-{i}" for r in RULES for i, _ in enumerate(r.examples)])
def test_example_is_coded_by_its_rule(extract, rule, example) -> None:  # type: ignore[no-untyped-def]
    result = extract(example["text"])
    # The entry's own event; failing that, one of its type triggered by the same word (the
    # tagger may read "enquête" as the noun, which its own entry codes the same way).
    events = [e for e in result.events if e.rule == rule.source] or [
        e for e in result.events if e.event == rule.event and e.trigger is not None
        and example["text"][e.trigger[0]:e.trigger[1]].lower().startswith(rule.lemma[:4])]
    assert events, f"{rule.id}: no event from this rule in {example['text']!r}: " + repr(
        [(e.event, e.rule) for e in result.events])
    event = events[0]
    expected = {rule.event, "AGREE"} if rule.event in FUTURE_TO_AGREE else {rule.event}
    assert event.event in expected
    if example.get("actor"):
        assert example["actor"] in {a.country for a in event.actor}, event.to_dict()
    if example.get("recipient"):
        # Reciprocal meetings list every party as actor (PLOVER); elsewhere the recipient side.
        parties = event.recipient + event.actor if rule.coactor else event.recipient
        assert example["recipient"] in {a.country for a in parties}, event.to_dict()
