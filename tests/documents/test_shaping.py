"""Golden comparison: the glyphs we draw are HarfBuzz's, where HarfBuzz puts them, in the PDF too.

Each paragraph holds what the issue found wrong: harakat («ويُستخدم», «يُقترح», «أُقرّ», «مُحَمَّد»),
Amiri's ligatures and contextual forms («لا إله», «الله», «للعلاج», «تخصص»), Latin and digits in
an Arabic line and brackets. Expected glyphs come from HarfBuzz itself, shaping each bidi run the
way a browser does (uharfbuzz here; the ``hb-shape`` program too where it is installed), and from
the drawn PDF read back operator by operator, glyph outlines matched to the font's own glyphs.
"""
from __future__ import annotations

import io
import json
import logging
import shutil
import struct
import subprocess

import pikepdf
import pytest
import uharfbuzz as hb
from reportlab.pdfbase.ttfonts import TTFontFile
from reportlab.pdfgen.canvas import Canvas

from app.documents import shaping
from app.documents.bidi_runs import visual_runs
from app.documents.fonts import BOLD, REGULAR, register_fonts
from app.documents.line_layout import draw_line, layout_line
from app.paths import resource_path

register_fonts()

PARAGRAPHS = [
    "ويُستخدم الإسمنت ويُقترح العلاج",
    "أُقرّ بأنني قرأتُ هذه المعلومات وأوافق",
    "مُحَمَّد لا إله إلا الله للعلاج في التخصص",
    "رأب الفقرات (PMMA) بنسبة 1-3% و INR 1.5 أو أقل",
    "رقم السجل A-55012 الرقم الطبي MRN-2026/00451 في 2026-11-28",
    "الدعامة (المشد) والعلاج الطبيعي (T12, L1) تقريباً.",
]
SIZE = 12.0


def _flatten(glyphs):
    """(gid, x, y) of every outline drawn for ``glyphs``, font units from the line's start."""
    out, pen = [], 0
    for g in glyphs:
        out += [(gid, pen + x, y) for gid, x, y in g.parts]
        pen += g.advance
    return out


def _harfbuzz(font: str, text: str, base_rtl: bool = True):
    """The same line shaped run by run by HarfBuzz directly: (gid, x, y), left to right."""
    f = hb.Font(hb.Face(hb.Blob.from_file_path(str(shaping.face(font).path))))
    out, pen = [], 0
    for run, rtl in visual_runs(text, base_rtl):
        buf = hb.Buffer()
        buf.add_str(run)
        buf.guess_segment_properties()
        buf.direction = "rtl" if rtl else "ltr"
        buf.flags = hb.BufferFlags.REMOVE_DEFAULT_IGNORABLES
        hb.shape(f, buf)
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
            out.append((info.codepoint, pen + pos.x_offset, pos.y_offset))
            pen += pos.x_advance
    return out


@pytest.mark.parametrize("font", [REGULAR, BOLD])
@pytest.mark.parametrize("text", PARAGRAPHS)
def test_line_glyphs_and_positions_are_harfbuzz_s(text, font):
    assert _flatten(layout_line(text, font, True).glyphs) == _harfbuzz(font, text)


@pytest.mark.skipif(not shutil.which("hb-shape"), reason="hb-shape (Debian: libharfbuzz-bin) not installed")
@pytest.mark.parametrize("text", PARAGRAPHS)
def test_line_glyphs_match_the_hb_shape_program(text):
    """HarfBuzz's own command line tool, a separate build of the library, agrees glyph for glyph."""
    expected, pen = [], 0
    for run, rtl in visual_runs(text, True):
        args = ["hb-shape", "--font-file", str(resource_path("fonts", "Amiri-Regular.ttf")),
                "--direction", "rtl" if rtl else "ltr", "--output-format", "json", "--no-glyph-names",
                "--", run]
        for g in json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout):
            expected.append((g["g"], pen + g["dx"], g["dy"]))
            pen += g["ax"]
    assert _flatten(layout_line(text, REGULAR, True).glyphs) == expected


def test_each_glyph_stands_for_its_own_letters():
    """Read left to right, the glyphs' texts spell the line's visual string: every letter and mark
    once, no presentation forms, marks next to their letters."""
    for text in PARAGRAPHS:
        glyphs = layout_line(text, REGULAR, True).glyphs
        visual = "".join(g.text for g in glyphs)
        assert sorted(visual) == sorted(text)
        assert all(g.text for g in glyphs)
        assert not any("\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff" for ch in visual)


def test_a_ligature_stands_for_all_its_letters():
    # Amiri draws lam-alef as two contextual glyphs; its Latin "fi" is one glyph for two letters
    glyphs = layout_line("certification", REGULAR, False).glyphs
    name = shaping.face(REGULAR).hb_font.glyph_to_string
    fi = [g for g in glyphs if name(g.gid) == "f_i"]
    assert len(fi) == 1 and fi[0].text == "fi"
    assert "".join(g.text for g in glyphs) == "certification"


def test_shaping_is_cached_per_font_and_run():
    shaping._shape_cached.cache_clear()
    shaping.shape_run(REGULAR, "مُحَمَّد", True)
    shaping.shape_run(REGULAR, "مُحَمَّد", True)
    shaping.shape_run(BOLD, "مُحَمَّد", True)
    info = shaping._shape_cached.cache_info()
    assert (info.hits, info.misses) == (1, 2)


# -- the PDF itself ----------------------------------------------------------------------------------
def _line_pdf(text: str, font: str = REGULAR) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, initialFontName=REGULAR)
    draw_line(c, layout_line(text, font, True), font, SIZE, 50, 700)
    c.showPage()
    c.save()
    return buf.getvalue()


def _original_font(font: str):
    ttf = TTFontFile(str(shaping.face(font).path), validate=False)
    return ttf.get_table("glyf"), ttf.glyphPos


def _drawn_outlines(pdf: bytes):
    """(outline data, x, y in points) of every simple outline the page draws."""
    doc = pikepdf.open(io.BytesIO(pdf))
    page = doc.pages[0]
    fonts = page.Resources.Font
    found = []
    for operands, op in pikepdf.parse_content_stream(page):
        if op == pikepdf.Operator("Tf"):
            font = fonts[operands[0]]
            cid = font.DescendantFonts[0]
            size = float(operands[1])
            w = cid.W
            widths = {int(w[0]) + i: float(v) for i, v in enumerate(w[1])}
            to_gid = cid.CIDToGIDMap.read_bytes()
            program = cid.FontDescriptor.FontFile2.read_bytes()
            sub = TTFontFile(io.BytesIO(program), validate=False)
            glyf = sub.get_table("glyf")
        elif op == pikepdf.Operator("Tm"):
            x, y = float(operands[4]), float(operands[5])
        elif op == pikepdf.Operator("TJ"):
            for item in operands[0]:
                if isinstance(item, pikepdf.String):
                    raw = bytes(item)
                    for k in range(0, len(raw), 2):
                        code = struct.unpack(">H", raw[k:k + 2])[0]
                        gid = struct.unpack(">H", to_gid[2 * code:2 * code + 2])[0]
                        found += _components(glyf, sub.glyphPos, gid, x, y, size)
                        x += widths[code] * size / 1000.0
                else:
                    x -= float(item) * size / 1000.0
    return found


def _components(glyf, pos, gid, x, y, size):
    """The simple outlines of glyph ``gid`` with where they land (offsets only: no scaled parts)."""
    data = glyf[pos[gid]:pos[gid + 1]]
    if not data:
        return []
    if struct.unpack(">h", data[:2])[0] >= 0:
        return [(data, x, y)]
    out, p, more = [], 10, True
    while more:
        flags, comp = struct.unpack(">HH", data[p:p + 4])
        if flags & 0x0001:
            dx, dy = struct.unpack(">hh", data[p + 4:p + 8])
            p += 8
        else:
            dx, dy = struct.unpack(">bb", data[p + 4:p + 6])
            p += 6
        assert flags & 0x0002 and not flags & 0x00C8  # x/y offsets, no scaling
        out += _components(glyf, pos, comp, x + dx * size / 1000.0, y + dy * size / 1000.0, size)
        more = bool(flags & 0x0020)
    return out


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_pdf_draws_each_outline_where_harfbuzz_puts_it(text):
    """Every outline on the page (composites of the subset taken apart) is the one HarfBuzz chose,
    at HarfBuzz's position: marks on their letters, kerning and cursive offsets kept."""
    glyf, pos = _original_font(REGULAR)
    expected = []
    for gid, gx, gy in _harfbuzz(REGULAR, text):
        expected += _components(glyf, pos, gid, 50 + gx * SIZE / 1000.0, 700 + gy * SIZE / 1000.0, SIZE)
    drawn = _drawn_outlines(_line_pdf(text))
    assert len(drawn) == len(expected)
    for (data, x, y), (want, ex, ey) in zip(drawn, expected):
        assert data.startswith(want) and not data[len(want):].strip(b"\0")  # the same outline (+ padding)
        assert x == pytest.approx(ex, abs=0.01) and y == pytest.approx(ey, abs=0.01)


# -- without HarfBuzz --------------------------------------------------------------------------------
@pytest.fixture
def fallback(monkeypatch):
    monkeypatch.setattr(shaping, "_warned", False)
    shaping.use_fallback(True)
    yield
    shaping.use_fallback(False)


def test_fallback_shapes_with_presentation_forms_and_says_so(fallback, caplog):
    with caplog.at_level(logging.WARNING, logger="app.documents.shaping"):
        glyphs = shaping.shape_run(REGULAR, "لا إله إلا مُحمد", True).glyphs
        shaping.shape_run(REGULAR, "سطر آخر", True)
    assert [r.message for r in caplog.records].count(caplog.records[0].message) == 1
    assert "uharfbuzz" in caplog.records[0].message
    face = shaping.face(REGULAR)
    lam_alef = face.cmap[0xFEFB]
    assert lam_alef in [g.gid for g in glyphs]
    # the text behind the glyphs is still real letters, in visual order
    assert "".join(g.text for g in glyphs) == "دمحُم الإ هلإ ال"


def test_fallback_pdf_still_extracts_real_letters(fallback):
    from pdfminer.high_level import extract_text

    text = extract_text(io.BytesIO(_line_pdf("ويُستخدم الإسمنت لا")))
    assert "ال تنمسإلا مدختسُيو" in text  # visual order, real letters
    assert not any("\ufb50" <= ch <= "\ufeff" for ch in text)
