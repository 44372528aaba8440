"""Prefect's settings for a scrutiny data directory, applied before Prefect reads them.

Prefect reads its settings when it is imported. ``scrutiny.flows`` applies the
offline-safe defaults of ``scrutiny.config`` for the default data directory
on import, before any flow module imports prefect; ``use_prefect_environment``
re-points them when a command names another ``--data-dir``. Settings the user
set themselves (``PREFECT_*`` in the environment) always win.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from scrutiny.config import Paths, prefect_environment

# Send the log records of our own modules (extraction, crawling) to the Prefect UI too.
EXTRA_ENVIRONMENT = {"PREFECT_LOGGING_EXTRA_LOGGERS": "scrutiny"}

# The values this module set, so that a later call may replace them (and never the user's own).
_ours: dict[str, str] = {}


def use_prefect_environment(paths: Paths) -> None:
    """Point Prefect at ``paths``' home with scrutiny's offline-safe defaults.

    Child processes (crawls, Dask workers, flow runs served by a deployment)
    inherit them from ``os.environ``. If prefect is already imported and a
    value changed, its global settings are re-read.
    """
    changed = False
    for key, value in {**prefect_environment(paths), **EXTRA_ENVIRONMENT}.items():
        current = os.environ.get(key)
        if current is not None and _ours.get(key) != current:
            continue  # the user's own setting
        if current != value:
            os.environ[key] = value
            changed = True
        _ours[key] = value
    if _ours.get("PREFECT_HOME") == os.environ["PREFECT_HOME"]:
        # Prefect creates its home without parents, and only warns when it cannot.
        Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
    if changed and "prefect.context" in sys.modules:
        from prefect.context import refresh_global_settings_context

        refresh_global_settings_context()
