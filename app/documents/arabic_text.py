"""Logical Unicode text -> lines ReportLab can draw (the one place that does this).

ReportLab draws glyphs left to right and does no shaping, so for the PDF (never for Qt) we:

1. keep the text in logical order and split it into words at whitespace;
2. reshape each word with arabic-reshaper (harakat kept, only the lam-alef ligatures). Joining in
   Arabic never crosses a space, so shaping word by word gives exactly the forms of the unbroken
   paragraph; a word that must be cut inside a narrow cell is cut with a ZERO WIDTH JOINER on both
   sides of the cut, which keeps the forms it has in the whole word;
3. measure the shaped words with the font and break into lines in LOGICAL order;
4. reorder each line on its own with python-bidi's reference ``bidi.algorithm.get_display``
   (mirrors brackets), base direction RTL for Arabic paragraphs, automatic for Latin-only text;
5. leave each combining mark where the reversal puts it: immediately BEFORE its base letter in
   drawing order. Amiri's marks have zero advance and outlines at positive x (they are meant to be
   placed by GPOS, which ReportLab does not apply), so drawn at the base's origin they land on the
   base; drawn after it they land on the next letter to the left (checked on rendered pages).

Digits are left as given.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from arabic_reshaper import ArabicReshaper
from arabic_reshaper.reshaper_config import default_config
from bidi.algorithm import get_base_level, get_display
from reportlab.pdfbase.pdfmetrics import stringWidth

ZWJ = "\u200d"
# Inside Arabic lines, dates, times, ranges and percentages written with ASCII digits
# ("2026-11-28", "10:45", "1-3%", "30%", "2026.11-1") and bracketed groups without Arabic
# ("(PMMA)", "(T12, L1)") stay exactly as written, left to right. The bare algorithm would show an
# ISO date as 28-11-2026 and, having no paired-bracket rule, could split "(T12, L1)" at a line end.
# While reordering, each such token is swapped for one placeholder character: of bidi class AN (a
# Rumi numeral) so it sits in the Arabic line like a number, or of class EN (a mathematical digit)
# when it directly follows a Latin word ("INR 1-3") so it stays with that word, as digits do.
_AR = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_NUM = r"[0-9]+(?:[.,][0-9]+)*"
_LTR_TOKEN = re.compile(
    rf"\([^()\n{_AR}]*[A-Za-z0-9][^()\n{_AR}]*\)|\[[^\[\]\n{_AR}]*[A-Za-z0-9][^\[\]\n{_AR}]*\]"
    rf"|(?<![A-Za-z0-9.,])(?<![A-Za-z0-9][-/:.,]){_NUM}(?:(?:[-/:]{_NUM})+%?|%)(?![A-Za-z0-9])")
_AFTER_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*\s+$")
_AN_BASE, _AN_COUNT = 0x10E60, 31  # RUMI DIGIT ONE .. : bidi class AN
_EN_BASE, _EN_COUNT = 0x1D7CE, 50  # MATHEMATICAL BOLD DIGIT ZERO .. : bidi class EN
_KEEP_LIGATURES = {
    "ARABIC LIGATURE LAM WITH ALEF",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW",
    "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE",
}
_config = {k: (k in _KEEP_LIGATURES) for k in default_config if k.startswith("ARABIC LIGATURE")}
_config.update({"delete_harakat": False, "shift_harakat_position": False, "support_ligatures": True,
                "delete_tatweel": False, "support_zwj": True})
_RESHAPER = ArabicReshaper(configuration=_config)


def _is_rtl_char(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


def has_rtl(text: str) -> bool:
    """True when the text holds at least one strong right-to-left letter."""
    return any(_is_rtl_char(ch) for ch in text)


@lru_cache(maxsize=8192)
def shape(text: str) -> str:
    """Contextual forms (presentation forms) of ``text``, logical order, harakat kept.

    Idempotent: shaped text passes through unchanged.
    """
    if not text or not has_rtl(text):
        return text
    shaped = _RESHAPER.reshape(text)
    return shaped.replace(ZWJ, "")


@lru_cache(maxsize=8192)
def to_visual_line(logical: str, base_rtl: bool | None = True) -> str:
    """One logical line -> the string to draw left to right.

    ``base_rtl``: True for Arabic paragraphs, False for a left-to-right paragraph, None to choose
    from the first strong letter (auto).
    """
    if not logical:
        return ""
    shaped = shape(logical)
    if base_rtl is None:
        base_dir = None
    else:
        base_dir = "R" if base_rtl else "L"
    if base_dir != "R" and not has_rtl(shaped):
        return shaped  # Latin/digits only, left to right: nothing to reorder
    return _reorder(shaped, base_dir)


def _is_placeholder(c: str) -> bool:
    return _AN_BASE <= ord(c) < _AN_BASE + _AN_COUNT or _EN_BASE <= ord(c) < _EN_BASE + _EN_COUNT


def _reorder(text: str, base_dir: str | None) -> str:
    rtl = base_dir == "R" or (base_dir is None and get_base_level(text) == 1)
    tokens: dict[str, str] = {}
    if rtl and not any(_is_placeholder(c) for c in text):
        counts = {"AN": 0, "EN": 0}

        def keep(m: re.Match) -> str:
            kind = "EN" if _AFTER_LATIN_WORD.search(text, 0, m.start()) else "AN"
            base, limit = (_EN_BASE, _EN_COUNT) if kind == "EN" else (_AN_BASE, _AN_COUNT)
            if counts[kind] >= limit:
                return m.group(0)
            ch = chr(base + counts[kind])
            counts[kind] += 1
            tokens[ch] = m.group(0)
            return ch
        text = _LTR_TOKEN.sub(keep, text)
    display = get_display(text, base_dir=base_dir)
    if tokens:
        display = "".join(tokens.get(c, c) for c in display)
    return display


def visual_to_logical(visual: str, base_rtl: bool | None = True) -> str:
    """Best-effort inverse of :func:`to_visual_line` for extracted PDF text (tests, search).

    The line is reordered again (marks come back after their base), then NFKC turns
    presentation forms (and lam-alef ligatures) back into ordinary letters.
    """
    logical = _reorder(visual, None if base_rtl is None else ("R" if base_rtl else "L"))
    return unicodedata.normalize("NFKC", logical)


@lru_cache(maxsize=16384)
def _word_width(word: str, font: str, size: float) -> float:
    return stringWidth(shape(word), font, size)


def _cut_word(word: str, font: str, size: float, width: float) -> list[str]:
    """Cut a word wider than ``width`` into pieces that fit; ZWJ keeps joining across a cut."""
    pieces: list[str] = []
    rest = word
    while rest:
        if _word_width(rest, font, size) <= width:
            pieces.append(rest)
            break
        lo = 1
        for n in range(1, len(rest) + 1):
            head = rest[:n]
            join = _joins(rest, n)
            if _word_width(head + (ZWJ if join else ""), font, size) > width:
                break
            lo = n
        # never cut between a letter and its marks
        while lo < len(rest) and unicodedata.category(rest[lo]) == "Mn" and lo > 1:
            lo -= 1
        join = _joins(rest, lo)
        pieces.append(rest[:lo] + (ZWJ if join else ""))
        rest = (ZWJ if join else "") + rest[lo:]
    return pieces


def _joins(text: str, n: int) -> bool:
    """Whether the letters on both sides of position ``n`` are Arabic (a cut there needs ZWJ)."""
    if n <= 0 or n >= len(text):
        return False
    before = text[:n].rstrip("".join(c for c in text[:n] if unicodedata.category(c) == "Mn"))
    return bool(before) and _is_rtl_char(before[-1]) and _is_rtl_char(text[n])


def wrap_logical(text: str, font: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines that fit ``width`` points, in logical order (first line first).

    Whitespace runs collapse to one space; a newline forces a break. Lines are logical (not
    shaped, not reordered): pass each to :func:`to_visual_line` to draw it.
    """
    return list(_wrap_cached(text, font, float(size), float(width)))


@lru_cache(maxsize=4096)
def _wrap_cached(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    space = stringWidth(" ", font, size)
    lines: list[str] = []
    for hard_line in text.split("\n"):
        words = hard_line.split()
        if not words:
            lines.append("")
            continue
        current: list[str] = []
        current_w = 0.0
        for word in words:
            w = _word_width(word, font, size)
            pieces = [word] if w <= width else _cut_word(word, font, size, width)
            for piece in pieces:
                pw = w if len(pieces) == 1 else _word_width(piece, font, size)
                if current and current_w + space + pw > width:
                    lines.append(" ".join(current))
                    current, current_w = [], 0.0
                current_w = pw if not current else current_w + space + pw
                current.append(piece)
        if current:
            lines.append(" ".join(current))
    return tuple(lines)


def visual_lines(text: str, font: str, size: float, width: float,
                 base_rtl: bool | None = None) -> list[str]:
    """Wrap then reorder: the strings to draw, top line first.

    ``base_rtl=None`` picks RTL when the paragraph holds any Arabic letter, else LTR.
    """
    if base_rtl is None:
        base_rtl = has_rtl(text)
    return [to_visual_line(line, base_rtl) for line in wrap_logical(text, font, size, width)]


def text_width(text: str, font: str, size: float) -> float:
    """Width of one (logical) line once shaped."""
    return stringWidth(shape(text), font, size)
