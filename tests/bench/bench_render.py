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
