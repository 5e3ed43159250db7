"""Shaping one directional run of text into positioned glyphs (HarfBuzz; arabic-reshaper fallback).

A *run* is a piece of one line with a single direction (the bidi algorithm cuts lines into runs,
see :mod:`bidi_runs`). :func:`shape_run` gives its glyphs left to right, as drawn, with HarfBuzz's
advances and offsets in font units (Amiri: 1000 a em), so marks sit where the font's GPOS anchors
put them and Amiri's ligatures, contextual forms and kerning apply, exactly as a browser shapes
the same run. Results are cached per (font, run, direction).

Each glyph also carries the text it stands for, for the PDF's ToUnicode map (see :mod:`cid_font`),
in *visual* order: reversed for a right-to-left run. Read left to right, the glyph texts of a line
then spell the line's visual string, which is what PDF text extractors expect (pdftotext, pdfium
and browsers turn right-to-left stretches back to reading order themselves). Marks keep their own
clusters (HarfBuzz's "monotone characters" level), so a mark glyph stands for its own haraka; a
ligature stands for all its letters; a glyph HarfBuzz adds without a letter of its own (Amiri's
kashida in "لك") is drawn as one glyph with its neighbour, so no drawn glyph is without text.

Where ``uharfbuzz`` cannot be imported the run is shaped with arabic-reshaper (presentation forms,
lam-alef only, marks drawn at the origin of their base) and a warning is logged once.
"""
from __future__ import annotations

import logging
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from app.paths import resource_path

log = logging.getLogger(__name__)

try:  # pragma: no branch - which branch runs depends on the machine
    import uharfbuzz as _hb
except ImportError:  # pragma: no cover - exercised by forcing the fallback in tests
    _hb = None

FONT_FILES = {"Amiri": "Amiri-Regular.ttf", "Amiri-Bold": "Amiri-Bold.ttf"}
NBSP = "\u00a0"
_NARROW_NBSP = "\u202f"


@dataclass(frozen=True)
class Glyph:
    """One drawn glyph: its outline(s) placed from the pen, its pen advance (font units), its text.

    ``parts`` is ``((gid, x, y), ...)``; more than one part when HarfBuzz gave a cluster a glyph
    that stands for no character of its own (Amiri's kashida after a lam, "لك"): it is drawn
    together with its neighbour as one glyph, so that every drawn glyph carries some text.
    """

    parts: tuple[tuple[int, int, int], ...]
    advance: int
    text: str  # visual order
    mark: bool

    @property
    def gid(self) -> int:
        return self.parts[0][0]


@dataclass(frozen=True)
class ShapedRun:
    glyphs: tuple[Glyph, ...]
    advance: int  # sum of the advances, font units
    spaces: tuple[int, ...]  # indices of space glyphs (where justification adds room)


class _Face:
    """The font data HarfBuzz and the PDF embedding share: bytes, cmap, advances, units per em."""

    def __init__(self, name: str) -> None:
        from reportlab.pdfbase.ttfonts import TTFontFile

        self.name = name
        self.path = resource_path("fonts", FONT_FILES[name])
        self.data = self.path.read_bytes()
        ttf = TTFontFile(str(self.path), charInfo=True, validate=False)
        self.ttf = ttf
        self.upem = ttf.unitsPerEm
        self.cmap: dict[int, int] = dict(ttf.charToGlyph)
        self.advances = [int(aw) for aw, _lsb in ttf.hmetrics]
        self.reverse_cmap: dict[int, str] = {}
        for code, gid in sorted(self.cmap.items(), reverse=True):  # lowest code point wins
            self.reverse_cmap[gid] = chr(code)
        self.hb_font = None
        self.hb_face = None
        self._marks: dict[int, bool] = {}
        if _hb is not None:
            self.hb_face = _hb.Face(_hb.Blob(self.data))
            self.hb_font = _hb.Font(self.hb_face)  # scale = units per em

    def advance(self, gid: int) -> int:
        return self.advances[gid] if gid < len(self.advances) else self.advances[-1]

    def is_mark(self, gid: int) -> bool:
        mark = self._marks.get(gid)
        if mark is None:
            if self.hb_face is not None:
                if hasattr(self.hb_face, "get_layout_glyph_class"):
                    glyph_class = self.hb_face.get_layout_glyph_class(gid)
                else:  # older uharfbuzz
                    glyph_class = _hb.ot_layout_get_glyph_class(self.hb_face, gid)
                mark = glyph_class == _hb.OTLayoutGlyphClass.MARK
            else:
                ch = self.reverse_cmap.get(gid)
                mark = ch is not None and unicodedata.category(ch) == "Mn"
            self._marks[gid] = mark
        return mark


_faces: dict[str, _Face] = {}
_faces_lock = threading.Lock()
_warned = False


def face(name: str) -> _Face:
    """The shared face of one of our fonts (``Amiri`` or ``Amiri-Bold``), loaded once."""
    f = _faces.get(name)
    if f is None:
        with _faces_lock:
            f = _faces.get(name)
            if f is None:
                if name not in FONT_FILES:
                    raise KeyError(f"no shaping face for font {name!r}")
                f = _faces[name] = _Face(name)
    return f


def harfbuzz_available() -> bool:
    return _hb is not None and not _force_fallback


_force_fallback = False


def use_fallback(on: bool) -> None:
    """Shape with arabic-reshaper even where HarfBuzz is installed (tests of the fallback path)."""
    global _force_fallback
    _force_fallback = bool(on)


def shape_run(font: str, text: str, rtl: bool) -> ShapedRun:
    """The glyphs of one directional run, left to right (cached)."""
    return _shape_cached(font, text, bool(rtl), harfbuzz_available())


@lru_cache(maxsize=32768)
def _shape_cached(font: str, text: str, rtl: bool, harfbuzz: bool) -> ShapedRun:
    f = face(font)
    if harfbuzz:
        glyphs = _shape_harfbuzz(f, text, rtl)
    else:
        _warn_fallback()
        glyphs = _shape_reshaper(f, text, rtl)
    spaces = tuple(i for i, g in enumerate(glyphs) if g.text == " ")
    return ShapedRun(tuple(glyphs), sum(g.advance for g in glyphs), spaces)


def _warn_fallback() -> None:
    global _warned
    if not _warned:
        _warned = True
        log.warning("uharfbuzz is not available: Arabic in PDFs is shaped with arabic-reshaper "
                    "(no mark positioning, ligatures or kerning); install uharfbuzz")


_INVISIBLE = frozenset("\u200c\u200d\u200e\u200f\u2060\ufeff")


def _extract_text(ch: str) -> str:
    """What a glyph of ``ch`` gives back to a text extractor: no-break spaces as plain spaces,
    nothing for joiners and direction marks."""
    if ch in _INVISIBLE:
        return ""
    return " " if ch in (NBSP, _NARROW_NBSP) else ch


def _unpresent(ch: str) -> str:
    """A presentation form (or lam-alef ligature) back to the letters it shows."""
    if "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff":
        return unicodedata.normalize("NFKC", ch)
    return ch


def _shape_harfbuzz(f: _Face, text: str, rtl: bool) -> list[Glyph]:
    buf = _hb.Buffer()
    buf.add_codepoints([ord(c) for c in text])
    buf.direction = "rtl" if rtl else "ltr"
    if rtl:
        buf.script = "Arab"
        buf.language = "ar"
    else:
        buf.guess_segment_properties()
    # marks keep their own clusters, so each can carry its own letter; joiners (ZWJ at the cut of
    # an overlong word) shape but leave no glyph
    buf.cluster_level = _hb.BufferClusterLevel.MONOTONE_CHARACTERS
    buf.flags = _hb.BufferFlags.REMOVE_DEFAULT_IGNORABLES
    _hb.shape(f.hb_font, buf)
    infos = buf.glyph_infos
    positions = buf.glyph_positions
    labels = _cluster_labels(f, text, [i.cluster for i in infos], [i.codepoint for i in infos], rtl)
    marks = f._marks
    glyphs = [Glyph(((info.codepoint, pos.x_offset, pos.y_offset),), pos.x_advance, label,
                    marks[info.codepoint] if info.codepoint in marks else f.is_mark(info.codepoint))
              for info, pos, label in zip(infos, positions, labels)]
    return _merge_unlabelled(glyphs, [i.cluster for i in infos])


def _merge_unlabelled(glyphs: list[Glyph], clusters: list[int]) -> list[Glyph]:
    """Fold each glyph without text into its neighbour of the same cluster (left, else right)."""
    out: list[Glyph] = []
    out_cluster: list[int] = []
    carry: Glyph | None = None  # an unlabelled glyph waiting for the next one of its cluster
    carry_cluster = -1
    for g, c in zip(glyphs, clusters):
        if carry is not None:
            if c == carry_cluster:
                g = _join(carry, g)
            else:
                out.append(carry)  # nothing to join (cannot happen with a labelled carrier)
                out_cluster.append(carry_cluster)
            carry = None
        if g.text:
            out.append(g)
            out_cluster.append(c)
        elif out and out_cluster[-1] == c:
            out[-1] = _join(out[-1], g)
        else:
            carry, carry_cluster = g, c
    if carry is not None:
        out.append(carry)
    return out


def _join(left: Glyph, right: Glyph) -> Glyph:
    shifted = tuple((gid, x + left.advance, y) for gid, x, y in right.parts)
    return Glyph(left.parts + shifted, left.advance + right.advance, left.text + right.text,
                 left.mark and right.mark)


def _cluster_labels(f: _Face, text: str, clusters: list[int], gids: list[int], rtl: bool) -> list[str]:
    """The text each glyph stands for (visual order), every character given to exactly one glyph.

    Within a cluster a glyph whose own character (by the font's cmap) is among the cluster's
    takes it (a mark); the rest goes to the first spacing glyph, left to right.
    """
    starts = sorted(set(clusters))
    end_of = {c: (starts[k + 1] if k + 1 < len(starts) else len(text)) for k, c in enumerate(starts)}
    members: dict[int, list[int]] = {}
    for i, c in enumerate(clusters):
        members.setdefault(c, []).append(i)
    labels = [""] * len(gids)
    for c, idx in members.items():
        if len(idx) == 1:  # the usual case: one glyph for its character(s)
            chars = "".join(_extract_text(ch) for ch in text[c:end_of[c]])
            labels[idx[0]] = chars[::-1] if rtl else chars
            continue
        chars = list(text[c:end_of[c]])
        if len(idx) > 1:
            for i in idx:
                own = f.reverse_cmap.get(gids[i])
                if own is not None and own in chars and len(chars) > 1:
                    chars.remove(own)
                    labels[i] = _extract_text(own)
        carrier = next((i for i in idx if not labels[i] and not f.is_mark(gids[i])),
                       next((i for i in idx if not labels[i]), idx[0]))
        rest = "".join(_extract_text(ch) for ch in chars)
        labels[carrier] = (rest[::-1] + labels[carrier]) if rtl else (labels[carrier] + rest)
    return labels


def _shape_reshaper(f: _Face, text: str, rtl: bool) -> list[Glyph]:
    """Presentation forms from arabic-reshaper, drawn with the font's own advances.

    Marks are drawn at the origin of their base (Amiri's marks, unpositioned, look least wrong
    there), as one glyph with it.
    """
    from .arabic_text import reshape_presentation_forms

    shaped = reshape_presentation_forms(text) if rtl else text
    # group each base with the marks that follow it (logical order), then order the groups
    groups: list[list[str]] = []
    for ch in shaped:
        if groups and unicodedata.category(ch) == "Mn":
            groups[-1].append(ch)
        else:
            groups.append([ch])
    if rtl:
        groups.reverse()
    out: list[Glyph] = []
    for group in groups:
        base, marks = group[0], group[1:]
        logical = "".join(_extract_text(_unpresent(ch)) for ch in group)
        label = logical[::-1] if rtl else logical
        base_gid = f.cmap.get(ord(base), f.cmap.get(0x20, 0) if base in (NBSP, _NARROW_NBSP) else 0)
        # the marks drawn at the base's origin, one glyph with the base (it carries their letters)
        parts = tuple((f.cmap.get(ord(m), 0), 0, 0) for m in marks if f.cmap.get(ord(m)))
        out.append(Glyph(((base_gid, 0, 0),) + parts, f.advance(base_gid), label, False))
    return out
