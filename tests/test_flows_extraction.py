"""Extraction from the WARC archive without Prefect: incremental, resumable, one model load per process."""

from __future__ import annotations

import pytest

from scrutiny.config import Paths
from scrutiny.db.schema import open_db
from scrutiny.flows import extraction
from scrutiny.flows.extraction import extract_stored


@pytest.fixture
def stored(tmp_path, archive_pages, corpus_articles) -> Paths:
    paths = Paths(tmp_path / "data")
    archive_pages(paths, corpus_articles)
    return paths


def fact_rows(paths: Paths) -> list[tuple]:
    db = open_db(paths.db)
    try:
        return sorted(
            db.execute("select 'role', document_id, role_category, evidence from roles union all "
                       "select 'rating', document_id, grade, evidence from ratings union all "
                       "select 'event', document_id, type, evidence from events").fetchall()
        )
    finally:
        db.close()


def test_extracts_stored_documents_once(stored):
    first = extract_stored(stored)
    assert first["status"] == "completed"
    assert first["documents"] == 3 and first["errors"] == 0 and first["pending"] == 0
    db = open_db(stored.db)
    titles = [row[0] for row in db.execute("select title from documents order by id")]
    assert all(titles) and "Gloucestershire" in titles[2]
    assert db.execute("select count(*) from documents where text like '%improvement notice%'").fetchone()[0] >= 1
    assert first["events"] > 0 and first["ratings"] > 0
    facts = fact_rows(stored)

    second = extract_stored(stored)
    assert (second["documents"], second["batches"]) == (0, 0)
    assert fact_rows(stored) == facts
    assert [row[0] for row in db.execute("select status from runs where kind = 'extract'")] == ["completed"] * 2


def test_everything_and_a_new_version_re_extract_without_duplicating(stored):
    extract_stored(stored)
    facts = fact_rows(stored)
    assert extract_stored(stored, everything=True)["documents"] == 3
    assert fact_rows(stored) == facts
    again = extract_stored(stored, extractor_version="next")
    assert again["documents"] == 3
    assert fact_rows(stored) == facts
    db = open_db(stored.db)
    assert {row[0] for row in db.execute("select extractor_version from documents")} == {"next"}


def test_a_document_missing_from_the_archive_is_recorded_and_the_rest_extracted(stored):
    db = open_db(stored.db)
    db.execute("update documents set warc_file = 'lost.warc.gz' where id = 2")
    db.conn.commit()
    summary = extract_stored(stored)
    assert (summary["documents"], summary["errors"], summary["pending"]) == (3, 1, 0)
    error = db.execute("select extract_error from documents where id = 2").fetchone()[0]
    assert error.startswith("cannot read the archived response")
    assert db.execute("select count(*) from documents where text != '' and id != 2").fetchone()[0] == 2
    assert extract_stored(stored)["documents"] == 0  # not retried until the extractor changes


def test_the_language_model_is_loaded_once_per_process(stored, monkeypatch):
    import scrutiny.extract.nlp as nlp

    loads = []
    real = nlp.load_nlp

    def counting_load(*args, **kwargs):
        loads.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(nlp, "load_nlp", counting_load)
    extraction.shared_nlp.cache_clear()
    try:
        summary = extract_stored(stored, batch_size=1)
        extract_stored(stored, everything=True, batch_size=1)
    finally:
        extraction.shared_nlp.cache_clear()
    assert summary["batches"] == 3
    assert loads == [1]
