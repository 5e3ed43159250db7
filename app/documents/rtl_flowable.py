"""The one right-to-left flowable: wraps logical text, draws each line shaped and reordered.

Works in a story and inside Table cells (it wraps to whatever width it is given), splits across
pages line by line, takes its font, size, leading, colour, indents, alignment and bold
(``fontName``) from a ``ParagraphStyle``. Alignment: right by default, ``TA_CENTER`` on request,
``TA_JUSTIFY`` (room added between words; the last line of a paragraph and a line before a forced
break stay right aligned), ``TA_LEFT`` only for Latin-only text (ReportLab's default style
alignment is TA_LEFT and an Arabic paragraph always starts at the right). Each line is laid out by
:func:`line_layout.layout_line` (bidi runs shaped with HarfBuzz) and drawn by
:func:`line_layout.draw_line`.
"""
from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus.flowables import Flowable

from .arabic_text import has_rtl, split_words, text_width, wrap_lines
from .line_layout import draw_line, layout_line

# A justified line is left ragged rather than stretched past this many em per space.
MAX_JUSTIFY_STRETCH_EM = 0.6

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
                 _lines: list[tuple[str, bool]] | None = None, _first: bool = True, _last: bool = True) -> None:
        super().__init__()
        self.text = text or ""
        self.style = style
        self.bullet = bullet
        self.base_rtl = has_rtl(self.text) or (bullet is not None and has_rtl(bullet))
        self._fixed_lines = _lines
        self._first = _first
        self._last = _last
        self._lines: list[tuple[str, bool]] = _lines or []  # (logical line, ends a paragraph)
        self._avail = None
        self.keepWithNext = getattr(style, "keepWithNext", 0)

    # -- layout -----------------------------------------------------------------------------------
    @property
    def _bullet_indent(self) -> float:
        if self.bullet is None:
            return 0.0
        st = self.style
        return max(getattr(st, "bulletIndent", 0) or 0,
                   text_width(self.bullet, st.fontName, st.fontSize, self.base_rtl)
                   + text_width("  ", st.fontName, st.fontSize))

    def _text_width(self, avail: float) -> float:
        st = self.style
        return max(avail - st.leftIndent - st.rightIndent - self._bullet_indent, st.fontSize)

    def wrap(self, availWidth, availHeight):
        if self._fixed_lines is None and self._avail != availWidth:
            st = self.style
            self._lines = list(wrap_lines(self.text, st.fontName, st.fontSize, self._text_width(availWidth),
                                          self.base_rtl))
            self._avail = availWidth
        self.width = availWidth
        self.height = max(len(self._lines), 1) * self.style.leading
        return self.width, self.height

    def minWidth(self):
        st = self.style
        words = split_words(self.text.replace("\n", " ")) or [""]
        return max(text_width(w, st.fontName, st.fontSize, self.base_rtl) for w in words) + st.leftIndent \
            + st.rightIndent + self._bullet_indent

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
        size = st.fontSize
        baseline = leading * _baseline_ratio(st.fontName)
        right = self.width - st.rightIndent
        left = st.leftIndent
        canv.saveState()
        canv.setFillColor(st.textColor)
        if self.bullet is not None and self._first:
            mark = layout_line(self.bullet, st.fontName, self.base_rtl)
            y = self.height - baseline
            x = right - mark.width(size) if self.base_rtl else left
            draw_line(canv, mark, st.fontName, size, x, y)
        if self.base_rtl:
            right -= self._bullet_indent
        else:
            left += self._bullet_indent
        room = right - left
        for i, (line, ends) in enumerate(self._lines):
            if not line:
                continue
            layout = layout_line(line, st.fontName, self.base_rtl)
            w = layout.width(size)
            y = self.height - i * leading - baseline
            extra = 0.0
            if st.alignment == TA_JUSTIFY and not ends and layout.spaces and w < room:
                extra = (room - w) / layout.spaces
                if extra > MAX_JUSTIFY_STRETCH_EM * size:
                    extra = 0.0
                else:
                    w = room
            if st.alignment == TA_CENTER:
                x = left + (room - w) / 2.0
            elif st.alignment == TA_LEFT and not self.base_rtl:
                x = left
            else:
                x = right - w
            draw_line(canv, layout, st.fontName, size, x, y, extra)
        canv.restoreState()

    def __repr__(self) -> str:  # no patient text in reprs that may reach logs
        return f"<RTLParagraph lines={len(self._lines)}>"
