"""The index sheet: one row per record, Arabic right to left, readable back in reading order."""
from __future__ import annotations

import unicodedata

import pdfplumber
import io

from app.documents.index_sheet import IndexHeader, IndexRow, render_index_sheet

HEADER = IndexHeader("مستشفى الملك فهد", "تصدير سجلات الموافقة", "من 2026-11-01 إلى 2026-11-30",
                     "2026-11-28T06:00:00+00:00", "3 سجل · 2 سليم · 1 غير سليم")


def _text(pdf: bytes) -> tuple[str, int]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(p.extract_text() for p in doc.pages), len(doc.pages)


def test_rows_and_results_are_printed():
    rows = [IndexRow("CR-2026-AAAA2222", "فاطمة عبدالله الزهراني", "778812", "2026-11-28", "signed", True, "", 2),
            IndexRow("CC-2026-BBBB3333", "محمد صالح العتيبي", "A-55/12", "2026-11-29", "superseded", True, "", 8),
            IndexRow("WD-2026-CCCC4444", "نورة إبراهيم الدوسري", "100234", "2026-11-30", "withdrawal", False,
                     "seal_broken", 14)]
    text, pages = _text(render_index_sheet(HEADER, rows))
    assert pages == 1
    for r in rows:
        assert r.record_id in text and r.mrn in text and r.signed_on in text
    lines = [unicodedata.normalize("NFKC", line)[::-1] for line in text.splitlines()]  # visual -> logical
    joined = "".join(c for c in "\n".join(lines) if unicodedata.category(c) != "Mn")  # harakat aside
    for word in ("فاطمة", "عبدالله", "الزهراني", "غير سليم", "مستبدل", "بتصحيح", "الختم تالف"):
        assert word in joined, word


def test_many_rows_flow_over_pages_with_the_header_repeated():
    rows = [IndexRow(f"CR-2026-X{i:07d}", "هيلة سعد المطيري", str(10000 + i), "2026-11-28", "signed", True, "", i)
            for i in range(120)]
    text, pages = _text(render_index_sheet(HEADER, rows))
    assert pages >= 3
    assert all(f"CR-2026-X{i:07d}" in text for i in range(120))


def test_expected_pages_matches_the_layout():
    """The export renders the sheet once with this guess (page numbers of the records after it)."""
    from app.documents.index_sheet import ROWS_FIRST_PAGE, ROWS_PER_PAGE, expected_pages
    from app.documents.merge import page_count

    for n in (1, ROWS_FIRST_PAGE, ROWS_FIRST_PAGE + 1, ROWS_FIRST_PAGE + ROWS_PER_PAGE,
              ROWS_FIRST_PAGE + ROWS_PER_PAGE + 1):
        rows = [IndexRow(f"CR-2026-X{i:07d}", "فاطمة عبدالرحمن الزهراني", str(10000 + i), "2026-11-28", "signed",
                         True, "", 1000 + i) for i in range(n)]
        assert page_count(render_index_sheet(HEADER, rows)) == expected_pages(n), n
