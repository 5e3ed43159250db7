"""The PDF draws a signature with the same ink model as the pad: pen pressure, else speed."""
from __future__ import annotations

import re

from app.documents.signature_drawing import draw_strokes
from app.domain.signature import piece_widths


class _Canvas:
    def __init__(self) -> None:
        self.literal = ""

    def saveState(self) -> None:  # noqa: N802 - ReportLab's names
        pass

    def restoreState(self) -> None:  # noqa: N802
        pass

    def setStrokeColor(self, _colour) -> None:  # noqa: N802
        pass

    def addLiteral(self, text: str) -> None:  # noqa: N802
        self.literal += text


def _widths_drawn(stroke) -> list[float]:
    canvas = _Canvas()
    draw_strokes(canvas, [stroke], 0, 0, 300, 100, base_width=1.0)
    return [float(w) for w in re.findall(r"([0-9.]+) w ", canvas.literal)]


def test_mouse_strokes_thin_out_when_fast_as_on_screen():
    slow = [[0.1 + 0.01 * i, 0.5, i * 40, 0.5] for i in range(20)]  # no pressure: a mouse
    fast = [[0.1 + 0.04 * i, 0.5, i * 4, 0.5] for i in range(20)]
    assert _widths_drawn(slow)[-1] > _widths_drawn(fast)[-1]
    assert _widths_drawn(fast) == [round(w, 2) for w in piece_widths(fast)]


def test_pen_strokes_follow_pressure():
    light_to_heavy = [[0.1 + 0.02 * i, 0.5, i * 10, 0.1 + 0.04 * i] for i in range(20)]
    widths = _widths_drawn(light_to_heavy)
    assert widths == sorted(widths) and widths[-1] > 2 * widths[0]
