"""Benchmark results: one row per measurement, the machine they ran on, a table and a JSON file.

Every row compares ours with a baseline measured in the same run, so the ratio
is what carries from machine to machine: ``ratio = ours / baseline``. For rates
(pages/s, words/s) higher is better; for times and latencies lower is better;
``better`` says which, and ``met`` whether the row's target was reached.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import psutil

from scrutiny.config import REPO_ROOT

LIBRARIES = ("scrapy", "trafilatura", "spacy", "pypdf", "sqlite-utils", "datasette", "prefect")


@dataclass
class Result:
    """One measurement: ours against the baseline beneath it, in ``unit``."""

    name: str
    ours: float | None
    baseline: float | None
    unit: str
    better: str = "higher"  # or "lower": which direction of ``ours`` (and of the ratio) is good
    target: str | None = None  # as the issue states it, e.g. "ratio >= 0.77"
    met: bool | None = None
    note: str = ""  # "skipped: <reason>", sizes, or what the baseline is

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.baseline:
            return None
        return self.ours / self.baseline

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["ratio"] = None if self.ratio is None else round(self.ratio, 4)
        for key in ("ours", "baseline"):
            if out[key] is not None:
                out[key] = round(out[key], 4)
        return {k: out[k] for k in ("name", "ours", "baseline", "ratio", "unit", "better", "target", "met", "note")}


def skipped(name: str, unit: str, reason: str, better: str = "higher") -> Result:
    return Result(name, None, None, unit, better=better, note=f"skipped: {reason}")


def ratio_target(result: Result, at_least: float | None = None, at_most: float | None = None) -> Result:
    """Set ``target`` and ``met`` from a bound on the ratio."""
    ratio = result.ratio
    if at_least is not None:
        result.target = f"ratio >= {at_least:g}"
        result.met = None if ratio is None else ratio >= at_least
    if at_most is not None:
        result.target = f"ratio <= {at_most:g}"
        result.met = None if ratio is None else ratio <= at_most
    return result


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(seconds, return value) of one call."""
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def compare_chunks(
    ours: Callable[[Any], Any], baseline: Callable[[Any], Any], chunks: Sequence[Any], repeat: int = 1
) -> tuple[float, float]:
    """Seconds of (ours, baseline) over every chunk, the two sides alternating chunk by chunk.

    On a shared machine the load changes from second to second; taking turns on
    small chunks (and swapping who goes first) puts both sides under the same
    load, so the ratio stays steady even when the rates do not.
    """
    totals = {"ours": 0.0, "baseline": 0.0}
    sides = (("baseline", baseline), ("ours", ours))
    for round_no in range(max(1, repeat)):
        for k, chunk in enumerate(chunks):
            for side, fn in sides if (k + round_no) % 2 == 0 else sides[::-1]:
                start = time.perf_counter()
                fn(chunk)
                totals[side] += time.perf_counter() - start
    return totals["ours"], totals["baseline"]


def chunked(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True,
                             text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def machine_info() -> dict[str, Any]:
    import sqlite3

    return {
        "cpu": _cpu_model(),
        "cpu_count": os.cpu_count(),
        "cpu_count_physical": psutil.cpu_count(logical=False),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],  # other work on the machine skews rates
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
        "libraries": {name: _version(name) for name in LIBRARIES},
        "commit": _git_commit(),
    }


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)
    quick: bool = False
    date: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    machine: dict[str, Any] = field(default_factory=machine_info)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"date": self.date, "quick": self.quick, "seconds": round(self.seconds, 1),
                "machine": self.machine, "results": [r.as_dict() for r in self.results]}

    def write_json(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(self.as_dict(), indent=2) + "\n", encoding="utf-8")


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


def format_table(results: list[Result], notes: bool = True) -> str:
    """A Markdown table: readable in a terminal, pasteable into the README (``notes=False``: narrower)."""
    rows = [("benchmark", "ours", "baseline", "unit", "ratio", "better", "target", "met", "note")]
    for r in results:
        met = "" if r.met is None else ("yes" if r.met else "**no**")
        ratio = "–" if r.ratio is None else f"{r.ratio:.3g}"
        note = r.note if notes or r.note.startswith(("skipped", "failed")) else ""
        rows.append((r.name, _number(r.ours), _number(r.baseline), r.unit, ratio, r.better, r.target or "", met,
                     note))
    if not any(row[-1] for row in rows[1:]):
        rows = [row[:-1] for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def format_machine(report: Report) -> str:
    m = report.machine
    libs = ", ".join(f"{k} {v}" for k, v in m["libraries"].items() if v)
    return (f"{report.date} ({'quick' if report.quick else 'full'} run, {report.seconds:.0f} s, commit "
            f"{m.get('commit') or '?'}) on {m['cpu']}, {m['cpu_count']} CPUs, {m['memory_gb']} GB RAM, "
            f"load average at start {' '.join(str(x) for x in m.get('load_average', []))}, "
            f"Python {m['python']}, SQLite {m['sqlite']}, {m['platform']}; {libs}")
