"""Datasette keeps answering while a run writes (WAL), and cannot write itself."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
import threading
import time

import pytest
from faultserver import FAST_SETTINGS, FaultServer, article_page, page, robots_txt, sitemap, slow

from scrutiny.config import Paths
from scrutiny.db.schema import open_db
from scrutiny.db.store import save_fetched_document

COUNT_SQL = "/scrutiny.json?sql=select+count(*)+as+n+from+documents&_shape=array"


def seed(paths: Paths, count: int) -> None:
    db = open_db(paths.db)
    for n in range(count):
        save_fetched_document(db, {"url": f"https://example.org/seed/{n}", "source": "seed", "kind": "article",
                                   "content_hash": hashlib.sha256(str(n).encode()).hexdigest()})
    db.close()


async def document_count(ds) -> tuple[int, float]:
    started = time.monotonic()
    response = await ds.client.get(COUNT_SQL)
    assert response.status_code == 200, response.text[:500]
    return response.json()[0]["n"], time.monotonic() - started


def test_reads_are_answered_while_a_writer_holds_a_big_open_transaction(tmp_path):
    from scrutiny.db.serve import make_datasette

    paths = Paths(tmp_path)
    seed(paths, 3)
    ds = make_datasette(paths)
    writer = sqlite3.connect(paths.db, timeout=0)
    writer.execute("pragma cache_size = 100")  # small cache: uncommitted pages spill into the WAL file
    writer.execute("begin immediate")
    writer.executemany("insert into documents (url, source, kind, text, content_hash) values (?, 'w', 'article', ?, ?)",
                       [(f"https://example.org/w/{n}", "x" * 5000, f"w{n}") for n in range(3000)])

    async def reads():
        during = [await document_count(ds) for _ in range(5)]
        table = await ds.client.get("/scrutiny/documents.json?_shape=array&_size=max")
        writer.commit()
        after = await document_count(ds)
        return during, table, after

    during, table, after = asyncio.run(reads())
    writer.close()
    assert [n for n, _ in during] == [3] * 5  # the uncommitted batch is invisible, not blocking
    assert all(seconds < 2 for _, seconds in during)
    assert table.status_code == 200 and len(table.json()) == 3
    assert after[0] == 3003


@pytest.mark.slow
def test_datasette_keeps_answering_through_a_real_crawl(tmp_path):
    from scrutiny.crawlers.run import crawl
    from scrutiny.db.serve import make_datasette

    paths = Paths(tmp_path)
    seed(paths, 1)  # Datasette needs the file to exist before the run starts
    ds = make_datasette(paths)
    articles = 24
    with FaultServer() as server:
        base = server.base_url
        slugs = [f"story-number-{n}-about-council-services" for n in range(articles)]
        server.routes.update({f"/news/2024/03/{s}": slow(page(article_page(s, f"Story {n}", base=base)), 0.3)
                              for n, s in enumerate(slugs)})
        server.routes["/sitemap.xml"] = page(sitemap((f"{base}/news/2024/03/{s}", None) for s in slugs),
                                             content_type="application/xml")
        server.routes["/robots.txt"] = page(robots_txt(), content_type="text/plain")
        crawler = threading.Thread(target=crawl, args=(paths,), kwargs={
            "progress": False, "start_urls": [server.url("/sitemap.xml")],
            "settings": {**FAST_SETTINGS, "CONCURRENT_REQUESTS_PER_DOMAIN": 2}})

        async def watch():
            seen = []
            crawler.start()
            while crawler.is_alive():
                seen.append(await document_count(ds))
                search = await ds.client.get("/scrutiny/documents.json?_search=council&_shape=array")
                assert search.status_code == 200
                await asyncio.sleep(0.05)
            crawler.join()
            seen.append(await document_count(ds))
            return seen

        seen = asyncio.run(watch())
    counts = [n for n, _ in seen]
    assert counts == sorted(counts)  # never a partial or rolled-back view
    assert counts[-1] == articles + 1
    assert len(set(counts)) >= 4  # it answered while the crawl was storing, not only before and after
    assert max(seconds for _, seconds in seen) < 3


def test_datasette_cannot_write(tmp_path):
    from scrutiny.db.serve import make_datasette

    paths = Paths(tmp_path)
    seed(paths, 2)
    ds = make_datasette(paths)
    database = ds.get_database("scrutiny")

    async def attempts():
        sql = await ds.client.get("/scrutiny.json?sql=insert+into+runs+(kind)+values+('x')")
        drop = await ds.client.get("/scrutiny.json?sql=drop+table+documents")
        attach = await ds.client.get("/scrutiny.json?sql=attach+database+':memory:'+as+x")
        insert_api = await ds.client.post("/scrutiny/runs/-/insert", json={"row": {"kind": "x"}})
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            await database.execute_write("insert into runs (kind) values ('x')")
        return sql, drop, attach, insert_api

    sql, drop, attach, insert_api = asyncio.run(attempts())
    assert sql.status_code == 400 and drop.status_code == 400 and attach.status_code == 400
    assert insert_api.status_code in (400, 403, 404, 405)
    queries = ds.metadata("queries", database="scrutiny") or {}
    assert not any(isinstance(q, dict) and q.get("write") for q in queries.values())
    db = open_db(paths.db, migrate=False)
    assert db["runs"].count == 0 and db["documents"].count == 2 and "documents" in db.table_names()
    db.close()
