"""The one right-to-left flowable: wraps logical text, draws each line reordered, right aligned.

Works in a story and inside Table cells (it wraps to whatever width it is given), splits across
pages line by line, takes its font, size, leading, colour, indents, alignment (right by default,
``TA_CENTER`` on request; ``TA_LEFT`` only for Latin-only text, since ReportLab's default style
alignment is TA_LEFT and an Arabic paragraph always starts at the right) and bold (``fontName``)
from a ``ParagraphStyle``.
"""
from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus.flowables import Flowable

from .arabic_text import has_rtl, text_width, to_visual_line, wrap_logical

BULLET = "•"


def _baseline_ratio(font_name: str) -> float:
    """Where the baseline sits in a line box, from the top, as a share of the leading."""
    face = getattr(getFont(font_name), "face", None)
    if face is None:
        return 0.75
    ascent, descent = face.ascent, abs(face.descent)
    return ascent / float(ascent + descent)


class RTLParagraph(Flowable):
    """A paragraph of logical Unicode text (Arabic, Latin or mixed), laid out right to left.

    ``bullet``: a short mark drawn in the right margin of the first line (e.g. "•" or "١.").
    The base direction is RTL when the text holds any Arabic letter, else LTR (Latin-only
    paragraphs are still aligned as the style says, right by default).
    """

    def __init__(self, text: str, style: ParagraphStyle, bullet: str | None = None,
                 _lines: list[str] | None = None, _first: bool = True, _last: bool = True) -> None:
        super().__init__()
        self.text = text or ""
        self.style = style
        self.bullet = bullet
        self.base_rtl = has_rtl(self.text) or (bullet is not None and has_rtl(bullet))
        self._fixed_lines = _lines
        self._first = _first
        self._last = _last
        self._lines: list[str] = _lines or []
        self._avail = None
        self.keepWithNext = getattr(style, "keepWithNext", 0)

    # -- layout -----------------------------------------------------------------------------------
    @property
    def _bullet_indent(self) -> float:
        if self.bullet is None:
            return 0.0
        st = self.style
        return max(getattr(st, "bulletIndent", 0) or 0, stringWidth(self.bullet + "  ", st.fontName, st.fontSize))

    def _text_width(self, avail: float) -> float:
        st = self.style
        return max(avail - st.leftIndent - st.rightIndent - self._bullet_indent, st.fontSize)

    def wrap(self, availWidth, availHeight):
        if self._fixed_lines is None and self._avail != availWidth:
            st = self.style
            self._lines = wrap_logical(self.text, st.fontName, st.fontSize, self._text_width(availWidth))
            self._avail = availWidth
        self.width = availWidth
        self.height = max(len(self._lines), 1) * self.style.leading
        return self.width, self.height

    def minWidth(self):
        st = self.style
        words = self.text.split() or [""]
        return max(text_width(w, st.fontName, st.fontSize) for w in words) + st.leftIndent + st.rightIndent \
            + self._bullet_indent

    def getSpaceBefore(self):
        return self.style.spaceBefore if self._first else 0

    def getSpaceAfter(self):
        return self.style.spaceAfter if self._last else 0

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        leading = self.style.leading
        fit = int((availHeight + 1e-6) // leading)
        if fit >= len(self._lines):
            return [self]
        if fit < 1 or (len(self._lines) > 2 and fit < 2) or len(self._lines) - fit < 1:
            return []  # not even two lines here: move the paragraph to the next frame
        if len(self._lines) - fit == 1 and fit > 2:
            fit -= 1  # no widow line
        head = RTLParagraph(self.text, self.style, self.bullet, self._lines[:fit], self._first, False)
        tail = RTLParagraph(self.text, self.style, None, self._lines[fit:], False, self._last)
        head.keepWithNext = 0
        head.base_rtl = tail.base_rtl = self.base_rtl
        return [head, tail]

    # -- drawing ----------------------------------------------------------------------------------
    def draw(self):
        st = self.style
        canv = self.canv
        leading = st.leading
        baseline = leading * _baseline_ratio(st.fontName)
        right = self.width - st.rightIndent
        left = st.leftIndent
        canv.saveState()
        canv.setFillColor(st.textColor)
        canv.setFont(st.fontName, st.fontSize, leading)
        if self.bullet is not None and self._first:
            bvis = to_visual_line(self.bullet, self.base_rtl)
            bw = stringWidth(bvis, st.fontName, st.fontSize)
            y = self.height - baseline
            if self.base_rtl:
                canv.drawString(right - bw, y, bvis)
            else:
                canv.drawString(left, y, bvis)
        if self.base_rtl:
            right -= self._bullet_indent
        else:
            left += self._bullet_indent
        for i, line in enumerate(self._lines):
            if not line:
                continue
            visual = to_visual_line(line, self.base_rtl)
            w = stringWidth(visual, st.fontName, st.fontSize)
            y = self.height - i * leading - baseline
            if st.alignment == TA_CENTER:
                x = left + (right - left - w) / 2.0
            elif st.alignment == TA_LEFT and not self.base_rtl:
                x = left
            else:
                x = right - w
            canv.drawString(x, y, visual)
        canv.restoreState()

    def __repr__(self) -> str:  # no patient text in reprs that may reach logs
        return f"<RTLParagraph lines={len(self._lines)}>"
