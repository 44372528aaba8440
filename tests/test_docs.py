"""The README documents every command, table and column, and its generated parts are current."""

from __future__ import annotations

from pathlib import Path

import pytest
from cogapp import Cog

from scrutiny.cli import cli
from scrutiny.db.schema import TABLES

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_generated_sections_are_current():
    status = Cog().main(["cog", "--check", str(README)])
    assert status == 0, "README.md is stale: run `.venv/bin/cog -r README.md`"


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_documented(command):
    assert f"scrutiny {command}" in README.read_text(encoding="utf-8")


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_table_is_documented(table):
    text = README.read_text(encoding="utf-8")
    assert f"#### `{table}`" in text
    for column in TABLES[table]:
        assert f"| `{column}` |" in text
