"""The fixture database holds exactly the gold facts, stored the way the pipeline stores them."""

from __future__ import annotations

import hashlib
import json

import pytest
import sqlite_utils

from scrutiny.archive import read_response
from scrutiny.db.fixtures import GOLD_DIRS, REPORTS_DIR, build_fixture_db, document_from_gold


def gold_documents() -> list[dict]:
    docs = [json.loads(f.read_text(encoding="utf-8")) for d in GOLD_DIRS for f in sorted(d.glob("*.json"))]
    if not docs:
        pytest.skip("gold corpus missing")
    return docs


def duplicate_reports() -> int:
    """Reports whose PDF is byte for byte another's (Ofsted serves one placeholder for several): stored once."""
    hashes = [hashlib.sha256(p.read_bytes()).hexdigest() for p in REPORTS_DIR.glob("*.pdf")
              if (GOLD_DIRS[1] / f"{p.stem}.json").is_file()]
    return len(hashes) - len(set(hashes))


def test_every_gold_document_and_fact_is_stored(seeded_db):
    gold = gold_documents()
    db = sqlite_utils.Database(seeded_db.db)
    stored = len(gold) - duplicate_reports()
    assert db["documents"].count == stored
    assert db["ratings"].count == sum(len(d["ratings"]) for d in gold)
    assert db["events"].count == sum(len(d["events"]) for d in gold)
    assert db["roles"].count == sum(len(d["people"]) for d in gold)
    assert db.execute("select count(*) from documents where extractor_version = 'gold'").fetchone()[0] == stored


def test_evidence_is_quoted_from_the_stored_text(seeded_db):
    db = sqlite_utils.Database(seeded_db.db)
    pairs = db.execute("select d.text, t.evidence from timeline t join documents d on d.id = t.document_id")
    missing = [evidence for text, evidence in pairs if " ".join(evidence.split()) not in " ".join(text.split())]
    assert missing == []


def test_originals_are_archived_and_readable(seeded_db):
    db = sqlite_utils.Database(seeded_db.db)
    rows = list(db.query("select kind, content_type, warc_file, warc_offset from documents"))
    archived = [r for r in rows if r["warc_file"]]
    assert "article" in {r["kind"] for r in archived}
    report = next((r for r in archived if r["kind"] == "report"), None)
    if report is None:
        pytest.skip("no Ofsted reports in the corpus")
    assert read_response(seeded_db.warc, report["warc_file"], report["warc_offset"]).body.startswith(b"%PDF")


def test_document_from_gold_falls_back_to_the_evidence_as_text():
    doc = document_from_gold({
        "url": "https://example.org/r", "kind": "report", "source": "ofsted",
        "people": [{"name": "A B", "role": "lead inspector", "role_category": "inspector", "evidence": "One."}],
        "ratings": [{"authority": "Sandwell", "authority_code": "333", "area": "overall",
                     "area_category": "overall", "grade": "good", "evidence": "Two."}],
        "events": [],
    })
    assert doc.text == "One.\n\nTwo."
    assert doc.authority_code == "333"
    assert doc.people[0].acting is False


def test_build_fixture_db_without_gold_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no gold JSON"):
        build_fixture_db(tmp_path / "s.db", gold_dirs=[tmp_path])
