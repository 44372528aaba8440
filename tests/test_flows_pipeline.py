"""The pipeline flow over the local corpus mirror: fills, re-runs cheaply, re-extracts offline, survives failures."""

from __future__ import annotations

import json
import shutil
import socket

import pytest

from scrutiny.config import Paths
from scrutiny.db.schema import open_db

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]

SITE = "communitycare"  # four articles, listings, tags, a login page
ARTICLES = 4


def run(paths: Paths, **parameters):
    from scrutiny.flows.pipeline import run_pipeline

    parameters.setdefault("crawl_retry_delay", 0)
    return run_pipeline(paths, **parameters)


def site_crawl(corpus_server, crawl_settings, *sites: str, **extra) -> dict:
    return {
        "sources": list(sites), "base_urls": {site: corpus_server.site_url(site) for site in sites},
        "crawl_settings": crawl_settings, **extra,
    }


def facts(paths: Paths) -> dict[str, list[tuple]]:
    """Every fact with its document's URL and person's name: comparable across databases."""
    db = open_db(paths.db)
    try:
        return {
            "roles": sorted(db.execute(
                "select d.url, p.name, r.role, r.role_category, r.organisation, r.authority_code, r.status,"
                " r.acting, r.evidence from roles r join documents d on d.id = r.document_id"
                " join people p on p.id = r.person_id").fetchall()),
            "ratings": sorted(db.execute(
                "select d.url, r.authority_code, r.area_category, r.grade, r.date, r.evidence"
                " from ratings r join documents d on d.id = r.document_id").fetchall()),
            "events": sorted(db.execute(
                "select d.url, e.type, p.name, e.organisation, e.authority_code, e.intervention, e.status, e.date,"
                " e.evidence from events e join documents d on d.id = e.document_id"
                " left join people p on p.id = e.person_id").fetchall(), key=repr),
        }
    finally:
        db.close()


def copy_data(paths: Paths, target) -> Paths:
    shutil.copytree(paths.data_dir, target, ignore=shutil.ignore_patterns("prefect"))
    return Paths(target)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory, corpus_server, crawl_settings):
    """One pipeline run over the community care mini-site."""
    paths = Paths(tmp_path_factory.mktemp("pipeline") / "data")
    corpus_server.clear_log()
    result = run(paths, **site_crawl(corpus_server, crawl_settings, SITE))
    return paths, result


def test_pipeline_fills_the_database(crawled):
    paths, result = crawled
    assert result["status"] == "completed", result
    assert result["sources"][SITE]["status"] == "completed"
    assert result["sources"][SITE]["new"] == ARTICLES
    db = open_db(paths.db)
    assert db.execute("select count(*) from documents where source = ? and text != ''", [SITE]).fetchone()[0] == ARTICLES
    assert result["extraction"]["documents"] == ARTICLES
    assert result["counts"]["documents"] == ARTICLES
    assert result["counts"]["events"] > 0 and result["counts"]["roles"] > 0
    assert db.execute("select count(*) from documents_fts where documents_fts match 'Gloucestershire'").fetchone()[0]
    run_row = db.execute("select status, summary from runs where kind = 'pipeline'").fetchone()
    assert run_row[0] == "completed" and json.loads(run_row[1])["extraction"]["documents"] == ARTICLES


def test_second_run_processes_no_documents(crawled, corpus_server, crawl_settings, tmp_path):
    paths = copy_data(crawled[0], tmp_path / "data")
    before = facts(paths)
    result = run(paths, **site_crawl(corpus_server, crawl_settings, SITE))
    assert result["status"] == "completed", result
    assert result["sources"][SITE]["new"] == 0
    assert result["extraction"]["documents"] == 0
    assert result["extraction"]["batches"] == 0
    assert facts(paths) == before


def test_new_extractor_version_reextracts_from_the_archive_without_fetching(crawled, corpus_server, tmp_path):
    paths = copy_data(crawled[0], tmp_path / "data")
    before = facts(paths)
    corpus_server.clear_log()
    result = run(paths, extractor_version="test-next")
    assert result["status"] == "completed", result
    assert corpus_server.request_log == []
    assert result["extraction"]["documents"] == ARTICLES
    db = open_db(paths.db)
    assert {row[0] for row in db.execute("select extractor_version from documents")} == {"test-next"}
    assert facts(paths) == before


def task_runs(flow_run_id: str, name: str) -> list:
    """The task runs of that name in a flow run, as the Prefect API has them."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas import filters, sorting

    with get_client(sync_client=True) as client:
        return client.read_task_runs(
            flow_run_filter=filters.FlowRunFilter(id=filters.FlowRunFilterId(any_=[flow_run_id])),
            task_run_filter=filters.TaskRunFilter(name=filters.TaskRunFilterName(any_=[name])),
            sort=sorting.TaskRunSort.EXPECTED_START_TIME_ASC, limit=10,
        )


def dead_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/lgc"  # nothing listens there once the socket is closed


def test_a_failing_source_leaves_the_run_completed_with_the_others_loaded(
    corpus_server, crawl_settings, tmp_path
):
    paths = Paths(tmp_path / "data")
    request = site_crawl(corpus_server, crawl_settings, "localnews", "lgc", crawl_retries=1)
    request["base_urls"]["lgc"] = dead_url()
    result = run(paths, **request)
    assert result["status"] == "completed", result
    assert result["sources"]["localnews"]["status"] == "completed"
    assert result["sources"]["lgc"]["status"] == "failed"
    assert result["failed"] == ["crawl source lgc"]
    db = open_db(paths.db)
    assert {row[0] for row in db.execute("select distinct source from documents")} == {"localnews"}
    assert db.execute("select count(*) from documents where text != ''").fetchone()[0] == result["counts"]["documents"] > 0
    [crawl_lgc] = task_runs(result["flow_run_id"], "crawl source lgc")
    assert crawl_lgc.state.is_failed() and crawl_lgc.run_count == 2  # tried, then retried once


def test_run_fails_naming_what_failed_when_every_source_fails(crawl_settings, tmp_path):
    paths = Paths(tmp_path / "data")
    result = run(paths, sources=["lgc"], base_urls={"lgc": dead_url()}, crawl_settings=crawl_settings,
                 crawl_retries=0)
    assert result["status"] == "failed"
    assert result["failed"] == ["crawl source lgc"]
    assert "crawl source lgc" in result["message"]
    db = open_db(paths.db)
    assert db.execute("select status from runs where kind = 'pipeline'").fetchone()[0] == "failed"


def test_a_failed_batch_keeps_earlier_batches_and_the_next_run_resumes(
    crawled, tmp_path, monkeypatch
):
    from scrutiny.flows import extraction

    paths = copy_data(crawled[0], tmp_path / "data")
    real = extraction.extract_raws
    calls = []

    def second_batch_breaks(raws, **kwargs):
        calls.append(len(raws))
        if len(calls) >= 2:  # batch 2 and its retry
            raise RuntimeError("worker lost")
        return real(raws, **kwargs)

    monkeypatch.setattr(extraction, "extract_raws", second_batch_breaks)
    result = run(paths, extractor_version="test-resume", batch_size=2)
    assert result["status"] == "failed"
    assert result["failed"] == ["extract batch 2: RuntimeError: worker lost"]
    assert "extract batch 2" in result["message"]
    db = open_db(paths.db)
    assert db.execute("select count(*) from documents where extractor_version = 'test-resume'").fetchone()[0] == 2

    monkeypatch.setattr(extraction, "extract_raws", real)
    result = run(paths, extractor_version="test-resume", batch_size=2)
    assert result["status"] == "completed", result
    assert result["extraction"]["documents"] == ARTICLES - 2
    assert db.execute("select count(*) from documents where extractor_version = 'test-resume'").fetchone()[0] == ARTICLES


def test_dask_cluster_extracts_the_same_facts_as_in_process(crawled, tmp_path):
    from scrutiny.flows.extraction import extract_stored

    here = copy_data(crawled[0], tmp_path / "here")
    on_dask = copy_data(crawled[0], tmp_path / "dask")
    summary = extract_stored(here, extractor_version="test-dask")
    result = run(on_dask, task_runner="dask", extractor_version="test-dask", batch_size=2)
    assert result["status"] == "completed", result
    assert result["extraction"]["documents"] == summary["documents"] == ARTICLES
    assert result["extraction"]["batches"] == 2
    assert facts(on_dask) == facts(here) == facts(crawled[0])
