"""A canvas that knows "page X of Y": footer, watermark on every page once the count is known.

It also makes its document PDF/A-3b (:mod:`pdfa`); :func:`pdfa_canvas` does only that, for
documents without the record footer (the archive's index sheet).
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .fonts import REGULAR, register_fonts
from .line_layout import draw_text
from .pdfa import DocMeta, make_pdfa
from .watermark import draw_watermark, watermark_reader

FOOTER_SIZE = 7.5


@dataclass(frozen=True)
class FooterInfo:
    record_id: str
    form_version: str
    record_sha256: str
    watermark: bool = False
    watermark_text: str = ""  # empty: the "not approved" words
    margin: float = 15 * mm


def page_label(page: int, total: int) -> str:
    """"صفحة 1 من 3" (logical order; the same digits as every other number on the page)."""
    return f"صفحة {page} من {total}"


def pdfa_canvas(meta: DocMeta):
    """A Canvas subclass whose document is PDF/A-3b with ``meta`` (pass it as ``canvasmaker``)."""
    register_fonts()

    class PdfaCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            # ReportLab's default initial font is Helvetica and lands in every page's resources
            kwargs["initialFontName"] = REGULAR
            kwargs.setdefault("initialFontSize", 10)
            super().__init__(*args, **kwargs)
            make_pdfa(self, meta)

    return PdfaCanvas


def canvas_class(info: FooterInfo, meta: DocMeta):
    """A Canvas subclass bound to one record's footer (pass it as ``canvasmaker``)."""

    class RecordCanvas(pdfa_canvas(meta)):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self._wm = (watermark_reader(info.watermark_text) if info.watermark_text else watermark_reader()) \
                if info.watermark else None

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _decorate(self, number: int, total: int) -> None:
            w, h = self._pagesize
            m = info.margin
            if self._wm is not None:
                draw_watermark(self, w, h, self._wm)
            self.saveState()
            self.setStrokeColor(colors.HexColor("#9aa5b1"))
            self.setLineWidth(0.4)
            y = 11 * mm
            self.line(m, y + 4.2 * mm, w - m, y + 4.2 * mm)
            self.setFillColor(colors.HexColor("#444444"))
            draw_text(self, page_label(number, total), REGULAR, FOOTER_SIZE + 1.5, w - m, y, "right")
            draw_text(self, f"نسخة النموذج {info.form_version}", REGULAR, FOOTER_SIZE, w / 2.0, y, "centre")
            draw_text(self, f"{info.record_id}   SHA-256 {info.record_sha256[:16]}", REGULAR, FOOTER_SIZE, m, y,
                      "left", base_rtl=False)
            self.restoreState()

    return RecordCanvas
