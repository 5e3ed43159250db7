"""RTLParagraph in a story and in table cells: wraps, splits across pages, right aligned."""
from __future__ import annotations

import io

import pdfplumber
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from app.documents.arabic_text import visual_to_logical, wrap_logical
from app.documents.fonts import BOLD, REGULAR, register_fonts
from app.documents.rtl_flowable import RTLParagraph

register_fonts()
STYLE = ParagraphStyle("t", fontName=REGULAR, fontSize=11, leading=19)
TEXT = ("يُحقن إسمنتٌ طبيٌّ (PMMA) داخل جسم الفقرة المكسورة عبر إبرة رفيعة بتوجيه الأشعة لتثبيت الكسر "
        "وتخفيف الألم ويجب أن تكون نسبة INR 1.5 أو أقل.")


def _build(story) -> bytes:
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, initialFontName=REGULAR).build(story)
    return buf.getvalue()


def _lines(page) -> list[str]:
    return [visual_to_logical(l) for l in page.extract_text(use_text_flow=True).split("\n") if l.strip()]


def test_wrap_height_and_lines():
    p = RTLParagraph(TEXT, STYLE)
    w, h = p.wrap(200, 1000)
    n = len(wrap_logical(TEXT, REGULAR, 11, 200))
    assert n > 1 and h == n * STYLE.leading and w == 200


def test_right_aligned_and_in_order():
    data = _build([RTLParagraph(TEXT, STYLE)])
    page = pdfplumber.open(io.BytesIO(data)).pages[0]
    lines = _lines(page)
    assert " ".join(lines).split() == TEXT.split()
    right_edges = {round(max(c["x1"] for c in page.chars if abs(c["top"] - top) < 2))
                   for top in {round(c["top"]) for c in page.chars}}
    # all lines end at the right margin (A4 width - 72 pt default margin), within a point
    assert max(right_edges) - min(right_edges) <= 2


def test_centred_and_bold_styles():
    st = ParagraphStyle("c", parent=STYLE, fontName=BOLD, alignment=TA_CENTER)
    data = _build([RTLParagraph("عنوان قصير", st)])
    page = pdfplumber.open(io.BytesIO(data)).pages[0]
    xs = [c["x0"] for c in page.chars] + [c["x1"] for c in page.chars]
    assert abs((min(xs) + max(xs)) / 2 - page.width / 2) < 2
    assert all("Amiri-Bold" in c["fontname"] for c in page.chars)


def test_in_table_cell_wraps_to_cell_width():
    cell = RTLParagraph(TEXT, STYLE)
    t = Table([[cell, ""]], colWidths=[120, 200],
              style=TableStyle([("FONT", (0, 0), (-1, -1), REGULAR)]))
    data = _build([t])
    page = pdfplumber.open(io.BytesIO(data)).pages[0]
    assert cell.height > 3 * STYLE.leading  # wrapped to ~114 pt
    left = (page.width - 320) / 2  # the table is centred
    assert page.chars
    assert all(left <= c["x0"] and c["x1"] <= left + 120 for c in page.chars)


def test_bullet_drawn_on_the_right():
    data = _build([RTLParagraph("عنصر في قائمة", STYLE, bullet="•")])
    page = pdfplumber.open(io.BytesIO(data)).pages[0]
    bullet = [c for c in page.chars if c["text"] == "•"][0]
    assert bullet["x1"] >= max(c["x1"] for c in page.chars) - 0.5


def test_splits_across_pages_in_order():
    long = " ".join([TEXT] * 30)
    data = _build([RTLParagraph(long, STYLE)])
    pdf = pdfplumber.open(io.BytesIO(data))
    assert len(pdf.pages) >= 2
    words = [w for page in pdf.pages for line in _lines(page) for w in line.split()]
    assert words == long.split()


def test_split_returns_parts():
    p = RTLParagraph(" ".join([TEXT] * 5), STYLE)
    p.wrap(300, 1000)
    parts = p.split(300, STYLE.leading * 3 + 1)
    assert len(parts) == 2
    assert parts[0].wrap(300, 1000)[1] == 3 * STYLE.leading
