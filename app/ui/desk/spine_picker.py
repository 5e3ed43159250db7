"""A picture of the spine (T1-L5) on which the vertebral levels are chosen.

Mouse: click a vertebra to choose or unchoose it. Keyboard: Up/Down (or Home/End) move the focus
ring, Space or Enter toggles. Chosen levels are filled, ticked and written in bold, so colour is
never the only signal. The accessible description lists the chosen levels.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QWidget

from app.domain.levels import LEVELS, TREATABLE_LEVELS

_ORDER = {name: i for i, name in enumerate(LEVELS)}
ROW = 44  # px per vertebra: a finger's target (the whole row across the picture answers a tap)
MARGIN = 6


class SpinePicker(QWidget):
    levelsChanged = Signal(list)

    def __init__(self, parent: QWidget | None = None, levels: tuple[str, ...] = TREATABLE_LEVELS) -> None:
        super().__init__(parent)
        self._levels = tuple(levels)
        self._chosen: set[str] = set()
        self._current = self._levels.index("T12") if "T12" in self._levels else 0
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
        self.setMinimumSize(230, len(self._levels) * ROW + 2 * MARGIN)
        self.setAccessibleName(self.tr("Spine picture: vertebral levels"))
        self._update_description()

    # --- model ---------------------------------------------------------------------------------
    def levels(self) -> list[str]:
        return sorted(self._chosen, key=_ORDER.__getitem__)

    def setLevels(self, levels) -> None:  # noqa: N802 - Qt naming
        chosen = {lv for lv in levels if lv in self._levels}
        if chosen != self._chosen:
            self._chosen = chosen
            self._changed()

    def current_level(self) -> str:
        return self._levels[self._current]

    def toggle(self, level: str) -> None:
        if level not in self._levels:
            return
        self._chosen ^= {level}
        self._current = self._levels.index(level)
        self._changed()

    def _changed(self) -> None:
        self._update_description()
        self.update()
        self.levelsChanged.emit(self.levels())

    def _update_description(self) -> None:
        chosen = "، ".join(self.levels()) if self.layoutDirection() == Qt.RightToLeft else ", ".join(self.levels())
        text = self.tr("Chosen levels: %1").replace("%1", chosen) if chosen else self.tr("No level chosen yet")
        self.setAccessibleDescription(
            text + " " + self.tr("(Up and Down move, Space chooses; now on %1)").replace("%1", self.current_level()))
        self.setToolTip(text)

    # --- geometry ------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(230, len(self._levels) * ROW + 2 * MARGIN)

    def _rects(self) -> list[QRectF]:
        """One rectangle per vertebra, head at the top; the column sits on the reading side."""
        n = len(self._levels)
        margin = float(MARGIN)
        h = (self.height() - 2 * margin) / n
        body_w = min(self.width() * 0.45, 120.0)
        rtl = self.layoutDirection() == Qt.RightToLeft
        x = self.width() - margin - 60 - body_w if not rtl else margin + 60
        x = max(margin, x) if not rtl else x
        rects = []
        for i, name in enumerate(self._levels):
            # Lumbar bodies are larger, as in the body.
            grow = 1.0 + 0.35 * (i / max(1, n - 1))
            w = body_w * (0.72 + 0.28 * grow / 1.35)
            cx = x + body_w / 2
            rects.append(QRectF(cx - w / 2, margin + i * h + h * 0.1, w, h * 0.8))
        return rects

    def level_at(self, pos: QPointF) -> str | None:
        n = len(self._levels)
        margin = float(MARGIN)
        h = (self.height() - 2 * margin) / n
        i = int((pos.y() - margin) // h)
        if 0 <= i < n:
            return self._levels[i]
        return None

    def level_rect(self, level: str) -> QRectF:
        return self._rects()[self._levels.index(level)]

    # --- events --------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.LeftButton:
            level = self.level_at(event.position())
            if level:
                self.setFocus(Qt.MouseFocusReason)
                self.toggle(level)
                event.accept()
                return
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key = event.key()
        moves = {Qt.Key_Up: -1, Qt.Key_Down: 1, Qt.Key_PageUp: -5, Qt.Key_PageDown: 5}
        if key in moves:
            self._current = max(0, min(len(self._levels) - 1, self._current + moves[key]))
        elif key == Qt.Key_Home:
            self._current = 0
        elif key == Qt.Key_End:
            self._current = len(self._levels) - 1
        elif key in (Qt.Key_Space, Qt.Key_Return, Qt.Key_Enter):
            self.toggle(self.current_level())
            return
        else:
            super().keyPressEvent(event)
            return
        self._update_description()
        self.update()
        self._show_current()

    def _show_current(self) -> None:
        """Keep the vertebra under the keyboard's ring in view when the page scrolls."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None and parent.widget() is not None:
            centre = self.mapTo(parent.widget(), self.level_rect(self.current_level()).toRect().center())
            parent.ensureVisible(centre.x(), centre.y(), 20, ROW)

    def focusInEvent(self, event) -> None:  # noqa: N802
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        self.update()
        super().focusOutEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == event.Type.LayoutDirectionChange:
            self._update_description()
        super().changeEvent(event)

    # --- painting ------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        pal = self.palette()
        rects = self._rects()
        rtl = self.layoutDirection() == Qt.RightToLeft
        # The spinal canal behind the bodies.
        canal_x = rects[0].center().x()
        p.setPen(QPen(QColor("#c9c2b6"), 3))
        p.drawLine(QPointF(canal_x, rects[0].top()), QPointF(canal_x, rects[-1].bottom()))
        font = QFont(self.font())
        for i, (name, r) in enumerate(zip(self._levels, rects)):
            chosen = name in self._chosen
            path = QPainterPath()
            path.addRoundedRect(r, r.height() * 0.3, r.height() * 0.3)
            p.setPen(QPen(QColor("#1f4e79") if chosen else QColor("#8a7f70"), 2 if chosen else 1))
            p.fillPath(path, QColor("#2f6fad") if chosen else QColor("#efe9df"))
            p.drawPath(path)
            if chosen:  # a tick inside the body: the choice is visible without colour
                p.setPen(QPen(QColor("white"), 2.2))
                c = r.center()
                s = min(r.height() * 0.35, 7.0)
                p.drawPolyline([QPointF(c.x() - s, c.y()), QPointF(c.x() - s * 0.3, c.y() + s * 0.7),
                                QPointF(c.x() + s, c.y() - s * 0.6)])
            font.setBold(chosen)
            p.setFont(font)
            p.setPen(pal.color(pal.ColorRole.WindowText))
            gap = 10
            if rtl:
                label = QRectF(r.right() + gap, r.top() - 4, self.width() - r.right() - gap, r.height() + 8)
                align = Qt.AlignLeft | Qt.AlignVCenter
            else:
                label = QRectF(0, r.top() - 4, r.left() - gap, r.height() + 8)
                align = Qt.AlignRight | Qt.AlignVCenter
            text = f"✓ {name}" if chosen else name
            p.drawText(label, int(align), text)
            if i == self._current and self.hasFocus():
                ring = r.adjusted(-4, -3, 4, 3)
                pen = QPen(pal.color(pal.ColorRole.Highlight), 2, Qt.DashLine)
                p.setPen(pen)
                p.setBrush(Qt.NoBrush)
                p.drawRoundedRect(ring, 6, 6)
        p.end()
