"""The archive's search bar and its results: the filters (any word of a name, MRN or national ID,
signing dates, procedure, status) and a table model over ``ArchiveRow``s.

Sorting a column asks the service again (``ArchiveQuery.sort``), so the order holds across the whole
archive, not only the rows on screen. The folding of Arabic spellings and Latin case is the
service's; the bar passes the words as typed.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.services.archive import ArchiveQuery, ArchiveRow

from ..common.words import date_edit, iso, kind_word, local_time, procedure_word, status_mark, status_word

COLUMNS = ("signed_at", "name", "mrn", "status", "kind", "procedure", "national_id", "record_id")
SORT_KEY = {"signed_at": "signed_at", "name": "name", "mrn": "mrn", "procedure": "procedure", "kind": "kind",
            "status": "status", "record_id": "record_id"}  # national_id: no service order
FILTER_STATUSES = ("signed", "verified", "withdrawn", "superseded", "expired", "refused", "withdrawal",
                   "verification")
ROW_ROLE = Qt.UserRole


class ArchiveModel(QAbstractTableModel):
    sortRequested = Signal(str, bool)  # service sort key, descending

    def __init__(self, tz: str = "Asia/Riyadh", parent=None) -> None:
        super().__init__(parent)
        self.rows: list[ArchiveRow] = []
        self.tz = tz
        self.sort_key, self.descending = "signed_at", True

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headers(self) -> dict[str, str]:
        return {"signed_at": self.tr("Signed"), "name": self.tr("Patient"), "mrn": self.tr("MRN"),
                "national_id": self.tr("National ID"), "procedure": self.tr("Procedure"), "kind": self.tr("Record"),
                "status": self.tr("Status"), "record_id": self.tr("Record number")}

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(COLUMNS):
            return self.headers()[COLUMNS[section]]
        return None

    def text(self, row: ArchiveRow, column: str) -> str:
        if column == "signed_at":
            return local_time(row.signed_at, self.tz)
        if column == "name":
            return row.name_ar + (f" ({row.name_latin})" if row.name_latin else "")
        if column == "procedure":
            return procedure_word(row.procedure)
        if column == "kind":
            return kind_word(row.kind) + (" · " + self.tr("training") if row.demo else "")
        if column == "status":
            return f"{status_mark(row.status)} {status_word(row.status)}"
        return str(getattr(row, column) or "")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], COLUMNS[index.column()]
        if role in (Qt.DisplayRole, Qt.AccessibleTextRole):
            return self.text(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ForegroundRole and column == "status" and row.status in ("withdrawn", "superseded", "expired"):
            return QColor("#8a1c1c")  # the word and the mark say it too
        if role == Qt.TextAlignmentRole and column in ("mrn", "national_id", "record_id", "signed_at"):
            return int(Qt.AlignVCenter | Qt.AlignLeading)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        key = SORT_KEY.get(COLUMNS[column]) if 0 <= column < len(COLUMNS) else None
        if key is None:  # no order across the archive for this column: sort what is on screen
            self.layoutAboutToBeChanged.emit()
            self.rows.sort(key=lambda r: getattr(r, COLUMNS[column]) or "", reverse=order == Qt.DescendingOrder)
            self.layoutChanged.emit()
            return
        self.sort_key, self.descending = key, order == Qt.DescendingOrder
        self.sortRequested.emit(key, self.descending)


class SearchBar(QWidget):
    """The filters, one row; Enter in the text field or the button searches."""

    search = Signal()

    def __init__(self, today: dt.date, parent: QWidget | None = None, *, first_day: Qt.DayOfWeek = Qt.Sunday) -> None:
        super().__init__(parent)
        self.setObjectName("archiveSearchBar")
        self.text = QLineEdit(self)
        self.text.setObjectName("archiveQuery")
        self.text.setClearButtonEnabled(True)
        self.text.setMaxLength(120)
        self.use_dates = QCheckBox(self)
        self.use_dates.setObjectName("archiveUseDates")
        self.date_from = date_edit(today, self, first_day=first_day)
        self.date_to = date_edit(today, self, first_day=first_day)
        self.procedure = QComboBox(self)
        self.status = QComboBox(self)
        self.button = QPushButton(self)
        self.button.setObjectName("primary")
        self.clear_button = QPushButton(self)
        self.text_label = QLabel(self)
        self.text_label.setBuddy(self.text)
        # Two lines: the words with the buttons, then the filters (one line was wider than 1024 px).
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        first, second = QHBoxLayout(), QHBoxLayout()
        for w, stretch in ((self.text_label, 0), (self.text, 1), (self.button, 0), (self.clear_button, 0)):
            first.addWidget(w, stretch)
        for w, stretch in ((self.use_dates, 0), (self.date_from, 0), (self.date_to, 0), (self.procedure, 1),
                           (self.status, 1)):
            second.addWidget(w, stretch)
        rows.addLayout(first)
        rows.addLayout(second)
        self.text.returnPressed.connect(self.search)
        self.button.clicked.connect(self.search)
        self.clear_button.clicked.connect(self.clear)
        self.use_dates.toggled.connect(self._dates_toggled)
        self.retranslate()
        self._dates_toggled(False)

    def retranslate(self) -> None:
        self.text_label.setText(self.tr("&Find"))
        self.text.setPlaceholderText(self.tr("Any word of a name, an MRN or a national ID"))
        self.text.setAccessibleName(self.tr("Find: any word of a name, an MRN or a national ID"))
        self.use_dates.setText(self.tr("Signed &between"))
        self.use_dates.setAccessibleName(self.tr("Limit to the days of signing"))
        self.date_from.setAccessibleName(self.tr("First day"))
        self.date_to.setAccessibleName(self.tr("Last day"))
        self.procedure.setAccessibleName(self.tr("Procedure"))
        self.status.setAccessibleName(self.tr("Status"))
        self.button.setText(self.tr("&Search"))
        self.button.setAccessibleName(self.tr("Search the archive"))
        self.clear_button.setText(self.tr("C&lear"))
        self.clear_button.setAccessibleName(self.tr("Clear the filters"))
        current_p, current_s = self.procedure.currentData(), self.status.currentData()
        self.procedure.clear()
        self.procedure.addItem(self.tr("Any procedure"), None)
        for p in ("vertebroplasty", "kyphoplasty"):
            self.procedure.addItem(procedure_word(p), p)
        self.status.clear()
        self.status.addItem(self.tr("Any status"), None)
        for s in FILTER_STATUSES:
            self.status.addItem(f"{status_mark(s)} {status_word(s)}", s)
        self.procedure.setCurrentIndex(max(0, self.procedure.findData(current_p)))
        self.status.setCurrentIndex(max(0, self.status.findData(current_s)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)

    def clear(self) -> None:
        self.text.clear()
        self.use_dates.setChecked(False)
        self.procedure.setCurrentIndex(0)
        self.status.setCurrentIndex(0)

    def query(self, sort: str = "signed_at", descending: bool = True, limit: int = 200) -> ArchiveQuery:
        dates = self.use_dates.isChecked()
        return ArchiveQuery(text=self.text.text().strip(), date_from=iso(self.date_from) if dates else None,
                            date_to=iso(self.date_to) if dates else None, procedure=self.procedure.currentData(),
                            status=self.status.currentData(), sort=sort, descending=descending, limit=limit)
