"""A signature pad: pen, touch or mouse become strokes in record units (the reusable widget).

Each point is ``[x, y, t_ms, pressure]``: x and y normalised to 0..1 of the signing box (y down), t
in milliseconds from the signature's first point, pressure 0..1 (0.5 where the device reports none:
mouse, most touch screens). The box keeps a fixed aspect ratio inside the widget, so resizing or
rotating the screen only scales the drawing; the data never changes.

Drawing follows the PDF (``app/documents/signature_drawing.py``): quadratic curves from midpoint to
midpoint with the samples as control points, each piece with its own width. The width follows the
pressure for a pen; for a stroke without pressure it follows the speed (faster: thinner), as ink does.

A pen's mouse events (the ones Qt or the window system synthesises from a stylus or a touch screen)
never draw a second line: mouse events from a non-mouse device, during a pen or touch stroke, or just
after one, are ignored.

Whether the ink is enough to be a signature is the domain's rule (``is_blank``); the pad applies the
same rule (``is_acceptable``) so that a page can say so before the service refuses it.
"""
from __future__ import annotations


from PySide6.QtCore import QElapsedTimer, QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QInputDevice, QKeySequence, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.domain.errors import ConsentError
from app.domain.signature import (
    NO_PRESSURE,
    PAD_ASPECT as ASPECT,
    is_blank,
    normalise_strokes,
    piece_widths,
    pressure_width,
)

MIN_STEP = 0.002  # ignore samples closer than this (pad units) to the previous one
MOUSE_QUIET_MS = 500  # after a pen or touch stroke, mouse events are its echo for this long
_NOT_A_MOUSE = (QInputDevice.DeviceType.Stylus, QInputDevice.DeviceType.Airbrush, QInputDevice.DeviceType.Puck,
                QInputDevice.DeviceType.TouchScreen)


def stroke_pieces(points: list[QPointF]) -> list[tuple[QPointF, QPointF, QPointF]]:
    """(start, control, end) of each quadratic piece: midpoint to midpoint, samples as controls."""
    pieces = []
    s = points[0]
    for i in range(1, len(points)):
        c = points[i]
        e = (c + points[i + 1]) / 2 if i < len(points) - 1 else c
        pieces.append((s, c, e))
        s = e
    return pieces


class SignaturePad(QWidget):
    changed = Signal()
    stroke_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[list[list[float]]] = []
        self._current: list[list[float]] | None = None
        self._source = ""  # "mouse" | "tablet" | "touch" while a stroke is drawn
        self._clock = QElapsedTimer()
        self._t0: int | None = None
        self._last_t = 0
        self._quiet = QElapsedTimer()  # since the last pen or touch input
        self._cache: QPixmap | None = None
        self.ink = QColor("#0d2a5c")
        self.paper = QColor("white")
        self.surround = QColor("#f4f4f2")
        self.guide = QColor("#8a8a8a")
        self.setAttribute(Qt.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WA_TabletTracking, False)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumSize(300, 100)
        self.setCursor(Qt.CrossCursor)
        self.setAccessibleName(self.tr("Signature pad"))
        self.setAccessibleDescription(self.tr("Sign with the pen, a finger or the mouse. Ctrl+Z undoes the last stroke."))

    # --- data ----------------------------------------------------------------------------------
    def strokes(self) -> list[list[list[float]]]:
        return [[list(pt) for pt in s] for s in self._strokes if s]

    def set_strokes(self, strokes) -> None:
        self._strokes = [[list(map(float, pt)) for pt in s] for s in strokes]
        self._current = None
        self._last_t = int(max((pt[2] for s in self._strokes for pt in s), default=0))
        self._t0 = None if not self._strokes else self._last_t  # later points continue after these
        self._clock.invalidate()
        self._invalidate()
        self.changed.emit()

    def is_empty(self) -> bool:
        return not any(self._strokes)

    def is_acceptable(self) -> bool:
        """Enough ink to be a signature or a deliberate mark (the domain's own rule)."""
        try:
            return not is_blank(normalise_strokes(self.strokes()))
        except ConsentError:
            return False

    def state(self) -> str:
        """"empty", "too_small" (a dot, a tiny scribble) or "ok"."""
        if self.is_empty():
            return "empty"
        return "ok" if self.is_acceptable() else "too_small"

    def undo(self) -> None:
        if self._current is not None:  # a stroke in progress is the last one
            self._current = None
        if self._strokes:
            self._strokes.pop()
            if not self._strokes:
                self._t0 = None
            self._invalidate()
            self.changed.emit()

    def clear(self) -> None:
        self._strokes, self._current, self._t0, self._last_t = [], None, None, 0
        self._source = ""
        self._invalidate()
        self.changed.emit()

    def set_ink(self, ink: QColor | str, paper: QColor | str = "white", surround: QColor | str = "#f4f4f2",
                guide: QColor | str = "#8a8a8a") -> None:
        """Colours (the patient screen's high-contrast mode); the data is unchanged."""
        self.ink, self.paper, self.surround, self.guide = QColor(ink), QColor(paper), QColor(surround), QColor(guide)
        self._invalidate()

    # --- geometry ------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(600, 200)

    def box(self) -> QRectF:
        """The signing box: the largest rectangle of the pad's aspect ratio, centred."""
        w, h = float(self.width()), float(self.height())
        if w / max(h, 1.0) > ASPECT:
            bw, bh = h * ASPECT, h
        else:
            bw, bh = w, w / ASPECT
        return QRectF((w - bw) / 2, (h - bh) / 2, bw, bh).adjusted(2, 2, -2, -2)

    def to_pad(self, pos: QPointF) -> tuple[float, float]:
        b = self.box()
        x = (pos.x() - b.left()) / max(b.width(), 1.0)
        y = (pos.y() - b.top()) / max(b.height(), 1.0)
        return min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0)

    def to_widget(self, x: float, y: float) -> QPointF:
        b = self.box()
        return QPointF(b.left() + x * b.width(), b.top() + y * b.height())

    def resizeEvent(self, event) -> None:  # noqa: N802
        self._invalidate()
        super().resizeEvent(event)

    # --- input ---------------------------------------------------------------------------------
    def _now(self) -> int:
        if self._t0 is None:
            self._clock.start()
            self._t0 = 0
            self._last_t = 0
            return 0
        if not self._clock.isValid():
            self._clock.start()
        # Monotonic and after every earlier point (also after strokes restored from data).
        t = max(self._last_t, int(self._clock.elapsed()) + self._t0)
        self._last_t = t
        return t

    def _begin(self, pos: QPointF, pressure: float, source: str) -> None:
        if self._current is not None:
            self._end(None, pressure)
        self._source = source
        self._current = []
        self._strokes.append(self._current)
        self._add(pos, pressure, force=True)

    def _add(self, pos: QPointF, pressure: float, force: bool = False) -> None:
        if self._current is None:
            return
        x, y = self.to_pad(pos)
        if not force and self._current:
            px, py = self._current[-1][0], self._current[-1][1]
            if abs(px - x) < MIN_STEP and abs(py - y) < MIN_STEP:
                return
        p = min(max(pressure, 0.0), 1.0)
        self._current.append([round(x, 4), round(y, 4), self._now(), round(p, 3)])
        self.update()

    def _end(self, pos: QPointF | None, pressure: float) -> None:
        if self._current is None:
            return
        if pos is not None:
            self._add(pos, pressure)
        if self._source in ("tablet", "touch"):
            self._quiet.start()
        self._current = None
        self._source = ""
        self._invalidate()
        self.stroke_finished.emit()
        self.changed.emit()

    def _mouse_is_echo(self, event) -> bool:
        """A mouse event made from a pen or a finger (by Qt or the window system): not drawn."""
        if self._source in ("tablet", "touch"):
            return True
        device = event.pointingDevice()
        if device is not None and device.type() in _NOT_A_MOUSE:
            return True
        if event.source() != Qt.MouseEventNotSynthesized:
            return True
        return self._quiet.isValid() and self._quiet.elapsed() < MOUSE_QUIET_MS

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if self._mouse_is_echo(event):
            event.accept()
            return
        if event.button() == Qt.LeftButton:
            self._begin(event.position(), NO_PRESSURE, "mouse")
            event.accept()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._source == "mouse" and event.buttons() & Qt.LeftButton:
            self._add(event.position(), NO_PRESSURE)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self._source == "mouse" and event.button() == Qt.LeftButton:
            self._end(event.position(), NO_PRESSURE)

    @staticmethod
    def _pen_pressure(event) -> float:
        device = event.pointingDevice()
        if device is not None and not (device.capabilities() & QInputDevice.Capability.Pressure):
            return NO_PRESSURE
        # A pen touching the glass never writes with no pressure at all; keep it off the
        # "no pressure reported" value too.
        p = min(max(event.pressure(), 0.02), 1.0)
        return 0.501 if abs(p - NO_PRESSURE) < 1e-3 else p

    def tabletEvent(self, event) -> None:  # noqa: N802
        kind = event.type()
        pressure = self._pen_pressure(event)
        if kind == QEvent.TabletPress:
            self._begin(event.position(), pressure, "tablet")
        elif kind == QEvent.TabletMove and self._current is not None and self._source == "tablet":
            self._add(event.position(), pressure)
        elif kind == QEvent.TabletRelease and self._source == "tablet":
            self._end(event.position(), pressure)
        self._quiet.start()
        event.accept()  # accepted: Qt does not synthesise mouse events on top

    def event(self, event) -> bool:
        kind = event.type()
        if kind in (QEvent.TouchBegin, QEvent.TouchUpdate, QEvent.TouchEnd, QEvent.TouchCancel):
            points = event.points()
            if points and self._source != "tablet":  # a palm on the glass while the pen writes
                point = points[0]
                pressure = point.pressure() if 0 < point.pressure() < 1 else NO_PRESSURE
                # From the window's coordinates (set on every delivered and synthesised touch point).
                pos = self.mapFrom(self.window(), point.scenePosition()) if self.window() is not self \
                    else QPointF(point.scenePosition())
                if kind == QEvent.TouchBegin:
                    self._begin(pos, pressure, "touch")
                elif kind == QEvent.TouchUpdate and self._source == "touch":
                    self._add(pos, pressure)
                elif self._source == "touch":
                    self._end(pos if kind == QEvent.TouchEnd else None, pressure)
            self._quiet.start()
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.matches(QKeySequence.Undo):
            self.undo()
            return
        super().keyPressEvent(event)

    # --- painting ------------------------------------------------------------------------------
    def path_for(self, stroke: list[list[float]]) -> QPainterPath:
        """The whole stroke as one smooth path (for hit tests and previews)."""
        pts = [self.to_widget(pt[0], pt[1]) for pt in stroke]
        path = QPainterPath(pts[0])
        if len(pts) == 1:
            path.addEllipse(pts[0], 0.8, 0.8)
            return path
        for _s, c, e in stroke_pieces(pts):
            path.quadTo(c, e)
        return path

    def _base_width(self) -> float:
        return max(1.2, self.box().height() / 55.0)

    def _draw_stroke(self, p: QPainter, stroke: list[list[float]]) -> None:
        base = self._base_width()
        pts = [self.to_widget(pt[0], pt[1]) for pt in stroke]
        if len(pts) == 1:
            p.setPen(QPen(self.ink, base * pressure_width(stroke[0][3]), Qt.SolidLine, Qt.RoundCap))
            p.drawPoint(pts[0])
            return
        widths = piece_widths(stroke)
        for (s, c, e), w in zip(stroke_pieces(pts), widths):
            piece = QPainterPath(s)
            piece.quadTo(c, e)
            p.setPen(QPen(self.ink, base * w, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
            p.drawPath(piece)

    def _invalidate(self) -> None:
        self._cache = None
        self.update()

    def _background(self) -> QPixmap:
        """The paper and every finished stroke, drawn once (strokes in progress go on top)."""
        ratio = self.devicePixelRatioF()
        pix = QPixmap(self.size() * ratio)
        pix.setDevicePixelRatio(ratio)
        pix.fill(self.surround)
        p = QPainter(pix)
        p.setRenderHint(QPainter.Antialiasing)
        b = self.box()
        p.fillRect(b, self.paper)
        base_y = b.top() + b.height() * 0.78
        p.setPen(QPen(self.guide, 1))
        p.drawLine(QPointF(b.left() + b.width() * 0.06, base_y), QPointF(b.right() - b.width() * 0.06, base_y))
        if self.is_empty():
            p.setPen(self.guide)
            p.drawText(b.adjusted(0, b.height() * 0.80, 0, 0), int(Qt.AlignHCenter | Qt.AlignTop), self.tr("Sign here"))
        for stroke in self._strokes:
            if stroke and stroke is not self._current:
                self._draw_stroke(p, stroke)
        p.end()
        return pix

    def paintEvent(self, event) -> None:  # noqa: N802
        if self._cache is None or self._cache.size() != self.size() * self.devicePixelRatioF():
            self._cache = self._background()
        p = QPainter(self)
        p.drawPixmap(0, 0, self._cache)
        p.setRenderHint(QPainter.Antialiasing)
        if self._current:
            self._draw_stroke(p, self._current)
        b = self.box()
        focus = self.hasFocus()
        p.setPen(QPen(self.palette().color(self.palette().ColorRole.Highlight) if focus else self.guide,
                      2 if focus else 1, Qt.SolidLine if focus else Qt.DashLine))
        p.drawRect(b)
        p.end()

    def focusInEvent(self, event) -> None:  # noqa: N802
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        self.update()
        super().focusOutEvent(event)
