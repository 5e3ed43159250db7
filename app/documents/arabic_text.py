"""Logical Unicode text -> lines for the PDF (the one place that wraps text for ReportLab).

ReportLab neither shapes nor reorders, so for the PDF (never for Qt) we:

1. keep the text in logical order and split it into words at breakable white space (no-break
   spaces hold dates and "(PMMA)" to the word before them);
2. measure each word as HarfBuzz shapes it with Amiri (:mod:`line_layout`) and break into lines
   in LOGICAL order; joining never crosses a space, so a word measures the same alone and in its
   line; a word that must be cut inside a narrow cell is cut with a ZERO WIDTH JOINER on both
   sides of the cut, which keeps the forms it has in the whole word;
3. each line is then laid out on its own (bidi runs, shaping) by :mod:`line_layout` and drawn by
   :mod:`rtl_flowable`.

Without HarfBuzz, :func:`reshape_presentation_forms` (arabic-reshaper) is the fallback shaper; the
watermark picture, drawn by Pillow's basic layout, also uses it through :func:`to_visual_line`.
Digits are left as given.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from arabic_reshaper import ArabicReshaper
from arabic_reshaper.reshaper_config import default_config
from bidi.algorithm import get_display

from .bidi_runs import has_rtl, is_rtl_char as _is_rtl_char, protect_tokens, visual_string
from .line_layout import layout_line

ZWJ = "\u200d"
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

__all__ = ["has_rtl", "keep_together", "reshape_presentation_forms", "to_visual_line", "visual_to_logical", "split_words",
           "wrap_logical", "wrap_lines", "visual_lines", "text_width"]


@lru_cache(maxsize=8192)
def reshape_presentation_forms(text: str) -> str:
    """Contextual forms (presentation forms) of ``text``, logical order, harakat kept (fallback).

    Idempotent: shaped text passes through unchanged.
    """
    if not text or not has_rtl(text):
        return text
    shaped = _RESHAPER.reshape(text)
    return shaped.replace(ZWJ, "")


@lru_cache(maxsize=1024)
def to_visual_line(logical: str, base_rtl: bool | None = True) -> str:
    """One logical line as presentation forms in drawing order (for Pillow's basic layout).

    Mirrored brackets; marks before their base. Not used for PDF text.
    """
    if not logical:
        return ""
    shaped = reshape_presentation_forms(logical)
    rtl = has_rtl(shaped) if base_rtl is None else base_rtl
    if not rtl and not has_rtl(shaped):
        return shaped
    protected, tokens = protect_tokens(shaped) if rtl else (shaped, {})
    display = get_display(protected, base_dir="R" if rtl else "L")
    return "".join(tokens.get(c, c) for c in display) if tokens else display


def visual_to_logical(visual: str, base_rtl: bool | None = True) -> str:
    """Best-effort inverse of a line's visual string (extracted PDF text, tests, search).

    The line is reordered again (no mirroring: the PDF's text gives back each bracket as the
    character it stands for), then NFKC turns any presentation forms back into letters.
    """
    return unicodedata.normalize("NFKC", visual_string(visual, base_rtl))


_BREAKABLE = re.compile(r"[ \t\r\f\v]+")  # not U+00A0 / U+202F: no-break spaces hold words together
NBSP = "\u00a0"
# what a line break must not split: a bracketed abbreviation from the word before it ("إسمنت
# (PMMA)."), a date from its time, the parts of a Hijri date ("24 جمادى الآخرة 1448 هـ")
_BEFORE_ABBREVIATION = re.compile(r"(?<=\S) +(?=\([A-Z][A-Za-z0-9]*(?:[ ,./-]+[A-Za-z0-9]+)*\))")
_DATE_TIME = re.compile(r"(?<=\b\d{4}-\d{2}-\d{2}) +(?=\d{1,2}:\d{2}\b)")
_HIJRI = re.compile(r"\(\d{1,2} [^()\d\n]{2,24}? \d{3,4} هـ\)")
_LATIN_GROUP = re.compile(r"\([A-Za-z0-9][^()\n\u0600-\u06ff]{0,30}\)")  # "(T12, L1)" stays whole


def keep_together(text: str) -> str:
    """``text`` with no-break spaces where a line must not break (see the patterns above)."""
    if " " not in text:
        return text
    text = _BEFORE_ABBREVIATION.sub(NBSP, text)
    text = _DATE_TIME.sub(NBSP, text)
    text = _LATIN_GROUP.sub(lambda m: m.group(0).replace(" ", NBSP), text)
    return _HIJRI.sub(lambda m: m.group(0).replace(" ", NBSP), text)


def split_words(line: str) -> list[str]:
    """Words of one hard line, split at breakable white space only."""
    return [w for w in _BREAKABLE.split(line) if w]


@lru_cache(maxsize=16384)
def _word_width(word: str, font: str, size: float, base_rtl: bool = True) -> float:
    return layout_line(word, font, base_rtl).width(size)


def _cut_word(word: str, font: str, size: float, width: float, base_rtl: bool) -> list[str]:
    """Cut a word wider than ``width`` into pieces that fit; ZWJ keeps joining across a cut."""
    pieces: list[str] = []
    rest = word
    while rest:
        if _word_width(rest, font, size, base_rtl) <= width:
            pieces.append(rest)
            break
        lo = 1
        for n in range(1, len(rest) + 1):
            head = rest[:n]
            join = _joins(rest, n)
            if _word_width(head + (ZWJ if join else ""), font, size, base_rtl) > width:
                break
            lo = n
        # an identifier is cut after one of its separators when one fits ("MRN-2026/" + "00451")
        seps = [k + 1 for k in range(lo) if rest[k] in "-/_.:," and 0 < k + 1 < len(rest)]
        if seps:
            lo = seps[-1]
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


def wrap_logical(text: str, font: str, size: float, width: float, base_rtl: bool | None = None) -> list[str]:
    """Break ``text`` into lines that fit ``width`` points, in logical order (first line first).

    Words are measured as HarfBuzz shapes them. Breakable white space collapses to one space; a
    newline forces a break. Lines are logical: :func:`line_layout.layout_line` lays each out.
    """
    return [line for line, _end in wrap_lines(text, font, size, width, base_rtl)]


def wrap_lines(text: str, font: str, size: float, width: float,
               base_rtl: bool | None = None) -> tuple[tuple[str, bool], ...]:
    """Like :func:`wrap_logical`, each line with whether it ends a paragraph or a hard line
    (such lines are not justified)."""
    if base_rtl is None:
        base_rtl = has_rtl(text)
    return _wrap_cached(keep_together(text), font, float(size), float(width), bool(base_rtl))


@lru_cache(maxsize=4096)
def _wrap_cached(text: str, font: str, size: float, width: float, base_rtl: bool) -> tuple[tuple[str, bool], ...]:
    space = _word_width(" ", font, size, base_rtl)
    lines: list[tuple[str, bool]] = []
    for hard_line in text.split("\n"):
        words = split_words(hard_line)
        if not words:
            lines.append(("", True))
            continue
        current: list[str] = []
        current_w = 0.0
        for word in words:
            w = _word_width(word, font, size, base_rtl)
            pieces = [word] if w <= width else _cut_word(word, font, size, width, base_rtl)
            for piece in pieces:
                pw = w if len(pieces) == 1 else _word_width(piece, font, size, base_rtl)
                if current and current_w + space + pw > width:
                    lines.append((" ".join(current), False))
                    current, current_w = [], 0.0
                current_w = pw if not current else current_w + space + pw
                current.append(piece)
        if current:
            lines.append((" ".join(current), True))
    return tuple(lines)


def visual_lines(text: str, font: str, size: float, width: float,
                 base_rtl: bool | None = None) -> list[str]:
    """Wrap then reorder: each line's characters in drawing order, top line first."""
    if base_rtl is None:
        base_rtl = has_rtl(text)
    return [visual_string(line, base_rtl) for line in wrap_logical(text, font, size, width, base_rtl)]


def text_width(text: str, font: str, size: float, base_rtl: bool | None = True) -> float:
    """Width of one (logical) line as HarfBuzz shapes it."""
    return layout_line(text, font, base_rtl).width(size)
