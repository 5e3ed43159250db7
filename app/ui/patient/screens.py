"""Which screen the patient sees: the one named in settings (``patient_screen``), else the desk's.

Screens are chosen by name (``QScreen.name()``, e.g. "HDMI-1"). Two screens may share a name (two X
screens of one display are both called "screen"); they are then told apart as "name#2", "name#3" in
the order Qt lists them, and a plain name means the first of them.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


def screen_keys() -> list[tuple[str, QScreen]]:
    """(key, screen) for every connected screen; duplicate names get "#n" from the second on."""
    seen: dict[str, int] = {}
    out = []
    for screen in QGuiApplication.screens():
        name = screen.name() or "screen"
        seen[name] = seen.get(name, 0) + 1
        out.append((name if seen[name] == 1 else f"{name}#{seen[name]}", screen))
    return out


def find_screen(name: str, fallback: QScreen | None = None) -> QScreen:
    """The screen called ``name``; the fallback (the desk's screen) when empty or not connected."""
    fallback = fallback or QGuiApplication.primaryScreen()
    if name:
        for key, screen in screen_keys():
            if key == name:
                return screen
        log.warning("the patient screen set in settings is not connected; using the desk's screen")
    return fallback


def place_full_screen(window: QWidget, screen: QScreen) -> None:
    """Show ``window`` full screen on ``screen`` (a monitor of one desktop, or its own X screen)."""
    window.setScreen(screen)
    window.move(screen.geometry().topLeft())  # (setting the whole geometry first would undo full screen)
    window.showFullScreen()
    # Without a window manager (or with one that ignores the full-screen hint) cover the screen anyway.
    if window.geometry() != screen.geometry():
        window.setGeometry(screen.geometry())
        window.setWindowState(window.windowState() | Qt.WindowFullScreen)


def same_screen(a: QScreen | None, b: QScreen | None) -> bool:
    return a is None or b is None or a is b
