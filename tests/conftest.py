"""Shared fixtures. Each section belongs to the package its tests cover."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from scrutiny.config import Paths


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
