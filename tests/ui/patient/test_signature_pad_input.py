"""The signature pad's input: pen (tablet events with pressure), touch and mouse, the echo of a pen as
mouse events, widths that follow pressure and speed, the blank rule, undo, clear, resize and rotation."""
from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QEventPoint, QInputDevice, QMouseEvent, QPointingDevice, QTabletEvent, QTouchEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.domain.signature import is_blank, normalise_strokes, pressure_width, speed_widths
from app.ui.patient.signature_pad import ASPECT, SignaturePad
from tests.ui.flow_helpers import draw_signature

_PEN: list[QPointingDevice] = []


def pen_device() -> QPointingDevice:
    """A stylus with pressure, owned by the application (so it outlives no Qt object it needs)."""
    if not _PEN:
        _PEN.append(QPointingDevice("test pen", 4242, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
                                    QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 2,
                                    parent=QApplication.instance()))
    return _PEN[0]


def make(qtbot, w: int = 600, h: int = 200) -> SignaturePad:
    pad = SignaturePad()
    pad.resize(w, h)
    qtbot.addWidget(pad)
    pad.show()
    qtbot.waitExposed(pad)
    return pad


def tablet(pad, kind, pos: QPointF, pressure: float) -> QTabletEvent:
    buttons = Qt.NoButton if kind == QEvent.TabletRelease else Qt.LeftButton
    event = QTabletEvent(kind, pen_device(), pos, pad.mapToGlobal(pos), pressure, 0.0, 0.0, 0.0, 0.0, 0.0,
                         Qt.NoModifier, Qt.LeftButton, buttons)
    QApplication.sendEvent(pad, event)
    return event


def pen_stroke(pad, points: int = 30, y: float = 0.5, pressures=None) -> list[QPointF]:
    box = pad.box()
    path = [QPointF(box.left() + box.width() * (0.1 + 0.7 * i / (points - 1)),
                    box.top() + box.height() * (y + 0.2 * math.sin(i / 3))) for i in range(points)]
    pressures = pressures or [0.15 + 0.8 * i / (points - 1) for i in range(points)]
    tablet(pad, QEvent.TabletPress, path[0], pressures[0])
    for pos, p in zip(path[1:-1], pressures[1:-1]):
        tablet(pad, QEvent.TabletMove, pos, p)
    tablet(pad, QEvent.TabletRelease, path[-1], pressures[-1])
    return path


def mouse(pad, kind, pos: QPointF, device=None, buttons=Qt.LeftButton) -> None:
    button = Qt.NoButton if kind == QEvent.MouseMove else Qt.LeftButton
    args = (kind, pos, pad.mapToGlobal(pos), button, buttons, Qt.NoModifier)
    event = QMouseEvent(*args, device) if device is not None else QMouseEvent(*args)
    QApplication.sendEvent(pad, event)


def test_a_pen_gives_strokes_with_its_pressure(qtbot):
    pad = make(qtbot)
    with qtbot.waitSignal(pad.stroke_finished):
        pen_stroke(pad)
    strokes = pad.strokes()
    assert len(strokes) == 1 and len(strokes[0]) >= 25
    pressures = [pt[3] for pt in strokes[0]]
    assert pressures[0] < 0.25 and pressures[-1] > 0.9 and pressures == sorted(pressures)
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y, _t, _p in strokes[0])
    assert not is_blank(normalise_strokes(strokes)) and pad.state() == "ok"
    # The line is wider where the pen pressed harder (the same curve as the PDF).
    assert pressure_width(pressures[-1]) > 2 * pressure_width(pressures[0])
    assert not pad.grab().toImage().isNull()


def test_a_pens_mouse_echo_does_not_draw_a_second_line(qtbot):
    pad = make(qtbot)
    path = pen_stroke(pad)
    # The same positions as mouse events, right after the pen (what a window system may send)...
    mouse(pad, QEvent.MouseButtonPress, path[0])
    for pos in path[1:]:
        mouse(pad, QEvent.MouseMove, pos)
    mouse(pad, QEvent.MouseButtonRelease, path[-1])
    # ...and mouse events that say they come from the pen, at any time.
    mouse(pad, QEvent.MouseButtonPress, path[0], pen_device())
    mouse(pad, QEvent.MouseMove, path[5], pen_device())
    mouse(pad, QEvent.MouseButtonRelease, path[5], pen_device())
    assert len(pad.strokes()) == 1
    # A real mouse, once the pen has been still for a moment, draws again.
    qtbot.wait(600)
    draw_signature(pad, strokes=1)
    assert len(pad.strokes()) == 2 and all(pt[3] == 0.5 for pt in pad.strokes()[1])


def test_mouse_strokes_have_no_pressure_and_their_width_follows_speed(qtbot):
    pad = make(qtbot)
    draw_signature(pad, strokes=2)
    strokes = pad.strokes()
    assert len(strokes) == 2 and all(pt[3] == 0.5 for s in strokes for pt in s)
    slow = [[0.1, 0.5, 0, 0.5], [0.11, 0.5, 100, 0.5], [0.12, 0.5, 200, 0.5], [0.13, 0.5, 300, 0.5]]
    fast = [[0.1, 0.5, 0, 0.5], [0.4, 0.5, 10, 0.5], [0.7, 0.5, 20, 0.5], [0.99, 0.5, 30, 0.5]]
    assert speed_widths(slow)[-1] > 1.1 > 0.8 > speed_widths(fast)[-1]


def touch_screen() -> QPointingDevice:
    if len(_PEN) < 2:
        pen_device()
        _PEN.append(QPointingDevice("test touch", 4243, QInputDevice.DeviceType.TouchScreen,
                                    QPointingDevice.PointerType.Finger,
                                    QInputDevice.Capability.Position | QInputDevice.Capability.Area, 10, 0,
                                    parent=QApplication.instance()))
    return _PEN[1]


def touch(pad, kind, state, pos: QPointF) -> None:
    point = QEventPoint(1, state, pos, pad.mapToGlobal(pos))
    QApplication.sendEvent(pad, QTouchEvent(kind, touch_screen(), Qt.NoModifier, [point]))


def test_touch_draws_one_stroke(qtbot):
    pad = make(qtbot)
    box = pad.box()
    points = [QPointF(box.left() + box.width() * (0.1 + 0.02 * i), box.top() + box.height() * (0.3 + 0.01 * i))
              for i in range(30)]
    touch(pad, QEvent.TouchBegin, QEventPoint.State.Pressed, points[0])
    for p in points[1:-1]:
        touch(pad, QEvent.TouchUpdate, QEventPoint.State.Updated, p)
    touch(pad, QEvent.TouchEnd, QEventPoint.State.Released, points[-1])
    strokes = pad.strokes()
    assert len(strokes) == 1 and len(strokes[0]) >= 20
    assert all(pt[3] == 0.5 for pt in strokes[0])  # a finger reports no pressure
    # The mouse events a window system makes from the finger do not draw a second line.
    mouse(pad, QEvent.MouseButtonPress, points[0])
    mouse(pad, QEvent.MouseMove, points[10])
    mouse(pad, QEvent.MouseButtonRelease, points[10])
    assert len(pad.strokes()) == 1


def test_undo_and_clear(qtbot):
    pad = make(qtbot)
    pen_stroke(pad, y=0.3)
    pen_stroke(pad, y=0.6)
    assert len(pad.strokes()) == 2
    pad.undo()
    assert len(pad.strokes()) == 1 and pad.strokes()[0][0][1] < 0.5
    pad.clear()
    assert pad.is_empty() and pad.state() == "empty"


def test_a_dot_or_a_tiny_scribble_is_not_a_signature(qtbot):
    pad = make(qtbot)
    QTest.mouseClick(pad, Qt.LeftButton, Qt.NoModifier, pad.rect().center())
    assert pad.state() == "too_small" and not pad.is_acceptable()
    pad.clear()
    box = pad.box()
    c = box.center()
    QTest.mousePress(pad, Qt.LeftButton, Qt.NoModifier, c.toPoint())
    for i in range(12):
        mouse(pad, QEvent.MouseMove, QPointF(c.x() + 4 * math.cos(i), c.y() + 4 * math.sin(i)), buttons=Qt.LeftButton)
    QTest.mouseRelease(pad, Qt.LeftButton, Qt.NoModifier, c.toPoint())
    assert pad.state() == "too_small"
    pad.clear()
    draw_signature(pad)
    assert pad.state() == "ok"


def test_resize_and_rotation_keep_the_strokes(qtbot):
    pad = make(qtbot, 900, 300)
    pen_stroke(pad)
    before = pad.strokes()
    pad.resize(300, 600)  # the tablet turned to portrait
    qtbot.wait(10)
    assert pad.strokes() == before
    box = pad.box()
    assert abs(box.width() / box.height() - ASPECT) < 0.1 and box.width() <= 300
    first = pad.to_widget(*before[0][0][:2])
    assert box.contains(first)
    pad.resize(900, 300)
    assert pad.strokes() == before
    assert not pad.grab().toImage().isNull()


def test_the_path_is_smooth_curves(qtbot):
    pad = make(qtbot)
    pen_stroke(pad)
    path = pad.path_for(pad.strokes()[0])
    kinds = {path.elementAt(i).type for i in range(path.elementCount())}
    from PySide6.QtGui import QPainterPath

    assert QPainterPath.ElementType.CurveToElement in kinds  # curves, not a polyline
