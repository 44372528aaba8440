"""A site the crawler has never seen, crawled from ``--start-url`` alone (a sitemap and a feed).

The site is built here with a structure unlike the dev sites: ``/posts/*.html``
articles marked up three different ways, a story section only its Atom feed
lists, the same story under two URLs, a topic page, and a robots-disallowed
page that its sitemap lists anyway.
"""

from __future__ import annotations

import json

import pytest

from scrutiny.config import Paths
from scrutiny.corpus_server import serve_corpus
from scrutiny.crawlers.run import crawl
from scrutiny.db.schema import open_db

pytestmark = pytest.mark.slow

PARAGRAPHS = "".join(
    f"<p>Paragraph {i}: the council's cabinet agreed the plan for children's services after a long debate "
    f"about budgets, staffing and the findings of the latest inspection.</p>"
    for i in range(4)
)


def jsonld_page(title: str, url: str) -> str:
    data = {"@context": "https://schema.org", "@type": "BlogPosting", "headline": title,
            "datePublished": "2024-02-03T10:00:00Z", "url": url}
    return (f'<!DOCTYPE html><html><head><title>{title} | Riverside Post</title>'
            f'<link rel="canonical" href="{url}">'
            f'<script type="application/ld+json">{json.dumps(data)}</script></head>'
            f'<body><main><h1>{title}</h1>{PARAGRAPHS}</main></body></html>')


def og_page(title: str, url: str) -> str:
    return (f'<!DOCTYPE html><html><head><title>{title}</title>'
            f'<meta property="og:type" content="article"><meta property="og:url" content="{url}">'
            f'<meta property="article:published_time" content="2024-01-15T08:00:00+00:00"></head>'
            f'<body><div class="story"><h1>{title}</h1>{PARAGRAPHS}</div></body></html>')


def plain_page(title: str) -> str:
    """No metadata at all: only a dated byline over paragraphs, and no canonical link."""
    return (f'<!DOCTYPE html><html><head><title>{title}</title></head><body>'
            f'<div class="post"><h1>{title}</h1><div class="meta"><span class="author">By Sam Reed</span>'
            f' <span class="when">12 December 2023</span></div><div class="text">{PARAGRAPHS}</div></div>'
            f'</body></html>')


def topic_page(links: list[str]) -> str:
    items = "".join(f'<li><h3><a href="{href}">Story {i}</a></h3></li>' for i, href in enumerate(links))
    return (f'<!DOCTYPE html><html><head><title>Council topic</title></head><body><h1>Council</h1>'
            f'<ul>{items}</ul></body></html>')


@pytest.fixture(scope="module")
def new_site(tmp_path_factory, crawl_settings):
    root = tmp_path_factory.mktemp("corpus")
    site = root / "sites" / "riverside"
    (site / "posts").mkdir(parents=True)
    (site / "stories").mkdir()
    (site / "archive").mkdir()
    (site / "private").mkdir()
    (site / "topics").mkdir()
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    with serve_corpus(root) as server:
        base = server.site_url("riverside")
        pages = {
            "posts/interim-director-named-for-childrens-services.html":
                jsonld_page("Interim director named", f"{base}/posts/interim-director-named-for-childrens-services.html"),
            "posts/council-budget-protects-social-care-posts.html":
                og_page("Budget protects social care", f"{base}/posts/council-budget-protects-social-care-posts.html"),
            "posts/ofsted-visit-finds-progress-in-help-and-protection.html":
                plain_page("Ofsted visit finds progress"),
            "archive/ofsted-visit-finds-progress-in-help-and-protection.html":
                plain_page("Ofsted visit finds progress"),
            "private/draft-story-about-the-council-leadership.html": og_page("Draft", f"{base}/private/draft"),
            "topics/council.html": topic_page(["../posts/council-budget-protects-social-care-posts.html"]),
            "stories/new-chief-executive-starts-work-at-the-trust.html":
                og_page("New chief executive", f"{base}/stories/new-chief-executive-starts-work-at-the-trust.html"),
        }
        for path, text in pages.items():
            (site / path).write_text(text, encoding="utf-8")
        in_sitemap = [p for p in pages if not p.startswith("stories/")]
        (site / "sitemap.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<url><loc>{base}/{p}?utm_source=sitemap</loc></url>" for p in in_sitemap)
            + "</urlset>"
        )
        (site / "feed.atom").write_text(
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Riverside</title>'
            f'<entry><title>New chief executive</title><link href="{base}/stories/'
            'new-chief-executive-starts-work-at-the-trust.html"/><updated>2024-03-01T09:00:00Z</updated></entry>'
            "</feed>"
        )
        paths = Paths(tmp_path_factory.mktemp("generic-crawl"))
        summary = crawl(paths, progress=False, start_urls=[f"{base}/sitemap.xml", f"{base}/feed.atom"],
                        settings=crawl_settings)
        log = list(server.request_log)
    db = open_db(paths.db, migrate=False)
    documents = [dict(r) for r in db.query("select * from documents")]
    db.close()
    return {"base": base, "summary": summary, "log": log, "documents": documents}


def test_articles_of_an_unseen_site_are_stored_from_its_sitemap_and_feed(new_site):
    base = new_site["base"]
    twin = "ofsted-visit-finds-progress-in-help-and-protection.html"
    urls = {d["url"] for d in new_site["documents"]}
    stored_twin = urls & {f"{base}/posts/{twin}", f"{base}/archive/{twin}"}  # whichever came first
    assert urls - stored_twin == {
        f"{base}/posts/interim-director-named-for-childrens-services.html",
        f"{base}/posts/council-budget-protects-social-care-posts.html",
        f"{base}/stories/new-chief-executive-starts-work-at-the-trust.html",
    }
    assert len(stored_twin) == 1
    by_url = {d["url"]: d for d in new_site["documents"]}
    assert by_url[f"{base}/posts/interim-director-named-for-childrens-services.html"]["published"] == "2024-02-03"
    assert by_url[stored_twin.pop()]["published"] == "2023-12-12"
    assert by_url[f"{base}/stories/new-chief-executive-starts-work-at-the-trust.html"]["lastmod"] == (
        "2024-03-01T09:00:00+00:00")
    assert {d["source"] for d in new_site["documents"]} == {"127.0.0.1"}


def test_identical_content_under_two_urls_is_stored_once(new_site):
    twin = "ofsted-visit-finds-progress-in-help-and-protection.html"
    assert {f"/riverside/posts/{twin}", f"/riverside/archive/{twin}"} <= set(new_site["log"])
    assert len([d for d in new_site["documents"] if d["url"].endswith(twin)]) == 1
    assert new_site["summary"]["totals"]["duplicate"] == 1


def test_robots_disallowed_page_is_never_fetched_even_when_listed(new_site):
    assert not [p for p in new_site["log"] if "/private/" in p]
    assert new_site["summary"]["totals"]["skipped_by_reason"]["robots"] == 1


def test_a_topic_page_is_read_but_not_stored(new_site):
    assert any(p.startswith("/riverside/topics/council.html") for p in new_site["log"])
    assert not [d for d in new_site["documents"] if "/topics/" in d["url"]]


def test_tracking_parameters_never_reach_the_identity(new_site):
    assert not [d for d in new_site["documents"] if "utm_" in d["url"] or "utm_" in d["fetched_url"]]


def test_a_home_page_start_reads_the_sitemaps_robots_txt_names_at_its_crawl_delay(tmp_path, crawl_settings):
    site = tmp_path / "corpus" / "sites" / "harbour"
    (site / "news").mkdir(parents=True)
    (site / "index.html").write_text('<!DOCTYPE html><html><head><title>Harbour Gazette</title>'
                                     '<meta property="og:type" content="website"></head>'
                                     '<body><h1>Harbour Gazette</h1><a href="about.html">About us</a></body></html>')
    with serve_corpus(tmp_path / "corpus") as server:
        base = server.site_url("harbour")
        stories = [f"{base}/news/harbour-council-names-interim-childrens-director.html",
                   f"{base}/news/harbour-trust-takes-over-childrens-social-care.html"]
        for url in stories:
            (site / "news" / url.rsplit("/", 1)[1]).write_text(og_page("Harbour story", url))
        (site / "news-sitemap.xml").write_text(
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<url><loc>{u}</loc></url>" for u in stories) + "</urlset>")
        server.override("/robots.txt", f"User-agent: *\nCrawl-delay: 1\nSitemap: {base}/news-sitemap.xml\n",
                        content_type="text/plain")
        paths = Paths(tmp_path / "data")
        crawl(paths, progress=False, start_urls=[f"{base}/"], settings=crawl_settings)
        times = [t for p, t in zip(server.request_log, server.request_times, strict=True) if p != "/robots.txt"]
    db = open_db(paths.db, migrate=False)
    assert {r[0] for r in db.execute("select url from documents")} == set(stories)
    db.close()
    assert len(times) >= 4  # home page, sitemap, two stories (and the about page)
    assert all(later - earlier >= 0.95 for earlier, later in zip(times, times[1:], strict=False))
