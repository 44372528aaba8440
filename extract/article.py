"""A fetched news page to a clean ``Document``: main text, headline, byline, dates, wall.

The page is parsed once (lxml, through trafilatura's loader). Metadata is read from
that tree first: JSON-LD, ``<meta>`` tags and the article's own header (the
elements around the headline, never reader comments, related-article lists or
sidebars). Then the page furniture (comments, related links, share tools,
registration walls, bylines, cookie and browser notices, adverts, newsletter boxes)
is pruned from the same tree by class, id, role and tag, and trafilatura finds the
main text in what is left. A few generic line rules finish the job: the text stops
at a wall phrase, and lines that are only furniture ("Hide Ad", "Comment") go.

The rules are generic on purpose: the pages come from templates never seen here.
The text keeps the page's characters (curly quotes, dashes, pound signs), because
every fact's evidence must be a verbatim substring of it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

from lxml import etree
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.utils import load_html

from scrutiny.extract.dates import date_from_url, find_dates, parse_date, parse_timestamp, strip_dates
from scrutiny.extract.encoding import decode_html
from scrutiny.extract.errors import ExtractionError
from scrutiny.extract.models import Document

# ---------------------------------------------------------------------------
# What page furniture looks like
# ---------------------------------------------------------------------------

# Class/id/role tokens of blocks that are beside the article, not part of it: dates,
# bylines and wall phrases found inside them belong to other articles or to readers.
ASIDE_TOKENS = frozenset({
    "comment", "comments", "commentlist", "discussion", "disqus", "replies", "responses", "respond",
    "related", "recommended", "recommendations", "popular", "trending", "mostread", "most-read",
    "sidebar", "widget", "widgets", "aside", "complementary", "listing", "teaser", "teasers", "promo",
    "outbrain", "taboola", "nav", "navigation", "navbar", "menu", "breadcrumb", "breadcrumbs",
    "footer", "colophon", "newsletter", "newsletters", "jobs", "readmore", "morestories", "banner",
    "contentinfo", "pager", "pagination", "masthead", "feedback", "reactions", "conversation",
    "usercomments", "onward", "alsosee",
})  # fmt: skip
# Token beginnings that mark the same blocks in compound class names ("commentbox", "relatedposts").
ASIDE_STEMS = ("comment", "related", "sidebar", "newsletter", "breadcrumb", "recommend", "outbrain",
               "taboola", "disqus", "mostread", "mostpopular", "trending")
NOT_ASIDE = frozenset({"commentary", "commentator", "commentators"})
ASIDE_TAGS = frozenset({"nav", "aside", "footer", "form"})

# Tokens of blocks pruned before text extraction, on top of ASIDE_TOKENS.
FURNITURE_TOKENS = ASIDE_TOKENS | frozenset({
    "share", "sharing", "sharebar", "social", "cookie", "cookies", "consent", "gdpr", "cmp",
    "browser", "unsupported", "outdated", "sitemessage", "ad", "ads", "advert", "adverts",
    "advertisement", "adslot", "dfp", "sponsor", "sponsored", "paywall", "wall", "regwall",
    "subscribe", "subscription", "signup", "login", "register", "byline", "author", "authors",
    "meta", "tags", "topics", "kicker", "eyebrow", "standfirst", "dek", "strapline", "tools",
    "print", "skip", "dialog", "alertdialog", "search", "modal", "popup", "toolbar", "writer", "credit",
    "contributor", "by",
})  # fmt: skip
FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "form", "button", "dialog", "template", "iframe", "svg"})

WALL_TOKENS = frozenset({"paywall", "paywalled", "wall", "regwall", "registrationwall", "metered", "premiumwall"})
# A block classed as one of these between headline and body is a standfirst.
STANDFIRST_TOKENS = frozenset({"standfirst", "dek", "strapline", "subheadline", "subtitle", "deck", "sapo"})
DATE_TOKENS = frozenset({"date", "time", "published", "publish", "pubdate", "posted", "dateline",
                         "timestamp", "datetime", "meta", "created", "on"})
UPDATED_TOKENS = frozenset({"updated", "modified", "update", "lastmod", "edited"})
SECTION_TOKENS = frozenset({"section", "kicker", "category", "categories", "label", "eyebrow", "rubric"})
BYLINE_TOKENS = frozenset({"byline", "author", "authors", "writer", "credit", "contributor", "by"})
QUOTE_TOKENS = frozenset({"quote", "pullquote", "blockquote", "pull"})

# Wall headings and prompts: "Register now to continue reading", "This content is for
# subscribers only", "Subscribe to keep reading", "To read the full article...".
WALL_PHRASE = re.compile(
    r"(?:register|subscribe|sign[ -]?in|sign[ -]?up|log[ -]?in|join)\b(?:\s+[\w’']+){0,4}?\s+to\s+"
    r"(?:continue|keep|carry\s+on|start)\s+reading"
    r"|\b(?:this|the\s+rest\s+of\s+this|the\s+full)\s+(?:content|article|story|page|piece)\s+is\s+"
    r"(?:only\s+)?(?:for|available\s+(?:to|for)|exclusive\s+to|reserved\s+for|open\s+to)\s+"
    r"(?:our\s+)?(?:paying\s+|registered\s+|premium\s+|digital\s+)?(?:subscribers|members|users|readers)"
    r"|\bsubscribers?[- ]only\s+(?:content|article|story)"
    r"|\bto\s+(?:continue\s+reading|read)\s+(?:the\s+(?:full|rest\s+of\s+(?:the|this))|this)\s+"
    r"(?:article|story|piece)\b.{0,40}\b(?:subscribe|register|sign\s+in|log\s+in|subscription)"
    r"|\byou(?:'ve|’ve| have)\s+(?:reached|used)\s+(?:your|all\s+(?:of\s+)?your)\s+(?:\w+\s+)?free\s+articles",
    re.IGNORECASE,
)

# Lines that are furniture whatever the template: dropped wherever they appear.
FURNITURE_LINE = re.compile(
    r"(?:advertisement|hide ad|ad|skip to (?:main )?content|print|email|tweet|share|share this"
    r"(?: article| story| page)?|share on \w+|comment|comments|\d+ comments?|leave a comment"
    r"|have your say|you must sign in(?: to (?:make a )?comment)?.*|sign in to comment.*|read more"
    r"|related (?:articles|stories|posts|content)|your browser is no longer supported.*"
    r"|we use cookies.*|accept(?: all)? cookies|cookie (?:settings|policy)|follow us on \w+"
    r"|sign up(?: to our \w+ newsletter)?|subscribe(?: now)?|register(?: now)?|sign in|log in"
    r"|already a subscriber\?.*|already have an account\?.*|back to top|listen to this article"
    r"|click here to (?:sign up|subscribe).*)[.!:]?",
    re.IGNORECASE,
)
# Lines made only of tool words: "Print this page | Email this story", "Share · Save".
TOOL_WORDS = frozenset({
    "print", "email", "e-mail", "share", "tweet", "comment", "comments", "save", "this", "page",
    "article", "story", "link", "copy", "facebook", "twitter", "linkedin", "whatsapp", "pinterest",
    "reddit", "messenger", "x", "on", "reply", "bookmark", "gift", "listen", "follow", "us",
})  # fmt: skip

# Lines that open the reader-comment section: the text ends there.
COMMENTS_HEADER = re.compile(
    r"(?:\d+|no|one|two) (?:responses?|comments?|replies) (?:to|on) .{0,200}|comments \(\d+\)"
    r"|join the conversation.*|have your say|reader comments|comments are closed\.?"
    r"|leave a (?:comment|reply)|(?:show|view|load) comments.*",
    re.IGNORECASE,
)

ARTICLE_TYPES = frozenset({
    "newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle",
    "liveblogposting", "scholarlyarticle", "report", "socialmediaposting", "techarticle",
})  # fmt: skip

# Metas that carry the publication date, most trusted first.
DATE_METAS = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "article.published", "article_date_original", "publication_date", "publish-date", "publish_date",
    "publishdate", "published_date", "pubdate", "dc.date.issued", "dcterms.issued", "dc.date.created",
    "dcterms.created", "parsely-pub-date", "sailthru.date", "cxenseparse:recs:publishtime", "date",
    "dc.date", "dcterms.date", "citation_publication_date", "citation_date", "originalpublicationdate",
)  # fmt: skip
AUTHOR_METAS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                "dcterms.creator", "byl", "citation_author", "twitter:creator")
SECTION_METAS = ("article:section", "parsely-section", "section", "article.section", "og:article:section")

# Words that make a byline part an organisation or a job title, not a name.
NOT_NAME_WORDS = frozenset({
    "service", "services", "reporter", "reporters", "correspondent", "editor", "editors", "staff",
    "agency", "news", "press", "association", "reporting", "democracy", "media", "ltd", "limited",
    "team", "desk", "writer", "contributor", "council", "newsroom", "online", "digital", "chief",
    "political", "senior", "deputy", "local", "government", "chronicle", "now", "echo", "times",
    "post", "daily", "weekly", "community", "care", "children", "young", "people", "pa", "bbc",
    "publishing", "group", "partner", "content", "sponsored", "guest", "admin", "administrator",
    "updated", "published", "comment", "comments", "share", "email", "follow", "twitter", "view",
    "profile", "more", "articles", "all", "by",
})  # fmt: skip

# Class names that are state flags, not kinds of block: "has-sidebar", "no-comments", "comments-open".
STATE_PREFIXES = frozenset({"has", "with", "no", "show", "hide", "is", "enable", "disable", "allow", "js", "single"})
STATE_SUFFIXES = frozenset({"open", "closed", "enabled", "disabled", "active", "on", "off", "visible", "hidden",
                            "count", "allowed"})

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The largest page parsed. Real articles, scripts and inline images included, stay well under it;
# what is bigger is a data dump or a trap, and would hold a worker for minutes.
MAX_HTML_BYTES = 8 * 1024 * 1024
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\xad"))
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " » ")
_ARTICLE_CONTAINER = frozenset({"article", "main"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


# ---------------------------------------------------------------------------
# Small tree helpers
# ---------------------------------------------------------------------------


def _norm(text: str | None) -> str:
    """Whitespace collapsed, for comparing what a page says in two places."""
    return _SPACES.sub(" ", text or "").strip()


def _fold(text: str | None) -> str:
    """Lower-case letters and digits only, for loose comparisons (title vs headline)."""
    return _TOKEN_SPLIT.sub(" ", unicodedata.normalize("NFKD", (text or "").lower())).strip()


def _tokens(el: HtmlElement) -> frozenset[str]:
    """Class, id and role of an element as lower-case words ("relatedStories" gives related, stories)."""
    raw = " ".join(
        v for v in (el.get("class"), el.get("id"), el.get("role"), el.get("data-component"), el.get("data-testid"))
        if v
    )
    return _split_tokens(raw) if raw else frozenset()


@lru_cache(maxsize=8192)
def _split_tokens(raw: str) -> frozenset[str]:
    """Words of each class name, skipping state flags ("has-sidebar", "comments-open") that
    describe the page around an element rather than the element itself."""
    tokens: set[str] = set()
    for name in raw.split():
        words = [w for w in _TOKEN_SPLIT.split(_CAMEL.sub(" ", name).lower()) if w]
        if words and (words[0] in STATE_PREFIXES or words[-1] in STATE_SUFFIXES):
            continue
        tokens.update(words)
    return frozenset(tokens)


def _elements(root: HtmlElement) -> Iterator[HtmlElement]:
    """Elements only (no comments or processing instructions), in document order."""
    return root.iter(etree.Element)


def _text(el: HtmlElement) -> str:
    return _norm(el.text_content())


def _is_hidden(el: HtmlElement) -> bool:
    return el.get("hidden") is not None or el.get("aria-hidden") == "true" or bool(
        _HIDDEN_STYLE.search(el.get("style") or "")
    )


def _is_aside(el: HtmlElement) -> bool:
    if el.tag in ASIDE_TAGS:
        return True
    tokens = _tokens(el)
    return bool(tokens) and _aside_tokens(tokens)


@lru_cache(maxsize=4096)
def _aside_tokens(tokens: frozenset[str]) -> bool:
    return not ASIDE_TOKENS.isdisjoint(tokens) or any(
        t.startswith(ASIDE_STEMS) and t not in NOT_ASIDE for t in tokens
    )


class Layout:
    """One pass over the page: document order, and which elements sit beside the article.

    An element is "aside" when it or an ancestor is a comment thread, related list,
    sidebar, nav or footer. Ancestors of an <h1> never count as asides themselves:
    a wrapper whose class happens to say "sidebar" still holds the article.
    """

    def __init__(self, tree: HtmlElement):
        self.tree = tree
        self.order = list(_elements(tree))
        self.position = {el: i for i, el in enumerate(self.order)}
        holders: set[HtmlElement] = set()
        for h1 in tree.iter("h1"):
            holders.update(h1.iterancestors())
        self.held: dict[HtmlElement, int] = {}  # paragraph text under each element (set by find_body)
        self.total = 0
        self.aside: dict[HtmlElement, bool] = {}
        self.hidden: dict[HtmlElement, bool] = {}
        for el in self.order:
            parent = el.getparent()
            in_aside = parent is not None and self.aside.get(parent, False)
            self.aside[el] = in_aside or (el not in holders and el.tag not in ("html", "body") and _is_aside(el))
            self.hidden[el] = (parent is not None and self.hidden.get(parent, False)) or _is_hidden(el)

    def in_aside(self, el: HtmlElement) -> bool:
        """Whether ``el`` sits in a comment thread, related list, sidebar, nav or footer."""
        return self.aside.get(el, False)

    def is_hidden(self, el: HtmlElement) -> bool:
        return self.hidden.get(el, False)


def _contains(ancestor: HtmlElement, el: HtmlElement | None) -> bool:
    return el is not None and (el is ancestor or any(a is ancestor for a in el.iterancestors()))


# ---------------------------------------------------------------------------
# Structured metadata: <meta>, <link>, JSON-LD
# ---------------------------------------------------------------------------


@dataclass
class Head:
    """What the page declares about itself in machine-readable form."""

    metas: dict[str, str] = field(default_factory=dict)
    canonical: str | None = None
    title: str | None = None
    lang: str | None = None
    jsonld: list[dict[str, Any]] = field(default_factory=list)

    def meta(self, *names: str) -> str | None:
        for name in names:
            value = self.metas.get(name)
            if value:
                return value
        return None


def _flatten_jsonld(data: Any, out: list[dict[str, Any]]) -> None:
    """Every JSON-LD object in a script, with ``@graph`` and list wrappers opened."""
    if isinstance(data, list):
        for item in data:
            _flatten_jsonld(item, out)
    elif isinstance(data, dict):
        out.append(data)
        if "@graph" in data:
            _flatten_jsonld(data["@graph"], out)
        for key in ("mainEntity", "mainEntityOfPage"):
            if isinstance(data.get(key), dict) and data[key].get("@type"):
                _flatten_jsonld(data[key], out)


def _load_jsonld(raw: str) -> Any:
    raw = raw.strip().removeprefix("<!--").removesuffix("-->").strip()
    raw = raw.removeprefix("/*<![CDATA[*/").removesuffix("/*]]>*/").strip()
    try:
        return json.loads(raw, strict=False)
    except ValueError:
        # Hand-written JSON-LD often has trailing commas.
        try:
            return json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False)
        except ValueError:
            return None


def read_head(tree: HtmlElement) -> Head:
    """Metas (by name, property and itemprop, lower-cased), canonical link, <title>, lang, JSON-LD."""
    head = Head()
    head.lang = tree.get("lang") or tree.get("xml:lang")
    for el in tree.iter("meta", "link", "script", "title"):
        if el.tag == "meta":
            content = el.get("content")
            if content is None:
                continue
            for attr in ("property", "name", "itemprop", "http-equiv"):
                key = el.get(attr)
                if key:
                    head.metas.setdefault(key.strip().lower(), content.strip())
        elif el.tag == "link":
            rel = (el.get("rel") or "").lower().split()
            if "canonical" in rel and el.get("href") and head.canonical is None:
                head.canonical = el.get("href").strip()
        elif el.tag == "script":
            if (el.get("type") or "").strip().lower() == "application/ld+json" and el.text:
                data = _load_jsonld(el.text)
                if data is not None:
                    _flatten_jsonld(data, head.jsonld)
        elif el.tag == "title" and head.title is None and _in_head(el):
            head.title = _norm(el.text_content()) or None
    return head


def _in_head(el: HtmlElement) -> bool:
    return not any(a.tag in ("svg", "body") for a in el.iterancestors()) or el.getparent().tag == "head"


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower().rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)}


def article_jsonld(head: Head, canonical: str | None) -> dict[str, Any] | None:
    """The JSON-LD object that describes this article (the one for this URL when several do)."""
    articles = [obj for obj in head.jsonld if _types(obj) & ARTICLE_TYPES]
    if not articles:
        return None
    if canonical and len(articles) > 1:
        for obj in articles:
            page = obj.get("mainEntityOfPage")
            ids = {obj.get("url"), obj.get("@id"), page if isinstance(page, str) else None}
            if isinstance(page, dict):
                ids |= {page.get("@id"), page.get("url")}
            if any(isinstance(i, str) and i.split("#")[0].rstrip("/") == canonical.rstrip("/") for i in ids):
                return obj
    return articles[0]


def _jsonld_by_id(head: Head) -> dict[str, dict[str, Any]]:
    return {obj["@id"]: obj for obj in head.jsonld if isinstance(obj.get("@id"), str)}


def _first_string(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        for item in value:
            found = _first_string(item)
            if found:
                return found
    if isinstance(value, dict):
        return _first_string(value.get("name"))
    return None


# ---------------------------------------------------------------------------
# The article's own region: its headline and the header around it
# ---------------------------------------------------------------------------


def _coverage(el: HtmlElement, hints: list[str]) -> float:
    """How much of a declared title (og:title, JSON-LD headline, <title>) this element's text covers."""
    text = _fold(el.text_content())
    if len(text) <= 3:
        return 0.0
    return max((len(text) / len(hint) for hint in hints if text in hint), default=0.0)


def find_headline(layout: Layout, hints: Iterable[str | None]) -> HtmlElement | None:
    """The article's headline element.

    The <h1> that covers most of the declared title (so a logo <h1> loses to the
    headline in "Site - Headline"); failing that an <h2>/<h3> that matches it (old
    templates put the logo in the only <h1>); else the first <h1> in <article>/<main>.
    """
    tree = layout.tree
    folded = [h for h in (_fold(h) for h in hints if h) if h]
    h1s = [h for h in tree.iter("h1") if _text(h) and not layout.in_aside(h)]
    scored = [(_coverage(h, folded), -i, h) for i, h in enumerate(h1s)]
    best = max(scored, key=lambda item: item[:2], default=(0.0, 0, None))
    if best[0] < 0.5 and folded:
        others = [h for h in tree.iter("h2", "h3") if not layout.in_aside(h)]
        scored = [(_coverage(h, folded), -i, h) for i, h in enumerate(others)]
        better = max(scored, key=lambda item: item[:2], default=(0.0, 0, None))
        if better[0] >= 0.6 and better[0] > best[0]:
            return better[2]
    if best[0] >= 0.3:
        return best[2]
    for h in h1s:
        if any(a.tag in _ARTICLE_CONTAINER for a in h.iterancestors()):
            return h
    return h1s[0] if h1s else None


def find_body(layout: Layout) -> HtmlElement | None:
    """The innermost element that holds most (60%) of the page's paragraph text.

    Paragraphs in comment threads, related lists and sidebars do not count. Taking
    the innermost such element, rather than the parent of the most paragraphs, copes
    with templates that wrap every paragraph in its own <div>s.
    """
    held: dict[HtmlElement, int] = {}
    total = 0
    for p in layout.tree.iter("p"):
        if layout.in_aside(p) or layout.is_hidden(p):
            continue
        length = len(_text(p))
        if length < 25:
            continue
        total += length
        for ancestor in p.iterancestors():
            held[ancestor] = held.get(ancestor, 0) + length
    layout.held, layout.total = held, total
    if not total:
        return None
    # Elements holding over half the text form one chain of ancestors: take its innermost.
    chain = [el for el, length in held.items() if length >= 0.6 * total]
    return min(chain, key=lambda el: (held[el], -layout.position.get(el, 0)))


@dataclass
class Region:
    """Where the article is: its headline, its body, and the header elements between them."""

    headline: HtmlElement | None
    body: HtmlElement | None
    header: list[HtmlElement]  # elements near the headline, closest first, asides excluded


def find_region(layout: Layout, headline: HtmlElement | None, body: HtmlElement | None) -> Region:
    """Elements between the headline and the body (then a few just before the headline).

    Dates and bylines are looked for here first, so that a date in a reader comment
    or a related-article list never stands for the article's own.
    """
    order, position = layout.order, layout.position
    if headline is not None:
        start = position[headline]
    elif body is not None:
        start = max(0, position[body] - 60)
    else:
        return Region(headline, body, [])
    end = min(len(order), start + 120)
    if body is not None and position[body] > start:
        end = min(end, position[body] + 1)
    after = order[start + 1 : end]
    if body is not None and position[body] < start:
        # Headline below the body's start (body wraps it): stop at the first long paragraph.
        cut = next((i for i, el in enumerate(after) if el.tag == "p" and len(_text(el)) > 120), len(after))
        if cut < len(after):
            wrappers = set(after[cut].iterancestors())
            after = [el for el in after[:cut] if el not in wrappers]
    before = order[max(0, start - 25) : start]
    before.reverse()
    header = [el for el in (*after, *before) if not layout.in_aside(el) and not _contains(el, body)]
    if body is not None and not _contains(body, headline):
        header = [el for el in header if not _contains(body, el)]
    return Region(headline, body, header)


# ---------------------------------------------------------------------------
# Publication date
# ---------------------------------------------------------------------------


def _is_updated(el: HtmlElement) -> bool:
    """An "Updated: ..." or "Last modified" element, or an element inside one."""
    for node in (el, *el.iterancestors()):
        if not UPDATED_TOKENS.isdisjoint(_tokens(node)) or (node.get("itemprop") or "") == "dateModified":
            return True
        if node.tag in ("article", "main", "body", "header"):
            break
    label = _text(el)[:30].lower()
    return label.startswith(("updated", "last updated", "modified", "last modified", "edited"))


def _jsonld_date(article: dict[str, Any] | None, head: Head) -> str | None:
    if article is not None:
        found = parse_timestamp(_first_string(article.get("datePublished")))
        if found:
            return found
        found = parse_timestamp(_first_string(article.get("dateCreated")))
        if found:
            return found
    for obj in head.jsonld:  # a WebPage in a Yoast @graph carries the date when the Article does not
        if _types(obj) & {"webpage", "itempage"}:
            found = parse_timestamp(_first_string(obj.get("datePublished")))
            if found:
                return found
    return None


def _time_date(el: HtmlElement) -> str | None:
    return parse_timestamp(el.get("datetime") or el.get("content")) or parse_date(_text(el))


def _header_date(region: Region, layout: Layout) -> str | None:
    """The article's own <time>/itemprop date, then a visible date in its header."""
    for el in region.header:
        if (el.tag == "time" or el.get("itemprop") == "datePublished") and not _is_updated(el):
            found = _time_date(el)
            if found:
                return found
    # Marked-up publication dates elsewhere in the article (not in asides).
    for el in layout.tree.iter("time", "meta", "span", "div", "p", "abbr"):
        if el.get("itemprop") == "datePublished" or (el.tag == "time" and el.get("pubdate") is not None):
            if not layout.in_aside(el) and not _is_updated(el):
                found = _time_date(el)
                if found:
                    return found
    for el in region.header:
        text = _text(el)
        if not text or len(text) > 120 or _is_updated(el):
            continue
        tokens = _tokens(el)
        short = len(text) <= 60
        labelled = text[:20].lower().startswith(("published", "posted", "first published", "date", "on "))
        if short or labelled or not DATE_TOKENS.isdisjoint(tokens):
            dates = {day for _, day in find_dates(_strip_updated(text))}
            if len(dates) == 1:  # a wrapper showing two dates leaves the choice to its children
                return dates.pop()
    return None


def _strip_updated(text: str) -> str:
    """"Published 21/07/2015 13:47 Updated 22/07/2015 09:00" keeps only the part before "Updated"."""
    return re.split(r"\b(?:last\s+)?(?:updated|modified|edited)(?![a-z])", text, maxsplit=1, flags=re.IGNORECASE)[0]


def _htmldate(tree: HtmlElement) -> str | None:
    try:
        from htmldate import find_date

        return find_date(tree, original_date=True, outputformat="%Y-%m-%d", extensive_search=True)
    except Exception:  # htmldate is a heuristic fallback: any failure means "no date"
        return None


def find_published(
    head: Head, article: dict[str, Any] | None, region: Region, layout: Layout, url: str | None
) -> str | None:
    """Publication day, most trusted source first.

    JSON-LD, then date metas, then the article's own <time> and header text, then a
    full date in the URL path, then htmldate's heuristics. A URL date comes before
    htmldate because a "/2017/08/15/" path is the CMS's own record, where htmldate
    may settle on a copyright year or a comment.
    """
    found = _jsonld_date(article, head)
    if found:
        return found
    for name in DATE_METAS:
        value = head.metas.get(name)
        if value:
            found = parse_timestamp(value)
            if found:
                return found
    return _header_date(region, layout) or date_from_url(url) or _htmldate(layout.tree)


# ---------------------------------------------------------------------------
# Authors
# ---------------------------------------------------------------------------


def clean_author(raw: str | None) -> list[str]:
    """Names in a byline: "By Jane Doe and John Roe, Local Democracy Reporting Service" gives two."""
    if not raw:
        return []
    text = _norm(raw)
    if not text or "://" in text or "@" in text.strip("@")[1:] or text.startswith("@"):
        return []
    text = re.sub(r"^(?:[A-Za-z]+(?:\s[a-z]+)?:\s*)?(?:written\s+)?by[:\s]+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"^(?:reporter|author|words|writer|story|report|text)s?\s*:\s*", "", text, flags=re.IGNORECASE)
    names = []
    for part in re.split(r"\s*(?:,|;|\||&|\band\b|\bwith\b|\bin\b|\s[-–—]\s)\s*", text):
        part = part.strip(" .:·•")
        words = part.split()
        if not 2 <= len(words) <= 5 or any(w.lower().strip(".") in NOT_NAME_WORDS for w in words):
            continue
        if not all(w[0].isupper() or w.lower() in ("de", "van", "von", "der", "da", "le", "la", "du") for w in words):
            continue
        if any(ch.isdigit() for ch in part):
            continue
        names.append(part)
    return names


def _jsonld_authors(article: dict[str, Any] | None, by_id: dict[str, dict[str, Any]]) -> list[str]:
    if article is None:
        return []
    value = article.get("author") or article.get("creator")
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict) and "@id" in item and "name" not in item:
            item = by_id.get(item["@id"], item)
        if isinstance(item, dict):
            if _types(item) & {"organization", "newsmediaorganization", "corporation"}:
                continue
            names.extend(clean_author(_first_string(item.get("name"))))
        elif isinstance(item, str):
            names.extend(clean_author(item))
    return names


_AUTHOR_HREF = re.compile(r"/(?:authors?|profiles?|people|journalists?|writers?|staff|contributors?|by)/[^/?#]+",
                          re.IGNORECASE)


def _byline_authors(region: Region, layout: Layout) -> list[str]:
    """Names from rel=author links, author-page links and "By ..." lines in the article header."""
    links = [a for a in layout.tree.iter("a")
             if "author" in (a.get("rel") or "").lower().split() and not layout.in_aside(a)]
    if not links:
        links = [el for el in region.header if el.tag == "a" and _AUTHOR_HREF.search(el.get("href") or "")]
    names = [n for a in links for n in clean_author(_text(a))]
    if names:
        return names
    for el in region.header:
        text = _text(el)
        if not text or len(text) > 150:
            continue
        if not BYLINE_TOKENS.isdisjoint(_tokens(el)) or re.match(r"(?:written\s+)?by\s", text, re.IGNORECASE):
            names = clean_author(text)
            if names:
                return names
    return []


def find_authors(head: Head, article: dict[str, Any] | None, region: Region, layout: Layout,
                 site_names: set[str]) -> list[str]:
    """Byline names: JSON-LD author, rel=author and byline links, ``meta name=author``, "By X" text."""
    names = _jsonld_authors(article, _jsonld_by_id(head))
    if not names:
        names = _byline_authors(region, layout)
    if not names:
        for meta in AUTHOR_METAS:
            names = clean_author(head.metas.get(meta))
            if names:
                break
    unique: list[str] = []
    for name in names:
        if _fold(name) not in site_names and _fold(name) not in {_fold(n) for n in unique}:
            unique.append(name)
    return unique


# ---------------------------------------------------------------------------
# Title, section, paywall
# ---------------------------------------------------------------------------


def strip_site_name(title: str, site_names: set[str]) -> str:
    """"Headline | Site" gives "Headline"; a separator inside the headline is kept."""
    for sep in _TITLE_SEPARATORS:
        if sep in title:
            head, _, tail = title.rpartition(sep)
            if _fold(tail) in site_names or (len(tail) < 0.5 * len(head) and len(tail.split()) <= 6):
                return head.strip()
    return title


def find_title(head: Head, article: dict[str, Any] | None, headline: HtmlElement | None,
               site_names: set[str]) -> str | None:
    declared = [strip_site_name(_norm(v), site_names) for v in (
        head.meta("og:title", "twitter:title"), _first_string((article or {}).get("headline")), head.title) if v]
    if headline is not None:
        text = _text(headline)
        # An unclosed <h1> swallows the story: then the declared title is the headline.
        if text and not (len(text) > 300 and any(text.startswith(d) for d in declared)):
            return text
    return declared[0] if declared else None


def find_section(head: Head, article: dict[str, Any] | None, region: Region) -> str | None:
    value = head.meta(*SECTION_METAS) or _first_string((article or {}).get("articleSection"))
    if value:
        return _norm(value)
    for el in region.header:
        if not SECTION_TOKENS.isdisjoint(_tokens(el)) and not DATE_TOKENS & _tokens(el):
            text = _text(el)
            if text and len(text) <= 40 and not parse_date(text):
                return text
    return None


def _jsonld_not_free(article: dict[str, Any] | None) -> bool:
    if article is None:
        return False
    values = [article.get("isAccessibleForFree")]
    parts = article.get("hasPart")
    for part in parts if isinstance(parts, list) else [parts]:
        if isinstance(part, dict):
            values.append(part.get("isAccessibleForFree"))
    return any(v is False or (isinstance(v, str) and v.strip().lower() == "false") for v in values)


def find_wall(layout: Layout, region: Region) -> HtmlElement | None:
    """The visible registration or subscription wall under the headline, if the page shows one.

    A wall is an element classed as one ("paywall", "regwall", "premium-wall") or one
    whose own text is a wall prompt ("Register now to continue reading"). Walls in
    sidebars, hidden ones (metered sites ship them on every page), and containers
    that hold the article body itself ("paywall-content") do not count.
    """
    start = layout.position.get(region.headline, 0) if region.headline is not None else 0
    for el in layout.order[start:]:
        if layout.in_aside(el) or layout.is_hidden(el) or el.tag in ("script", "style", "head", "title"):
            continue
        tokens = _tokens(el)
        classed = bool(tokens) and not WALL_TOKENS.isdisjoint(tokens)
        text = el.text
        prompt = bool(text) and len(text) > 12 and WALL_PHRASE.search(_norm(text)) is not None
        if not (classed or prompt) or not _text(el):
            continue
        if _contains(el, region.body) or _contains(el, region.headline):
            continue
        body = region.body
        if body is not None and layout.position[el] < layout.position[body] and not _contains(body, el):
            continue  # a subscription banner above the story is not where the story stops
        return el
    return None


def cut_at(layout: Layout, wall: HtmlElement) -> None:
    """Remove the wall and everything after it: no article text follows a wall."""
    ancestors = set(wall.iterancestors())
    for el in layout.order[layout.position[wall]:]:
        if el in ancestors:
            continue
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)


# ---------------------------------------------------------------------------
# Main text
# ---------------------------------------------------------------------------


def _protected(region: Region) -> set[HtmlElement]:
    """The headline, the body and their ancestors: never pruned, whatever their classes say."""
    keep: set[HtmlElement] = set()
    if region.headline is not None:
        keep.update(region.headline.iterancestors())
    if region.body is not None:
        keep.add(region.body)
        keep.update(region.body.iterancestors())
    return keep


def _standfirsts(region: Region, description: str | None) -> list[HtmlElement]:
    """Standfirst elements: between headline and body, classed as one or repeating the description."""
    found = []
    wanted = _fold(description).removesuffix(" ") if description else ""
    for el in region.header:
        if el.tag not in ("p", "h2", "h3", "h4", "div", "span", "strong"):
            continue
        text = _text(el)
        if len(text) < 20:
            continue
        folded = _fold(text)
        repeats = bool(wanted) and (folded == wanted or (len(wanted) > 60 and folded.startswith(wanted)))
        if not STANDFIRST_TOKENS.isdisjoint(_tokens(el)) or repeats:
            found.append(el)
    return found


def prune(layout: Layout, region: Region, description: str | None) -> None:
    """Remove page furniture in place, so the text extractor sees only the article."""
    keep = _protected(region)
    doomed = []
    for el in layout.order:
        if el in keep or el.tag in ("html", "body", "head"):
            continue
        tokens = _tokens(el)
        if layout.held.get(el, 0) > 0.25 * layout.total and not layout.in_aside(el):
            continue  # whatever its class says, a block with a quarter of the story's paragraphs stays
        if el.tag in FURNITURE_TAGS or (tokens and (not FURNITURE_TOKENS.isdisjoint(tokens) or _aside_tokens(tokens))):
            if el.tag == "aside" or el.tag == "figure":
                if _is_pull_quote(el, region.body):
                    continue
            doomed.append(el)
        elif _is_hidden(el) and len(_text(el)) < 300:
            doomed.append(el)
    doomed.extend(_standfirsts(region, description))
    doomed.extend(el for el in region.header if _is_dateline(el))
    doomed.extend(_link_lists(layout, region))
    if region.headline is not None:
        doomed.append(region.headline)
    for el in doomed:
        parent = el.getparent()
        if parent is not None and el not in keep:
            _drop(el)
    # Pull quotes in <aside>/<figure>: trafilatura discards those tags, keep the quote.
    if region.body is not None:
        for el in region.body.iter("aside", "figure"):
            if _is_pull_quote(el, region.body):
                el.tag = "blockquote"


_DATELINE_WORDS = re.compile(
    r"[\W\d_]+|\b(?:published|posted|first|last|updated|modified|on|at|am|pm|bst|gmt|utc|date|time)\b",
    re.IGNORECASE,
)


def _is_dateline(el: HtmlElement) -> bool:
    """A short header element that says only when the article was published or updated."""
    text = _text(el)
    if not text or len(text) > 80:
        return False
    rest = strip_dates(text)
    return rest != text and len(_DATELINE_WORDS.sub("", rest)) <= 3


def _link_lists(layout: Layout, region: Region) -> list[HtmlElement]:
    """Lists of links outside the article body ("See also", "Most read"), with their heading.

    trafilatura keeps a list whose items carry a date or a teaser beside the link.
    """
    found = []
    for lst in layout.tree.iter("ul", "ol"):
        if region.body is not None and (_contains(region.body, lst) or _contains(lst, region.body)):
            continue
        items = [li for li in lst if isinstance(li.tag, str) and li.tag == "li"]
        if not items:
            continue
        linked = sum(1 for li in items if li.find(".//a") is not None)
        text = len(_text(lst))
        links = sum(len(_text(a)) for a in lst.iter("a"))
        if linked >= 0.8 * len(items) and text and links >= 0.5 * text:
            found.append(lst)
            heading = lst.getprevious()
            if heading is not None and heading.tag in ("h2", "h3", "h4", "h5", "p", "strong") and len(
                _text(heading)
            ) <= 40:
                found.append(heading)
    return found


def _is_pull_quote(el: HtmlElement, body: HtmlElement | None) -> bool:
    if body is None or not _contains(body, el):
        return False
    return not QUOTE_TOKENS.isdisjoint(_tokens(el)) or el.find(".//blockquote") is not None or (
        el.find(".//q") is not None
    )


def _drop(el: HtmlElement) -> None:
    """Remove an element but keep its tail text (the text after it belongs to the parent)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _extract_text(tree: HtmlElement, url: str | None) -> str:
    """trafilatura's main text of an already pruned tree ("" when it finds none)."""
    try:
        result = bare_extraction(
            tree, url=url, include_comments=False, include_tables=True, include_images=False,
            include_links=False, with_metadata=False, deduplicate=False,
        )
    except Exception:  # trafilatura on a hostile page: fall back to the paragraphs
        return ""
    return (getattr(result, "text", None) or "") if result is not None else ""


def _paragraph_text(body: HtmlElement | None) -> str:
    """Fallback text: the body's paragraphs and headings, one a line."""
    if body is None:
        return ""
    return "\n".join(t for el in body.iter("p", "h2", "h3", "h4", "li", "blockquote") if (t := _text(el)))


def _is_tool_line(line: str) -> bool:
    words = re.findall(r"[a-z-]+", line.lower())
    return len(line) <= 80 and bool(words) and all(w in TOOL_WORDS for w in words) and not re.search(
        r"[.!?]$", line
    )


def clean_lines(text: str, title: str | None, byline_names: list[str], standfirst: str | None) -> str:
    """Trim furniture lines, stop at a wall or the comment section, drop a repeated headline."""
    lines = []
    title_key, standfirst_key = _fold(title), _fold(standfirst)
    for raw in text.split("\n"):
        line = _norm(raw.translate(_ZERO_WIDTH).replace("\xa0", " "))
        if not line:
            continue
        if len(line) < 300 and WALL_PHRASE.search(line):
            break
        if lines and COMMENTS_HEADER.fullmatch(line):
            break
        if FURNITURE_LINE.fullmatch(line) or _is_tool_line(line):
            continue
        key = _fold(line)
        if len(lines) < 3 and key and key in (title_key, standfirst_key):
            continue
        if len(line) < 120 and byline_names and re.match(r"by\s", line, re.IGNORECASE) and any(
            _fold(n) in key for n in byline_names
        ):
            continue
        lines.append(line)
    return unicodedata.normalize("NFC", "\n".join(lines))


# ---------------------------------------------------------------------------
# The entry point
# ---------------------------------------------------------------------------


def parse_article(
    html: bytes | str, *, url: str | None = None, source: str | None = None, content_type: str | None = None
) -> Document:
    """Turn one fetched news page into a Document (kind "article", no facts yet).

    Raises ExtractionError (one-line message) when the page has no article text at all,
    or is larger than ``MAX_HTML_BYTES``.
    """
    if len(html) > MAX_HTML_BYTES:
        raise ExtractionError(
            f"page too large to parse: {len(html) / 2**20:.1f} MB, over the {MAX_HTML_BYTES // 2**20} MB cap: "
            f"{url or 'no url'}"
        )
    markup = decode_html(html, content_type) if isinstance(html, bytes) else html
    markup = _repair(_CONTROL.sub("", markup))
    if not markup.strip():
        raise ExtractionError(f"empty page: {url or 'no url'}")
    try:
        tree = load_html(markup)
    except Exception as err:  # lxml refuses some byte soup outright
        raise ExtractionError(f"not an HTML page ({type(err).__name__}): {url or 'no url'}") from err
    if tree is None or not isinstance(tree, HtmlElement):
        raise ExtractionError(f"not an HTML page: {url or 'no url'}")

    head = read_head(tree)
    canonical = _absolute(head.canonical, url) or _absolute(head.meta("og:url"), url) or url
    article = article_jsonld(head, canonical)
    site_names = {_fold(n) for n in (head.meta("og:site_name", "application-name", "twitter:site"),
                                     _first_string(((article or {}).get("publisher") or {})
                                                   if isinstance((article or {}).get("publisher"), dict)
                                                   else None)) if n}
    site_names |= {s.lstrip("@") for s in site_names}

    hints = (head.meta("og:title", "twitter:title"), _first_string((article or {}).get("headline")), head.title)
    layout = Layout(tree)
    headline = find_headline(layout, hints)
    body = find_body(layout)
    region = find_region(layout, headline, body)

    title = find_title(head, article, headline, site_names)
    description = head.meta("description", "og:description", "twitter:description") or _first_string(
        (article or {}).get("description")
    )
    description = _norm(description) or None
    authors = find_authors(head, article, region, layout, site_names)
    published = find_published(head, article, region, layout, canonical if url is None else url)
    if published is None and canonical != url:
        published = date_from_url(canonical)
    section = find_section(head, article, region)
    language = _language(head, article)
    wall = find_wall(layout, region)
    paywalled = wall is not None or _jsonld_not_free(article)
    standfirst = next((_text(el) for el in _standfirsts(region, description)), None)

    prune(layout, region, description)
    if wall is not None:
        cut_at(layout, wall)
    raw_text = _extract_text(tree, canonical)
    text = clean_lines(raw_text, title, authors, standfirst)
    if not text:
        text = clean_lines(_paragraph_text(region.body), title, authors, standfirst)
    if not text:
        raise ExtractionError(f"no article text found: {canonical or 'no url'}")

    return Document(
        url=canonical or "",
        kind="article",
        source=source,
        title=title,
        published=published,
        authors=authors,
        paywalled=paywalled,
        text=text,
        fetched_url=url,
        section=section,
        language=language,
        description=description,
    )


_OPEN_TITLE = re.compile(r"<title\b[^>]*>", re.IGNORECASE)


def _repair(markup: str) -> str:
    """Close an unclosed <title>, which would otherwise swallow the whole page as its text."""
    m = _OPEN_TITLE.search(markup, 0, 20_000)
    if m and "</title" not in markup[m.end() : m.end() + 20_000].lower():
        end = markup.find("<", m.end())
        if end > 0:
            return markup[:end] + "</title>" + markup[end:]
    return markup


def _absolute(link: str | None, base: str | None) -> str | None:
    if not link:
        return None
    link = link.strip()
    if base and not re.match(r"[a-z][a-z0-9+.-]*://", link, re.IGNORECASE):
        return urljoin(base, link)
    return link


def _language(head: Head, article: dict[str, Any] | None) -> str | None:
    value = head.lang or head.meta("content-language", "og:locale", "language") or _first_string(
        (article or {}).get("inLanguage")
    )
    if not value:
        return None
    value = value.strip().replace("_", "-").split(",")[0]
    primary, _, region = value.partition("-")
    return primary.lower() + ("-" + region.upper() if region else "")
