"""spaCy component: quoted statements (« … », “ … ”, " … ", << … >>) and who said them."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..factories import doc_text, make_factory
from ..frames import text_sentence
from ..knowledge import ActorKnowledge
from ..lexicon import fold
from ..modality import load_modality
from ..model import Actor, Quote
from .actors import ActorResolver

# Guillemets may hold nested “ ” quotes; straight quotes pair up within one paragraph, opening
# after a space or a bracket and closing before a space or punctuation, so that inch marks
# ("un écran de 15\"") do not open a quote. Quotes are at least two characters long.
QUOTE_RE = re.compile(
    r"«\s*(?P<a>[^»]{2,}?)\s*»"
    r"|<<\s*(?P<d>[^<>]{2,}?)\s*>>"  # guillemets typed as "<<" and ">>"
    r"|“(?P<b>[^”]{2,}?)”"
    r"|(?<![^\s(\[])\"(?=\S)(?P<c>[^\"\n]{2,}?)(?<=\S)\"(?![^\s.,;:!?)\]])"
)
INVERTED_SUBJECTS = {"-t-il", "-il", "-t-elle", "-elle", "-ils", "-elles", "-t-ils", "-t-elles"}


class QuoteRecognizer:
    """Fill ``doc._.quotes`` with each quote's text, offsets and speaker."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.kb = ActorKnowledge.load()
        self.modality = load_modality()
        # (Copy without accents says "declare": its lemma is compared without accents too.)
        self.reporting = frozenset(fold(v) for v in self.modality.reporting_verbs)

    def __call__(self, doc: Doc) -> Doc:
        resolver = ActorResolver(doc, self.kb)
        quotes: list[Quote] = []
        text = doc_text(doc)
        for match in QUOTE_RE.finditer(text):
            group = next(g for g in ("a", "b", "c", "d") if match.group(g) is not None)
            start, end = match.span(group)
            span = doc.char_span(start, end, alignment_mode="expand")
            speaker = self.speaker(span, resolver) if span is not None else None
            quotes.append(Quote(text=text[start:end], start=start, end=end, speaker=speaker))
        doc._.quotes = quotes
        return doc

    def speaker(self, quote: Span, resolver: ActorResolver) -> Actor | None:
        """Return who said the quote: subject of a reporting verb in its sentence, or "selon X"."""
        # The sentence by punctuation: the parser often ends a sentence at the closing quote.
        start, end = text_sentence(quote[0])
        outside = [t for t in quote.doc[start:end] if not (quote.start <= t.i < quote.end)]
        for token in outside:
            if fold(token.lemma_.lower()) in self.reporting and token.pos_ in {"VERB", "AUX"}:
                actor = self._subject_of(token, resolver)
                if actor is not None:
                    return actor
        for token in outside:
            if token.lower_ in self.modality.attribution_markers:
                actors = resolver.resolve(token.head) if token.head != token else []
                if actors:
                    return actors[0]
        return None

    @staticmethod
    def _subject_of(verb: Token, resolver: ActorResolver) -> Actor | None:
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubj:pass"}:
                actors = resolver.resolve(child)
                if actors:
                    return actors[0]
        # "a-t-il ajouté": the inverted subject is a separate token right after the auxiliary.
        for token in verb.doc[max(verb.i - 3, 0): verb.i + 2]:
            if token.lower_ in INVERTED_SUBJECTS:
                return resolver.antecedent(token)
        return None


make_factory("veille_quotes", QuoteRecognizer)
