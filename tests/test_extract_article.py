from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from scrutiny.extract.article import clean_author, parse_article, strip_site_name
from scrutiny.extract.encoding import decode_html
from scrutiny.extract.errors import ExtractionError
from scrutiny.extract.models import Document

REPO = Path(__file__).resolve().parents[1]
SITES = REPO / "corpus" / "sites"
GOLD = REPO / "corpus" / "gold" / "articles"
DEV_SOURCES = REPO / "corpus" / "gold" / "source" / "dev-src"
RENDERED = Path(__file__).resolve().parent / "pages" / "rendered"
EDGE = Path(__file__).resolve().parent / "pages" / "edge"
SHARED_GOLD = Path("/work/shared/gold/dev-site/gold")

# Furniture that the dev templates and the test templates wrap around articles.
BOILERPLATE = [
    "Your browser is no longer supported", "cookies", "Cookie", "Register Now to Continue Reading",
    "Register now to continue reading", "This content is for subscribers only", "Register for free to keep reading",
    "Subscribe to keep reading", "Subscribe to continue reading", "Sign in to keep reading",
    "Register for free to read the rest", "This content is for Premium Members only", "This article is for subscribers",
    "Have your say", "You must sign in", "Hide Ad", "Advertisement", "Share on", "Tweet", "Related Articles",
    "More from LGC", "More from Community Care", "Read More", "Most viewed", "Top Stories", "Sign up",
    "newsletter", "Comments", "Join the conversation", "Responses to", "thoughts on", "Leave a Reply",
    "says:", "Already a subscriber", "Already have an account", "Terms and Conditions", "All rights reserved",
    "Skip to", "Print this page", "Staff deserve better support", "nobody listened", "Reuse this content",
    "Since you’re here", "See also", "Readers' comments", "Local Democracy Reporting Service", "Posted on",
    "Published:", "Updated",
]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def canonical_of(html: bytes) -> str | None:
    m = re.search(rb'<link rel="canonical" href="([^"]+)"', html)
    return m.group(1).decode() if m else None


@cache
def dev_pages() -> dict[str, Path]:
    """Gold URL -> rendered page, matched by the page's canonical link."""
    pages = {}
    for path in SITES.glob("**/index.html"):
        url = canonical_of(path.read_bytes())
        if url:
            pages[url] = path
    return pages


def gold_docs() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]


@cache
def parsed(path: Path, url: str | None = None) -> Document:
    return parse_article(path.read_bytes(), url=url)


def dev_doc(gold: dict) -> Document:
    return parsed(dev_pages()[gold["url"]], "http://127.0.0.1:8000/page/")


def evidence(gold: dict) -> list[str]:
    return [fact["evidence"] for kind in ("people", "ratings", "events") for fact in gold[kind]]


GOLD_IDS = [p.stem for p in sorted(GOLD.glob("*.json"))]


def gold_by_id(doc_id: str) -> dict:
    return json.loads((GOLD / f"{doc_id}.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------
# The dev gold: 16 articles on four sites
# ---------------------------------------------------------------------------


def test_every_gold_document_has_its_page():
    assert len(GOLD_IDS) == 16
    assert {g["url"] for g in gold_docs()} <= set(dev_pages())


@pytest.mark.skipif(not SHARED_GOLD.is_dir(), reason="shared dev gold not present")
def test_bundled_gold_is_the_shared_dev_gold():
    for path in sorted(SHARED_GOLD.glob("*.json")):
        assert json.loads((GOLD / path.name).read_text(encoding="utf-8")) == json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("doc_id", GOLD_IDS)
def test_published_date_matches_gold(doc_id):
    gold = gold_by_id(doc_id)
    assert dev_doc(gold).published == gold["published"]


@pytest.mark.parametrize("doc_id", GOLD_IDS)
def test_metadata_matches_gold(doc_id):
    gold = gold_by_id(doc_id)
    doc = dev_doc(gold)
    assert (doc.url, doc.title, doc.authors, doc.paywalled) == (
        gold["url"], gold["title"], gold["authors"], gold["paywalled"]
    )
    assert doc.kind == "article"
    assert doc.fetched_url == "http://127.0.0.1:8000/page/"


@pytest.mark.parametrize("doc_id", GOLD_IDS)
def test_every_gold_evidence_is_in_the_text(doc_id):
    # Paragraphs are joined with "\n"; one LGC evidence spans two paragraphs, so compare as the
    # gold checker does, with whitespace collapsed.
    gold = gold_by_id(doc_id)
    text = norm(dev_doc(gold).text)
    missing = [e for e in evidence(gold) if norm(e) not in text]
    assert missing == []


def test_evidence_totals():
    found = raw = total = 0
    for gold in gold_docs():
        text = dev_doc(gold).text
        for e in evidence(gold):
            total += 1
            raw += e in text
            found += norm(e) in norm(text)
    assert (found, total) == (162, 162)
    assert raw == 161  # the one evidence that spans two paragraphs


@pytest.mark.parametrize("doc_id", GOLD_IDS)
def test_text_is_exactly_the_article_paragraphs(doc_id):
    gold = gold_by_id(doc_id)
    source = json.loads((DEV_SOURCES / f"{doc_id}.json").read_text(encoding="utf-8"))
    expected = "\n".join(norm(re.sub(r"^(## |> )", "", p)) for p in source["paragraphs"])
    assert dev_doc(gold).text == expected


@pytest.mark.parametrize("doc_id", GOLD_IDS)
def test_no_boilerplate_survives_on_dev_pages(doc_id):
    text = dev_doc(gold_by_id(doc_id)).text
    assert [phrase for phrase in BOILERPLATE if phrase in text] == []


def test_text_keeps_the_page_characters():
    doc = dev_doc(gold_by_id("000_5f9c5cb09393d4f7"))
    assert "£1.15m" in doc.text and "“adequate”" in doc.text and "– police, schools, health –" in doc.text
    assert "Setting a precedent" in doc.text.split("\n")  # a sub-heading is its own line


def test_standfirst_is_kept_out_of_the_text():
    doc = dev_doc(gold_by_id("b_doncaster_2013"))
    assert "Education secretary backs review’s call" not in doc.text
    assert doc.description.startswith("Education secretary backs review’s call")


def test_other_metadata_of_a_dev_page():
    doc = dev_doc(gold_by_id("e_sunderland_2021"))
    assert doc.section == "Politics"
    assert doc.language == "en"
    assert doc.authors == ["Gareth Lowery"]


# ---------------------------------------------------------------------------
# The same articles through five more templates (tests/pages/render_pages.py)
# ---------------------------------------------------------------------------

RENDERED_EXPECTED = json.loads((RENDERED / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(RENDERED_EXPECTED))
def test_rendered_template_pages(name):
    expected = RENDERED_EXPECTED[name]
    doc = parsed(RENDERED / name, "http://127.0.0.1:8000/" + name)
    assert (doc.url, doc.title, doc.published, doc.authors, doc.paywalled) == (
        expected["url"], expected["title"], expected["published"], expected["authors"], expected["paywalled"]
    )
    # The component-per-paragraph template renders its standfirst as the body's bold first paragraph.
    allowed = {expected["text"], expected["standfirst"] + "\n" + expected["text"]}
    assert doc.text in allowed
    assert [phrase for phrase in BOILERPLATE if phrase in doc.text] == []


# ---------------------------------------------------------------------------
# Hand-written edge cases (tests/pages/edge)
# ---------------------------------------------------------------------------


def edge(name: str, url: str | None = None, content_type: str | None = None) -> Document:
    return parse_article((EDGE / name).read_bytes(), url=url or f"https://fetched.example/{name}",
                         content_type=content_type)


def test_jsonld_graph_gives_date_and_authors_by_id():
    doc = edge("yoast-graph.html")
    assert doc.published == "2020-02-04"
    assert doc.authors == ["Harriet Cole", "Tomasz Nowak"]
    assert doc.section == "Education"
    assert doc.title == "Council appoints new director of children’s services"
    assert "Let’s hope" not in doc.text and "Congratulations" not in doc.text


def test_only_a_published_line():
    doc = edge("published-only.html")
    assert doc.published == "2019-04-03"
    assert doc.authors == ["Alun Pryce"]
    assert doc.text.startswith("Foster carers in the borough")
    assert "About time" not in doc.text and "Published" not in doc.text


def test_windows_1252_page_labelled_utf8():
    doc = edge("cp1252-labelled-utf8.html")
    assert doc.title == "Children’s trust given £2.5m to clear backlog"
    assert "an extra £2.5m to clear a backlog" in doc.text
    assert "rated the service “inadequate” in the summer" in doc.text
    assert "the money – agreed at a cabinet meeting last week –" in doc.text
    assert doc.authors == ["Siân O’Neill"]
    assert "\ufffd" not in doc.text


def test_broken_html_still_gives_the_story():
    doc = edge("broken.html")
    assert doc.title == "Review finds ‘serious weaknesses’ in safeguarding board"
    assert doc.published == "2019-06-14"
    assert "Dr Rachel Simms" in doc.text
    assert "referrals were often delayed." in doc.text


def test_comment_and_rail_dates_do_not_win():
    doc = edge("comment-dates.html")
    assert doc.published == "2018-03-12"
    assert "This has been coming" not in doc.text and "Good news for the pupils" not in doc.text


def test_wordpress_updated_time_and_site_name_author_do_not_win():
    doc = edge("wordpress-classic.html")
    assert doc.published == "2021-06-30"
    assert doc.authors == ["Kieran Walsh"]
    assert doc.url == "https://eastshireeye.example/2021/06/30/care-leavers-council-tax-exemption-extended/"
    assert "Brilliant news" not in doc.text and "Recent Posts" not in doc.text


def test_paywall_class_marks_the_page_paywalled():
    doc = edge("paywall-class.html")
    assert doc.paywalled is True
    assert doc.published == "2022-10-05"
    assert doc.authors == ["Laura Finch"]
    assert doc.url == "https://psweekly.example/analysis/race-to-recruit-foster-carers"  # og:url
    assert "Want to read more" not in doc.text and "How one region" not in doc.text


def test_hidden_wall_is_not_a_wall_and_relative_canonical_is_resolved():
    doc = edge("hidden-paywall.html", url="https://countychronicle.example/news/ofsted-praises?utm_source=x")
    assert doc.paywalled is False
    assert doc.url == "https://countychronicle.example/news/ofsted-praises-care-leavers-service"
    assert doc.fetched_url == "https://countychronicle.example/news/ofsted-praises?utm_source=x"
    assert doc.published == "2023-07-20"  # 23:30Z in July is the next day in the UK
    assert doc.authors == ["Ben Okafor"]


def test_plain_local_democracy_byline_and_wall_heading():
    doc = edge("ldrs-byline.html")
    assert doc.authors == ["Gareth Lowery"]
    assert doc.published == "2013-08-07"
    assert doc.paywalled is True
    assert doc.text.endswith("Cabinet members will be asked to agree the move at a meeting next week.")


def test_updated_line_before_the_date_and_two_author_byline():
    doc = edge("ordinal-updated.html")
    assert doc.published == "2013-05-21"
    assert doc.title == "Sandwell names interim children’s director"
    assert doc.authors == ["Jane Smith", "Tom Brown"]
    assert doc.paywalled is True
    assert doc.text.endswith("child protection services in April.")


def test_url_date_when_the_page_shows_none():
    doc = edge("url-date-only.html")
    assert doc.published == "2014-09-19"
    assert "Well done" not in doc.text and "First!" not in doc.text


@pytest.mark.parametrize("name", ["binary.bin", "empty-body.html"])
def test_pages_without_text_raise_a_one_line_extraction_error(name):
    with pytest.raises(ExtractionError) as caught:
        edge(name)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "markup",
    ["", "   ", b"", b"\x00\x00\x00", "<html>", "<html><body></body></html>", "<p>", "<<<>>>",
     "<html><head><title>x</title></head><body><div><div><div>", b"\xff\xfe\xfa" * 50,
     "<?xml version='1.0'?><rss><channel><title>Feed</title></channel></rss>"],
)
def test_hopeless_input_raises_extraction_error(markup):
    with pytest.raises(ExtractionError):
        parse_article(markup)


def test_truncated_pages_never_crash():
    html = (SITES / "lgc/services/children/sefton-handed-commissioner-after-inadequate-ofsted-verdict"
            / "7031234.article/index.html").read_bytes()
    for cut in range(0, len(html), 997):
        try:
            doc = parse_article(html[:cut])
        except ExtractionError:
            continue
        assert isinstance(doc.text, str) and doc.text


# ---------------------------------------------------------------------------
# Small pages written inline
# ---------------------------------------------------------------------------

BODY = "".join(
    f"<p>Paragraph {i} of the story says that the council’s children’s services were rated good by inspectors.</p>"
    for i in range(4)
)


def page(head: str = "", before: str = "", after: str = "", title: str = "A council story") -> str:
    return (f"<html><head><title>{title} | Paper</title>{head}</head><body>{before}"
            f"<article><h1>{title}</h1><div class='body'>{BODY}</div></article>{after}</body></html>")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta name="sailthru.date" content="2014-02-03 10:00:00">', "2014-02-03"),
        ('<meta name="DC.date.issued" content="2011-09-30">', "2011-09-30"),
        ('<meta itemprop="datePublished" content="2012-01-15T09:00:00Z">', "2012-01-15"),
        ('<meta name="parsely-pub-date" content="2016-03-01T12:00:00Z">', "2016-03-01"),
        ('<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"BlogPosting",'
         '"datePublished":"2010-06-01"}]</script>', "2010-06-01"),
        ('<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-05-05",}</script>'
         '<meta property="article:published_time" content="2001-01-01">', "2019-05-05"),
    ],
)
def test_date_metas_in_order_of_trust(head, expected):
    assert parse_article(page(head=head)).published == expected


def test_article_time_beats_related_times_before_it():
    before = ('<section class="most-read"><ul><li><a href="/x">Other story</a> '
              '<time datetime="2020-01-01">1 Jan 2020</time></li></ul></section>')
    html = page(before=before).replace("<h1>A council story</h1>",
                                       '<h1>A council story</h1><time datetime="2018-07-04T10:00">4 July 2018</time>')
    assert parse_article(html).published == "2018-07-04"


def test_rel_author_in_comments_is_not_a_byline():
    after = '<div class="comments"><p><a rel="author" href="/u/1">Angry Reader</a> 5 May 2019</p></div>'
    doc = parse_article(page(after=after, head='<meta name="author" content="Dana Smith">'))
    assert doc.authors == ["Dana Smith"]


def test_language_and_title_suffix():
    doc = parse_article(page().replace("<html>", '<html lang="en_gb">'))
    assert doc.language == "en-GB"
    assert doc.title == "A council story"
    assert parse_article(page(), url="https://x.example/a").url == "https://x.example/a"


def test_pull_quote_in_an_aside_is_kept():
    html = page().replace("</div></article>",
                          '<aside class="article__pullquote"><q>Retention is the real problem.</q></aside></div></article>')
    assert "Retention is the real problem." in parse_article(html).text.split("\n")


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("by Gareth Lowery, Local Democracy Reporting Service", ["Gareth Lowery"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Reporter: Alun Pryce", ["Alun Pryce"]),
        ("Political Editor", []),
        ("CYP Now", []),
        ("https://www.facebook.com/paper", []),
        ("@janedoe", []),
    ],
)
def test_clean_author(raw, names):
    assert clean_author(raw) == names


def test_strip_site_name():
    assert strip_site_name("Sandwell looks to private partner | CYP Now", set()) == "Sandwell looks to private partner"
    assert strip_site_name("Council U-turn - what it means - Echo", {"echo"}) == "Council U-turn - what it means"


# ---------------------------------------------------------------------------
# Encodings
# ---------------------------------------------------------------------------

SAMPLE = "<p>Costs of £1.15m – “inadequate” rating, café</p>"


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (SAMPLE.encode("utf-8"), None),
        (SAMPLE.encode("utf-8"), "text/html; charset=iso-8859-1"),  # UTF-8 under a Latin-1 label
        (SAMPLE.encode("cp1252"), "text/html; charset=utf-8"),  # windows-1252 under a UTF-8 label
        (SAMPLE.encode("cp1252"), None),
        (b'<meta charset="utf-8">' + SAMPLE.encode("cp1252"), None),
        (b'<meta charset="windows-1252">' + SAMPLE.encode("cp1252"), None),
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "text/html; charset=windows-1252"),  # BOM wins
        (SAMPLE.encode("utf-16"), None),
    ],
)
def test_decode_html_gets_the_characters_right(data, content_type):
    assert decode_html(data, content_type).endswith(SAMPLE)


def test_decode_html_repairs_a_mixed_page():
    data = SAMPLE.encode("utf-8") + SAMPLE.encode("cp1252")
    assert decode_html(data, "text/html; charset=utf-8") == SAMPLE + SAMPLE


def test_decode_html_honours_a_non_western_label_and_detects_an_unlabelled_one():
    russian = "<p>Привет, это тестовая страница на русском языке для проверки кодировки</p>"
    assert decode_html(russian.encode("koi8-r"), "text/html; charset=koi8-r") == russian
    assert decode_html(russian.encode("cp1251")) == russian


def test_decode_html_never_raises():
    junk = bytes(range(256)) * 4
    assert isinstance(decode_html(junk), str)
    assert isinstance(decode_html(junk, "text/html; charset=utf-8"), str)
    assert isinstance(decode_html(junk, "text/html; charset=no-such-charset"), str)


def test_parse_article_uses_the_http_charset():
    html = page(title="Café closes").encode("utf-8")
    assert parse_article(html, content_type="text/html; charset=ISO-8859-1").title == "Café closes"
