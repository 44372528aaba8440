"""Is this page an article? Decided from what the page says about itself.

Every news site, whatever its template, tells search engines and social
networks what a page is: JSON-LD ``NewsArticle``/``Article``, microdata,
``og:type``, ``article:published_time``; and a reader sees a dated byline over
a run of paragraphs. Listing, tag, author, section and login pages say the
opposite: ``CollectionPage``, many headline links, pagination, ``noindex``, a
password field. ``page_signals`` weighs these into one decision with the
reasons, and also returns what the crawler needs for identity and
incrementality (canonical URL, title, dates, links to follow).

Pure: HTML text and URL in, a ``PageSignals`` out; no Scrapy here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from scrutiny.crawlers.discovery import day_of, iso_datetime

ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "blogposting", "liveblogposting",
    "report", "scholarlyarticle", "techarticle", "socialmediaposting",
}
LISTING_TYPES = {"collectionpage", "itemlist", "searchresultspage", "profilepage", "blog", "website-home"}
# Path segments that name a listing, not an article.
LISTING_SEGMENTS = {
    "tag", "tags", "topic", "topics", "category", "categories", "section", "sections", "author", "authors",
    "page", "search", "login", "sign-in", "signin", "register", "account", "my-account", "subscribe",
    "archive", "archives", "feed", "rss", "newsletter", "newsletters", "contact", "about", "jobs",
}
BYLINE_TEXT = re.compile(r"^\s*(?:by|written by|words by)\s+\S", re.IGNORECASE)
BYLINE_MARK = re.compile(r"byline|author|writer|contributor", re.IGNORECASE)
DATE_PATH = re.compile(r"/(19|20)\d\d/(0?[1-9]|1[0-2])(/(0?[1-9]|[12]\d|3[01]))?/[^/]+")
ID_SEGMENT = re.compile(r"(?:^|[-_./])\d{5,}(?:\.[a-z]+)?$|\.article$|\.html?$", re.IGNORECASE)
PAGINATION_TEXT = re.compile(r"^(next|older)\b|^[»›>→]$|[»›→]$", re.IGNORECASE)
ARTICLE_THRESHOLD = 3
PAGER_XPATH = ("//*[contains(@class,'pagination') or contains(@class,'pager') or contains(@class,'nav-links')]"
               "//a[@href]")
# Headlines that link elsewhere, outside comments and side furniture: the items of a listing.
_FURNITURE = ("comment", "related", "sidebar", "widget", "footer", "promo", "recommend", "trending", "popular",
              "most-read", "aside")
TEASER_XPATH = (
    "//*[self::h2 or self::h3 or self::h4][.//a[@href]][not(ancestor::aside or ancestor::footer or ancestor::nav"
    + "".join(f" or ancestor::*[contains(@class,'{word}')]" for word in _FURNITURE)
    + ")]"
)


@dataclass
class PageSignals:
    """What a page says about itself; ``is_article`` is the crawler's store-or-not decision."""

    url: str
    canonical: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    modified: str | None = None  # ISO 8601
    score: int = 0
    reasons: list[str] = field(default_factory=list)
    noindex: bool = False
    nofollow: bool = False
    links: list[str] = field(default_factory=list)  # absolute, in document order, deduplicated
    next_pages: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    listed_dates: list[str] = field(default_factory=list)  # dates shown beside links (listing items)

    @property
    def is_article(self) -> bool:
        return self.score >= ARTICLE_THRESHOLD


def looks_like_article_url(url: str) -> bool:
    """URL shape of an article on most news sites: a dated path, a numeric id, or a long slug."""
    path = urlsplit(url).path
    segments = [s for s in path.split("/") if s]
    if not segments or any(s.lower() in LISTING_SEGMENTS for s in segments[:-1] + segments[-1:]):
        return False
    if DATE_PATH.search(path):
        return True
    last = segments[-1]
    if ID_SEGMENT.search(last) and len(segments) >= 2:
        return True
    return last.count("-") >= 3 and len(last) >= 20


def page_signals(html: str | bytes, url: str, article_patterns: Iterable[re.Pattern] = ()) -> PageSignals:
    """Read ``html`` (fetched from ``url``) and decide whether it is an article."""
    signals = PageSignals(url=url)
    try:
        root = lxml.html.fromstring(html if html else "<html></html>")
    except (etree.ParserError, ValueError):
        signals.reasons.append("unparseable")
        return signals
    base = _base_url(root, url)
    metas = _metas(root)
    _read_head(root, metas, base, signals)
    jsonld = list(_jsonld_objects(root))
    _weigh(root, metas, url, signals, jsonld, tuple(article_patterns))
    _read_links(root, base, signals)
    return signals


def _base_url(root: etree._Element, url: str) -> str:
    href = next(iter(root.xpath("//base/@href")), None)
    return urljoin(url, href.strip()) if href else url


def _metas(root: etree._Element) -> dict[str, str]:
    """``<meta>`` contents by lower-cased property, name or itemprop (the first non-empty one wins)."""
    found: dict[str, str] = {}
    for element in root.iter("meta"):
        content = (element.get("content") or "").strip()
        if not content:
            continue
        for attribute in ("property", "name", "itemprop"):
            key = (element.get(attribute) or "").strip().lower()
            if key:
                found.setdefault(key, content)
    return found


def _meta(metas: dict[str, str], *names: str) -> str | None:
    return next((metas[name] for name in names if name in metas), None)


def _read_head(root: etree._Element, metas: dict[str, str], base: str, signals: PageSignals) -> None:
    canonical = next(iter(root.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]"
                                      "/@href")), None)
    og_url = _meta(metas, "og:url")
    chosen = (canonical or og_url or "").strip()
    if chosen:
        signals.canonical = urljoin(base, chosen)
    robots = (_meta(metas, "robots") or "").lower()
    signals.noindex = "noindex" in robots or "none" in robots.split(",")
    signals.nofollow = "nofollow" in robots or "none" in robots.split(",")
    title = _meta(metas, "og:title", "twitter:title")
    if not title:
        heading = root.xpath("//h1")
        title = _clean(heading[0].text_content()) if heading else None
    if not title:
        title = _clean(next(iter(root.xpath("//title/text()")), ""))
    signals.title = title or None
    for href in root.xpath("//link[@rel='alternate'][contains(@type,'rss') or contains(@type,'atom')]/@href"):
        signals.feeds.append(urljoin(base, href.strip()))


def _clean(text: str) -> str:
    return " ".join(text.split())


def _jsonld_objects(root: etree._Element) -> Iterator[dict]:
    """Every JSON-LD object on the page, ``@graph`` members included (broken blocks are skipped)."""
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content() or "null", strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])


def _types(obj: dict) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1].lower() for v in values if v}


def _weigh(
    root: etree._Element, metas: dict[str, str], url: str, signals: PageSignals, jsonld: list[dict],
    patterns: tuple[re.Pattern, ...],
) -> None:
    score = 0
    reasons = signals.reasons

    def vote(points: int, reason: str) -> None:
        nonlocal score
        score += points
        reasons.append(f"{reason}{points:+d}")

    articles = [obj for obj in jsonld if _types(obj) & ARTICLE_TYPES]
    if articles:
        vote(3, "jsonld-article")
        first = articles[0]
        signals.published = signals.published or day_of(iso_datetime(str(first.get("datePublished") or "")))
        signals.modified = iso_datetime(str(first.get("dateModified") or "")) or signals.modified
        headline = first.get("headline")
        if isinstance(headline, str) and headline.strip():
            signals.title = _clean(headline)
    elif any(_types(obj) & LISTING_TYPES for obj in jsonld):
        vote(-3, "jsonld-listing")
    if root.xpath("//*[@itemtype][contains(translate(@itemtype,'ABCDEFGHIJKLMNOPQRSTUVWXYZ',"
                  "'abcdefghijklmnopqrstuvwxyz'),'article') or contains(translate(@itemtype,"
                  "'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz'),'blogposting')]"):
        vote(3, "microdata-article")
    og_type = (_meta(metas, "og:type") or "").lower()
    if og_type == "article":
        vote(3, "og-article")
    elif og_type in ("website", "profile", "object"):
        vote(-1, f"og-{og_type}")
    published_meta = _meta(metas, "article:published_time", "datepublished", "date", "dc.date.issued",
                           "sailthru.date", "parsely-pub-date")
    if published_meta:
        vote(2, "published-meta")
        signals.published = signals.published or day_of(iso_datetime(published_meta))
    modified_meta = _meta(metas, "article:modified_time", "datemodified", "og:updated_time")
    if modified_meta:
        signals.modified = signals.modified or iso_datetime(modified_meta)
    if signals.noindex:
        vote(-3, "noindex")
    if root.xpath("//input[translate(@type,'PASSWORD','password')='password']"):
        vote(-3, "password-form")
    date = _visible_date(root, url)
    if date:
        signals.published = signals.published or date
    dated_byline = bool(date) and _has_byline(root)
    body = _body_paragraphs(root) >= 2
    if dated_byline:
        vote(1, "dated-byline")
    if body:
        vote(1, "body-paragraphs")
    if dated_byline and body:
        vote(1, "byline-over-body")
    teasers = len(root.xpath(TEASER_XPATH))
    if teasers >= 2:
        vote(-2, "teaser-headlines")
    if root.xpath("//link[@rel='next'] | //a[@rel='next']"):
        vote(-1, "pagination")
    if patterns and any(p.search(urlsplit(url).path) for p in patterns):
        vote(1, "article-url-pattern")
    elif looks_like_article_url(url):
        vote(1, "article-url-shape")
    elif urlsplit(url).path.strip("/") == "":
        vote(-2, "home-page")
    signals.score = score


def _has_byline(root: etree._Element) -> bool:
    for element in root.xpath("//*[@rel='author'] | //*[@class or @itemprop]"):
        marks = f"{element.get('class', '')} {element.get('itemprop', '')} {element.get('rel', '')}"
        if BYLINE_MARK.search(marks) and _clean(element.text_content()):
            if element.xpath("ancestor::*[contains(@class,'comment')]"):
                continue
            return True
    for text in root.xpath("//p/text() | //span/text() | //div/text()"):
        if BYLINE_TEXT.match(text) and len(text) < 80:
            return True
    return False


def _visible_date(root: etree._Element, url: str) -> str | None:
    """The page's publication date as htmldate finds it (markup, visible text, URL)."""
    from htmldate import find_date

    try:
        found = find_date(root, url=url, original_date=True, extensive_search=False)
    except Exception:  # noqa: BLE001 - htmldate on odd markup: no date, not a crash
        return None
    return found or None


def _body_paragraphs(root: etree._Element) -> int:
    """The longest run of prose paragraphs under one parent: an article body has one."""
    best = 0
    for parent in {p.getparent() for p in root.xpath("//p") if p.getparent() is not None}:
        if parent.xpath("ancestor-or-self::*[contains(@class,'comment')]"):
            continue
        count = sum(1 for p in parent.findall("p") if len(_clean(p.text_content())) >= 60)
        best = max(best, count)
    return best


def _read_links(root: etree._Element, base: str, signals: PageSignals) -> None:
    seen: set[str] = set()
    in_pager = set(root.xpath(PAGER_XPATH))
    for anchor in root.xpath("//a[@href]"):
        href = anchor.get("href", "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        absolute = (href if href.startswith(("https://", "http://")) else urljoin(base, href)).split("#", 1)[0]
        rel = (anchor.get("rel") or "").lower().split()
        if "nofollow" in rel:
            continue
        if "next" in rel or anchor in in_pager or PAGINATION_TEXT.search(_clean(anchor.text_content())):
            if absolute not in signals.next_pages:
                signals.next_pages.append(absolute)
        if absolute not in seen:
            seen.add(absolute)
            signals.links.append(absolute)
    for element in root.xpath("//time[@datetime]"):
        value = day_of(iso_datetime(element.get("datetime", "")))
        if value:
            signals.listed_dates.append(value)
    for href in root.xpath("//link[@rel='next']/@href"):
        absolute = urljoin(base, href.strip())
        if absolute not in signals.next_pages:
            signals.next_pages.append(absolute)

