"""The pipeline as a whole: offsets point at what they name, order, processes, missing model."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from veille.errors import ModelNotFound
from veille.ingest import Failure
from veille.ingest.files import parse_text
from veille.model import Article, ArticleResult
from veille.pipeline import load

ROOT = Path(__file__).resolve().parent.parent
SEED_PUBLISHED = date(2023, 2, 8)

SMALL_ARTICLES = [
    Article(id="s1", published=date(2023, 5, 10), title="Visite à Niamey",
            text="Le président nigérien a reçu hier à Niamey le ministre français des "
                 "Affaires étrangères. Les deux hommes ont signé un accord de coopération."),
    Article(id="s2", published=date(2022, 11, 3),
            text="Des hommes armés ont attaqué lundi un poste de l'armée burkinabè près de "
                 "Djibo, tuant douze soldats, selon une source sécuritaire."),
    Article(id="s3", published=date(2024, 1, 20), title="Sanctions",
            text="La CEDEAO a suspendu le Niger de ses instances et fermé les frontières. "
                 "Le Mali a condamné samedi ces sanctions."),
]


@pytest.fixture(scope="module")
def seed(pipeline: Any) -> ArticleResult:
    text = (ROOT / "examples" / "seed.txt").read_text(encoding="utf-8")
    article = parse_text(text, "seed.txt", published=SEED_PUBLISHED)
    assert not isinstance(article, Failure)
    return pipeline.extract(article)


def _spans(result: ArticleResult) -> list[tuple[str, int | None, int | None, str]]:
    """Return every (what, start, end, text) that claims to quote the body."""
    spans: list[tuple[str, int | None, int | None, str]] = []
    for event in result.events:
        assert event.evidence is not None, f"{event.id} has no evidence"
        spans.append((f"{event.id} evidence", event.evidence.start, event.evidence.end,
                      event.evidence.text))
        for extra in event.more_evidence:
            spans.append((f"{event.id} more_evidence", extra.start, extra.end, extra.text))
        for role, actors in (("actor", event.actor), ("recipient", event.recipient)):
            spans.extend((f"{event.id} {role}", a.start, a.end, a.name) for a in actors
                         if a.start is not None)
        if event.source is not None and event.source.start is not None:
            spans.append((f"{event.id} source", event.source.start, event.source.end,
                          event.source.name))
    spans.extend(("entity", e.start, e.end, e.text) for e in result.entities)
    spans.extend(("entity actor", e.actor.start, e.actor.end, e.actor.name)
                 for e in result.entities if e.actor is not None and e.actor.start is not None)
    spans.extend(("place", p.start, p.end, p.name) for p in result.places
                 if p.start is not None)
    spans.extend(("time", t.start, t.end, t.text) for t in result.times)
    spans.extend(("quote", q.start, q.end, q.text) for q in result.quotes)
    spans.extend(("speaker", q.speaker.start, q.speaker.end, q.speaker.name)
                 for q in result.quotes if q.speaker is not None and q.speaker.start is not None)
    return spans


def test_seed_offsets_point_at_their_text(seed: ArticleResult) -> None:
    body = seed.article.body
    spans = _spans(seed)
    assert seed.events and seed.places and seed.times and seed.entities
    wrong = [(what, start, end, text, body[start:end]) for what, start, end, text in spans
             if start is None or end is None or body[start:end] != text]
    assert not wrong, wrong


def test_seed_event_places_with_offsets_point_at_their_text(seed: ArticleResult) -> None:
    body = seed.article.body
    for event in seed.events:
        place = event.place
        if place is not None and place.start is not None and place.end is not None:
            assert body[place.start:place.end] == place.name, event.id


def test_small_articles_offsets_point_at_their_text(pipeline: Any) -> None:
    for result in pipeline.pipe(SMALL_ARTICLES):
        body = result.article.body
        for what, start, end, text in _spans(result):
            assert start is not None and end is not None
            assert body[start:end] == text, (result.article.id, what)


def test_result_is_json_serialisable(seed: ArticleResult) -> None:
    record = json.loads(json.dumps(seed.to_dict(), ensure_ascii=False))
    assert record["published"] == "2023-02-08"
    assert len(record["events"]) == len(seed.events)
    assert all(e["id"] == f"seed#e{n}" for n, e in enumerate(record["events"], start=1))


def test_pipe_keeps_input_order(pipeline: Any) -> None:
    # Several orders and a batch smaller than the input: order is the input's, always.
    for articles in (SMALL_ARTICLES, SMALL_ARTICLES[::-1]):
        results = list(pipeline.pipe(articles, batch_size=2))
        assert [r.article.id for r in results] == [a.id for a in articles]


def _summary(results: list[ArticleResult]) -> list[tuple[str | None, list[tuple[Any, ...]]]]:
    return [(r.article.id, [(e.event, tuple(a.country for a in e.actor),
                             tuple(a.country for a in e.recipient), e.date) for e in r.events])
            for r in results]


def test_two_processes_give_the_same_events_as_one(pipeline: Any) -> None:
    """Slow-ish: each worker loads the model once."""
    one = list(pipeline.pipe(SMALL_ARTICLES, n_process=1))
    two = list(pipeline.pipe(SMALL_ARTICLES, n_process=2, batch_size=1))
    assert [r.article.id for r in two] == ["s1", "s2", "s3"]
    assert _summary(two) == _summary(one)


def test_missing_model_raises_e001() -> None:
    with pytest.raises(ModelNotFound) as exc:
        load("no_such_model")
    assert str(exc.value).startswith("E001")


def test_without_publication_date_relative_dates_stay_unresolved(extract: Any) -> None:
    text = ("Le ministre malien des Affaires étrangères a rencontré hier son homologue "
            "sénégalais à Dakar.")
    result = extract(text, published=None)
    hier = [t for t in result.times if t.text.lower() == "hier"]
    assert hier, "the time finder sees 'hier'"
    assert all(t.value is None for t in hier)
    for event in result.events:
        assert event.date is None, f"{event.event} dated {event.date} from nothing"
    # With a publication date the same text is dated: the test above is not vacuous.
    dated = extract(text, published="2023-02-08")
    assert [t.value for t in dated.times if t.text.lower() == "hier"] == ["2023-02-07"]
