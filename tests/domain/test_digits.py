"""The digit policy for patient text: ASCII digits only, one system on screen and paper."""
from __future__ import annotations

from app.domain.digits import digit_problem
from app.domain.form_loader import number_style_problem


def test_ascii_digits_pass_and_others_are_named():
    assert digit_problem("نحو 7% إلى 10% من المرضى") is None
    assert digit_problem("نحو ٧٪ إلى ١٠٪ من المرضى") == "U+0667"
    assert digit_problem("۱۲ ساعة") == "U+06F1"
    assert digit_problem("٪") == "U+066A"


def test_the_form_loader_refuses_other_digits_in_patient_text():
    assert number_style_problem("نحو 7 من كل 100 مريض") == ""
    assert "U+0667" in number_style_problem("نحو ٧ من كل ١٠٠ مريض")
    assert "من كل 100" in number_style_problem("نحو 7% من المرضى")
    assert "من كل 100" in number_style_problem("نحو ٧٪ من المرضى")
