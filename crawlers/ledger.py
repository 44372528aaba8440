"""One source's crawl bookkeeping: counts, failures, progress lines, the end summary.

The spider and the pipelines report every outcome here; the ledger writes
failures to ``crawl_errors`` (through ``scrutiny.db.store``), marks earlier
failures resolved when the URL now works, and prints a progress line on stderr
every few seconds.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any, TextIO, TypeVar

import sqlite_utils

from scrutiny.db import store

STORED_OUTCOMES = ("new", "changed")
T = TypeVar("T")


def retry_when_locked(write: Callable[..., T], *args: Any, attempts: int = 8, **kwargs: Any) -> T:
    """Run a ``scrutiny.db.store`` write, again if another crawl process held the database.

    Sources are crawled by parallel processes writing to one SQLite file. A
    transaction that reads before it writes can fail at once with "database is
    locked" (SQLite does not wait when its snapshot went stale); it was rolled
    back, so running it again is safe.
    """
    for attempt in range(attempts):
        try:
            return write(*args, **kwargs)
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")


class Ledger:
    def __init__(
        self,
        db: sqlite_utils.Database,
        source: str,
        *,
        run_id: int | None = None,
        unresolved: set[str] | None = None,
        progress: bool = True,
        interval: float = 5.0,
        stream: TextIO | None = None,
    ) -> None:
        self.db = db
        self.source = source
        self.run_id = run_id
        self.unresolved = set(unresolved or ())
        self.progress = progress
        self.interval = interval
        self.stream = stream or sys.stderr
        self.fetched = 0
        self.outcomes: Counter[str] = Counter()
        self.skipped: Counter[str] = Counter()
        self.failed: Counter[str] = Counter()
        self.started = time.monotonic()
        self._last_report = self.started

    def page(self, url: str) -> None:
        """A response arrived for ``url`` (the real URL); an earlier failure of it is now resolved."""
        self.fetched += 1
        if url in self.unresolved:
            retry_when_locked(store.resolve_crawl_errors, self.db, url)
            self.unresolved.discard(url)
        self._tick()

    def skip(self, reason: str, count: int = 1) -> None:
        self.skipped[reason] += count
        self._tick()

    def fail(self, url: str, reason: str, detail: str = "") -> None:
        self.failed[reason] += 1
        retry_when_locked(
            store.record_crawl_error, self.db, source=self.source, url=url, reason=reason, detail=detail, run_id=self.run_id
        )
        self._tick()

    def saved(self, outcome: str) -> None:
        self.outcomes[outcome] += 1
        self._tick()

    def summary(self, finish_reason: str | None = None) -> dict[str, Any]:
        stored = sum(self.outcomes[o] for o in STORED_OUTCOMES)
        return {
            "source": self.source,
            "fetched": self.fetched,
            "stored": stored,
            "new": self.outcomes["new"],
            "changed": self.outcomes["changed"],
            "unchanged": self.outcomes["unchanged"],
            "duplicate": self.outcomes["duplicate"],
            "skipped": sum(self.skipped.values()),
            "failed": sum(self.failed.values()),
            "skipped_by_reason": dict(sorted(self.skipped.items())),
            "failed_by_reason": dict(sorted(self.failed.items())),
            "finish_reason": finish_reason,
            "seconds": round(time.monotonic() - self.started, 2),
        }

    def progress_line(self) -> str:
        stored = sum(self.outcomes[o] for o in STORED_OUTCOMES)
        return (
            f"[{self.source}] {self.fetched} fetched, {stored} stored, {self.outcomes['unchanged']} unchanged, "
            f"{sum(self.skipped.values())} skipped, {sum(self.failed.values())} failed"
        )

    def report(self) -> None:
        if self.progress:
            print(self.progress_line(), file=self.stream, flush=True)

    def _tick(self) -> None:
        now = time.monotonic()
        if self.progress and now - self._last_report >= self.interval:
            self._last_report = now
            self.report()


# Failures that are a decision of ours or of the site's robots.txt, not an error.
SKIP_REASONS = {"robots", "offsite", "max_pages"}


def failure_reason(exception: BaseException) -> tuple[str, str]:
    """A short reason for ``crawl_errors`` (``http_503``, ``timeout``, ``too_large``...) and the detail."""
    from scrapy.exceptions import (
        CannotResolveHostError,
        DownloadCancelledError,
        DownloadConnectionRefusedError,
        DownloadFailedError,
        DownloadTimeoutError,
        IgnoreRequest,
        ResponseDataLossError,
    )
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.internet import error as twisted_error

    detail = str(exception) or type(exception).__name__
    if isinstance(exception, HttpError):
        return f"http_{exception.response.status}", detail
    if isinstance(exception, IgnoreRequest):
        lowered = detail.lower()
        if "robots.txt" in lowered:
            return "robots", detail
        if "offsite" in lowered or "filtered offsite" in lowered:
            return "offsite", detail
        if lowered == "max_pages":
            return "max_pages", detail
        if "max size" in lowered or "maxsize" in lowered or "larger than" in lowered:
            return "too_large", detail
        if "redirect" in lowered:
            return "redirect_loop", detail
        return "ignored", detail
    if isinstance(exception, DownloadCancelledError):  # Scrapy cancels a body that outgrows DOWNLOAD_MAXSIZE
        return "too_large", detail
    if isinstance(exception, DownloadTimeoutError | twisted_error.TimeoutError):
        return "timeout", detail
    if isinstance(exception, CannotResolveHostError | twisted_error.DNSLookupError):
        return "dns_error", detail
    if isinstance(exception, DownloadConnectionRefusedError | twisted_error.ConnectionRefusedError):
        return "connection_refused", detail
    if isinstance(exception, ResponseDataLossError):
        return "truncated", detail
    if isinstance(exception, DownloadFailedError | twisted_error.ConnectionLost | twisted_error.ConnectionDone):
        return "connection_lost", detail
    return type(exception).__name__.lower(), detail
