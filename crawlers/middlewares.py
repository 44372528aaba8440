"""Downloader middlewares and the mirror download handler.

- ``BackoffRetryMiddleware``: Scrapy's retries, but after a pause: the
  server's ``Retry-After`` when it gives one, else exponential back-off; a
  429/503 also slows the whole domain down.
- ``RedirectLoopMiddleware``: a redirect back into its own chain is a failure.
- ``PageBudgetMiddleware``: ``--max-pages``, counted where downloads happen.
- ``CredentialsMiddleware``: a subscriber's cookies and headers, added only to
  requests for the source's own domains (never logged, never archived).
- ``MirrorDownloadHandler``: fetches a source's real URLs from a local mirror
  (``--base-url``), so the spider sees real URLs only.
"""

from __future__ import annotations

import logging
from email.utils import parsedate_to_datetime
from time import time
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message
from twisted.internet import task

from scrutiny.crawlers.urls import Mirror, in_domains, url_key

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

SLOW_DOWN_STATUSES = {429, 503}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP date); None if unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - (time() if now is None else now))


async def sleep(seconds: float) -> None:
    """Pause this request only (the reactor keeps serving others)."""
    from twisted.internet import reactor

    if seconds > 0:
        await maybe_deferred_to_future(task.deferLater(reactor, seconds, lambda: None))


class BackoffRetryMiddleware(RetryMiddleware):
    """Retry transient failures after ``RETRY_BACKOFF_BASE * 2**n`` seconds, or what ``Retry-After`` says.

    A ``Retry-After`` longer than ``RETRY_BACKOFF_MAX`` is not waited for: the
    URL is given up for this run (recorded as failed, retried next run).
    """

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    async def process_response(self, request: Request, response: Response, spider: Spider | None = None):
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        delay = self.backoff(request)
        asked = retry_after_seconds(response.headers.get(b"Retry-After"))
        if asked is not None:
            if asked > self.backoff_max:
                logger.info("Not retrying %s: Retry-After %.0fs is longer than we wait", request.url, asked)
                return response
            delay = max(delay, asked)
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if response.status in SLOW_DOWN_STATUSES:
            self.slow_down(request, delay)
        await sleep(delay)
        return retry

    async def process_exception(self, request: Request, exception: Exception, spider: Spider | None = None):
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        retry = self._retry(request, exception)
        if retry is not None:
            await sleep(self.backoff(request))
        return retry

    def backoff(self, request: Request) -> float:
        return min(self.backoff_max, self.backoff_base * 2 ** request.meta.get("retry_times", 0))

    def slow_down(self, request: Request, delay: float) -> None:
        """Make the domain's download slot wait at least ``delay`` between requests from now on."""
        downloader = getattr(self.crawler.engine, "downloader", None)
        if downloader is None:
            return
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is not None:
            slot.delay = min(self.backoff_max, max(slot.delay, delay))


class RedirectLoopMiddleware:
    """Give up, with a reason, on a redirect back to a URL of the same redirect chain.

    Scrapy's duplicate filter would drop the looping request silently; this
    turns it into a failure the crawl records (``redirect_loop``).
    """

    def process_response(self, request: Request, response: Response, spider: Spider | None = None):
        location = response.headers.get(b"Location")
        if response.status not in REDIRECT_STATUSES or not location:
            return response
        target = url_key(urljoin(response.url, location.decode("latin-1")))
        chain = {url_key(u) for u in [*request.meta.get("redirect_urls", ()), request.url]}
        if target in chain:
            raise IgnoreRequest(f"redirect loop: {response.url} redirects back to {target}")
        return response


class PageBudgetMiddleware:
    """Stop downloading after ``SCRUTINY_MAX_PAGES`` pages (robots.txt not counted)."""

    def __init__(self, max_pages: int | None) -> None:
        self.max_pages = max_pages
        self.count = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageBudgetMiddleware:
        value = crawler.settings.getint("SCRUTINY_MAX_PAGES", 0)
        return cls(value or None)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if self.max_pages is None or request.meta.get("dont_obey_robotstxt"):
            return None
        if self.count >= self.max_pages:
            raise IgnoreRequest("max_pages")
        self.count += 1
        return None


class CredentialsMiddleware:
    """Adds the source's subscriber cookies and headers to requests for the source's domains only."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CredentialsMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        spider = self.crawler.spider
        credentials = getattr(spider, "credentials", None)
        if not credentials or not in_domains(request.url, getattr(spider, "allowed_domains", None) or ()):
            return None
        if credentials.cookies:
            existing = request.headers.get(b"Cookie", b"").decode("latin-1")
            names = {part.split("=", 1)[0].strip() for part in existing.split(";") if "=" in part}
            extra = "; ".join(f"{k}={v}" for k, v in credentials.cookies.items() if k not in names)
            if extra:
                request.headers[b"Cookie"] = f"{existing}; {extra}" if existing else extra
        for name, value in credentials.headers.items():
            request.headers.setdefault(name, value)
        return None


class MirrorDownloadHandler(HTTP11DownloadHandler):
    """HTTP(S) download handler that fetches a mirrored source's URLs from the mirror.

    When the spider has a ``mirror`` (a ``Mirror``, from ``--base-url``), a
    request for a real URL is downloaded from ``mirror.to_fetch(url)``; the
    response comes back under the real URL (redirect targets too), with the
    mirror URL in ``meta["fetched_url"]``. Otherwise it is Scrapy's own handler.
    """

    async def download_request(self, request: Request) -> Response:
        mirror: Mirror | None = getattr(self._crawler.spider, "mirror", None)
        fetch_url = mirror.to_fetch(request.url) if mirror else request.url
        if fetch_url == request.url:
            return await super().download_request(request)
        request.meta["fetched_url"] = fetch_url
        response = await super().download_request(request.replace(url=fetch_url))
        headers = response.headers.copy()
        location = headers.get(b"Location")
        if location:
            target = urljoin(fetch_url, location.decode("latin-1"))
            headers[b"Location"] = mirror.to_real(target)
        return response.replace(url=request.url, headers=headers)
