"""What a spider yields: one fetched document (an article page or a report PDF).

The body travels with the item to the WARC pipeline; only the crawl columns of
``documents`` (``scrutiny.db.store.DOCUMENT_CRAWL_COLUMNS``) reach SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class FetchedDocument:
    url: str  # canonical URL: the identity
    fetched_url: str  # where the bytes actually came from (a mirror, in tests and the demo)
    source: str
    kind: str  # "article" or "report"
    status: int
    body: bytes = field(repr=False)
    headers: list[tuple[str, str]] = field(default_factory=list, repr=False)
    request_headers: list[tuple[str, str]] = field(default_factory=list, repr=False)
    title: str | None = None
    published: str | None = None
    lastmod: str | None = None
    content_type: str | None = None
    fetched_at: str | None = None
    authority_code: str | None = None
    report_type: str | None = None
    asked_url: str | None = None  # the URL requested (before redirects): where a failure is recorded
    # Filled in by the pipelines.
    content_hash: str | None = None
    previous_hash: str | None = None  # content_hash of the stored row with this URL, if any
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_record_id: str | None = None

    def row(self) -> dict[str, Any]:
        """The ``documents`` columns the crawler writes (None values left out, so an
        unchanged re-fetch keeps the stored WARC pointer)."""
        from scrutiny.db.store import DOCUMENT_CRAWL_COLUMNS

        return {k: getattr(self, k) for k in DOCUMENT_CRAWL_COLUMNS if getattr(self, k) is not None}
