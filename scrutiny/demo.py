"""``scrutiny demo``: the whole pipeline on the bundled offline corpus.

Serves ``corpus/`` (the trade-press mini-sites and the Ofsted mirror) on
127.0.0.1, points every source profile at it with ``--base-url``, runs the
Prefect pipeline once, then serves Datasette over the result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scrutiny.config import CORPUS_DIR, Paths

DEMO_SOURCES = ("cypnow", "lgc", "communitycare", "localnews", "ofsted")


def build_demo(paths: Paths, echo: Callable[[str], Any] = print) -> dict[str, Any]:
    """Crawl, extract and load the bundled corpus into ``paths.db``; returns the run summary."""
    from scrutiny.corpus_server import serve_corpus
    from scrutiny.flows.pipeline import run_pipeline

    server = serve_corpus(CORPUS_DIR)
    try:
        echo(f"Serving the bundled corpus at {server.base_url}")
        base_urls = {source: server.site_url(source) for source in DEMO_SOURCES}
        return run_pipeline(
            paths, sources=list(DEMO_SOURCES), base_urls=base_urls, start_urls=[], since=None,
            max_pages=None, refresh=False,
        )
    finally:
        server.close()


def run_demo(
    paths: Paths, *, host: str = "127.0.0.1", port: int = 8001, serve: bool = True,
    echo: Callable[[str], Any] = print,
) -> dict[str, Any]:
    result = build_demo(paths, echo=echo)
    counts = result.get("counts") or {}
    echo(f"Pipeline {result.get('status')}: {counts}")
    echo(f"Database: {paths.db}")
    if serve:
        from scrutiny.db.serve import serve as run_serve

        echo(f"Datasette at http://{host}:{port}/  (Ctrl-C to stop)")
        try:
            run_serve(paths, host=host, port=port, get_path=None)
        except KeyboardInterrupt:
            echo("Stopped.")
    return result
