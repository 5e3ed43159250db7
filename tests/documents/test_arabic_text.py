"""Logical text -> drawable lines: wrapping in logical order, reading order, harakat kept."""
from __future__ import annotations

import unicodedata

import pytest

from app.documents.arabic_text import (has_rtl, shape, to_visual_line, visual_lines, visual_to_logical,
                                       wrap_logical)
from app.documents.fonts import BOLD, REGULAR, register_fonts

register_fonts()

PARAGRAPH = ("يُحقن إسمنتٌ طبيٌّ (PMMA) داخل جسم الفقرة المكسورة عبر إبرة رفيعة بتوجيه الأشعة لتثبيت الكسر "
             "وتخفيف الألم، ويجب أن تكون نسبة INR 1.5 أو أقل، ونسبة المضاعفات 1-3% تقريباً، والموعد "
             "2026-11-28 في المستويين (T12, L1) والبصمة 3fa9c0de12ab34 محفوظة.")


def test_register_fonts_is_idempotent():
    assert register_fonts() == (REGULAR, BOLD)
    assert register_fonts() == (REGULAR, BOLD)


def test_wrapping_keeps_logical_order():
    lines = wrap_logical(PARAGRAPH, REGULAR, 11, 150)
    assert len(lines) > 3
    assert " ".join(lines).split() == PARAGRAPH.split()  # top to bottom = logical order
    from reportlab.pdfbase.pdfmetrics import stringWidth
    assert all(stringWidth(shape(l), REGULAR, 11) <= 150 + 0.01 for l in lines)


def test_each_line_reordered_on_its_own():
    visual = visual_lines(PARAGRAPH, REGULAR, 11, 150)
    logical = wrap_logical(PARAGRAPH, REGULAR, 11, 150)
    assert len(visual) == len(logical)
    for v, l in zip(visual, logical):
        assert visual_to_logical(v) == l


def test_joining_does_not_depend_on_line_breaks():
    whole = shape(PARAGRAPH).split()
    pieces = [w for line in wrap_logical(PARAGRAPH, REGULAR, 11, 120) for w in shape(line).split()]
    assert pieces == whole


@pytest.mark.parametrize("logical, visual_part", [
    ("يُحقن الإسمنت (PMMA) في الفقرة", "(PMMA)"),
    ("في المستويين (T12, L1)", "(T12, L1)"),
    ("نسبة INR 1.5 أو أقل", "INR 1.5"),
    ("نسبة المضاعفات 1-3% تقريباً", "1-3%"),
    ("الموعد 2026-11-28 الساعة 10:15", "2026-11-28"),
    ("البصمة 3fa9c0de12ab34 محفوظة", "3fa9c0de12ab34"),
])
def test_mixed_tokens_in_reading_order(logical, visual_part):
    visual = to_visual_line(logical)
    assert visual_part in visual  # Latin, digits and brackets read left to right, brackets not flipped
    # the Arabic words run right to left: the first logical word is drawn rightmost
    first = logical.split()[0]
    assert visual.endswith(to_visual_line(first))
    assert visual_to_logical(visual) == logical


def test_arabic_percent_and_digits_kept_as_given():
    visual = to_visual_line("نسبة ٣٠٪")
    assert "٣٠" in visual and "٪" in visual
    assert "30" not in visual


def test_latin_only_text_is_left_to_right():
    assert not has_rtl("Fatimah Ali (MRN-1)")
    assert to_visual_line("Fatimah Ali (MRN-1)", base_rtl=None) == "Fatimah Ali (MRN-1)"


def test_diacritics_kept_and_drawn_on_their_base():
    text = "شَدَّة مُعَالَجَة"
    visual = to_visual_line(text)
    marks = [c for c in text if unicodedata.category(c) == "Mn"]
    assert sorted(c for c in visual if unicodedata.category(c) == "Mn") == sorted(marks)
    # Amiri's zero-width marks sit on the glyph drawn right after them (no GPOS in ReportLab):
    # every run of marks is immediately followed by an Arabic letter, its base
    for i, c in enumerate(visual):
        if unicodedata.category(c) == "Mn":
            j = i + 1
            while unicodedata.category(visual[j]) == "Mn":
                j += 1
            assert unicodedata.bidirectional(visual[j]) == "AL", (i, visual)
    assert visual_to_logical(visual) == unicodedata.normalize("NFKC", text)


def test_lam_alef_ligature_expands_back():
    visual = to_visual_line("لا إله")
    assert "\ufefb" in visual or "\ufefc" in visual
    assert visual_to_logical(visual) == "لا إله"


def test_overlong_word_is_cut_and_keeps_its_joining():
    word = "مستشفىالملكفهدالتخصصيالجامعي"
    lines = wrap_logical(word, REGULAR, 11, 40)
    assert len(lines) > 1
    joined = "".join(shape(l) for l in lines)
    assert joined == shape(word)
