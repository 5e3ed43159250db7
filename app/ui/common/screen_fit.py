"""Windows and dialogs that open inside the screen they are on, whatever its size.

A window asks for a comfortable size (``preferred``); on a smaller screen it takes what the screen
offers (less the task bar) and its pages scroll, so nothing is ever placed beyond the screen's edge.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME = QSize(16, 40)  # what the window manager adds around a window (borders, title bar)


def available(widget: QWidget) -> QRect:
    """The part of the widget's screen that windows may use (the task bar left out)."""
    parent = widget.parentWidget()
    screen = widget.screen() or (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)


def fit_to_screen(window: QWidget, preferred: QSize) -> QSize:
    """Resize ``window`` to ``preferred``, or to the screen when that is smaller; centred on its screen
    (or its parent window). Returns the size given."""
    room = available(window)
    size = QSize(min(preferred.width(), room.width() - FRAME.width()),
                 min(preferred.height(), room.height() - FRAME.height()))
    size = size.expandedTo(window.minimumSize())
    window.resize(size)
    parent = window.parentWidget()
    centre = parent.window().frameGeometry().center() if parent is not None and parent.isVisible() else room.center()
    frame = QRect(0, 0, size.width() + FRAME.width(), size.height() + FRAME.height())
    frame.moveCenter(centre)
    frame.moveLeft(max(room.left(), min(frame.left(), room.right() - frame.width())))
    frame.moveTop(max(room.top(), min(frame.top(), room.bottom() - frame.height())))
    window.move(frame.topLeft())
    return size
