"""Every write to the scrutiny database goes through this module.

Writers: the crawler pipeline (document rows, crawl errors), the load step of
the flow (extracted text and facts), and run bookkeeping. Each public function
that changes more than one row does so in one transaction, so a run killed
halfway leaves either the whole batch or none of it.
"""

from __future__ import annotations

import json
import os
import socket
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from scrutiny.db.schema import FACT_TABLES, write_transaction
from scrutiny.extract.authorities import Authority
from scrutiny.extract.models import Document

DOCUMENT_CRAWL_COLUMNS = (
    "url", "fetched_url", "source", "kind", "title", "published", "content_hash", "fetched_at",
    "lastmod", "content_type", "warc_file", "warc_offset", "warc_record_id", "authority_code",
    "report_type",
)


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def load_authorities(db: sqlite_utils.Database, authorities: Iterable[Authority]) -> int:
    rows = [
        {"code": a.code, "name": a.name, "ons_code": a.ons_code, "ofsted_urn": a.ofsted_urn,
         "region": a.region, "kind": a.kind, "abolished": a.abolished}
        for a in authorities
    ]
    with write_transaction(db):
        db["authorities"].upsert_all(rows, pk="code")
    return len(rows)


def save_fetched_document(db: sqlite_utils.Database, row: dict[str, Any]) -> tuple[int, str]:
    """Store what the crawler fetched; returns (document id, outcome).

    The canonical ``url`` is the identity: a re-fetch updates the row (and marks
    it for re-extraction when the content changed). A body already stored under
    another URL is not stored twice: outcome ``duplicate`` with that row's id.
    Outcomes: ``new``, ``changed``, ``unchanged``, ``duplicate``.
    """
    row = {k: row.get(k) for k in DOCUMENT_CRAWL_COLUMNS if k in row}
    with write_transaction(db):
        existing = db.execute(
            "select id, content_hash from documents where url = ?", [row["url"]]
        ).fetchone()
        if existing:
            doc_id, old_hash = existing
            if not row.get("warc_file"):
                # Not archived again (unchanged): keep the fetched URL that its WARC record names.
                row = {k: v for k, v in row.items() if k not in ("fetched_url", "content_type")}
            db["documents"].update(doc_id, row)
            return doc_id, "unchanged" if old_hash == row.get("content_hash") else "changed"
        twin = db.execute(
            "select id from documents where content_hash = ? limit 1", [row.get("content_hash")]
        ).fetchone()
        if twin:
            return twin[0], "duplicate"
        db["documents"].insert(row)
        return db.execute("select id from documents where url = ?", [row["url"]]).fetchone()[0], "new"


def record_crawl_error(
    db: sqlite_utils.Database, *, source: str | None, url: str, reason: str, detail: str = "",
    run_id: int | None = None,
) -> None:
    with write_transaction(db):
        db["crawl_errors"].insert(
            {"run_id": run_id, "source": source, "url": url, "reason": reason, "detail": detail[:2000],
             "at": utcnow(), "resolved": 0}
        )


def resolve_crawl_errors(db: sqlite_utils.Database, url: str) -> None:
    with write_transaction(db):
        db.execute("update crawl_errors set resolved = 1 where url = ? and resolved = 0", [url])


def start_run(db: sqlite_utils.Database, kind: str) -> int:
    """A new ``running`` row in ``runs``; its summary says which process runs it until it finishes.

    Runs this machine left ``running`` whose process is gone (killed, or the machine went
    down) are marked ``failed`` first, saying so, so that ``runs`` never claims a dead run is
    still going.
    """
    with write_transaction(db):
        close_abandoned_runs(db)
        owner = {"pid": os.getpid(), "host": socket.gethostname()}
        return db["runs"].insert(
            {"kind": kind, "started": utcnow(), "status": "running", "summary": json.dumps(owner)}
        ).last_pk


def close_abandoned_runs(db: sqlite_utils.Database) -> int:
    """Mark ``failed`` the ``running`` runs of this host whose process no longer exists; how many."""
    host = socket.gethostname()
    abandoned = []
    for run_id, summary in db.execute("select id, summary from runs where status = 'running'").fetchall():
        try:
            owner = json.loads(summary or "{}")
        except ValueError:
            continue
        if isinstance(owner, dict) and owner.get("host") == host and not _process_exists(owner.get("pid")):
            abandoned.append(run_id)
    for run_id in abandoned:
        db["runs"].update(run_id, {
            "status": "failed", "finished": utcnow(),
            "summary": json.dumps({"error": "interrupted: its process ended before the run finished (killed?)"}),
        })
    return len(abandoned)


def _process_exists(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return True  # unknown: leave the run alone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def finish_run(db: sqlite_utils.Database, run_id: int, status: str, summary: dict[str, Any]) -> None:
    with write_transaction(db):
        db["runs"].update(run_id, {"finished": utcnow(), "status": status, "summary": json.dumps(summary)})


def _name_key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(folded.replace(".", " ").split())


def _person_id(db: sqlite_utils.Database, name: str, cache: dict[str, int]) -> int:
    """One people row per name, shared by every document that names the person."""
    key = _name_key(name)
    if key in cache:
        return cache[key]
    for pid, existing in db.execute("select id, name from people where name = ? collate nocase", [name]):
        if _name_key(existing) == key:
            cache[key] = pid
            return pid
    pid = db["people"].insert({"name": name}).last_pk
    cache[key] = pid
    return pid


def _delete_facts(db: sqlite_utils.Database, document_ids: Sequence[int]) -> None:
    marks = ",".join("?" * len(document_ids))
    for table in FACT_TABLES:
        db.execute(f"delete from {table} where document_id in ({marks})", list(document_ids))


def _drop_orphan_people(db: sqlite_utils.Database) -> None:
    db.execute(
        "delete from people where id not in (select person_id from roles where person_id is not null)"
        " and id not in (select person_id from events where person_id is not null)"
    )


def save_extractions(
    db: sqlite_utils.Database,
    extracted: Sequence[tuple[int, Document]],
    *,
    extractor_version: str,
    content_hashes: dict[int, str | None] | None = None,
) -> dict[str, int]:
    """Write one batch of extracted documents and their facts in one transaction.

    Old facts of each document are replaced, so re-extraction never duplicates.
    ``content_hashes`` records which body each extraction came from, so an
    unchanged document is not extracted again by the same extractor version.
    """
    counts = {"documents": 0, "people": 0, "ratings": 0, "events": 0, "errors": 0}
    if not extracted:
        return counts
    hashes = content_hashes or {}
    cache: dict[str, int] = {}
    with write_transaction(db):
        _delete_facts(db, [doc_id for doc_id, _ in extracted])
        for doc_id, doc in extracted:
            update: dict[str, Any] = {
                "extractor_version": extractor_version,
                "extract_error": doc.error,
            }
            if doc_id in hashes:
                update["extracted_hash"] = hashes[doc_id]
            if doc.error is None:
                update.update(
                    title=doc.title, published=doc.published, authors=json.dumps(doc.authors),
                    paywalled=int(doc.paywalled), text=doc.text, section=doc.section,
                    description=doc.description, language=doc.language, kind=doc.kind,
                )
                if doc.kind == "report":
                    update.update(
                        report_type=doc.report_type, framework=doc.framework,
                        inspection_dates=doc.inspection_dates, authority_code=doc.authority_code,
                    )
            else:
                counts["errors"] += 1
            db["documents"].update(doc_id, update)
            counts["documents"] += 1
            roles = [
                {**p.as_dict(), "person_id": _person_id(db, p.name, cache), "acting": int(p.acting),
                 "document_id": doc_id}
                for p in doc.people
            ]
            for role in roles:
                role.pop("name")
            ratings = [{**r.as_dict(), "document_id": doc_id} for r in doc.ratings]
            events = []
            for e in doc.events:
                event = {**e.as_dict(), "document_id": doc_id}
                person = event.pop("person")
                event["person_id"] = _person_id(db, person, cache) if person else None
                events.append(event)
            db["roles"].insert_all(roles)
            db["ratings"].insert_all(ratings)
            db["events"].insert_all(events)
            counts["people"] += len(roles)
            counts["ratings"] += len(ratings)
            counts["events"] += len(events)
        _drop_orphan_people(db)
    return counts


def mark_all_for_extraction(db: sqlite_utils.Database) -> int:
    """Make every stored document due for extraction again (``extract --from-archive --all``).

    Done as one update rather than by skipping the incremental check, so a
    re-extraction killed halfway resumes where it stopped on the next run.
    """
    with write_transaction(db):
        return db.execute("update documents set extracted_hash = null where warc_file is not null").rowcount


def refresh_search_index(db: sqlite_utils.Database) -> None:
    """Rebuild and optimize the documents' full-text index, so search matches the stored text.

    Triggers keep the index current row by row; the rebuild repairs anything a
    killed run or an external edit left out of step, the optimize merges its segments.
    """
    db["documents"].rebuild_fts()
    db["documents"].optimize()
