"""Local HTTP servers for the benchmarks: the generated news site, and waiting for a port to answer.

``serve_site`` answers every path of a generated ``Site`` from a thread of this
process, on 127.0.0.1, rendering pages on demand (HTTP/1.1 keep-alive, as a real
site). It counts the requests and the first and last request times, so a crawl's
rate can be read at the server, the same way for every crawler.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

from scrutiny.benchmarks.generate import Site


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, timeout: float = 60.0) -> None:
    """Return once ``url`` answers (any status); raise TimeoutError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing answered at {url} within {timeout:.0f} s") from None
            time.sleep(0.2)


@dataclass
class ServerStats:
    """Requests served since the last ``reset``: how many, and the first and last times."""

    requests: int = 0
    first: float | None = None
    last: float | None = None
    paths: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def hit(self, path: str) -> None:
        now = time.perf_counter()
        with self.lock:
            self.requests += 1
            self.paths.add(path)
            self.first = self.first if self.first is not None else now
            self.last = now

    def reset(self) -> None:
        with self.lock:
            self.requests, self.first, self.last = 0, None, None
            self.paths = set()

    @property
    def seconds(self) -> float:
        return (self.last - self.first) if self.first is not None and self.last is not None else 0.0


@dataclass
class SiteServer:
    site: Site
    origin: str
    stats: ServerStats


def render_site(site: Site, origin: str) -> dict[str, tuple[int, str, bytes]]:
    """Every page of the site that exists, rendered: path -> (status, content type, body)."""
    pages = {}
    for path in site.paths():
        status, content_type, text = site.page(path, origin)
        pages[path] = (status, content_type, text.encode("utf-8"))
    return pages


@contextmanager
def serve_site(site: Site, port: int | None = None) -> Iterator[SiteServer]:
    """Serve ``site`` on 127.0.0.1 (a free port unless given) until the block ends.

    Serving the same site on the same port again gives the same URLs and bytes:
    what a re-run over unchanged data needs.

    Pages are rendered before the server starts, so serving costs a dictionary
    lookup and the same for every crawler, whichever comes first.
    """
    port = port or free_port()
    origin = f"http://127.0.0.1:{port}"
    stats = ServerStats()
    pages = render_site(site, origin)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # one response, one segment: no 40 ms delayed-ACK stalls

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            stats.hit(self.path)
            if self.path in pages:
                status, content_type, body = pages[self.path]
            else:
                status, content_type, text = site.page(self.path, origin)
                body = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield SiteServer(site, origin, stats)
    finally:
        httpd.shutdown()
        httpd.server_close()
