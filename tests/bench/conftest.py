"""Benchmarks run with ``python -m pytest tests/bench --benchmark-enable``; the normal suite only
checks that they still run (pytest-benchmark is disabled there, each bench runs once)."""
