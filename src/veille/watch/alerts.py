"""Alerts on new events: what one carries, and its delivery to stdout, a JSONL file or a webhook.

An alert is one JSON object: the rule that fired, the event (its PLOVER record with the
casualty counts), the evidence and the link of the article that first reported it. A webhook
is retried with a doubling pause; an alert that no output would take is written to the
dead-letter JSONL file with the reason, so that nothing is lost, and reported.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from .. import __version__
from ..errors import Errors
from ..export.plover import plover_event
from ..store import Store
from .rules import CASUALTY_KINDS, NewEvent, Output, Rule, RuleSet

LOGGER = logging.getLogger(__name__)

# Answers worth another try: the server is busy or failed, not the alert.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def make_alert(rule: Rule, event: NewEvent, store: Store) -> dict[str, Any]:
    """Return the alert of ``rule`` on ``event``: the event, its evidence, its article.

    The evidence is the earliest report's sentence; a headline gives way to a sentence of a
    text (that says who and where); the article is the one the evidence comes from.
    """
    record = plover_event(store, event.row)
    record["casualties"] = {k: event.row[k] for k in CASUALTY_KINDS if event.row.get(k)}
    first = _first_report(event.mentions)
    published = first.get("published")
    return {
        "rule": rule.name,
        "alerted_at": _now(),
        "event": record,
        "evidence": first.get("evidence") or event.row.get("evidence"),
        "article": {"url": first.get("url") or event.row.get("source_url"),
                    "title": first.get("title"), "outlet": first.get("outlet"),
                    "published": published.isoformat() if published else None},
    }


def _first_report(mentions: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the report that says most, earliest first: a sentence of a text over a title."""
    in_text = [m for m in mentions if m["evidence"] and m["evidence"] not in (m["title"] or "")]
    return (in_text or mentions or [{}])[0]


class DeliveryError(Exception):
    """An output did not take an alert; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class StdoutSink:
    """Print each alert as one JSON line."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def send(self, alert: dict[str, Any]) -> None:
        """Write the alert and flush, so that a pipe sees it at once."""
        stream = self.stream or sys.stdout
        stream.write(json.dumps(alert, ensure_ascii=False) + "\n")
        stream.flush()


class JsonlSink:
    """Append each alert to a JSONL file (opened for each alert: rotation-safe)."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)

    def send(self, alert: dict[str, Any]) -> None:
        """Append the alert as one line."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(alert, ensure_ascii=False) + "\n")
        except OSError as exc:
            raise DeliveryError(exc.strerror or str(exc)) from exc


class WebhookSink:
    """POST each alert as JSON; retry a failure ``retries`` times, pausing ``backoff`` seconds
    and doubling the pause each time.

    Once a webhook has failed every try, the later alerts of the same pass go to the dead
    letter at once: a server that is down would otherwise hold the watcher for minutes.
    """

    def __init__(self, output: Output, *, sleep: Callable[[float], None] = time.sleep) -> None:
        import httpx

        assert output.target is not None
        self.output = output
        self.sleep = sleep
        self.down: str | None = None
        self.client = httpx.Client(timeout=output.timeout, headers={
            "User-Agent": f"veille/{__version__} (alerts)"})

    def send(self, alert: dict[str, Any]) -> None:
        """Deliver the alert or raise DeliveryError after the last try."""
        import httpx

        if self.down is not None:
            raise DeliveryError(f"{self.down}; not tried again in this pass")
        url = self.output.target
        assert url is not None
        tries = self.output.retries + 1
        reason = ""
        for attempt in range(tries):
            if attempt:
                self.sleep(self.output.backoff * 2 ** (attempt - 1))
            try:
                response = self.client.post(url, json=alert)
            except httpx.HTTPError as exc:
                reason = str(exc) or type(exc).__name__
                LOGGER.info("webhook %s, try %d of %d: %s", url, attempt + 1, tries, reason)
                continue
            if response.is_success:
                return
            reason = f"HTTP {response.status_code}"
            LOGGER.info("webhook %s, try %d of %d: %s", url, attempt + 1, tries, reason)
            if response.status_code not in RETRY_STATUSES:
                # The server read the alert and refused it: sending it again changes nothing.
                raise DeliveryError(f"{reason}, refused")
        self.down = f"{reason} after {tries} tries"
        raise DeliveryError(self.down)

    def new_pass(self) -> None:
        """Try the webhook again (a new pass)."""
        self.down = None

    def close(self) -> None:
        """Close the HTTP connections."""
        self.client.close()


Sink = StdoutSink | JsonlSink | WebhookSink


@dataclass
class Delivery:
    """What a pass's alerts became."""

    alerts: int = 0  # (rule, event) pairs that fired
    delivered: int = 0  # (alert, output) pairs delivered
    undelivered: int = 0  # (alert, output) pairs kept in the dead letter


class Dispatcher:
    """Match new events against the rules and deliver their alerts to the rules' outputs."""

    def __init__(self, rules: RuleSet, *, stdout: TextIO | None = None,
                 report: Callable[[str], None] | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.rules = rules
        self.report = report or (lambda line: LOGGER.warning("%s", line))
        self.sinks: dict[Output, Sink] = {}
        for output in rules.outputs():
            if output.kind == "stdout":
                self.sinks[output] = StdoutSink(stdout)
            elif output.kind == "jsonl":
                assert output.target is not None
                self.sinks[output] = JsonlSink(output.target)
            else:
                self.sinks[output] = WebhookSink(output, sleep=sleep)

    def dispatch(self, store: Store, rows: Sequence[dict[str, Any]]) -> Delivery:
        """Alert on every new event (stored ``rows``) that a rule selects."""
        done = Delivery()
        for sink in self.sinks.values():
            if isinstance(sink, WebhookSink):
                sink.new_pass()
        for row in rows:
            event = NewEvent.load(store, row)
            for rule in self.rules.rules:
                if not rule.matches(event):
                    continue
                alert = make_alert(rule, event, store)
                done.alerts += 1
                for output in rule.outputs:
                    try:
                        self.sinks[output].send(alert)
                        done.delivered += 1
                    except DeliveryError as exc:
                        done.undelivered += 1
                        self._dead_letter(alert, output, exc.reason)
        return done

    def _dead_letter(self, alert: dict[str, Any], output: Output, reason: str) -> None:
        path = self.rules.dead_letter
        record = {"failed_at": _now(), "output": str(output), "reason": reason, "alert": alert}
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        except OSError as exc:
            self.report(Errors.E045.format(path=path, reason=exc.strerror or exc,
                                           alert=json.dumps(record, ensure_ascii=False)))
            return
        self.report(Errors.E044.format(rule=alert["rule"], event=alert["event"]["id"],
                                       output=output, reason=reason, dead_letter=path))

    def close(self) -> None:
        """Close the webhooks' connections."""
        for sink in self.sinks.values():
            if isinstance(sink, WebhookSink):
                sink.close()
