"""The ``veille`` command line: thin over the library, one clean line per error."""

from __future__ import annotations

import argparse
import io
import json
import logging
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .errors import Errors, VeilleError
from .ingest import Failure
from .model import Actor, Article, ArticleResult

LOGGER = logging.getLogger(__name__)

FORMATS = ("json", "jsonl", "table")

MAIN_EPILOG = """\
examples:
  veille extract examples/seed.txt --published 2023-02-08 --format table
  veille ingest examples/news/ && veille events
  veille batch articles.jsonl out/ --workers 2 && veille ingest out/
  veille export --format acled -o events.csv
  veille dyads --a MLI --b FRA --by month
  veille serve
  veille watch --feeds examples/watch/feeds.txt --rules examples/watch/rules.yaml --once
  veille eval examples/seed.gold.jsonl --articles examples/seed.jsonl
  veille gazetteer import ML.zip
"""

INGEST_EPILOG = """\
examples:
  veille ingest examples/news/
  veille ingest news/ feeds/*.rss crawl.warc.gz --workers 2
  veille ingest pages.urls --db postgresql://veille@127.0.0.1/veille
  veille ingest articles.jsonl --db /data/sahel.duckdb --batch-size 128
  veille ingest out/ articles.parquet

Sources: text files, directories (recursive), HTML pages, .jsonl and .parquet articles (the
output directory of veille batch: its articles table), RSS/Atom feeds
(.rss/.atom/.xml), WARC files (.warc/.warc.gz), and lists of URLs (.urls, or a text file of
URLs), fetched politely (robots.txt, --fetch-delay between requests to one site).
Re-ingesting changes nothing. Bad records go to the failures table with their reason.
"""

BATCH_EPILOG = """\
examples:
  veille batch examples/seed.jsonl out/
  veille batch shards/ out/ --workers 2
  veille batch shards/ out/ --engine spark --workers 2
  veille batch shards/ s3://bucket/veille/ --engine spark --master spark://head:7077
  veille batch shards/ out/ && veille ingest out/ --db corpus.duckdb

INPUT: JSONL (.jsonl, .ndjson) or Parquet (.parquet) files of articles (id, title, text,
published, url, source, language), or directories of them. OUTPUT: a new directory with three
Parquet tables, articles/ (one row per record; bad ones with their error), events/ (one row per
event coded in an article) and mentions/ (actors of events, entities, places, times, quotes,
with offsets), and _veille_batch.json (counts, seconds, peak RSS per worker). DuckDB reads
them directly: SELECT * FROM read_parquet('out/events/*.parquet').
"""

EVENTS_EPILOG = """\
examples:
  veille events
  veille events --country MLI --type ASSAULT --since 2023-01-01
  veille events --actor wagner --format csv > wagner.csv
  veille events --place Bamako --status actual --format jsonl
"""

EXPORT_EPILOG = """\
examples:
  veille export --format plover -o events.plover.jsonl
  veille export --format acled -o events.acled.csv --country MLI
  veille export --format gdelt -o events.gdelt.tsv
  veille export --format geojson -o events.geojson --since 2023-01-01
  veille export --format parquet -o events.parquet --db postgresql://veille@127.0.0.1/veille
"""

DYADS_EPILOG = """\
examples:
  veille dyads --a MLI --b FRA
  veille dyads --a MLI --b FRA --by week --format csv > mli-fra.csv
  veille dyads --a MLI --b RUS --format png -o mli-rus.png
  veille dyads --a BFA --b IMG --db postgresql://veille@127.0.0.1/veille
  veille events --dyad MLI-FRA --period 2023-02

Direction: MLI-FRA counts the events where an actor is Mali and a recipient France (the
reports clustered into an event taken together); a reciprocal meeting or joint cooperation
(CONSULT, COOPERATE with both among the actors) counts both ways. Only events reported as
done count (actual, claimed, historical): negated and future ones are left out and counted.
Date: the date of the event, never the publication day (undated news in the passé composé
carries the publication month); a date known only to the month or year counts on its
first day (column imprecise); undated events are not plotted but counted in the notes.
Columns: period, start, direction, quad1..quad4 (verbal cooperation, material cooperation,
verbal conflict, material conflict), cooperation and conflict (summed PLOVER scores), net,
events, imprecise. pandas reads both outputs:
pd.read_csv("mli-fra.csv"), pd.read_csv("table.txt", sep=r"\\s+", comment="#").
"""

EXTRACT_EPILOG = """\
examples:
  veille extract examples/seed.txt --published 2023-02-08 --format table
  veille extract articles.jsonl > events.jsonl
  cat article.txt | veille extract - --published 2024-05-02
"""

EVAL_EPILOG = """\
examples:
  veille eval examples/seed.gold.jsonl --articles examples/seed.jsonl
  veille eval gold.jsonl --articles articles.jsonl --errors
  veille extract articles.jsonl > pred.jsonl && veille eval gold.jsonl --pred pred.jsonl --json
"""

SERVE_EPILOG = """\
examples:
  veille serve
  veille serve --db /data/sahel.duckdb --port 8080
  veille serve --db postgresql://veille@127.0.0.1/veille
  veille serve --tiles 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'

Then open http://127.0.0.1:8000/ (map), /timeline, /network, /dyads, /events; the JSON API
is under /api (events, events/ID, articles/KEY, actors, dyads, stats) and described at
/openapi.json.
The store is opened read-only. It listens on 127.0.0.1 only unless --host says otherwise.
"""

WATCH_EPILOG = """\
examples:
  veille watch --feeds examples/watch/feeds.txt --once
  veille watch --feeds feeds.txt --rules examples/watch/rules.yaml --every 15m
  veille watch --feeds feeds.txt --rules rules.yaml --db postgresql://veille@127.0.0.1/veille
  veille watch --feeds feeds.txt --every 1h --fetch-delay 5 --fetch-timeout 20

FEEDS.txt lists one RSS/Atom feed URL a line (# starts a comment). Each pass polls every feed
with a conditional request (ETag, Last-Modified), fetches the pages of entries not stored yet
(robots.txt, --fetch-delay between two requests to one site, --fetch-timeout), ingests them
like veille ingest, and sends an alert for each new event a rule of RULES.yaml selects (see
examples/watch/rules.yaml: filters on type, country, actor, place within N km, status,
casualties, keywords; outputs stdout, a JSONL file, a webhook). Feeds that are down, slow or
not feeds are reported on stderr, one line each; the others go on. The state of the feeds is in
the store: a restart resumes without fetching, storing or alerting twice. Ctrl-C stops after
the current pass (twice: at once).
"""

GAZETTEER_EPILOG = """\
examples:
  veille gazetteer import ML.zip
  veille gazetteer import allCountries.zip --target ~/.cache/veille/gazetteer
"""

GAZETTEER_IMPORT_EPILOG = """\
examples:
  curl -O https://download.geonames.org/export/dump/ML.zip && veille gazetteer import ML.zip
  veille gazetteer import allCountries.zip --target /data/veille-gazetteer
  VEILLE_GAZETTEER_DIR=/data/veille-gazetteer veille extract article.txt
"""


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``veille`` command."""
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="veille",
        description="French news in, evidence-linked PLOVER political events out.",
        epilog=MAIN_EPILOG, formatter_class=raw,
    )
    parser.add_argument("--version", action="version", version=f"veille {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="more log output (-v info, -vv debug)")
    sub = parser.add_subparsers(dest="command", required=True)

    ex = sub.add_parser(
        "extract", help="code the events of articles (text or JSONL files)",
        description="Read articles and print one JSON object per article with its events, "
                    "entities, places, times and quotes (offsets into title + blank line + text).",
        epilog=EXTRACT_EPILOG, formatter_class=raw)
    ex.add_argument("files", nargs="+", metavar="FILE",
                    help="a plain-text article (first line = title when a blank line follows), "
                         "a .jsonl file of articles (id, title, text, published, url, source), "
                         "or - for standard input")
    ex.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD",
                    help="publication date of plain-text articles (relative dates need it)")
    ex.add_argument("--id", dest="article_id", metavar="ID", help="id of a plain-text article")
    ex.add_argument("--format", choices=FORMATS, default="jsonl",
                    help="jsonl (default): one object a line; json: indented; table: readable")
    ex.add_argument("--batch-size", type=int, default=16, metavar="N")
    ex.add_argument("--processes", type=int, default=1, metavar="N",
                    help="worker processes (each loads the model once)")

    ev = sub.add_parser(
        "eval", help="score events against gold annotations",
        description="Score predicted events against gold (strict and type-only P/R/F1, "
                    "per-type table, date/place/mode/status accuracy, place mentions).",
        epilog=EVAL_EPILOG, formatter_class=raw)
    ev.add_argument("gold", metavar="GOLD.jsonl")
    src = ev.add_mutually_exclusive_group(required=True)
    src.add_argument("--articles", metavar="ARTICLES.jsonl",
                     help="articles to run the pipeline on")
    src.add_argument("--pred", metavar="PRED.jsonl", help="predictions made by veille extract")
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
    ev.add_argument("--errors", action="store_true",
                    help="also list each article's missed and spurious events")

    ing = sub.add_parser(
        "ingest", help="read news sources into the store, code and cluster their events",
        description="Read articles from SOURCEs, set aside repeats and near-duplicate copies, "
                    "code the new ones, cluster their event mentions into events and store "
                    "everything (one transaction per batch). Prints a summary at the end.",
        epilog=INGEST_EPILOG, formatter_class=raw)
    ing.add_argument("sources", nargs="+", metavar="SOURCE",
                     help="a file, a directory (recursive), a feed, a WARC or a URL list")
    _add_db(ing)
    ing.add_argument("--workers", type=int, default=1, metavar="N",
                     help="coding processes (forked after the model is loaded once)")
    ing.add_argument("--batch-size", type=int, default=64, metavar="N",
                     help="records per transaction (default 64)")
    ing.add_argument("--max-bytes", type=int, default=10_000_000, metavar="N",
                     help="largest article file accepted (default 10 MB)")
    ing.add_argument("--fetch-delay", type=float, default=1.0, metavar="SECONDS",
                     help="pause between two requests to one site (default 1)")
    ing.add_argument("--fetch-timeout", type=float, default=15.0, metavar="SECONDS",
                     help="timeout of one request (default 15)")

    bat = sub.add_parser(
        "batch", help="code JSONL/Parquet shards into Parquet tables, locally or on Spark",
        description="Code every article of INPUT shards with the same batch function, in "
                    "local worker processes or in Spark partitions, and write the articles, "
                    "events and mentions as Parquet tables under OUTPUT.",
        epilog=BATCH_EPILOG, formatter_class=raw)
    bat.add_argument("inputs", nargs="+", metavar="INPUT",
                     help="a JSONL or Parquet file of articles, or a directory of them")
    bat.add_argument("output", metavar="OUTPUT", help="a new directory (or URI with spark)")
    bat.add_argument("--engine", choices=("local", "spark"), default="local",
                     help="local processes (default) or Spark (pip install -e '.[spark]')")
    bat.add_argument("--workers", type=int, default=1, metavar="N",
                     help="worker processes; with spark and no --master: local[N]")
    bat.add_argument("--master", metavar="URL",
                     help="Spark master URL (spark://host:7077, yarn, local[4], ...)")
    bat.add_argument("--chunk", type=int, default=500, metavar="N",
                     help="records per task and per part file (default 500)")
    bat.add_argument("--batch-size", type=int, default=32, metavar="N",
                     help="articles per nlp.pipe batch (default 32)")

    evs = sub.add_parser(
        "events", help="list the clustered events of the store",
        description="List the events of the store (one line per real-world event, with its "
                    "mention, source and article counts), filtered.",
        epilog=EVENTS_EPILOG, formatter_class=raw)
    _add_db(evs)
    _add_filters(evs)
    evs.add_argument("--format", choices=("table", "csv", "jsonl"), default="table")
    evs.add_argument("--limit", type=int, metavar="N", help="at most N events")

    exp = sub.add_parser(
        "export", help="write the store's events as PLOVER, ACLED, GDELT, GeoJSON, Parquet, CSV",
        description="Write the events of the store to FILE in the format analysts use.",
        epilog=EXPORT_EPILOG, formatter_class=raw)
    _add_db(exp)
    exp.add_argument("--format", required=True,
                     choices=("plover", "acled", "gdelt", "geojson", "parquet", "csv"),
                     help="plover: JSONL; acled: CSV; gdelt: TSV; geojson; parquet; csv")
    exp.add_argument("-o", "--output", required=True, metavar="FILE")
    _add_filters(exp)

    dy = sub.add_parser(
        "dyads", help="what two actors do to each other over time, both ways",
        description="Print (or draw) the time series of a dyad: per period and direction, "
                    "its events by quad class and the summed PLOVER scores (cooperation, "
                    "conflict, net).",
        epilog=DYADS_EPILOG, formatter_class=raw)
    dy.add_argument("--a", required=True, metavar="CODE",
                    help="one side: ISO 3166 alpha-3 code (MLI) or group code (IGO, IMG ...)")
    dy.add_argument("--b", required=True, metavar="CODE", help="the other side (FRA)")
    _add_db(dy)
    dy.add_argument("--by", choices=("week", "month"), default="month",
                    help="period: ISO week (2023-W05) or month (2023-02, the default)")
    dy.add_argument("--format", choices=("table", "csv", "png"), default="table",
                    help="table (default): aligned columns and # notes; csv; png: the chart")
    dy.add_argument("-o", "--output", metavar="FILE",
                    help="write to FILE (png: default dyads-A-B-PERIOD.png; table, csv: "
                         "standard output)")

    srv = sub.add_parser(
        "serve", help="serve the dashboard (map, timeline, actors, articles) and the JSON API",
        description="Serve a read-only dashboard of the store: a map of the events, a "
                    "timeline, the actor network, each event with its evidence and each "
                    "article with what was coded in it; and a JSON API (OpenAPI).",
        epilog=SERVE_EPILOG, formatter_class=raw)
    _add_db(srv)
    srv.add_argument("--host", default="127.0.0.1",
                     help="address to listen on (default 127.0.0.1: this machine only)")
    srv.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    srv.add_argument("--tiles", metavar="URL",
                     help="a tile server URL template ({z}/{x}/{y}) for the map's background; "
                          "without it the map draws country outlines and needs no network")

    wat = sub.add_parser(
        "watch", help="poll RSS/Atom feeds, ingest new articles, alert on new events",
        description="Poll news feeds every --every, ingest the articles not stored yet and "
                    "send alerts on the new events that alert rules select.",
        epilog=WATCH_EPILOG, formatter_class=raw)
    wat.add_argument("--feeds", required=True, metavar="FEEDS.txt",
                     help="feed URLs, one a line (# comments)")
    _add_db(wat)
    wat.add_argument("--rules", metavar="RULES.yaml",
                     help="alert rules (without them: ingest only, no alerts)")
    wat.add_argument("--every", default="15m", metavar="DURATION",
                     help="time between two passes: 30s, 15m (default), 1h")
    wat.add_argument("--once", action="store_true",
                     help="one pass, then exit (0 even when some feeds failed)")
    wat.add_argument("--fetch-delay", type=float, default=1.0, metavar="SECONDS",
                     help="pause between two requests to one site (default 1)")
    wat.add_argument("--fetch-timeout", type=float, default=15.0, metavar="SECONDS",
                     help="timeout of one request (default 15)")

    gz = sub.add_parser(
        "gazetteer", help="manage the place gazetteer (import a GeoNames dump)",
        description="Manage the gazetteer the places component reads. The packaged one knows "
                    "cities and regions; a GeoNames dump adds villages.",
        epilog=GAZETTEER_EPILOG, formatter_class=raw)
    gz_sub = gz.add_subparsers(dest="gazetteer_command", required=True)
    gi = gz_sub.add_parser(
        "import", help="import a GeoNames dump (allCountries.zip, ML.zip, ...)",
        description="Import a GeoNames country or world dump (a .zip from "
                    "download.geonames.org/export/dump/) as the user gazetteer: populated "
                    "places and administrative divisions, read next to the packaged data.",
        epilog=GAZETTEER_IMPORT_EPILOG, formatter_class=raw)
    gi.add_argument("zip_path", metavar="FILE.zip", help="a GeoNames dump archive")
    gi.add_argument("--target", metavar="DIR",
                    help="where to write it (default: $VEILLE_GAZETTEER_DIR, "
                         "else ~/.cache/veille/gazetteer)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``veille`` command; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=[logging.WARNING, logging.INFO, logging.DEBUG][min(args.verbose, 2)],
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "eval":
            return _eval(args)
        if args.command == "gazetteer":
            return _gazetteer(args)
        if args.command == "ingest":
            return _ingest(args)
        if args.command == "events":
            return _events(args)
        if args.command == "batch":
            return _batch(args)
        if args.command == "export":
            return _export(args)
        if args.command == "dyads":
            return _dyads(args)
        if args.command == "serve":
            return _serve(args)
        if args.command == "watch":
            return _watch(args)
    except VeilleError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away ("veille extract ... | head"): stop quietly, as Unix tools do.
        sys.stderr.close()
        return 0
    parser.error(f"unknown command {args.command}")
    return 2


# --- progress -----------------------------------------------------------------------------------


def _is_tty(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


class Progress:
    """Show a counter and articles/s on one rewritten line of ``stream``, on a terminal only.

    Pipes, files and tests never see it: their stderr must hold nothing but real errors.
    It appears from the second article on, so that a one-article run stays quiet.
    """

    # Redraw at most this often: a redraw per article would cost more than it tells.
    INTERVAL = 0.2

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_tty(self.stream) if enabled is None else enabled
        self.count = 0
        self.started = time.perf_counter()
        self._drawn_at = 0.0
        self._shown = False

    @property
    def rate(self) -> float:
        """Return articles per second since the start."""
        elapsed = time.perf_counter() - self.started
        return self.count / elapsed if elapsed > 0 else 0.0

    def advance(self, n: int = 1) -> None:
        """Count ``n`` more articles and redraw the line when it is due."""
        self.count += n
        if not self.enabled or self.count < 2:
            return
        now = time.perf_counter()
        if self._shown and now - self._drawn_at < self.INTERVAL:
            return
        self.stream.write(f"\r\x1b[K{self.count} articles, {self.rate:.1f} articles/s")
        self.stream.flush()
        self._drawn_at, self._shown = now, True

    def clear(self) -> None:
        """Erase the line so that other output does not land on top of it."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False

    def finish(self) -> None:
        """Replace the line by a last summary (only when a line was shown)."""
        if not self.enabled or self.count < 2:
            return
        self.clear()
        elapsed = time.perf_counter() - self.started
        self.stream.write(f"{self.count} articles in {elapsed:.1f} s "
                          f"({self.rate:.1f} articles/s)\n")
        self.stream.flush()


# --- extract ------------------------------------------------------------------------------------


def _read_good(
    sources: list[str], failures: list[Failure], progress: Progress, **options: Any
) -> Iterator[Article]:
    """Yield the readable articles; report each bad record on stderr as it is met."""
    from .ingest.files import read_articles

    for item in read_articles(sources, **options):
        if isinstance(item, Failure):
            failures.append(item)
            progress.clear()
            print(f"Error: {item.reason}", file=sys.stderr)
        else:
            yield item


def _extract(args: argparse.Namespace) -> int:
    from .pipeline import load

    failures: list[Failure] = []
    progress = Progress()
    articles = _read_good(args.files, failures, progress, published=args.published,
                          article_id=args.article_id)
    first = next(articles, None)
    if first is None:
        _report_failures(failures)
        print(f"Error: {Errors.E014.format(count=len(failures))}", file=sys.stderr)
        return 1
    pipeline = load()
    progress.started = time.perf_counter()  # the rate is about coding, not model loading
    # Results on a terminal share it with the progress line: erase the line before each one.
    interleaved = _is_tty(sys.stdout)
    stream = _prepend(first, articles)
    for result in pipeline.pipe(stream, batch_size=args.batch_size, n_process=args.processes):
        if interleaved:
            progress.clear()
        write_result(result, args.format, sys.stdout)
        progress.advance()
    progress.finish()
    _report_failures(failures)
    return 0


def _prepend(first: Article, rest: Iterator[Article]) -> Iterator[Article]:
    yield first
    yield from rest


def _report_failures(failures: list[Failure]) -> None:
    if failures:
        print(f"{len(failures)} record(s) skipped (see the errors above).", file=sys.stderr)


def write_result(result: ArticleResult, fmt: str, out: TextIO) -> None:
    """Print one article's result as JSONL, indented JSON, or a readable table."""
    if fmt == "jsonl":
        out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "json":
        out.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "table":
        out.write(format_table(result) + "\n")
    else:
        raise VeilleError(Errors.E012.format(value=fmt, allowed=", ".join(FORMATS)))


# Widest a table cell may be; longer values are shortened with an ellipsis so that the
# columns stay aligned.
CELL_WIDTH = 60


def format_table(result: ArticleResult) -> str:
    """Return a readable table of one article's events."""
    a = result.article
    head = f"{a.id or '-'}  {a.published or 'no date'}  {a.title or ''}".rstrip()
    lines = [head, "=" * min(len(head), 100)]
    cols = ("type/mode", "actor → recipient", "date", "place", "status", "evidence")
    rows: list[tuple[str, ...]] = []
    for e in result.events:
        kind = e.event + (f"/{e.mode}" if e.mode else "")
        # Each side is shortened on its own so that the recipient always shows.
        side = CELL_WIDTH // 2
        who = f"{_cell(_actors(e.actor) or '-', side)} → {_cell(_actors(e.recipient) or '-', side)}"
        where = e.place.name if e.place else "-"
        evidence = e.evidence.text if e.evidence else ""
        rows.append((_cell(kind), who, _cell(e.date or "-"), _cell(where), _cell(e.status),
                     _cell(evidence)))
    if not rows:
        lines.append("(no events)")
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in (cols, *rows)) for i in range(len(cols))]
    lines.append("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip())
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    return "\n".join(lines)


def _cell(text: str, width: int = CELL_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _actors(actors: Iterable[Actor]) -> str:
    # The canonical person or organisation reads better than the mention it came from
    # ("Sergueï Lavrov" rather than "Le ministre russe des Affaires étrangères Sergueï Lavrov").
    return ", ".join(f"{x.person or x.org or x.name} ({x.country or '?'})" for x in actors)


# --- eval ---------------------------------------------------------------------------------------


def _eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, read_jsonl

    gold = read_jsonl(args.gold)
    predicted = read_jsonl(args.pred) if args.pred else _predict(args.articles)
    report = evaluate(gold, predicted)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(report.format_text(verbose=args.errors))
    return 0


def _predict(path: str) -> list[dict[str, Any]]:
    from .pipeline import load

    failures: list[Failure] = []
    progress = Progress()
    articles = list(_read_good([path], failures, progress))
    _report_failures(failures)
    if not articles:
        raise VeilleError(Errors.E014.format(count=len(failures)))
    pipeline = load()
    progress.started = time.perf_counter()
    predicted: list[dict[str, Any]] = []
    for result in pipeline.pipe(articles):
        predicted.append(result.to_dict())
        progress.advance()
    progress.finish()
    return predicted


# --- store: ingest, events, export -----------------------------------------------------------

DB_HELP = "DuckDB file (default ./veille.duckdb, or $VEILLE_DB) or postgresql://user@host/db URL"


def _add_db(parser: argparse.ArgumentParser) -> None:
    import os

    from .store import DEFAULT_DB

    parser.add_argument("--db", default=os.environ.get("VEILLE_DB", DEFAULT_DB),
                        metavar="PATH_OR_URL", help=DB_HELP)


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD",
                        help="events that may have happened on or after this day")
    parser.add_argument("--until", type=_iso_date, metavar="YYYY-MM-DD",
                        help="events that may have happened on or before this day")
    parser.add_argument("--country", type=str.upper, metavar="ISO3",
                        help="country where the event happened (MLI, BFA, NER ...)")
    parser.add_argument("--type", type=str.upper, metavar="TYPE",
                        help="PLOVER event type (ASSAULT, PROTEST, CONSULT ...)")
    parser.add_argument("--actor", metavar="TEXT",
                        help="an actor's code or name contains TEXT (MLI, IMG:JNIM, Wagner)")
    parser.add_argument("--place", metavar="TEXT",
                        help="the place name or region contains TEXT, or the country is TEXT")
    parser.add_argument("--status", choices=("actual", "future", "claimed", "negated",
                                             "historical"))
    parser.add_argument("--dyad", type=str.upper, metavar="A-B",
                        help="the events veille dyads counts from A to B (MLI-FRA)")
    parser.add_argument("--period", metavar="PERIOD",
                        help="events dated in this month (2023-02) or ISO week (2023-W05), "
                             "as veille dyads counts them")


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    filters = {name: getattr(args, name) for name in
               ("since", "until", "country", "type", "actor", "place", "status", "dyad",
                "period")}
    if filters["dyad"]:  # codes that exist, as veille dyads and the dashboard require
        from .analysis.dyads import check_dyad
        from .store.store import parse_dyad

        filters["dyad"] = "-".join(check_dyad(*parse_dyad(filters["dyad"])))
    return filters


def _ingest(args: argparse.Namespace) -> int:
    from .corpus import ingest
    from .ingest.sources import ReadSettings
    from .ingest.urls import Fetcher
    from .pipeline import load
    from .store import open_store

    store = open_store(args.db)
    try:
        pipeline = load()
        progress = Progress()
        settings = ReadSettings(max_bytes=args.max_bytes, fetcher=Fetcher(
            timeout=args.fetch_timeout, delay=args.fetch_delay, max_bytes=args.max_bytes))
        try:
            summary = ingest(args.sources, store, pipeline, workers=args.workers,
                             batch_size=args.batch_size, read_settings=settings,
                             on_batch=progress.advance)
        finally:
            settings.fetcher.close()
        progress.finish()
    finally:
        store.close()
    print(summary.format_text(), file=sys.stderr)
    if summary.read and summary.failed == summary.read:
        print(f"Error: {Errors.E014.format(count=summary.failed)}", file=sys.stderr)
        return 1
    return 0


def _batch(args: argparse.Namespace) -> int:
    from .scale.run import run_batch

    manifest = run_batch(args.inputs, args.output, engine=args.engine, workers=args.workers,
                         master=args.master, chunk_records=args.chunk,
                         batch_size=args.batch_size)
    rows = manifest["rows"]
    print(f"{rows['articles']} record(s) in {manifest['seconds']:.1f} s "
          f"({manifest['failed']} bad): {rows['events']} event(s), {rows['mentions']} "
          f"mention(s) written under {args.output}", file=sys.stderr)
    if rows["articles"] and manifest["failed"] == rows["articles"]:
        print(f"Error: {Errors.E014.format(count=manifest['failed'])}", file=sys.stderr)
        return 1
    return 0


EVENT_TABLE = (("date", 10), ("type/mode", 22), ("actor → recipient", 44), ("place", 20),
               ("status", 10), ("ment.", 5), ("src", 3), ("art.", 4))


def _events(args: argparse.Namespace) -> int:
    import csv

    from .export.table import event_columns, flat
    from .store import open_store

    store = open_store(args.db, create=False)
    try:
        events = store.events(_filters(args), limit=args.limit)
    finally:
        store.close()
    if args.format == "jsonl":
        for e in events:
            sys.stdout.write(json.dumps(flat(e), ensure_ascii=False) + "\n")
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=event_columns())
        writer.writeheader()
        for e in events:
            writer.writerow(flat(e))
    else:
        print(format_events_table(events))
    return 0


def format_events_table(events: list[dict[str, Any]]) -> str:
    """Return a readable table of stored events, one line each."""
    if not events:
        return "(no events)"
    rows = []
    for e in events:
        kind = e["event_type"] + (f"/{e['mode']}" if e["mode"] else "")
        one = f"{e['actor1_name'] or '-'} ({e['actor1_country'] or '?'})"
        two = f"{e['actor2_name']} ({e['actor2_country'] or '?'})" if e["actor2_name"] else "-"
        half = EVENT_TABLE[2][1] // 2
        rows.append((e["event_date"] or "-", kind, f"{_cell(one, half)} → {_cell(two, half)}",
                     e["place_name"] or e["country"] or "-", e["status"],
                     str(e["num_mentions"]), str(e["num_sources"]), str(e["num_articles"])))
    names = [name for name, _ in EVENT_TABLE]
    widths = [max(len(names[i]), *(len(_cell(r[i], EVENT_TABLE[i][1])) for r in rows))
              for i in range(len(names))]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for r in rows:
        cells = (_cell(c, EVENT_TABLE[i][1]) for i, c in enumerate(r))
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    lines.append(f"{len(events)} event(s)")
    return "\n".join(lines)


def _export(args: argparse.Namespace) -> int:
    from .export import export
    from .store import open_store

    store = open_store(args.db, create=False)
    try:
        n = export(store, args.format, args.output, _filters(args))
    except OSError as exc:
        raise VeilleError(Errors.E027.format(path=args.output,
                                             reason=exc.strerror or exc)) from exc
    finally:
        store.close()
    print(f"Wrote {n} event(s) to {args.output} ({args.format})", file=sys.stderr)
    return 0


def _dyads(args: argparse.Namespace) -> int:
    from .analysis.dyads import check_dyad, dyad_series, format_table, write_csv
    from .store import open_store

    a, b = check_dyad(args.a, args.b)
    store = open_store(args.db, create=False, read_only=True)
    try:
        series = dyad_series(store, a, b, unit=args.by)
    finally:
        store.close()
    if args.format == "png":
        from .analysis.chart import draw_png

        path = args.output or f"dyads-{a}-{b}-{args.by}.png"
        draw_png(series, path)
        print(f"Wrote the {a}-{b} chart ({len(series.periods)} {args.by}(s)) to {path}; "
              + " ".join(series.notes()), file=sys.stderr)
        return 0
    if args.format == "csv":
        out = io.StringIO()
        write_csv(series, out)
        text = out.getvalue()
    else:
        text = format_table(series) + "\n"
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise VeilleError(Errors.E027.format(path=args.output,
                                                 reason=exc.strerror or exc)) from exc
    else:
        sys.stdout.write(text)
    if args.format == "csv":  # the CSV holds data only: its notes go to stderr
        print(" ".join(series.notes()), file=sys.stderr)
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .web import create_app

    app = create_app(args.db, tiles=args.tiles)
    print(f"Serving {args.db} read-only on http://{args.host}:{args.port}/ (Ctrl-C stops)",
          file=sys.stderr)
    try:
        uvicorn.run(app, host=args.host, port=args.port,
                    log_level=["warning", "info", "debug"][min(args.verbose, 2)])
    finally:
        app.state.store.close()
    return 0


# --- watch --------------------------------------------------------------------------------------


def _watch(args: argparse.Namespace) -> int:
    import signal

    from .ingest.urls import Fetcher
    from .store import open_store
    from .watch.alerts import Dispatcher
    from .watch.feeds import read_feed_list
    from .watch.loop import PassReport, Stop, Watcher, parse_every
    from .watch.rules import load_rules

    every = parse_every(args.every)
    feeds = read_feed_list(args.feeds)
    rules = load_rules(args.rules) if args.rules else None

    def report(line: str) -> None:
        print(f"Error: {line}", file=sys.stderr)

    def on_pass(result: PassReport) -> None:
        for line in result.failures:
            report(line)
        print(result.format_text(), file=sys.stderr)

    def load_pipeline() -> Any:
        from .pipeline import load

        return load()

    stop = Stop()

    def on_sigint(signum: int, frame: Any) -> None:
        # Only a flag: the pass ends cleanly (pages fetched so far are stored and alerted on).
        if stop.requested:
            raise KeyboardInterrupt
        stop.request()

    store = open_store(args.db)
    fetcher = Fetcher(timeout=args.fetch_timeout, delay=args.fetch_delay)
    dispatcher = Dispatcher(rules, report=report) if rules else None
    import threading

    # Signal handlers can only be set from the main thread (an embedding may call main()).
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, on_sigint) if main_thread else None
    try:
        if not args.once:
            print(f"Watching {len(feeds)} feed(s) every {args.every} into {args.db} "
                  "(Ctrl-C stops)", file=sys.stderr)
        last = Watcher(feeds, store, load_pipeline=load_pipeline, fetcher=fetcher,
                       dispatcher=dispatcher, stop=stop).run(every=every, once=args.once,
                                                             on_pass=on_pass)
    finally:
        if main_thread:
            signal.signal(signal.SIGINT, previous)
        fetcher.close()
        if dispatcher is not None:
            dispatcher.close()
        store.close()
    if stop.requested:
        print("Stopped.", file=sys.stderr)
    if args.once and last.all_failed:
        report(Errors.E046.format(count=last.feeds))
        return 1
    return 0


# --- gazetteer ----------------------------------------------------------------------------------


def _gazetteer(args: argparse.Namespace) -> int:
    from .geo.gazetteer import USER_FILE, import_geonames_dump, user_gazetteer_dir

    if args.gazetteer_command != "import":  # argparse only lets known subcommands through
        raise VeilleError(f"unknown gazetteer command {args.gazetteer_command}")
    zip_path = Path(args.zip_path)
    if not zip_path.exists():
        raise VeilleError(Errors.E013.format(path=zip_path))
    target = Path(args.target).expanduser() if args.target else user_gazetteer_dir()
    rows = import_geonames_dump(zip_path, target)
    print(f"Imported {rows} places from {zip_path} into {target / USER_FILE}")
    return 0


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(Errors.E007.format(where="--published",
                                                            value=value)) from exc


if __name__ == "__main__":
    sys.exit(main())
