"""Where scrutiny keeps its data, and the environment it sets for Prefect.

Data lives under ``data/`` beside the repository unless ``--data-dir`` or
``SCRUTINY_DATA_DIR`` says otherwise: ``scrutiny.db``, ``warc/``, ``prefect/``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = REPO_ROOT / "corpus"


@dataclass(frozen=True)
class Paths:
    data_dir: Path

    @property
    def db(self) -> Path:
        return self.data_dir / "scrutiny.db"

    @property
    def warc(self) -> Path:
        return self.data_dir / "warc"

    @property
    def prefect_home(self) -> Path:
        return self.data_dir / "prefect"


def data_paths(data_dir: str | Path | None = None) -> Paths:
    chosen = data_dir or os.environ.get("SCRUTINY_DATA_DIR") or (Path.cwd() / "data")
    return Paths(Path(chosen).resolve())


def prefect_environment(paths: Paths) -> dict[str, str]:
    """Offline-safe Prefect defaults: no telemetry, a project-local home, patient start-up.

    ``scrutiny.flows.environment`` applies them; a user's own ``PREFECT_*`` settings win.
    """
    return {
        "PREFECT_HOME": str(paths.prefect_home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
        "PREFECT_LOGGING_LEVEL": "INFO",
        "PREFECT_UI_ENABLED": "true",
    }

