"""Shared fixtures. Each section belongs to the package its tests cover."""

from __future__ import annotations

# ---- flows: one temporary Prefect server for the whole session ----------------------------------------
# Prefect reads its settings on import, so the offline-safe environment (no
# telemetry, a throw-away PREFECT_HOME, patient start-up) is set before any
# test module imports it.
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from scrutiny.config import CORPUS_DIR, Paths, prefect_environment

for _key, _value in prefect_environment(Paths(Path(tempfile.mkdtemp(prefix="scrutiny-tests-")))).items():
    os.environ.setdefault(_key, _value)


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect server shared by every test that runs a flow (it takes ~20 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=None):
        yield


# Article pages of the bundled mini-sites, as (site, path under corpus/sites/<site>/).
CORPUS_ARTICLES = {
    "cypnow": "news/article/cornwall-children-s-director-quits-ahead-of-ofsted-verdict/index.html",
    "lgc": "services/children/government-steps-up-intervention-in-sandwell-childrens-services/"
           "5062115.article/index.html",
    "communitycare": "2017/08/15/gloucestershire-handed-improvement-notice-after-inadequate-rating/index.html",
}


@pytest.fixture
def archive_pages() -> Callable[..., list[int]]:
    """Store pages as a crawl would: a WARC response record and a document row each; returns the row ids."""
    from scrutiny.archive import WarcArchive
    from scrutiny.db.schema import open_db
    from scrutiny.db.store import save_fetched_document

    def store(paths: Paths, pages: dict[str, tuple[str, bytes]], source: str | None = None) -> list[int]:
        db = open_db(paths.db)
        ids = []
        with WarcArchive(paths.warc) as archive:
            for url, (content_type, body) in pages.items():
                pointer = archive.write_response(url, 200, [("Content-Type", content_type)], body)
                doc_id, _ = save_fetched_document(db, {
                    "url": url, "fetched_url": url, "source": source or url.split("/")[2].split(".")[0],
                    "kind": "report" if "pdf" in content_type else "article",
                    "content_hash": hashlib.sha256(body).hexdigest(), "content_type": content_type,
                    "warc_file": pointer.warc_file, "warc_offset": pointer.offset,
                    "warc_record_id": pointer.record_id,
                })
                ids.append(doc_id)
        db.close()
        return ids

    return store


@pytest.fixture
def corpus_articles() -> dict[str, tuple[str, bytes]]:
    """The bundled articles of ``CORPUS_ARTICLES`` as (content type, body), keyed by a URL on their site."""
    pages = {}
    for site, path in CORPUS_ARTICLES.items():
        file = CORPUS_DIR / "sites" / site / path
        if not file.is_file():
            pytest.skip(f"corpus page missing: {file}")
        url = f"https://www.{site}.example/{path.removesuffix('index.html')}"
        pages[url] = ("text/html; charset=utf-8", file.read_bytes())
    return pages


# ---- db: a database built from the gold corpus, and Datasette over it --------------------------------
class DatasetteTestClient:
    """Datasette's in-process client (``ds.client``) made synchronous, on one event loop per session."""

    def __init__(self, datasette) -> None:
        import asyncio

        self.ds = datasette
        self.loop = asyncio.new_event_loop()

    def get(self, path: str, **kwargs):
        return self.loop.run_until_complete(self.ds.client.get(path, **kwargs))

    def run(self, coroutine):
        return self.loop.run_until_complete(coroutine)

    def close(self) -> None:
        self.loop.close()


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory) -> Paths:
    """A data directory (``scrutiny.db`` + ``warc/``) filled from the gold corpus through db/store.py."""
    from scrutiny.db.fixtures import GOLD_DIRS, build_fixture_db

    if not any(Path(d).is_dir() and any(Path(d).glob("*.json")) for d in GOLD_DIRS):
        pytest.skip(f"gold corpus missing: {', '.join(map(str, GOLD_DIRS))}")
    paths = Paths(tmp_path_factory.mktemp("seeded"))
    build_fixture_db(paths.db)
    return paths


@pytest.fixture(scope="session")
def datasette_client(seeded_db: Paths) -> Iterator[DatasetteTestClient]:
    """``make_datasette`` over ``seeded_db``; ``.get(path)`` returns an httpx response, ``.ds`` the app."""
    from scrutiny.db.serve import make_datasette

    client = DatasetteTestClient(make_datasette(seeded_db))
    yield client
    client.close()


@pytest.fixture
def make_datasette_client() -> Iterator[Callable[[Paths], DatasetteTestClient]]:
    """A factory of clients over other data directories (a test's own small database)."""
    from scrutiny.db.serve import make_datasette

    clients: list[DatasetteTestClient] = []

    def make(paths: Paths) -> DatasetteTestClient:
        clients.append(DatasetteTestClient(make_datasette(paths)))
        return clients[-1]

    yield make
    for client in clients:
        client.close()


# ---- crawlers: the local corpus mirror and fast crawl settings ----------------------------------------
# Scrapy settings for crawls of our own 127.0.0.1 servers: no politeness delays, short timeouts. The
# crawler's defaults stay polite; tests lower them only here.
CRAWL_TEST_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "DOWNLOAD_TIMEOUT": 5,
    "RETRY_BACKOFF_BASE": 0.1,
    "RETRY_BACKOFF_MAX": 2,
}


@pytest.fixture(scope="session")
def corpus_server():
    """``serve_corpus()`` over the bundled corpus (dev mini-sites and the Ofsted mirror), for the session."""
    from scrutiny.corpus_server import serve_corpus

    if not (CORPUS_DIR / "sites").is_dir():
        pytest.skip(f"corpus missing: {CORPUS_DIR / 'sites'}")
    server = serve_corpus()
    yield server
    server.close()


@pytest.fixture
def tmp_paths(tmp_path) -> Paths:
    """A fresh data directory (``scrutiny.db``, ``warc/``) for one test."""
    return Paths(tmp_path / "data")


@pytest.fixture(scope="session")
def crawl_settings() -> dict:
    return dict(CRAWL_TEST_SETTINGS)
