"""``kill -9`` at any point of a real ``scrutiny run`` loses nothing and duplicates nothing.

A live site (it gains articles every "day") is crawled by ``scrutiny run``
subprocesses. The first runs to the end and gives the length of a run; each
later one is killed with SIGKILL at a random moment of that length (seeded)
after its pipeline started: during the crawl, spaCy's start-up, extraction,
a batch's transaction or publishing. After every kill the database must pass
``PRAGMA integrity_check``, hold no duplicate documents or facts, and still
hold every document stored before, with its WARC record readable. A final
run completes and stores everything; re-extracting every document from the
archive then gives exactly the facts the interrupted runs left.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from faultserver import FAST_SETTINGS, FaultServer, fact_article, page, robots_txt, sitemap, slow, status

from scrutiny.archive import read_response
from scrutiny.config import Paths

pytestmark = pytest.mark.slow

SEED = 20261123
KILLS = 4
FIRST_DAY_ARTICLES = 12
NEW_ARTICLES_PER_DAY = 8
SCRUTINY = [sys.executable, "-m", "scrutiny"]

FACT_COLUMNS = {
    "roles": "p.name, f.role, f.role_category, f.organisation, f.authority_code, f.status, f.acting, f.evidence",
    "events": "p.name, f.type, f.organisation, f.authority_code, f.intervention, f.status, f.date, f.evidence",
    "ratings": "null, f.authority, f.authority_code, f.area, f.area_category, f.grade, f.date, f.evidence",
}


class LiveSite:
    """A news site on a FaultServer that publishes more articles each day, and two pages that always fail."""

    def __init__(self, server: FaultServer) -> None:
        self.server = server
        self.articles: list[str] = []
        self.failing = ["/news/2024/03/always-broken-council-page-one", "/news/2024/03/always-broken-council-page-two"]
        for path in self.failing:
            server.routes[path] = status(500)
        server.routes["/robots.txt"] = page(robots_txt(), content_type="text/plain")

    def publish(self, count: int) -> None:
        for n in range(len(self.articles), len(self.articles) + count):
            path, html = fact_article(n, self.server.base_url)
            self.server.routes[path] = slow(page(html), 0.2)
            self.articles.append(path)
        entries = [(self.server.base_url + p, "2024-03-14") for p in self.articles + self.failing]
        self.server.routes["/sitemap.xml"] = page(sitemap(entries), content_type="application/xml")
        self.server.routes["/"] = page("<html><body>" + "".join(f'<a href="{p}">{p}</a>' for p in self.articles)
                                       + "</body></html>")

    @property
    def urls(self) -> set[str]:
        return {self.server.base_url + p for p in self.articles}


def connect(db_path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(db_path, timeout=30)
    con.row_factory = sqlite3.Row
    return con


def pipeline_runs(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    try:
        with connect(db_path) as con:
            return con.execute("select count(*) from runs where kind = 'pipeline'").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def facts(con: sqlite3.Connection) -> Counter:
    """Every fact as a tuple of what it says (no row ids), with its document's URL."""
    found: Counter = Counter()
    for table, columns in FACT_COLUMNS.items():
        person_join = "left join people p on p.id = f.person_id" if table != "ratings" else ""
        for row in con.execute(f"select d.url, {columns} from {table} f join documents d on d.id = f.document_id "
                               f"{person_join}"):
            found[(table, *row)] += 1
    return found


def check_invariants(paths: Paths, before: dict[str, str]) -> dict[str, str]:
    """The database after a crash (or a run): sound, no duplicates, nothing lost. Returns url -> hash."""
    with connect(paths.db) as con:
        assert con.execute("pragma integrity_check").fetchall()[0][0] == "ok"
        assert con.execute("pragma foreign_key_check").fetchall() == []
        con.execute("insert into documents_fts(documents_fts) values('integrity-check')")
        assert con.execute("select url from documents group by url having count(*) > 1").fetchall() == []
        assert con.execute("select content_hash from documents where content_hash is not null "
                           "group by content_hash having count(*) > 1").fetchall() == []
        for table in FACT_COLUMNS:
            columns = [r[1] for r in con.execute(f"pragma table_info({table})") if r[1] != "id"]
            duplicates = con.execute(f"select count(*) from {table} group by {', '.join(columns)} "
                                     "having count(*) > 1").fetchall()
            assert duplicates == [], f"duplicate {table}"
            orphans = con.execute(f"select count(*) from {table} f join documents d on d.id = f.document_id "
                                  "where d.extractor_version is null").fetchone()[0]
            assert orphans == 0, f"{table} of a document never extracted"
        rows = con.execute("select url, content_hash, warc_file, warc_offset from documents").fetchall()
    now = {row["url"]: row["content_hash"] for row in rows}
    lost = {url for url in before if now.get(url) != before[url]}
    assert not lost, f"documents lost or altered by a crash: {sorted(lost)}"
    for row in rows:  # every stored document can still be read back from the archive
        body = read_response(paths.warc, row["warc_file"], row["warc_offset"]).body
        assert hashlib.sha256(body).hexdigest() == row["content_hash"]
    return now


def start_run(paths: Paths, site: LiveSite, env: dict[str, str], log: Path) -> subprocess.Popen:
    with open(log, "ab") as out:
        return subprocess.Popen(
            [*SCRUTINY, "run", "--data-dir", str(paths.data_dir), "--start-url", site.server.url("/sitemap.xml")],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,  # its own process group
        )


def kill_group(process: subprocess.Popen) -> None:
    """SIGKILL the run and its children (the crawler subprocess): a power cut, as far as they can tell."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=30)


def test_kill_9_at_random_points_loses_nothing(tmp_path, prefect_harness):
    from prefect.settings import PREFECT_API_URL

    rng = random.Random(SEED)
    paths = Paths(tmp_path / "data")
    log = tmp_path / "runs.log"
    env = {
        **os.environ,
        "PREFECT_API_URL": PREFECT_API_URL.value(),  # the test session's server: no server per killed run
        "SCRUTINY_SCRAPY_SETTINGS": json.dumps({**FAST_SETTINGS, "CONCURRENT_REQUESTS_PER_DOMAIN": 2}),
        "PYTHONUNBUFFERED": "1",
    }
    outcomes = []
    stored: dict[str, str] = {}
    with FaultServer(lifetime=900) as server:
        site = LiveSite(server)
        site.publish(FIRST_DAY_ARTICLES)
        # Day 0 runs to the end: it stores the first articles and says how long a run's pipeline takes.
        duration = None
        for day in range(KILLS + 1):
            runs_before = pipeline_runs(paths.db)
            process = start_run(paths, site, env, log)
            deadline = time.monotonic() + 240
            while process.poll() is None and pipeline_runs(paths.db) == runs_before:
                assert time.monotonic() < deadline, "the run never started its pipeline"
                time.sleep(0.1)
            started = time.monotonic()
            if duration is None:
                assert process.wait(timeout=600) == 0, log.read_text()[-3000:]
                duration = time.monotonic() - started
                outcomes.append(("day 0", round(duration, 1)))
            else:
                # Later days are incremental and quicker than day 0: aim inside their span.
                delay = rng.uniform(0.02, 0.6) * duration
                try:
                    process.wait(timeout=delay)
                    outcomes.append(("finished before the kill", round(delay, 1)))
                except subprocess.TimeoutExpired:
                    kill_group(process)
                    outcomes.append((f"killed on day {day}", round(delay, 1)))
            stored = check_invariants(paths, stored)
            site.publish(NEW_ARTICLES_PER_DAY)

        final = subprocess.run(
            [*SCRUTINY, "run", "--data-dir", str(paths.data_dir), "--start-url", server.url("/sitemap.xml")],
            env=env, capture_output=True, text=True, timeout=600, check=False,
        )
        assert final.returncode == 0, final.stdout[-3000:] + final.stderr[-3000:]
        summary = json.loads(final.stdout[final.stdout.index("{"):])
        assert summary["status"] == "completed"
        every_url = site.urls

    assert sum(1 for outcome in outcomes if outcome[0].startswith("killed")) >= KILLS - 1, outcomes
    stored = check_invariants(paths, stored)
    assert every_url <= set(stored), sorted(every_url - set(stored))
    with connect(paths.db) as con:
        assert con.execute("select count(*) from documents where extractor_version is null "
                           "or extracted_hash is not content_hash or extract_error is not null").fetchone()[0] == 0
        left = facts(con)
        failures = con.execute("select url, count(*) from crawl_errors group by url").fetchall()
        runs = con.execute("select kind, status, summary from runs").fetchall()
    assert {row[0] for row in failures} == {server.base_url + p for p in site.failing}
    assert sum(1 for key in left if key[0] == "events") >= len(every_url)  # every article has its facts
    # No run claims to be still going; each killed one says it was interrupted.
    assert [run["kind"] for run in runs if run["status"] == "running"] == []
    interrupted = [run for run in runs if run["kind"] == "pipeline" and "interrupted" in (run["summary"] or "")]
    # A kill before the flow wrote its run row (Prefect still starting) leaves no row to mark.
    killed = sum(1 for outcome in outcomes if outcome[0].startswith("killed"))
    assert 1 <= len(interrupted) <= killed, (interrupted, outcomes)

    # What the interrupted runs left is exactly what a fresh extraction of the archive gives.
    again = subprocess.run([*SCRUTINY, "extract", "--from-archive", "--all", "--data-dir", str(paths.data_dir)],
                           env=env, capture_output=True, text=True, timeout=600, check=False)
    assert again.returncode == 0, again.stderr[-3000:]
    with connect(paths.db) as con:
        assert facts(con) == left


# ---- a batch's transaction, killed many times ----------------------------------------------------------

BATCH_WRITER = """
import itertools, os, sys
from scrutiny.db.schema import open_db
from scrutiny.db.store import save_extractions, save_fetched_document
from scrutiny.extract.models import Document, Event, Person, Rating

db = open_db(sys.argv[1])
ids = [save_fetched_document(db, {"url": f"https://example.org/doc/{n}", "source": "test", "kind": "article",
                                  "content_hash": f"hash-{n}"})[0] for n in range(int(sys.argv[2]))]
print("ready", flush=True)
for count in itertools.count():
    token = f"batch {os.getpid()}-{count}"
    save_extractions(db, [(doc_id, Document(
        url=f"https://example.org/doc/{doc_id}", text=token,
        people=[Person(f"Person {k}", "director of children's services", "director_childrens_services",
                       evidence=token) for k in range(5)],
        events=[Event("appointment", person=f"Person {k}", evidence=token) for k in range(5)],
        ratings=[Rating("Sandwell", "333", "overall", "overall", "good", evidence=token) for _ in range(5)],
    )) for doc_id in ids], extractor_version=token)
"""
BATCH_DOCUMENTS = 150
FACTS_PER_DOCUMENT = {"roles": 5, "events": 5, "ratings": 5}
BATCH_KILLS = 6


def test_a_batch_killed_mid_transaction_is_all_or_nothing(tmp_path):
    """SIGKILL a process rewriting one batch of 2,250 facts in a loop: each kill leaves one whole batch.

    A batch takes about a second to write, so most kills land inside its transaction."""
    rng = random.Random(SEED)
    db_path = tmp_path / "scrutiny.db"
    kills = 0
    for _ in range(BATCH_KILLS):
        writer = subprocess.Popen([sys.executable, "-c", BATCH_WRITER, str(db_path), str(BATCH_DOCUMENTS)],
                                  stdout=subprocess.PIPE, text=True)
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 1.5))
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        writer.stdout.close()
        kills += writer.returncode == -signal.SIGKILL
        with connect(db_path) as con:
            assert con.execute("pragma integrity_check").fetchall()[0][0] == "ok"
            tokens = {row[0] for row in con.execute("select text from documents")}
            if tokens == {None}:
                continue  # killed before its first batch committed
            assert len(tokens) == 1, f"documents from different batches: {tokens}"
            for table, per_document in FACTS_PER_DOCUMENT.items():
                assert tuple(con.execute(f"select count(*), count(distinct evidence) from {table}").fetchone()) == (
                    BATCH_DOCUMENTS * per_document, 1)
                assert con.execute(f"select evidence from {table} limit 1").fetchone()[0] in tokens
            assert con.execute("select count(*) from people").fetchone()[0] == 5
    assert kills == BATCH_KILLS


def test_a_run_left_running_by_a_dead_process_is_marked_failed(tmp_path):
    from scrutiny.db.schema import open_db
    from scrutiny.db.store import start_run

    db_path = tmp_path / "scrutiny.db"
    subprocess.run([sys.executable, "-c", "import os, sys\nfrom scrutiny.db.schema import open_db\n"
                    "from scrutiny.db.store import start_run\nstart_run(open_db(sys.argv[1]), 'crawl')\nos._exit(0)",
                    str(db_path)], check=True, timeout=120)
    db = open_db(db_path)
    alive = start_run(db, "extract")  # this process: alive, so left alone by the next start
    start_run(db, "pipeline")
    runs = {row["id"]: row for row in db.query("select id, kind, status, summary from runs")}
    db.close()
    assert runs[1]["status"] == "failed" and "interrupted" in runs[1]["summary"]
    assert runs[alive]["status"] == "running" and json.loads(runs[alive]["summary"])["pid"] == os.getpid()
