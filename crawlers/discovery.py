"""Where articles are listed: XML sitemaps (indexes, Google News) and RSS/Atom feeds.

Pure functions, bytes in, entries out; the spiders decide what to fetch. The
parser never resolves entities nor touches the network, and tolerates broken
XML (``recover``), since a sitemap is often hand-rolled.
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from lxml import etree

MAX_UNZIPPED = 50 * 1024 * 1024  # the sitemap protocol's own cap is 50 MB uncompressed


@dataclass(frozen=True)
class Entry:
    """One URL a sitemap or feed lists, with what it says about the page."""

    url: str
    lastmod: str | None = None  # ISO 8601, when the page last changed
    published: str | None = None  # ISO 8601
    title: str | None = None


@dataclass(frozen=True)
class Listing:
    kind: str  # "sitemapindex", "urlset" or "feed"
    entries: tuple[Entry, ...]


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, recover=True, remove_comments=True)


def maybe_gunzip(body: bytes, limit: int = MAX_UNZIPPED) -> bytes:
    """A ``.xml.gz`` sitemap served as a file (not as Content-Encoding), capped against gzip bombs."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"gzipped body larger than {limit} bytes when unpacked")
    return data


def _root(body: bytes) -> etree._Element | None:
    body = maybe_gunzip(body).lstrip()
    if not body.startswith(b"<"):
        return None
    try:
        root = etree.fromstring(body, parser=_parser())
    except etree.XMLSyntaxError:
        return None
    return root


def sniff(body: bytes, content_type: str | None = None) -> str:
    """What a response is: ``sitemap``, ``feed``, ``pdf``, ``html`` or ``other``."""
    head = body[:1024].lstrip()
    ctype = (content_type or "").lower()
    if b"%PDF-" in body[:1024]:  # the PDF header may follow up to 1 KB of junk; the Content-Type may lie
        return "pdf"
    if body.startswith(b"\x1f\x8b") or head.startswith(b"<?xml") or "xml" in ctype:
        root = _root(body)
        name = _local(root.tag) if root is not None else ""
        if name in ("urlset", "sitemapindex"):
            return "sitemap"
        if name in ("rss", "feed", "rdf"):
            return "feed"
        if name == "html":
            return "html"
        if root is not None:
            return "other"
    lowered = head.lower()
    if "html" in ctype or any(tag in lowered for tag in (b"<!doctype html", b"<html", b"<head", b"<body")):
        return "html"
    return "other"


def _text(element: etree._Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def _child(element: etree._Element, *names: str) -> etree._Element | None:
    for child in element.iter():
        if child is not element and _local(child.tag) in names:
            return child
    return None


def parse_sitemap(body: bytes) -> Listing:
    """The entries of a sitemap or sitemap index; Google News fields become ``published``/``title``."""
    root = _root(body)
    if root is None or _local(root.tag) not in ("urlset", "sitemapindex"):
        raise ValueError("not an XML sitemap")
    kind = _local(root.tag)
    item_tag = "sitemap" if kind == "sitemapindex" else "url"
    entries = []
    for item in root:
        if _local(item.tag) != item_tag:
            continue
        loc = _text(_child(item, "loc"))
        if not loc:
            continue
        entries.append(
            Entry(
                url=loc,
                lastmod=iso_datetime(_text(_child(item, "lastmod"))),
                published=iso_datetime(_text(_child(item, "publication_date"))),  # Google News
                title=_text(_child(item, "title")),
            )
        )
    return Listing(kind, tuple(entries))


def parse_feed(body: bytes) -> Listing:
    """The items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed."""
    root = _root(body)
    if root is None or _local(root.tag) not in ("rss", "feed", "rdf"):
        raise ValueError("not an RSS or Atom feed")
    entries = []
    for item in root.iter():
        name = _local(item.tag)
        if name not in ("item", "entry"):
            continue
        url = _item_link(item)
        if not url:
            continue
        published = _text(_child(item, "pubdate", "published", "issued", "date"))
        updated = _text(_child(item, "updated", "modified"))
        entries.append(
            Entry(
                url=url,
                lastmod=iso_datetime(updated) or iso_datetime(published),
                published=iso_datetime(published),
                title=_text(_child(item, "title")),
            )
        )
    return Listing("feed", tuple(entries))


def _item_link(item: etree._Element) -> str | None:
    for child in item:
        if _local(child.tag) != "link":
            continue
        href = child.get("href")
        if href and child.get("rel", "alternate") == "alternate":
            return href.strip()
        if child.text and child.text.strip():
            return child.text.strip()
    guid = _child(item, "guid", "id")
    if guid is not None and guid.get("isPermaLink", "true") != "false":
        text = _text(guid)
        if text and text.startswith(("http://", "https://")):
            return text
    about = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
    return about.strip() if about else None


def iso_datetime(value: str | None) -> str | None:
    """A sitemap/feed date as ISO 8601 (date-only stays a date); None when unreadable."""
    parsed = parse_datetime(value) if value else None
    return parsed.isoformat() if parsed is not None else None


def parse_datetime(value: str) -> datetime | date | None:
    value = value.strip()
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def is_newer(new: str | None, old: str | None) -> bool:
    """Does date ``new`` say the page changed since ``old``? Compared at the coarser precision."""
    if not new:
        return False
    if not old:
        return True
    a, b = parse_datetime(new), parse_datetime(old)
    if a is None:
        return False
    if b is None:
        return True
    if isinstance(a, datetime) and isinstance(b, datetime):
        return a > b
    return _as_date(a) > _as_date(b)


def _as_date(value: datetime | date) -> date:
    return value.astimezone(UTC).date() if isinstance(value, datetime) else value


def day_of(value: str | None) -> str | None:
    """``YYYY-MM-DD`` of an ISO date or datetime (as written, not shifted to UTC)."""
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        return None
    return (parsed.date() if isinstance(parsed, datetime) else parsed).isoformat()
