"""The pad's ink, drawn move by move onto its cache, is exactly the ink drawn from the stroke data, and
each move repaints only the small rectangle it changed (so a long stroke costs no more per move)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF
from PySide6.QtWidgets import QApplication

from app.ui.patient.signature_pad import SignaturePad
from tests.ui.patient.pad_events import post_and_run, sign, signature_path, stroke_events


def make(qtbot, w: int = 900, h: int = 300) -> SignaturePad:
    pad = SignaturePad()
    pad.resize(w, h)
    qtbot.addWidget(pad)
    pad.show()
    qtbot.waitExposed(pad)
    return pad


def redrawn_from_data(pad) -> tuple:
    """(what the pad shows now, what it shows once its cache is rebuilt from the strokes alone)."""
    shown = pad.grab().toImage()
    pad._invalidate()
    return shown, pad.grab().toImage()


def test_ink_drawn_move_by_move_is_the_ink_drawn_from_the_data(qtbot):
    pad = make(qtbot)
    sign(pad, 300, "mouse", row=0.35, seed=1)
    sign(pad, 300, "pen", row=0.6, seed=2)
    shown, rebuilt = redrawn_from_data(pad)
    assert shown == rebuilt
    # ...also in the middle of a stroke: the settled pieces on the cache, the last one live.
    events = stroke_events(pad, signature_path(pad, 120, 0.5, 3), "pen")
    for event in events[:-1]:
        post_and_run(pad, event)
    shown, rebuilt = redrawn_from_data(pad)
    assert shown == rebuilt and len(pad._current) == 119


def test_pressure_that_arrives_mid_stroke_redraws_the_stroke_once(qtbot):
    # Some touch screens report no pressure for the first samples of a stroke; the widths of the
    # whole stroke then follow pressure, not speed. (Qt offers no public way to give a synthetic
    # touch point a pressure, so the samples go straight to the pad's input methods.)
    pad = make(qtbot)
    path = signature_path(pad, 80, 0.5, 4)
    pad._begin(path[0], 0.5, "touch")
    for i, pos in enumerate(path[1:-1], start=1):
        pad._add(pos, 0.5 if i < 40 else 0.8)
        QApplication.processEvents()
    pad._end(path[-1], 0.8)
    assert len(pad.strokes()) == 1 and pad.strokes()[0][-1][3] == 0.8
    shown, rebuilt = redrawn_from_data(pad)
    assert shown == rebuilt


class PaintRects(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.rects = []

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Paint:
            self.rects.append(event.rect())
        return False


def test_a_move_repaints_a_small_rectangle_however_long_the_stroke(qtbot):
    pad = make(qtbot)
    events = stroke_events(pad, signature_path(pad, 600, 0.5, 5), "mouse")
    for event in events[:300]:
        post_and_run(pad, event)
    spy = PaintRects()
    pad.installEventFilter(spy)
    for event in events[300:-1]:
        post_and_run(pad, event)
    pad.removeEventFilter(spy)
    assert spy.rects, "moves paint"
    whole = pad.width() * pad.height()
    largest = max(r.width() * r.height() for r in spy.rects)
    assert largest < whole / 10, f"a move repainted {largest} of {whole} pixels"


def test_the_first_ink_takes_the_sign_here_hint_away(qtbot):
    pad = make(qtbot)
    empty = pad.grab().toImage()
    box = pad.box()
    hint = box.adjusted(6, box.height() * 0.80, -6, -6).toAlignedRect()  # inside the focus frame
    events = stroke_events(pad, [QPointF(box.left() + 20 + 3 * i, box.top() + 20) for i in range(5)], "mouse")
    for event in events[:3]:
        post_and_run(pad, event)
    drawing = pad.grab().toImage()
    assert empty.copy(hint) != drawing.copy(hint)  # the hint is gone while the first stroke is drawn
