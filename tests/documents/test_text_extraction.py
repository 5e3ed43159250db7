"""What document systems read from a record: real Arabic letters, in reading order, identifiers whole.

Measured with the tools people use: poppler's ``pdftotext`` (the default reading-order mode, as
document systems index files, and ``-layout``) and pdfminer (which keeps drawing order: it gives
each line's visual string, with real letters, that one bidi pass turns back into the sentence).
Sentences are compared as written in the form; where pdftotext moves the space around a full stop
or comma inside a right-to-left line (its reading-order heuristic counts them as numbers, and does
so for every producer's PDF, a browser's included), that spacing is normalised first.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from app.documents.arabic_text import visual_to_logical
from app.documents.record_pdf import render_record_pdf
from app.domain.form_loader import load_form
from tests.documents.test_record_pdf_shipped_forms import _as_read, _record

FORMS = Path(__file__).resolve().parents[2] / "forms"
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
ARABIC = re.compile("[\u0600-\u06ff]")
DIRECTION_MARKS = re.compile("[\u202a-\u202e]")  # pdftotext wraps runs in embedding marks

needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"),
                                     reason="pdftotext (Debian: poppler-utils) not installed")


@pytest.fixture(scope="module")
def form():
    return load_form(FORMS / "vertebroplasty.ar.yaml")


@pytest.fixture(scope="module")
def record(form) -> dict:
    record = _record(form, "osteoporotic")
    record["patient"]["mrn"] = "MRN-2026/00451"
    record["record_id"] = "CR-2026-A55012XY"
    record["procedure"]["anaesthesia"] = "local_sedation"  # a real consent always has one
    return record


@pytest.fixture(scope="module")
def record_pdf(form, record) -> bytes:
    return render_record_pdf(record, "ab" * 32, form)


@pytest.fixture(scope="module")
def as_read(form, record):
    """The form's patient text as this record's patient read it (placeholders filled, by sex)."""
    return _as_read(form, record)


def _pdftotext(pdf: bytes, tmp_path, *mode: str) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", *mode, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return DIRECTION_MARKS.sub("", out)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _body(text: str, record: dict) -> str:
    """The text without the running header and footer, which a paragraph that crosses a page
    break has between its two halves (record id, page number, hash)."""
    running = (record["record_id"], "SHA-256", "صفحة ")
    return "\n".join(line for line in text.splitlines() if not any(mark in line for mark in running))


def _punctuation_spacing(text: str) -> str:
    return re.sub(r"\s*([.،؛:!؟])\s*", r"\1", _flat(text))


def _sentences(form) -> list[str]:
    out = []
    for section in form.sections:
        for par in list(section.paragraphs) + list(section.bullets):
            out += [s.strip() for s in re.split(r"(?<=[.؟!])\s", par) if s.strip()]
    return out


@needs_pdftotext
@pytest.mark.parametrize("mode", [(), ("-layout",)])
def test_pdftotext_gives_real_arabic_only(record_pdf, tmp_path, mode):
    text = _pdftotext(record_pdf, tmp_path, *mode)
    assert not PRESENTATION_FORMS.search(text)
    assert len(ARABIC.findall(text)) > 5000


@needs_pdftotext
@pytest.mark.parametrize("mode", [(), ("-layout",)])
def test_pdftotext_finds_names_identifiers_and_the_procedure(record_pdf, tmp_path, mode):
    text = _flat(_pdftotext(record_pdf, tmp_path, *mode))
    for wanted in ("رأب الفقرات", "فاطمة عبدالله الزهراني", "Fatimah Alzahrani", "MRN-2026/00451",
                   "CR-2026-A55012XY", "1948-05-17", "2026-12-01", "ويُستخدم", "أقرّ", "قُرئت"):
        assert wanted in text, wanted


@needs_pdftotext
def test_pdftotext_finds_the_form_s_sentences_as_written(record_pdf, tmp_path, as_read, record):
    text = _body(_pdftotext(record_pdf, tmp_path), record)
    flat, loose = _flat(text), _punctuation_spacing(text)
    sentences = _sentences(as_read)
    found = [s for s in sentences if _punctuation_spacing(s) in loose]
    # the rest hold a number or a Latin abbreviation inside the sentence, which pdftotext's own
    # reading order moves for any producer (a browser's PDF of the same text: 65 of 146)
    assert len(found) >= 0.85 * len(sentences), len(found)
    no_digits_or_latin = [s for s in sentences if not re.search(r"[0-9A-Za-z]", s)]
    assert all(_punctuation_spacing(s) in loose for s in no_digits_or_latin)
    clauses = [c.strip() for s in no_digits_or_latin for c in re.split(r"[.،؛:()]", s) if len(c.strip()) > 3]
    assert all(c in flat for c in clauses)


@needs_pdftotext
def test_the_signed_statement_comes_back_whole(record_pdf, tmp_path, form):
    loose = _punctuation_spacing(_pdftotext(record_pdf, tmp_path))
    assert _punctuation_spacing(form.certification) in loose


def test_pdfminer_reads_real_letters_in_drawing_order(record_pdf):
    from pdfminer.high_level import extract_text

    text = extract_text(io.BytesIO(record_pdf))
    assert not PRESENTATION_FORMS.search(text)
    lines = [visual_to_logical(line) for line in text.split("\n") if line.strip()]
    logical = _flat("\n".join(lines))
    for wanted in ("رأب الفقرات", "فاطمة عبدالله الزهراني", "MRN-2026/00451", "CR-2026-A55012XY"):
        assert wanted in logical, wanted
