"""Readers that turn sources into Articles; a bad record becomes a Failure, never a crash."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Failure:
    """A record that could not be read, kept aside with its reason."""

    source: str
    record: str | None
    reason: str

    def __str__(self) -> str:
        return self.reason
