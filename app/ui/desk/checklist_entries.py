"""A repeatable checklist entry: several blood thinners, each with its own fields (the drug, the
date of the last dose, whether it was held), or the explicit "none". Emits the whole answer once it
is complete (every field of every line), so a half-typed line is never saved.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.checklist import offered_choices
from app.domain.form import text_for

from ..common.widgets import OptionalDateEdit, form_content


class EntryLine(QObject):
    """One line: a widget per field and a button that removes the line, in one row of the editor's
    grid (so that every column lines up under its heading)."""

    changed = Signal()
    removed = Signal(object)

    def __init__(self, item, number: int, language: str, fracture, grid: QGridLayout, row: int,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.item = item
        self.inputs: dict[str, QWidget] = {}
        self.widgets: list[QWidget] = []
        for column, field in enumerate(item.fields):
            name = f"{text_for(field, 'label', language)} {number}"
            if field.kind == "choice":
                w = QComboBox(parent)
                w.addItem(self.tr("Choose…"), None)
                for c in offered_choices(field, fracture):
                    w.addItem(text_for(c, "label", language), c.id)
                w.activated.connect(lambda *_: self.changed.emit())
            elif field.kind == "date":
                w = OptionalDateEdit(parent)
                w.setLayoutDirection(Qt.LeftToRight)
                w.editingFinished.connect(self.changed)
                w.calendarWidget().clicked.connect(lambda *_: self.changed.emit())
            else:
                w = QLineEdit(parent)
                w.editingFinished.connect(self.changed)
            form_content(w).setAccessibleName(name)
            w.setToolTip(name)
            grid.addWidget(w, row, column)
            self.inputs[field.id] = w
            self.widgets.append(w)
        self.remove_button = QPushButton(self.tr("Remove"), parent)
        self.remove_button.setAccessibleName(self.tr("Remove line %1").replace("%1", str(number)))
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        grid.addWidget(self.remove_button, row, len(item.fields))
        self.widgets.append(self.remove_button)

    def discard(self) -> None:
        for w in self.widgets:
            w.hide()
            w.deleteLater()
        self.deleteLater()

    def value(self) -> dict | None:
        """The line's answer, or None while a required field is empty."""
        out: dict = {}
        for field in self.item.fields:
            w = self.inputs[field.id]
            if isinstance(w, QComboBox):
                v = w.currentData()
            elif isinstance(w, OptionalDateEdit):
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
            elif isinstance(w, OptionalDateEdit):
                w.set_value(dt.date.fromisoformat(v) if v else None)
            else:
                w.setText("" if v is None else str(v))


class EntriesEditor(QWidget):
    """"None", or lines of entries; ``answered(value)`` with "none", the list, or "" (cleared)."""

    answered = Signal(object)

    def __init__(self, item, language: str, fracture, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item, self.language, self.fracture = item, language, fracture
        self.lines: list[EntryLine] = []
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.none = QCheckBox(text_for(item, "none_label", language), self)
        self.none.setAccessibleName(self.none.text())
        self.none.toggled.connect(self._none_toggled)
        box.addWidget(self.none)
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.heads: list[QLabel] = []
        for i, field in enumerate(item.fields):
            head = QLabel(text_for(field, "label", language), self)
            self.grid.addWidget(head, 0, i)
            self.grid.setColumnStretch(i, 2 if field.kind == "choice" else 0)
            self.heads.append(head)
        self._next_row = 1
        box.addLayout(self.grid)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        box.addWidget(self.state)
        self.add_button = QPushButton(self.tr("Add a medicine"), self)
        self.add_button.setAccessibleName(self.tr("Add a medicine: one line per drug, with its last dose"))
        self.add_button.clicked.connect(lambda: self.add_line())
        box.addWidget(self.add_button, 0, Qt.AlignLeading)
        self.focus_widget = self.none
        self._refresh()

    def add_line(self, value: dict | None = None) -> EntryLine:
        line = EntryLine(self.item, len(self.lines) + 1, self.language, self.fracture, self.grid, self._next_row,
                         self)
        self._next_row += 1
        if value:
            line.set_value(value)
        line.changed.connect(self._emit)
        line.removed.connect(self._remove)
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
        for head in self.heads:
            head.setVisible(bool(self.lines))
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
