"""spaCy component: every temporal expression, resolved against the publication date."""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from ..factories import doc_text, make_factory
from ..temporal import find_times


class TimeRecognizer:
    """Fill ``doc._.times`` from the text and ``doc._.published`` (never from today's date)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        published = date.fromisoformat(doc._.published) if doc._.published else None
        doc._.times = find_times(doc_text(doc), published)
        return doc


make_factory("veille_times", TimeRecognizer)
