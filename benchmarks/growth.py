"""Growth: wall time and peak memory of the whole pipeline at growing sizes.

At each size (1,000, 5,000 and 20,000 generated articles; 100, 250 and 500 with
``--quick``, which must finish in five minutes on two cores, and extraction runs
at a few thousand words a second) a fresh process runs the pipeline's steps over a fresh data folder:
crawl the local site (the real crawler, from its sitemap), extract and load
every stored document from the WARC archive (``extract_stored``), then rebuild
the search index (the flow's publish step). Peak memory is the resident set of
that process and its children (the crawler process), sampled with psutil.

Each larger size is compared with the smallest: time against a linear
extrapolation (ratio 1 = linear; below 1 while fixed start-up costs dominate),
memory against the smallest run's peak (ratio 1 = flat), and the seconds per
document once start-up (loading the spaCy model, starting and stopping the
crawler process) is taken out.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import psutil

from scrutiny.benchmarks.crawl import SHARED_SETTINGS
from scrutiny.benchmarks.generate import Site
from scrutiny.benchmarks.report import Result
from scrutiny.benchmarks.run import Context, run_worker
from scrutiny.benchmarks.server import free_port, serve_site
from scrutiny.config import data_paths

MB = 2**20


class PeakSampler:
    """Peak resident set of this process and of its children, sampled every 20 ms in a thread.

    (``ru_maxrss`` will not do: a process started by fork and exec inherits its parent's.)
    """

    def __init__(self) -> None:
        self.own = self.children = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            try:
                self.own = max(self.own, me.memory_info().rss)
                self.children = max(self.children, sum(c.memory_info().rss for c in me.children(recursive=True)))
            except psutil.Error:
                pass
            self._stop.wait(0.02)

    def reset(self) -> None:
        self.own = self.children = 0

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def pipeline_steps(data_dir: str, start_url: str, settings: dict[str, Any], time_model: bool) -> dict[str, Any]:
    """Crawl, extract and load, publish: the pipeline flow's steps without Prefect (in a worker).

    ``time_model`` loads the spaCy model as a step of its own, so its start-up cost can be told apart.
    """
    from scrutiny.crawlers.run import crawl
    from scrutiny.db.schema import open_db
    from scrutiny.db.store import refresh_search_index
    from scrutiny.flows.extraction import extract_stored, shared_nlp

    paths = data_paths(data_dir)
    seconds: dict[str, float] = {}
    peaks: dict[str, int] = {}  # peak RSS of this process during each step, and of the crawler processes
    sampler = PeakSampler()

    def step(name: str, fn: Callable[[], Any]) -> Any:
        sampler.reset()
        start = time.perf_counter()
        value = fn()
        seconds[name] = time.perf_counter() - start
        peaks[name] = sampler.own
        peaks["crawler"] = max(peaks.get("crawler", 0), sampler.children)
        return value

    def publish() -> None:
        db = open_db(paths.db)
        refresh_search_index(db)
        db.close()

    with sampler:
        crawled = step("crawl", lambda: crawl(paths, progress=False, start_urls=[start_url], settings=settings))
        if time_model:
            step("model", shared_nlp)  # what extract_stored loads with its first batch, timed apart
        extracted = step("extract", lambda: extract_stored(paths))
        step("publish", publish)
    return {"seconds": seconds, "peaks": peaks, "crawl": crawled.get("totals", {}), "extract": extracted}


def run_pipeline_once(ctx: Context, size: int, data_dir: str, port: int, time_model: bool = True) -> dict[str, Any]:
    """One pipeline run over the ``size``-article site on ``port``; remembered for the re-run benchmark."""
    site = Site(size, seed=ctx.seed)
    with serve_site(site, port=port) as server:
        result, wall, peak = run_worker("scrutiny.benchmarks.growth:pipeline_steps", {
            "data_dir": data_dir, "start_url": f"{server.origin}/sitemap.xml", "settings": SHARED_SETTINGS,
            "time_model": time_model})
        fetching = server.stats.seconds
    total = sum(result["seconds"].values())
    # Start-up: loading the model, and the crawl's time before its first request and after its last.
    startup = result["seconds"].get("model", 0.0) + result["seconds"]["crawl"] - fetching
    run = {**result, "size": size, "data_dir": data_dir, "port": port, "wall": wall, "peak": peak,
           "total": total, "work": total - startup}
    ctx.shared.setdefault("pipeline", {})[size] = run
    return run


def describe(run: dict[str, Any]) -> str:
    steps = ", ".join(f"{name} {s:.1f} s" for name, s in run["seconds"].items())
    crawled = run["crawl"]
    fetched, stored, skipped = (crawled.get(key, "?") for key in ("fetched", "stored", "skipped"))
    extracted = run["extract"].get("documents", "?")
    peaks = ", ".join(f"{name} {rss / MB:.0f} MB" for name, rss in run.get("peaks", {}).items())
    return (f"{steps}; {fetched} fetched, {stored} stored, {skipped} skipped, {extracted} extracted; "
            f"peak RSS during {peaks}")


def run(ctx: Context) -> list[Result]:
    import scrutiny.crawlers.run  # noqa: F401 - skip cleanly until the crawler exists
    import scrutiny.flows.extraction  # noqa: F401

    full, quick = (1000, 5000, 20000), (100, 250, 500)
    sizes = sorted({ctx.size(f, q, minimum=5 * (k + 1)) for k, (f, q) in enumerate(zip(full, quick, strict=True))})
    runs = []
    for size in sizes:
        run = run_pipeline_once(ctx, size, str(ctx.folder(f"growth-{size}")), free_port())
        ctx.echo(f"   {size} documents: {run['total']:.1f} s, peak {run['peak'] / MB:.0f} MB ({describe(run)})")
        runs.append(run)
    first = runs[0]
    results = [
        Result(f"growth: pipeline time at {first['size']:,} docs", first["total"], None, "s", better="lower",
               note=f"reference for the rows below: {describe(first)}"),
        Result(f"growth: pipeline peak memory at {first['size']:,} docs", first["peak"] / MB, None, "MB",
               better="lower", note="reference; resident set of the pipeline process and its children"),
    ]
    for run in runs[1:]:
        linear = first["total"] * run["size"] / first["size"]
        time_row = Result(f"growth: pipeline time at {run['size']:,} docs vs linear from {first['size']:,}",
                          run["total"], linear, "s", better="lower", target="ratio <= 1.2",
                          note=f"below 1 while start-up costs dominate; {describe(run)}")
        time_row.met = time_row.ratio <= 1.2
        memory_row = Result(f"growth: pipeline peak memory at {run['size']:,} docs vs {first['size']:,}",
                            run["peak"] / MB, first["peak"] / MB, "MB", better="lower", target="ratio <= 1.2")
        memory_row.met = memory_row.ratio <= 1.2
        results += [time_row, memory_row]
    last = runs[-1]
    per_doc = Result(f"growth: seconds per document at {last['size']:,} docs vs at {first['size']:,}, "
                     "start-up excluded", last["work"] / last["size"], first["work"] / first["size"], "s/doc",
                     better="lower", target="ratio <= 1.2",
                     note="1 = linear; start-up = model load + crawler process start and stop")
    per_doc.met = per_doc.ratio <= 1.2
    results.append(per_doc)
    return results
