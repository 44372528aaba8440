"""The Ofsted spider on the corpus mirror of reports.ofsted.gov.uk and files.ofsted.gov.uk."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from scrutiny.config import CORPUS_DIR, Paths
from scrutiny.corpus_server import Publication, serve_corpus
from scrutiny.crawlers.run import crawl
from scrutiny.db.schema import open_db
from scrutiny.extract.authorities import by_urn

pytestmark = pytest.mark.slow

REPORTS_CSV = CORPUS_DIR / "ofsted" / "reports.csv"
SEND_FILE_ID = "99999001"


def rows(paths: Paths, sql: str, params=()) -> list[dict]:
    db = open_db(paths.db, migrate=False)
    try:
        return [dict(r) for r in db.query(sql, params)]
    finally:
        db.close()


def listed_reports() -> list[dict]:
    if not REPORTS_CSV.is_file():
        pytest.skip(f"Ofsted corpus missing: {REPORTS_CSV}")
    with open(REPORTS_CSV, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def is_pdf(row: dict) -> bool:
    return b"%PDF-" in (CORPUS_DIR / "ofsted" / "reports" / row["file"]).read_bytes()[:1024]


@pytest.fixture(scope="module")
def ofsted_crawl(tmp_path_factory, crawl_settings):
    listed_reports()
    paths = Paths(tmp_path_factory.mktemp("ofsted-crawl"))
    with serve_corpus() as server:
        # A publication of another kind on a provider page: listed, never downloaded.
        server.publications.append(Publication(
            file_id=SEND_FILE_ID, urn="80549", authority="Sandwell", published=date(2023, 3, 10),
            label="Area SEND inspection - 10 March 2023, pdf", path=None,
        ))
        first = crawl(paths, progress=False, sources=["ofsted"], base_urls={"ofsted": server.site_url("ofsted")},
                      settings=crawl_settings)
        first_log = list(server.request_log)
        server.clear_log()
        second = crawl(paths, progress=False, sources=["ofsted"], base_urls={"ofsted": server.site_url("ofsted")},
                       settings=crawl_settings)
        second_log = list(server.request_log)
    return {"paths": paths, "first": first, "second": second, "first_log": first_log, "second_log": second_log}


def test_every_report_pdf_is_stored_with_urn_type_and_published_date(ofsted_crawl):
    stored = {r["url"]: r for r in rows(ofsted_crawl["paths"], "select * from documents")}
    expected = [row for row in listed_reports() if is_pdf(row)]
    assert len(expected) >= 30
    assert set(stored) == {row["url"] for row in expected}
    for row in expected:
        doc = stored[row["url"]]
        assert doc["kind"] == "report"
        assert doc["source"] == "ofsted"
        assert doc["report_type"] == "inspection"
        assert doc["published"] == row["publication_date"]
        assert doc["authority_code"] == by_urn(row["urn"]).code
        assert doc["content_type"] == "application/pdf"
        assert doc["title"].endswith(f"{int(row['publication_date'][8:])} "
                                     f"{date.fromisoformat(row['publication_date']):%B %Y}")


def test_a_file_that_is_not_a_pdf_is_recorded_as_failed(ofsted_crawl):
    not_pdfs = {row["url"] for row in listed_reports() if not is_pdf(row)}
    errors = rows(ofsted_crawl["paths"], "select url, reason from crawl_errors")
    assert {e["url"] for e in errors} == not_pdfs
    assert {e["reason"] for e in errors} == {"not_pdf"}


def test_search_pages_are_followed_and_other_kinds_of_publication_are_not(ofsted_crawl):
    log = ofsted_crawl["first_log"]
    searches = [p for p in log if p.startswith("/ofsted/search")]
    assert len(searches) == 3  # 26 authorities, ten a page
    assert not [p for p in log if "level_2_types%5B%5D=13" in p or "level_2_types[]=13" in p]
    assert not [p for p in log if p.endswith(SEND_FILE_ID)]
    assert ofsted_crawl["first"]["sources"]["ofsted"]["skipped_by_reason"]["not_children_services"] == 1


def test_a_second_crawl_downloads_no_stored_report(ofsted_crawl):
    files = [p for p in ofsted_crawl["second_log"] if "/v1/file/" in p]
    not_pdf_ids = {row["url"].rsplit("/", 1)[1] for row in listed_reports() if not is_pdf(row)}
    assert {p.rsplit("/", 1)[1] for p in files} == not_pdf_ids  # only the failures are tried again
    assert ofsted_crawl["second"]["sources"]["ofsted"]["stored"] == 0
