"""Run the benchmarks: each one a module with ``run(ctx) -> list[Result]``.

A benchmark whose module under test has not landed, or that fails, reports a
"skipped:" or "failed:" row instead of stopping the others.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from scrutiny.benchmarks.report import Report, Result, format_machine, format_table

BENCHMARKS = ("crawl", "article", "facts", "reports", "load", "search", "growth", "rerun")


@dataclass
class Context:
    """What every benchmark is given: the run's size and a scratch folder."""

    quick: bool
    workdir: Path
    echo: Callable[[str], None] = print
    scale: float = 1.0  # tests shrink every size with it
    seed: int = 0
    shared: dict[str, Any] = field(default_factory=dict)  # what one benchmark leaves for a later one

    def size(self, full: int, quick: int, minimum: int = 2) -> int:
        return max(minimum, round((quick if self.quick else full) * self.scale))

    def folder(self, name: str) -> Path:
        path = self.workdir / name
        path.mkdir(parents=True, exist_ok=True)
        return path


class Skip(Exception):
    """Raised by a benchmark that cannot run here; the message says why."""


def run_worker(
    function: str, kwargs: dict[str, Any], *, timeout: float = 3600, env: dict[str, str] | None = None
) -> tuple[Any, float, int]:
    """Call ``module:function(**kwargs)`` in a fresh Python; returns (its result, wall seconds, peak RSS bytes).

    A fresh process per measurement because Twisted's reactor cannot restart and
    peak memory must be the measured run's alone. Peak RSS is sampled every 20 ms
    over the process and all its children (Scrapy, spaCy workers).
    """
    out = tempfile.NamedTemporaryFile(suffix=".json", delete=False)  # noqa: SIM115 - read after the child exits
    out.close()
    command = [sys.executable, "-m", "scrutiny.benchmarks.worker", function, json.dumps(kwargs), out.name]
    env = {**(os.environ if env is None else env), "PYTHONUNBUFFERED": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        parent = psutil.Process(proc.pid)
        while not stop.is_set():
            try:
                procs = [parent, *parent.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
            except psutil.Error:
                pass
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        output, _ = proc.communicate()
        raise RuntimeError(f"{function} timed out after {timeout:.0f} s") from None
    finally:
        stop.set()
        sampler.join()
    wall = time.perf_counter() - start
    try:
        if proc.returncode != 0:
            tail = "\n".join(output.strip().splitlines()[-15:])
            raise RuntimeError(f"{function} exited with {proc.returncode}:\n{tail}")
        result = json.loads(Path(out.name).read_text())
    finally:
        Path(out.name).unlink(missing_ok=True)
    return result, wall, peak


def _selected(only: list[str] | None) -> list[str]:
    names = [n.strip() for item in only or [] for n in item.split(",") if n.strip()]
    unknown = sorted(set(names) - set(BENCHMARKS))
    if unknown:
        raise ValueError(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    return [n for n in BENCHMARKS if n in names] if names else list(BENCHMARKS)


def run_benchmarks(
    *,
    quick: bool = False,
    json_path: Path | None = None,
    only: list[str] | None = None,
    echo: Callable[[str], None] = print,
    scale: float = 1.0,
    workdir: Path | None = None,
) -> Report:
    """Run the chosen benchmarks (all by default; ``only`` takes names or comma lists), print the table."""
    names = _selected(only)
    report = Report(quick=quick)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="scrutiny-bench-", dir=workdir) as tmp:
        ctx = Context(quick=quick, workdir=Path(tmp), echo=echo, scale=scale)
        for name in names:
            echo(f"== {name}")
            t0 = time.perf_counter()
            results = _run_one(name, ctx)
            for result in results:
                echo(f"   {result.name}: ours {result.ours} baseline {result.baseline} {result.unit} {result.note}")
            echo(f"   ({time.perf_counter() - t0:.1f} s)")
            report.results.extend(results)
    report.seconds = time.perf_counter() - started
    report.machine["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    echo("")
    echo(format_table(report.results))
    echo("")
    echo(format_machine(report))
    if json_path:
        report.write_json(json_path)
        echo(f"JSON report written to {json_path}")
    return report


def _run_one(name: str, ctx: Context) -> list[Result]:
    try:
        module = importlib.import_module(f"scrutiny.benchmarks.{name}")
        return module.run(ctx)
    except Skip as reason:
        return [Result(name, None, None, "", note=f"skipped: {reason}")]
    except ModuleNotFoundError as err:
        return [Result(name, None, None, "", note=f"skipped: {err.name} is not available")]
    except Exception as err:  # one broken benchmark must not lose the others
        ctx.echo(traceback.format_exc())
        message = str(err).strip().splitlines()[-1] if str(err).strip() else type(err).__name__
        return [Result(name, None, None, "", note=f"failed: {type(err).__name__}: {message[:200]}")]
