"""A real Prefect server, the scheduled deployment registered on it, and one run of it picked up and completed."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import pytest

from scrutiny.config import Paths
from scrutiny.db.schema import open_db

pytestmark = pytest.mark.slow

CRON = "17 5 * * 1"
NAME = "schedule-test"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_in_subprocess(paths: Paths, api_url: str, request: dict, log_path) -> subprocess.Popen:
    """``serve_schedule`` in a process of its own, as ``scrutiny schedule`` runs it."""
    code = (
        "import json, sys; from scrutiny.config import data_paths; from scrutiny.flows.schedule import serve_schedule; "
        "serve_schedule(data_paths(sys.argv[1]), **json.loads(sys.argv[2]))"
    )
    env = {**os.environ, "PREFECT_API_URL": api_url, "PREFECT_RUNNER_POLL_FREQUENCY": "2",
           "PREFECT_HOME": str(paths.prefect_home)}
    with open(log_path, "wb") as log:
        return subprocess.Popen([sys.executable, "-c", code, str(paths.data_dir), json.dumps(request)],
                                stdout=log, stderr=subprocess.STDOUT, env=env)


def wait_for_deployment(client, name: str, server: subprocess.Popen, log_path, timeout: float = 180):
    deadline = time.monotonic() + timeout
    while True:
        try:
            return client.read_deployment_by_name(name)
        except Exception:
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"deployment {name} never appeared:\n{log_path.read_text()[-3000:]}")
            time.sleep(1)


def wait_for_scheduled_runs(client, deployment, timeout: float = 150) -> list:
    """The runs the server's scheduler created from the deployment's cron schedule."""
    from prefect.client.schemas import filters, sorting

    deadline = time.monotonic() + timeout
    while True:
        runs = client.read_flow_runs(
            deployment_filter=filters.DeploymentFilter(id=filters.DeploymentFilterId(any_=[deployment.id])),
            sort=sorting.FlowRunSort.EXPECTED_START_TIME_ASC, limit=10,
        )
        if runs or time.monotonic() > deadline:
            return runs
        time.sleep(2)


def test_scheduled_deployment_is_registered_and_a_run_of_it_completes(
    tmp_path, corpus_server, crawl_settings
):
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from scrutiny.flows.schedule import prefect_server

    paths = Paths(tmp_path / "data")
    request = {"cron": CRON, "name": NAME, "sources": ["localnews"],
               "base_urls": {"localnews": corpus_server.site_url("localnews")},
               "crawl_settings": crawl_settings, "crawl_retry_delay": 0}
    log_path = tmp_path / "serve.log"
    with temporary_settings(restore_defaults={PREFECT_API_URL}), \
            prefect_server(paths, port=free_port(), echo=lambda _: None) as api_url, \
            temporary_settings(updates={PREFECT_API_URL: api_url}):
        assert (paths.prefect_home / "server.log").is_file()  # a real server, started for this test
        serving = serve_in_subprocess(paths, api_url, request, log_path)
        try:
            with get_client(sync_client=True) as client:
                deployment = wait_for_deployment(client, f"pipeline/{NAME}", serving, log_path)
                assert [s.schedule.cron for s in deployment.schedules] == [CRON]
                assert deployment.parameters["sources"] == ["localnews"]
                scheduled = wait_for_scheduled_runs(client, deployment)
                assert scheduled, "the server's scheduler made no runs from the cron schedule"
                for run in scheduled:  # Mondays at 05:17 (UTC)
                    assert run.state.is_scheduled() and run.auto_scheduled
                    start = run.expected_start_time
                    assert (start.weekday(), start.hour, start.minute) == (0, 5, 17)

                flow_run = run_deployment(f"pipeline/{NAME}", timeout=300, poll_interval=2)
                assert flow_run.state.is_completed(), (flow_run.state, log_path.read_text()[-3000:])
                assert flow_run.deployment_id == deployment.id
        finally:
            serving.terminate()
            serving.wait(timeout=30)

    db = open_db(paths.db)
    assert db.execute("select count(*) from documents where source = 'localnews' and text != ''").fetchone()[0] > 0
    assert db.execute("select status from runs where kind = 'pipeline'").fetchall() == [("completed",)]
