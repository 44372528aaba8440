"""Load: rows/second into SQLite through ``save_extractions`` against bare ``sqlite_utils`` ``insert_all``.

The rows are generated documents with their facts (no spaCy needed). Ours
updates the document rows the crawler created (text, metadata, full-text
index) and writes people, roles, ratings and events in one transaction per
batch; the baseline inserts the same rows into tables without indexes or
triggers. Both write the same batches, taking turns.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

import sqlite_utils

from scrutiny.benchmarks.generate import make_article
from scrutiny.benchmarks.report import Result, chunked, compare_chunks, ratio_target
from scrutiny.benchmarks.run import Context
from scrutiny.extract.models import Document

BATCH = 200  # documents per transaction, for both sides


def generated_documents(count: int, seed: int = 0) -> list[Document]:
    return [make_article(i, seed).document() for i in range(count)]


def content_hash(doc: Document) -> str:
    return hashlib.sha256(doc.url.encode()).hexdigest()


def crawled_rows(docs: Sequence[Document]) -> list[dict]:
    """The document rows as the crawler leaves them, before extraction."""
    return [{"url": d.url, "fetched_url": d.url, "source": d.source, "kind": "article",
             "content_hash": content_hash(d), "fetched_at": "2025-01-01T00:00:00+00:00",
             "content_type": "text/html; charset=utf-8"} for d in docs]


def row_count(docs: Sequence[Document]) -> int:
    return sum(1 + len(d.people) + len(d.ratings) + len(d.events) for d in docs)


def load_ours(db: sqlite_utils.Database, docs: Sequence[Document], ids: dict[str, int]) -> None:
    """One batch through the store, as the flow's load step writes it."""
    from scrutiny.db.store import save_extractions
    from scrutiny.extract.core import EXTRACTOR_VERSION

    batch = [(ids[d.url], d) for d in docs]
    save_extractions(db, batch, extractor_version=EXTRACTOR_VERSION,
                     content_hashes={doc_id: content_hash(d) for doc_id, d in batch})


def load_bare(db: sqlite_utils.Database, docs: Sequence[Document]) -> None:
    """The same batch's rows with ``insert_all``, one call per table."""
    documents, people, roles, ratings, events = [], [], [], [], []
    for d in docs:
        documents.append({"url": d.url, "source": d.source, "kind": d.kind, "title": d.title,
                          "published": d.published, "authors": json.dumps(d.authors),
                          "paywalled": int(d.paywalled), "text": d.text, "section": d.section,
                          "description": d.description, "language": d.language})
        for p in d.people:
            people.append({"name": p.name})
            roles.append({**p.as_dict(), "document_url": d.url})
        ratings.extend({**r.as_dict(), "document_url": d.url} for r in d.ratings)
        events.extend({**e.as_dict(), "document_url": d.url} for e in d.events)
    db["documents"].insert_all(documents)
    db["people"].insert_all(people)
    db["roles"].insert_all(roles)
    db["ratings"].insert_all(ratings)
    db["events"].insert_all(events)


def run(ctx: Context) -> list[Result]:
    from scrutiny.db.schema import open_db

    docs = generated_documents(ctx.size(5000, 1000), ctx.seed)
    rows = row_count(docs)
    folder = ctx.folder("load")

    ours_db = open_db(folder / "ours.db")
    ours_db["documents"].insert_all(crawled_rows(docs))
    ids = {url: doc_id for doc_id, url in ours_db.execute("select id, url from documents")}
    bare_db = sqlite_utils.Database(folder / "bare.db")
    bare_db.enable_wal()
    ours_s, bare_s = compare_chunks(lambda batch: load_ours(ours_db, batch, ids),
                                    lambda batch: load_bare(bare_db, batch), chunked(docs, BATCH))
    ours_db.close()
    bare_db.close()

    result = Result("load: save_extractions vs sqlite-utils insert_all", rows / ours_s, rows / bare_s, "rows/s",
                    note=f"{len(docs)} documents, {rows} rows")
    return [ratio_target(result, at_least=0.77)]
