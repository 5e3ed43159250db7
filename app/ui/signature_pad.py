"""A signature pad: mouse, touch or pen become strokes in record units.

Each point is ``[x, y, t_ms, pressure]``: x and y normalised to 0..1 of the signing box (y down), t
in milliseconds from the signature's first point, pressure 0..1 (0.5 for a mouse). The box keeps a
fixed aspect ratio inside the widget, so resizing only scales the drawing. Strokes are drawn as
smooth quadratic curves through the midpoints of the samples. Whether the ink is enough to be a
signature is the service's decision (``signature_blank``).
"""
from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

ASPECT = 3.0  # width / height of the signing box
MIN_STEP = 0.002  # ignore samples closer than this (pad units) to the previous one


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[list[list[float]]] = []
        self._current: list[list[float]] | None = None
        self._clock = QElapsedTimer()
        self._t0: int | None = None
        self._last_t = 0
        self.setAttribute(Qt.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WA_StaticContents, True)
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
        self.update()
        self.changed.emit()

    def is_empty(self) -> bool:
        return not any(self._strokes)

    def undo(self) -> None:
        if self._strokes:
            self._strokes.pop()
            if not self._strokes:
                self._t0 = None
            self.update()
            self.changed.emit()

    def clear(self) -> None:
        self._strokes, self._current, self._t0, self._last_t = [], None, None, 0
        self.update()
        self.changed.emit()

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

    def _begin(self, pos: QPointF, pressure: float) -> None:
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
        p = 0.5 if pressure <= 0 else min(max(pressure, 0.0), 1.0)
        self._current.append([round(x, 4), round(y, 4), self._now(), round(p, 3)])
        self.update()

    def _end(self, pos: QPointF | None, pressure: float) -> None:
        if self._current is None:
            return
        if pos is not None:
            self._add(pos, pressure)
        self._current = None
        self.changed.emit()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.LeftButton:
            self._begin(event.position(), 0.5)
            event.accept()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if event.buttons() & Qt.LeftButton:
            self._add(event.position(), 0.5)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.LeftButton:
            self._end(event.position(), 0.5)

    def tabletEvent(self, event) -> None:  # noqa: N802
        kind = event.type()
        if kind == QEvent.TabletPress:
            self._begin(event.position(), event.pressure())
        elif kind == QEvent.TabletMove and self._current is not None:
            self._add(event.position(), event.pressure())
        elif kind == QEvent.TabletRelease:
            self._end(event.position(), event.pressure())
        event.accept()  # no synthesised mouse events on top

    def event(self, event) -> bool:
        kind = event.type()
        if kind in (QEvent.TouchBegin, QEvent.TouchUpdate, QEvent.TouchEnd, QEvent.TouchCancel):
            points = event.points()
            if points:
                point = points[0]
                pressure = point.pressure() if point.pressure() > 0 else 0.5
                if kind == QEvent.TouchBegin:
                    self._begin(point.position(), pressure)
                elif kind == QEvent.TouchUpdate:
                    self._add(point.position(), pressure)
                else:
                    self._end(point.position() if kind == QEvent.TouchEnd else None, pressure)
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
        """A smooth path: quadratic curves from midpoint to midpoint, the samples as control points."""
        pts = [self.to_widget(pt[0], pt[1]) for pt in stroke]
        path = QPainterPath(pts[0])
        if len(pts) == 1:
            path.addEllipse(pts[0], 0.8, 0.8)
            return path
        if len(pts) == 2:
            path.lineTo(pts[1])
            return path
        for a, b in zip(pts[1:-1], pts[2:]):
            path.quadTo(a, (a + b) / 2)
        path.lineTo(pts[-1])
        return path

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        b = self.box()
        p.fillRect(self.rect(), QColor("#f4f4f2"))
        p.fillRect(b, QColor("white"))
        frame = QPen(self.palette().color(self.palette().ColorRole.Highlight) if self.hasFocus() else QColor("#9a9a9a"),
                     2 if self.hasFocus() else 1, Qt.SolidLine if self.hasFocus() else Qt.DashLine)
        p.setPen(frame)
        p.drawRect(b)
        # The line to sign on, and a hint while empty.
        base_y = b.top() + b.height() * 0.78
        p.setPen(QPen(QColor("#b0b0b0"), 1))
        p.drawLine(QPointF(b.left() + b.width() * 0.06, base_y), QPointF(b.right() - b.width() * 0.06, base_y))
        if self.is_empty():
            p.setPen(QColor("#777777"))
            p.drawText(b.adjusted(0, b.height() * 0.80, 0, 0), int(Qt.AlignHCenter | Qt.AlignTop), self.tr("Sign here"))
        scale = max(1.2, b.height() / 70.0)
        for stroke in self._strokes:
            if not stroke:
                continue
            pressure = sum(pt[3] for pt in stroke) / len(stroke)
            p.setPen(QPen(QColor("#0d2a5c"), scale * (0.6 + pressure), Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
            p.drawPath(self.path_for(stroke))
        p.end()
