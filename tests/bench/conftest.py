"""Benchmarks run with ``python -m pytest tests/bench --benchmark-enable``; the normal suite only
checks that they still run (pytest-benchmark is disabled there, each bench runs once)."""

import pytest


@pytest.fixture(scope="session")
def bench_pg():
    """A PostgreSQL server for the benchmarks, durable (fsync on, as a hospital's server runs), started
    for the run and stopped at its end (tests/pg.py). Skipped locally without PostgreSQL; CI fails."""
    from tests.pg import start_or_skip

    server = start_or_skip(durable=True)
    yield server
    server.stop()
