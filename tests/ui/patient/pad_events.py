"""Long signatures sent to the signature pad through Qt's event queue, as a pen or a mouse sends them.

Each move is posted (not sent) and the event loop runs before the next one, so every move is
followed by the paint it causes, as on a real tablet. Used by the paint-stress worker, the pad
tests and the pad benchmark.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QInputDevice, QMouseEvent, QPointingDevice, QTabletEvent
from PySide6.QtWidgets import QApplication

_DEVICES: dict[str, QPointingDevice] = {}


def pen_device() -> QPointingDevice:
    """A stylus with pressure, owned by the application (so it outlives the events that use it)."""
    if "pen" not in _DEVICES:
        _DEVICES["pen"] = QPointingDevice(
            "test pen", 4242, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
            QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 2,
            parent=QApplication.instance())
    return _DEVICES["pen"]


def signature_path(pad, points: int, row: float = 0.5, seed: int = 0) -> list[QPointF]:
    """A long, looping path over the pad's box (widget coordinates), a sample every ~0.4% of the box.

    Samples are kept far enough apart that the pad never drops one as a repeat, so ``points``
    events give ``points`` points.
    """
    box = pad.box()
    path: list[QPointF] = []
    last = None
    t = 0.0
    while len(path) < points:
        x = 0.5 + 0.4 * math.sin(0.8 * t + seed) + 0.05 * math.sin(9.0 * t)
        y = row + 0.22 * math.sin(7.0 * t + 0.5 * seed)
        y = min(max(y, 0.02), 0.98)
        if last is None or max(abs(x - last[0]), abs(y - last[1])) >= 0.004:
            path.append(QPointF(box.left() + box.width() * x, box.top() + box.height() * y))
            last = (x, y)
        t += 0.001
    return path


def mouse_event(pad, kind, pos: QPointF) -> QMouseEvent:
    button = Qt.NoButton if kind == QEvent.MouseMove else Qt.LeftButton
    buttons = Qt.NoButton if kind == QEvent.MouseButtonRelease else Qt.LeftButton
    return QMouseEvent(kind, pos, pad.mapToGlobal(pos), button, buttons, Qt.NoModifier)


def tablet_event(pad, kind, pos: QPointF, pressure: float) -> QTabletEvent:
    buttons = Qt.NoButton if kind == QEvent.TabletRelease else Qt.LeftButton
    return QTabletEvent(kind, pen_device(), pos, pad.mapToGlobal(pos), pressure, 0.0, 0.0, 0.0, 0.0, 0.0,
                        Qt.NoModifier, Qt.LeftButton, buttons)


def post_and_run(pad, event) -> None:
    """Queue the event as the window system would, then let the loop deliver it and paint."""
    QApplication.postEvent(pad, event)
    QApplication.processEvents()


def stroke_events(pad, path: list[QPointF], device: str) -> list:
    """Press, moves and release along ``path`` for a "mouse" or a "pen" (pressure rising and falling)."""
    if device == "mouse":
        kinds = (QEvent.MouseButtonPress, QEvent.MouseMove, QEvent.MouseButtonRelease)
        make = lambda kind, pos, _i: mouse_event(pad, kind, pos)  # noqa: E731
    else:
        kinds = (QEvent.TabletPress, QEvent.TabletMove, QEvent.TabletRelease)
        n = len(path)
        make = lambda kind, pos, i: tablet_event(pad, kind, pos, 0.2 + 0.7 * math.sin(math.pi * i / n))  # noqa: E731
    last = len(path) - 1
    return [make(kinds[0] if i == 0 else kinds[2] if i == last else kinds[1], pos, i) for i, pos in enumerate(path)]


def sign(pad, points: int = 300, device: str = "mouse", row: float = 0.5, seed: int = 0) -> None:
    """One long stroke, event by event through the queue."""
    for event in stroke_events(pad, signature_path(pad, points, row, seed), device):
        post_and_run(pad, event)
