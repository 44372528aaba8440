"""The benchmark harness on tiny sizes: it runs, and its JSON report has the agreed shape.

Timings are never asserted: they depend on the machine.
"""

from __future__ import annotations

import json

import pytest
import requests

from scrutiny.benchmarks import run_benchmarks
from scrutiny.benchmarks.generate import Site, article_index, make_article
from scrutiny.benchmarks.report import Result, format_table
from scrutiny.benchmarks.server import serve_site


def test_generated_articles_are_reproducible_and_quote_their_evidence():
    first, again = make_article(7, seed=3), make_article(7, seed=3)
    assert first == again
    assert make_article(8, seed=3).title != first.title or make_article(8, seed=3).text != first.text
    facts = [*first.people, *first.ratings, *first.events]
    assert facts
    assert all(fact.evidence in first.text for fact in facts)


def test_site_serves_articles_sitemap_and_404(tmp_path):
    site = Site(30, seed=1)
    with serve_site(site) as server:
        article = site.article(12)
        page = requests.get(server.origin + article.path, timeout=10)
        sitemap = requests.get(server.origin + "/sitemap.xml", timeout=10)
        missing = requests.get(server.origin + "/no/such/page", timeout=10)
    assert page.status_code == 200 and article.title.split("'")[0] in page.text
    assert article_index(article.path) == 12
    assert sitemap.text.count("<loc>") == 30
    assert missing.status_code == 404
    assert server.stats.requests == 3


def test_quick_run_writes_the_json_report(tmp_path):
    out = tmp_path / "bench.json"
    lines: list[str] = []
    run_benchmarks(quick=True, json_path=out, only=["article,load"], echo=lines.append, scale=0.05)
    report = json.loads(out.read_text())
    assert set(report) >= {"date", "machine", "results", "quick"}
    assert {"cpu_count", "memory_gb", "python", "platform"} <= set(report["machine"])
    names = [r["name"] for r in report["results"]]
    assert [n.split(":")[0] for n in names] == ["article", "load"]
    for row in report["results"]:
        assert set(row) >= {"name", "ours", "baseline", "ratio", "unit"}
        assert row["ours"] > 0 and row["baseline"] > 0
        assert row["ratio"] == pytest.approx(row["ours"] / row["baseline"], rel=1e-3)
    assert any(line.startswith("| benchmark") for line in lines)


def test_unknown_benchmark_is_refused():
    with pytest.raises(ValueError, match="unknown benchmark"):
        run_benchmarks(only=["nonsense"], echo=lambda _: None)


def test_table_shows_skipped_rows():
    table = format_table([Result("facts", None, None, "words/s", note="skipped: no model")])
    assert "skipped: no model" in table and "–" in table
