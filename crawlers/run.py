"""Crawl several sources: each in its own process, summaries gathered into one.

Twisted's reactor runs once per process, so each source is crawled by
``python -m scrutiny.crawlers.process`` (a few at a time; they write to the
same SQLite database in WAL mode, each to its own WARC file). A source that
fails (its process crashes, or nothing could be fetched) is listed in
``failed_sources`` and does not stop the others.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from scrutiny.config import Paths
from scrutiny.crawlers.sources import SourceProfile, load_sources, profiles_for_start_urls
from scrutiny.db import store
from scrutiny.db.schema import open_db

COUNTS = ("fetched", "stored", "new", "changed", "unchanged", "duplicate", "skipped", "failed")
# A crawler process that has not ended this long after its own CLOSESPIDER_TIMEOUT is hung: it is killed.
STOP_GRACE_SECONDS = 600


def plan(
    sources: list[str], start_urls: list[str], profiles: dict[str, SourceProfile] | None = None
) -> dict[str, SourceProfile]:
    """The profiles to crawl: the named ones, plus one per site among the start URLs."""
    profiles = load_sources() if profiles is None else profiles
    chosen = {name: profiles[name] for name in sources}
    for name, profile in profiles_for_start_urls(start_urls, profiles).items():
        if name in chosen:  # a named source also given start URLs: crawl both ways
            merged = chosen[name].as_dict()
            merged["start_urls"] = tuple(profile.start_urls)
            chosen[name] = SourceProfile.from_dict(merged)
        else:
            chosen[name] = profile
    return chosen


def job_for(
    profile: SourceProfile, paths: Paths, *, run_id: int, base_url: str | None, since: str | None,
    max_pages: int | None, refresh: bool, progress: bool, settings: dict[str, Any] | None,
) -> dict[str, Any]:
    """What ``scrutiny.crawlers.process`` needs; no credentials (the process reads them itself)."""
    return {
        "profile": profile.as_dict(),
        "db_path": str(paths.db),
        "warc_dir": str(paths.warc),
        "run_id": run_id,
        "base_url": base_url,
        "since": since,
        "max_pages": max_pages,
        "refresh": refresh,
        "progress": progress,
        "settings": settings or {},
    }


def run_process(job: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
    """Crawl one source in a child process; its summary, or ``{"error": ...}`` if it failed.

    The process is killed after ``timeout`` seconds; without one, shortly after the crawl's
    own ``CLOSESPIDER_TIMEOUT``, so a hung crawler never holds a scheduled run forever.
    """
    name = job["profile"]["name"]
    if timeout is None:
        timeout = hard_timeout(job)
    with tempfile.TemporaryDirectory(prefix="scrutiny-crawl-") as tmp:
        job_file, summary_file = Path(tmp) / "job.json", Path(tmp) / "summary.json"
        job_file.write_text(json.dumps(job))
        command = [sys.executable, "-m", "scrutiny.crawlers.process", str(job_file), str(summary_file)]
        try:
            result = subprocess.run(command, timeout=timeout, env=os.environ.copy(), check=False)
        except subprocess.TimeoutExpired:
            return {"source": name, "error": f"timed out after {timeout} s"}
        summary = json.loads(summary_file.read_text()) if summary_file.exists() else {"source": name}
        if result.returncode != 0:
            summary.setdefault("error", f"crawler process exited with status {result.returncode}")
        return summary


def hard_timeout(job: dict[str, Any]) -> float | None:
    """The job's CLOSESPIDER_TIMEOUT (overrides included) plus a grace period; None when it is disabled."""
    from scrutiny.crawlers import settings
    from scrutiny.crawlers.process import environment_settings

    overrides = dict(job.get("settings") or {})
    try:
        overrides.update(environment_settings())
    except ValueError:
        pass  # the crawler process reports it
    closes = float(overrides.get("CLOSESPIDER_TIMEOUT", settings.CLOSESPIDER_TIMEOUT) or 0)
    return closes + STOP_GRACE_SECONDS if closes else None


def source_failed(summary: dict[str, Any]) -> bool:
    """A source failed when its process did, or when everything it tried failed."""
    return "error" in summary or (summary.get("fetched", 0) == 0 and summary.get("failed", 0) > 0)


def crawl(
    paths: Paths,
    *,
    progress: bool = True,
    sources: list[str] | tuple[str, ...] = (),
    start_urls: list[str] | tuple[str, ...] = (),
    base_urls: dict[str, str] | None = None,
    since: str | None = None,
    max_pages: int | None = None,
    refresh: bool = False,
    settings: dict[str, Any] | None = None,
    parallel: int = 4,
    timeout: float | None = None,
) -> dict[str, Any]:
    """Crawl the sources and start URLs; returns the run summary (also saved on the ``runs`` row)."""
    profiles = plan(list(sources), list(start_urls))
    base_urls = base_urls or {}
    db = open_db(paths.db)
    run_id = store.start_run(db, "crawl")
    jobs = [
        job_for(profile, paths, run_id=run_id, base_url=base_urls.get(name), since=since, max_pages=max_pages,
                refresh=refresh, progress=progress, settings=settings)
        for name, profile in profiles.items()
    ]
    workers = max(1, min(parallel, len(jobs)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda job: run_process(job, timeout), jobs))
    summary = aggregate(run_id, results)
    store.finish_run(db, run_id, "failed" if summary["failed_sources"] else "completed", summary)
    db.close()
    return summary


def aggregate(run_id: int, results: list[dict[str, Any]]) -> dict[str, Any]:
    by_source = {result["source"]: result for result in results}
    totals = {key: sum(r.get(key, 0) for r in results) for key in COUNTS}
    for kind in ("skipped_by_reason", "failed_by_reason"):
        merged: dict[str, int] = {}
        for result in results:
            for reason, count in result.get(kind, {}).items():
                merged[reason] = merged.get(reason, 0) + count
        totals[kind] = dict(sorted(merged.items()))
    return {
        "run_id": run_id,
        "sources": by_source,
        "totals": totals,
        "failed_sources": [name for name, result in by_source.items() if source_failed(result)],
    }


def format_summary(summary: dict[str, Any]) -> str:
    """The end-of-crawl report: one line per source, a total, the reasons, what failed."""
    lines = []
    for name, result in summary.get("sources", {}).items():
        if "error" in result:
            lines.append(f"{name}: FAILED ({result['error']})")
            continue
        lines.append(f"{name}: {_counts(result)}")
    totals = summary.get("totals", {})
    if len(summary.get("sources", {})) != 1:
        lines.append(f"total: {_counts(totals)}")
    for label, key in (("skipped", "skipped_by_reason"), ("failed", "failed_by_reason")):
        reasons = totals.get(key) or {}
        if reasons:
            lines.append(f"  {label} by reason: " + ", ".join(f"{r} {n}" for r, n in reasons.items()))
    if summary.get("failed_sources"):
        lines.append("failed sources: " + ", ".join(summary["failed_sources"]))
    return "\n".join(lines)


def _counts(result: dict[str, Any]) -> str:
    return (
        f"{result.get('fetched', 0)} fetched, {result.get('stored', 0)} stored "
        f"({result.get('new', 0)} new, {result.get('changed', 0)} changed), "
        f"{result.get('unchanged', 0)} unchanged, {result.get('duplicate', 0)} duplicate, "
        f"{result.get('skipped', 0)} skipped, {result.get('failed', 0)} failed"
    )
