"""The news spider on the dev mini-sites, served by the corpus mirror on 127.0.0.1.

Three crawls share one data directory: a first crawl of the four dev sites
(through ``--base-url``, with a subscriber cookie configured for cypnow), a
second identical crawl, and a cypnow crawl after one sitemap ``lastmod``
changed. Each test reads what they stored and what the server was asked.
"""

from __future__ import annotations

import gzip
import hashlib
import json

import pytest

from scrutiny.archive import read_response
from scrutiny.config import CORPUS_DIR, Paths
from scrutiny.crawlers.run import crawl, format_summary
from scrutiny.db.schema import open_db

pytestmark = pytest.mark.slow

DEV_SITES = ("cypnow", "lgc", "communitycare", "localnews")
SECRET = "subscriber-session-7f3a9c0e"
CHANGED = "https://www.cypnow.co.uk/news/article/rotherham-children-s-director-leaves-council-after-abuse-inquiry"


def gold_articles() -> dict[str, str]:
    folder = CORPUS_DIR / "gold" / "articles"
    if not folder.is_dir():
        pytest.skip(f"gold articles missing: {folder}")
    return {d["url"]: d["source"] for d in (json.loads(p.read_text()) for p in folder.glob("*.json"))}


def rows(paths: Paths, sql: str, params=()) -> list[dict]:
    db = open_db(paths.db, migrate=False)
    try:
        return [dict(r) for r in db.query(sql, params)]
    finally:
        db.close()


def article_path(url: str, site: str) -> str:
    """The mirror path an article URL is fetched from (any trailing slash)."""
    return f"/{site}/" + url.split("/", 3)[3].rstrip("/")


@pytest.fixture(scope="module")
def dev_crawls(tmp_path_factory, corpus_server, crawl_settings):
    paths = Paths(tmp_path_factory.mktemp("dev-crawl"))
    bases = {site: corpus_server.site_url(site) for site in DEV_SITES}
    logs = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SCRUTINY_CYPNOW_COOKIE", f"session={SECRET}; theme=dark")
        corpus_server.clear_log()
        debug_log = {"LOG_FILE": str(paths.data_dir / "crawl.log"), "LOG_LEVEL": "DEBUG"}
        first = crawl(paths, progress=False, sources=DEV_SITES, base_urls=bases,
                      settings={**crawl_settings, **debug_log})
        logs["first"] = list(zip(corpus_server.request_log, corpus_server.request_headers, strict=True))
    corpus_server.clear_log()
    second = crawl(paths, progress=False, sources=DEV_SITES, base_urls=bases, settings=crawl_settings)
    logs["second"] = list(corpus_server.request_log)

    sitemap = (CORPUS_DIR / "sites/cypnow/sitemap.xml").read_text()
    old = f"<loc>{CHANGED}</loc><lastmod>2014-09-19</lastmod>"
    assert old in sitemap
    corpus_server.override("/cypnow/sitemap.xml", sitemap.replace(old, old.replace("2014-09-19", "2024-06-01")),
                           content_type="application/xml")
    corpus_server.clear_log()
    try:
        third = crawl(paths, progress=False, sources=["cypnow"], base_urls=bases, settings=crawl_settings)
    finally:
        corpus_server.overrides.clear()
    logs["third"] = list(corpus_server.request_log)
    return {"paths": paths, "first": first, "second": second, "third": third, "logs": logs}


def test_stores_exactly_the_dev_site_articles_with_canonical_urls(dev_crawls):
    stored = rows(dev_crawls["paths"], "select url, source, kind from documents")
    assert {r["url"]: r["source"] for r in stored} == gold_articles()
    assert {r["kind"] for r in stored} == {"article"}
    assert len(stored) == 16


def test_listing_pages_are_fetched_but_not_stored(dev_crawls):
    fetched = {path for path, _ in dev_crawls["logs"]["first"]}
    assert {"/cypnow/news/", "/cypnow/news/page/2/", "/lgc/news/"} <= fetched
    assert {f"/{site}/robots.txt" for site in DEV_SITES} <= fetched  # each site's rules, read on the mirror
    stored = {r["url"] for r in rows(dev_crawls["paths"], "select url from documents")}
    assert not {u for u in stored if u.rstrip("/").endswith(("/news", "/page/2")) or u.count("/") <= 3}


def test_the_first_crawl_summary_counts_what_happened(dev_crawls):
    summary = dev_crawls["first"]
    assert summary["failed_sources"] == []
    assert summary["totals"]["stored"] == 16 and summary["totals"]["new"] == 16
    assert summary["totals"]["failed"] == 0
    assert summary["sources"]["cypnow"]["stored"] == 5
    assert summary["totals"]["skipped_by_reason"]["not_article"] >= 4  # home/listing pages read, not stored
    text = format_summary(summary)
    assert "cypnow: " in text and "16 stored" in text
    run = rows(dev_crawls["paths"], "select status, summary from runs where id = ?", [summary["run_id"]])[0]
    assert run["status"] == "completed"
    assert json.loads(run["summary"])["totals"]["stored"] == 16


def test_every_stored_document_has_a_warc_record_that_reads_back(dev_crawls):
    paths = dev_crawls["paths"]
    documents = rows(paths, "select * from documents")
    assert documents
    for doc in documents:
        record = read_response(paths.warc, doc["warc_file"], doc["warc_offset"])
        assert record.record_id == doc["warc_record_id"]
        assert record.url == doc["fetched_url"]
        assert record.status == 200
        assert hashlib.sha256(record.body).hexdigest() == doc["content_hash"]
        assert record.content_type.startswith("text/html")
        assert doc["fetched_url"].startswith("http://127.0.0.1:")


def test_the_crawler_says_who_it_is(dev_crawls):
    agents = {headers.get("user-agent", "") for _, headers in dev_crawls["logs"]["first"]}
    assert agents and all(a.startswith("scrutiny/") and "+http" in a for a in agents)


def test_subscriber_cookie_goes_to_its_source_only_and_never_to_the_db_warc_or_log(dev_crawls):
    first = dev_crawls["logs"]["first"]
    cypnow = [h.get("cookie", "") for p, h in first if p.startswith("/cypnow/")]
    others = [h.get("cookie", "") for p, h in first if not p.startswith("/cypnow/")]
    assert cypnow and all(SECRET in c for c in cypnow)
    assert not any(SECRET in c for c in others)
    paths = dev_crawls["paths"]
    assert (paths.data_dir / "crawl.log").stat().st_size > 0  # the DEBUG log of the crawl is checked too
    for file in paths.data_dir.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            if file.name.endswith(".gz"):
                data = gzip.decompress(data)
            assert SECRET.encode() not in data, file


def test_a_second_crawl_downloads_no_unchanged_article(dev_crawls):
    second = dev_crawls["logs"]["second"]
    article_paths = {article_path(url, site) for url, site in gold_articles().items()}
    assert not [p for p in second if p.rstrip("/") in article_paths]
    assert "/cypnow/sitemap.xml" in second  # the lists are read again, to find what is new
    assert "/cypnow/news/page/2/" not in second  # but not listing pages beyond what is stored
    totals = dev_crawls["second"]["totals"]
    assert totals["stored"] == 0 and totals["fetched"] > 0
    assert totals["skipped_by_reason"]["known"] >= 16


def test_a_changed_lastmod_refetches_just_that_page(dev_crawls):
    third = dev_crawls["logs"]["third"]
    article_paths = {article_path(url, site) for url, site in gold_articles().items()}
    assert [p.rstrip("/") for p in third if p.rstrip("/") in article_paths] == [article_path(CHANGED, "cypnow")]
    (doc,) = rows(dev_crawls["paths"], "select lastmod from documents where url = ?", [CHANGED])
    assert doc["lastmod"] == "2024-06-01"
    assert dev_crawls["third"]["sources"]["cypnow"]["unchanged"] == 1


def test_a_crawl_from_a_home_page_obeys_robots_and_stores_only_articles(tmp_paths, corpus_server, crawl_settings):
    corpus_server.clear_log()
    summary = crawl(tmp_paths, progress=False, start_urls=[corpus_server.site_url("cypnow") + "/"],
                    settings=crawl_settings)
    fetched = list(corpus_server.request_log)
    assert not [p for p in fetched if p.startswith(("/cypnow/private", "/cypnow/search"))]
    assert "/cypnow/account/login/" in fetched and "/cypnow/tags/ofsted/" in fetched  # read, not stored
    stored = {r["url"] for r in rows(tmp_paths, "select url from documents")}
    assert stored == {url for url, site in gold_articles().items() if site == "cypnow"}
    assert summary["sources"]["127.0.0.1"]["stored"] == 5


def test_since_skips_older_articles(tmp_paths, corpus_server, crawl_settings):
    crawl(tmp_paths, progress=False, sources=["localnews"], base_urls={"localnews": corpus_server.site_url("localnews")},
          since="2020-01-01", settings=crawl_settings)
    assert [r["published"] for r in rows(tmp_paths, "select published from documents")] == ["2021-08-20"]


def test_max_pages_bounds_the_downloads(tmp_paths, corpus_server, crawl_settings):
    corpus_server.clear_log()
    summary = crawl(tmp_paths, progress=False, sources=["lgc"], base_urls={"lgc": corpus_server.site_url("lgc")},
                    max_pages=4, settings=crawl_settings)
    assert len([p for p in corpus_server.request_log if not p.endswith("robots.txt")]) == 4
    assert summary["sources"]["lgc"]["skipped_by_reason"]["max_pages"] >= 1
