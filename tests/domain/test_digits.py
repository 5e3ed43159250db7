"""The digit policy for patient text: ASCII digits only, one system on screen and paper."""
from __future__ import annotations

from app.domain.digits import digit_problem, form_digit_problems
from tests.documents.test_record_pdf import sample_form


def test_ascii_digits_pass_and_others_are_named():
    assert digit_problem("نحو 7% إلى 10% من المرضى") is None
    assert digit_problem("نحو ٧٪ إلى ١٠٪ من المرضى") == "U+0667"
    assert digit_problem("۱۲ ساعة") == "U+06F1"
    assert digit_problem("٪") == "U+066A"


def test_a_form_is_checked_string_by_string():
    form = sample_form()
    assert form_digit_problems(form) == []
    from dataclasses import replace

    section = replace(form.sections[0], paragraphs=form.sections[0].paragraphs + ("نحو ٧٪ إلى ١٠٪",))
    bad = replace(form, sections=(section,) + form.sections[1:])
    assert form_digit_problems(bad) == [("sections[0].paragraphs[2]", "U+0667")]
