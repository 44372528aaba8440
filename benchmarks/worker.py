"""Runs one benchmark function in a fresh process: ``python -m scrutiny.benchmarks.worker module:function '{json kwargs}' out.json``.

Used by ``run_worker``; the function's JSON-able return value is written to ``out.json``.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path


def main(argv: list[str]) -> None:
    target, kwargs, out = argv
    module_name, function_name = target.split(":")
    function = getattr(importlib.import_module(module_name), function_name)
    result = function(**json.loads(kwargs))
    Path(out).write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
