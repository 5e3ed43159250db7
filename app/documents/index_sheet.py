"""The index sheet that opens a printed or exported bundle of records (A4, Arabic, right to left).

One row per record: number, record id, patient, MRN, date of signing, status, integrity result and
the page where the record starts in the bundle. Names, MRNs and failed checks go through the
right-to-left flowable and wrap inside their column; short fixed labels are plain table strings,
shaped by the font itself (cheap for thousands of rows). PDF/A-3b. Returned as bytes.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from .fonts import REGULAR, register_fonts
from .line_layout import draw_text
from .pdf_canvas import pdfa_canvas
from .pdfa import DocMeta
from .pdf_styles import BLOCK_BG, GRID, HEADER_BG, stylesheet
from .record_pdf import _binary_streams
from .record_story import rtl_table
from .rtl_flowable import RTLParagraph

MARGIN = 12 * mm

STATUS_AR = {
    "signed": "موقّع", "refused": "رفض", "withdrawn": "عُدل عنه", "superseded": "مُستبدل بتصحيح",
    "verified": "تم التحقق", "expired": "منتهي الصلاحية", "withdrawal": "عدول", "verification": "تحقق قبل الإجراء",
    "correction": "تصحيح",
}
REASONS_AR = {
    "seal_broken": "الختم تالف أو عُدّل المحتوى", "untrusted_signer": "ختم بشهادة غير معتمدة",
    "not_entire_file": "أضيف إلى الملف بعد الختم", "no_seal": "بلا ختم", "multiple_seals": "أكثر من ختم",
    "attachment_missing": "السجل المرفق مفقود", "record_hash_mismatch": "السجل المرفق لا يطابق البصمة",
    "record_id_mismatch": "رقم السجل لا يطابق", "stored_hash_mismatch": "لا يطابق بصمة الأرشيف",
    "metadata_missing": "بيانات الختم ناقصة", "pdf_unreadable": "ملف غير مقروء",
    "record_unreadable": "السجل المرفق غير مقروء", "pdf_hash_mismatch": "الملف لا يطابق بصمة الأرشيف",
    "stored_record_mismatch": "نسخة الأرشيف تخالف السجل المختوم",
}
INTEGRITY_OK = "سليم"
INTEGRITY_BAD = "غير سليم"
HEADERS = ("#", "رقم السجل", "المريض", "الرقم الطبي", "التاريخ", "الحالة", "السلامة", "الصفحة")


# Rows that fit on the first page (under the heading) and on each further page when every name fits
# on one line (measured on this layout; tests/documents/test_index_sheet.py keeps them honest).
ROWS_FIRST_PAGE = 39
ROWS_PER_PAGE = 45


def expected_pages(rows: int) -> int:
    """The sheet's page count for ``rows`` one-line rows: a first guess for the page numbers of the
    records that follow it (a wrong guess costs one more render, never a wrong number)."""
    if rows <= ROWS_FIRST_PAGE:
        return 1
    return 1 + -(-(rows - ROWS_FIRST_PAGE) // ROWS_PER_PAGE)


@dataclass(frozen=True)
class IndexRow:
    record_id: str
    name_ar: str
    mrn: str
    signed_on: str  # local date, YYYY-MM-DD
    status: str
    valid: bool
    reason: str = ""
    first_page: int | None = None


@dataclass(frozen=True)
class IndexHeader:
    institution: str
    title: str
    period: str
    generated: str
    summary: str


def render_index_sheet(header: IndexHeader, rows: Sequence[IndexRow]) -> bytes:
    """The index sheet as PDF bytes."""
    register_fonts()
    with _binary_streams():
        return _render(header, rows)


def _render(header: IndexHeader, rows: Sequence[IndexRow]) -> bytes:
    s = stylesheet()
    buf = io.BytesIO()
    w, h = A4
    doc = BaseDocTemplate(buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                          bottomMargin=MARGIN + 4 * mm, title=header.title, creator="consent-desk", invariant=1,
                          initialFontName=REGULAR, lang="ar")

    def footer(canv, d):
        canv.saveState()
        canv.setFillColorRGB(0.35, 0.35, 0.35)
        draw_text(canv, f"{header.title} · صفحة {d.page}", REGULAR, 8, w - MARGIN, MARGIN - 2 * mm, "right")
        draw_text(canv, header.generated, REGULAR, 8, MARGIN, MARGIN - 2 * mm, "left")
        canv.restoreState()

    frame = Frame(MARGIN, MARGIN + 4 * mm, w - 2 * MARGIN, h - 2 * MARGIN - 4 * mm, id="index",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="index", frames=[frame], onPage=footer)])
    width = doc.width
    story = [RTLParagraph(header.institution, s["institution"]), RTLParagraph(header.title, s["title"]),
             RTLParagraph(header.period, s["subtitle"]), RTLParagraph(header.summary, s["subtitle"])]
    head = [RTLParagraph(t, s["cell_head"]) for t in HEADERS]
    status_cache: dict[str, str] = {}
    table_rows: list[list] = [head]
    cmds = [("BACKGROUND", (0, 0), (-1, 0), HEADER_BG), ("GRID", (0, 0), (-1, -1), 0.25, GRID),
            ("ALIGN", (0, 1), (-1, -1), "RIGHT"), ("FONTSIZE", (0, 1), (-1, -1), 8.5)]
    for i, r in enumerate(rows, start=1):
        status = status_cache.setdefault(r.status, STATUS_AR.get(r.status, r.status))
        integrity = INTEGRITY_OK if r.valid else RTLParagraph(
            f"{INTEGRITY_BAD}: {REASONS_AR.get(r.reason, r.reason)}", s["cell_bold"])
        table_rows.append([str(i), RTLParagraph(r.record_id, s["cell_small"]), RTLParagraph(r.name_ar, s["cell_small"]),
                           RTLParagraph(r.mrn, s["cell_small"]), r.signed_on, status, integrity,
                           str(r.first_page) if r.first_page else ""])
        if not r.valid:
            cmds.append(("BACKGROUND", (6, i), (6, i), BLOCK_BG))
    widths = [0.04, 0.18, 0.21, 0.16, 0.1, 0.09, 0.16, 0.06]
    story.append(rtl_table(table_rows, [width * f for f in widths], cmds, repeat_rows=1))
    meta = DocMeta(title=header.title, subject=header.period, created=dt.datetime.now(dt.timezone.utc))
    doc.build(story, canvasmaker=pdfa_canvas(meta))
    return buf.getvalue()
