"""Logical text -> lines: wrapping in logical order, bidi runs in reading order, no-break rules."""
from __future__ import annotations

import pytest

from app.documents.arabic_text import (NBSP, has_rtl, keep_together, visual_lines, visual_to_logical,
                                       wrap_lines, wrap_logical)
from app.documents.bidi_runs import visual_runs, visual_string
from app.documents.fonts import BOLD, REGULAR, register_fonts
from app.documents.line_layout import layout_line, text_width
from app.documents.shaping import face

register_fonts()

PARAGRAPH = ("يُحقن إسمنتٌ طبيٌّ (PMMA) داخل جسم الفقرة المكسورة عبر إبرة رفيعة بتوجيه الأشعة لتثبيت الكسر "
             "وتخفيف الألم، ويجب أن تكون نسبة INR 1.5 أو أقل، ونسبة المضاعفات 1-3% تقريباً، والموعد "
             "2026-11-28 في المستويين (T12, L1) والبصمة 3fa9c0de12ab34 محفوظة.")


def test_register_fonts_is_idempotent():
    assert register_fonts() == (REGULAR, BOLD)
    assert register_fonts() == (REGULAR, BOLD)


def test_wrapping_keeps_logical_order_and_fits():
    lines = wrap_logical(PARAGRAPH, REGULAR, 11, 150)
    assert len(lines) > 3
    assert " ".join(lines).replace(NBSP, " ").split() == PARAGRAPH.split()  # top to bottom = logical order
    assert all(text_width(line, REGULAR, 11) <= 150 + 0.01 for line in lines)


def test_only_the_last_line_of_a_paragraph_ends_it():
    lines = wrap_lines("سطر أول طويل بما يكفي ليلتف على عدة أسطر هنا\nسطر ثان", REGULAR, 11, 80)
    ends = [end for _line, end in lines]
    assert ends[-1] and ends.count(True) == 2 and not ends[0]


def test_each_line_reordered_on_its_own():
    visual = visual_lines(PARAGRAPH, REGULAR, 11, 150)
    logical = wrap_logical(PARAGRAPH, REGULAR, 11, 150)
    assert len(visual) == len(logical)
    for v, line in zip(visual, logical):
        assert visual_to_logical(v) == line.replace(NBSP, " ")


@pytest.mark.parametrize("logical, ltr_run", [
    ("يُحقن الإسمنت (PMMA) في الفقرة", "(PMMA)"),
    ("في المستويين (T12, L1)", "(T12, L1)"),
    ("نسبة INR 1.5 أو أقل", "INR 1.5"),
    ("نسبة المضاعفات 1-3% تقريباً", "1-3%"),
    ("الموعد 2026-11-28 الساعة 10:15", "2026-11-28"),
    ("البصمة 3fa9c0de12ab34 محفوظة", "3fa9c0de12ab34"),
    ("رقم السجل A-55012 الرقم الطبي MRN-2026/00451", "MRN-2026/00451"),
])
def test_mixed_tokens_are_left_to_right_runs_in_reading_order(logical, ltr_run):
    runs = visual_runs(logical)
    assert any(not rtl and ltr_run in text for text, rtl in runs)
    # the first logical word is drawn rightmost
    assert runs[-1][1] and runs[-1][0].startswith(logical.split()[0])
    assert visual_to_logical(visual_string(logical)) == logical


def test_brackets_in_arabic_runs_are_not_mirrored_in_the_text():
    # HarfBuzz draws the mirrored glyph; the text the glyph stands for stays the logical bracket
    assert visual_string("الدعامة (المشد)") == ")دشملا( ةماعدلا"


def test_latin_only_text_is_one_left_to_right_run():
    assert not has_rtl("Fatimah Ali (MRN-1)")
    assert visual_runs("Fatimah Ali (MRN-1)", None) == (("Fatimah Ali (MRN-1)", False),)


def test_overlong_word_is_cut_and_keeps_its_joining():
    word = "مستشفىالملكفهدالتخصصيالجامعي"
    lines = wrap_logical(word, REGULAR, 11, 40)
    assert len(lines) > 1
    assert "".join(lines).replace("\u200d", "") == word
    name = face(REGULAR).hb_font.glyph_to_string
    for k, line in enumerate(lines):
        glyphs = layout_line(line, REGULAR).glyphs
        if k + 1 < len(lines):  # joins to the next piece: its leftmost letter is not a final form
            assert any(form in name(glyphs[0].gid) for form in (".medi", ".init")), name(glyphs[0].gid)
        if k > 0:  # joins to the previous piece: its rightmost letter is not an initial form
            assert any(form in name(glyphs[-1].gid) for form in (".medi", ".fina")), name(glyphs[-1].gid)


@pytest.mark.parametrize("text, bound", [
    ("يُحقن إسمنت طبي (PMMA). في", "طبي" + NBSP + "(PMMA)."),
    ("في المستويين (T12, L1) تقريباً", "المستويين" + NBSP + "(T12," + NBSP + "L1)"),
    ("2026-12-04 17:51 (24 جمادى الآخرة 1448 هـ)", "2026-12-04" + NBSP + "17:51"),
    ("2026-12-04 17:51 (24 جمادى الآخرة 1448 هـ)", NBSP.join(["(24", "جمادى", "الآخرة", "1448", "هـ)"])),
])
def test_no_break_spaces_where_a_line_must_not_break(text, bound):
    assert bound in keep_together(text)


def test_arabic_brackets_and_plain_words_still_break():
    assert keep_together("الدعامة (المشد) هنا") == "الدعامة (المشد) هنا"


def test_an_abbreviation_never_ends_up_alone_on_a_line():
    text = "يُحقن في الفقرة المكسورة إسمنت طبي (PMMA)."
    for width in range(60, 260, 4):
        for line in wrap_logical(text, REGULAR, 11, width):
            assert line.replace(NBSP, " ") != "(PMMA)."


def test_a_hijri_date_is_never_broken():
    text = "أقرّ بالاطلاع عليه: المريض · 2026-12-04 17:51 (24 جمادى الآخرة 1448 هـ)"
    for width in range(90, 300, 5):
        for line in wrap_logical(text, REGULAR, 8.5, width):
            assert not line.endswith("جمادى") and not line.startswith("الآخرة")


def test_an_identifier_too_long_for_its_cell_is_cut_after_a_separator():
    lines = wrap_logical("MRN-2026/00451-ABCDEFGHIJKL", REGULAR, 8.5, 70)
    assert len(lines) > 1 and "".join(lines) == "MRN-2026/00451-ABCDEFGHIJKL"
    assert all(line[-1] in "-/" for line in lines[:-1]), lines
