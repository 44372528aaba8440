"""The generic news spider: any news site, driven by a source profile.

It starts from the profile's sitemaps, feeds and listing pages (or from
``--start-url``s, sniffed as sitemap, feed or page), follows only in-scope
URLs the profile allows, and stores a page only when the page says it is an
article (``scrutiny.crawlers.articles``). A page already stored is not
fetched again unless a sitemap ``lastmod`` or feed date says it changed, or
``--refresh`` is given.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import HtmlResponse, Response, TextResponse

from scrutiny.crawlers.articles import PageSignals, looks_like_article_url, page_signals
from scrutiny.crawlers.discovery import Entry, day_of, parse_feed, parse_sitemap, sniff
from scrutiny.crawlers.items import FetchedDocument
from scrutiny.crawlers.spiders.base import SourceSpider
from scrutiny.crawlers.urls import normalise_url, url_key

# Request priorities: read what lists articles first, then articles, then more listing pages.
DISCOVERY, ARTICLE, LISTING = 30, 20, 0


class NewsSpider(SourceSpider):
    name = "news"

    async def start(self):
        profile = self.profile
        starts = [
            *((url, self.parse_sitemap) for url in profile.sitemaps),
            *((url, self.parse_feed) for url in profile.feeds),
            *((url, self.parse_any) for url in profile.start_urls),
        ]
        for url, callback in starts:
            if request := self.request(url, callback, priority=DISCOVERY, meta={"start": True}):
                yield request
        for url in profile.listings:
            if request := self.request(url, self.parse_page, priority=LISTING, meta={"start": True}):
                yield request
        for url in sorted(self.ledger.unresolved):
            for request in self.candidate(Entry(url), from_list=False):
                yield request

    # -- what lists articles ---------------------------------------------------------------------

    def parse_any(self, response: Response) -> Iterator[Any]:
        """A start URL of unknown kind: a sitemap, a feed, or a page (then also the sitemaps
        the site's robots.txt names, when no profile says where its articles are listed)."""
        kind = sniff(response.body, _content_type(response))
        if kind == "sitemap":
            yield from self.parse_sitemap(response)
        elif kind == "feed":
            yield from self.parse_feed(response)
        else:
            if self.profile.adhoc:
                for url in self.robots_sitemaps:
                    if request := self.request(url, self.parse_sitemap, priority=DISCOVERY):
                        yield request
            yield from self.parse_page(response)

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        """Article URLs of a sitemap, or the sitemaps of a sitemap index.

        @url https://www.cypnow.co.uk/sitemap.xml
        @returns requests 1
        """
        self.ledger.page(self.asked_url(response))
        try:
            listing = parse_sitemap(response.body)
        except ValueError as error:
            self.ledger.fail(self.asked_url(response), "parse_error", f"sitemap: {error}")
            return
        if listing.kind == "sitemapindex":
            for entry in listing.entries:
                if self.before_since(day_of(entry.lastmod)):
                    self.ledger.skip("before_since")
                elif request := self.request(entry.url, self.parse_sitemap, priority=DISCOVERY):
                    yield request
            return
        for entry in listing.entries:
            yield from self.candidate(entry)

    def parse_feed(self, response: Response) -> Iterator[Any]:
        """Article URLs of an RSS or Atom feed.

        @url https://www.cypnow.co.uk/rss.xml
        @returns requests 1
        """
        self.ledger.page(self.asked_url(response))
        try:
            listing = parse_feed(response.body)
        except ValueError as error:
            self.ledger.fail(self.asked_url(response), "parse_error", f"feed: {error}")
            return
        for entry in listing.entries:
            yield from self.candidate(entry)

    def candidate(self, entry: Entry, *, from_list: bool = True) -> Iterator[scrapy.Request]:
        """Request a page a sitemap, feed or listing names as an article, unless there is no need."""
        url = normalise_url(entry.url)
        if not self.profile.in_scope(url):
            if from_list:
                self.ledger.skip("out_of_scope")
            return
        if from_list and self.profile.patterns and not self.matches_article_pattern(url):
            self.ledger.skip("not_article_url")
            return
        if self.before_since(day_of(entry.published or entry.lastmod)):
            self.ledger.skip("before_since")
            return
        hint = self.remember(Entry(url, entry.lastmod, entry.published, entry.title))
        if self.is_stored_and_unchanged(url, hint.lastmod):
            self.ledger.skip("known")
            return
        if request := self.request(url, self.parse_page, priority=ARTICLE):
            yield request

    def matches_article_pattern(self, url: str) -> bool:
        path = urlsplit(url).path
        return any(p.search(path) for p in self.profile.patterns)

    # -- pages -----------------------------------------------------------------------------------

    def parse_page(self, response: Response) -> Iterator[Any]:
        """Store the page if it is an article; follow its links if it lists articles.

        @url https://www.cypnow.co.uk/news/article/birmingham-children-s-trust-names-first-chief-executive
        @returns items 1 1
        @scrapes url title published source
        """
        kind = sniff(response.body, _content_type(response))
        if kind in ("sitemap", "feed") and response.meta.get("start"):
            yield from self.parse_any(response)
            return
        self.ledger.page(self.asked_url(response))
        if kind != "html":
            self.ledger.skip(f"not_html_{kind}")
            return
        if not isinstance(response, TextResponse):  # HTML served with no or a wrong Content-Type
            response = response.replace(cls=HtmlResponse)
        signals = page_signals(response.text, response.url, self.profile.patterns)
        if signals.is_article:
            item = self.article(response, signals)
            if item is not None:
                yield item
            if self.profile.follow != "all":
                return
        else:
            self.ledger.skip("not_article")
        if not signals.nofollow:
            yield from self.follow_links(response, signals)

    def article(self, response: Response, signals: PageSignals) -> FetchedDocument | None:
        url = self.identity(response.url, signals.canonical)
        hint = self.hint_for(response.url, url)
        published = signals.published or day_of(hint.published if hint else None)
        if self.before_since(published):
            self.ledger.skip("before_since")
            return None
        return FetchedDocument(
            url=url,
            kind="article",
            title=signals.title or (hint.title if hint else None),
            published=published,
            lastmod=(hint.lastmod if hint else None) or signals.modified,
            **self.document_fields(response),
        )

    @staticmethod
    def identity(page_url: str, canonical: str | None) -> str:
        """The canonical URL, unless it is missing, not http(s), or the site's home page for
        every page (a common CMS mistake that would merge all articles into one)."""
        page = normalise_url(page_url)
        if not canonical or not canonical.startswith(("http://", "https://")):
            return page
        chosen = normalise_url(canonical)
        if urlsplit(chosen).path in ("", "/") and urlsplit(page).path not in ("", "/"):
            return page
        return chosen

    def follow_links(self, response: Response, signals: PageSignals) -> Iterator[scrapy.Request]:
        """Article links of a listing page, more listing pages, and (``follow = "all"``) other pages.

        Pagination stops where the listing shows only articles dated before ``--since``, or only
        articles already stored: an incremental crawl reads the newest pages of a listing, not all.
        """
        mode = self.profile.follow
        if mode == "none":
            return
        depth = response.meta.get("depth", 0)
        new = stored = 0
        for url in signals.links:
            if not self.profile.in_scope(url):
                continue
            article_like = (
                self.matches_article_pattern(url) if self.profile.patterns else looks_like_article_url(url)
            )
            if article_like:
                requests = list(self.candidate(Entry(url), from_list=False))
                new += len(requests)
                stored += not requests and url_key(url) in self.known
                yield from requests
            elif mode == "all" and depth < self.profile.max_depth:
                if request := self.request(url, self.parse_page, priority=LISTING - depth - 1):
                    yield request
        listed_before_since = bool(signals.listed_dates) and all(
            self.before_since(day) for day in signals.listed_dates
        )
        all_stored = stored > 0 and new == 0 and not self.refresh
        if listed_before_since or all_stored:
            self.ledger.skip("listing_end")
            return
        for url in signals.next_pages:
            if request := self.request(url, self.parse_page, priority=LISTING):
                yield request


def _content_type(response: Response) -> str | None:
    value = response.headers.get(b"Content-Type")
    return value.decode("latin-1") if value else None
