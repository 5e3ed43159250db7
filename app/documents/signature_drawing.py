"""Signatures drawn from their vector strokes (the same data the pad shows on screen).

A stroke is a list of ``[x, y, t_ms, pressure]`` with x, y in 0..1 of the pad, y pointing down.
The pen follows quadratic curves through the midpoints of successive points (the usual smoothing
of pen input), and each piece takes its width from the same ink model as the pad on screen
(app.domain.signature.piece_widths: pen pressure, or speed for mouse and touch).
"""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus.flowables import Flowable

from app.domain.signature import piece_widths, pressure_width

PEN = colors.HexColor("#0b2545")


def _width(pressure: float, base: float) -> float:
    return base * pressure_width(pressure)


def draw_strokes(canv, strokes, x: float, y: float, w: float, h: float, base_width: float = 1.3,
                 pad_aspect: float | None = None) -> int:
    """Draw ``strokes`` into the box (x, y, w, h) in canvas units; returns the pieces drawn.

    ``pad_aspect`` (pad width / height) keeps the signature's proportions; the strokes are then
    centred in the box.
    """
    if pad_aspect:
        if w / h > pad_aspect:
            nw = h * pad_aspect
            x, w = x + (w - nw) / 2.0, nw
        else:
            nh = w / pad_aspect
            y, h = y + (h - nh) / 2.0, nh

    def pt(p):
        return x + float(p[0]) * w, y + (1.0 - float(p[1])) * h

    def pressure(p):
        return p[3] if len(p) > 3 and p[3] is not None else 0.5

    # PDF operators are written directly (one short string per piece): ReportLab's generic path
    # objects format every number through a slow pure-Python routine without rl_accel.
    ops: list[str] = ["1 J 1 j"]
    pieces = 0
    for stroke in strokes or ():
        pts = [p for p in stroke if len(p) >= 4]
        if not pts:
            continue
        if len(pts) == 1:
            px, py = pt(pts[0])
            ops.append(f"{_width(pressure(pts[0]), base_width):.2f} w {px:.2f} {py:.2f} m {px:.2f} {py:.2f} l S")
            pieces += 1
            continue
        xy = [pt(p) for p in pts]
        widths = piece_widths(pts)  # the same ink model as the screen (pressure, else speed)
        # start at the first point, then a quadratic from midpoint to midpoint with the point as
        # control, end at the last point; each piece its own path so its width can differ
        sx, sy = xy[0]
        for i in range(1, len(xy)):
            cx, cy = xy[i]
            if i < len(xy) - 1:
                ex, ey = (cx + xy[i + 1][0]) / 2.0, (cy + xy[i + 1][1]) / 2.0
            else:
                ex, ey = cx, cy
            # the quadratic (s, c, e) as a cubic: control points 2/3 of the way to c
            c1x, c1y = sx + 2.0 / 3.0 * (cx - sx), sy + 2.0 / 3.0 * (cy - sy)
            c2x, c2y = ex + 2.0 / 3.0 * (cx - ex), ey + 2.0 / 3.0 * (cy - ey)
            ops.append(f"{base_width * widths[i - 1]:.2f} w {sx:.2f} {sy:.2f} m "
                       f"{c1x:.2f} {c1y:.2f} {c2x:.2f} {c2y:.2f} {ex:.2f} {ey:.2f} c S")
            sx, sy = ex, ey
            pieces += 1
    canv.saveState()
    canv.setStrokeColor(PEN)
    canv.addLiteral("\n".join(ops))
    canv.restoreState()
    return pieces


class SignatureFlowable(Flowable):
    """A fixed-size box with a signature drawn into it (and a baseline under it)."""

    def __init__(self, strokes, width: float, height: float, pad_aspect: float = 3.0,
                 border: bool = True) -> None:
        super().__init__()
        self.strokes = strokes or []
        self.width = width
        self.height = height
        self.pad_aspect = pad_aspect
        self.border = border

    def wrap(self, availWidth, availHeight):
        self.width = min(self.width, availWidth)
        return self.width, self.height

    def draw(self):
        c = self.canv
        if self.border:
            c.saveState()
            c.setStrokeColor(colors.HexColor("#b0b8c1"))
            c.setLineWidth(0.4)
            c.line(4, 6, self.width - 4, 6)
            c.restoreState()
        draw_strokes(c, self.strokes, 3, 3, self.width - 6, self.height - 6, pad_aspect=self.pad_aspect)


class ThumbprintBox(Flowable):
    """An empty frame for an inked thumbprint (for a patient who signs with a mark)."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width = width
        self.height = height

    def wrap(self, availWidth, availHeight):
        return min(self.width, availWidth), self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setStrokeColor(colors.HexColor("#7b8794"))
        c.setDash(2, 2)
        c.setLineWidth(0.7)
        c.roundRect(0, 0, self.width, self.height, 4, stroke=1, fill=0)
        c.restoreState()
