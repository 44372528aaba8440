"""Extract and load stored documents: the plain functions the flow's tasks wrap.

Bodies come from the WARC archive, never the network. Extraction is pure
(raw bytes in, Documents out), so it can run in a thread or on any Dask
worker; loading writes each batch in one transaction, in the process that
owns the database. ``extract_stored`` chains them without Prefect, for
``scrutiny extract --from-archive`` and the benchmarks.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import sqlite_utils

from scrutiny.archive import read_response
from scrutiny.config import Paths
from scrutiny.db.queries import count_pending, iter_documents_to_extract
from scrutiny.db.schema import open_db
from scrutiny.db.store import finish_run, mark_all_for_extraction, save_extractions, start_run
from scrutiny.extract.authorities import by_code
from scrutiny.extract.core import EXTRACTOR_VERSION, RawDocument, extract_documents
from scrutiny.extract.models import Document

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 50


@dataclass
class Batch:
    """Documents due for extraction, with their archived bodies.

    ``rows`` and ``raws`` are aligned; ``unreadable`` holds the rows whose body
    could not be read back from the archive, with the reason.
    """

    rows: list[dict[str, Any]] = field(default_factory=list)
    raws: list[RawDocument] = field(default_factory=list)
    unreadable: list[tuple[dict[str, Any], str]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows) + len(self.unreadable)


def raw_document(paths: Paths, row: dict[str, Any]) -> RawDocument:
    """The archived response of a document row, as extraction's input. Raises LookupError."""
    response = read_response(paths.warc, row["warc_file"], row["warc_offset"])
    urn = None
    if row.get("kind") == "report" and row.get("authority_code"):
        authority = by_code(row["authority_code"])
        urn = authority.ofsted_urn if authority else None
    return RawDocument(
        data=response.body,
        url=row["url"],
        source=row.get("source"),
        content_type=row.get("content_type") or response.content_type,
        published=row.get("published"),
        urn=urn,
    )


def read_batch(paths: Paths, rows: Sequence[dict[str, Any]]) -> Batch:
    """Read the archived bodies of ``rows``; one missing record never sinks the batch."""
    batch = Batch()
    for row in rows:
        try:
            raw = raw_document(paths, row)
        except Exception as error:  # a missing file, a bad offset, a damaged record (warcio, zlib, ...)
            reason = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
            batch.unreadable.append((row, f"cannot read the archived response: {type(error).__name__} {reason}"))
            continue
        batch.rows.append(row)
        batch.raws.append(raw)
    return batch


@cache
def shared_nlp() -> Any:
    """The spaCy pipeline, loaded once per process (the flow's, or each Dask worker's)."""
    from scrutiny.extract.nlp import load_nlp

    return load_nlp()


def extract_raws(raws: Sequence[RawDocument], *, nlp: Any = None) -> list[Document]:
    """Documents with their facts for ``raws``, aligned; pure apart from loading the model once."""
    if not raws:
        return []
    return extract_documents(list(raws), nlp=nlp if nlp is not None else shared_nlp())


def load_batch(
    db: sqlite_utils.Database, batch: Batch, docs: Sequence[Document], *, extractor_version: str
) -> dict[str, int]:
    """Write one extracted batch in one transaction; returns what was written."""
    if len(docs) != len(batch.rows):
        raise ValueError(f"{len(docs)} extracted documents for a batch of {len(batch.rows)}")
    extracted = [(row["id"], doc) for row, doc in zip(batch.rows, docs, strict=True)]
    extracted += [
        (row["id"], Document(url=row["url"], source=row.get("source"), error=reason))
        for row, reason in batch.unreadable
    ]
    hashes = {row["id"]: row["content_hash"] for row in [*batch.rows, *(r for r, _ in batch.unreadable)]}
    counts = save_extractions(db, extracted, extractor_version=extractor_version, content_hashes=hashes)
    for doc_id, doc in extracted:
        if doc.error:
            log.warning("document %s (%s): %s", doc_id, doc.url, doc.error)
    return counts


def extract_stored(
    paths: Paths,
    everything: bool = False,
    extractor_version: str = EXTRACTOR_VERSION,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    nlp: Any = None,
) -> dict[str, Any]:
    """Extract every stored document the current extractor has not processed, from the archive.

    ``everything`` re-extracts all of them. Each batch is committed on its own,
    so an interrupted run loses at most the batch in progress and the next run
    carries on from there.
    """
    db = open_db(paths.db)
    run_id = start_run(db, "extract")
    totals: Counter[str] = Counter()
    status = "failed"
    try:
        if everything:
            mark_all_for_extraction(db)
        for rows in iter_documents_to_extract(db, extractor_version, batch_size=batch_size):
            batch = read_batch(paths, rows)
            counts = load_batch(db, batch, extract_raws(batch.raws, nlp=nlp), extractor_version=extractor_version)
            totals.update(counts)
            totals["batches"] += 1
            log.info("extracted batch %d: %d documents", totals["batches"], len(batch))
        status = "completed"
    finally:
        summary = {
            "status": status,
            "extractor_version": extractor_version,
            "batches": totals["batches"],
            **{key: totals[key] for key in ("documents", "errors", "people", "ratings", "events")},
            "pending": count_pending(db, extractor_version),
        }
        finish_run(db, run_id, status, summary)
        db.close()
    return summary
