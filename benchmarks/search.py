"""Search: full-text query latency through Datasette over HTTP, p50 and p95.

A database of generated documents (100,000; 10,000 with ``--quick``) is served by
a real Datasette (``scrutiny serve``, in its own process) on a free 127.0.0.1
port, and a fixed list of searches a reporter would type (a council, a surname,
"inadequate", "improvement notice", a quoted phrase) is sent one at a time. The
baseline runs the same SQL (the ``search`` canned query) straight through
sqlite3, so the ratio is Datasette's share of the wait.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import requests
from datasette.utils import escape_fts

from scrutiny.benchmarks.generate import FIRST_NAMES, SURNAMES, make_article
from scrutiny.benchmarks.load import crawled_rows
from scrutiny.benchmarks.report import Result
from scrutiny.benchmarks.run import Context
from scrutiny.benchmarks.server import free_port, wait_for_http
from scrutiny.config import data_paths
from scrutiny.extract.authorities import all_authorities

TERMS = ("inadequate", "commissioner", "improvement notice", "outstanding", "agency social workers",
         '"director of children\'s services"', "trust", "fostering contract", "care leavers", "interim")
FALLBACK_SQL = (
    "select documents.id, documents.title, documents.published, documents.source, documents.kind, "
    "snippet(documents_fts, 1, '<mark>', '</mark>', ' … ', 32) as snippet, documents.url "
    "from documents_fts join documents on documents.rowid = documents_fts.rowid "
    "where documents_fts match scrutiny_fts_query(:q) order by documents_fts.rank limit 200"
)


def build_database(path: Path, count: int, seed: int = 0, batch: int = 5000) -> None:
    """A scrutiny database holding ``count`` generated, extracted documents (full-text indexed)."""
    from scrutiny.db.schema import open_db

    db = open_db(path)
    for start in range(0, count, batch):
        docs = [make_article(i, seed).document() for i in range(start, min(count, start + batch))]
        rows = crawled_rows(docs)
        for row, doc in zip(rows, docs, strict=True):
            row.update(title=doc.title, published=doc.published, text=doc.text, section=doc.section,
                       description=doc.description, language="en", paywalled=int(doc.paywalled))
        with db.atomic():
            db["documents"].insert_all(rows, batch_size=500)
    db["documents"].optimize()
    db.close()


def queries(count: int, seed: int = 0) -> list[str]:
    """What reporters type: councils, surnames, grades, interventions, a quoted post, pairs of those."""
    rng = random.Random(f"search:{seed}")
    councils = [a.name for a in all_authorities()]
    out = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.3:
            out.append(rng.choice(councils))
        elif kind < 0.45:
            out.append(rng.choice(SURNAMES))
        elif kind < 0.55:
            out.append(f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}")
        elif kind < 0.8:
            out.append(rng.choice(TERMS))
        else:
            out.append(f"{rng.choice(councils)} {rng.choice(TERMS)}")
    return out


def search_sql() -> str:
    try:
        from scrutiny.db.serve import DATABASE_NAME, _prose

        return _prose()["databases"][DATABASE_NAME]["queries"]["search"]["sql"]
    except (ImportError, KeyError, TypeError):
        return FALLBACK_SQL


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def _server_command(data_dir: Path, port: int) -> tuple[list[str], str]:
    """(command, search path prefix): ``scrutiny serve`` when it exists, else bare ``datasette``."""
    try:
        import scrutiny.db.serve  # noqa: F401

        return ([sys.executable, "-m", "scrutiny", "serve", "--data-dir", str(data_dir), "--port", str(port)],
                "/scrutiny/search.json?_shape=array&q=")
    except ImportError:
        db = data_paths(data_dir).db
        return ([sys.executable, "-m", "datasette", "serve", str(db), "--port", str(port)],
                "/scrutiny/documents.json?_shape=array&_size=200&_search=")


def http_latencies(data_dir: Path, terms: list[str]) -> tuple[list[float], list[float]]:
    """Seconds per search for the JSON API and for the HTML page, one request at a time, kept alive."""
    port = free_port()
    command, prefix = _server_command(data_dir, port)
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/-/versions.json", timeout=120)
        session = requests.Session()
        timings = []
        for page_prefix in (prefix, prefix.replace(".json?_shape=array&", "?")):
            base = f"http://127.0.0.1:{port}{page_prefix}"
            for term in terms[:10]:  # warm the page cache and Datasette's connections
                session.get(base + quote(term), timeout=30)
            times = []
            for term in terms:
                start = time.perf_counter()
                response = session.get(base + quote(term), timeout=30)
                times.append(time.perf_counter() - start)
                if response.status_code != 200:
                    raise RuntimeError(f"search {term!r} answered {response.status_code}: {response.text[:200]}")
            timings.append(times)
        return timings[0], timings[1]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def sqlite_latencies(db_path: Path, terms: list[str]) -> list[float]:
    sql = search_sql()
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    conn.create_function("scrutiny_fts_query", 1, lambda q: escape_fts(q or "") or '""', deterministic=True)
    for term in terms[:10]:
        conn.execute(sql, {"q": term}).fetchall()
    times = []
    for term in terms:
        start = time.perf_counter()
        conn.execute(sql, {"q": term}).fetchall()
        times.append(time.perf_counter() - start)
    conn.close()
    return times


def run(ctx: Context) -> list[Result]:
    count = ctx.size(100_000, 10_000, minimum=50)
    data_dir = ctx.folder("search")
    started = time.perf_counter()
    build_database(data_paths(data_dir).db, count, ctx.seed)
    ctx.echo(f"   built a database of {count} documents in {time.perf_counter() - started:.0f} s")
    terms = queries(ctx.size(300, 150, minimum=20), ctx.seed)
    api, html_page = http_latencies(data_dir, terms)
    ours, page = [t * 1000 for t in api], [t * 1000 for t in html_page]
    bare = [t * 1000 for t in sqlite_latencies(data_paths(data_dir).db, terms)]
    note = f"{count:,} documents, {len(terms)} searches"
    results = []
    for q, label in ((50, "p50"), (95, "p95")):
        result = Result(f"search {label}: Datasette JSON over HTTP vs the same SQL in sqlite3",
                        percentile(ours, q), percentile(bare, q), "ms", better="lower", note=note)
        if q == 95:
            result.target, result.met = "ours < 100 ms", result.ours < 100
        results.append(result)
    html = Result("search p95: HTML results page vs the same SQL in sqlite3", percentile(page, 95),
                  percentile(bare, 95), "ms", better="lower", target="ours < 100 ms", note=note)
    html.met = html.ours < 100
    results.append(html)
    return results
