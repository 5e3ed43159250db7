"""One digit system for the text patients read: ASCII (Western Arabic) digits, on screen and paper.

Identifiers, dates (ISO), laboratory values and the record's own numbers are written with ASCII
digits, so patient-facing sentences use them too: a page never shows "٧٪ إلى ١٠٪" above "7-10%".
:func:`form_digit_problems` lists every string of a form that breaks the policy, for the form
loader to refuse (the loader is not wired to it yet: the forms are being rewritten elsewhere).
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any, Iterator

POLICY = "ascii"
# Arabic-Indic (U+0660-0669), Extended/Persian (U+06F0-06F9), and the Arabic percent sign, which
# belongs with them (U+066A; "%" goes with ASCII digits)
_OTHER_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9\u066a]")


def digit_problem(text: str) -> str | None:
    """The first character of ``text`` outside the policy, as ``U+XXXX``, or None."""
    m = _OTHER_DIGITS.search(text or "")
    return f"U+{ord(m.group(0)):04X}" if m else None


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name), f"{path}.{field.name}" if path else field.name)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}[{key}]")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")


def form_digit_problems(form: Any) -> list[tuple[str, str]]:
    """``(where, character)`` for each string of ``form`` (a ``Form`` or any nest of dataclasses,
    dicts and lists) holding a digit outside the policy; empty when the form keeps it."""
    out = []
    for where, text in _strings(form, ""):
        bad = digit_problem(text)
        if bad:
            out.append((where, bad))
    return out
