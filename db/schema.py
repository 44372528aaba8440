"""The database schema, created and upgraded by code.

Each change to the schema is a new function registered on ``migrations``;
``open_db`` applies whatever an existing file lacks, so opening a database
written by an older scrutiny upgrades it in place. Applied migrations are
recorded in sqlite-utils' ``_sqlite_migrations`` table (the version table).

The public tables and columns (``TABLES``) are the names reporters query by;
the README's schema section is generated from this module.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
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
    if migrate and migrations.pending(db):
        # Several crawl processes may open a new file at once: one migrates, the others wait.
        with write_transaction(db):
            migrations.apply(db)
    if migrate:
        _load_authorities(db)
    return db


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A transaction that takes the write lock up front (``BEGIN IMMEDIATE``).

    A plain ``BEGIN`` that reads before it writes fails at once with "database
    is locked" when another process writes meanwhile; taking the lock first
    makes concurrent writers wait (``busy_timeout``) instead. Nested use
    becomes a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.rollback()
        raise
    else:
        db.execute("COMMIT")


def _load_authorities(db: sqlite_utils.Database) -> None:
    """Fill the authorities table from the gazetteer when it is new or has grown."""
    from scrutiny.db.store import load_authorities
    from scrutiny.extract.authorities import all_authorities

    if db["authorities"].count != len(all_authorities()):
        load_authorities(db, all_authorities())


# Reporter-facing additions (m002): a ``year`` column to facet by, and two views
# that the Datasette pages, the canned queries and reporters' own SQL share.
YEAR_COLUMNS = {"documents": "published", "ratings": "date", "events": "date"}

# Every fact (rating, post, event) of every document, one row each, with the names
# and the document a reporter needs beside it. A post is dated by its document
# (``date_source`` 'document'): it is what the document said was true then.
# ``date_start``/``date_end`` turn a partial date (YYYY, YYYY-MM) into the span it covers.
TIMELINE_VIEW = """
create view timeline as
with facts as (
    select 'rating' as fact, r.id as fact_id, r.date, 'stated' as date_source, r.authority_code,
           null as person_id, r.grade, r.area_category, r.area, null as role, null as role_category,
           null as acting, null as event_type, null as intervention, null as status,
           r.authority as organisation, r.evidence, r.document_id
    from ratings r
    union all
    select 'post', ro.id, d.published, 'document', ro.authority_code, ro.person_id, null, null, null,
           ro.role, ro.role_category, ro.acting, null, null, ro.status, ro.organisation, ro.evidence,
           ro.document_id
    from roles ro left join documents d on d.id = ro.document_id
    union all
    select 'event', e.id, e.date, 'stated', e.authority_code, e.person_id, null, null, null, null, null,
           null, e.type, e.intervention, e.status, e.organisation, e.evidence, e.document_id
    from events e
),
named as (
    select f.*, a.name as authority, p.name as person,
           coalesce(replace(f.intervention, '_', ' '), f.event_type) as event_label
    from facts f
    left join authorities a on a.code = f.authority_code
    left join people p on p.id = f.person_id
)
select n.fact, n.fact_id, n.date, n.date_source, n.authority_code, n.authority, n.person_id, n.person,
    case n.fact
        when 'rating' then 'Ofsted: ' || coalesce(n.area, n.area_category, 'services') || ' rated '
            || replace(n.grade, '_', ' ')
        when 'post' then coalesce(n.person, '?') || ', ' || case when n.acting then 'acting ' else '' end
            || coalesce(n.role, n.role_category, 'post') || coalesce(', ' || n.organisation, '')
            || case n.status when 'former' then ' (former)' when 'incoming' then ' (incoming)' else '' end
        else upper(substr(n.event_label, 1, 1)) || substr(n.event_label, 2)
            || case when n.status = 'proposed' then ' (proposed)' else '' end
            || coalesce(': ' || n.person, '')
            || coalesce(case when n.person is null then ': ' else ', ' end || n.organisation, '')
    end as summary,
    n.grade, n.area_category, n.area, n.role, n.role_category, n.acting, n.event_type, n.intervention,
    n.status, n.organisation, n.evidence, n.document_id, d.title as document_title,
    d.url as document_url, d.published,
    case length(n.date)
        when 4 then n.date || '-01-01'
        when 7 then n.date || '-01'
        else date(substr(n.date, 1, 10))
    end as date_start,
    case length(n.date)
        when 4 then n.date || '-12-31'
        when 7 then date(n.date || '-01', '+1 month', '-1 day')
        else date(substr(n.date, 1, 10))
    end as date_end
from named n
left join documents d on d.id = n.document_id
"""

# The most recent grade of each authority in each judged area (undated ratings
# count from their document's date).
CURRENT_GRADES_VIEW = """
create view current_grades as
select authority_code, authority, area_category, grade, date, area, evidence, document_id,
       document_title, document_url, published
from (
    select t.*, row_number() over (
        partition by authority_code, area_category
        order by coalesce(date_start, published) desc, published desc, fact_id desc
    ) as recency
    from timeline t
    where fact = 'rating' and authority_code is not null
)
where recency = 1
"""


@migrations()
def m002_year_columns_and_views(db: sqlite_utils.Database) -> None:
    for table, source in YEAR_COLUMNS.items():
        columns = {row[1] for row in db.execute(f"pragma table_xinfo([{table}])")}
        if "year" not in columns:
            db.execute(
                f"alter table [{table}] add column year text generated always as "
                f"(case when {source} glob '[12][0-9][0-9][0-9]*' then substr({source}, 1, 4) end) virtual"
            )
    db.execute("drop view if exists current_grades")
    db.execute("drop view if exists timeline")
    db.execute(TIMELINE_VIEW)
    db.execute(CURRENT_GRADES_VIEW)
