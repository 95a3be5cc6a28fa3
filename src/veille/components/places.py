"""spaCy component: place mentions resolved with the gazetteer and the article's geography."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..factories import make_factory
from ..geo.geoparser import Geoparser


class PlaceRecognizer:
    """Fill ``doc._.places``; the actors component later removes metonymic capitals."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.geoparser = Geoparser(nlp)

    def __call__(self, doc: Doc) -> Doc:
        doc._.places = self.geoparser.find(doc)
        return doc


make_factory("veille_places", PlaceRecognizer)
