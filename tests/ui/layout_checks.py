"""Is a screen usable at a given size? Every control the person can see is whole (not cut by the window,
by a box around it or by its own text), a scrolling area never hides a control sideways, and the row of
actions stays in view without scrolling.

The sizes are the screens of the hospitals' desks and tablets, less a title bar and a task bar (80 px)
for windows; the patient screen is full screen. A 1920x1080 tablet at 150% scaling is 1280x720 for Qt.

Set DESK_SHOTS=/some/folder to keep a picture of every screen at every size (and look at them).
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractScrollArea, QAbstractSpinBox, QApplication, QCheckBox, QComboBox, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QRadioButton, QScrollBar, QTabBar, QTextEdit, QToolButton, QWidget,
)

SCREENS = {"1024x768": QSize(1024, 768), "1280x720": QSize(1280, 720), "1920x1080": QSize(1920, 1080)}
TITLE_AND_TASK_BAR = 80
WINDOWS = {name: QSize(s.width(), s.height() - TITLE_AND_TASK_BAR) for name, s in SCREENS.items()}
SHOTS = os.environ.get("DESK_SHOTS")

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QTextEdit, QPlainTextEdit, QTabBar)


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _rect_in(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


def _internal(widget: QWidget) -> bool:
    """Parts of a composite control (a combo box's arrow, a spin box's editor, a view's scroll bar)."""
    if isinstance(widget, QScrollBar):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QLineEdit, QTabBar)):
            return True
        if isinstance(parent, QAbstractScrollArea) and widget is not parent and \
                not parent.viewport().isAncestorOf(widget):
            return True  # the scroll area's own bars and corner
        parent = parent.parentWidget()
    return False


def _scroll_viewport(widget: QWidget, top: QWidget) -> QWidget | None:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return parent
        parent = grand
    return None


def _text_cut(widget: QWidget) -> bool:
    if isinstance(widget, QTabBar):  # a tab hidden behind the scroll arrows
        return widget.width() + 1 < sum(widget.tabSizeHint(i).width() for i in range(widget.count()))
    if isinstance(widget, QPushButton | QToolButton) and widget.text():
        return widget.width() + 1 < widget.sizeHint().width()
    if isinstance(widget, QCheckBox | QRadioButton) and widget.text():
        if widget.hasHeightForWidth():
            return widget.height() + 1 < widget.heightForWidth(widget.width())
        return widget.width() + 1 < widget.sizeHint().width()
    return False


def overlaps(top: QWidget) -> list[str]:
    """Words or controls drawn over one another (a label over the next field, buttons over buttons)."""
    found = []
    parents = {w.parentWidget() for w in top.findChildren(QWidget)}
    for parent in parents:
        if parent is None or not parent.isVisible():
            continue
        kids = [w for w in parent.children() if isinstance(w, QWidget) and not w.isWindow() and w.isVisible()
                and isinstance(w, (*CONTROLS, QLabel)) and not _internal(w)]
        for i, a in enumerate(kids):
            for b in kids[i + 1:]:
                shared = a.geometry().intersected(b.geometry())
                if shared.width() > 2 and shared.height() > 2:
                    found.append(f"{type(a).__name__}({_words(a)!r}) overlaps {type(b).__name__}({_words(b)!r})")
    return found


def _words(w: QWidget) -> str:
    text = w.text() if hasattr(type(w), "text") and callable(getattr(w, "text", None)) else ""
    return (text or w.accessibleName())[:30]


def problems(top: QWidget) -> list[str]:
    """What a person would find cut or out of reach in ``top`` as it is laid out now."""
    found = overlaps(top)
    whole = top.rect()
    for w in top.findChildren(QWidget):
        if w.isWindow() or not w.isVisible() or not isinstance(w, CONTROLS) or _internal(w):
            continue
        rect = _rect_in(w, top)
        name = f"{type(w).__name__}({(getattr(w, 'text', lambda: '')() or w.accessibleName())[:40]!r})"
        viewport = _scroll_viewport(w, top)
        if viewport is not None:
            port = _rect_in(viewport, top)
            if rect.left() < port.left() - 1 or rect.right() > port.right() + 1:
                found.append(f"{name} lies sideways outside its scrolling area {rect} / {port}")
        else:
            parent = w.parentWidget()
            while parent is not None and parent is not top:
                if not _rect_in(parent, top).adjusted(-1, -1, 1, 1).contains(rect):
                    found.append(f"{name} is cut by {type(parent).__name__} {rect} / {_rect_in(parent, top)}")
                    break
                parent = parent.parentWidget()
            if not whole.adjusted(-1, -1, 1, 1).contains(rect):
                found.append(f"{name} lies outside the window {rect} / {whole}")
        if _text_cut(w):
            found.append(f"{name} shows its text cut ({w.width()} < {w.sizeHint().width()})")
    return found


def in_view(top: QWidget, widgets, *, pinned: bool = True) -> list[str]:
    """The actions that must be in view without scrolling: shown and whole; ``pinned``: outside any
    scrolling area (they stay when the content scrolls), else in view as the page opens."""
    found = []
    for w in widgets:
        name = f"{type(w).__name__}({getattr(w, 'text', lambda: '')()[:40]!r})"
        if not w.isVisible():
            found.append(f"{name} is hidden")
            continue
        rect = _rect_in(w, top)
        viewport = _scroll_viewport(w, top)
        if viewport is not None and pinned:
            found.append(f"{name} scrolls away with the content")
        elif viewport is not None and not _rect_in(viewport, top).adjusted(-1, -1, 1, 1).contains(rect):
            found.append(f"{name} is below the fold (the page must be scrolled to reach it)")
        if not top.rect().contains(rect):
            found.append(f"{name} is outside the window")
    return found


def at_size(top: QWidget, size: QSize) -> list[str]:
    """Resize ``top`` to ``size``: [] when it accepts it, else why not (its minimum is larger)."""
    top.resize(size)
    settle()
    if top.width() > size.width() or top.height() > size.height():
        hint = top.minimumSizeHint()
        return [f"{type(top).__name__} cannot be made {size.width()}x{size.height()}: it stays "
                f"{top.width()}x{top.height()} (minimum {hint.width()}x{hint.height()})"]
    return []


def shot(top: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        top.grab().save(str(Path(SHOTS) / f"{name}.png"))


def check_screen(top: QWidget, name: str, actions=(), sizes=None, *, pinned: bool = True) -> list[str]:
    """Every size: the window takes it, nothing is cut, the actions stay in view; pictures kept."""
    found = []
    for label, size in (sizes or WINDOWS).items():
        here = at_size(top, size)
        if not here:
            here = problems(top) + in_view(top, [a() if callable(a) else a for a in actions], pinned=pinned)
        shot(top, f"{name}_{label}")
        found += [f"{name} at {label}: {p}" for p in here]
    return found
