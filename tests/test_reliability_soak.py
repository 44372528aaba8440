"""Soak: crawl and extract a mixed good and faulty site again and again in one long-lived process;
its memory, open files, threads and child processes must stay flat.

The long-lived process is a child (this file run as a script), so the
numbers are its own and not pytest's: it loops ``crawl`` (each source in its
own subprocess, as a scheduled server does) and ``extract_stored`` (the
spaCy model loaded once), and prints one JSON line of measurements per
iteration. Bounded by ``ITERATIONS`` and ``SECONDS``.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from faultserver import (
    FAST_SETTINGS,
    FaultServer,
    article_page,
    changing,
    cp1252_article,
    fact_paragraphs,
    fault_path,
    fault_slug,
    good_path,
    gzip_bomb,
    hang,
    huge,
    malformed_article,
    mixed_site,
    redirect,
    reset,
    status,
    truncated,
)

ITERATIONS = 6
SECONDS = 150.0
# One retry instead of three: the faults cost less time per iteration, and as many connections are dropped.
SOAK_SETTINGS = {**FAST_SETTINGS, "RETRY_TIMES": 1, "DOWNLOAD_TIMEOUT": 1.0}
RSS_MARGIN = 30 * 1024 * 1024  # bytes of growth tolerated between the second and the last iteration


def soak(data_dir: str, start_url: str, iterations: int, seconds: float) -> None:
    """The long-lived process: crawl (refresh, so every page is fetched again) and extract, repeatedly."""
    import psutil

    from scrutiny.config import Paths
    from scrutiny.crawlers.run import crawl
    from scrutiny.flows.extraction import extract_stored

    paths = Paths(Path(data_dir))
    me = psutil.Process()
    deadline = time.monotonic() + seconds
    for number in range(1, iterations + 1):
        summary = crawl(paths, progress=False, start_urls=[start_url], settings=SOAK_SETTINGS, refresh=True)
        extraction = extract_stored(paths)
        gc.collect()
        print(json.dumps({
            "iteration": number, "rss": me.memory_info().rss, "fds": me.num_fds(), "threads": me.num_threads(),
            "children": len(me.children(recursive=True)), "stored": summary["totals"]["stored"],
            "failed_by_reason": summary["totals"]["failed_by_reason"], "extracted": extraction["documents"],
            "extract_errors": extraction["errors"],
        }), flush=True)
        if time.monotonic() > deadline:
            break


def site_routes(base: str) -> dict:
    """Six articles (with facts) that change on every fetch, beside a fault of each kind."""

    def changing_article(n: int):
        slug = f"good-article-number-{n}-about-council-services"
        return changing(lambda count: article_page(
            slug, f"Good article {n}", base=base, paragraphs=[*fact_paragraphs(n), f"Updated {count} times."]))

    faults = {
        "http-500": status(500), "timeout": hang(30), "connection-reset": reset(),
        "truncated-body": truncated("<html><body><p>cut</p>"), "huge-body": huge(3_000_000),
        "gzip-bomb": gzip_bomb(32_000_000), "redirect-loop": redirect("/loop/elsewhere"),
        "cp1252": changing(lambda count: cp1252_article(fault_slug("cp1252"), f"Council pays ({count})", base=base)),
        "malformed": changing(lambda count: malformed_article(fault_slug("malformed"), f"Broken ({count})",
                                                              base=base)),
    }
    routes = mixed_site(base, good=0, faults=faults, extra={good_path(n): changing_article(n) for n in range(6)}).routes
    routes["/loop/elsewhere"] = redirect(fault_path("redirect-loop"))
    return routes


@pytest.mark.slow
def test_repeated_crawls_keep_memory_and_open_files_flat(tmp_path):
    with FaultServer(lifetime=SECONDS + 120) as server:
        server.routes.update(site_routes(server.base_url))
        child = subprocess.run(
            [sys.executable, __file__, str(tmp_path), server.url("/sitemap.xml"), str(ITERATIONS), str(SECONDS)],
            capture_output=True, text=True, timeout=SECONDS + 300, check=False, env={**os.environ},
        )
    assert child.returncode == 0, child.stderr[-3000:]
    samples = [json.loads(line) for line in child.stdout.splitlines() if line.startswith("{")]
    assert len(samples) >= 4, child.stdout
    second, last = samples[1], samples[-1]
    assert last["rss"] - second["rss"] < RSS_MARGIN, [s["rss"] // 2**20 for s in samples]
    assert last["fds"] <= second["fds"] + 2, [s["fds"] for s in samples]
    assert last["threads"] <= second["threads"] + 2, [s["threads"] for s in samples]
    assert all(s["children"] == 0 for s in samples)  # every crawler subprocess reaped
    # Every iteration does the same work: refetches and re-extracts the changed pages, fails the same way.
    for sample in samples:
        assert sample["stored"] == 8 and sample["extracted"] == 8 and sample["extract_errors"] == 0
        assert sample["failed_by_reason"] == samples[0]["failed_by_reason"]
        assert sum(sample["failed_by_reason"].values()) == 7


if __name__ == "__main__":
    soak(sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
