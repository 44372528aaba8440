"""Failed URLs: recorded with a reason, retried with back-off, retried on the next run, then resolved."""

from __future__ import annotations

import pytest

from scrutiny.config import CORPUS_DIR
from scrutiny.crawlers.middlewares import retry_after_seconds
from scrutiny.crawlers.run import crawl
from scrutiny.db.schema import open_db

ARTICLE = "/localnews/news/politics/commissioner-sent-in-to-turn-around-sunderland-children-s-services-1-7374512"
ARTICLE_URL = ("https://www.sunderlandecho.com/news/politics/"
               "commissioner-sent-in-to-turn-around-sunderland-children-s-services-1-7374512")


def test_retry_after_accepts_seconds_and_http_dates():
    assert retry_after_seconds(b"7") == 7.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


@pytest.mark.slow
def test_a_failed_article_is_retried_next_run_and_then_resolved(tmp_paths, corpus_server, crawl_settings):
    base = {"localnews": corpus_server.site_url("localnews")}
    corpus_server.clear_log()
    corpus_server.override(ARTICLE, "busy", status=503, content_type="text/plain", headers={"Retry-After": "1"})
    try:
        first = crawl(tmp_paths, progress=False, sources=["localnews"], base_urls=base, settings=crawl_settings)
    finally:
        corpus_server.overrides.clear()
    attempts = [t for p, t in zip(corpus_server.request_log, corpus_server.request_times, strict=True)
                if p.rstrip("/") == ARTICLE]
    assert len(attempts) == 4  # once, then RETRY_TIMES (3) retries
    assert all(later - earlier >= 0.9 for earlier, later in zip(attempts, attempts[1:], strict=False))
    assert first["sources"]["localnews"]["failed_by_reason"] == {"http_503": 1}
    assert first["failed_sources"] == []  # one page failed, the source did not

    db = open_db(tmp_paths.db, migrate=False)
    assert [dict(r) for r in db.query("select url, reason, resolved from crawl_errors")] == [
        {"url": ARTICLE_URL, "reason": "http_503", "resolved": 0}]
    db.close()

    # Next run: the sitemap and feed no longer list the article; it is fetched because it failed.
    sitemap = (CORPUS_DIR / "sites/localnews/sitemap.xml").read_text()
    corpus_server.override("/localnews/sitemap.xml", sitemap.replace(ARTICLE_URL, "https://www.sunderlandecho.com/"),
                           content_type="application/xml")
    corpus_server.override("/localnews/rss.xml", "<rss version='2.0'><channel></channel></rss>",
                           content_type="application/rss+xml")
    corpus_server.override("/localnews/news/page/2/", "<html><body>No more news</body></html>")
    try:
        second = crawl(tmp_paths, progress=False, sources=["localnews"], base_urls=base, settings=crawl_settings)
    finally:
        corpus_server.overrides.clear()
    assert second["sources"]["localnews"]["new"] == 1
    db = open_db(tmp_paths.db, migrate=False)
    assert db.execute("select resolved from crawl_errors").fetchall() == [(1,)]
    assert db.execute("select count(*) from documents where url = ?", [ARTICLE_URL]).fetchone()[0] == 1
    db.close()


@pytest.mark.slow
def test_an_unreachable_source_fails_alone(tmp_paths, corpus_server, crawl_settings):
    summary = crawl(
        tmp_paths, progress=False, sources=["lgc", "localnews"],
        base_urls={"lgc": "http://127.0.0.1:9/lgc", "localnews": corpus_server.site_url("localnews")},
        settings={**crawl_settings, "RETRY_TIMES": 0},
    )
    assert summary["failed_sources"] == ["lgc"]
    assert summary["sources"]["lgc"]["failed_by_reason"]["connection_refused"] >= 1
    assert summary["sources"]["localnews"]["stored"] == 2
