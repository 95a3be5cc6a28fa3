"""Every command is documented with examples, and the README's two commands are what CI runs."""

from __future__ import annotations

import argparse
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest

from veille.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_RUN = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
              ) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Yield every subcommand path (("extract",), ("gazetteer", "import"), ...) and its parser."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name), sub
                yield from _commands(sub, (*path, name))


COMMANDS = dict(_commands(build_parser()))
# Commands a user runs (leaves); a group such as "gazetteer" is documented through them.
LEAVES = [path for path in COMMANDS if not any(p[:len(path)] == path and p != path
                                                for p in COMMANDS)]


def test_the_cli_has_the_commands_we_document() -> None:
    assert {("extract",), ("eval",), ("gazetteer", "import"), ("ingest",), ("events",),
            ("export",)} <= set(LEAVES)


@pytest.mark.parametrize("path", [(), *COMMANDS], ids=lambda p: " ".join(p) or "veille")
def test_help_has_examples(path: tuple[str, ...]) -> None:
    parser = COMMANDS[path] if path else build_parser()
    help_text = parser.format_help()
    assert "\nexamples:\n" in help_text, f"`veille {' '.join(path)} --help` has no examples"
    examples = help_text.split("\nexamples:\n", 1)[1]
    assert f"veille {' '.join(path)}".strip() in examples


def _example_commands() -> Iterator[str]:
    """Yield each `veille ...` invocation written in the help examples."""
    parsers = [build_parser(), *COMMANDS.values()]
    for parser in parsers:
        for line in (parser.epilog or "").splitlines()[1:]:
            # A line may chain commands with a pipe or &&; a redirection ends an invocation.
            for part in re.split(r"\|\||&&|\||;", line):
                part = part.split(">", 1)[0].strip()
                words = shlex.split(part)
                while words and "=" in words[0]:  # VAR=value prefix
                    words.pop(0)
                if words and words[0] == "veille":
                    yield " ".join(words)


@pytest.mark.parametrize("command", sorted(set(_example_commands())))
def test_help_examples_parse(command: str) -> None:
    args = build_parser().parse_args(shlex.split(command)[1:])
    assert args.command


@pytest.mark.parametrize("path", LEAVES, ids=" ".join)
def test_readme_mentions_each_command(path: tuple[str, ...]) -> None:
    assert f"veille {' '.join(path)}" in README, f"README.md never mentions veille {path}"


def _section(markdown: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, re.S | re.M)
    assert match, f"README.md has no '## {heading}' section"
    return match.group(1)


def _shell_blocks(markdown: str) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"^```(?:sh|bash|shell|console)\n(.*?)^```",
                                                    markdown, re.S | re.M)]


def test_readme_two_commands() -> None:
    blocks = _shell_blocks(_section(README, "Two commands"))
    assert len(blocks) == 2, blocks
    install, tests = blocks
    assert "pip install" in install and "-e" in install
    assert re.search(r"veille ingest examples/\S*( |$)", install), install
    assert install.rstrip().endswith("veille events"), install
    assert "pytest" in tests and "\n" not in tests


def test_ci_runs_the_readme_test_command() -> None:
    tests = _shell_blocks(_section(README, "Two commands"))[1]
    ci_commands = [line.strip() for line in CI_RUN.splitlines()
                   if line.strip() and not line.lstrip().startswith("#")]
    assert tests in ci_commands, f"{tests!r} is not a line of .ci/run"
