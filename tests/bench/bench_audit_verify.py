"""``audit verify`` on a real archive: the chain and Merkle tree over every event, every checkpoint's
signature, and each record's record.json read from its sealed PDF (pikepdf, ~1 ms a record) and
matched with its "record sealed" event; accounts against their history.

    python -m pytest tests/bench/bench_audit_verify.py --benchmark-enable -p no:randomly   (10 records)
    BENCH_FULL=1 ...                                                                       (1,000 records)
"""
from __future__ import annotations

import datetime as dt
import os

import pytest

from app.domain.clock import FixedClock
from app.services.context import open_context
from app.services.demo import DemoService
from app.services.integrity import IntegrityCheck

COUNT = 500 if os.environ.get("BENCH_FULL") == "1" else 5


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    base = tmp_path_factory.mktemp("bench-audit")
    clock = FixedClock(dt.datetime(2026, 11, 28, 8, 0, tzinfo=dt.timezone.utc))
    ctx = open_context(base / "data", clock=clock)
    for _ in DemoService(ctx).run(base / "out", COUNT, with_readiness=True):
        pass
    yield ctx
    ctx.close()


def test_audit_verify_a_whole_archive(benchmark, archive):
    report = benchmark.pedantic(IntegrityCheck(archive).run, args=([],), rounds=3, iterations=1)
    assert report.ok, [f.line() for f in report.findings]
    assert report.records == 2 * COUNT and report.checkpoints >= 1
    print(f"\n[bench_audit_verify] {report.events} events, {report.records} records, "
          f"{report.checkpoints} checkpoints")
