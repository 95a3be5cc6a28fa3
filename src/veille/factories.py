"""Register veille's spaCy components and the Doc extensions they fill."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

_DOC_EXTENSIONS = {
    "published": None,  # ISO date string of the article's publication, or None
    "text": None,  # the doc's text, kept once: Doc.text joins every token again at each call
    "text_offset": 0,  # where the article text starts after the title
    "outlet_country": None,  # ISO3 home country of the article's outlet, when known
    "accent_repairs": (),  # offsets where an accent-free "a" was read as "à" (veille.accents)
    "times": None,  # list[TimeValue]
    "places": None,  # list[Place]
    "actor_mentions": None,  # list[ActorMention]
    "main_country": None,  # ISO3 code of the country the article is mostly about
    "entities": None,  # list[Entity]
    "quotes": None,  # list[Quote]
    "events": None,  # list[Event]
}


def register() -> None:
    """Register the Doc extensions and component factories (idempotent)."""
    for name, default in _DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    # Importing the component modules registers their factories with spaCy.
    from .components import actors, events, paragraphs, places, quotes, times  # noqa: F401


def doc_text(doc: Doc) -> str:
    """Return ``doc.text``, joined once per doc (spaCy rebuilds it from the tokens at each call)."""
    text = doc._.text
    if text is None:
        text = doc._.text = doc.text
    return text


def make_factory(name: str, cls: type) -> None:
    """Register ``cls`` (built as ``cls(nlp, name)``) as the spaCy factory ``name``."""
    if name in Language.factories:
        return
    Language.factory(name)(lambda nlp, name: cls(nlp, name))
