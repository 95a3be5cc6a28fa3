"""Mark title and paragraph breaks as sentence starts before the parser runs."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..factories import make_factory


class ParagraphSplitter:
    """Start a sentence after every line break: news titles and paragraphs have no final stop."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if token.is_space and "\n" in token.text:
                doc[token.i + 1].is_sent_start = True
        return doc


make_factory("veille_paragraphs", ParagraphSplitter)
