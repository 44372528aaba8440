"""Spider contracts (``@url``/``@returns``/``@scrapes`` in the parse callbacks' docstrings), run by
``scrapy check`` against the corpus mirror. Against the live sites the same command is a canary for
a site that changed its markup."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("spider", "source", "contracts"), [("news", "cypnow", 4), ("ofsted", "ofsted", 4)])
def test_spider_contracts_hold_on_the_mirror(corpus_server, spider, source, contracts):
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "check", spider, "-a", f"source={source}",
         "-a", f"base_url={corpus_server.site_url(source)}",
         "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "LOG_LEVEL=WARNING"],
        env={**os.environ, "SCRAPY_SETTINGS_MODULE": "scrutiny.crawlers.settings"},
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"Ran {contracts} contracts" in result.stderr
