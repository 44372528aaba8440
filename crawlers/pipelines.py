"""Item pipelines: validate -> dedupe -> archive (WARC) -> store (SQLite).

Each stage is a small class doing one thing; a stage that drops an item says
why (the reason is counted in the crawl summary). The spider holds the crawl's
state (``ledger``, ``archive``, ``db``); pipelines reach it through the crawler.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from scrapy.exceptions import DropItem

from scrutiny.crawlers.items import FetchedDocument
from scrutiny.crawlers.ledger import retry_when_locked
from scrutiny.crawlers.urls import is_http_url
from scrutiny.db import queries, store

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

# Headers never archived: a subscriber's session or login must not end up in the WARC. Request
# headers a source's credentials add (whatever their name) are left out too.
PRIVATE_RESPONSE_HEADERS = {"set-cookie", "set-cookie2"}
PRIVATE_REQUEST_HEADERS = {"cookie", "authorization", "proxy-authorization"}
# Headers describing the transfer, not the body as archived (already decoded by Scrapy).
TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}
KINDS = ("article", "report")


class Skip(DropItem):
    """An item not stored, for a reason the summary counts (not an error)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, log_level="DEBUG")
        self.reason = reason


def store_failed(spider, item: FetchedDocument, error: Exception) -> DropItem:
    """Record a document that could not be archived or saved (retried next run); the DropItem to raise."""
    spider.ledger.fail(item.asked_url or item.url, "store_error", f"{type(error).__name__}: {error}")
    return DropItem(f"not stored: {error}")


class CrawlPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler)

    @property
    def spider(self):
        return self.crawler.spider


class ValidatePipeline(CrawlPipeline):
    """Only complete, successful http(s) documents go on; each canonical URL once per crawl."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.seen: set[str] = set()

    def process_item(self, item: FetchedDocument) -> FetchedDocument:
        if not isinstance(item, FetchedDocument):
            return item
        if item.status != 200:
            raise self.skip(f"status_{item.status}")
        if not item.body:
            raise self.skip("empty_body")
        if item.kind not in KINDS or not is_http_url(item.url):
            raise self.skip("invalid_item")
        if item.url in self.seen:
            raise self.skip("same_canonical")
        self.seen.add(item.url)
        item.content_hash = hashlib.sha256(item.body).hexdigest()
        return item

    def skip(self, reason: str) -> Skip:
        self.spider.ledger.skip(reason)
        return Skip(reason)


class DedupePipeline(CrawlPipeline):
    """Identical content is stored once: the same body under another URL is dropped here,
    and an unchanged re-fetch goes on without being archived again."""

    def process_item(self, item: FetchedDocument) -> FetchedDocument:
        if not isinstance(item, FetchedDocument):
            return item
        twin = queries.document_with_hash(self.spider.db, item.content_hash)
        if twin and twin["url"] != item.url:
            self.spider.ledger.saved("duplicate")
            raise Skip("duplicate")
        if twin:
            item.previous_hash = item.content_hash
        return item


class ArchivePipeline(CrawlPipeline):
    """Writes the response (and a request record without credentials) to the WARC archive."""

    def process_item(self, item: FetchedDocument) -> FetchedDocument:
        if not isinstance(item, FetchedDocument) or item.previous_hash == item.content_hash:
            return item
        headers = [
            (k, v) for k, v in item.headers if k.lower() not in PRIVATE_RESPONSE_HEADERS | TRANSFER_HEADERS
        ]
        private = PRIVATE_REQUEST_HEADERS | {name.lower() for name in self.spider.credentials.headers}
        request_headers = [(k, v) for k, v in item.request_headers if k.lower() not in private]
        try:
            pointer = self.spider.archive.write_response(
                item.fetched_url, item.status, headers, item.body, request_headers=request_headers
            )
        except Exception as error:  # noqa: BLE001 - a full disk or a broken archive folder fails this page only
            raise store_failed(self.spider, item, error) from error
        item.warc_file, item.warc_offset, item.warc_record_id = pointer.warc_file, pointer.offset, pointer.record_id
        return item


class StorePipeline(CrawlPipeline):
    """Saves the document row (``scrutiny.db.store``) and counts the outcome."""

    def process_item(self, item: FetchedDocument) -> FetchedDocument:
        if not isinstance(item, FetchedDocument):
            return item
        try:
            _, outcome = retry_when_locked(store.save_fetched_document, self.spider.db, item.row())
        except Exception as error:  # noqa: BLE001 - one row that cannot be saved must not end the crawl
            raise store_failed(self.spider, item, error) from error
        self.spider.ledger.saved(outcome)
        return item
