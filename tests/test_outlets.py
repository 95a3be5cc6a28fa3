"""Home countries of news outlets, by URL domain or cited name."""

from __future__ import annotations

import pytest

from veille.model import Article
from veille.outlets import home_country


@pytest.mark.parametrize(
    ("url", "source", "country"),
    [
        ("https://lefaso.net/spip.php?article1", None, "BFA"),
        ("https://www.maliweb.net/politique/x.html", None, "MLI"),
        (None, "Lefaso.net", "BFA"),
        (None, "ActuNiger", "NER"),
        ("https://www.bbc.com/afrique/region-1", "BBC News Afrique", None),
        ("https://notlefaso.net.example.org/", None, None),
        (None, None, None),
    ],
)
def test_home_country(url: str | None, source: str | None, country: str | None) -> None:
    assert home_country(Article(text="x", url=url, source=source)) == country


def test_outlet_country_is_the_last_resort_for_the_article_country(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Onze militaires ont perdu la vie dans l'attaque d'un détachement."
    doc = pipeline.nlp(pipeline.make_doc(Article(text=text, url="https://lefaso.net/a")))
    assert doc._.main_country == "BFA"
    doc = pipeline.nlp(pipeline.make_doc(Article(text=text + " Au Niger, le calme règne.",
                                                 url="https://lefaso.net/a")))
    assert doc._.main_country == "NER"
