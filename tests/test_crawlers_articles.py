"""Article detection: what a page says about itself decides whether it is stored."""

from __future__ import annotations

import json

import pytest

from scrutiny.config import CORPUS_DIR
from scrutiny.crawlers.articles import looks_like_article_url, page_signals

SITES = CORPUS_DIR / "sites"
GOLD = CORPUS_DIR / "gold" / "articles"


def corpus_pages() -> list[tuple[str, str]]:
    if not SITES.is_dir():
        return []
    return [(str(p.relative_to(SITES)), p.parent.name) for p in sorted(SITES.rglob("*.html"))]


@pytest.fixture(scope="module")
def gold_urls() -> set[str]:
    if not GOLD.is_dir():
        pytest.skip(f"gold articles missing: {GOLD}")
    return {json.loads(p.read_text())["url"] for p in GOLD.glob("*.json")}


@pytest.mark.parametrize("page", [p for p, _ in corpus_pages()])
def test_every_dev_site_page_is_classified_as_the_gold_says(page, gold_urls):
    site, _, path = page.partition("/")
    url = f"https://mirror.invalid/{site}/{path.removesuffix('index.html')}"
    signals = page_signals((SITES / page).read_bytes(), url)
    assert signals.canonical, "every dev page has a canonical URL"
    assert signals.is_article == (signals.canonical in gold_urls), signals.reasons


def test_article_signals_give_identity_title_and_date():
    page = (SITES / "lgc/services/children/sefton-handed-commissioner-after-inadequate-ofsted-verdict"
            / "7031234.article/index.html")
    signals = page_signals(page.read_bytes(), "https://mirror.invalid/x")
    assert signals.canonical == (
        "https://www.lgcplus.com/services/children/sefton-handed-commissioner-after-inadequate-ofsted-verdict"
        "/7031234.article")
    assert signals.published == "2022-05-26"
    assert signals.title.startswith("Sefton handed commissioner")


ARTICLE_BODY = "<p>" + "The council said the director would leave at the end of the month. " * 3 + "</p>"


def html_page(head: str = "", body: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>T</title>{head}</head><body>{body}</body></html>"


def test_jsonld_graph_article_is_an_article():
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "x"},
        {"@type": ["NewsArticle"], "headline": "Director quits", "datePublished": "2023-02-01T09:00:00Z"},
    ]}
    signals = page_signals(html_page(f'<script type="application/ld+json">{json.dumps(graph)}</script>'),
                           "https://example.org/2023/02/01/director-quits")
    assert signals.is_article
    assert signals.title == "Director quits"
    assert signals.published == "2023-02-01"


def test_microdata_blog_posting_is_an_article():
    body = f'<div itemscope itemtype="https://schema.org/BlogPosting"><h1>A post</h1>{ARTICLE_BODY * 2}</div>'
    assert page_signals(html_page(body=body), "https://example.org/blog/a-post-about-council-things").is_article


def test_dated_byline_over_paragraphs_is_an_article_without_any_metadata():
    body = (f'<article><h1>Council names director</h1><p class="byline">By Jo Bloggs</p>'
            f'<p class="date">3 March 2021</p><div class="entry">{ARTICLE_BODY * 3}</div></article>')
    signals = page_signals(html_page(body=body), "https://example.org/2021/03/03/council-names-director")
    assert signals.is_article, signals.reasons
    assert signals.published == "2021-03-03"


def test_collection_page_with_teasers_and_pagination_is_not_an_article():
    graph = {"@context": "https://schema.org", "@type": "CollectionPage", "name": "News"}
    teasers = "".join(f'<h2><a href="/news/story-number-{i}-about-the-council">Story {i}</a></h2>'
                      for i in range(5))
    signals = page_signals(
        html_page(f'<script type="application/ld+json">{json.dumps(graph)}</script>',
                  f'{teasers}<a rel="next" href="/news/page/2/">Next</a>'),
        "https://example.org/news/",
    )
    assert not signals.is_article
    assert signals.next_pages == ["https://example.org/news/page/2/"]


def test_login_page_is_not_an_article_even_with_og_article():
    signals = page_signals(
        html_page('<meta property="og:type" content="article"><meta name="robots" content="noindex, nofollow">',
                  '<form><input type="password" name="pwd"></form>'),
        "https://example.org/login/",
    )
    assert not signals.is_article
    assert signals.noindex and signals.nofollow


def test_broken_jsonld_is_ignored_not_fatal():
    signals = page_signals(html_page('<script type="application/ld+json">{"@type": "NewsArt</script>'
                                     '<meta property="og:type" content="article">', ARTICLE_BODY),
                           "https://example.org/a")
    assert signals.is_article


def test_canonical_falls_back_to_og_url_and_resolves_relative_links():
    signals = page_signals(html_page('<meta property="og:url" content="/news/a-story">'),
                           "https://example.org/news/a-story?utm_source=x")
    assert signals.canonical == "https://example.org/news/a-story"


def test_links_are_absolute_without_fragments_and_nofollow_links_are_left_out():
    signals = page_signals(
        html_page(body='<a href="../b#top">b</a><a rel="nofollow" href="/c">c</a><a href="mailto:x@y">m</a>'),
        "https://example.org/news/a/",
    )
    assert signals.links == ["https://example.org/news/b"]


def test_empty_or_garbage_input_is_not_an_article():
    assert not page_signals(b"", "https://example.org/").is_article
    assert not page_signals(b"\x00\xff\xfe garbage", "https://example.org/").is_article


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.communitycare.co.uk/2019/11/06/havering-confirms-acting-director/", True),
        ("https://www.lgcplus.com/services/children/some-story/7031234.article", True),
        ("https://www.sunderlandecho.com/news/politics/commissioner-sent-in-1-7374512", True),
        ("https://www.example.org/news/council-appoints-new-director-of-childrens-services", True),
        ("https://www.example.org/tag/childrens-services-and-social-care/", False),
        ("https://www.example.org/news/", False),
        ("https://www.example.org/", False),
    ],
)
def test_looks_like_article_url(url, expected):
    assert looks_like_article_url(url) == expected
