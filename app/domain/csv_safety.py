"""Cells a spreadsheet would run as formulas ("CSV injection"), made inert.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a TAB or a carriage return (or their full-width
forms, which some spreadsheets also accept) gets a leading apostrophe, so the spreadsheet shows it as
text. Everything else is written unchanged. Applied to every cell of every exported CSV.
"""
from __future__ import annotations

from typing import Any, Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value: Any) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def safe_row(values: Iterable[Any]) -> list[str]:
    return [neutralise(v) for v in values]
