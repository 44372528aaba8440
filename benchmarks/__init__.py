"""Benchmarks of scrutiny against the libraries it builds on."""
