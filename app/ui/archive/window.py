"""The archive window: search, results, the chosen record's preview, and the actions on records
(print, export a range, verify, withdraw, correct), each shown only to the roles that may use it (the
services enforce the same rules).

Searching and opening are audited by ``ArchiveService``; the preview opens after the selection has
settled (arrowing through a list does not open every record on the way).
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QItemSelectionModel, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLabel, QMainWindow, QPushButton, QSplitter, QTableView,
    QVBoxLayout, QWidget,
)

from ..common.date_field import first_day_of_week
from ..common.layouts import ActionBar
from ..common.messages import message_for
from ..common.screen_fit import fit_to_screen
from ..common.widgets import Banner
from ..common.words import isolate
from .preview import PreviewPanel
from .search import COLUMNS, ROW_ROLE, ArchiveModel, SearchBar

if TYPE_CHECKING:
    from ..common.services import DeskServices, StaffSession

log = logging.getLogger(__name__)
PREVIEW_DELAY_MS = 250

# The shell's header buttons and window titles added for this part (desk/window.py); listed here so
# that archive_ar.ts carries their Arabic.
SHELL_TEXTS = (
    QT_TRANSLATE_NOOP("MainWindow", "Archive"),
    QT_TRANSLATE_NOOP("MainWindow", "Administration"),
)

SHORTCUTS = {"print": "Ctrl+P", "export": "Ctrl+E", "verify": "Ctrl+Shift+V", "verify_all": "Ctrl+Alt+V",
             "withdraw": "Ctrl+Shift+W", "correct": "Ctrl+Shift+C", "find": "Ctrl+F", "close": "Ctrl+W"}


class ArchiveWindow(QMainWindow):
    recordsChanged = Signal()

    def __init__(self, services: "DeskServices", session: "StaffSession", parent: QWidget | None = None, *,
                 print_backend="detect", printer_factory=None) -> None:
        super().__init__(parent)
        if parent is not None:
            self.setWindowFlag(Qt.Window, True)
        self.setObjectName("archiveWindow")
        self.services, self.session = services, session
        self.print_backend, self.printer_factory = print_backend, printer_factory
        self.tz = services.settings.current().time_zone
        self.last_query = None
        self.more = False
        self.dialog = None  # the dialog open now (tests reach it)

        central = QWidget(self)
        self.setCentralWidget(central)
        self.bar = SearchBar(services.ctx.today(), central, first_day=first_day_of_week(services.settings.current()))
        self.count = QLabel(central)
        self.count.setObjectName("hint")
        self.banner = Banner(central)
        self.model = ArchiveModel(self.tz, self)
        self.table = QTableView(central)
        self.table.setObjectName("archiveResults")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(COLUMNS.index("signed_at"), Qt.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.preview = PreviewPanel(self.tz, central)
        split = QSplitter(Qt.Horizontal, central)
        split.addWidget(self.table)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)

        self.buttons: dict[str, QPushButton] = {}
        actions = ActionBar(central)  # wraps on a narrow screen; never off the window
        for key in ("print", "export", "verify", "verify_all", "withdraw", "correct"):
            b = QPushButton(central)
            b.setObjectName(f"archive_{key}")
            self.buttons[key] = b
            actions.add(b)
        actions.stretch()
        self.close_button = QPushButton(central)
        actions.add(self.close_button)

        outer = QVBoxLayout(central)
        outer.addWidget(self.bar)
        outer.addWidget(self.count)
        outer.addWidget(self.banner)
        outer.addWidget(split, 1)
        outer.addWidget(actions)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.open_current)
        self.bar.search.connect(self.search)
        self.model.sortRequested.connect(self._resort)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(lambda _i: self.open_current())
        self.preview.openLinked.connect(self.open_record)
        b = self.buttons
        b["print"].clicked.connect(self.print_records)
        b["export"].clicked.connect(self.export_range)
        b["verify"].clicked.connect(lambda: self.verify(self.selected_ids()))
        b["verify_all"].clicked.connect(lambda: self.verify(None))
        b["withdraw"].clicked.connect(self.withdraw)
        b["correct"].clicked.connect(self.correct)
        self.close_button.clicked.connect(self.close)
        self.shortcuts: dict[str, QShortcut] = {}
        for key, seq in SHORTCUTS.items():
            sc = QShortcut(QKeySequence(seq), self)
            target = {"find": lambda: self.bar.text.setFocus(Qt.ShortcutFocusReason),
                      "close": self.close}.get(key) or self.buttons[key].click
            sc.activated.connect(target)
            self.shortcuts[key] = sc
        session.changed.connect(self.apply_role)
        fit_to_screen(self, QSize(1380, 860))
        self.retranslate()
        self.apply_role()
        self._selection_changed()

    # ------------------------------------------------------------------ texts and roles
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Consent archive"))
        texts = {"print": (self.tr("&Print…"), self.tr("Print the chosen records or a range of days")),
                 "export": (self.tr("E&xport…"), self.tr("Export a range of days to one PDF")),
                 "verify": (self.tr("&Verify chosen"), self.tr("Verify the chosen records")),
                 "verify_all": (self.tr("Verify &all…"), self.tr("Verify every record of the archive")),
                 "withdraw": (self.tr("&Withdrawal…"), self.tr("Record the patient's withdrawal of consent")),
                 "correct": (self.tr("C&orrect…"), self.tr("Correct a wrong detail of the record"))}
        for key, (text, name) in texts.items():
            button = self.buttons[key]
            button.setText(text)
            button.setAccessibleName(name)
            seq = QKeySequence(SHORTCUTS[key]).toString(QKeySequence.NativeText)
            button.setToolTip(f"{name} ({seq})")
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close the archive"))
        self.table.setAccessibleName(self.tr("Records found"))
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def actor(self):
        return self.session.actor

    def apply_role(self) -> None:
        """Show only what the signed-in role may do (the services refuse the rest anyway)."""
        actor = self.actor()
        allowed = {"print": "record.print", "export": "archive.export", "verify": "archive.verify",
                   "verify_all": "archive.verify", "withdraw": "record.withdraw", "correct": "record.correct"}
        for key, action in allowed.items():
            may = bool(actor and actor.may(action))
            self.buttons[key].setVisible(may)
            self.shortcuts[key].setEnabled(may)

    # ------------------------------------------------------------------ searching
    def search(self, *, keep_sort: bool = True) -> bool:
        sort, desc = (self.model.sort_key, self.model.descending) if keep_sort else ("signed_at", True)
        return self.run_query(self.bar.query(sort, desc))

    def run_query(self, query) -> bool:
        self.banner.clear()
        try:
            result = self.services.archive.find(self.actor(), query)
        except Exception as exc:  # noqa: BLE001 - shown to the person
            self.banner.show_message("error", message_for(exc))
            return False
        self.last_query = query
        self.more = result.more
        self.model.set_rows(result.rows)
        self.table.resizeColumnsToContents()
        self._update_count()
        self._selection_changed()
        return True

    def _resort(self, key: str, descending: bool) -> None:
        if self.last_query is None:
            return
        from dataclasses import replace

        self.run_query(replace(self.last_query, sort=key, descending=descending))

    def _update_count(self) -> None:
        if self.last_query is None:
            self.count.setText(self.tr("Search by any word of a name, an MRN or a national ID, or by days, "
                                       "procedure and status."))
        elif self.more:
            self.count.setText(self.tr("The first %1 records are shown; narrow the search to see the rest.")
                               .replace("%1", str(len(self.model.rows))))
        else:
            self.count.setText(self.tr("%n record(s) found.", "", len(self.model.rows)))

    def rows(self):
        return self.model.rows

    def selected_rows(self):
        indexes = self.table.selectionModel().selectedRows()
        return [self.model.data(i, ROW_ROLE) for i in sorted(indexes, key=lambda i: i.row())]

    def selected_ids(self) -> list[str]:
        return [r.record_id for r in self.selected_rows()]

    def select_record(self, record_id: str) -> bool:
        for n, row in enumerate(self.model.rows):
            if row.record_id == record_id:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(n, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
                return True
        return False

    def _selection_changed(self, *_args) -> None:
        rows = self.selected_rows()
        one = rows[0] if len(rows) == 1 else None
        self.buttons["verify"].setEnabled(bool(rows))
        self.buttons["withdraw"].setEnabled(bool(one and one.kind in ("consent", "correction")
                                                 and one.status not in ("withdrawn", "superseded")))
        self.buttons["correct"].setEnabled(bool(one and one.kind in ("consent", "refusal", "correction")
                                                and one.status != "superseded"))
        if one is not None:
            self.timer.start()
        else:
            self.timer.stop()

    # ------------------------------------------------------------------ one record
    def open_current(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            self.open_record(rows[0].record_id)

    def open_record(self, record_id: str) -> bool:
        if not record_id:
            return False
        if self.preview.view_data is not None and self.preview.view_data.record_id == record_id:
            return True
        try:
            view = self.services.archive.open_record(self.actor(), record_id)
        except Exception as exc:  # noqa: BLE001
            self.banner.show_message("error", message_for(exc))
            return False
        self.preview.show_view(view)
        return True

    def current_record(self) -> dict | None:
        rows = self.selected_rows()
        if len(rows) != 1 or not self.open_record(rows[0].record_id):
            return None
        return self.preview.view_data.record

    # ------------------------------------------------------------------ actions
    def print_records(self) -> None:
        from .print_dialog import PrintDialog

        dialog = PrintDialog(self.services, self.session, self.selected_ids(), backend=self.print_backend,
                             printer_factory=self.printer_factory, parent=self)
        self._run_dialog(dialog)

    def export_range(self) -> None:
        from .export_dialog import ExportDialog

        q = self.last_query
        kwargs = {}
        if q is not None and q.date_from and q.date_to:
            import datetime as dt

            kwargs = {"date_from": dt.date.fromisoformat(q.date_from), "date_to": dt.date.fromisoformat(q.date_to)}
        self._run_dialog(ExportDialog(self.services, self.session, parent=self, **kwargs))

    def verify(self, record_ids: list[str] | None) -> None:
        from .verify import VerifyDialog

        if record_ids is not None and not record_ids:
            return
        dialog = VerifyDialog(self.services, self.session, record_ids, parent=self)
        dialog.start()
        self._run_dialog(dialog)

    def withdraw(self) -> None:
        from .outcome_dialogs import WithdrawDialog

        record = self.current_record()
        if record is not None:
            self._outcome(WithdrawDialog(self.services, self.session, record, self),
                          self.tr("The withdrawal was sealed as record %1."))

    def correct(self) -> None:
        from .outcome_dialogs import CorrectDialog

        record = self.current_record()
        if record is not None:
            self._outcome(CorrectDialog(self.services, self.session, record, self),
                          self.tr("The correction was sealed as record %1."))

    def _outcome(self, dialog, text: str) -> None:
        dialog.finished.connect(lambda _r: self._outcome_done(dialog, text))
        self._run_dialog(dialog)

    def _outcome_done(self, dialog, text: str) -> None:
        if dialog.sealed is None:
            return
        new_id = dialog.sealed.record_id
        if self.last_query is not None:
            self.run_query(self.last_query)
        self.banner.show_message("ok", text.replace("%1", isolate(new_id)))
        self.open_record(new_id)
        self.select_record(new_id)
        self.recordsChanged.emit()

    def _run_dialog(self, dialog) -> None:
        """Window-modal and not blocking (tests drive the dialog; the archive stays responsive)."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WA_DeleteOnClose, True)
        dialog.setWindowModality(Qt.WindowModal)
        dialog.destroyed.connect(lambda *_: setattr(self, "dialog", None) if self.dialog is dialog else None)
        dialog.open()

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.dialog is not None:
            self.dialog.reject()
        super().closeEvent(event)
