"""Serve the pipeline on a cron schedule from one machine (``scrutiny schedule``).

Schedules need a real Prefect server (the temporary one lives only as long as
the process that started it): ``PREFECT_API_URL`` names one, or
``prefect_server`` starts ``prefect server start`` on 127.0.0.1 and stops it on
exit. ``serve_schedule`` then registers the ``pipeline`` deployment with its
cron schedule and runs each scheduled run in a subprocess until Ctrl-C.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from scrutiny.config import Paths
from scrutiny.flows.environment import use_prefect_environment

DEFAULT_PORT = 4200
STARTUP_TIMEOUT = 180.0


def api_healthy(api_url: str, timeout: float = 2.0) -> bool:
    """Whether a Prefect API answers its health check at ``api_url`` (``http://host:port/api``)."""
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def prefect_server(
    paths: Paths, *, port: int = DEFAULT_PORT, echo: Callable[[str], Any] = print,
    timeout: float = STARTUP_TIMEOUT,
) -> Iterator[str]:
    """The API URL of a running Prefect server: ``PREFECT_API_URL``, one already on ``port``, or one started here.

    A server started here keeps its database in ``PREFECT_HOME`` (``data/prefect``
    unless you set it), logs to ``data/prefect/server.log``, and is stopped when
    the block ends.
    """
    use_prefect_environment(paths)
    from prefect.settings import PREFECT_API_URL

    configured = PREFECT_API_URL.value()
    if configured:
        if not api_healthy(configured, timeout=10):
            raise RuntimeError(f"no Prefect server answers at PREFECT_API_URL={configured}")
        echo(f"Using the Prefect server at {configured}")
        yield configured
        return
    api_url = f"http://127.0.0.1:{port}/api"
    if api_healthy(api_url):
        echo(f"Using the Prefect server already running at {api_url}")
        yield api_url
        return
    paths.prefect_home.mkdir(parents=True, exist_ok=True)
    log_path = paths.prefect_home / "server.log"
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    echo(f"Starting a Prefect server at http://127.0.0.1:{port} (log: {log_path})")
    with open(log_path, "ab") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=os.environ.copy())
    try:
        wait_until_healthy(api_url, process, log_path, timeout)
        yield api_url
    finally:
        stop(process)


def wait_until_healthy(api_url: str, process: subprocess.Popen, log_path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not api_healthy(api_url):
        if process.poll() is not None:
            tail = log_path.read_text(errors="replace").strip().splitlines()[-5:]
            raise RuntimeError(f"the Prefect server exited with status {process.returncode}: " + " | ".join(tail))
        if time.monotonic() > deadline:
            stop(process)
            raise RuntimeError(f"the Prefect server did not answer at {api_url} within {timeout:.0f} s")
        time.sleep(0.5)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve_schedule(
    paths: Paths,
    *,
    cron: str = "0 6 * * *",
    name: str = "scheduled",
    echo: Callable[[str], Any] = print,
    sources: list[str] | None = None,
    start_urls: list[str] | None = None,
    base_urls: dict[str, str] | None = None,
    since: str | None = None,
    max_pages: int | None = None,
    refresh: bool = False,
    port: int = DEFAULT_PORT,
    **options: Any,
) -> None:
    """Serve the ``pipeline`` deployment ``name`` on ``cron`` until interrupted.

    The deployment's parameters are the source options and ``options`` (further
    flow parameters); one run at a time, so runs never overlap on the database.
    """
    with prefect_server(paths, port=port, echo=echo) as api_url:
        os.environ["PREFECT_API_URL"] = api_url  # for the runs' subprocesses too
        from prefect.context import refresh_global_settings_context

        refresh_global_settings_context()
        from scrutiny.flows.pipeline import pipeline

        parameters = {
            "data_dir": str(paths.data_dir), "sources": list(sources or []), "start_urls": list(start_urls or []),
            "base_urls": dict(base_urls or {}), "since": since, "max_pages": max_pages, "refresh": refresh,
            **options,
        }
        echo(f"Serving deployment pipeline/{name} on cron {cron!r}; Ctrl-C to stop")
        try:
            pipeline.serve(name=name, cron=cron, parameters=parameters, limit=1)
        except KeyboardInterrupt:
            echo("Stopped.")
