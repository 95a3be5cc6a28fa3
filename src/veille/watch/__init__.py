"""Watch news feeds: poll them, ingest what is new, alert on the new events rules select.

``feeds`` polls RSS/Atom feeds (conditional requests, the fetcher's per-host delay and
timeouts), ``rules`` reads the YAML alert rules, ``alerts`` delivers alerts (stdout, JSONL,
webhook, a dead-letter file for what could not be delivered), and ``loop`` runs the passes.
"""

from __future__ import annotations
