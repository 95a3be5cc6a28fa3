"""The ``veille`` command line: thin over the library, one clean line per error."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import textwrap
from collections.abc import Iterator, Sequence
from datetime import date
from typing import TextIO

from . import __version__
from .errors import Errors, VeilleError
from .ingest import Failure
from .model import Article, ArticleResult

LOGGER = logging.getLogger(__name__)

FORMATS = ("json", "jsonl", "table")

EXTRACT_EPILOG = """\
examples:
  veille extract examples/seed.txt --published 2023-02-08 --format table
  veille extract articles.jsonl > events.jsonl
  cat article.txt | veille extract - --published 2024-05-02
"""

EVAL_EPILOG = """\
examples:
  veille eval examples/seed.gold.jsonl --articles examples/seed.jsonl
  veille eval ../shared/dev/gold.jsonl --articles ../shared/dev/articles.jsonl
  veille extract articles.jsonl > pred.jsonl && veille eval gold.jsonl --pred pred.jsonl --json
"""


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``veille`` command."""
    parser = argparse.ArgumentParser(
        prog="veille",
        description="French news in, evidence-linked PLOVER political events out.",
    )
    parser.add_argument("--version", action="version", version=f"veille {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="more log output (-v info, -vv debug)")
    sub = parser.add_subparsers(dest="command", required=True)

    ex = sub.add_parser(
        "extract", help="code the events of articles (text or JSONL files)",
        description="Read articles and print one JSON object per article with its events, "
                    "entities, places, times and quotes (offsets into title + blank line + text).",
        epilog=EXTRACT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
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
        epilog=EVAL_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    ev.add_argument("gold", metavar="GOLD.jsonl")
    src = ev.add_mutually_exclusive_group(required=True)
    src.add_argument("--articles", metavar="ARTICLES.jsonl",
                     help="articles to run the pipeline on")
    src.add_argument("--pred", metavar="PRED.jsonl", help="predictions made by veille extract")
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
    ev.add_argument("--errors", action="store_true",
                    help="also list each article's missed and spurious events")
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
    except VeilleError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    parser.error(f"unknown command {args.command}")
    return 2


# --- extract ------------------------------------------------------------------------------------


def _extract(args: argparse.Namespace) -> int:
    from .ingest.files import read_articles
    from .pipeline import load

    failures: list[Failure] = []

    def good_articles() -> Iterator[Article]:
        for item in read_articles(args.files, published=args.published,
                                  article_id=args.article_id):
            if isinstance(item, Failure):
                failures.append(item)
                print(f"Error: {item.reason}", file=sys.stderr)
            else:
                yield item

    articles = good_articles()
    first = next(articles, None)
    if first is None:
        _report_failures(failures)
        print(f"Error: {Errors.E014.format(count=len(failures))}", file=sys.stderr)
        return 1
    pipeline = load()
    done = 0
    stream = _prepend(first, articles)
    for result in pipeline.pipe(stream, batch_size=args.batch_size, n_process=args.processes):
        write_result(result, args.format, sys.stdout)
        done += 1
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


def format_table(result: ArticleResult) -> str:
    """Return a readable table of one article's events."""
    a = result.article
    head = f"{a.id or '-'}  {a.published or 'no date'}  {a.title or ''}".rstrip()
    lines = [head, "=" * min(len(head), 100)]
    cols = ("type/mode", "actor → recipient", "date", "place", "status", "evidence")
    rows: list[tuple[str, ...]] = []
    for e in result.events:
        kind = e.event + (f"/{e.mode}" if e.mode else "")
        who = _actors(e.actor) + " → " + (_actors(e.recipient) or "-")
        where = e.place.name if e.place else "-"
        evidence = e.evidence.text if e.evidence else ""
        rows.append((kind, who, e.date or "-", where, e.status,
                     textwrap.shorten(evidence, width=60, placeholder="…")))
    if not rows:
        lines.append("(no events)")
        return "\n".join(lines)
    widths = [min(max(len(r[i]) for r in (cols, *rows)), 60) for i in range(len(cols))]
    lines.append("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)))
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    return "\n".join(lines)


def _actors(actors: list) -> str:  # type: ignore[type-arg]
    return ", ".join(f"{x.name} ({x.country or '?'})" for x in actors)


# --- eval ---------------------------------------------------------------------------------------


def _eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, read_jsonl

    gold = read_jsonl(args.gold)
    if args.pred:
        predicted = read_jsonl(args.pred)
    else:
        predicted = _predict(args.articles)
    report = evaluate(gold, predicted)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(report.format_text(verbose=args.errors))
    return 0


def _predict(path: str) -> list[dict]:  # type: ignore[type-arg]
    from .ingest.files import read_articles
    from .pipeline import load

    articles: list[Article] = []
    for item in read_articles([path]):
        if isinstance(item, Failure):
            print(f"Error: {item.reason}", file=sys.stderr)
        else:
            articles.append(item)
    if not articles:
        raise VeilleError(Errors.E014.format(count=0))
    pipeline = load()
    return [r.to_dict() for r in pipeline.pipe(articles)]


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(Errors.E007.format(where="--published",
                                                            value=value)) from exc


if __name__ == "__main__":
    sys.exit(main())
