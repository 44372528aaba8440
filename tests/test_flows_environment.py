"""Prefect's settings follow the data directory, and a user's own PREFECT_* settings win."""

from __future__ import annotations

import os

import pytest

from scrutiny.config import Paths
from scrutiny.flows import environment


@pytest.fixture
def refreshes(monkeypatch) -> list[int]:
    """Counts Prefect settings refreshes, without replacing the session's (the test harness's) settings."""
    import prefect.context

    calls: list[int] = []
    monkeypatch.setattr(prefect.context, "refresh_global_settings_context", lambda: calls.append(1))
    return calls


@pytest.fixture
def clean_environment(monkeypatch, refreshes):
    for key in ("PREFECT_HOME", "PREFECT_LOGGING_LEVEL", "DO_NOT_TRACK", "PREFECT_LOGGING_EXTRA_LOGGERS"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setattr(environment, "_ours", {})


def test_prefect_home_follows_the_data_dir_we_chose(clean_environment, refreshes, tmp_path):
    environment.use_prefect_environment(Paths(tmp_path / "one"))
    assert len(refreshes) == 1  # prefect was imported: it re-reads its settings
    assert os.environ["PREFECT_HOME"] == str(tmp_path / "one" / "prefect")
    assert (tmp_path / "one" / "prefect").is_dir()
    assert os.environ["DO_NOT_TRACK"] == "1"
    assert os.environ["PREFECT_LOGGING_EXTRA_LOGGERS"] == "scrutiny"

    environment.use_prefect_environment(Paths(tmp_path / "two"))
    assert os.environ["PREFECT_HOME"] == str(tmp_path / "two" / "prefect")
    environment.use_prefect_environment(Paths(tmp_path / "two"))
    assert len(refreshes) == 2  # nothing changed the third time


def test_a_users_own_setting_wins(clean_environment, refreshes, monkeypatch, tmp_path):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "mine"))
    monkeypatch.setenv("PREFECT_LOGGING_LEVEL", "DEBUG")
    environment.use_prefect_environment(Paths(tmp_path / "data"))
    assert os.environ["PREFECT_HOME"] == str(tmp_path / "mine")
    assert os.environ["PREFECT_LOGGING_LEVEL"] == "DEBUG"
    assert not (tmp_path / "data").exists()
    assert len(refreshes) == 1  # DO_NOT_TRACK and the other defaults were ours to set
