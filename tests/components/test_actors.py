"""Actor resolution: who a noun phrase names, with the article's date and geography.

Each row: a French sentence whose grammatical subject is the phrase under test, the
publication date, and the expected country/group code, sector and person (None: not checked).
"""

from __future__ import annotations

from datetime import date

import pytest

from veille.components.actors import ActorResolver
from veille.knowledge import ActorKnowledge
from veille.model import Article

ROWS = [
    # known people resolve to their office at the article's date
    ("Sergueï Lavrov est arrivé à Bamako.", "2023-02-08", "RUS", "GOV", "Sergueï Lavrov"),
    ("Assimi Goïta a reçu les émissaires.", "2022-06-01", "MLI", "GOV", "Assimi Goïta"),
    ("Le colonel Assimi Goïta a parlé.", "2020-09-01", "MLI", "MIL", "Assimi Goïta"),
    # descriptions take their demonym
    ("Le ministre russe des Affaires étrangères est arrivé.", "2023-02-08", "RUS", "GOV", None),
    ("L'armée burkinabè a repris la ville.", "2023-02-08", "BFA", "MIL", None),
    ("La junte malienne a répondu.", "2023-02-08", "MLI", "GOV", None),
    ("Les autorités nigériennes ont protesté.", "2023-08-01", "NER", "GOV", None),
    ("Les soldats français sont partis.", "2022-08-15", "FRA", "MIL", None),
    # "de" complements say whose the role is
    ("Le chef de la diplomatie russe a parlé.", "2023-02-08", "RUS", "GOV", None),
    ("Le porte-parole du gouvernement malien a parlé.", "2023-02-08", "MLI", None, None),
    ("L'ambassadeur de France a quitté Bamako.", "2022-02-01", "FRA", None, None),
    # organisations and armed groups
    ("La CEDEAO a pris des sanctions.", "2022-01-10", "IGO", None, None),
    ("Le JNIM a revendiqué l'attaque.", "2022-01-10", "IMG", None, None),
    ("Les rebelles du M23 ont avancé.", "2022-06-15", "COD", None, None),
    ("Les mercenaires de Wagner sont arrivés.", "2022-01-10", "RUS", None, None),
    # countries and seats of power
    ("La Russie voit plus grand.", "2023-02-08", "RUS", "GOV", None),
    ("Moscou livre des armes.", "2023-02-08", "RUS", "GOV", None),
    ("Le Kremlin a démenti.", "2023-02-08", "RUS", "GOV", None),
    # groups of countries
    ("Les pays occidentaux ont protesté.", "2023-02-08", "WST", None, None),
    ("Les pays du Sahel ont protesté.", "2023-02-08", "SAH", None, None),
    ("Les ministres européens se réunissent à Bruxelles.", "2023-02-08", "IGO", None, None),
    # a name in apposition identifies the description; a name behind "de" does not
    ("Le chef de la junte malienne, le colonel Assimi Goïta, a parlé.", "2022-06-01", "MLI",
     None, "Assimi Goïta"),
    # the article's country for national institutions named without a demonym
    ("Djibo est sous blocus. L'armée a repris la route de Djibo.", "2023-02-08", "BFA", "MIL",
     None),
    ("Des habitants de Gao ont manifesté au Mali.", "2023-02-08", "MLI", "CVL", None),
]


@pytest.mark.parametrize(("text", "published", "code", "sector", "person"), ROWS,
                         ids=[r[0][:40] for r in ROWS])
def test_subject_resolves(pipeline, last_subject, text, published, code, sector, person) -> None:  # type: ignore[no-untyped-def]
    article = Article(text=text, published=date.fromisoformat(published))
    doc = pipeline.nlp(pipeline.make_doc(article))
    actors = ActorResolver(doc, ActorKnowledge.load()).resolve(last_subject(doc))
    assert actors, f"no actor for the subject of {text!r}"
    actor = actors[0]
    assert actor.country == code
    if sector:
        assert actor.sector == sector
    if person:
        assert actor.person == person


def test_unnamed_armed_actors_have_no_country(pipeline, last_subject) -> None:  # type: ignore[no-untyped-def]
    doc = pipeline.nlp(pipeline.make_doc(Article(text="Des hommes armés ont attaqué Djibo au "
                                                      "Burkina Faso.")))
    (actor,) = ActorResolver(doc, ActorKnowledge.load()).resolve(last_subject(doc))
    assert actor.country is None
    assert actor.kind == "armed"


def test_metonymic_capital_is_not_a_place(pipeline) -> None:  # type: ignore[no-untyped-def]
    doc = pipeline.nlp(pipeline.make_doc(Article(text="Moscou livre des armes au Mali.")))
    assert [p.name for p in doc._.places] == ["Mali"]


def test_capital_after_a_preposition_stays_a_place(pipeline) -> None:  # type: ignore[no-untyped-def]
    doc = pipeline.nlp(pipeline.make_doc(Article(text="Le ministre est arrivé à Moscou.")))
    assert [p.name for p in doc._.places] == ["Moscou"]


def test_headline_topic_label_is_not_an_actor(pipeline) -> None:  # type: ignore[no-untyped-def]
    doc = pipeline.nlp(pipeline.make_doc(Article(text="Six civils tués à Djibo",
                                                 title="Burkina : une attaque à Djibo")))
    assert all(doc[m.start].text != "Burkina" for m in doc._.actor_mentions)


@pytest.mark.parametrize(("text", "country"), [
    # one passing place does not outvote the nationality of everyone in the story
    ("Les soldats gambiens accusés par la commission ont témoigné. Les victimes gambiennes "
     "attendent. Le président gambien a réagi. L'ancien dictateur vit en Guinée équatoriale.",
     "GMB"),
    # places still come first
    ("Le ministre russe est arrivé à Bamako. Les diplomates russes ont rencontré la presse.",
     "MLI"),
])
def test_article_country(pipeline, text: str, country: str) -> None:  # type: ignore[no-untyped-def]
    doc = pipeline.nlp(pipeline.make_doc(Article(text=text)))
    assert doc._.main_country == country
