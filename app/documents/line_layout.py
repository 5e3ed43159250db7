"""One line of logical text -> positioned glyphs -> PDF text operators.

:func:`layout_line` runs the bidi algorithm on the line (:mod:`bidi_runs`), shapes each run
(:mod:`shaping`) and joins the runs left to right; it is cached per (text, font, direction) and
sizes scale it linearly. :func:`draw_line` writes the glyphs onto a ReportLab canvas through the
font's own embedding (:mod:`cid_font`): every glyph left to right in one ``TJ``, each one a glyph
of the subset that already holds HarfBuzz's offset and advance (:mod:`font_subset`), so the text
position simply walks along the line; ``TJ`` numbers appear only for the extra room after spaces
of a justified line. Glyphs in visual order, each carrying its own text, with no gaps inside a
word, are what PDF text extractors read best.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont

from .bidi_runs import has_rtl, visual_runs
from .shaping import Glyph, face, shape_run


_MIN_ADVANCE = 1  # font units


@dataclass(frozen=True)
class LineLayout:
    glyphs: tuple[Glyph, ...]
    advance: int  # font units
    spaces: int  # space glyphs (where justification adds room)
    upem: int
    font: str = ""

    def width(self, size: float) -> float:
        return self.advance * size / self.upem

    @property
    def plan(self) -> tuple[tuple[tuple, str, bool], ...]:
        """What draw_line writes, worked out on the first draw (layouts made only to measure a
        word never need it): per drawn glyph its CID key ((parts, advance), text), the TJ shift
        after it (thousandths of em, written out; "" for none) and whether it is a space."""
        plan = self.__dict__.get("_plan")
        if plan is None:
            plan = _plan(self.font, self.glyphs)
            object.__setattr__(self, "_plan", plan)
        return plan


def _plan(font: str, glyphs: tuple[Glyph, ...]) -> tuple[tuple[tuple, str, bool], ...]:
    scale = 1000.0 / face(font).upem
    shifts: dict[int, str] = {}
    out = []
    for g in glyphs:
        if not g.parts[0][0]:
            continue  # nothing to draw for a character the font lacks (never .notdef: PDF/A)
        # a zero-width glyph (a mark) gets one unit of width, taken back at once: two marks in a
        # row with no width at all split a line in two for pdfminer
        advance = g.advance if g.advance >= _MIN_ADVANCE else _MIN_ADVANCE
        extra = advance - g.advance
        shift = ""
        if extra:
            shift = shifts.get(extra) or shifts.setdefault(extra, fp_str(extra * scale))
        # the CID key: the parts as drawn and the width (a plain glyph is ((gid, 0, 0),) with its
        # own advance; anything else becomes a positioned glyph of the subset)
        out.append((((g.parts, advance), g.text), shift, g.text == " "))
    return tuple(out)


@lru_cache(maxsize=16384)
def layout_line(text: str, font: str, base_rtl: bool | None = True) -> LineLayout:
    """The glyphs of one line, left to right (``base_rtl`` as in :func:`bidi_runs.visual_runs`)."""
    glyphs: list[Glyph] = []
    for run_text, rtl in visual_runs(text, base_rtl):
        glyphs.extend(shape_run(font, run_text, rtl).glyphs)
    spaces = sum(1 for g in glyphs if g.text == " ")
    glyphs_t = tuple(glyphs)
    return LineLayout(glyphs_t, sum(g.advance for g in glyphs), spaces, face(font).upem, font)


def text_width(text: str, font: str, size: float, base_rtl: bool | None = True) -> float:
    return layout_line(text, font, base_rtl).width(size)


def draw_line(canv, layout: LineLayout, font: str, size: float, x: float, y: float,
              space_extra: float = 0.0) -> None:
    """Draw ``layout`` with its left end at ``x`` and its baseline at ``y`` (points).

    ``space_extra``: points added after every space glyph (justification).
    """
    if not layout.plan:
        return
    state = getFont(font).doc_font(canv._doc)
    codes = state.codes
    extra = -space_extra * 1000.0 / size if space_extra else 0.0  # TJ units (thousandths of em)
    tj: list[str] = []
    pending: list[str] = []
    for key, shift, space in layout.plan:
        cid = codes.get(key)
        if cid is None:
            cid = state.code(*key)
        pending.append("%04X" % cid)
        if space and extra:
            shift = fp_str(extra + (float(shift) if shift else 0.0))
        if shift:
            tj.append("<%s>" % "".join(pending))
            pending = []
            tj.append(shift)
    if pending:
        tj.append("<%s>" % "".join(pending))
    canv._code.append("BT /%s %s Tf 1 0 0 1 %s %s Tm [%s] TJ ET" % (
        state.resource, fp_str(size), fp_str(x), fp_str(y), " ".join(tj)))


ELLIPSIS = "\u2026"


def fit_text(text: str, font: str, size: float, width: float, base_rtl: bool | None = None) -> str:
    """``text`` itself when it fits ``width`` points, else its longest head (whole words when
    possible) followed by an ellipsis that fits."""
    rtl = has_rtl(text) if base_rtl is None else base_rtl
    if layout_line(text, font, rtl).width(size) <= width:
        return text
    words = text.split(" ")
    for n in range(len(words) - 1, 0, -1):
        head = " ".join(words[:n]) + " " + ELLIPSIS
        if layout_line(head, font, rtl).width(size) <= width:
            return head
    for n in range(len(text) - 1, 0, -1):
        head = text[:n].rstrip() + ELLIPSIS
        if layout_line(head, font, rtl).width(size) <= width:
            return head
    return ELLIPSIS if layout_line(ELLIPSIS, font, rtl).width(size) <= width else ""


def draw_text(canv, text: str, font: str, size: float, x: float, y: float, align: str = "left",
              base_rtl: bool | None = None) -> float:
    """Draw one line of logical text anchored at ``x`` (its ``align``: left, right or centre end);
    returns its width."""
    layout = layout_line(text, font, has_rtl(text) if base_rtl is None else base_rtl)
    w = layout.width(size)
    left = x - w if align == "right" else x - w / 2.0 if align == "centre" else x
    draw_line(canv, layout, font, size, left, y)
    return w
