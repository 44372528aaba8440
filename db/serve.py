"""Datasette over the scrutiny database, read-only, with our metadata, pages and plugin.

``make_datasette(paths)`` is what tests and ``scrutiny serve`` share: the database
is mounted as ``scrutiny`` (``/scrutiny/documents``), every connection to it is
opened ``mode=ro`` (WAL lets a pipeline run keep writing underneath), and the
metadata is ``metadata.yml`` with each table's column descriptions merged in from
``schema.TABLES``, so the documentation is written once.
"""

from __future__ import annotations

import asyncio
import copy
import sys
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from datasette.app import Datasette
from datasette.database import Database

from scrutiny.config import Paths
from scrutiny.db.schema import TABLES, open_db

HERE = Path(__file__).resolve().parent
METADATA_FILE = HERE / "metadata.yml"
TEMPLATES_DIR = HERE / "templates"
PLUGINS_DIR = HERE / "plugins"
STATIC_DIR = HERE / "static"
DATABASE_NAME = "scrutiny"
PLUGIN_NAME = "scrutiny-web"
STATIC_MOUNT = "scrutiny-static"

# Facets are given per table in metadata.yml; suggesting more costs a query per column per page.
SETTINGS = {
    "sql_time_limit_ms": 3000,
    "facet_time_limit_ms": 500,
    "suggest_facets": False,
    "truncate_cells_html": 400,
}


class ReadOnlyDatabase(Database):
    """A file database whose every connection, the write thread's included, is ``mode=ro``.

    Not ``immutable``: the pipeline writes to the same file while Datasette serves it.
    """

    def connect(self, write: bool = False):  # noqa: ARG002 - writes are never allowed
        return super().connect(write=False)


@cache
def _prose() -> dict[str, Any]:
    return yaml.safe_load(METADATA_FILE.read_text(encoding="utf-8"))


def build_metadata(paths: Paths) -> dict[str, Any]:
    """``metadata.yml`` plus the column descriptions of ``schema.TABLES`` and the plugin's settings."""
    metadata = copy.deepcopy(_prose())
    tables = metadata["databases"][DATABASE_NAME].setdefault("tables", {})
    for table, columns in TABLES.items():
        entry = tables.setdefault(table, {})
        entry["columns"] = {**columns, **entry.get("columns", {})}
    metadata.setdefault("extra_css_urls", []).append(f"/{STATIC_MOUNT}/scrutiny.css")
    metadata.setdefault("plugins", {})[PLUGIN_NAME] = {
        "database": DATABASE_NAME,
        "warc_dir": str(paths.warc),
    }
    return metadata


def make_datasette(paths: Paths) -> Datasette:
    """A Datasette serving ``paths.db`` read-only; an older database is upgraded first."""
    if not paths.db.is_file():
        raise FileNotFoundError(f"no database at {paths.db}")
    open_db(paths.db).close()  # apply pending migrations (the views the pages need)
    ds = Datasette(
        metadata=build_metadata(paths),
        template_dir=str(TEMPLATES_DIR),
        plugins_dir=str(PLUGINS_DIR),
        static_mounts=[(STATIC_MOUNT, str(STATIC_DIR))],
        settings=SETTINGS,
    )
    if "_memory" in ds.databases:  # Datasette adds it when given no files; reporters need only ours
        ds.remove_database("_memory")
    ds.add_database(ReadOnlyDatabase(ds, path=str(paths.db)), name=DATABASE_NAME)
    return ds


async def _get(ds: Datasette, path: str) -> tuple[int, str]:
    response = await ds.client.get(path)
    return response.status_code, response.text


def serve(paths: Paths, host: str = "127.0.0.1", port: int = 8001, get_path: str | None = None) -> None:
    """Serve until interrupted; with ``get_path``, print that page's response and exit (1 if it failed)."""
    ds = make_datasette(paths)
    if get_path:
        status, text = asyncio.run(_get(ds, get_path))
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        if status >= 400:
            raise SystemExit(1)
        return
    import uvicorn

    uvicorn.run(ds.app(), host=host, port=port, log_level="info", lifespan="on")
