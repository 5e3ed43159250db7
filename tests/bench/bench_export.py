"""Export of many records to one PDF (index sheet + every record's sealed pages) with a manifest:
at or under 10 s for 1,000 records, memory flat.

    BENCH_FULL=1 python -m pytest tests/bench/bench_export.py --benchmark-enable -p no:randomly -s

Records are inserted directly (see bench_search.bulk_archive). Each carries a really sealed PDF: one
rendered page set, sealed per record with that record's own JSON, so every record verifies. The
normal suite runs once on BENCH_EXPORT_SIZE (default 12) records; BENCH_FULL=1 uses 1,000.
"""
from __future__ import annotations

import gc
import os
import resource
import time
import tracemalloc

import pikepdf
import pytest

from app.documents.record_pdf import render_record_pdf
from app.documents.seal import seal_pdf
from app.domain.clock import FixedClock
from app.domain.form_loader import load_form
from app.services.context import open_context
from app.services.export import ExportService
from tests.bench.bench_search import ADMIN, T0, bulk_archive
from tests.documents.test_record_pdf_shipped_forms import _record

from pathlib import Path

FULL = os.environ.get("BENCH_FULL") == "1"
SIZE = 1000 if FULL else int(os.environ.get("BENCH_EXPORT_SIZE", "12"))
FORMS = Path(__file__).resolve().parents[2] / "forms"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    ctx = open_context(tmp_path_factory.mktemp("bench-export") / "data", clock=FixedClock(T0))
    form = load_form(FORMS / "vertebroplasty.ar.yaml")
    page_set = render_record_pdf(_record(form, "osteoporotic"), "ab" * 32, form)
    identity = ctx.seal.identity()

    def sealed(i, record_id, record_json, sha):
        return seal_pdf(page_set, record_json.encode(), sha, record_id, identity)

    started = time.perf_counter()
    bulk_archive(ctx, SIZE, sealed, batch=200, spread_minutes=30)  # 1,000 records over ~3 weeks
    print(f"\n[bench_export] {SIZE} sealed records inserted in {time.perf_counter() - started:.1f} s")
    yield ctx
    ctx.close()


@pytest.mark.parametrize("check", ["full", "archive"])
def test_export_records_to_one_pdf(benchmark, archive, tmp_path, check):
    out, manifest = tmp_path / f"export-{check}.pdf", tmp_path / f"export-{check}.csv"
    service = ExportService(archive)
    gc.collect()
    rss_before = _rss_mb()

    def run():
        job = service.export_range(ADMIN, "2026-01-01", "2026-12-31", out, manifest, check=check)
        for _ in job.run():
            pass
        return job.result

    result = benchmark.pedantic(run, rounds=1, iterations=1)
    rss_after = _rss_mb()
    assert result.records == SIZE and result.valid == SIZE
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == result.pages
    print(f"\n[bench_export] check={check}: {SIZE} records, {result.pages} pages, {result.seconds} s, "
          f"{out.stat().st_size / 1e6:.1f} MB; peak RSS {rss_after:.0f} MB (before {rss_before:.0f} MB)")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([out.name, manifest.name])


def test_export_python_memory_is_flat(archive, tmp_path):
    """tracemalloc's peak of Python allocations during an export (the PDFs pass one at a time)."""
    out = tmp_path / "mem.pdf"
    job = ExportService(archive).export_range(ADMIN, "2026-01-01", "2026-12-31", out, check="archive")
    tracemalloc.start()
    try:
        for _ in job.run():
            pass
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    total_pdf = SIZE * 100_000
    print(f"\n[bench_export] tracemalloc peak {peak / 1e6:.1f} MB for {SIZE} records "
          f"(~{total_pdf / 1e6:.0f} MB of sealed PDFs)")
    assert peak < 60e6
