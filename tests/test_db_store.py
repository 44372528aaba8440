"""Writes: identity by canonical URL, duplicates stored once, facts replaced per batch."""

from __future__ import annotations

import pytest

from scrutiny.db.schema import open_db
from scrutiny.db.store import save_extractions, save_fetched_document
from scrutiny.extract.models import Document, Event, Person, Rating


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "s.db")
    yield database
    database.close()


def fetched(url: str, content_hash: str) -> dict:
    return {"url": url, "fetched_url": url, "source": "lgc", "kind": "article", "content_hash": content_hash}


def test_fetched_document_outcomes(db):
    doc_id, outcome = save_fetched_document(db, fetched("https://lgc/a", "h1"))
    assert outcome == "new"
    assert save_fetched_document(db, fetched("https://lgc/a", "h1")) == (doc_id, "unchanged")
    assert save_fetched_document(db, fetched("https://lgc/a", "h2")) == (doc_id, "changed")
    assert save_fetched_document(db, fetched("https://lgc/copy", "h2")) == (doc_id, "duplicate")
    assert db["documents"].count == 1


def sandwell_document() -> Document:
    text = "Children's minister Ed Timpson wrote to Sandwell. Sandwell was rated inadequate."
    return Document(
        url="https://lgc/a",
        title="Sandwell",
        published="2013-08-07",
        text=text,
        people=[Person("Ed Timpson", "children's minister", "minister", "Department for Education",
                       evidence=text.split(". ")[0])],
        ratings=[Rating("Sandwell", "333", "services", "overall", "inadequate", "2013-08",
                        evidence="Sandwell was rated inadequate.")],
        events=[Event("intervention", organisation="Sandwell MBC", authority_code="333",
                      intervention="statutory_direction", status="proposed", date="2013-08")],
    )


def test_save_extractions_writes_facts_and_replaces_them_on_rerun(db):
    doc_id, _ = save_fetched_document(db, fetched("https://lgc/a", "h1"))
    doc = sandwell_document()
    for _ in range(2):
        counts = save_extractions(db, [(doc_id, doc)], extractor_version="v1", content_hashes={doc_id: "h1"})
    assert counts == {"documents": 1, "people": 1, "ratings": 1, "events": 1, "errors": 0}
    assert db["roles"].count == 1 and db["ratings"].count == 1 and db["events"].count == 1
    assert [r["name"] for r in db["people"].rows] == ["Ed Timpson"]
    row = db["documents"].get(doc_id)
    assert (row["title"], row["published"], row["extracted_hash"]) == ("Sandwell", "2013-08-07", "h1")


def test_people_are_shared_across_documents(db):
    a, _ = save_fetched_document(db, fetched("https://lgc/a", "h1"))
    b, _ = save_fetched_document(db, fetched("https://lgc/b", "h2"))
    save_extractions(db, [(a, sandwell_document()), (b, sandwell_document())], extractor_version="v1")
    assert db["people"].count == 1
    assert db["roles"].count == 2


def test_a_failed_batch_writes_nothing(db):
    doc_id, _ = save_fetched_document(db, fetched("https://lgc/a", "h1"))
    broken = sandwell_document()
    broken.people[0].name = None  # people.name is NOT NULL: the whole batch must roll back
    with pytest.raises(Exception):  # noqa: B017 - any integrity error will do
        save_extractions(db, [(doc_id, sandwell_document()), (doc_id, broken)], extractor_version="v1")
    assert db["roles"].count == 0 and db["ratings"].count == 0
    assert db["documents"].get(doc_id)["extractor_version"] is None


def test_concurrent_writers_wait_instead_of_failing(tmp_path):
    """Crawl processes share one file: read-then-write transactions must queue, not raise 'locked'."""
    import threading

    path = tmp_path / "s.db"
    open_db(path).close()
    errors: list[Exception] = []

    def writer(n: int) -> None:
        db = open_db(path)
        try:
            for i in range(40):
                save_fetched_document(db, fetched(f"https://lgc/{n}/{i}", f"h{n}-{i}"))
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            db.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert open_db(path)["documents"].count == 160


def test_an_unarchived_refetch_keeps_the_fetched_url_its_warc_record_names(db):
    doc_id, _ = save_fetched_document(
        db, {**fetched("https://lgc/a", "h1"), "fetched_url": "http://mirror/a/", "warc_file": "x.warc.gz",
             "warc_offset": 0}
    )
    save_fetched_document(db, {**fetched("https://lgc/a", "h1"), "fetched_url": "http://mirror/a"})
    row = db["documents"].get(doc_id)
    assert (row["fetched_url"], row["warc_file"]) == ("http://mirror/a/", "x.warc.gz")
