"""Export of many records to one PDF (index sheet + every record's sealed pages) with a manifest:
at or under 10 s for 1,000 records with every record's seal checked cryptographically (the default
``check="full"``), memory flat: the merged PDF is streamed to disk, so the peak RSS of an export in a
fresh process grows by far less than 150 MB whatever the number of records.

    BENCH_FULL=1 python -m pytest tests/bench/bench_export.py --benchmark-enable -p no:randomly -s

Records are inserted directly (see bench_search.bulk_archive). Each carries a really sealed PDF: one
rendered page set, sealed per record with that record's own JSON, so every record verifies. The
normal suite runs once on BENCH_EXPORT_SIZE (default 12) records; BENCH_FULL=1 uses 1,000.
"""
from __future__ import annotations

import gc
import json
import os
import resource
import subprocess
import sys
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
    identity = ctx.seal.signer(demo=True)  # the bulk archive's records are demonstrations

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


_RSS_SCRIPT = """
import datetime, json, resource, sys, time
from pathlib import Path
from app.domain.clock import FixedClock
from app.domain.roles import Actor
from app.services.context import open_context
from app.services.export import ExportService
import app.documents.pdf_verify, app.documents.merge, app.documents.index_sheet  # imports are not the export
import pyhanko.sign.validation, reportlab.platypus
data, out, check = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
ctx = open_context(data, clock=FixedClock(datetime.datetime.fromisoformat(sys.argv[4])))
def rss():
    # the peak RSS of this process in MB: VmHWM (Linux; ru_maxrss would include the parent's peak
    # before exec, the pytest process), else ru_maxrss
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 1024 * 1024)
before = rss()
started = time.perf_counter()
job = ExportService(ctx).export_range(Actor(1, "bench.admin", "admin", "x"), "2026-01-01", "2026-12-31", out,
                                      out.with_suffix(".csv"), check=check)
for _ in job.run():
    pass
print(json.dumps({"seconds": time.perf_counter() - started, "before": before, "peak": rss(),
                  "records": job.result.records, "valid": job.result.valid, "pages": job.result.pages}))
"""


@pytest.mark.parametrize("check", ["full", "archive"])
def test_export_peak_rss_in_a_fresh_process(archive, tmp_path, check):
    """Peak RSS of a process that only runs the export: growth from before the export to its peak."""
    out = tmp_path / f"rss-{check}.pdf"
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-c", _RSS_SCRIPT, str(archive.data_dir), str(out), check, T0.isoformat()],
                          cwd=root, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PYTHONPATH": str(root)})
    assert proc.returncode == 0, proc.stderr[-2000:]
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    growth = figures["peak"] - figures["before"]
    print(f"\n[bench_export] fresh process, check={check}: {figures['records']} records, {figures['pages']} pages "
          f"in {figures['seconds']:.2f} s; RSS {figures['before']:.0f} MB before, peak {figures['peak']:.0f} MB "
          f"(+{growth:.0f} MB)")
    assert figures["valid"] == figures["records"] == SIZE
    assert growth < 150
