"""Load and validate the edited language data under ``veille/data``.

Data files are strict configuration: an entry that does not fit its schema raises at once,
naming the file, the entry and the key (the way dateparser validates its language files).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import DataFileError, Errors

DATA_DIR = Path(__file__).parent / "data"


def data_path(*parts: str) -> Path:
    """Return the path of a file under ``veille/data``."""
    return DATA_DIR.joinpath(*parts)


@functools.cache
def load_yaml(relpath: str) -> Any:
    """Read a YAML data file once; a syntax error names the file."""
    path = data_path(*relpath.split("/"))
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except OSError as exc:
        raise DataFileError(Errors.E002.format(path=path, reason=exc.strerror)) from exc
    except yaml.YAMLError as exc:
        raise DataFileError(Errors.E011.format(path=path, reason=exc)) from exc


def word_lists(raw: Any, path: str, keys: tuple[str, ...]) -> dict[str, list[str]]:
    """Check a data file made of named word lists: a mapping with every key of ``keys``, each
    a list of strings, and no other key. Return the lists as they are written."""
    if not isinstance(raw, dict):
        raise DataFileError(Errors.E010.format(path=path, where="top level",
                                               message="expected a mapping",
                                               allowed=", ".join(keys)))
    values: dict[str, list[str]] = {}
    for key in keys:
        items = raw.get(key)
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            raise DataFileError(Errors.E010.format(path=path, where=key,
                                                   message="expected a list of strings",
                                                   allowed="a YAML list"))
        values[key] = items
    unknown = set(raw) - set(keys)
    if unknown:
        raise DataFileError(Errors.E010.format(path=path, where="top level",
                                               message=f"unknown key {sorted(unknown)[0]!r}",
                                               allowed=", ".join(keys)))
    return values


@dataclass(frozen=True)
class Field:
    """One key of a data-file entry: its type, whether it is required, allowed values."""

    kind: type | tuple[type, ...]
    required: bool = False
    allowed: frozenset[str] | None = None
    item_type: type | None = None  # for lists: the type of each item


def validate_entries(
    entries: Any, schema: Mapping[str, Field], *, path: str, what: str = "entry"
) -> list[dict[str, Any]]:
    """Check a list of dict entries against ``schema``; raise DataFileError on the first fault."""
    if not isinstance(entries, list):
        raise DataFileError(
            Errors.E010.format(path=path, where=what, message="expected a list", allowed="a list")
        )
    for i, entry in enumerate(entries):
        validate_entry(entry, schema, path=path, where=f"{what} {i + 1}")
    return entries


def validate_entry(entry: Any, schema: Mapping[str, Field], *, path: str, where: str) -> None:
    """Check one dict entry against ``schema``."""
    if not isinstance(entry, dict):
        raise DataFileError(
            Errors.E010.format(path=path, where=where, message="expected a mapping",
                               allowed="key: value pairs")
        )
    label = entry.get("lemma") or entry.get("name") or entry.get("id") or ""
    where = f"{where} ({label})" if label else where
    unknown = set(entry) - set(schema)
    if unknown:
        raise DataFileError(
            Errors.E010.format(path=path, where=where,
                               message=f"unknown key {sorted(unknown)[0]!r}",
                               allowed=", ".join(sorted(schema)))
        )
    for key, spec in schema.items():
        if key not in entry or entry[key] is None:
            if spec.required:
                raise DataFileError(
                    Errors.E010.format(path=path, where=where, message=f"missing key {key!r}",
                                       allowed=", ".join(sorted(schema)))
                )
            continue
        value = entry[key]
        if not isinstance(value, spec.kind):
            raise DataFileError(
                Errors.E010.format(path=path, where=where,
                                   message=f"{key!r} has type {type(value).__name__}",
                                   allowed=_type_names(spec.kind))
            )
        values = value if isinstance(value, list) else [value]
        if spec.item_type is not None:
            for item in values:
                if not isinstance(item, spec.item_type):
                    raise DataFileError(
                        Errors.E010.format(path=path, where=where,
                                           message=f"{key!r} holds {item!r}",
                                           allowed=_type_names(spec.item_type))
                    )
        if spec.allowed is not None:
            for item in values:
                if item not in spec.allowed:
                    raise DataFileError(
                        Errors.E010.format(path=path, where=where,
                                           message=f"{key!r} has value {item!r}",
                                           allowed=", ".join(sorted(spec.allowed)))
                    )


def _type_names(t: type | tuple[type, ...]) -> str:
    types = t if isinstance(t, tuple) else (t,)
    return " or ".join(x.__name__ for x in types)
