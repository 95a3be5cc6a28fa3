"""The home country of known news outlets, from ``data/fr/outlets.yaml``."""

from __future__ import annotations

import functools
from urllib.parse import urlparse

from .model import Article
from .resources import Field, load_yaml, validate_entries

OUTLETS_FILE = "fr/outlets.yaml"
_SCHEMA = {
    "domain": Field(str, required=True),
    "names": Field(list, item_type=str),
    "country": Field(str, required=True),
}


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], dict[str, str]]:
    entries = validate_entries(load_yaml(OUTLETS_FILE), _SCHEMA, path=OUTLETS_FILE,
                               what="outlet")
    by_domain = {e["domain"].lower(): e["country"] for e in entries}
    by_name = {n.casefold(): e["country"] for e in entries for n in e.get("names") or []}
    return by_domain, by_name


def home_country(article: Article) -> str | None:
    """Return the ISO3 home country of the article's outlet (by URL domain, else by name)."""
    by_domain, by_name = _index()
    if article.url:
        host = (urlparse(article.url).hostname or "").lower().removeprefix("www.")
        for domain, country in by_domain.items():
            if host == domain or host.endswith("." + domain):
                return country
    if article.source:
        return by_name.get(article.source.strip().casefold())
    return None
