"""The marginal cost of one more sealed consent: build the record, render the PDF, seal it, store it
with its audit event (one transaction). Goal: at or under 120 ms on the 2-core machine (with
HarfBuzz shaping and the PDF/A-3b record).

    python -m pytest tests/bench/bench_seal.py --benchmark-enable -p no:randomly
"""
from __future__ import annotations

import datetime as dt
import itertools

import pytest

from app.domain.clock import FixedClock
from app.services.context import open_context
from app.services.demo import DemoService, synthetic_patient


@pytest.fixture(scope="module")
def desk_ready(tmp_path_factory):
    clock = FixedClock(dt.datetime(2026, 11, 28, 8, 0, tzinfo=dt.timezone.utc))
    ctx = open_context(tmp_path_factory.mktemp("bench") / "data", clock=clock)
    demo = DemoService(ctx)
    nurse, physician, password = demo._staff()
    ctx.seal.identity()
    # Warm up: fonts registered, form parsed, first PDF rendered.
    demo.one_consent(nurse, physician, password, synthetic_patient(0, clock.today()), seed=0)
    yield ctx, demo, nurse, physician, password
    ctx.close()


def test_seal_one_more_consent(benchmark, desk_ready):
    ctx, demo, nurse, physician, password = desk_ready
    counter = itertools.count(1)

    def setup():
        n = next(counter)
        desk, draft_id = demo.signed_consent(nurse, physician, password, synthetic_patient(n, ctx.clock.today()), n)
        return (desk, draft_id), {}

    result = benchmark.pedantic(lambda desk, draft_id: desk.seal(nurse, draft_id), setup=setup,
                                rounds=15, iterations=1)
    assert result.pdf.startswith(b"%PDF")
