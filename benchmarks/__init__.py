"""Benchmarks of scrutiny against the libraries it builds on (``scrutiny bench``)."""

from scrutiny.benchmarks.run import BENCHMARKS, run_benchmarks

__all__ = ["BENCHMARKS", "run_benchmarks"]
