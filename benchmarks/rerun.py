"""Re-run: a second pipeline run over unchanged data, as a fraction of the first.

The first run is the growth benchmark's at the same size when it ran in this
session (5,000 documents; 500 with ``--quick``), else one made here. The
same site is served again on the same port, so every URL and byte is
unchanged; a good re-run fetches little, extracts nothing and rewrites
nothing. Two second runs are measured: the pipeline's steps alone, and the
real Prefect flow (``run_pipeline``, what ``scrutiny run`` does), whose
start-up is part of what a scheduled re-run costs (full runs only: starting
Prefect's server takes longer than ``--quick`` allows).
"""

from __future__ import annotations

import json
import os
from typing import Any

from scrutiny.benchmarks.crawl import SHARED_SETTINGS
from scrutiny.benchmarks.generate import Site
from scrutiny.benchmarks.growth import describe, run_pipeline_once
from scrutiny.benchmarks.report import Result
from scrutiny.benchmarks.run import Context, run_worker
from scrutiny.benchmarks.server import free_port, serve_site
from scrutiny.config import data_paths


def prefect_pipeline(data_dir: str, start_url: str) -> dict[str, Any]:
    """``scrutiny run`` over the data folder (in a worker); crawl settings come from the environment."""
    import time

    from scrutiny.flows.pipeline import run_pipeline

    start = time.perf_counter()
    summary = run_pipeline(data_paths(data_dir), start_urls=[start_url])
    return {"seconds": time.perf_counter() - start, "status": summary.get("status"),
            "extraction": summary.get("extraction")}


def run(ctx: Context) -> list[Result]:
    import scrutiny.crawlers.run  # noqa: F401 - skip cleanly until the crawler exists
    import scrutiny.flows.extraction  # noqa: F401

    size = ctx.size(5000, 500, minimum=10)
    first = ctx.shared.get("pipeline", {}).get(size)
    if first is None:
        first = run_pipeline_once(ctx, size, str(ctx.folder(f"rerun-{size}")), free_port())
        ctx.echo(f"   first run: {first['total']:.1f} s ({describe(first)})")
    second = run_pipeline_once(ctx, size, first["data_dir"], first["port"], time_model=False)
    ctx.echo(f"   second run: {second['total']:.1f} s ({describe(second)})")
    steps = Result(f"re-run over unchanged data ({size:,} docs): pipeline steps", second["total"],
                   first["total"], "s", better="lower", target="ratio < 0.05",
                   note=f"second run: {describe(second)}")
    steps.met = steps.ratio < 0.05
    results = [steps]

    name = f"re-run over unchanged data ({size:,} docs): scrutiny run (Prefect)"
    try:
        import scrutiny.flows.pipeline  # noqa: F401
    except ImportError as err:
        return [*results, Result(name, None, None, "s", better="lower", note=f"skipped: {err.name} is not available")]
    if ctx.quick:
        return [*results, Result(name, None, first["total"], "s", better="lower",
                                 note="skipped: full runs only (Prefect's server start-up)")]
    env = {**os.environ, "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "600", "SCRUTINY_SCRAPY_SETTINGS": json.dumps(SHARED_SETTINGS), "PREFECT_LOGGING_LEVEL": "WARNING"}
    try:
        with serve_site(Site(size, seed=ctx.seed), port=first["port"]) as server:
            flow, wall, _ = run_worker("scrutiny.benchmarks.rerun:prefect_pipeline",
                                       {"data_dir": first["data_dir"], "start_url": f"{server.origin}/sitemap.xml"},
                                       env=env)
    except RuntimeError as err:  # Prefect's server did not start, or the flow crashed: keep the steps' row
        message = str(err).strip().splitlines()[-1][:200]
        return [*results, Result(name, None, first["total"], "s", better="lower", note=f"failed: {message}")]
    prefect = Result(name, flow["seconds"], first["total"], "s", better="lower", target="ratio < 0.05",
                     note=f"flow {flow['status']}, {wall:.0f} s with process start; extraction {flow['extraction']}")
    prefect.met = prefect.ratio < 0.05
    results.append(prefect)
    return results
