"""Scrapy extensions: robots.txt ``Crawl-delay`` honoured.

Scrapy obeys robots.txt's Allow/Disallow but not its ``Crawl-delay``. This
extension reads it when robots.txt is parsed and keeps the domain's download
slot at least that slow, also after AutoThrottle (which may speed a fast
server up) has adjusted it. A delay above ``AUTOTHROTTLE_MAX_DELAY`` is capped
there: a site asking for an hour between pages would never be crawled.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy import signals

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)


class CrawlDelay:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.cap = crawler.settings.getfloat("AUTOTHROTTLE_MAX_DELAY", 60.0)
        self.agent = crawler.settings.get("ROBOTSTXT_USER_AGENT") or crawler.settings.get("USER_AGENT") or "*"
        self.floors: dict[str, float] = {}  # download slot key -> minimum delay

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlDelay:
        extension = cls(crawler)
        crawler.signals.connect(extension.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(extension.response_downloaded, signal=signals.response_downloaded)
        return extension

    def robots_parsed(self, robotparser, request: Request) -> None:
        try:
            delay = robotparser.crawl_delay(self.agent)
        except Exception:  # noqa: BLE001 - a parser without crawl_delay support: nothing to honour
            return
        if not delay:
            return
        key = self._slot_key(request)
        self.floors[key] = min(float(delay), self.cap)
        logger.info("robots.txt asks for %.1f s between requests to %s", delay, key)
        self._enforce(key)

    def response_downloaded(self, response: Response, request: Request, spider=None) -> None:
        key = self._slot_key(request)
        if key in self.floors:
            self._enforce(key)

    def _slot_key(self, request: Request) -> str:
        return self.crawler.engine.downloader.get_slot_key(request)

    def _enforce(self, key: str) -> None:
        slot = self.crawler.engine.downloader.slots.get(key)
        if slot is not None:
            # Scrapy varies each wait by +-jitter; the shortest wait must still be the site's delay.
            shortest = 1 - min(slot.jitter or 0.0, 0.9)
            slot.delay = max(slot.delay, self.floors[key] / shortest)
