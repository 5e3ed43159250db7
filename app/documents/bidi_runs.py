"""One logical line -> its directional runs, left to right as drawn (the Unicode bidi algorithm).

python-bidi's reference implementation resolves the embedding level of every character (rules
W1-W7, N1-N2, I1-I2) and reorders the line (L1-L2); the runs are the stretches of one level, each
kept in logical order with its direction, ready to be shaped (HarfBuzz mirrors brackets inside
right-to-left runs itself, so no mirroring happens here).

Inside Arabic lines, dates, times, ranges and percentages written with ASCII digits ("2026-11-28",
"10:45", "1-3%", "30%") and bracketed groups without Arabic ("(PMMA)", "(T12, L1)") stay exactly
as written, left to right. The bare algorithm would show an ISO date as 28-11-2026. While the
levels are resolved each such token stands in as one placeholder character: of bidi class AN (a
Rumi numeral) so it sits in the Arabic line like a number, or of class EN (a mathematical digit)
when it directly follows a Latin word ("INR 1-3") so it stays with that word, as digits do.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bidi import algorithm as _uba

_AR = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_NUM = r"[0-9]+(?:[.,][0-9]+)*"
LTR_TOKEN = re.compile(
    rf"\([^()\n{_AR}]*[A-Za-z0-9][^()\n{_AR}]*\)|\[[^\[\]\n{_AR}]*[A-Za-z0-9][^\[\]\n{_AR}]*\]"
    rf"|(?<![A-Za-z0-9.,])(?<![A-Za-z0-9][-/:.,]){_NUM}(?:(?:[-/:]{_NUM})+%?|%)(?![A-Za-z0-9])")
_AFTER_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*[\s\u00a0]+$")
_AN_BASE, _AN_COUNT = 0x10E60, 31  # RUMI DIGIT ONE .. : bidi class AN
_EN_BASE, _EN_COUNT = 0x1D7CE, 50  # MATHEMATICAL BOLD DIGIT ZERO .. : bidi class EN


def is_rtl_char(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


def has_rtl(text: str) -> bool:
    """True when the text holds at least one strong right-to-left letter."""
    return any(is_rtl_char(ch) for ch in text)


_EXPLICIT = frozenset(("LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"))
_NOT_ALL_RTL = frozenset(("L", "EN", "AN")) | _EXPLICIT
_NOT_ALL_LTR = frozenset(("R", "AL", "AN")) | _EXPLICIT


def _one_run(line: str, rtl_base: bool) -> bool:
    """True when the whole line resolves to the paragraph's own level (no strong letter, number
    or control of the other direction): then every neutral takes that direction too."""
    stop = _NOT_ALL_RTL if rtl_base else _NOT_ALL_LTR
    return not any(unicodedata.bidirectional(ch) in stop for ch in line)


def _is_placeholder(c: str) -> bool:
    return _AN_BASE <= ord(c) < _AN_BASE + _AN_COUNT or _EN_BASE <= ord(c) < _EN_BASE + _EN_COUNT


def protect_tokens(text: str) -> tuple[str, dict[str, str]]:
    """``text`` with each left-to-right token replaced by one placeholder, and the placeholders."""
    tokens: dict[str, str] = {}
    if any(_is_placeholder(c) for c in text):
        return text, tokens
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

    return LTR_TOKEN.sub(keep, text), tokens


@lru_cache(maxsize=16384)
def visual_runs(line: str, base_rtl: bool | None = True) -> tuple[tuple[str, bool], ...]:
    """``((text, rtl), ...)``: the runs of ``line`` from left to right, each in logical order.

    ``base_rtl``: True for Arabic paragraphs, False for left-to-right ones, None to choose from the
    first strong letter.
    """
    if not line:
        return ()
    if base_rtl is None:
        rtl_base = _uba.get_base_level(line) == 1
    else:
        rtl_base = bool(base_rtl)
    if _one_run(line, rtl_base):
        return ((line, rtl_base),)  # e.g. Arabic words and punctuation only: one run
    text, tokens = protect_tokens(line) if rtl_base else (line, {})
    storage = _uba.get_empty_storage()
    storage["base_level"] = 1 if rtl_base else 0
    storage["base_dir"] = "R" if rtl_base else "L"
    _uba.get_embedding_levels(text, storage)
    for i, ch in enumerate(storage["chars"]):
        ch["i"] = i
    _uba.explicit_embed_and_overrides(storage)
    _uba.resolve_weak_types(storage)
    _uba.resolve_neutral_types(storage, False)
    _uba.resolve_implicit_levels(storage, False)
    _uba.reorder_resolved_levels(storage, False)
    runs: list[tuple[int, list[dict]]] = []
    for ch in storage["chars"]:  # now in visual order
        if runs and runs[-1][0] == ch["level"]:
            runs[-1][1].append(ch)
        else:
            runs.append((ch["level"], [ch]))
    # rule X9 dropped the joiners and other BN characters: each goes with the character before it
    # (a leading one with the first character)
    kept = sorted(c["i"] for c in storage["chars"])
    next_kept = {a: b for a, b in zip(kept, kept[1:] + [len(text)])}
    out = []
    for level, chars in runs:
        logical = "".join(text[0 if c["i"] == kept[0] else c["i"]:next_kept[c["i"]]]
                          for c in sorted(chars, key=lambda c: c["i"]))
        if tokens:
            logical = "".join(tokens.get(c, c) for c in logical)
        out.append((logical, level % 2 == 1))
    return tuple(out)


def visual_string(line: str, base_rtl: bool | None = True) -> str:
    """The line's characters in drawing order, left to right, brackets not mirrored."""
    return "".join(text[::-1] if rtl else text for text, rtl in visual_runs(line, base_rtl))
