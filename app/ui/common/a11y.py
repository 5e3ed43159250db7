"""Accessibility helpers: every control must have a name a screen reader can say.

``controls_without_name(root)`` walks a widget tree and returns the controls whose accessible name is
empty (no ``setAccessibleName``, no buddy label, no text of their own). ``names_not_in_language``
returns controls whose name is not in the interface language (an English name on the Arabic screen).
Both engineers' tests use them on every screen in both languages.
"""
from __future__ import annotations

import re

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox, QComboBox, QHeaderView, QLabel, QLineEdit,
    QPlainTextEdit, QScrollBar, QTabBar, QTextEdit, QWidget,
)

CONTROL_TYPES = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit,
                 QPlainTextEdit, QAbstractSlider, QTabBar)
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_WORD = re.compile("[A-Za-z]{3,}")


def _is_internal(widget: QWidget) -> bool:
    """Part of a composite control: a combo box's list, a spin box's line edit, a view's header or
    scroll bars, a line edit's clear button. Widgets placed in a view's cells are not internal."""
    if isinstance(widget, (QScrollBar, QHeaderView)):
        return True
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            if child is parent.viewport() and not isinstance(widget, QHeaderView):
                return False  # an index widget: a real control in a cell
            return True
        if isinstance(parent, CONTROL_TYPES):
            return True
        child, parent = parent, parent.parentWidget()
    return False


def accessible_name(widget: QWidget) -> str:
    """What assistive technology reads: the explicit name, else Qt's (buddy label, button text)."""
    name = widget.accessibleName().strip()
    if name:
        return name
    iface = QAccessible.queryAccessibleInterface(widget)
    if iface is not None and iface.isValid():
        name = (iface.text(QAccessible.Name) or "").replace("&", "").strip()
    if not name and isinstance(widget, QLineEdit):
        name = _buddy_text(widget)
    return name


def _buddy_text(widget: QWidget) -> str:
    top = widget.window()
    for label in top.findChildren(QLabel):
        if label.buddy() is widget:
            return label.text().replace("&", "").strip()
    return ""


def controls(root: QWidget, *, visible_only: bool = False) -> list[QWidget]:
    found = [root] if isinstance(root, CONTROL_TYPES) else []
    found += [w for w in root.findChildren(QWidget) if isinstance(w, CONTROL_TYPES)]
    found = [w for w in found if not _is_internal(w)]
    if visible_only:
        found = [w for w in found if w.isVisibleTo(root)]
    return found


def controls_without_name(root: QWidget, *, visible_only: bool = False) -> list[QWidget]:
    """Controls under ``root`` (and root itself) that have no accessible name."""
    return [w for w in controls(root, visible_only=visible_only) if not accessible_name(w)]


def names_not_in_language(root: QWidget, language: str, *, visible_only: bool = False) -> list[tuple[QWidget, str]]:
    """Controls whose accessible name is not in the interface language.

    Arabic: a name must hold Arabic letters (Latin abbreviations such as MRN may appear beside them).
    English: a name must not hold Arabic letters.
    """
    wrong = []
    for w in controls(root, visible_only=visible_only):
        name = accessible_name(w)
        if not name or w.property("a11y_any_language"):
            continue
        has_arabic = bool(_ARABIC.search(name))
        if (language == "ar" and not has_arabic and _LATIN_WORD.search(name)) or (language == "en" and has_arabic):
            wrong.append((w, name))
    return wrong


def describe(widgets) -> list[str]:
    """Readable lines for a failing assertion."""
    out = []
    for item in widgets:
        w, name = item if isinstance(item, tuple) else (item, "")
        out.append(f"{type(w).__name__} objectName={w.objectName()!r} parent={type(w.parentWidget()).__name__}"
                   + (f" name={name!r}" if name else ""))
    return out
