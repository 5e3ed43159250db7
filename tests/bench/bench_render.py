"""Rendering one consent PDF from the shipped vertebroplasty form (no seal, no storage)."""
from __future__ import annotations

from pathlib import Path

from app.documents.record_pdf import render_record_pdf
from app.domain.form_loader import load_form
from tests.documents.test_record_pdf_shipped_forms import _record

FORMS = Path(__file__).resolve().parents[2] / "forms"


def test_render_consent_pdf(benchmark):
    form = load_form(FORMS / "vertebroplasty.ar.yaml")
    record = _record(form, "osteoporotic")
    render_record_pdf(record, "ab" * 32, form)  # warm up: fonts, images
    pdf = benchmark(render_record_pdf, record, "ab" * 32, form)
    assert pdf.startswith(b"%PDF")


def test_render_consent_pdf_cold_shaping_caches(benchmark):
    """The same record with every shaping and line cache emptied first: what a desk pays for the
    first record after start-up (runs are cached per font and text afterwards)."""
    from app.documents import arabic_text, bidi_runs, line_layout, shaping

    form = load_form(FORMS / "vertebroplasty.ar.yaml")
    record = _record(form, "osteoporotic")
    render_record_pdf(record, "ab" * 32, form)  # fonts and faces loaded once per process

    def clear():
        for cached in (shaping._shape_cached, line_layout.layout_line, bidi_runs.visual_runs,
                       arabic_text._wrap_cached, arabic_text._word_width):
            cached.cache_clear()
        return (record, "ab" * 32, form), {}

    pdf = benchmark.pedantic(render_record_pdf, setup=clear, rounds=8, iterations=1)
    assert pdf.startswith(b"%PDF")
