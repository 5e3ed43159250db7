"""The shipped forms, rendered as a patient would receive them: every paragraph, bullet, benefit
and risk comes back from the PDF with its words in reading order, for both procedures and all four
indications; drug-hold intervals (staff-only) never reach the paper."""
from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pdfplumber
import pytest

from app.documents.arabic_text import has_rtl, visual_to_logical
from app.documents.record_pdf import render_record_pdf
from app.domain.form_loader import load_form
from app.domain.form_text import patient_form, values_from_record

FORMS = Path(__file__).resolve().parents[2] / "forms"
_MARKS = re.compile("[\u064b-\u065f\u0670]")
AT = "2026-11-28T07:15:00+00:00"
_RUNNING = ("CR-2026-TESTREAL", "SHA-256", "صفحة")  # the running header and footer of every page


def _words(text: str) -> list[str]:
    text = _MARKS.sub("", unicodedata.normalize("NFKC", text))
    return [w for w in (w.strip("().,،؛:;!؟?[]«»\"'•") for w in text.split()) if w]


def _logical_words(pdf: bytes) -> list[str]:
    lines = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for line in page.extract_text(use_text_flow=True).split("\n"):
                logical = visual_to_logical(line, has_rtl(line))
                if not any(mark in logical for mark in _RUNNING):  # a paragraph may run across a page break
                    lines.append(logical)
    return _words("\n".join(lines))


def _contains(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def _record(form, indication: str) -> dict:
    return {
        "record_id": "CR-2026-TESTREAL", "kind": "consent", "refers_to": None, "demo": True,
        "institution": {"name_ar": "مستشفى الاختبار", "name_en": "Test Hospital"},
        "form": {"procedure": form.procedure, "language": "ar", "version": form.version,
                 "content_sha256": form.content_sha256, "approved_by": None, "approved_at": None},
        "patient": {"name_ar": "فاطمة عبدالله الزهراني", "name_latin": "Fatimah Alzahrani", "mrn": "100234",
                    "national_id": "1023456789", "birth_date": "1948-05-17", "sex": "F"},
        "procedure": {"name": form.procedure, "levels": ["T12", "L1"], "indication": indication,
                      "fracture_date": "2026-10-30", "planned_date": "2026-12-01",
                      "risk_figure": form.indications[indication].risk.as_text()
                      if form.indications[indication].risk else "نحو 2%",
                      "fracture_age_days": 32, "conservative_failed": ["analgesia"], "immediate_criteria": [],
                      "warnings": []},
        "checklist": [], "overrides": [],
        "discussion": {"acknowledged": [{"section": s.id, "by": "staff", "staff": "nurse.sara", "at": AT}
                                        for s in form.sections],
                       "questions": [], "teach_back": []},
        "signatures": [], "staff": {}, "thresholds": {}, "audit_head": "0" * 64,
        "created_at": AT, "signed_at": AT,
        "local_settings": {"emergency_number": "997", "team_phone_day": "011-234-5678",
                           "team_phone_after_hours": "011-234-9999", "trainees_take_part": True},
    }


def _as_read(form, record):
    """The form's patient text as this record's patient read it (filled in, by sex)."""
    return patient_form(form, values_from_record(form, record))


@pytest.mark.parametrize("procedure", ["vertebroplasty", "kyphoplasty"])
def test_every_section_comes_back_in_reading_order(procedure):
    form = load_form(FORMS / f"{procedure}.ar.yaml")
    record = _record(form, "osteoporotic")
    got = _logical_words(render_record_pdf(record, "ab" * 32, form))
    read = _as_read(form, record)
    missing = [p[:50] for s in read.sections for p in (s.title, *s.paragraphs, *s.bullets)
               if not _contains(got, _words(p))]
    assert missing == []
    assert _contains(got, _words(form.certification))


@pytest.mark.parametrize("indication", ["osteoporotic", "malignant", "haemangioma", "other"])
def test_the_indications_benefits_risks_and_figure_are_printed(indication):
    form = load_form(FORMS / "vertebroplasty.ar.yaml")
    record = _record(form, indication)
    got = _logical_words(render_record_pdf(record, "cd" * 32, form))
    ind = _as_read(form, record).indications[indication]
    for text in (ind.label, *ind.benefits, *ind.risks):
        assert _contains(got, _words(text)), text[:50]
    figure = record["procedure"]["risk_figure"]
    assert any(figure.strip("%") in w or w in figure for w in got if any(c.isdigit() for c in w))


def test_staff_only_help_never_printed():
    form = load_form(FORMS / "vertebroplasty.ar.yaml")
    got = " ".join(_logical_words(render_record_pdf(_record(form, "osteoporotic"), "ef" * 32, form)))
    helps = [it.staff_help for it in form.checklist if it.staff_help]
    assert helps, "the form should carry staff help for the checklist"
    for help_text in helps:
        words = _words(help_text)
        assert not _contains(got.split(), words[:6]), help_text[:40]
    assert "warfarin" not in got.lower() and "apixaban" not in got.lower()
