"""The named stylesheet of the record PDF: every style sets an Amiri font (never Helvetica)."""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1

from .fonts import BOLD, REGULAR, register_fonts

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
ACCENT = colors.HexColor("#1f4e79")
GRID = colors.HexColor("#9aa5b1")
HEADER_BG = colors.HexColor("#e6edf4")
OK_BG = colors.HexColor("#e8f5e9")
BLOCK_BG = colors.HexColor("#fdecea")
MISSING_BG = colors.HexColor("#fff4e0")

LEADING = 1.7  # Amiri's ascent + descent is 1.76 em; harakat need the room


def _style(name: str, size: float, font: str = REGULAR, align=TA_RIGHT, color=INK, **kw) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=round(size * LEADING, 1),
                          alignment=align, textColor=color, **kw)


@lru_cache(maxsize=1)
def stylesheet() -> StyleSheet1:
    """Styles by name: body, small, tiny, cell, cell_bold, cell_head, h1, h2, h3, institution..."""
    register_fonts()
    sheet = StyleSheet1()
    for st in (
        # long texts and the signed statement are justified (room between words); cells and
        # labels stay ragged
        _style("body", 10.5, align=TA_JUSTIFY, spaceAfter=2),
        _style("bullet", 10.5, align=TA_JUSTIFY, rightIndent=6, spaceAfter=1),
        _style("small", 8.5, color=MUTED),
        _style("tiny", 7, color=MUTED),
        _style("cell", 9),
        _style("cell_small", 8.5),
        _style("cell_bold", 9, BOLD),
        _style("cell_head", 9, BOLD, color=ACCENT),
        _style("cell_center", 9, align=TA_CENTER),
        _style("cell_ltr", 9, align=TA_LEFT),
        _style("institution", 14, BOLD, color=ACCENT),
        _style("institution_en", 9, align=TA_RIGHT, color=MUTED),
        _style("institution_missing", 11, BOLD, color=colors.HexColor("#8a1c12")),
        _style("title", 16, BOLD, align=TA_CENTER, spaceBefore=4, spaceAfter=6),
        _style("subtitle", 10, align=TA_CENTER, color=MUTED, spaceAfter=4),
        _style("h2", 12.5, BOLD, color=ACCENT, spaceBefore=8, spaceAfter=3, keepWithNext=1),
        _style("h3", 11, BOLD, spaceBefore=5, spaceAfter=1, keepWithNext=1),
        _style("ack", 8.5, color=MUTED, spaceAfter=3),
        _style("statement", 11, BOLD, align=TA_JUSTIFY, spaceBefore=4, spaceAfter=4),
        _style("warning", 10, BOLD, color=colors.HexColor("#8a1c12"), spaceAfter=2),
    ):
        sheet.add(st)
    return sheet
