"""Crawl: pages/second of our news spider against a bare Scrapy spider, on the same local site.

A generated site (2,000 articles; 300 with ``--quick``, plus listing pages, a
sitemap and robots.txt) is served from 127.0.0.1. Ours is the real crawl
(``scrutiny.crawlers.run.crawl`` with the sitemap as its start URL: article
detection, WARC archive, database rows); the baseline is a ``CrawlSpider``
that follows every link on the server and keeps nothing. Each runs in its own
process (Twisted's reactor cannot restart) with the same settings: same
concurrency, robots.txt obeyed, no AutoThrottle or delays (the server is local).
The rate is read at the server, from the first request to the last, so process
start-up does not count for either.
"""

from __future__ import annotations

from typing import Any

from scrutiny.benchmarks.generate import Site
from scrutiny.benchmarks.report import Result, ratio_target, timed
from scrutiny.benchmarks.run import Context, run_worker
from scrutiny.benchmarks.server import SiteServer, serve_site
from scrutiny.config import data_paths

# Both crawlers: the same pace, robots.txt obeyed, nothing slowing a local server down.
SHARED_SETTINGS: dict[str, Any] = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "RANDOMIZE_DOWNLOAD_DELAY": False,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "ROBOTSTXT_OBEY": True,
    "LOG_LEVEL": "ERROR",
    "TELNETCONSOLE_ENABLED": False,
}


def bare_crawl(start_url: str, settings: dict[str, Any]) -> dict[str, Any]:
    """A Scrapy spider that follows every link on the start URL's host and keeps nothing (in a worker)."""
    from urllib.parse import urlsplit

    from scrapy.crawler import CrawlerProcess
    from scrapy.linkextractors import LinkExtractor
    from scrapy.spiders import CrawlSpider, Rule

    class FollowSpider(CrawlSpider):
        name = "follow"
        start_urls = [start_url]
        allowed_domains = [urlsplit(start_url).hostname]
        rules = (Rule(LinkExtractor(), follow=True),)

    process = CrawlerProcess({**settings, "USER_AGENT": "scrutiny-bench-baseline"})
    crawler = process.create_crawler(FollowSpider)
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats()
    return {"responses": stats.get("response_received_count", 0)}


def our_crawl(data_dir: str, start_url: str, settings: dict[str, Any]) -> dict[str, Any]:
    from scrutiny.crawlers.run import crawl

    return crawl(data_paths(data_dir), progress=False, start_urls=[start_url], settings=settings)


def measure(server: SiteServer, fn) -> tuple[float, int, float]:
    """(pages/s at the server, pages served, wall seconds) of one crawl."""
    server.stats.reset()
    wall, _ = timed(fn)
    pages = server.stats.requests
    return pages / server.stats.seconds if server.stats.seconds else 0.0, pages, wall


def run(ctx: Context) -> list[Result]:
    import scrutiny.crawlers.run  # noqa: F401 - skip cleanly until the crawler exists

    size = ctx.size(2000, 300, minimum=10)
    site = Site(size, seed=ctx.seed)
    bare, ours = [], []
    with serve_site(site) as server:
        for round_no in range(1 if ctx.quick else 2):  # interleaved; the faster round of each counts
            bare.append(measure(server, lambda: run_worker("scrutiny.benchmarks.crawl:bare_crawl", {
                "start_url": f"{server.origin}/", "settings": SHARED_SETTINGS})))
            data_dir = ctx.folder(f"crawl-{round_no}")
            ours.append(measure(server, lambda data_dir=data_dir: our_crawl(
                str(data_dir), f"{server.origin}/sitemap.xml", SHARED_SETTINGS)))
    (base_rate, base_pages, base_wall), (ours_rate, ours_pages, ours_wall) = max(bare), max(ours)
    stored = _stored(data_dir)
    note = (f"{size} articles; ours fetched {ours_pages} pages ({stored} stored) in {ours_wall:.0f} s wall, "
            f"bare Scrapy {base_pages} pages in {base_wall:.0f} s wall")
    if stored < size * 0.9:
        note += f"; WARNING: ours stored only {stored} of {size} articles"
    result = Result("crawl: our news spider vs bare Scrapy", ours_rate, base_rate, "pages/s", note=note)
    return [ratio_target(result, at_least=0.8)]


def _stored(data_dir) -> int:
    from scrutiny.db.schema import open_db

    db = open_db(data_paths(data_dir).db)
    try:
        return db["documents"].count
    finally:
        db.close()
