"""Reads the pipeline needs (what to fetch again, what to extract); no writes here."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlite_utils


def known_documents(db: sqlite_utils.Database, source: str | None = None) -> dict[str, dict[str, Any]]:
    """Stored documents by canonical and fetched URL, with what an incremental crawl compares."""
    sql = "select url, fetched_url, lastmod, content_hash, published from documents"
    params: list[Any] = []
    if source:
        sql += " where source = ?"
        params.append(source)
    known: dict[str, dict[str, Any]] = {}
    for url, fetched_url, lastmod, content_hash, published in db.execute(sql, params):
        info = {"url": url, "lastmod": lastmod, "content_hash": content_hash, "published": published}
        known[url] = info
        if fetched_url:
            known.setdefault(fetched_url, info)
    return known


def documents_to_extract(
    db: sqlite_utils.Database, extractor_version: str, *, batch_size: int = 200, after_id: int = 0
) -> list[dict[str, Any]]:
    """The next batch of documents whose current body the current extractor has not processed."""
    return list(
        db.query(
            """
            select id, url, fetched_url, source, kind, content_type, content_hash, published,
                   authority_code, report_type, warc_file, warc_offset
            from documents
            where id > :after and warc_file is not null
              and (extractor_version is not :version or extracted_hash is not content_hash)
            order by id limit :limit
            """,
            {"after": after_id, "version": extractor_version, "limit": batch_size},
        )
    )


def iter_documents_to_extract(
    db: sqlite_utils.Database, extractor_version: str, *, batch_size: int = 200
) -> Iterator[list[dict[str, Any]]]:
    after = 0
    while batch := documents_to_extract(db, extractor_version, batch_size=batch_size, after_id=after):
        yield batch
        after = batch[-1]["id"]


def count_pending(db: sqlite_utils.Database, extractor_version: str) -> int:
    return db.execute(
        "select count(*) from documents where warc_file is not null"
        " and (extractor_version is not ? or extracted_hash is not content_hash)",
        [extractor_version],
    ).fetchone()[0]


def table_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Rows in each public table that holds what a run produced."""
    tables = ("documents", "people", "roles", "ratings", "events", "crawl_errors")
    return {table: db[table].count for table in tables}


# A URL that failed in this many runs, and never worked since, is not retried by itself any more
# (a dead link would otherwise be fetched every day for ever); a sitemap that lists it still brings it back.
MAX_FAILED_RUNS = 5


def unresolved_crawl_errors(
    db: sqlite_utils.Database, source: str, max_failed_runs: int = MAX_FAILED_RUNS
) -> list[str]:
    """URLs of ``source`` that failed in an earlier crawl and have not been fetched since: retried next run,
    unless they failed in ``max_failed_runs`` runs already."""
    return [
        row[0]
        for row in db.execute(
            "select url from crawl_errors where source = ? and resolved = 0 group by url"
            " having count(distinct coalesce(run_id, -id)) < ? order by url",
            [source, max_failed_runs],
        )
    ]


def document_with_hash(db: sqlite_utils.Database, content_hash: str) -> dict[str, Any] | None:
    """The stored document whose body has this SHA-256, if any (identical content is stored once)."""
    row = db.execute(
        "select id, url from documents where content_hash = ? order by id limit 1", [content_hash]
    ).fetchone()
    return {"id": row[0], "url": row[1]} if row else None
