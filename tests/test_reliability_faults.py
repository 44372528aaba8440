"""Failing servers and bad input lose nothing: one test per fault, against our fault-injecting server.

One crawl of a site whose sitemap lists good articles beside every kind of
failure (and one crawl of an Ofsted mirror serving broken PDFs), then one
extraction over everything stored. Each test asserts what was stored, what
was recorded in ``crawl_errors`` and why, and what extraction made of it.
"""

from __future__ import annotations

import time
from collections import Counter
from itertools import pairwise

import pytest
from faultserver import (
    FAST_SETTINGS,
    LOREM,
    FaultServer,
    article_page,
    bomb_bytes,
    corrupt_pdf,
    cp1252_article,
    encrypted_pdf,
    enormous_pdf,
    fact_article,
    fault_article,
    fault_path,
    gzip_bomb,
    hang,
    huge,
    malformed_article,
    mixed_site,
    ofsted_site,
    page,
    redirect,
    report_pdf,
    reset,
    slow,
    status,
    transient,
    trickle,
    truncated,
)

from scrutiny.config import Paths
from scrutiny.db.schema import open_db

pytestmark = pytest.mark.slow

MB = 1_000_000

# fault name -> (reason recorded in crawl_errors, or None when the page must be stored; requests expected)
EXPECTED: dict[str, tuple[str | None, int | None]] = {
    "http-500": ("http_500", 4),  # retried RETRY_TIMES (3) times, then given up
    "http-404": ("http_404", 1),  # not transient: never retried
    "500-heals": (None, 3),  # two 500s, then the page: stored
    "reset-heals": (None, 2),
    "timeout": ("timeout", 4),
    "slow-trickle": ("timeout", 4),
    "connection-reset": ("connection_lost", 4),
    "truncated-body": ("truncated", 4),
    "redirect-loop": ("redirect_loop", None),
    "no-content-type": (None, 1),
    "wrong-content-type": (None, 1),
    "huge-body": ("too_large", 1),
    "huge-unannounced": ("too_large", 1),
    "gzip-bomb": ("too_large", 1),
    "cp1252-labelled-utf8": (None, 1),
    "malformed-html": (None, 1),
}

REPORTS_EXPECTED = {
    # report name -> (crawl reason or None when stored, extraction error fragment or None when extracted)
    "good": (None, None),
    "corrupt": (None, "corrupt PDF"),
    "encrypted": (None, "encrypted PDF"),
    "enormous": (None, None),
    "html-not-pdf": ("not_pdf", None),
    "huge-pdf": ("too_large", None),
}


def html_faults(base: str) -> dict:
    good = {name: fault_article(name, base) for name in EXPECTED}
    return {
        "http-500": status(500),
        "http-404": status(404),
        "500-heals": transient(status(500), page(good["500-heals"]), times=2),
        "reset-heals": transient(reset(), page(good["reset-heals"]), times=1),
        "timeout": hang(30),
        "slow-trickle": trickle(good["slow-trickle"], chunk=64, interval=0.25),
        "connection-reset": reset(),
        "truncated-body": truncated(good["truncated-body"]),
        "redirect-loop": redirect("/loop/elsewhere"),
        "no-content-type": page(good["no-content-type"], content_type=None),
        "wrong-content-type": page(good["wrong-content-type"], content_type="application/octet-stream"),
        "huge-body": huge(5 * MB),
        "huge-unannounced": huge(5 * MB, declare_length=False),
        "gzip-bomb": gzip_bomb(64 * MB),
        "cp1252-labelled-utf8": page(cp1252_article("faulty-cp1252-labelled-utf8-page-about-council-services",
                                                    "Council pays consultants", base=base)),
        "malformed-html": page(malformed_article("faulty-malformed-html-page-about-council-services",
                                                 "Malformed council story", base=base)),
    }


def pdf_faults() -> dict:
    return {
        "good": page(report_pdf(), content_type="application/pdf"),
        "corrupt": page(corrupt_pdf(), content_type="application/pdf"),
        "encrypted": page(encrypted_pdf(), content_type="application/pdf"),
        "enormous": page(enormous_pdf(4000), content_type="application/pdf"),
        "html-not-pdf": page("<html><head><title>Service unavailable</title></head><body>Sorry</body></html>",
                             content_type="application/pdf"),
        "huge-pdf": huge(5 * MB, content_type="application/pdf"),
    }


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """Crawl the faulty news site and the faulty Ofsted mirror into one data dir, then extract."""
    from scrutiny.crawlers.run import crawl
    from scrutiny.flows.extraction import extract_stored

    paths = Paths(tmp_path_factory.mktemp("faults"))
    with FaultServer() as news, FaultServer() as ofsted:
        site = mixed_site(news.base_url, good=4, faults=html_faults(news.base_url))
        news.routes.update(site.routes)
        news.routes["/loop/elsewhere"] = redirect(fault_path("redirect-loop"))
        mirror = ofsted_site(pdf_faults())
        ofsted.routes.update(mirror.routes)
        started = time.monotonic()
        summary = crawl(paths, progress=False, start_urls=[news.url("/sitemap.xml")], settings=FAST_SETTINGS)
        ofsted_summary = crawl(paths, progress=False, sources=["ofsted"], base_urls={"ofsted": ofsted.base_url},
                               settings=FAST_SETTINGS)
        crawl_seconds = time.monotonic() - started
        hits = Counter(news.paths())
    started = time.monotonic()
    extraction = extract_stored(paths)
    return {
        "paths": paths, "site": site, "base": news.base_url, "summary": summary, "ofsted_summary": ofsted_summary,
        "hits": hits, "reports": dict(zip(pdf_faults(), mirror.listed, strict=True)), "extraction": extraction,
        "crawl_seconds": crawl_seconds, "extract_seconds": time.monotonic() - started,
    }


def rows(paths: Paths, sql: str, params=()) -> list[dict]:
    db = open_db(paths.db, migrate=False)
    try:
        return [dict(row) for row in db.query(sql, params)]
    finally:
        db.close()


def document(crawled, url: str) -> dict | None:
    found = rows(crawled["paths"], "select * from documents where url = ?", [url])
    return found[0] if found else None


def errors_for(crawled, url: str) -> list[dict]:
    return rows(crawled["paths"], "select * from crawl_errors where url = ? order by id", [url])


@pytest.mark.parametrize("name", [n for n, (reason, _) in EXPECTED.items() if reason])
def test_a_failing_page_is_recorded_with_its_reason_and_not_stored(crawled, name):
    reason, requests = EXPECTED[name]
    url = crawled["base"] + fault_path(name)
    errors = errors_for(crawled, url)
    assert [e["reason"] for e in errors] == [reason]
    assert errors[0]["detail"] and errors[0]["resolved"] == 0 and errors[0]["source"] == "127.0.0.1"
    assert document(crawled, url) is None
    if requests is not None:
        assert crawled["hits"][fault_path(name)] == requests


@pytest.mark.parametrize("name", [n for n, (reason, _) in EXPECTED.items() if reason is None])
def test_a_page_that_recovers_or_merely_misbehaves_is_stored(crawled, name):
    url = crawled["base"] + fault_path(name)
    stored = document(crawled, url)
    assert stored is not None, f"{name} not stored"
    assert stored["warc_file"] and stored["content_hash"]
    assert errors_for(crawled, url) == []
    assert crawled["hits"][fault_path(name)] == EXPECTED[name][1]


def test_every_good_article_is_stored_and_extracted(crawled):
    for path in crawled["site"].good:
        stored = document(crawled, crawled["base"] + path)
        assert stored is not None and stored["extract_error"] is None
        assert "caseloads for social workers" in stored["text"]


def test_the_run_summary_counts_failures_by_reason_as_the_table_records_them(crawled):
    summary = crawled["summary"]
    recorded = Counter(
        row["reason"] for row in rows(crawled["paths"], "select reason from crawl_errors where run_id = ?",
                                      [summary["run_id"]])
    )
    assert summary["totals"]["failed_by_reason"] == dict(recorded)
    expected = Counter(reason for reason, _ in EXPECTED.values() if reason)
    assert dict(recorded) == dict(expected)
    assert summary["totals"]["failed"] == sum(expected.values())
    stored = len(crawled["site"].good) + sum(1 for reason, _ in EXPECTED.values() if reason is None)
    assert summary["totals"]["new"] == stored
    assert summary["failed_sources"] == []  # a source with failures is not a failed source


def test_caps_and_timeouts_bound_the_crawl(crawled):
    # 16 faults and 4 good pages, with four 1.5 s timeouts retried three times each, run side by side.
    assert crawled["crawl_seconds"] < 90
    assert crawled["hits"]["/loop/elsewhere"] <= 6  # REDIRECT_MAX_TIMES bounds a loop


def test_windows_1252_labelled_utf8_is_read_as_windows_1252(crawled):
    url = crawled["base"] + fault_path("cp1252-labelled-utf8")
    text = document(crawled, url)["text"]
    assert "\u00a31.2m" in text and "caf\u00e9" in text and "Ren\u00e9e Smith" in text
    assert "\u201cimprovement journey\u201d" in text and "\ufffd" not in text


def test_malformed_html_still_yields_its_text(crawled):
    stored = document(crawled, crawled["base"] + fault_path("malformed-html"))
    assert stored["extract_error"] is None
    assert stored["title"] == "Malformed council story"
    assert "caseloads for social workers had fallen" in stored["text"]


def test_no_or_wrong_content_type_still_yields_the_article(crawled):
    for name in ("no-content-type", "wrong-content-type"):
        stored = document(crawled, crawled["base"] + fault_path(name))
        assert stored["extract_error"] is None and "caseloads" in stored["text"]


@pytest.mark.parametrize("name", list(REPORTS_EXPECTED))
def test_each_report_pdf_fault(crawled, name):
    crawl_reason, extract_error = REPORTS_EXPECTED[name]
    url = crawled["reports"][name]
    stored = document(crawled, url)
    errors = errors_for(crawled, url)
    if crawl_reason:
        assert stored is None
        assert [e["reason"] for e in errors] == [crawl_reason]
        return
    assert errors == []
    assert stored is not None and stored["kind"] == "report" and stored["authority_code"] == "333"
    if extract_error:
        assert extract_error in (stored["extract_error"] or "")
        assert stored["text"] is None
        assert rows(crawled["paths"], "select id from ratings where document_id = ?", [stored["id"]]) == []
    else:
        assert stored["extract_error"] is None
        assert "Overall effectiveness" in stored["text"]
        if name == "good":
            grades = rows(crawled["paths"], "select area_category, grade from ratings where document_id = ?",
                          [stored["id"]])
            assert {"area_category": "overall", "grade": "requires_improvement"} in grades


def test_one_bad_document_does_not_sink_its_batch(crawled):
    extraction = crawled["extraction"]
    assert extraction["status"] == "completed"
    assert extraction["errors"] == 2  # the corrupt and the encrypted PDF
    assert extraction["pending"] == 0
    good_report = document(crawled, crawled["reports"]["good"])
    assert rows(crawled["paths"], "select grade from ratings where document_id = ?", [good_report["id"]])


def test_an_enormous_pdf_is_read_up_to_the_page_cap(crawled):
    from scrutiny.extract.ofsted import pdf_text

    stored = document(crawled, crawled["reports"]["enormous"])
    assert stored["extract_error"] is None
    per_page = len(pdf_text(enormous_pdf(20))) / 20
    assert len(stored["text"]) < 500 * per_page  # 4000 pages, read no further than the cap (400)
    assert crawled["extract_seconds"] < 120


def test_the_ofsted_summary_counts_what_failed(crawled):
    totals = crawled["ofsted_summary"]["totals"]
    assert totals["failed_by_reason"] == {"not_pdf": 1, "too_large": 1}
    assert totals["new"] == 4


# ---- retries: Retry-After, transient faults, and the next run -----------------------------------------


def test_retry_after_is_honoured_and_a_long_one_is_not_waited_for(tmp_path):
    """(Crawled from the RSS feed, where the other tests start from the sitemap.)"""
    from scrutiny.crawlers.run import crawl

    paths = Paths(tmp_path)
    with FaultServer() as server:
        base = server.base_url
        faults = {
            "503-retry-after": transient(status(503, retry_after=2), page(fault_article("503-retry-after", base)), 1),
            "429-retry-after": transient(status(429, retry_after=1), page(fault_article("429-retry-after", base)), 2),
            "503-come-back-tomorrow": status(503, retry_after=86_400),
        }
        site = mixed_site(base, good=1, faults=faults)
        server.routes.update(site.routes)
        started = time.monotonic()
        summary = crawl(paths, progress=False, start_urls=[server.url("/feed.xml")], settings=FAST_SETTINGS)
        seconds = time.monotonic() - started
        hits = {name: [h.at for h in server.hits if h.path == fault_path(name)] for name in faults}

    assert len(hits["503-retry-after"]) == 2 and hits["503-retry-after"][1] - hits["503-retry-after"][0] >= 1.9
    assert len(hits["429-retry-after"]) == 3
    assert all(b - a >= 0.9 for a, b in pairwise(hits["429-retry-after"]))
    assert len(hits["503-come-back-tomorrow"]) == 1  # not retried: longer than RETRY_BACKOFF_MAX
    assert seconds < 60
    assert summary["totals"]["new"] == 3 and summary["totals"]["failed_by_reason"] == {"http_503": 1}
    stored = {r["url"] for r in rows(paths, "select url from documents")}
    assert {base + fault_path("503-retry-after"), base + fault_path("429-retry-after")} <= stored


def test_failed_pages_are_retried_next_run_and_marked_resolved(tmp_path):
    from scrutiny.crawlers.run import crawl

    paths = Paths(tmp_path)
    with FaultServer() as server:
        base = server.base_url
        site = mixed_site(base, good=3, faults={"down-today": status(500), "cut-short": truncated("<html>")})
        server.routes.update(site.routes)
        first = crawl(paths, progress=False, start_urls=[server.url("/sitemap.xml")], settings=FAST_SETTINGS)
        assert first["totals"]["failed_by_reason"] == {"http_500": 1, "truncated": 1}

        # Next day: both pages work again, and the sitemap no longer lists them.
        server.routes.update({fault_path(n): page(fault_article(n, base)) for n in ("down-today", "cut-short")})
        server.routes["/sitemap.xml"] = mixed_site(base, good=3).routes["/sitemap.xml"]
        server.clear()
        second = crawl(paths, progress=False, start_urls=[server.url("/sitemap.xml")], settings=FAST_SETTINGS)
        second_hits = Counter(server.paths())

        server.clear()
        third = crawl(paths, progress=False, start_urls=[server.url("/sitemap.xml")], settings=FAST_SETTINGS)
        third_hits = Counter(server.paths())

    assert second["totals"]["new"] == 2 and second["totals"]["failed"] == 0
    assert second_hits[fault_path("down-today")] == 1 and second_hits[fault_path("cut-short")] == 1
    assert all(second_hits[path] == 0 for path in site.good)  # stored and unchanged: not fetched again
    errors = rows(paths, "select url, resolved from crawl_errors")
    assert len(errors) == 2 and all(e["resolved"] == 1 for e in errors)
    stored = {r["url"] for r in rows(paths, "select url from documents")}
    assert {base + fault_path("down-today"), base + fault_path("cut-short")} <= stored
    assert third["totals"]["new"] == 0 and third_hits[fault_path("down-today")] == 0


# ---- caps on parsing ------------------------------------------------------------------------------------


def test_an_oversized_html_page_is_refused_quickly_with_a_clear_error():
    from scrutiny.extract.article import parse_article
    from scrutiny.extract.errors import ExtractionError

    body = article_page("big-page", "Big page", paragraphs=["word " * 200] * 12_000).encode()
    assert len(body) > 10 * MB
    started = time.monotonic()
    with pytest.raises(ExtractionError, match="too large"):
        parse_article(body, url="http://127.0.0.1/news/2024/03/big-page")
    assert time.monotonic() - started < 2


def test_extraction_of_every_fault_body_never_raises():
    from scrutiny.extract.core import RawDocument, parse_raw
    from scrutiny.extract.errors import ExtractionError

    bodies = {
        "empty": b"", "nul bytes": b"\x00" * 5000, "binary": bytes(range(256)) * 40,
        "truncated pdf": report_pdf()[:200], "pdf header only": b"%PDF-1.7\n",
        "html in pdf clothing": b"<html><title>Login</title></html>",
        "utf-16 without bom": "<html><body><p>hello</p></body></html>".encode("utf-16-le"),
        "deep nesting": b"<div>" * 50_000 + b"text" + b"</div>" * 50_000,
    }
    for name, body in bodies.items():
        for content_type in ("text/html", "application/pdf", None):
            raw = RawDocument(data=body, url="http://127.0.0.1/x", content_type=content_type)
            try:
                parse_raw(raw)
            except ExtractionError as error:
                assert str(error) and "\n" not in str(error), name
            except Exception as error:  # noqa: BLE001 - the assertion is the point
                pytest.fail(f"{name} ({content_type}): {type(error).__name__} escaped: {error}")


def test_fault_server_serves_each_fault_as_described():
    """The server itself: a good page, an error with Retry-After, a reset, a short body, request log."""
    import http.client

    def get(port: int, path: str):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()

    with FaultServer({"/ok": page("hi"), "/busy": status(503, retry_after=7), "/reset": reset(),
                      "/short": truncated("abc", declared=10), "/flaky": transient(status(500), page("ok"), 1)},
                     lifetime=30) as server:
        assert get(server.port, "/ok") == (200, {"Content-Type": "text/html; charset=utf-8",
                                                 "Content-Length": "2"}, b"hi")
        code, headers, _ = get(server.port, "/busy")
        assert code == 503 and headers["Retry-After"] == "7"
        with pytest.raises(ConnectionResetError):
            get(server.port, "/reset")
        with pytest.raises(http.client.IncompleteRead):
            get(server.port, "/short")
        assert get(server.port, "/flaky")[0] == 500 and get(server.port, "/flaky")[0] == 200
        assert get(server.port, "/missing")[0] == 404
        assert server.count("/flaky") == 2 and server.count() == 7
    assert server.stopping.is_set()


def test_a_document_that_breaks_fact_extraction_does_not_sink_its_batch(monkeypatch):
    from scrutiny.extract import facts
    from scrutiny.extract.core import RawDocument, extract_documents
    from scrutiny.flows.extraction import shared_nlp

    real_facts_of = facts.facts_of

    def facts_of(doc, document):
        if "POISON" in document.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real_facts_of(doc, document)

    monkeypatch.setattr(facts, "facts_of", facts_of)
    pages = [fact_article(n, "http://127.0.0.1") for n in range(4)]
    pages.insert(2, ("/news/2024/03/poison", article_page("poison", "POISON pill", base="http://127.0.0.1",
                                                         paragraphs=["POISON " + LOREM, LOREM])))
    raws = [RawDocument(data=html.encode(), url="http://127.0.0.1" + path) for path, html in pages]
    docs = extract_documents(raws, nlp=shared_nlp())
    assert len(docs) == 5
    assert "POISON" in docs[2].text and not docs[2].events and not docs[2].people  # its facts lost, only its
    assert all(d.events and d.error is None for i, d in enumerate(docs) if i != 2)


def test_a_page_that_cannot_be_archived_is_recorded_as_failed(tmp_path):
    from scrutiny.crawlers.run import crawl

    paths = Paths(tmp_path)
    paths.warc.write_text("a file where the WARC folder should be")  # every archive write fails
    with FaultServer() as server:
        site = mixed_site(server.base_url, good=3)
        server.routes.update(site.routes)
        summary = crawl(paths, progress=False, start_urls=[server.url("/sitemap.xml")], settings=FAST_SETTINGS)
    errors = rows(paths, "select url, reason, detail from crawl_errors")
    assert {e["url"] for e in errors} == {server.base_url + p for p in site.good}
    assert {e["reason"] for e in errors} == {"store_error"} and all(e["detail"] for e in errors)
    assert summary["totals"]["failed_by_reason"] == {"store_error": 3} and summary["totals"]["stored"] == 0
    assert rows(paths, "select id from documents") == []


def test_reading_a_pdf_stops_at_its_time_cap_and_keeps_what_it_read():
    from scrutiny.extract.ofsted import pdf_text

    one_page = pdf_text(report_pdf(pages=1))
    assert pdf_text(enormous_pdf(200), max_seconds=0) == one_page  # the first page is always read
    assert len(pdf_text(enormous_pdf(200))) > 100 * len(one_page) / 2


# ---- caps on a whole crawl ------------------------------------------------------------------------------


def test_a_crawl_stops_at_its_time_cap_and_the_next_run_carries_on(tmp_path):
    from scrutiny.crawlers.run import crawl

    paths = Paths(tmp_path)
    with FaultServer() as server:
        site = mixed_site(server.base_url, good=30)
        server.routes.update(site.routes)
        for path in site.good:
            server.routes[path] = slow(site.routes[path], 0.5)
        # A small delay: with none, Scrapy 2.19 starts a burst of queued requests beyond the concurrency.
        capped = {**FAST_SETTINGS, "DOWNLOAD_DELAY": 0.01, "CONCURRENT_REQUESTS_PER_DOMAIN": 2, "CLOSESPIDER_TIMEOUT": 3}
        started = time.monotonic()
        first = crawl(paths, progress=False, start_urls=[server.url("/sitemap.xml")], settings=capped)
        first_seconds = time.monotonic() - started
        stored_first = {r["url"] for r in rows(paths, "select url from documents")}
        server.clear()
        second = crawl(paths, progress=False, start_urls=[server.url("/sitemap.xml")], settings=FAST_SETTINGS)
        refetched = {server.base_url + p for p in server.paths() if p in site.good}

    source = first["sources"]["127.0.0.1"]
    assert source["finish_reason"] == "closespider_timeout" and first["failed_sources"] == []
    assert 0 < first["totals"]["new"] < 30 and first_seconds < 30
    assert first["totals"]["new"] + second["totals"]["new"] == 30
    assert len(stored_first) == first["totals"]["new"]
    assert not refetched & stored_first  # the second run fetched only what the first had not stored


def test_a_hung_crawler_process_is_killed_at_the_hard_timeout(tmp_path):
    import psutil

    from scrutiny.crawlers.run import crawl

    with FaultServer() as server:
        server.routes["/robots.txt"] = hang(60)  # and the download timeout is longer than the hard limit
        started = time.monotonic()
        summary = crawl(Paths(tmp_path), progress=False, start_urls=[server.url("/sitemap.xml")], timeout=5,
                        settings={**FAST_SETTINGS, "DOWNLOAD_TIMEOUT": 120})
        seconds = time.monotonic() - started
    assert seconds < 30
    assert summary["failed_sources"] == ["127.0.0.1"]
    assert "timed out after 5" in summary["sources"]["127.0.0.1"]["error"]
    crawlers = [p for p in psutil.Process().children(recursive=True)
                if "scrutiny.crawlers.process" in " ".join(p.cmdline())]
    assert crawlers == []  # killed, and reaped


def test_a_gzip_bomb_sitemap_is_refused_and_the_crawl_goes_on(tmp_path):
    from scrutiny.crawlers.run import crawl

    paths = Paths(tmp_path)
    with FaultServer() as server:
        site = mixed_site(server.base_url, good=2)
        server.routes.update(site.routes)
        server.routes["/sitemap-bomb.xml.gz"] = page(bomb_bytes(200_000_000), content_type="application/x-gzip")
        summary = crawl(paths, progress=False, settings=FAST_SETTINGS,
                        start_urls=[server.url("/sitemap-bomb.xml.gz"), server.url("/sitemap.xml")])
    errors = rows(paths, "select url, reason, detail from crawl_errors")
    assert [(e["url"], e["reason"]) for e in errors] == [(server.url("/sitemap-bomb.xml.gz"), "parse_error")]
    assert "larger than" in errors[0]["detail"]
    assert summary["totals"]["new"] == 2


def test_a_url_that_keeps_failing_is_not_retried_for_ever(tmp_path):
    from scrutiny.db.queries import MAX_FAILED_RUNS, unresolved_crawl_errors
    from scrutiny.db.store import record_crawl_error, resolve_crawl_errors

    db = open_db(tmp_path / "scrutiny.db")
    for run in range(1, MAX_FAILED_RUNS + 1):
        record_crawl_error(db, source="s", url="https://s.example/dead", reason="http_404", run_id=run)
        if run <= 2:
            record_crawl_error(db, source="s", url="https://s.example/flaky", reason="timeout", run_id=run)
            record_crawl_error(db, source="s", url="https://s.example/back", reason="http_503", run_id=run)
    record_crawl_error(db, source="s", url="https://s.example/flaky", reason="timeout", run_id=2)  # twice in a run
    resolve_crawl_errors(db, "https://s.example/back")
    assert unresolved_crawl_errors(db, "s") == ["https://s.example/flaky"]
    assert unresolved_crawl_errors(db, "other") == []
    db.close()
