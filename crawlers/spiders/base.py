"""What every scrutiny spider shares: the source profile, the crawl's state, scope and errors.

A spider is started with a ``job`` (see ``scrutiny.crawlers.process``): the
source profile, the database and WARC paths, and the bounds of the crawl. It
opens the database and the archive, loads what is already stored (for
incremental crawls) and what failed last time (to retry it), and reports every
outcome to its ``Ledger``.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import scrapy
from scrapy import signals
from scrapy.http import Response

from scrutiny.archive import WarcArchive
from scrutiny.crawlers.discovery import Entry, is_newer
from scrutiny.crawlers.ledger import SKIP_REASONS, Ledger, failure_reason
from scrutiny.crawlers.sources import SourceProfile, crawler_config, load_credentials, load_sources
from scrutiny.crawlers.urls import Mirror, is_http_url, normalise_url, url_key
from scrutiny.db import queries
from scrutiny.db.schema import open_db


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def header_pairs(headers: Any) -> list[tuple[str, str]]:
    """Scrapy ``Headers`` as (name, value) text pairs, one per value."""
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    ]


def check_job(source: str, base_url: str | None) -> dict[str, Any]:
    """A throw-away job for ``scrapy check`` (spider contracts): the named profile, a temporary database.

    ``SCRAPY_SETTINGS_MODULE=scrutiny.crawlers.settings python -m scrapy check news -a source=cypnow``
    checks the spider against the live site; ``-a base_url=...`` against a mirror.
    """
    data_dir = Path(tempfile.mkdtemp(prefix="scrutiny-check-"))
    return {
        "profile": load_sources()[source].as_dict(), "db_path": str(data_dir / "scrutiny.db"),
        "warc_dir": str(data_dir / "warc"), "base_url": base_url, "progress": False,
    }


class SourceSpider(scrapy.Spider):
    """Base class: one source, one run. Subclasses implement ``start`` and the parse callbacks."""

    def __init__(
        self, job: dict[str, Any] | None = None, *args: Any, source: str | None = None,
        base_url: str | None = None, **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not job:
            if not source:
                raise ValueError(f"{type(self).__name__} needs a job (scrutiny.crawlers.process) or -a source=NAME")
            job = check_job(source, base_url)
        self.job = job
        self.profile = SourceProfile.from_dict(job["profile"])
        self.mirror = Mirror.for_source(self.profile.origins, job["base_url"]) if job.get("base_url") else None
        self.source = self.profile.name
        self.allowed_domains = list(self.profile.domains)
        self.since: str | None = job.get("since")
        self.refresh: bool = bool(job.get("refresh"))
        self.credentials = load_credentials(self.profile, crawler_config())
        self.db = open_db(Path(job["db_path"]))
        # WAL with synchronous=NORMAL: a killed crawl loses no committed row; only a power cut can lose
        # the last few. It saves an fsync per stored document.
        self.db.execute("PRAGMA synchronous = NORMAL")
        self._archive: WarcArchive | None = None
        self.known = {url_key(url): info for url, info in queries.known_documents(self.db, self.source).items()}
        self.ledger = Ledger(
            self.db, self.source, run_id=job.get("run_id"),
            unresolved=set(queries.unresolved_crawl_errors(self.db, self.source)),
            progress=bool(job.get("progress", True)), interval=float(job.get("progress_interval", 5.0)),
        )
        self.requested: set[str] = set()  # url_key of every page requested this run
        self.checking = bool(os.environ.get("SCRAPY_CHECK"))  # contracts test each callback on its own
        self.hints: dict[str, Entry] = {}  # url_key -> what sitemaps and feeds said about the page
        self.robots_sitemaps: list[str] = []
        self.summary: dict[str, Any] | None = None

    @property
    def archive(self) -> WarcArchive:
        """This run's WARC file, created with the first document (no empty files)."""
        if self._archive is None:
            self._archive = WarcArchive(Path(self.job["warc_dir"]), prefix=self.source.replace(":", "_"))
        return self._archive

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_spider_error, signal=signals.spider_error)
        crawler.signals.connect(spider.on_robots, signal=signals.robots_parsed)
        return spider

    def on_robots(self, robotparser, request: scrapy.Request) -> None:
        """Remember the sitemaps a site's robots.txt names (a crawl from a home page reads them)."""
        for url in getattr(getattr(robotparser, "rp", None), "sitemaps", ()) or ():
            if url not in self.robots_sitemaps:
                self.robots_sitemaps.append(url)

    # -- requests ---------------------------------------------------------------------------------

    def request(self, url: str, callback, *, priority: int = 0, meta: dict | None = None,
                once: bool = True) -> scrapy.Request | None:
        """A request for an in-scope http(s) URL not yet requested this run, else None."""
        if not is_http_url(url) or not self.profile.in_scope(url):
            return None
        key = url_key(url)
        if once and not self.checking:
            if key in self.requested:
                return None
            self.requested.add(key)
        return scrapy.Request(
            normalise_url(url), callback=callback, errback=self.on_failure, priority=priority, meta=meta or {},
        )

    def remember(self, entry: Entry) -> Entry:
        """Merge what a sitemap or feed says about a page with what others said (newest date wins)."""
        key = url_key(entry.url)
        old = self.hints.get(key)
        if old is None:
            merged = entry
        else:
            merged = replace(
                old,
                lastmod=entry.lastmod if is_newer(entry.lastmod, old.lastmod) else old.lastmod,
                published=old.published or entry.published,
                title=old.title or entry.title,
            )
        self.hints[key] = merged
        return merged

    def hint_for(self, *urls: str | None) -> Entry | None:
        for url in urls:
            if url and url_key(url) in self.hints:
                return self.hints[url_key(url)]
        return None

    def is_stored_and_unchanged(self, url: str, lastmod: str | None) -> bool:
        """True when an incremental crawl can skip ``url``: stored, and no newer date says it changed."""
        if self.refresh:
            return False
        known = self.known.get(url_key(url))
        return known is not None and not is_newer(lastmod, known.get("lastmod"))

    def before_since(self, day: str | None) -> bool:
        return bool(self.since and day and day[:10] < self.since)

    # -- responses --------------------------------------------------------------------------------

    @staticmethod
    def asked_url(response: Response) -> str:
        """The URL the spider requested (before redirects): what failures are recorded and resolved under."""
        return (response.meta.get("redirect_urls") or [response.url])[0]

    def fetched_url(self, response: Response) -> str:
        return response.meta.get("fetched_url") or response.url

    def document_fields(self, response: Response) -> dict[str, Any]:
        """The FetchedDocument fields every spider fills the same way from a response."""
        content_type = response.headers.get(b"Content-Type")
        return {
            "asked_url": self.asked_url(response),
            "fetched_url": self.fetched_url(response),
            "source": self.source,
            "status": response.status,
            "body": response.body,
            "headers": header_pairs(response.headers),
            "request_headers": header_pairs(response.request.headers) if response.request else [],
            "content_type": content_type.decode("latin-1") if content_type else None,
            "fetched_at": utcnow(),
        }

    # -- failures and the end ---------------------------------------------------------------------

    def on_failure(self, failure) -> None:
        request = failure.request
        reason, detail = failure_reason(failure.value)
        if reason in SKIP_REASONS:
            self.ledger.skip(reason)
        else:  # recorded under the URL we asked for, not where its redirects led
            self.ledger.fail((request.meta.get("redirect_urls") or [request.url])[0], reason, detail)

    def on_spider_error(self, failure, response: Response, spider: scrapy.Spider) -> None:
        self.ledger.fail(self.asked_url(response), "parse_error", f"{type(failure.value).__name__}: {failure.value}")

    def closed(self, reason: str) -> None:
        self.summary = self.ledger.summary(reason)
        self.ledger.report()
        if self._archive is not None:
            self._archive.close()
        self.db.close()
