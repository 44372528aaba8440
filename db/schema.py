"""The database schema, created and upgraded by code.

Each change to the schema is a new function registered on ``migrations``;
``open_db`` applies whatever an existing file lacks, so opening a database
written by an older scrutiny upgrades it in place. Applied migrations are
recorded in sqlite-utils' ``_sqlite_migrations`` table (the version table).

The public tables and columns (``TABLES``) are the names reporters query by;
the README's schema section is generated from this module.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

migrations = Migrations("scrutiny")

# table -> {column: description}; the public schema, documented in README.md and metadata.
TABLES: dict[str, dict[str, str]] = {
    "authorities": {
        "code": "Three-digit DfE local authority code (333 is Sandwell)",
        "name": "Authority name",
        "ons_code": "ONS area code (E08000028)",
        "ofsted_urn": "Ofsted unique reference number of the authority's children's services",
        "region": "English region",
        "kind": "County, Metropolitan District, London Borough or Unitary Authority",
        "abolished": "Year the authority was abolished, if it was",
    },
    "documents": {
        "id": "Row id",
        "url": "Canonical URL: the document's identity",
        "fetched_url": "URL the page or file was actually fetched from",
        "source": "Source key: cypnow, lgc, communitycare, ofsted, or the site's host",
        "kind": "article or report",
        "title": "Headline or report title",
        "published": "Publication date, YYYY-MM-DD",
        "authors": "Bylines, a JSON list",
        "paywalled": "1 when the text stops at a registration or subscription wall",
        "text": "Clean text; every fact's evidence is quoted from it",
        "content_hash": "SHA-256 of the fetched body; identical content is stored once",
        "fetched_at": "When it was fetched (UTC, ISO 8601)",
        "section": "Section of the site",
        "description": "Standfirst or meta description",
        "language": "Language of the text",
        "report_type": "For reports: inspection, monitoring_visit, focused_visit, jtai",
        "framework": "For reports: the inspection framework",
        "inspection_dates": "For reports: inspection dates as printed",
        "authority_code": "For reports: the inspected authority",
        "lastmod": "Last modification date the sitemap or feed gave",
        "content_type": "HTTP Content-Type of the response",
        "warc_file": "WARC file holding the archived response (under data/warc/)",
        "warc_offset": "Byte offset of the response record in the WARC file",
        "warc_record_id": "WARC-Record-ID of the response record",
        "extractor_version": "Version of the extractor that produced text and facts",
        "extracted_hash": "content_hash the current text and facts were extracted from",
        "extract_error": "Why extraction failed, if it did",
    },
    "people": {
        "id": "Row id",
        "name": "Full name, no honorifics",
    },
    "roles": {
        "id": "Row id",
        "person_id": "people.id",
        "role": "Post as written",
        "role_category": "Post category (FACTS.md)",
        "organisation": "Where the post is held, as written",
        "authority_code": "DfE code when the organisation is a local authority",
        "status": "current, former or incoming, as of the document's date",
        "acting": "1 for interim or acting posts",
        "document_id": "documents.id the fact comes from",
        "evidence": "The sentence stating it, verbatim from the document's text",
    },
    "ratings": {
        "id": "Row id",
        "authority": "The authority as written",
        "authority_code": "DfE code of the rated authority",
        "area": "Judged area as written",
        "area_category": "overall, help_and_protection, children_in_care, care_leavers, adoption, leadership, lscb",
        "grade": "outstanding, good, adequate, requires_improvement, inadequate, poor",
        "date": "When the judgement was published (YYYY, YYYY-MM or YYYY-MM-DD)",
        "document_id": "documents.id the fact comes from",
        "evidence": "The sentence stating it, verbatim from the document's text",
    },
    "events": {
        "id": "Row id",
        "type": "appointment, departure, suspension, intervention, contract",
        "person_id": "people.id for appointments, departures and suspensions",
        "organisation": "Employer, authority under intervention, or contractor",
        "authority_code": "DfE code of the authority concerned",
        "intervention": "improvement_notice, statutory_direction, commissioner, trust, improvement_adviser, lifted",
        "status": "done or proposed",
        "date": "When it happened or was announced (YYYY, YYYY-MM or YYYY-MM-DD)",
        "document_id": "documents.id the fact comes from",
        "evidence": "The sentence stating it, verbatim from the document's text",
    },
    "crawl_errors": {
        "id": "Row id",
        "run_id": "runs.id of the crawl",
        "source": "Source key",
        "url": "URL that failed",
        "reason": "Short reason: http_500, timeout, too_large, robots, parse_error, ...",
        "detail": "The error message",
        "at": "When (UTC, ISO 8601)",
        "resolved": "1 once a later run fetched the URL",
    },
    "runs": {
        "id": "Row id",
        "kind": "crawl, extract or pipeline",
        "started": "Start (UTC)",
        "finished": "End (UTC)",
        "status": "running, completed, failed",
        "summary": "JSON counts by source and reason",
    },
}

FACT_TABLES = ("roles", "ratings", "events")


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db["authorities"].create(
        {"code": str, "name": str, "ons_code": str, "ofsted_urn": str, "region": str, "kind": str,
         "abolished": str},
        pk="code",
    )
    db["documents"].create(
        {
            "id": int, "url": str, "fetched_url": str, "source": str, "kind": str, "title": str,
            "published": str, "authors": str, "paywalled": int, "text": str, "content_hash": str,
            "fetched_at": str, "section": str, "description": str, "language": str, "report_type": str,
            "framework": str, "inspection_dates": str, "authority_code": str, "lastmod": str,
            "content_type": str, "warc_file": str, "warc_offset": int, "warc_record_id": str,
            "extractor_version": str, "extracted_hash": str, "extract_error": str,
        },
        pk="id",
        not_null={"url"},
        defaults={"paywalled": 0},
    )
    db["documents"].create_index(["url"], unique=True)
    db["documents"].create_index(["content_hash"])
    db["documents"].create_index(["source", "published"])
    db["people"].create({"id": int, "name": str}, pk="id", not_null={"name"})
    db["people"].create_index(["name"])
    db["roles"].create(
        {"id": int, "person_id": int, "role": str, "role_category": str, "organisation": str,
         "authority_code": str, "status": str, "acting": int, "document_id": int, "evidence": str},
        pk="id",
        foreign_keys=[("person_id", "people", "id"), ("document_id", "documents", "id")],
    )
    db["ratings"].create(
        {"id": int, "authority": str, "authority_code": str, "area": str, "area_category": str,
         "grade": str, "date": str, "document_id": int, "evidence": str},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["events"].create(
        {"id": int, "type": str, "person_id": int, "organisation": str, "authority_code": str,
         "intervention": str, "status": str, "date": str, "document_id": int, "evidence": str},
        pk="id",
        foreign_keys=[("person_id", "people", "id"), ("document_id", "documents", "id")],
    )
    for table in FACT_TABLES:
        db[table].create_index(["document_id"])
        db[table].create_index(["authority_code"])
    db["roles"].create_index(["person_id"])
    db["events"].create_index(["person_id"])
    db["crawl_errors"].create(
        {"id": int, "run_id": int, "source": str, "url": str, "reason": str, "detail": str, "at": str,
         "resolved": int},
        pk="id",
        defaults={"resolved": 0},
    )
    db["crawl_errors"].create_index(["url"])
    db["runs"].create(
        {"id": int, "kind": str, "started": str, "finished": str, "status": str, "summary": str},
        pk="id",
    )
    db["documents"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")


def open_db(path: str | Path | None = None, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open (creating or upgrading) the scrutiny database; ``None`` is in memory.

    WAL lets Datasette read while a run writes; ``busy_timeout`` lets a second
    writer wait instead of failing.
    """
    if path is None:
        db = sqlite_utils.Database(memory=True)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(path)
        db.enable_wal()
    db.execute("PRAGMA busy_timeout = 30000")
    db.execute("PRAGMA foreign_keys = ON")
    if migrate:
        migrations.apply(db)
        _load_authorities_if_empty(db)
    return db


def _load_authorities_if_empty(db: sqlite_utils.Database) -> None:
    if db["authorities"].count:
        return
    from scrutiny.db.store import load_authorities
    from scrutiny.extract.authorities import all_authorities

    load_authorities(db, all_authorities())
