"""Check boxes and radio buttons whose words wrap onto more lines instead of being cut at the edge of a
narrow box ("Cannot write: signs with a mark (a witness is then required)"), and that answer a tap
anywhere on their words. They are QCheckBox and QRadioButton: state, signals and accessibility as usual.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QGridLayout, QRadioButton, QSizePolicy, QStyle, QStyleOptionButton, QStylePainter,
    QTextBrowser, QWidget,
)

_FLAGS = Qt.TextWordWrap | Qt.TextShowMnemonic


class _Wraps:
    _control: QStyle.ControlElement
    _indicator: QStyle.SubElement
    _size: QStyle.ContentsType
    _spacing: QStyle.PixelMetric

    def _setup(self) -> None:
        policy = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _option(self) -> QStyleOptionButton:
        opt = QStyleOptionButton()
        self.initStyleOption(opt)
        return opt

    def _outer(self, text: QSize) -> QSize:
        self.ensurePolished()  # the style sheet's font and padding, before anything is measured (as Qt's own do)
        return self.style().sizeFromContents(self._size, self._option(), text, self)

    def _text_size(self, width: int | None) -> QSize:
        self.ensurePolished()
        metrics = self.fontMetrics()
        if width is None:  # on one line, with a pixel or two to spare (fractional advances round up)
            return metrics.size(Qt.TextShowMnemonic, self.text()) + QSize(3, 0)
        return metrics.boundingRect(QRect(0, 0, max(1, width), 100000), _FLAGS, self.text()).size()

    def sizeHint(self) -> QSize:  # noqa: N802 - on one line when there is room
        return self._outer(self._text_size(None))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - the longest word decides
        longest = max((self.fontMetrics().horizontalAdvance(w) for w in self.text().replace("&", "").split()),
                      default=0)
        return self._outer(QSize(min(longest, 160), self.fontMetrics().height()))

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        frame = self._outer(QSize(0, 0)).width()
        return self._outer(self._text_size(width - frame)).height()

    def event(self, event) -> bool:
        # A new style or font changes the size: layouts that kept the old one are told.
        if event.type() in (QEvent.StyleChange, QEvent.FontChange):
            self.updateGeometry()
        return super().event(event)

    def hitButton(self, pos) -> bool:  # noqa: N802 - a tap on the words counts
        return self.rect().contains(pos)

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QStylePainter(self)
        opt = self._option()
        text, opt.text = opt.text, ""
        painter.drawControl(self._control, opt)
        opt.text = text
        # The words take the width the size hint counted for them, next to the box (the style's contents
        # rectangle under a style sheet is narrower than that, and cut the last word).
        indicator = self.style().subElementRect(self._indicator, opt, self)
        spacing = self.style().pixelMetric(self._spacing, opt, self)
        width = max(1, self.width() - self._outer(QSize(0, 0)).width())
        if self.layoutDirection() == Qt.RightToLeft:
            area = QRect(indicator.left() - spacing - width, 0, width, self.height())
        else:
            area = QRect(indicator.right() + 1 + spacing, 0, width, self.height())
        # Absolute: the style's contents rect is already on the right side for right to left.
        align = Qt.AlignVCenter | Qt.AlignAbsolute | (
            Qt.AlignRight if self.layoutDirection() == Qt.RightToLeft else Qt.AlignLeft)
        group = QPalette.Active if self.isEnabled() else QPalette.Disabled
        painter.setPen(self.palette().color(group, self.foregroundRole()))
        painter.drawText(area, int(align | _FLAGS), text)


class WrappingCheckBox(_Wraps, QCheckBox):
    _control, _indicator, _size = QStyle.CE_CheckBox, QStyle.SE_CheckBoxIndicator, QStyle.CT_CheckBox
    _spacing = QStyle.PM_CheckBoxLabelSpacing

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._setup()


class WrappingRadioButton(_Wraps, QRadioButton):
    _control, _indicator, _size = QStyle.CE_RadioButton, QStyle.SE_RadioButtonIndicator, QStyle.CT_RadioButton
    _spacing = QStyle.PM_RadioButtonLabelSpacing

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._setup()


class ChoiceButtons(QWidget):
    """One of a few choices as radio buttons (one tap, every choice readable), with a combo box's
    interface: ``addItem(text, data)``, ``currentData()``, ``findData()``, ``setCurrentIndex()``,
    ``currentIndexChanged``. An item whose data is None is the "nothing chosen yet" state: no button."""

    currentIndexChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, columns: int = 1) -> None:
        super().__init__(parent)
        self.columns = columns
        self._items: list[tuple[str, object, QRadioButton | None]] = []
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(16)
        self._grid.setVerticalSpacing(0)
        self._group.idToggled.connect(self._toggled)
        self._current = -1

    def addItem(self, text: str, data: object = None) -> None:  # noqa: N802
        button = None
        if data is not None:
            button = WrappingRadioButton(text, self)
            button.setAccessibleName(text.replace("&", ""))
            self._group.addButton(button, len(self._items))
            shown = sum(1 for _, _, b in self._items if b is not None)
            self._grid.addWidget(button, shown // self.columns, shown % self.columns)
        self._items.append((text, data, button))
        if self._current < 0:
            self._current = 0 if data is None else -1

    def buttons(self) -> list[QRadioButton]:
        return [b for _, _, b in self._items if b is not None]

    def clear(self) -> None:
        for _, _, b in self._items:
            if b is not None:
                self._group.removeButton(b)
                b.deleteLater()
        self._items.clear()
        self._current = -1

    def count(self) -> int:
        return len(self._items)

    def itemData(self, index: int) -> object:  # noqa: N802
        return self._items[index][1] if 0 <= index < len(self._items) else None

    def itemText(self, index: int) -> str:  # noqa: N802
        return self._items[index][0] if 0 <= index < len(self._items) else ""

    def findData(self, data: object) -> int:  # noqa: N802
        return next((i for i, (_, d, _) in enumerate(self._items) if d == data), -1)

    def currentIndex(self) -> int:  # noqa: N802
        return self._current

    def currentData(self) -> object:  # noqa: N802
        return self.itemData(self._current)

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802
        if not 0 <= index < len(self._items) or index == self._current:
            return
        button = self._items[index][2]
        if button is None:  # nothing chosen: clear the exclusive group
            self._group.setExclusive(False)
            for b in self.buttons():
                b.setChecked(False)
            self._group.setExclusive(True)
            self._current = index
            self.currentIndexChanged.emit(index)
        else:
            button.setChecked(True)

    def _toggled(self, index: int, checked: bool) -> None:
        if checked and index != self._current:
            self._current = index
            if not self.signalsBlocked():
                self.currentIndexChanged.emit(index)

    def setFocus(self, reason=Qt.OtherFocusReason) -> None:  # noqa: N802
        target = self._items[self._current][2] if 0 <= self._current < len(self._items) else None
        target = target or (self.buttons()[0] if self.buttons() else None)
        if target is not None:
            target.setFocus(reason)


class WholeText(QTextBrowser):
    """Text shown whole at any width: it never scrolls inside a small box (the page scrolls instead), so
    no last line is ever cut under the edge."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        policy = QSizePolicy(QSizePolicy.Expanding, QSizePolicy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.document().documentLayout().documentSizeChanged.connect(lambda *_: self.updateGeometry())

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        self.ensurePolished()
        # The text is laid out in the viewport: what the frame, the padding and the margins leave of the width.
        around_w = self.width() - self.viewport().width()
        around_h = self.height() - self.viewport().height()
        document = self.document().clone()
        document.setTextWidth(max(50, width - around_w))
        return int(document.size().height() + 0.5) + around_h

    def sizeHint(self) -> QSize:  # noqa: N802
        width = max(self.width(), 300)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(120, self.heightForWidth(max(self.width(), 300)))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()
