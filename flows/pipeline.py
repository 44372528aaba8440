"""The ``pipeline`` flow: crawl -> extract -> load -> publish.

- **crawl**: one task per source (``crawl source cypnow``), each running the
  crawler in its own subprocess, several at once, retried with back-off; a
  source that still fails is reported and the others carry on.
- **extract**: batches of the documents whose body the current extractor
  version has not processed, read from the WARC archive (no network). The
  ``extract batch N`` tasks are pure, so they run in a thread or on a Dask
  cluster; a re-run over unchanged data finds nothing to do.
- **load**: ``load batch N`` writes each batch in one transaction, in the flow
  process; a run killed halfway leaves no partial batch and the next run
  picks up where it stopped.
- **publish**: rebuilds the full-text index when anything changed.

``run_pipeline`` runs it once (``scrutiny run``); ``scrutiny.flows.schedule``
serves it on a schedule; ``prefect.yaml`` deploys it to a work pool.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlite_utils
from prefect import flow, get_run_logger, runtime, task
from prefect.cache_policies import NONE
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.states import Completed, Failed, State
from prefect.task_runners import ThreadPoolTaskRunner

from scrutiny.config import Paths, data_paths
from scrutiny.db.queries import count_pending, iter_documents_to_extract, table_counts
from scrutiny.db.schema import open_db
from scrutiny.db.store import finish_run, refresh_search_index, start_run
from scrutiny.extract.core import EXTRACTOR_VERSION
from scrutiny.extract.models import Document
from scrutiny.flows import extraction
from scrutiny.flows.environment import use_prefect_environment

LOCAL_DASK_WORKERS = 2
# Seconds between the starts of concurrent crawls. Each opens the database and records its run as it
# starts; two such first writes at the same instant make SQLite answer "database is locked" (a deferred
# transaction cannot upgrade to a write after another commit), which would cost a retry.
CRAWL_START_GAP = 1.0


class CrawlFailed(RuntimeError):
    """A source's crawl failed as a whole (its site down, its start URLs unreachable)."""


# ---- tasks ---------------------------------------------------------------------------------------------


@task(name="crawl", task_run_name="crawl {label}", cache_policy=NONE)
def crawl_one(
    data_dir: str, label: str, sources: list[str], start_urls: list[str], base_urls: dict[str, str],
    since: str | None, max_pages: int | None, refresh: bool, timeout: float | None,
    settings: dict[str, Any] | None,
) -> dict[str, dict[str, Any]]:
    """Crawl one site (a source, or the start URLs of one site) in a subprocess; its crawl summary.

    Raises CrawlFailed when the site failed as a whole, so the task is retried.
    """
    from scrutiny.crawlers.run import crawl

    summary = crawl(
        data_paths(data_dir), progress=False, sources=sources, start_urls=start_urls, base_urls=base_urls,
        since=since, max_pages=max_pages, refresh=refresh, timeout=timeout, settings=settings,
    )
    results = summary.get("sources", {})
    failed = summary.get("failed_sources") or []
    if failed:
        raise CrawlFailed("; ".join(f"{name}: {_crawl_failure(results.get(name, {}))}" for name in failed))
    for name, result in results.items():
        get_run_logger().info("%s: %s", name, _counts_line(result))
    return results


@task(name="extract batch", task_run_name="extract batch {number}", cache_policy=NONE, retries=1)
def extract_batch(raws: list, number: int) -> list[Document]:
    """Text and facts of one batch of archived bodies: pure, so it may run on any Dask worker."""
    docs = extraction.extract_raws(raws)
    get_run_logger().info("batch %d: extracted %d documents", number, len(docs))
    return docs


@task(name="load batch", task_run_name="load batch {number}", cache_policy=NONE)
def load_batch(
    db: sqlite_utils.Database, batch: extraction.Batch, docs: list[Document], number: int, extractor_version: str
) -> dict[str, int]:
    """Write one batch's text and facts in one transaction."""
    counts = extraction.load_batch(db, batch, docs, extractor_version=extractor_version)
    get_run_logger().info("batch %d: loaded %s", number, _counts_line(counts))
    return counts


@task(name="publish", cache_policy=NONE)
def publish(db: sqlite_utils.Database, changed: bool) -> dict[str, int]:
    """Bring the full-text index in step with the stored text when it changed; the tables' row counts."""
    if changed:
        refresh_search_index(db)
    counts = table_counts(db)
    get_run_logger().info("%s: %s", "published" if changed else "nothing new to publish", _counts_line(counts))
    return counts


# ---- the flow ------------------------------------------------------------------------------------------


@flow(name="pipeline", task_runner=ThreadPoolTaskRunner(max_workers=2), persist_result=False)
def pipeline(
    data_dir: str | None = None,
    sources: list[str] | None = None,
    start_urls: list[str] | None = None,
    base_urls: dict[str, str] | None = None,
    since: str | None = None,
    max_pages: int | None = None,
    refresh: bool = False,
    extractor_version: str = EXTRACTOR_VERSION,
    batch_size: int = extraction.DEFAULT_BATCH_SIZE,
    parallel_batches: int = 1,
    crawl_retries: int = 2,
    crawl_retry_delay: float = 30.0,
    crawl_concurrency: int = 3,
    crawl_timeout: float | None = None,
    crawl_settings: dict[str, Any] | None = None,
) -> State:
    """Crawl the sources, extract and load what is new, publish; ends Failed naming what failed.

    A failed source does not stop the others and leaves the run Completed; the
    run fails when every source failed, or extraction or publishing did.

    Args:
        data_dir: Where the database, WARC archive and Prefect state live (default: SCRUTINY_DATA_DIR or ./data).
        sources: Source profiles of crawlers/sources.toml to crawl; none to only extract what is stored.
        start_urls: Sitemaps, feeds or listings of other sites to crawl.
        base_urls: Mirrors to crawl instead of a source's real site, by source name.
        since: Skip articles published before this date (YYYY-MM-DD).
        max_pages: Stop after this many pages per source.
        refresh: Fetch again even what is stored and unchanged.
        extractor_version: Documents extracted by another version are extracted again, from the archive.
        batch_size: Documents per extraction batch (and per database transaction).
        parallel_batches: Extraction batches running at once (1 in threads; about twice the Dask workers).
        crawl_retries: Retries of a source whose crawl failed as a whole.
        crawl_retry_delay: Seconds before the first retry; doubled for each next one.
        crawl_concurrency: Sources crawled at once.
        crawl_timeout: Seconds a source's crawl may take before it is stopped (none: no limit).
        crawl_settings: Scrapy settings for the crawls (politeness defaults come from crawlers/settings.py).
    """
    logger = get_run_logger()
    paths = data_paths(data_dir)
    db = open_db(paths.db)
    run_id = start_run(db, "pipeline")
    summary: dict[str, Any] = {"status": "failed", "flow_run_id": str(runtime.flow_run.id), "run_id": run_id,
                               "data_dir": str(paths.data_dir), "failed": []}
    try:
        sources_summary = crawl_step(
            paths, sources or [], start_urls or [], base_urls or {}, since, max_pages, refresh,
            retries=crawl_retries, retry_delay=crawl_retry_delay, concurrency=crawl_concurrency,
            timeout=crawl_timeout, settings=crawl_settings,
        )
        summary["sources"] = sources_summary
        crawl_failures = [result["task"] for result in sources_summary.values() if result["status"] == "failed"]
        summary["failed"] += crawl_failures

        summary["extraction"] = extract_step(paths, db, extractor_version, batch_size, parallel_batches)
        if summary["extraction"].get("failed"):
            summary["failed"].append(summary["extraction"]["failed"])

        summary["counts"] = publish(db, changed=summary["extraction"]["documents"] > 0)
        every_source_failed = bool(sources_summary) and len(crawl_failures) == len(sources_summary)
        extraction_failed = bool(summary["extraction"].get("failed"))
        summary["status"] = "failed" if every_source_failed or extraction_failed else "completed"
    except Exception as error:
        summary["failed"].append(f"{type(error).__name__}: {error}")
        raise
    finally:
        finish_run(db, run_id, summary["status"], {k: v for k, v in summary.items() if k != "status"})
        db.close()
    if summary["status"] == "failed":
        message = "failed: " + "; ".join(summary["failed"])
        logger.error(message)
        return Failed(message=message, data=summary)
    if summary["failed"]:
        logger.warning("completed, but these failed: %s", "; ".join(summary["failed"]))
    return Completed(message="completed", data=summary)


def crawl_step(
    paths: Paths, sources: list[str], start_urls: list[str], base_urls: dict[str, str], since: str | None,
    max_pages: int | None, refresh: bool, *, retries: int, retry_delay: float, concurrency: int,
    timeout: float | None, settings: dict[str, Any] | None,
) -> dict[str, dict[str, Any]]:
    """Crawl each site in a task of its own, several at once; the outcome of each, failures included."""
    logger = get_run_logger()
    jobs = crawl_jobs(sources, start_urls, base_urls)
    if not jobs:
        logger.info("nothing to crawl; extracting what is stored")
        return {}
    crawl = crawl_one.with_options(
        retries=retries, retry_delay_seconds=[retry_delay * 2**i for i in range(retries)],
        retry_jitter_factor=0.2 if retry_delay else None,
    )
    common = {"data_dir": str(paths.data_dir), "since": since, "max_pages": max_pages, "refresh": refresh,
              "timeout": timeout, "settings": settings}
    outcomes: dict[str, dict[str, Any]] = {}
    with ThreadPoolTaskRunner(max_workers=max(1, concurrency)) as runner:
        futures = []
        for number, (name, job) in enumerate(jobs.items()):
            if number:
                time.sleep(CRAWL_START_GAP)
            futures.append((name, job, runner.submit(crawl, parameters={**common, **job})))
        for name, job, future in futures:
            future.wait()
            if future.state.is_completed():
                for source, result in future.result().items():
                    outcomes[source] = {"status": "completed", **result}
            else:
                error = _one_line(future.result(raise_on_failure=False), future.state.message)
                outcomes[name] = {"status": "failed", "task": f"crawl {job['label']}", "error": error}
                logger.error("crawl %s failed: %s", job["label"], error)
    return outcomes


def crawl_jobs(sources: list[str], start_urls: list[str], base_urls: dict[str, str]) -> dict[str, dict[str, Any]]:
    """One crawl per site, by the crawler's own site key: each named source, each other start-URL site."""
    from scrutiny.crawlers.sources import load_sources, profiles_for_start_urls

    by_site: dict[str, list[str]] = {}
    if start_urls:
        for key, profile in profiles_for_start_urls(list(start_urls), load_sources()).items():
            by_site[key] = list(profile.start_urls)
    jobs = {
        name: {"label": f"source {name}", "sources": [name], "start_urls": by_site.pop(name, []),
               "base_urls": {name: base_urls[name]} if name in base_urls else {}}
        for name in sources
    }
    for key, urls in by_site.items():
        jobs[key] = {"label": f"site {key}", "sources": [], "start_urls": urls,
                     "base_urls": {key: base_urls[key]} if key in base_urls else {}}
    return jobs


def extract_step(
    paths: Paths, db: sqlite_utils.Database, extractor_version: str, batch_size: int, parallel_batches: int
) -> dict[str, Any]:
    """Extract (on the task runner) and load (here) every stale document, batch by batch.

    At most ``parallel_batches`` extractions run at once; loading a finished
    batch overlaps the extraction of the next. The first batch that fails
    stops new submissions; what was extracted is still loaded.
    """
    logger = get_run_logger()
    pending = count_pending(db, extractor_version)
    logger.info("%d documents to extract with extractor %s", pending, extractor_version)
    totals = {"documents": 0, "errors": 0, "people": 0, "ratings": 0, "events": 0, "batches": 0}
    failed: str | None = None
    running: deque[tuple[int, extraction.Batch, Any]] = deque()
    finished: deque[tuple[int, extraction.Batch, list[Document]]] = deque()

    def collect_oldest() -> None:
        nonlocal failed
        number, batch, future = running.popleft()
        try:
            finished.append((number, batch, future.result()))
        except Exception as error:  # the batch's task failed after its retries
            failed = failed or f"extract batch {number}: {_one_line(error)}"
            logger.error(failed)

    def load_finished() -> None:
        while finished:
            number, batch, docs = finished.popleft()
            counts = load_batch(db, batch, docs, number, extractor_version)
            totals["batches"] += 1
            for key in counts:
                totals[key] = totals.get(key, 0) + counts[key]

    for number, rows in enumerate(iter_documents_to_extract(db, extractor_version, batch_size=batch_size), 1):
        batch = extraction.read_batch(paths, rows)
        while len(running) >= max(1, parallel_batches):
            collect_oldest()
        if failed:
            break
        running.append((number, batch, extract_batch.submit(batch.raws, number=number)))
        load_finished()
    while running:
        collect_oldest()
    load_finished()
    return {"extractor_version": extractor_version, **totals,
            "pending": count_pending(db, extractor_version), "failed": failed}


# ---- running it once -----------------------------------------------------------------------------------


def run_pipeline(
    paths: Paths,
    task_runner: str = "thread",
    dask_address: str | None = None,
    *,
    sources: list[str] | None = None,
    start_urls: list[str] | None = None,
    base_urls: dict[str, str] | None = None,
    since: str | None = None,
    max_pages: int | None = None,
    refresh: bool = False,
    **options: Any,
) -> dict[str, Any]:
    """Run the pipeline flow once in this process; the run's summary with ``status``.

    ``task_runner="dask"`` extracts on the Dask cluster at ``dask_address``, or
    on a local cluster of two worker processes. ``options`` are further flow
    parameters (``extractor_version``, ``batch_size``, ``crawl_retries``, ...).
    """
    use_prefect_environment(paths)
    parameters = {
        "data_dir": str(paths.data_dir), "sources": list(sources or []), "start_urls": list(start_urls or []),
        "base_urls": dict(base_urls or {}), "since": since, "max_pages": max_pages, "refresh": refresh,
        **options,
    }
    if task_runner == "thread":
        state = pipeline(**parameters, return_state=True)
    elif task_runner == "dask":
        with shared_prefect_api() as api_url:
            runner = dask_task_runner(dask_address, api_url)
            parameters.setdefault("parallel_batches", 2 * LOCAL_DASK_WORKERS if dask_address is None else 8)
            state = pipeline.with_options(task_runner=runner)(**parameters, return_state=True)
    else:
        raise ValueError(f"unknown task runner {task_runner!r}; use 'thread' or 'dask'")
    return state_summary(state)


def state_summary(state: State) -> dict[str, Any]:
    """The run's summary from its final state, whether it completed, failed or crashed."""
    result = state.result(raise_on_failure=False)
    summary = dict(result) if isinstance(result, dict) else {"failed": [_one_line(result, state.message)]}
    summary["status"] = "completed" if state.is_completed() else "failed"
    summary["state"] = state.name
    if state.message and not state.is_completed():
        summary["message"] = state.message
    return summary


@contextmanager
def shared_prefect_api() -> Iterator[str]:
    """A Prefect API that every process of the run can reach.

    ``PREFECT_API_URL`` when set; otherwise this process's temporary server,
    started now, so that Dask workers report to it instead of each starting one.
    """
    api_url = PREFECT_API_URL.value()
    if api_url:
        yield api_url
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()
    with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
        yield server.api_url


def dask_task_runner(address: str | None, api_url: str) -> Any:
    """A DaskTaskRunner on ``address``, or on a local cluster of worker processes set up for Prefect."""
    from prefect_dask import DaskTaskRunner

    if address:
        return DaskTaskRunner(address=address)
    # Workers inherit this process's environment (PREFECT_HOME and the offline-safe defaults);
    # pointing them at the run's API spares each a temporary server of its own.
    worker_env = {"PREFECT_API_URL": api_url}
    return DaskTaskRunner(
        cluster_class="distributed.LocalCluster",
        cluster_kwargs={
            "n_workers": LOCAL_DASK_WORKERS, "threads_per_worker": 1, "processes": True, "env": worker_env,
        },
    )


# ---- helpers -------------------------------------------------------------------------------------------


def _one_line(error: Any, fallback: str | None = None) -> str:
    if isinstance(error, BaseException):
        text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return text if isinstance(error, CrawlFailed) else f"{type(error).__name__}: {text}"
    return fallback or str(error)


def _crawl_failure(result: dict[str, Any]) -> str:
    if result.get("error"):
        return str(result["error"])
    reasons = result.get("failed_by_reason") or {}
    detail = ", ".join(f"{reason} {count}" for reason, count in reasons.items())
    return f"nothing fetched, {result.get('failed', 0)} failed" + (f" ({detail})" if detail else "")


def _counts_line(counts: dict[str, Any]) -> str:
    return ", ".join(f"{key} {value}" for key, value in counts.items() if isinstance(value, int | float))
