"""A synthetic French news corpus for the ingest tests and benchmark, from templates.

Real-world events ("scenarios": an attack, a demonstration, a deployment, a visit) are each
reported by several outlets in different words, some through a wire copy; the reports are
written in every input format veille reads (JSONL, HTML, RSS, WARC, plain text), and bad
records of every kind are mixed in. ``write_corpus`` returns what a correct ingest must find.
"""

from __future__ import annotations

import gzip
import io
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = {
    "MLI": {"adj": "malienne", "people": "Maliens", "name": "le Mali", "capital": "Bamako",
            "towns": ["Mopti", "Gao", "Tombouctou", "Ségou", "Kayes", "Sikasso"]},
    "BFA": {"adj": "burkinabè", "people": "Burkinabè", "name": "le Burkina Faso",
            "capital": "Ouagadougou",
            "towns": ["Djibo", "Dori", "Ouahigouya", "Kaya", "Bobo-Dioulasso", "Koudougou"]},
    "NER": {"adj": "nigérienne", "people": "Nigériens", "name": "le Niger", "capital": "Niamey",
            "towns": ["Tillabéri", "Agadez", "Zinder", "Maradi", "Diffa", "Dosso"]},
}
MALE_ADJ = {"MLI": "malien", "BFA": "burkinabè", "NER": "nigérien", "TCD": "tchadien",
            "SEN": "sénégalais", "GIN": "guinéen"}
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]

TEMPLATES = {
    "ASSAULT": [
        "Des jihadistes ont attaqué {jour} un poste de l'armée {adj} à {ville}, tuant {n} soldats.",
        "L'armée {adj} a été attaquée {jour} près de {ville} par des jihadistes lourdement armés.",
        "Des assaillants jihadistes ont attaqué {jour} un camp de l'armée {adj} à {ville}.",
        "Un détachement de l'armée {adj} a été attaqué {jour} à {ville} par des jihadistes.",
    ],
    "PROTEST": [
        "Des milliers de {people} ont manifesté {jour} à {ville} contre la vie chère.",
        "Des centaines de {people} ont manifesté {jour} dans les rues de {ville} pour "
        "réclamer de meilleures conditions de vie.",
        "À {ville}, des {people} en colère ont manifesté {jour} contre les coupures d'électricité.",
        "Plusieurs centaines de {people} ont manifesté {jour} à {ville} à l'appel des syndicats.",
    ],
    "MOBILIZE": [
        "{Pays} a déployé {jour} des renforts militaires à {ville}.",
        "{Pays} a déployé {jour} plusieurs centaines de soldats à {ville} après des menaces.",
        "Des renforts militaires ont été déployés {jour} à {ville} par {pays}.",
        "{Pays} a déployé {jour} des troupes supplémentaires dans la région de {ville}.",
    ],
    "CONSULT": [
        "Le président {hote} a reçu {jour} à {ville} son homologue {visiteur}.",
        "Le président {visiteur} s'est rendu {jour} à {ville}, où il a rencontré son homologue "
        "{hote}.",
        "Le chef de l'État {hote} a reçu {jour} à {ville} le président {visiteur}.",
        "Le président {visiteur} a effectué {jour} une visite de travail à {ville}.",
    ],
}
TITLES = {
    "ASSAULT": ["Attaque jihadiste à {ville}", "{ville} : l'armée {adj} visée",
                "Nouvelle attaque près de {ville}", "Violences à {ville}"],
    "PROTEST": ["Manifestation à {ville}", "{ville} : la colère gronde",
                "Mobilisation dans les rues de {ville}", "Des {people} dans la rue"],
    "MOBILIZE": ["Renforts militaires à {ville}", "{ville} : l'armée se renforce",
                 "Déploiement à {ville}", "Sécurité : des troupes à {ville}"],
    "CONSULT": ["Visite officielle à {ville}", "Rencontre au sommet à {ville}",
                "Diplomatie : entretien à {ville}", "{ville} accueille un président"],
}
FILLERS = [
    "La situation sécuritaire reste préoccupante dans cette partie du pays.",
    "Les autorités n'ont pas encore communiqué de bilan officiel.",
    "Cette région est confrontée depuis plusieurs années à une crise humanitaire.",
    "Les habitants interrogés disent vivre dans l'inquiétude.",
    "Le gouvernement a promis de renforcer la sécurité des populations.",
    "Plusieurs organisations de la société civile suivent la situation de près.",
    "Les prix des denrées de première nécessité ont fortement augmenté cette année.",
    "Des témoins ont décrit une matinée agitée dans le centre-ville.",
    "La saison des pluies complique les déplacements sur les routes de la région.",
    "Les écoles de la zone sont fermées depuis plusieurs mois.",
    "Un responsable local a appelé au calme et à la retenue.",
    "Les marchés de la ville ont rouvert dans l'après-midi.",
    "Les communications téléphoniques restent difficiles dans la zone.",
    "Les partenaires internationaux ont exprimé leur préoccupation.",
    "La presse locale consacre de nombreux articles à la question.",
    "De nombreux déplacés sont arrivés ces derniers jours dans la ville.",
    "Les routes principales ont été rouvertes à la circulation.",
    "Les élus locaux réclament davantage de moyens.",
    "Le coût de la vie pèse lourdement sur les ménages.",
    "Les commerçants disent craindre pour leurs activités.",
]
OUTLETS = ["sahel-info.example", "journal-du-mali.example", "faso-actu.example",
           "niger-matin.example", "afrique-hebdo.example", "radio-savane.example",
           "le-quotidien.example", "info-bamako.example"]


@dataclass
class Report:
    """One article as written into the corpus."""

    scenario: int
    kind: str
    title: str
    text: str
    published: date
    outlet: str
    url: str | None
    fmt: str = "jsonl"
    copy_of: str | None = None  # url of the article a wire copy repeats


@dataclass
class Corpus:
    """What was written, and what a correct ingest of it must find."""

    root: Path
    reports: list[Report] = field(default_factory=list)
    bad: list[tuple[str, str]] = field(default_factory=list)  # (path or path:record, code)

    @property
    def good(self) -> int:
        """Return the number of good records."""
        return len(self.reports)


def _weekday_before(day: date, published: date) -> str:
    assert 0 < (published - day).days < 7
    return WEEKDAYS[day.weekday()]


def _scenario_slots(kind: str, country: str, rng: random.Random) -> dict[str, str]:
    c = COUNTRIES[country]
    if kind == "CONSULT":
        visitor = rng.choice([v for v in MALE_ADJ if v != country])
        return {"ville": c["capital"], "hote": MALE_ADJ[country], "visiteur": MALE_ADJ[visitor]}
    town = rng.choice(c["towns"] if kind != "PROTEST" else [*c["towns"], c["capital"]])
    name = c["name"]
    return {"ville": town, "adj": c["adj"], "people": c["people"], "pays": name,
            "Pays": name[0].upper() + name[1:], "n": str(rng.randint(3, 30))}


def make_reports(n_good: int, seed: int = 7, copies: int = 60) -> list[Report]:
    """Return ``n_good`` reports of scenarios (about three reports each), ``copies`` of them
    wire copies of another report."""
    rng = random.Random(seed)
    reports: list[Report] = []
    # Every date stays in the past: date extractors rightly refuse publication dates to come.
    start = date(2019, 1, 7)
    scenario = 0
    originals = n_good - copies
    # Two different articles never share their three background sentences in one order: real
    # ones would not, and the near-duplicate detector would rightly take them for copies.
    used: set[tuple[str, ...]] = set()
    while len(reports) < originals:
        kind = ("ASSAULT", "PROTEST", "MOBILIZE", "CONSULT")[scenario % 4]
        country = ("MLI", "BFA", "NER")[(scenario // 4) % 3]
        slots = _scenario_slots(kind, country, rng)
        # Scenarios of one kind and place stay far apart in time: one per 12 days per kind.
        day = start + timedelta(days=3 * scenario)
        k = min(rng.choice((1, 2, 3, 3, 4, 4)), originals - len(reports))
        templates = rng.sample(range(4), k)
        for t in templates:
            published = day + timedelta(days=rng.randint(1, 3))
            jour = _weekday_before(day, published)
            words = dict(slots, jour=jour)
            sentence = TEMPLATES[kind][t].format(**words)
            fillers = tuple(rng.sample(FILLERS, 3))
            while fillers in used:
                fillers = tuple(rng.sample(FILLERS, 3))
            used.add(fillers)
            text = " ".join([sentence, *fillers])
            outlet = OUTLETS[(scenario + t) % len(OUTLETS)]
            reports.append(Report(
                scenario=scenario, kind=kind, title=TITLES[kind][t].format(**words),
                text=text, published=published, outlet=outlet,
                url=f"https://{outlet}/{published.isoformat()}/{kind.lower()}-{scenario}-{t}"))
        scenario += 1
    for n in range(copies):
        original = reports[rng.randrange(originals)]
        outlet = f"wire-{n % 3}.example"
        reports.append(Report(
            scenario=original.scenario, kind=original.kind, title=original.title + " (AFP)",
            text=original.text + " (Avec AFP)", published=original.published, outlet=outlet,
            url=f"https://{outlet}/depeche/{n}", copy_of=original.url))
    return reports


def _html(r: Report) -> str:
    return (f"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
            f"<title>{r.title}</title><link rel=\"canonical\" href=\"{r.url}\">"
            f"<meta property=\"og:site_name\" content=\"{r.outlet}\">"
            f"<meta property=\"article:published_time\" content=\"{r.published}T08:00:00Z\">"
            f"</head><body><nav><a href=\"/\">Accueil</a> <a href=\"/politique\">Politique</a>"
            f"</nav><article><h1>{r.title}</h1><p>{r.text}</p></article>"
            f"<footer>Tous droits réservés</footer></body></html>")


def _rss(reports: list[Report], title: str) -> str:
    items = "".join(
        f"<item><title>{r.title}</title><link>{r.url}</link>"
        f"<pubDate>{r.published.strftime('%a, %d %b %Y')} 08:00:00 +0000</pubDate>"
        f"<description><![CDATA[<p>{r.text}</p>]]></description></item>" for r in reports)
    return (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
            f"<title>{title}</title><link>https://{title}/</link>"
            f"<description>Actualités</description>{items}</channel></rss>")


def _warc(reports: list[Report]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for r in reports:
        payload = _html(r).encode("utf-8")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            r.url, "response", payload=io.BytesIO(payload), http_headers=headers))
    return out.getvalue()


def _plain(r: Report) -> str:
    # Plain text has no metadata: the date is written out, as dated wire stories do.
    day = r.published
    dateline = f"{day.day} {MONTHS[day.month - 1]} {day.year} ({r.outlet}) - "
    return f"{r.title}\n\n{dateline}{r.text}\n"


def write_corpus(root: Path, *, n_good: int = 1900, n_text: int = 251, n_html: int = 300,
                 n_rss: int = 200, n_warc: int = 149, huge: bool = True,
                 seed: int = 7) -> Corpus:
    """Write a corpus of ``n_good`` good records and 100 bad ones under ``root``."""
    rng = random.Random(seed + 1)
    reports = make_reports(n_good, seed=seed, copies=min(60, n_good // 10))
    copies = [r for r in reports if r.copy_of is not None]
    copied = {r.copy_of for r in copies}
    # Wire copies are read after their originals: those originals go to the JSONL files, which
    # end with the copies, and are read after the HTML pages and the feeds.
    order = [r for r in reports if r.copy_of is None and r.url not in copied]
    rng.shuffle(order)
    kept = [r for r in reports if r.url in copied]
    corpus = Corpus(root)
    it = iter(order)

    def take(n: int) -> list[Report]:
        return [next(it) for _ in range(n)]

    text_reports = take(n_text)
    html_reports = take(n_html)
    rss_reports = take(n_rss)
    warc_reports = take(n_warc)
    jsonl_reports = list(it) + kept + copies

    (root / "text").mkdir(parents=True)
    for n, r in enumerate(text_reports):
        r.fmt, r.url = "text", None
        (root / "text" / f"depeche-{n:04d}.txt").write_text(_plain(r), encoding="utf-8")
    (root / "html").mkdir()
    for n, r in enumerate(html_reports):
        r.fmt = "html"
        (root / "html" / f"page-{n:04d}.html").write_text(_html(r), encoding="utf-8")
    (root / "feeds").mkdir()
    for n in range(4):
        part = rss_reports[n::4]
        for r in part:
            r.fmt = "rss"
        (root / "feeds" / f"flux-{n}.rss").write_text(_rss(part, f"Flux {n}"), encoding="utf-8")
    (root / "warc").mkdir()
    whole, cut = warc_reports[:n_warc * 2 // 3], warc_reports[n_warc * 2 // 3:]
    for r in warc_reports:
        r.fmt = "warc"
    (root / "warc" / "crawl-1.warc.gz").write_bytes(_warc(whole))
    # The second crawl was cut short in its last record: that record is lost, not the others.
    last = Report(scenario=-1, kind="-", title="Coupé", text="Texte coupé " * 50,
                  published=date(2023, 1, 1), outlet="x", url="https://x.example/coupe")
    full = _warc([*cut, last])
    head = _warc(cut)
    truncated = full[:len(head) + (len(full) - len(head)) // 2]
    (root / "warc" / "crawl-2.warc.gz").write_bytes(truncated)
    corpus.bad.append((str(root / "warc" / "crawl-2.warc.gz"), "E020"))

    (root / "jsonl").mkdir()
    per_file = (len(jsonl_reports) + 9) // 10
    broken_left, missing_left = 20, 17
    # Spread the bad lines over the files whatever their length.
    odds = min(1.0, 1.5 * (broken_left + missing_left) / max(1, len(jsonl_reports)))
    for f in range(10):
        lines = []
        path = root / "jsonl" / f"lot-{f:02d}.jsonl"
        for r in jsonl_reports[f * per_file:(f + 1) * per_file]:
            r.fmt = "jsonl"
            lines.append(json.dumps({"id": r.url.rsplit("/", 1)[-1] if r.url else None,
                                     "url": r.url, "title": r.title, "text": r.text,
                                     "published": r.published.isoformat(),
                                     "source": r.outlet}, ensure_ascii=False))
            if broken_left and rng.random() < odds / 2:
                broken_left -= 1
                lines.append('{"title": "Ligne coupée", "text": "Des manifestants ont')
                corpus.bad.append((f"{path}:{len(lines)}", "E005"))
            if missing_left and rng.random() < odds / 2:
                missing_left -= 1
                lines.append(json.dumps({"title": "Sans texte", "url": "https://x.example/v"}))
                corpus.bad.append((f"{path}:{len(lines)}", "E006"))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert broken_left == 0 and missing_left == 0, "the JSONL files are too short for the bad lines"

    bad = root / "bad"
    bad.mkdir()
    for n in range(15):
        p = bad / f"binaire-{n:02d}.dat"
        p.write_bytes(bytes(rng.randrange(256) for _ in range(200)) + b"\x00" * 10)
        corpus.bad.append((str(p), "E016"))
        p = bad / f"vide-{n:02d}.txt"
        p.write_text("\n  \n" if n % 2 else "", encoding="utf-8")
        corpus.bad.append((str(p), "E004"))
        p = bad / f"latin1-{n:02d}.txt"
        p.write_bytes(f"Manifestation à Ségou numéro {n}\n\nDes élèves ont manifesté.".encode(
            "latin-1"))
        corpus.bad.append((str(p), "E003"))
        p = bad / f"sans-article-{n:02d}.html"
        p.write_text("<!DOCTYPE html><html><head><title>Connexion</title></head><body>"
                     "<form><input name='login'><button>OK</button></form></body></html>",
                     encoding="utf-8")
        corpus.bad.append((str(p), "E018"))
    p = bad / "pas-un-flux.xml"
    p.write_text("<?xml version='1.0'?><catalogue><livre>rien</livre></catalogue>",
                 encoding="utf-8")
    corpus.bad.append((str(p), "E019"))
    if huge:
        p = bad / "enorme.txt"
        with p.open("w", encoding="utf-8") as fh:
            line = "Des manifestants ont défilé à Bamako contre la vie chère. " * 20 + "\n"
            for _ in range(50 * 1024 * 1024 // len(line.encode("utf-8")) + 1):
                fh.write(line)
        corpus.bad.append((str(p), "E017"))
    corpus.reports = text_reports + html_reports + rss_reports + warc_reports + jsonl_reports
    return corpus


def gzip_bytes(data: bytes) -> bytes:
    """Return ``data`` gzipped (for tests that build small WARC files by hand)."""
    return gzip.compress(data)
