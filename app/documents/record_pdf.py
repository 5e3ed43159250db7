"""Render a canonical record (consent, refusal, verification) to an A4 right-to-left PDF, as bytes.

Shaped like pretix's invoice renderer: a named stylesheet (``pdf_styles``), page templates for the
first and the following pages, a story builder (``record_story``), and a canvas that knows
"page X of Y" (``pdf_canvas``). Fonts are registered once per process.
"""
from __future__ import annotations

import io
import logging
import threading
from contextlib import contextmanager

from reportlab import rl_config

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate

from app.domain.form import Form

from . import pdf_labels as L
from .fonts import REGULAR, register_fonts
from .line_layout import draw_text, fit_text, text_width
from .pdf_canvas import FooterInfo, canvas_class
from .pdfa import DocMeta, parse_instant, pdfa_streams
from .record_story import StoryBuilder
from .watermark import DEMONSTRATION

log = logging.getLogger(__name__)

PAGE = A4
MARGIN = 15 * mm
TOP_FIRST = 12 * mm
TOP_OTHER = 20 * mm
BOTTOM = 20 * mm


HEADER_SIZE = 8.5
HEADER_GAP = 6 * mm  # between the record id and the patient's identity


def running_header_text(record: dict, room: float) -> str:
    """"name · الرقم الطبي MRN" within ``room`` points: a long name is cut (with an ellipsis),
    the MRN never."""
    pt = record.get("patient") or {}
    tail = f" · الرقم الطبي {pt.get('mrn', '')}"
    name = str(pt.get("name_ar", ""))
    name_room = room - text_width(tail, REGULAR, HEADER_SIZE)
    return fit_text(name, REGULAR, HEADER_SIZE, max(name_room, 0), True) + tail


def _running_header(record: dict):
    """Later pages: record id and patient identity at the top, so a loose page is identifiable."""
    left = str(record.get("record_id", ""))

    def on_page(canv, doc):
        w, h = doc.pagesize
        canv.saveState()
        canv.setFillColorRGB(0.3, 0.3, 0.3)
        y = h - 12 * mm
        id_w = draw_text(canv, left, REGULAR, HEADER_SIZE, MARGIN, y, "left", base_rtl=False)
        right = running_header_text(record, w - 2 * MARGIN - id_w - HEADER_GAP)
        draw_text(canv, right, REGULAR, HEADER_SIZE, w - MARGIN, y, "right", base_rtl=True)
        canv.setStrokeColorRGB(0.6, 0.65, 0.7)
        canv.setLineWidth(0.4)
        canv.line(MARGIN, y - 2.5 * mm, w - MARGIN, y - 2.5 * mm)
        canv.restoreState()

    return on_page


def record_title(record: dict, form: Form) -> str:
    """The document title of a record: the form's title for a consent, else its kind's."""
    return L.KIND_TITLES.get(record.get("kind") or "consent") or form.title


def doc_meta(record: dict, form: Form) -> DocMeta:
    inst = record.get("institution") or {}
    return DocMeta(title=record_title(record, form), subject=str(record.get("record_id", "")),
                   author=inst.get("name_en") or inst.get("name_ar") or "",
                   created=parse_instant(record.get("created_at")), lang="ar")


def _doc(buf: io.BytesIO, record: dict, form: Form) -> BaseDocTemplate:
    w, h = PAGE
    doc = BaseDocTemplate(
        buf, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP_FIRST, bottomMargin=BOTTOM,
        title=record_title(record, form), subject=str(record.get("record_id", "")), creator="consent-desk",
        invariant=1, initialFontName=REGULAR, lang="ar",
    )
    first = Frame(MARGIN, BOTTOM, w - 2 * MARGIN, h - BOTTOM - TOP_FIRST, id="first",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    other = Frame(MARGIN, BOTTOM, w - 2 * MARGIN, h - BOTTOM - TOP_OTHER, id="other",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[first], autoNextPageTemplate="other"),
        PageTemplate(id="other", frames=[other], onPage=_running_header(record)),
    ])
    return doc


_build_lock = threading.Lock()


@contextmanager
def _binary_streams():
    """Plain Flate streams instead of Flate+ASCII85 while we build (ASCII85 in pure Python costs
    ~80 ms a document without the optional rl_accel extension), each ended as PDF/A asks
    (:func:`pdfa.pdfa_streams`). ReportLab reads these from global state, so builds are
    serialised and the settings are restored afterwards."""
    with _build_lock, pdfa_streams():
        saved = rl_config.useA85
        rl_config.useA85 = 0
        try:
            yield
        finally:
            rl_config.useA85 = saved


def render_record_pdf(record: dict, record_sha256: str, form: Form, tz: str = "Asia/Riyadh") -> bytes:
    """The record's PDF (A4, Arabic, right to left) as bytes.

    ``record`` is the canonical record (plain dict), ``record_sha256`` its hash (printed in the
    footer and QR code), ``form`` the exact form version it showed, ``tz`` the zone times are shown in.
    """
    register_fonts()
    with _binary_streams():
        return _render(record, record_sha256, form, tz)


def _render(record: dict, record_sha256: str, form: Form, tz: str) -> bytes:
    buf = io.BytesIO()
    doc = _doc(buf, record, form)
    builder = StoryBuilder(record, form, record_sha256, tz, doc.width)
    story = [NextPageTemplate("other")] + builder.build()
    info = FooterInfo(record_id=str(record.get("record_id", "")),
                      form_version=str((record.get("form") or {}).get("version") or form.version),
                      record_sha256=record_sha256,
                      watermark=bool(record.get("demo")) or (record.get("form") or {}).get("approved_by") in (None, ""),
                      # a demonstration says so on every page, whatever its form (issue 12)
                      watermark_text=DEMONSTRATION if record.get("demo") else "")
    doc.build(story, canvasmaker=canvas_class(info, doc_meta(record, form)))
    data = buf.getvalue()
    log.debug("rendered %s record PDF: %d pages, %d bytes", record.get("kind"), doc.page, len(data))
    return data
