"""Sitemaps, sitemap indexes, Google News sitemaps and RSS/Atom feeds (pure parsing)."""

from __future__ import annotations

import gzip

import pytest

from scrutiny.crawlers.discovery import day_of, is_newer, iso_datetime, parse_feed, parse_sitemap, sniff

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://www.example.org/news/a</loc><lastmod>2024-03-01</lastmod></url>
  <url><loc> https://www.example.org/news/b </loc><lastmod>2024-03-02T10:00:00+00:00</lastmod></url>
  <url><lastmod>2024-03-02</lastmod></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://www.example.org/sitemap-2024-03.xml</loc><lastmod>2024-03-31</lastmod></sitemap>
  <sitemap><loc>https://www.example.org/sitemap-2024-02.xml</loc></sitemap>
</sitemapindex>"""

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc>https://www.example.org/news/c</loc>
    <news:news>
      <news:publication><news:name>Example</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2024-03-05T08:30:00Z</news:publication_date>
      <news:title>Council names new director</news:title>
    </news:news>
  </url>
</urlset>"""

RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>x</title>
  <item><title>One</title><link>https://www.example.org/one</link>
        <pubDate>Wed, 10 May 2017 15:30:00 +0100</pubDate></item>
  <item><title>Two</title><guid isPermaLink="true">https://www.example.org/two</guid></item>
  <item><title>No link</title><guid isPermaLink="false">abc-123</guid></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>
  <entry><title>Three</title><link rel="alternate" href="https://www.example.org/three"/>
    <link rel="edit" href="https://www.example.org/edit/3"/>
    <published>2024-01-02T09:00:00Z</published><updated>2024-01-05T09:00:00Z</updated></entry>
</feed>"""


def test_parse_sitemap_gives_locations_and_lastmod():
    listing = parse_sitemap(URLSET)
    assert listing.kind == "urlset"
    assert [(e.url, e.lastmod) for e in listing.entries] == [
        ("https://www.example.org/news/a", "2024-03-01"),
        ("https://www.example.org/news/b", "2024-03-02T10:00:00+00:00"),
    ]


def test_parse_sitemap_index_lists_child_sitemaps():
    listing = parse_sitemap(INDEX)
    assert listing.kind == "sitemapindex"
    assert [e.url for e in listing.entries] == [
        "https://www.example.org/sitemap-2024-03.xml", "https://www.example.org/sitemap-2024-02.xml"]
    assert listing.entries[1].lastmod is None


def test_google_news_sitemap_gives_publication_date_and_title():
    (entry,) = parse_sitemap(NEWS).entries
    assert entry.published == "2024-03-05T08:30:00+00:00"
    assert entry.title == "Council names new director"


def test_gzipped_sitemap_is_read():
    assert len(parse_sitemap(gzip.compress(URLSET)).entries) == 2


def test_a_feed_is_not_a_sitemap():
    with pytest.raises(ValueError, match="not an XML sitemap"):
        parse_sitemap(RSS)


def test_rss_items_give_link_or_permalink_guid_and_date():
    entries = parse_feed(RSS).entries
    assert [(e.url, e.published) for e in entries] == [
        ("https://www.example.org/one", "2017-05-10T15:30:00+01:00"),
        ("https://www.example.org/two", None),
    ]


def test_atom_entries_give_alternate_link_and_updated_as_lastmod():
    (entry,) = parse_feed(ATOM).entries
    assert entry.url == "https://www.example.org/three"
    assert entry.published == "2024-01-02T09:00:00+00:00"
    assert entry.lastmod == "2024-01-05T09:00:00+00:00"


def test_entities_are_not_expanded():
    evil = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://e.org/&x;</loc></url></urlset>"""
    entries = parse_sitemap(evil).entries
    assert all("root:" not in e.url for e in entries)


@pytest.mark.parametrize(
    ("body", "content_type", "kind"),
    [
        (URLSET, "application/xml", "sitemap"),
        (gzip.compress(URLSET), "application/gzip", "sitemap"),
        (RSS, "text/xml", "feed"),
        (ATOM, None, "feed"),
        (b"%PDF-1.7\n...", "application/octet-stream", "pdf"),
        (b"<!DOCTYPE html><html><body>x</body></html>", None, "html"),
        (b"<html><body>Report not found</body></html>", "application/pdf", "html"),
        (b"\x00\x01binary", "application/octet-stream", "other"),
    ],
)
def test_sniff(body, content_type, kind):
    assert sniff(body, content_type) == kind


def test_is_newer_compares_at_the_coarser_precision():
    assert is_newer("2024-03-02", "2024-03-01")
    assert not is_newer("2024-03-01T15:30:00+01:00", "2024-03-01")
    assert is_newer("2024-03-01T15:30:00+00:00", "2024-03-01T15:00:00+00:00")
    assert is_newer("2024-03-01", None)
    assert not is_newer(None, "2024-03-01")


def test_dates_are_read_in_every_usual_form():
    assert iso_datetime("Tue, 21 Jul 2015 13:47:00 +0100") == "2015-07-21T13:47:00+01:00"
    assert iso_datetime("2015-07-21") == "2015-07-21"
    assert iso_datetime("not a date") is None
    assert day_of("2015-07-21T23:30:00-05:00") == "2015-07-21"
