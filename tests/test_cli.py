"""The CLI: every command documented, every misuse a one-line error with a non-zero exit."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from scrutiny.cli import cli
from scrutiny.config import CORPUS_DIR
from scrutiny.extract import contract

COMMANDS = ["demo", "run", "crawl", "extract", "serve", "schedule", "eval", "bench"]
SEED_PAGES = [
    CORPUS_DIR / "sites/cypnow/features/article/sandwell-looks-to-private-partner-to-break-cycle-of-failure/index.html",
    CORPUS_DIR / "sites/lgc/services/children/government-steps-up-intervention-in-sandwell-childrens-services/5062115.article/index.html",
]


@pytest.fixture
def runner():
    return CliRunner()


def error_lines(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.strip()]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(runner, command):
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert set(cli.commands) == set(COMMANDS)


def test_unknown_command_is_a_usage_error(runner):
    result = runner.invoke(cli, ["frobnicate"])
    assert result.exit_code == 2
    assert "No such command 'frobnicate'" in result.output


def test_extract_unknown_file_is_one_line(runner, tmp_path):
    missing = tmp_path / "nope.html"
    result = runner.invoke(cli, ["extract", str(missing), "--json"])
    assert result.exit_code == 1
    assert error_lines(result) == [f"Error: no such file: {missing}"]


def test_extract_without_files_is_a_usage_error(runner):
    result = runner.invoke(cli, ["extract", "--json"])
    assert result.exit_code == 2
    assert "give one or more FILEs, or --from-archive" in result.output


def test_bad_option_is_a_usage_error(runner):
    result = runner.invoke(cli, ["extract", "--jsno", "x.html"])
    assert result.exit_code == 2
    assert "No such option '--jsno'" in result.output


def test_crawl_unknown_source(runner, tmp_path):
    result = runner.invoke(cli, ["crawl", "--data-dir", str(tmp_path), "--source", "nosuch"])
    assert result.exit_code == 2
    assert "unknown source nosuch" in result.output


def test_crawl_needs_something_to_crawl(runner, tmp_path):
    result = runner.invoke(cli, ["crawl", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "say what to crawl" in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["--max-pages", "0"], "0 is not in the range x>=1"),
        (["--since", "last tuesday", "--all"], "does not match the format"),
        (["--start-url", "ftp://example.org/"], "--start-url must be an http(s) URL"),
        (["--source", "lgc", "--source", "cypnow", "--base-url", "http://127.0.0.1:1/"], "needs exactly one --source"),
    ],
)
def test_crawl_option_errors(runner, tmp_path, args, message):
    result = runner.invoke(cli, ["crawl", "--data-dir", str(tmp_path), *args])
    assert result.exit_code == 2
    assert message in result.output


def test_serve_without_database(runner, tmp_path):
    result = runner.invoke(cli, ["serve", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert error_lines(result) == [f"Error: no database at {tmp_path.resolve() / 'scrutiny.db'}; run `scrutiny demo` or `scrutiny run` first"]


def test_extract_a_corrupt_pdf_reports_and_exits_non_zero(runner, tmp_path):
    bad = tmp_path / "report.pdf"
    bad.write_bytes(b"%PDF-1.4\n garbage")
    result = runner.invoke(cli, ["extract", str(bad), "--json"])
    assert result.exit_code == 1
    assert f"Error: {bad}:" in result.output


@pytest.mark.skipif(not all(p.exists() for p in SEED_PAGES), reason="seed pages not in corpus/")
def test_extract_seed_pages_prints_contract_json(runner):
    result = runner.invoke(cli, ["extract", *map(str, SEED_PAGES), "--json"])
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.output.splitlines()]
    assert len(docs) == 2
    for doc in docs:
        for key in ("url", "source", "kind", "title", "published", "authors", "paywalled", "text",
                    "people", "ratings", "events"):
            assert key in doc
        assert doc["kind"] == "article"
        for person in doc["people"]:
            assert person["role_category"] in contract.ROLE_CATEGORIES
            assert person["status"] in contract.PERSON_STATUSES
            assert person["evidence"] in doc["text"]
        for rating in doc["ratings"]:
            assert rating["area_category"] in contract.AREA_CATEGORIES
            assert rating["grade"] in contract.GRADES
            assert rating["evidence"] in doc["text"]
        for event in doc["events"]:
            assert event["type"] in contract.EVENT_TYPES
            assert event["intervention"] in (None, *contract.INTERVENTIONS)
            assert event["status"] in contract.EVENT_STATUSES
            assert event["evidence"] in doc["text"]
    cyp, lgc = docs
    assert cyp["url"] == "https://www.cypnow.co.uk/features/article/sandwell-looks-to-private-partner-to-break-cycle-of-failure"
    assert cyp["published"] == "2013-05-21" and cyp["paywalled"] is True
    assert lgc["published"] == "2013-08-07"
    assert any(p["name"] == "Ed Timpson" and p["role_category"] == "minister" for p in lgc["people"])
