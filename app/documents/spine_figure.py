"""A small vector picture of the spine, T1 to L5, with the treated levels filled and labelled."""
from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from app.domain.levels import TREATABLE_LEVELS

from .fonts import BOLD, REGULAR
from .pdf_styles import ACCENT, MUTED

_OUTLINE = colors.HexColor("#7b8794")
_FILL = colors.HexColor("#f4f1ea")


def spine_drawing(levels, width: float = 30 * mm, height: float = 72 * mm) -> Drawing:
    """Vertebrae as rounded boxes from T1 (top) to L5; ``levels`` (e.g. ["T12", "L1"]) filled."""
    chosen = {str(lv).upper() for lv in (levels or ())}
    names = TREATABLE_LEVELS
    n = len(names)
    d = Drawing(width, height, initialFontName=REGULAR)  # not ReportLab's default Helvetica
    slot = height / n
    box_h = slot * 0.74
    label_w = 8 * mm
    max_w = width - label_w - 2
    cx = label_w + max_w / 2.0
    # the cord/canal line behind the bodies
    d.add(Line(cx, 1, cx, height - 1, strokeColor=colors.HexColor("#d9d4c7"), strokeWidth=1.2))
    for i, name in enumerate(names):
        # bodies grow from the thoracic to the lumbar spine
        w = max_w * (0.55 + 0.45 * i / (n - 1))
        y = height - (i + 1) * slot + (slot - box_h) / 2.0
        selected = name in chosen
        d.add(Rect(cx - w / 2.0, y, w, box_h, rx=box_h * 0.35, ry=box_h * 0.35,
                   fillColor=ACCENT if selected else _FILL,
                   strokeColor=ACCENT if selected else _OUTLINE, strokeWidth=0.9 if selected else 0.5))
        if selected:
            d.add(String(cx, y + box_h * 0.22, name, fontName=BOLD, fontSize=min(box_h * 0.9, 8),
                         fillColor=colors.white, textAnchor="middle"))
        if selected or name in ("T1", "T6", "T12", "L5") or i % 3 == 0:
            d.add(String(label_w - 1.5, y + box_h * 0.2, name, fontName=BOLD if selected else REGULAR,
                         fontSize=6.5 if selected else 5.5, fillColor=ACCENT if selected else MUTED,
                         textAnchor="end"))
    return d
