"""Layouts that keep a screen usable from 1024x768 up: a row of actions that wraps onto a second line
instead of pushing buttons off the window, a grid of boxes that turns into one column when the window is
narrow, and a scrolling area for a page's content (the actions stay outside it, always in view).
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QLayout, QLayoutItem, QScrollArea, QSizePolicy, QSpacerItem, QStyle, QWidget, QWidgetItem,
)

from .widgets import SPACING


class FlowLayout(QLayout):
    """Items in reading order on as many lines as the width needs; a stretch pushes the items after it to
    the far end of their line (as in a QHBoxLayout) when they share it."""

    def __init__(self, parent: QWidget | None = None, spacing: int = SPACING) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    # --- QLayout -------------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def addStretch(self, _stretch: int = 1) -> None:  # noqa: N802 - as QBoxLayout
        self.addItem(QSpacerItem(0, 0, QSizePolicy.Expanding, QSizePolicy.Minimum))

    def addLayout(self, layout: QLayout) -> None:  # noqa: N802 - a nested row keeps its items together
        holder = QWidget(self.parentWidget())
        holder.setLayout(layout)
        layout.setContentsMargins(0, 0, 0, 0)
        self.addWidget(holder)

    def insertWidget(self, index: int, widget: QWidget) -> None:  # noqa: N802
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def spacing(self) -> int:
        return self._spacing

    def expandingDirections(self) -> Qt.Orientations:  # noqa: N802
        return Qt.Orientations(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        width = sum(i.sizeHint().width() for i in self._shown()) + self._spacing * max(0, len(self._shown()) - 1)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), self.minimumSize().height())

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # --- the arrangement -----------------------------------------------------------------------
    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty() or isinstance(i, QSpacerItem)]

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        stretch = None  # once past a stretch, items that start a new line stay at its far end
        for item in self._shown():
            if isinstance(item, QSpacerItem):
                lines[-1].append(item)
                stretch = item
                continue
            w = item.sizeHint().width()
            if lines[-1] and used and used + self._spacing + w > width:
                lines.append([stretch] if stretch is not None else [])
                used = 0
            used += (self._spacing if used else 0) + w
            lines[-1].append(item)
        return [line for line in lines if any(not isinstance(i, QSpacerItem) for i in line)]

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        rtl = (self.parentWidget().layoutDirection() if self.parentWidget() else Qt.LeftToRight) == Qt.RightToLeft
        y = area.y()
        for line in self._lines(area.width()):
            widgets = [i for i in line if not isinstance(i, QSpacerItem)]
            widths = {id(i): min(i.sizeHint().width(), area.width()) for i in widgets}
            heights = {id(i): (i.heightForWidth(widths[id(i)]) if i.hasHeightForWidth() else i.sizeHint().height())
                       for i in widgets}  # words that wrap in a narrow line are given their lines' height
            height = max(heights.values())
            spare = area.width() - sum(widths.values()) - self._spacing * (len(widgets) - 1)
            stretches = sum(isinstance(i, QSpacerItem) for i in line)
            x = 0
            for item in line:
                if isinstance(item, QSpacerItem):
                    x += max(0, spare) // stretches
                    continue
                w, h = widths[id(item)], heights[id(item)]
                if apply:
                    left = area.x() + (area.width() - x - w if rtl else x)
                    item.setGeometry(QRect(QPoint(left, y + (height - h) // 2), QSize(w, h)))
                x += w + self._spacing
            y += height + self._spacing
        return y - self._spacing - area.y() + m.top() + m.bottom() if y > area.y() else m.top() + m.bottom()


class ActionBar(QWidget):
    """The row of a page's actions, kept outside the scrolling content; wraps when the window is narrow."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionBar")
        self.row = FlowLayout(self)
        policy = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def add(self, *widgets: QWidget) -> None:
        for w in widgets:
            self.row.addWidget(w)

    def stretch(self) -> None:
        self.row.addStretch()


class ReflowGrid(QWidget):
    """Boxes side by side in ``columns`` when there is room (``wide`` px), else one under the other."""

    def __init__(self, columns: int = 2, wide: int = 1100, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns, self.wide = columns, wide
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(SPACING * 2)
        self._boxes: list[tuple[QWidget, int]] = []
        self._current = 0

    def add(self, box: QWidget, span: int = 1) -> None:
        self._boxes.append((box, span))
        self._place(self.columns)

    def _place(self, columns: int) -> None:
        self._current = columns
        for box, _ in self._boxes:
            self.grid.removeWidget(box)
        for c in range(self.columns):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        row = col = 0
        for box, span in self._boxes:
            span = min(span, columns)
            if col + span > columns:
                row, col = row + 1, 0
            self.grid.addWidget(box, row, col, 1, span, Qt.AlignTop)
            col += span
            if col >= columns:
                row, col = row + 1, 0

    def resizeEvent(self, event) -> None:  # noqa: N802
        columns = self.columns if event.size().width() >= self.wide else 1
        if columns != self._current:
            self._place(columns)
        super().resizeEvent(event)


def scrolling(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """A page's content in a frameless area that scrolls up and down, never sideways."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area


def scrollbar_width(widget: QWidget) -> int:
    return widget.style().pixelMetric(QStyle.PM_ScrollBarExtent, None, widget)
