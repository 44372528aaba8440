"""Reference sections of README.md, generated from the code with cog so they cannot drift.

``make lint`` and ``tests/test_docs.py`` run ``cog --check README.md``;
``cog -r README.md`` rewrites the sections after a change.
"""

from __future__ import annotations

from click.testing import CliRunner

from scrutiny.cli import cli
from scrutiny.db.schema import TABLES


def cli_reference() -> str:
    """``scrutiny COMMAND --help`` for every command, as Markdown."""
    runner = CliRunner()
    parts = []
    for name in ["--help", *sorted(cli.commands)]:
        args = [name] if name == "--help" else [name, "--help"]
        output = runner.invoke(cli, args, prog_name="scrutiny", terminal_width=100).output
        title = "scrutiny" if name == "--help" else f"scrutiny {name}"
        parts.append(f"### `{title}`\n\n```\n{output.rstrip()}\n```\n")
    return "\n".join(parts)


def schema_reference() -> str:
    """Every public table and column with its description, as Markdown tables."""
    parts = []
    for table, columns in TABLES.items():
        rows = "\n".join(f"| `{column}` | {description} |" for column, description in columns.items())
        parts.append(f"#### `{table}`\n\n| column | meaning |\n|---|---|\n{rows}\n")
    return "\n".join(parts)
