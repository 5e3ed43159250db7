"""One digit system for the text patients read: ASCII (Western Arabic) digits, on screen and paper.

Identifiers, dates (ISO), laboratory values and the record's own numbers are written with ASCII
digits, so patient-facing sentences use them too: a page never shows "٧٪ إلى ١٠٪" above "7-10%".
The form loader refuses a patient text that breaks it (``form_loader.number_style_problem``), so
the screen and the PDF, which both show the form's words, keep it too.
"""
from __future__ import annotations

import re

POLICY = "ascii"
# Arabic-Indic (U+0660-0669), Extended/Persian (U+06F0-06F9), and the Arabic percent sign, which
# belongs with them (U+066A; "%" goes with ASCII digits)
_OTHER_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9\u066a]")


def digit_problem(text: str) -> str | None:
    """The first character of ``text`` outside the policy, as ``U+XXXX``, or None."""
    m = _OTHER_DIGITS.search(text or "")
    return f"U+{ord(m.group(0)):04X}" if m else None
