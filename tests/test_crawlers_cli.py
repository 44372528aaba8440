"""``scrutiny crawl`` against the corpus mirror, through the command line."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from scrutiny.cli import cli
from scrutiny.db.schema import open_db

pytestmark = pytest.mark.slow


def test_scrutiny_crawl_a_source_through_its_mirror(tmp_path, corpus_server, crawl_settings):
    data_dir = tmp_path / "data"
    result = CliRunner().invoke(
        cli,
        ["crawl", "--data-dir", str(data_dir), "--source", "localnews",
         "--base-url", corpus_server.site_url("localnews"), "--since", "2010-01-01"],
        env={"SCRUTINY_SCRAPY_SETTINGS": json.dumps(crawl_settings)},
    )
    assert result.exit_code == 0, result.output
    assert "localnews: " in result.output and "2 stored (2 new, 0 changed)" in result.output
    db = open_db(data_dir / "scrutiny.db", migrate=False)
    assert db.execute("select count(*) from documents where source = 'localnews'").fetchone()[0] == 2
    db.close()


def test_scrutiny_crawl_exits_non_zero_when_a_source_fails(tmp_path, crawl_settings):
    result = CliRunner().invoke(
        cli,
        ["crawl", "--data-dir", str(tmp_path / "data"), "--source", "localnews",
         "--base-url", "http://127.0.0.1:9/localnews", "--silent"],
        env={"SCRUTINY_SCRAPY_SETTINGS": json.dumps({**crawl_settings, "RETRY_TIMES": 0})},
    )
    assert result.exit_code == 1
    assert "failed sources: localnews" in result.output
