"""A fault-injecting HTTP server for the reliability tests: a site that fails in every way real ones do.

``FaultServer(routes)`` serves on 127.0.0.1 (port 0: the OS picks one) from
daemon threads. Each route maps a path to a *reply*: a callable that writes
one answer to the raw connection. The factories below build the replies:
good pages, error statuses with ``Retry-After``, hangs, slow trickles,
connection resets, truncated and huge bodies, gzip bombs, redirect loops,
and ``transient(fault, then, times=N)`` for a fault that heals after N
requests. Every request is logged (``hits``, ``count(path)``), so a test can
count fetches and read the headers the crawler sent.

Bounded: the server stops by itself after ``lifetime`` seconds or
``max_requests`` requests, a hanging reply waits at most ``hold`` seconds
(less if the server stops), and no reply ever buffers a large body in memory.

The content builders (``article_page``, ``sitemap``, ``make_pdf``, ...) are
pure functions, and ``mixed_site`` assembles a site of good and faulty pages
listed by one sitemap, the fixture most reliability tests crawl.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import socket
import struct
import textwrap
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

Reply = Callable[["Handler"], None]

CHUNK = 64 * 1024


# ---- the server ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """One request the server received."""

    path: str
    query: str
    method: str
    headers: dict[str, str]
    at: float

    @property
    def host(self) -> str:
        return self.headers.get("host", "")


class Handler(BaseHTTPRequestHandler):
    """Reads the request, logs it, hands the connection to the route's reply."""

    protocol_version = "HTTP/1.0"  # one request per connection: a fault never leaks into the next one
    server: _Server
    timeout = 10  # seconds to read a request line and headers

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.answer()

    def do_HEAD(self) -> None:  # noqa: N802
        self.answer()

    def answer(self) -> None:
        owner = self.server.owner
        parts = urlsplit(self.path)
        owner.log(Hit(parts.path, parts.query, self.command, {k.lower(): v for k, v in self.headers.items()},
                      time.monotonic()))
        if owner.exhausted():
            self.reset()
            return
        reply = owner.routes.get(parts.path) or owner.routes.get(parts.path + "?" + parts.query)
        try:
            (reply or not_found())(self)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError, OSError):
            self.close_connection = True  # the client gave up (what a size or time cap does)

    # Building blocks for replies.

    def head(self, status: int, headers: Iterable[tuple[str, str]] = ()) -> None:
        self.send_response_only(status)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()

    def write(self, data: bytes) -> None:
        if self.command != "HEAD":
            self.wfile.write(data)
            self.wfile.flush()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; False as soon as the server is stopping."""
        return not self.server.owner.stopping.wait(seconds)

    def reset(self) -> None:
        """Abort the connection with a TCP RST (SO_LINGER 0), as a crashed server does."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence the access log
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: FaultServer

    def handle_error(self, request, client_address) -> None:  # a client hanging up is not our error
        pass


class FaultServer:
    """A threaded HTTP server on 127.0.0.1 answering each path with its reply (``not_found`` otherwise).

    Use as a context manager, or ``start()``/``stop()``. ``routes`` may be
    changed while it runs (``server.routes["/x"] = page(...)``).
    """

    def __init__(self, routes: dict[str, Reply] | None = None, *, lifetime: float = 600.0,
                 max_requests: int = 100_000) -> None:
        self.routes: dict[str, Reply] = dict(routes or {})
        self.lifetime = lifetime
        self.max_requests = max_requests
        self.hits: list[Hit] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._deadline = 0.0
        self._port: int | None = None

    # Lifecycle.

    def start(self) -> FaultServer:
        self._server = _Server(("127.0.0.1", 0), Handler)
        self._server.owner = self
        self._port = self._server.server_address[1]
        self._deadline = time.monotonic() + self.lifetime
        self._thread = threading.Thread(target=self._serve, name="faultserver", daemon=True)
        self._thread.start()
        return self

    def _serve(self) -> None:
        assert self._server is not None
        timer = threading.Timer(self.lifetime, self.stop)
        timer.daemon = True
        timer.start()
        try:
            self._server.serve_forever(poll_interval=0.1)
        finally:
            timer.cancel()

    def stop(self) -> None:
        self.stopping.set()
        server, self._server = self._server, None
        if server is not None:
            if threading.current_thread() is not self._thread:
                server.shutdown()
            server.server_close()

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # Addresses.

    @property
    def port(self) -> int:
        """The port it listens (or listened) on."""
        assert self._port is not None, "server not started"
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        """The URL of ``path``; ``host="localhost"`` names the same server under another domain."""
        return f"http://{host}:{self.port}{path}"

    # The request log.

    def log(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)

    def exhausted(self) -> bool:
        with self._lock:
            return len(self.hits) > self.max_requests or time.monotonic() > self._deadline

    def count(self, path: str | None = None) -> int:
        """Requests for ``path`` (every request when None); robots.txt included only when asked for."""
        with self._lock:
            return sum(1 for h in self.hits if path is None or h.path == path)

    def paths(self) -> list[str]:
        with self._lock:
            return [h.path for h in self.hits]

    def clear(self) -> None:
        with self._lock:
            self.hits.clear()


# ---- replies -------------------------------------------------------------------------------------------


def page(body: bytes | str, content_type: str | None = "text/html; charset=utf-8", status: int = 200,
         headers: Sequence[tuple[str, str]] = ()) -> Reply:
    """A complete answer: ``content_type=None`` sends no Content-Type header at all."""
    data = body.encode("utf-8") if isinstance(body, str) else body

    def reply(h: Handler) -> None:
        sent = [("Content-Length", str(len(data))), *headers]
        if content_type is not None:
            sent.insert(0, ("Content-Type", content_type))
        h.head(status, sent)
        h.write(data)

    return reply


def not_found() -> Reply:
    return page("<html><body><h1>Not found</h1></body></html>", status=404)


def status(code: int, retry_after: str | int | None = None, body: bytes | str = b"") -> Reply:
    """An error status (500, 503, 429, ...), with a ``Retry-After`` (seconds or an HTTP date) if given."""
    headers = [("Retry-After", str(retry_after))] if retry_after is not None else []
    text = body or f"<html><body><h1>Error {code}</h1></body></html>"
    return page(text, status=code, headers=headers)


def hang(hold: float = 60.0) -> Reply:
    """Never answer (within ``hold`` seconds): the client's timeout must fire."""

    def reply(h: Handler) -> None:
        h.wait(hold)
        h.reset()

    return reply


def trickle(body: bytes | str, *, chunk: int = 16, interval: float = 0.5) -> Reply:
    """A complete, honest answer sent ``chunk`` bytes every ``interval`` seconds (a slow server)."""
    data = body.encode("utf-8") if isinstance(body, str) else body

    def reply(h: Handler) -> None:
        h.head(200, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(data)))])
        for start in range(0, len(data), chunk):
            h.write(data[start:start + chunk])
            if not h.wait(interval):
                return

    return reply


def reset() -> Reply:
    """Drop the connection (TCP RST) before any answer."""

    def reply(h: Handler) -> None:
        h.reset()

    return reply


def truncated(body: bytes | str, declared: int | None = None) -> Reply:
    """Promise ``declared`` bytes (default: twice the body) in Content-Length, send the body, hang up."""
    data = body.encode("utf-8") if isinstance(body, str) else body

    def reply(h: Handler) -> None:
        h.head(200, [("Content-Type", "text/html; charset=utf-8"),
                     ("Content-Length", str(declared or 2 * len(data) + 100))])
        h.write(data)  # then the connection closes, short of what was promised

    return reply


def redirect(location: str, code: int = 302) -> Reply:
    return page(b"", content_type=None, status=code, headers=[("Location", location)])


def huge(size: int, *, declare_length: bool = True, content_type: str = "text/html; charset=utf-8") -> Reply:
    """``size`` bytes of filler, streamed (never held in memory); without a length it ends at close."""
    filler = (b"<p>" + b"lorem ipsum dolor sit amet " * 40 + b"</p>\n") * 16

    def reply(h: Handler) -> None:
        headers = [("Content-Type", content_type)]
        if declare_length:
            headers.append(("Content-Length", str(size)))
        h.head(200, headers)
        h.write(b"<html><body>")
        sent = 12
        while sent < size and not h.server.owner.stopping.is_set():
            piece = filler[: min(len(filler), size - sent)]
            h.write(piece)
            sent += len(piece)

    return reply


def gzip_bomb(size: int, content_type: str = "text/html; charset=utf-8") -> Reply:
    """``Content-Encoding: gzip`` whose few compressed KB inflate to ``size`` bytes."""

    def reply(h: Handler) -> None:
        data = bomb_bytes(size)
        h.head(200, [("Content-Type", content_type), ("Content-Encoding", "gzip"),
                     ("Content-Length", str(len(data)))])
        h.write(data)

    return reply


def transient(fault: Reply, then: Reply, times: int = 2) -> Reply:
    """``fault`` for the first ``times`` requests, ``then`` ever after: a failure that heals."""
    seen = 0
    lock = threading.Lock()

    def reply(h: Handler) -> None:
        nonlocal seen
        with lock:
            seen += 1
            current = seen
        (fault if current <= times else then)(h)

    return reply


def changing(make: Callable[[int], bytes | str], content_type: str = "text/html; charset=utf-8") -> Reply:
    """A page whose body is ``make(n)`` on the n-th request (from 1): content that changes on every fetch."""
    seen = 0
    lock = threading.Lock()

    def reply(h: Handler) -> None:
        nonlocal seen
        with lock:
            seen += 1
            current = seen
        page(make(current), content_type=content_type)(h)

    return reply


def switch(replies: dict[str, Reply], state: dict[str, str]) -> Reply:
    """Answer with ``replies[state["mode"]]``: a test flips a page between good and faulty between runs."""

    def reply(h: Handler) -> None:
        replies[state["mode"]](h)

    return reply


# ---- content builders (pure) ---------------------------------------------------------------------------

LOREM = (
    "The council's director of children's services told councillors that the improvement plan was on track, "
    "and that caseloads for social workers had fallen for the third quarter running across the county."
)


def article_page(
    slug: str,
    title: str,
    *,
    paragraphs: Sequence[str] | None = None,
    published: str = "2024-03-14",
    author: str = "Jo Reporter",
    base: str = "",
    charset: str = "utf-8",
    path: str | None = None,
    links: Sequence[str] = (),
) -> str:
    """A news article every signal agrees on: JSON-LD NewsArticle, og:type, canonical, dated byline.

    The canonical URL is ``base`` + ``path`` (default ``article_path(slug, published)``);
    ``links`` are extra hrefs in a "related" list under the article.
    """
    paras = list(paragraphs or [f"{title}. {LOREM}", LOREM.replace("third", "fourth"),
                                f"A spokesperson said the findings about {slug} were welcome. {LOREM}"])
    canonical = base + (path or article_path(slug, published))
    related = "".join(f'<li><a href="{html.escape(href)}">Related story {n}</a></li>' for n, href in enumerate(links))
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "datePublished": f"{published}T09:00:00Z", "author": {"@type": "Person", "name": author},
                     "mainEntityOfPage": canonical})
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="{charset}">
<title>{html.escape(title)} | Fault Gazette</title>
<link rel="canonical" href="{canonical}">
<meta property="og:type" content="article">
<meta property="og:title" content="{html.escape(title)}">
<meta property="article:published_time" content="{published}T09:00:00Z">
<script type="application/ld+json">{ld}</script>
</head><body>
<header><nav><a href="{base}/">Home</a></nav></header>
<article>
<h1>{html.escape(title)}</h1>
<p class="byline">By <span class="author">{html.escape(author)}</span>,
<time datetime="{published}T09:00:00Z">{published}</time></p>
<div class="article-body">
{body}
</div>
</article>
<ul class="more">{related}</ul>
</body></html>
"""


def cp1252_article(slug: str, title: str, *, base: str = "") -> bytes:
    """An article in windows-1252 bytes (curly quotes, pound signs, accents) that claims to be UTF-8."""
    paragraphs = [
        f"{title}. The council\u2019s \u201cimprovement journey\u201d will cost \u00a31.2m, "
        "the caf\u00e9 meeting heard \u2013 more than expected.",
        LOREM,
        f"Ren\u00e9e Smith, the interim director, said: \u201cWe are determined.\u201d {LOREM}",
    ]
    return article_page(slug, title, paragraphs=paragraphs, base=base, charset="utf-8").encode("cp1252")


def malformed_article(slug: str, title: str, *, base: str = "") -> bytes:
    """An article in broken markup: unclosed and misnested tags, stray NULs and control bytes, junk after </html>."""
    good = article_page(slug, title, base=base)
    broken = (good.replace("</p>", "", 2).replace("</div>", "<div><span><b>", 1).replace("</article>", "</i></table>")
              .replace("<body>", "<body>\x00\x01<<<>>><p <a href=x>"))
    return broken.encode("utf-8") + b"\xff\xfe<html><html></body></body>\x00trailing junk"


def sitemap(entries: Iterable[tuple[str, str | None]]) -> str:
    """An XML sitemap of (url, lastmod) entries."""
    items = "\n".join(
        f"<url><loc>{html.escape(url)}</loc>{f'<lastmod>{lastmod}</lastmod>' if lastmod else ''}</url>"
        for url, lastmod in entries
    )
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{items}\n</urlset>\n')


def rss_feed(entries: Iterable[tuple[str, str]], title: str = "Fault Gazette") -> str:
    """An RSS 2.0 feed of (url, headline) items."""
    items = "\n".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(u)}</link>"
        f"<pubDate>Thu, 14 Mar 2024 09:00:00 GMT</pubDate></item>"
        for u, t in entries
    )
    return (f'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>{title}</title>'
            f"<link>/</link>\n{items}\n</channel></rss>\n")


def robots_txt(disallow: Sequence[str] = ()) -> str:
    return "User-agent: *\n" + "".join(f"Disallow: {path}\n" for path in disallow)


@cache
def bomb_bytes(size: int) -> bytes:
    """Gzip of ``size`` zero bytes (about 1000:1), compressed once per size."""
    out = io.BytesIO()
    block = b"\0" * (1024 * 1024)
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9, mtime=0) as stream:
        for start in range(0, size, len(block)):
            stream.write(block[: min(len(block), size - start)])
    return out.getvalue()


# ---- PDFs ----------------------------------------------------------------------------------------------


def _pdf_string(text: str) -> bytes:
    return b"(" + text.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(
        b")", b"\\)") + b")"


def make_pdf(pages: Sequence[str], *, repeat: int = 1) -> bytes:
    """A small valid PDF, one page of Helvetica text per item of ``pages``; ``repeat`` copies the
    page list (every copy shares the content streams, so 10,000 pages stay a few hundred KB)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    streams = []
    for text in pages:
        lines = textwrap.wrap(text, 90) or [""]
        ops = b"BT /F1 10 Tf 14 TL 50 780 Td " + b" ".join(_pdf_string(line) + b" '" for line in lines) + b" ET"
        data = zlib.compress(ops)
        streams.append(add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data
                           + b"\nendstream"))
    kids = []
    for _ in range(repeat):
        for stream in streams:
            kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, stream, font)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = (b"<< /Type /Pages /Count %d /Kids [" % len(kids)
                             + b" ".join(b"%d 0 R" % k for k in kids) + b"] >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref))
    return out.getvalue()


REPORT_TEXT = (
    "Inspection of Sandwell local authority children's services Inspection dates: 9 to 20 January 2023 "
    "Lead inspector: Jane Inspector, His Majesty's Inspector "
    "Judgement Grade "
    "The impact of leaders on social work practice with children and families Requires improvement to be good "
    "The experiences and progress of children who need help and protection Requires improvement to be good "
    "The experiences and progress of children in care Good "
    "The experiences and progress of care leavers Good "
    "Overall effectiveness Requires improvement to be good"
)


def report_pdf(text: str = REPORT_TEXT, pages: int = 2) -> bytes:
    return make_pdf([text] + [LOREM] * (pages - 1))


def corrupt_pdf() -> bytes:
    """A PDF header over garbage: the file is cut short and its middle overwritten."""
    good = report_pdf()
    return good[:40] + bytes(range(256)) * 4 + good[len(good) // 2: len(good) // 2 + 100]


def encrypted_pdf(text: str = REPORT_TEXT, password: str = "s3cret") -> bytes:
    """A report that opens only with a password (RC4, which pypdf handles without extra packages)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(report_pdf(text))))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def enormous_pdf(pages: int = 5000) -> bytes:
    """A valid text PDF of ``pages`` pages (small on disk: the pages share content streams)."""
    return make_pdf([REPORT_TEXT, LOREM], repeat=max(1, pages // 2))


# ---- a mixed site --------------------------------------------------------------------------------------


@dataclass
class Site:
    """Routes of a site of good and faulty pages, and what a crawl of it should find."""

    routes: dict[str, Reply] = field(default_factory=dict)
    good: list[str] = field(default_factory=list)  # article paths that should be stored
    faulty: list[str] = field(default_factory=list)  # paths that should be recorded as failed
    listed: list[str] = field(default_factory=list)  # every path the sitemap lists, in order


def article_path(slug: str, published: str = "2024-03-14") -> str:
    return f"/news/{published[:4]}/{published[5:7]}/{slug}"


def fault_slug(name: str) -> str:
    return f"faulty-{name}-page-about-council-services"


def fault_path(name: str) -> str:
    """Where ``mixed_site`` serves the fault called ``name``."""
    return article_path(fault_slug(name))


def fault_article(name: str, base: str = "") -> str:
    """The good article that belongs at ``fault_path(name)`` (what a healed fault serves)."""
    return article_page(fault_slug(name), f"Recovered article {name} on council services", base=base)


def good_path(n: int) -> str:
    return article_path(f"good-article-number-{n}-about-council-services")


def mixed_site(base: str, *, good: int = 6, faults: dict[str, Reply] | None = None,
               lastmod: str = "2024-03-14", extra: dict[str, Reply] | None = None) -> Site:
    """``good`` articles, one page per fault and the ``extra`` pages, all listed in ``/sitemap.xml``
    and ``/feed.xml`` and linked from the home page.

    ``base`` is the server's base URL (canonical links and sitemap entries are absolute).
    """
    site = Site()
    for n in range(good):
        slug = f"good-article-number-{n}-about-council-services"
        site.routes[good_path(n)] = page(article_page(slug, f"Good article {n} on council children's services",
                                                      base=base))
        site.good.append(good_path(n))
    for name, reply in (faults or {}).items():
        site.routes[fault_path(name)] = reply
        site.faulty.append(fault_path(name))
    site.routes.update(extra or {})
    site.listed = site.good + site.faulty + list(extra or {})
    site.routes["/sitemap.xml"] = page(sitemap((base + p, lastmod) for p in site.listed),
                                       content_type="application/xml")
    site.routes["/feed.xml"] = page(rss_feed((base + p, p.rsplit("/", 1)[-1]) for p in site.listed),
                                    content_type="application/rss+xml")
    site.routes["/robots.txt"] = page(robots_txt(["/private/"]), content_type="text/plain")
    site.routes["/"] = page("<html><head><title>Fault Gazette</title></head><body><ul>"
                            + "".join(f'<li><a href="{p}">{p}</a></li>' for p in site.listed)
                            + "</ul></body></html>")
    return site


# ---- pages with facts ----------------------------------------------------------------------------------

_PEOPLE = ["Jane Smith", "Tom Bradley", "Amira Khan", "Peter Lowe", "Helen Fairweather", "Rajesh Patel",
           "Claire O'Neill", "David Okafor", "Sarah Whitby", "Martin Greaves"]
_COUNCILS = ["Sandwell", "Doncaster", "Slough", "Birmingham", "Rotherham", "Croydon", "Kent", "Norfolk",
             "Sunderland", "Reading"]


def fact_paragraphs(n: int) -> list[str]:
    """Paragraphs stating an appointment and an intervention (different people and councils for each n)."""
    person, council = _PEOPLE[n % len(_PEOPLE)], _COUNCILS[(n // len(_PEOPLE) + n) % len(_COUNCILS)]
    return [
        f"{council} Council has appointed {person} as its new director of children's services, "
        "the council announced on Monday.",
        f"Education secretary Gillian Keegan issued a statutory direction to {council} in March 2023.",
        LOREM,
    ]


def fact_article(n: int, base: str = "") -> tuple[str, str]:
    """(path, html) of the n-th article with facts."""
    slug = f"council-appoints-new-childrens-director-story-{n}"
    return article_path(slug), article_page(slug, f"Council appoints new children's director ({n})",
                                            paragraphs=fact_paragraphs(n), base=base)


def slow(reply: Reply, delay: float) -> Reply:
    """``reply`` after ``delay`` seconds: stretches a crawl so that a test can interrupt it midway."""

    def delayed(h: Handler) -> None:
        if h.wait(delay):
            reply(h)

    return delayed


# ---- an Ofsted mirror ----------------------------------------------------------------------------------

FILES_PREFIX = "/_host/files.ofsted.gov.uk"


def ofsted_site(reports: dict[str, Reply], urn: str = "80549") -> Site:
    """A mirror of reports.ofsted.gov.uk (crawled with ``--base-url``) whose one provider page lists
    one publication per item of ``reports`` (name -> reply), each labelled as Ofsted labels them.

    ``Site.good``/``faulty`` are left to the caller; ``Site.listed`` holds the real file URLs.
    """
    site = Site()
    links = []
    for number, (name, reply) in enumerate(reports.items(), 1):
        file_id = 50_000 + number
        site.routes[f"{FILES_PREFIX}/v1/file/{file_id}"] = reply
        site.listed.append(f"https://files.ofsted.gov.uk/v1/file/{file_id}")
        label = f"Children's services inspection - {number} January 2023, pdf"
        links.append(f'<li data-name="{name}"><a href="https://files.ofsted.gov.uk/v1/file/{file_id}">{label}</a></li>')
    site.routes["/search"] = page(
        f'<html><body><ul><li><a href="/provider/44/{urn}">Children\'s services</a></li></ul></body></html>')
    site.routes[f"/provider/44/{urn}"] = page(
        f"<html><body><h1>Children's services</h1><ul>{''.join(links)}</ul></body></html>")
    site.routes["/robots.txt"] = page(robots_txt(), content_type="text/plain")
    return site


# ---- crawling it ---------------------------------------------------------------------------------------

# Scrapy settings for crawls of a FaultServer: no politeness delays against our own 127.0.0.1, short
# timeouts and back-off, a 1 MB size cap (so "huge" need not be large), the retry policy unchanged.
FAST_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "RANDOMIZE_DOWNLOAD_DELAY": False,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "DOWNLOAD_TIMEOUT": 1.5,
    "RETRY_BACKOFF_BASE": 0.1,
    "RETRY_BACKOFF_MAX": 3,
    "DOWNLOAD_MAXSIZE": 1_000_000,
    "DOWNLOAD_WARNSIZE": 0,
}
