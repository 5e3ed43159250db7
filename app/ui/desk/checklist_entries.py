"""A repeatable checklist entry: several blood thinners, each with its own fields (the drug, the
date of the last dose, whether it was held), or the explicit "none". Emits the whole answer once it
is complete (every field of every line), so a half-typed line is never saved.

Each line is a small box of its own whose fields, each under its name, sit side by side when there is
room and wrap under one another in a narrow column (1024x768): nothing is pushed off the page. The date
of the last dose is typed as digits like every date of the desk (``DateField``).
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.checklist import offered_choices
from app.domain.form import text_for

from ..common.date_field import DateField
from ..common.layouts import FlowLayout
from ..common.widgets import form_content
from ..common.wrapping import WrappingCheckBox

LAST_DOSE_DAYS = 366  # a last dose is of the last year; an older date is a slip of the finger


class EntryLine(QFrame):
    """One line: a field per item of the entry, each under its name, and a button that removes it."""

    changed = Signal()
    removed = Signal(object)

    def __init__(self, item, number: int, language: str, fracture, parent: QWidget, *, today: dt.date,
                 first_day: Qt.DayOfWeek) -> None:
        super().__init__(parent)
        self.setObjectName("entryLine")
        self.setFrameShape(QFrame.StyledPanel)
        self.item = item
        self.inputs: dict[str, QWidget] = {}
        flow = FlowLayout(self)
        flow.setContentsMargins(6, 4, 6, 4)
        for field in item.fields:
            label = text_for(field, "label", language)
            name = f"{label} {number}"
            if field.kind == "choice":
                w = QComboBox(self)
                # As wide as a short name; the list that opens shows every name whole.
                w.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
                w.setMinimumContentsLength(22)
                w.addItem(self.tr("Choose…"), None)
                for c in offered_choices(field, fracture):
                    w.addItem(text_for(c, "label", language), c.id)
                w.activated.connect(lambda *_: self.changed.emit())
            elif field.kind == "date":
                w = DateField(self, minimum=today - dt.timedelta(days=LAST_DOSE_DAYS), maximum=today,
                              first_day=first_day)
                w.editingFinished.connect(self.changed)
            else:
                w = QLineEdit(self)
                w.editingFinished.connect(self.changed)
            form_content(w).setAccessibleName(name)
            w.setToolTip(name)
            cell = QWidget(self)
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            head = QLabel(label, cell)
            head.setBuddy(w)
            column.addWidget(head)
            w.setParent(cell)
            column.addWidget(w)
            flow.addWidget(cell)
            self.inputs[field.id] = w
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setAccessibleName(self.tr("Remove line %1").replace("%1", str(number)))
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        flow.addStretch()
        flow.addWidget(self.remove_button)

    def sizeHint(self) -> QSize:  # noqa: N802 - as wide as its widest field: the column decides the rest
        minimum = self.layout().minimumSize()
        return QSize(minimum.width(), self.layout().heightForWidth(max(self.width(), minimum.width())))

    def discard(self) -> None:
        self.hide()
        self.deleteLater()

    def value(self) -> dict | None:
        """The line's answer, or None while a required field is empty."""
        out: dict = {}
        for field in self.item.fields:
            w = self.inputs[field.id]
            if isinstance(w, QComboBox):
                v = w.currentData()
            elif isinstance(w, DateField):
                d = w.value()
                v = d.isoformat() if isinstance(d, dt.date) else None
            else:
                v = w.text().strip() or None
            if v is None:
                if field.required:
                    return None
                continue
            out[field.id] = v
        return out

    def set_value(self, value: dict) -> None:
        for field in self.item.fields:
            w, v = self.inputs[field.id], value.get(field.id)
            if isinstance(w, QComboBox):
                w.setCurrentIndex(max(0, w.findData(v)))
            elif isinstance(w, DateField):
                w.set_value(dt.date.fromisoformat(v) if v else None)
            else:
                w.setText("" if v is None else str(v))


class EntriesEditor(QWidget):
    """"None", or lines of entries; ``answered(value)`` with "none", the list, or "" (cleared)."""

    answered = Signal(object)

    def __init__(self, item, language: str, fracture, parent: QWidget | None = None, *,
                 today: dt.date, first_day: Qt.DayOfWeek = Qt.Sunday) -> None:
        super().__init__(parent)
        self.item, self.language, self.fracture = item, language, fracture
        self.today, self.first_day = today, first_day
        self.lines: list[EntryLine] = []
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.none = WrappingCheckBox(text_for(item, "none_label", language), self)
        form_content(self.none).setAccessibleName(self.none.text())
        self.none.toggled.connect(self._none_toggled)
        box.addWidget(self.none)
        self.line_box = QVBoxLayout()
        self.line_box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(self.line_box)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        box.addWidget(self.state)
        self.add_button = QPushButton(self.tr("Add a medicine"), self)
        self.add_button.setAccessibleName(self.tr("Add a medicine: one line per drug, with its last dose"))
        self.add_button.clicked.connect(lambda: self.add_line())
        box.addWidget(self.add_button, 0, Qt.AlignLeading)
        box.addStretch(1)  # a tall row (long staff guidance beside it) leaves the lines their own height
        self.focus_widget = self.none
        self._refresh()

    def add_line(self, value: dict | None = None) -> EntryLine:
        line = EntryLine(self.item, len(self.lines) + 1, self.language, self.fracture, self, today=self.today,
                         first_day=self.first_day)
        if value:
            line.set_value(value)
        line.changed.connect(self._emit)
        line.removed.connect(self._remove)
        self.line_box.addWidget(line)
        self.lines.append(line)
        if not value:
            self.none.blockSignals(True)
            self.none.setChecked(False)
            self.none.blockSignals(False)
        self._refresh()
        return line

    def _remove(self, line: EntryLine) -> None:
        self.lines.remove(line)
        line.discard()
        self._refresh()
        self._emit()

    def _none_toggled(self, checked: bool) -> None:
        if checked:
            for line in list(self.lines):
                self.lines.remove(line)
                line.discard()
            self.answered.emit("none")
        else:
            self.answered.emit("")
        self._refresh()

    def value(self) -> object:
        if self.none.isChecked():
            return "none"
        values = [line.value() for line in self.lines]
        if not values or any(v is None for v in values):
            return None
        return values

    def _emit(self) -> None:
        self._refresh()
        value = self.value()
        if value is not None:
            self.answered.emit(value)
        elif not self.lines and not self.none.isChecked():
            self.answered.emit("")

    def _refresh(self) -> None:
        incomplete = any(line.value() is None for line in self.lines)
        self.state.setText(self.tr("Complete every field of each line; the list is saved when it is complete.")
                           if incomplete else "")
        self.state.setVisible(incomplete)

    def set_value(self, value: object) -> None:
        self.blockSignals(True)
        self.none.blockSignals(True)
        for line in list(self.lines):
            self.lines.remove(line)
            line.discard()
        self.none.setChecked(value == "none")
        if isinstance(value, list):
            for entry in value:
                self.add_line(entry)
        self.none.blockSignals(False)
        self.blockSignals(False)
        self._refresh()
