"""Prefect flows: crawl -> extract -> load -> publish, once, on a schedule, or on a work pool.

Importing this package applies scrutiny's offline-safe Prefect settings for
the default data directory before any flow module imports prefect.
"""

from scrutiny.config import data_paths
from scrutiny.flows.environment import use_prefect_environment

use_prefect_environment(data_paths())
