"""A local mirror of the sites scrutiny crawls, for tests, ``scrutiny demo`` and benchmarks.

``serve_corpus()`` starts a threaded HTTP server on 127.0.0.1 in a background
thread:

- ``/<site>/...`` serves ``corpus/sites/<site>/`` as the site's web root (a
  folder answers with its ``index.html``, with or without the trailing slash);
- ``/ofsted/...`` is a mirror of reports.ofsted.gov.uk generated from
  ``corpus/ofsted/reports.csv`` and ``corpus/ofsted/reports/*.pdf``: the search
  for local authority children's services (``/ofsted/search?...``, ten results
  a page), provider pages (``/ofsted/provider/44/<URN>``) whose publication
  links are labelled as on the real site, and files.ofsted.gov.uk under
  ``/ofsted/_host/files.ofsted.gov.uk/v1/file/<id>``;
- ``/robots.txt`` gathers every site's rules under its prefix, so a crawl of
  the mirror without ``--base-url`` obeys them too.

Pages keep the real sites' absolute URLs (sitemaps, feeds, Ofsted's file
links): a crawl maps them back with ``--base-url`` (see
``scrutiny.crawlers.urls.Mirror``: the second host of a source lives under
``<base>/_host/<hostname>/``).

Tests count requests with ``request_log`` and replace a response with
``override(path, body)``.
"""

from __future__ import annotations

import csv
import html
import mimetypes
import threading
import time
from dataclasses import dataclass
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

from scrutiny.config import CORPUS_DIR

OFSTED = "ofsted"
FILES_HOST = "files.ofsted.gov.uk"
REPORTS_ORIGIN = "https://reports.ofsted.gov.uk"
SEARCH_QUERY = "q=&location=&radius=&level_1_types=3&level_2_types%5B%5D=12"
RESULTS_PER_PAGE = 10
PROVIDER_TYPE = 44  # local authority children's services, in Ofsted's provider URLs
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
    ".json": "application/json",
}


@dataclass(frozen=True)
class Publication:
    file_id: str
    urn: str
    authority: str
    published: date
    label: str
    path: Path | None  # the PDF; None for a listed publication the mirror does not hold


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    times: int | None = None  # for an override: how many more requests it answers (None: all)


def report_label(published: date) -> str:
    """The link label Ofsted's site gives a children's services report of that time."""
    if published < date(2013, 6, 1):
        title = "Inspection of local authority arrangements for the protection of children"
    elif published < date(2013, 11, 15):
        title = "Looked after children services inspection"
    elif published < date(2018, 4, 1):
        title = ("Inspection of services for children in need of help and protection, children looked after"
                 " and care leavers")
    else:
        title = "Children's services inspection"
    return f"{title} - {published.day:02d} {published:%B %Y}, pdf"


def load_publications(ofsted_dir: Path) -> list[Publication]:
    csv_path = ofsted_dir / "reports.csv"
    if not csv_path.is_file():
        return []
    from scrutiny.extract.authorities import by_urn

    publications = []
    with open(csv_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            published = date.fromisoformat(row["publication_date"])
            authority = by_urn(row["urn"])
            name = authority.name if authority else row["local_authority"].title()
            path = ofsted_dir / "reports" / row["file"]
            publications.append(
                Publication(
                    file_id=row["url"].rstrip("/").rsplit("/", 1)[-1], urn=row["urn"], authority=name,
                    published=published, label=report_label(published), path=path if path.is_file() else None,
                )
            )
    return publications


class CorpusServer:
    """The running mirror. ``base_url`` is ``http://127.0.0.1:<port>``."""

    def __init__(self, root: Path, host: str, port: int) -> None:
        self.root = Path(root)
        self.sites_dir = self.root / "sites"
        self.publications = load_publications(self.root / OFSTED)
        self.request_log: list[str] = []
        self.request_headers: list[dict[str, str]] = []
        self.request_times: list[float] = []
        self.overrides: dict[str, Response] = {}
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer((host, port), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="corpus-server", daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def site_url(self, site: str) -> str:
        return f"{self.base_url}/{site}"

    def sites(self) -> list[str]:
        names = sorted(p.name for p in self.sites_dir.iterdir() if p.is_dir()) if self.sites_dir.is_dir() else []
        return names + ([OFSTED] if self.publications else [])

    def override(self, path: str, body: bytes | str, *, status: int = 200,
                 content_type: str = "text/html; charset=utf-8", headers: dict[str, str] | None = None,
                 times: int | None = None) -> None:
        """Answer ``path`` (with its query, if it has one) with this instead of the corpus,
        ``times`` times (then the corpus answers again), or until ``overrides`` is cleared."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.overrides[path] = Response(status, {"Content-Type": content_type, **(headers or {})}, data, times)

    def requests_to(self, prefix: str) -> list[str]:
        with self._lock:
            return [p for p in self.request_log if p.startswith(prefix)]

    def clear_log(self) -> None:
        with self._lock:
            self.request_log.clear()
            self.request_headers.clear()
            self.request_times.clear()

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> CorpusServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- answering ---------------------------------------------------------------------------------

    def record(self, path: str, headers: dict[str, str]) -> None:
        with self._lock:
            self.request_log.append(path)
            self.request_headers.append(headers)
            self.request_times.append(time.monotonic())

    def respond(self, raw_path: str) -> Response:
        parts = urlsplit(raw_path)
        with self._lock:
            for key in (raw_path, parts.path):
                override = self.overrides.get(key)
                if override is not None:
                    if override.times is not None:
                        override.times -= 1
                        if override.times <= 0:
                            del self.overrides[key]
                    return override
        path = unquote(parts.path)
        if path == "/robots.txt":
            return _text(self.combined_robots())
        if path in ("", "/"):
            return _html(self.index_page())
        site, _, rest = path.lstrip("/").partition("/")
        if site == OFSTED and self.publications:
            return self.ofsted(rest, parts.query)
        return self.static(site, rest)

    def static(self, site: str, rest: str) -> Response:
        site_root = (self.sites_dir / site).resolve()
        if not site or not site_root.is_dir():
            return _not_found()
        target = (site_root / rest).resolve()
        if target != site_root and site_root not in target.parents:
            return _not_found()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return _not_found()
        return Response(200, {"Content-Type": _content_type(target)}, target.read_bytes())

    def combined_robots(self) -> str:
        lines = ["User-agent: *"]
        for site in self.sites():
            robots = self.sites_dir / site / "robots.txt"
            if not robots.is_file():
                continue
            for line in robots.read_text(encoding="utf-8", errors="replace").splitlines():
                field, _, value = line.partition(":")
                if field.strip().lower() in ("disallow", "allow") and value.strip().startswith("/"):
                    lines.append(f"{field.strip().title()}: /{site}{value.strip()}")
        return "\n".join(lines) + "\n"

    def index_page(self) -> str:
        items = "".join(f'<li><a href="/{quote(s)}/">{html.escape(s)}</a></li>' for s in self.sites())
        return f"<!DOCTYPE html><html><head><title>scrutiny corpus</title></head><body><ul>{items}</ul></body></html>"

    # -- the Ofsted mirror -------------------------------------------------------------------------

    def ofsted(self, rest: str, query: str) -> Response:
        if rest == "robots.txt":
            return _text("User-agent: *\nDisallow: /admin/\n")
        if rest.startswith(f"_host/{FILES_HOST}/"):
            sub = rest[len(f"_host/{FILES_HOST}/"):]
            if sub == "robots.txt":
                return _text("User-agent: *\nAllow: /\n")
            return self.ofsted_file(sub)
        if rest in ("", "search"):
            params = parse_qs(query, keep_blank_values=True)
            start = int(params.get("start", ["0"])[0] or 0) if params.get("start", ["0"])[0].isdigit() else 0
            return _html(self.search_page(start))
        parts = rest.strip("/").split("/")
        if len(parts) == 3 and parts[0] == "provider" and parts[1] == str(PROVIDER_TYPE):
            page = self.provider_page(parts[2])
            return _html(page) if page else _not_found()
        return _not_found()

    def providers(self) -> list[tuple[str, str, date]]:
        """(urn, name, latest publication) of every authority, sorted by name."""
        latest: dict[str, tuple[str, date]] = {}
        for p in self.publications:
            if p.urn not in latest or p.published > latest[p.urn][1]:
                latest[p.urn] = (p.authority, p.published)
        return sorted(((urn, name, when) for urn, (name, when) in latest.items()), key=lambda t: t[1])

    def search_page(self, start: int) -> str:
        providers = self.providers()
        shown = providers[start:start + RESULTS_PER_PAGE]
        results = "".join(
            f"""
      <li class="search-result">
        <h3 class="search-result__title heading--sub"><a href="/provider/{PROVIDER_TYPE}/{urn}">{html.escape(name)}</a></h3>
        <ul class="search-result__provider-info">
          <li>Local authority children's services</li>
          <li>URN: {urn}</li>
        </ul>
        <ul class="search-result__provider-info">
          <li>Latest report: <time datetime="{when.isoformat()}">{when.day} {when:%B %Y}</time></li>
        </ul>
      </li>"""
            for urn, name, when in shown
        )
        pages = []
        for page_start in range(0, len(providers), RESULTS_PER_PAGE):
            number = page_start // RESULTS_PER_PAGE + 1
            if page_start == start:
                pages.append(f'<li class="pagination__item pagination__item--current"><span>{number}</span></li>')
            else:
                pages.append(f'<li class="pagination__item"><a class="pagination__link" '
                             f'href="{_search_href(page_start)}">{number}</a></li>')
        if start + RESULTS_PER_PAGE < len(providers):
            pages.append('<li class="pagination__item pagination__item--next"><a class="pagination__link" '
                         f'rel="next" href="{_search_href(start + RESULTS_PER_PAGE)}">Next'
                         '<span class="visuallyhidden"> page</span></a></li>')
        canonical = f"{REPORTS_ORIGIN}/search?{SEARCH_QUERY}" + (f"&start={start}&rows={RESULTS_PER_PAGE}"
                                                                  if start else "")
        body = f"""
  <div class="search-results">
    <h1 class="heading--title">Find an inspection report</h1>
    <aside class="search-filters" aria-label="Filter results">
      <h2 class="heading--sub">Type</h2>
      <ul class="filter-list">
        <li><a href="/search?q=&amp;level_1_types=3&amp;level_2_types%5B%5D=12">Local authority children's services</a></li>
        <li><a href="/search?q=&amp;level_1_types=3&amp;level_2_types%5B%5D=13">Children's homes</a></li>
        <li><a href="/search?q=&amp;level_1_types=3&amp;level_2_types%5B%5D=14">Adoption and fostering agencies</a></li>
      </ul>
    </aside>
    <p class="search-results__count"><span class="search-results__count-number">{len(providers)}</span> results</p>
    <ul class="results-list list-unstyled">{results}
    </ul>
    <nav class="pagination" role="navigation" aria-label="Pagination">
      <ul class="pagination__list">{''.join(pages)}</ul>
    </nav>
  </div>"""
        return _ofsted_page("Find an inspection report", canonical, body)

    def provider_page(self, urn: str) -> str | None:
        publications = sorted((p for p in self.publications if p.urn == urn), key=lambda p: p.published,
                              reverse=True)
        if not publications:
            return None
        name = publications[0].authority
        events = "".join(
            f"""
        <li class="timeline__day">
          <p class="timeline__date"><time datetime="{p.published.isoformat()}">{p.published.day} {p.published:%B %Y}</time></p>
          <ul class="event-list">
            <li class="event">
              <span class="event__title heading--sub">{html.escape(p.label.split(' - ')[0])}</span>
              <a class="publication-link" href="https://{FILES_HOST}/v1/file/{p.file_id}" target="_blank" rel="noopener">{html.escape(p.label.split(' - ')[0])}<span class="nonvisual"> - {html.escape(p.label.split(' - ', 1)[1])}</span></a>
            </li>
          </ul>
        </li>"""
            for p in publications
        )
        body = f"""
  <div class="title-block">
    <h1 class="heading--title">{html.escape(name)}</h1>
    <p class="title-block__subtitle">Local authority children's services</p>
  </div>
  <div class="info-block">
    <p>Unique reference number: <strong>{urn}</strong></p>
    <p><a href="/search?{SEARCH_QUERY.replace('&', '&amp;')}">Back to search results</a></p>
  </div>
  <section class="event-list-section">
    <h2 class="heading--sub">Reports</h2>
    <ul class="timeline">{events}
    </ul>
  </section>"""
        return _ofsted_page(name, f"{REPORTS_ORIGIN}/provider/{PROVIDER_TYPE}/{urn}", body)

    def ofsted_file(self, sub: str) -> Response:
        parts = sub.strip("/").split("/")
        if len(parts) != 3 or parts[:2] != ["v1", "file"]:
            return _not_found()
        publication = next((p for p in self.publications if p.file_id == parts[2]), None)
        if publication is None or publication.path is None:
            return _not_found()
        data = publication.path.read_bytes()
        if b"%PDF" not in data[:1024]:  # what files.ofsted.gov.uk answers for a report it lost
            return Response(200, {"Content-Type": "text/html; charset=utf-8"}, data)
        return Response(200, {"Content-Type": "application/pdf",
                              "Content-Disposition": f'inline; filename="{publication.path.name}"'}, data)


def _search_href(start: int) -> str:
    query = SEARCH_QUERY + ("&" + urlencode({"start": start, "rows": RESULTS_PER_PAGE}) if start else "")
    return "/search?" + query.replace("&", "&amp;")


def _ofsted_page(title: str, canonical: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en" class="no-js">
<head>
  <meta charset="utf-8">
  <title>{html.escape(title)} - Ofsted</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="canonical" href="{html.escape(canonical)}">
</head>
<body class="page">
  <a href="#main-content" class="skip-link">Skip to main content</a>
  <header class="header" role="banner">
    <div class="header__inner">
      <a class="header__logo" href="/" title="Ofsted reports">Ofsted</a>
      <nav class="header__nav"><ul>
        <li><a href="https://www.gov.uk/government/organisations/ofsted">About Ofsted</a></li>
        <li><a href="/search?q=">Find an inspection report</a></li>
      </ul></nav>
    </div>
  </header>
  <main id="main-content" role="main" class="main">{body}
  </main>
  <footer class="footer" role="contentinfo">
    <ul class="footer__links">
      <li><a href="https://www.gov.uk/help/cookies">Cookies</a></li>
      <li><a href="https://www.gov.uk/government/organisations/ofsted/about/personal-information-charter">Privacy</a></li>
    </ul>
  </footer>
</body>
</html>
"""


def _content_type(path: Path) -> str:
    if path.name.endswith(("rss.xml", "feed.xml")) or path.name in ("rss", "feed"):
        return "application/rss+xml; charset=utf-8"
    suffix = path.suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    if path.name == "index.html" or not suffix:
        return CONTENT_TYPES[".html"]
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _html(text: str) -> Response:
    return Response(200, {"Content-Type": CONTENT_TYPES[".html"]}, text.encode("utf-8"))


def _text(text: str) -> Response:
    return Response(200, {"Content-Type": CONTENT_TYPES[".txt"]}, text.encode("utf-8"))


def _not_found() -> Response:
    return Response(404, {"Content-Type": CONTENT_TYPES[".html"]},
                    b"<!DOCTYPE html><html><head><title>Not found</title></head><body><h1>Not found</h1></body></html>")


def _handler_for(corpus: CorpusServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "scrutiny-corpus/1"
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._answer(send_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(send_body=False)

        def _answer(self, send_body: bool) -> None:
            corpus.record(self.path, {k.lower(): v for k, v in self.headers.items()})
            try:
                response = corpus.respond(self.path)
            except Exception as error:  # noqa: BLE001 - a mirror bug answers 500, never kills the server
                response = Response(500, {"Content-Type": "text/plain"}, f"mirror error: {error}".encode())
            self.send_response(response.status)
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if send_body:
                self.wfile.write(response.body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
            pass

    return Handler


def serve_corpus(root: Path = CORPUS_DIR, host: str = "127.0.0.1", port: int = 0) -> CorpusServer:
    """Start the mirror of ``root`` (``sites/`` and ``ofsted/``) in a background thread."""
    return CorpusServer(root, host, port)
