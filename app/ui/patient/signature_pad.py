"""A signature pad: pen, touch or mouse become strokes in record units (the reusable widget).

Each point is ``[x, y, t_ms, pressure]``: x and y normalised to 0..1 of the signing box (y down), t
in milliseconds from the signature's first point, pressure 0..1 (0.5 where the device reports none:
mouse, most touch screens). The box keeps a fixed aspect ratio inside the widget, so resizing or
rotating the screen only scales the drawing; the data never changes.

Drawing follows the PDF (``app/documents/signature_drawing.py``): quadratic curves from midpoint to
midpoint with the samples as control points, each piece with its own width. The width follows the
pressure for a pen; for a stroke without pressure it follows the speed (faster: thinner), as ink does.

Ink keeps up with a fast pen however long the stroke: a piece is drawn once, onto the cached image,
as soon as the next sample fixes its end; only the stroke's last piece is drawn live, and each move
repaints just the rectangle it changed. The cost of a move does not grow with the stroke.

A pen's mouse events (the ones Qt or the window system synthesises from a stylus or a touch screen)
never draw a second line: mouse events from a non-mouse device, during a pen or touch stroke, or just
after one, are ignored.

Whether the ink is enough to be a signature is the domain's rule (``is_blank``); the pad applies the
same rule (``is_acceptable``) so that a page can say so before the service refuses it.
"""
from __future__ import annotations


from PySide6.QtCore import QElapsedTimer, QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QInputDevice, QKeySequence, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.domain.errors import ConsentError
from app.domain.signature import (
    FIRST_SPEED_WIDTH,
    NO_PRESSURE,
    PAD_ASPECT as ASPECT,
    has_pressure,
    is_blank,
    next_speed_width,
    normalise_strokes,
    piece_widths,
    pressure_width,
)

from .language import SpeaksPatientLanguage

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


class SignaturePad(SpeaksPatientLanguage, QWidget):
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
        self._cache: QPixmap | None = None  # paper, finished strokes and the settled pieces of the current one
        self._settled = 0  # pieces of the current stroke already drawn onto the cache
        self._live_widths: list[float] = []  # width factor of each piece of the current stroke
        self._live_pressure = False  # the current stroke has pen pressure (else: widths follow speed)
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
        if self.is_empty():
            self._invalidate()  # the first ink replaces the "Sign here" hint
        self._source = source
        self._current = []
        self._strokes.append(self._current)
        self._settled, self._live_widths, self._live_pressure = 0, [], False
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
        before = self._tail_rect()
        self._current.append([round(x, 4), round(y, 4), self._now(), round(p, 3)])
        self._grow(before)

    def _end(self, pos: QPointF | None, pressure: float) -> None:
        if self._current is None:
            return
        if pos is not None:
            self._add(pos, pressure)
        if self._source in ("tablet", "touch"):
            self._quiet.start()
        dirty = self._tail_rect()
        self._settle_all()  # the last piece too: the stroke is finished
        self._current = None
        self._source = ""
        self.update(dirty)
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

    def _piece(self, stroke: list[list[float]], i: int) -> tuple[QPointF, QPointF, QPointF]:
        """Piece ``i`` (1..len-1) of a stroke, exactly as ``stroke_pieces`` makes it, from 3 points only."""
        at = lambda k: self.to_widget(stroke[k][0], stroke[k][1])  # noqa: E731
        c = at(i)
        s = at(0) if i == 1 else (at(i - 1) + c) / 2
        e = (c + at(i + 1)) / 2 if i < len(stroke) - 1 else c
        return s, c, e

    def _pen(self, width: float) -> QPen:
        return QPen(self.ink, self._base_width() * width, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin)

    def _draw_piece(self, p: QPainter, piece: tuple[QPointF, QPointF, QPointF], width: float) -> None:
        s, c, e = piece
        path = QPainterPath(s)
        path.quadTo(c, e)
        p.setPen(self._pen(width))
        p.drawPath(path)

    def _draw_dot(self, p: QPainter, point: list[float]) -> None:
        p.setPen(QPen(self.ink, self._base_width() * pressure_width(point[3]), Qt.SolidLine, Qt.RoundCap))
        p.drawPoint(self.to_widget(point[0], point[1]))

    def _draw_stroke(self, p: QPainter, stroke: list[list[float]], pieces: int | None = None) -> None:
        """The whole stroke, or its first ``pieces`` pieces (a stroke still being drawn)."""
        if len(stroke) == 1:
            if pieces is None:
                self._draw_dot(p, stroke[0])
            return
        widths = piece_widths(stroke)
        pts = [self.to_widget(pt[0], pt[1]) for pt in stroke]
        for n, (piece, w) in enumerate(zip(stroke_pieces(pts), widths)):
            if pieces is not None and n >= pieces:
                break
            self._draw_piece(p, piece, w)

    def _rect_around(self, points, width: float) -> QRect:
        xs, ys = [q.x() for q in points], [q.y() for q in points]
        margin = self._base_width() * width / 2 + 2
        return QRectF(min(xs) - margin, min(ys) - margin, max(xs) - min(xs) + 2 * margin,
                      max(ys) - min(ys) + 2 * margin).toAlignedRect()

    def _tail_rect(self) -> QRect:
        """Where the current stroke's live part (its last piece, or its first dot) is drawn."""
        stroke = self._current
        if not stroke:
            return QRect()
        if len(stroke) == 1:
            return self._rect_around([self.to_widget(stroke[0][0], stroke[0][1])], pressure_width(stroke[0][3]))
        return self._rect_around(self._piece(stroke, len(stroke) - 1), self._live_widths[-1])

    def _grow(self, dirty: QRect) -> None:
        """A new sample: its piece's width, the piece before it settled onto the cache, a small repaint.

        ``dirty`` is where the live part was drawn before this sample.
        """
        stroke = self._current
        pressure = self._live_pressure or has_pressure(stroke[-1:])
        if pressure != self._live_pressure and len(stroke) > 1:
            # Pressure arrived mid-stroke (some touch screens): every piece changes width, so the
            # stroke is drawn again from its data, once.
            self._live_pressure, self._live_widths = True, piece_widths(stroke)
            self._invalidate()
            return
        self._live_pressure = pressure
        if len(stroke) > 1:
            last = self._live_widths[-1] if self._live_widths else FIRST_SPEED_WIDTH
            self._live_widths.append(pressure_width(stroke[-1][3]) if pressure
                                     else next_speed_width(last, stroke[-2], stroke[-1]))
            dirty = dirty.united(self._settle(len(stroke) - 2))
        self.update(dirty.united(self._tail_rect()))

    def _settle(self, pieces: int) -> QRect:
        """Draw the current stroke's pieces up to number ``pieces`` onto the cache, each once."""
        stroke, dirty = self._current, QRect()
        if self._cache is None or self._settled >= pieces:  # (a rebuilt cache draws them itself)
            return dirty
        painter = QPainter(self._cache)
        painter.setRenderHint(QPainter.Antialiasing)
        while self._settled < pieces:
            self._settled += 1
            piece, width = self._piece(stroke, self._settled), self._live_widths[self._settled - 1]
            self._draw_piece(painter, piece, width)
            dirty = dirty.united(self._rect_around(piece, width))
        painter.end()
        return dirty

    def _settle_all(self) -> None:
        """The stroke is finished: its last piece (or its only dot) goes onto the cache too."""
        stroke = self._current
        if len(stroke) > 1:
            self._settle(len(stroke) - 1)
        elif stroke and self._cache is not None:
            painter = QPainter(self._cache)
            painter.setRenderHint(QPainter.Antialiasing)
            self._draw_dot(painter, stroke[0])
            painter.end()

    def _invalidate(self) -> None:
        self._cache = None
        self.update()

    def _background(self) -> QPixmap:
        """The paper, every finished stroke and the settled pieces of the current one, drawn once."""
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
        if self.is_empty():  # large and dark enough for an elderly patient to read at arm's length
            font = QFont(self.font())
            font.setPointSizeF(max(font.pointSizeF(), 16.0))
            font.setBold(True)
            p.setFont(font)
            p.setPen(self.guide.darker(180))
            p.drawText(QRectF(b.left(), base_y + 2, b.width(), max(b.bottom() - base_y - 2, 24.0)),
                       int(Qt.AlignHCenter | Qt.AlignVCenter), self.tr("Sign here"))
        for stroke in self._strokes:
            if stroke and stroke is not self._current:
                self._draw_stroke(p, stroke)
        if self._current:
            self._settled = max(len(self._current) - 2, 0)
            self._draw_stroke(p, self._current, pieces=self._settled)
        p.end()
        return pix

    def paintEvent(self, event) -> None:  # noqa: N802
        ratio = self.devicePixelRatioF()
        if self._cache is None or self._cache.size() != self.size() * ratio:
            self._cache = self._background()
        p = QPainter(self)
        area = QRectF(event.rect())
        p.drawPixmap(area, self._cache, QRectF(area.x() * ratio, area.y() * ratio,
                                               area.width() * ratio, area.height() * ratio))
        p.setRenderHint(QPainter.Antialiasing)
        stroke = self._current
        if stroke and len(stroke) == 1:
            self._draw_dot(p, stroke[0])
        elif stroke:
            self._draw_piece(p, self._piece(stroke, len(stroke) - 1), self._live_widths[-1])
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
