"""ISO dates that read left to right inside a right-to-left interface.

A date such as 2026-09-23 holds no strong character, so in an Arabic window Qt lays it out right to
left and shows 23-09-2026. A left-to-right mark at the start of the display format gives the text
its own direction; it must be set after the widgets' direction, or Qt keeps the old layout.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateTimeEdit

LRM = "\u200e"


def make_iso(edit: QDateTimeEdit, with_time: bool = False) -> QDateTimeEdit:
    edit.setLayoutDirection(Qt.LeftToRight)
    edit.lineEdit().setLayoutDirection(Qt.LeftToRight)
    edit.setDisplayFormat(LRM + ("yyyy-MM-dd HH:mm" if with_time else "yyyy-MM-dd"))
    return edit
