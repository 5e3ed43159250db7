"""Form versions: every stored version with its status, what changed between two versions (side by
side: where, before, after), approval by a physician (password re-entered) and retirement. Records
always keep the exact version they showed; retiring only stops offering it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox, QPushButton, QSplitter,
    QTableWidget, QTableWidgetItem, QTextBrowser, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ..common.layouts import ActionBar
from ..common.messages import message_for
from ..common.widgets import Banner
from ..common.words import form_status_word, local_time, procedure_word

if TYPE_CHECKING:
    from ..common.services import DeskServices, StaffSession


class FormsPage(QWidget):
    def __init__(self, services: "DeskServices", session: "StaffSession", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminFormsPage")
        self.services, self.session = services, session
        self.tz = services.settings.current().time_zone
        actor = session.actor
        self.versions = []
        self.list = QTreeWidget(self)
        self.list.setObjectName("formVersions")
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.setAccessibleName(self.tr("Form versions"))
        self.list.setHeaderLabels([self.tr("Procedure"), self.tr("Language"), self.tr("Version"), self.tr("Status"),
                                   self.tr("Approved by"), self.tr("Offered now"), self.tr("Fingerprint")])
        self.old = QComboBox(self)
        self.old.setAccessibleName(self.tr("Earlier version"))
        self.new = QComboBox(self)
        self.new.setAccessibleName(self.tr("Later version"))
        for combo in (self.old, self.new):  # long labels are shortened on a narrow screen, not the window widened
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        self.compare = QPushButton(self.tr("Show &differences"), self)
        self.compare.setAccessibleName(self.tr("Show the differences between the two versions"))
        self.compare.clicked.connect(lambda: self.show_diff(self.old.currentData(), self.new.currentData()))
        cmp_row = QHBoxLayout()
        for text, w in ((self.tr("Compare"), self.old), (self.tr("with"), self.new)):
            label = QLabel(text, self)
            label.setBuddy(w)
            cmp_row.addWidget(label)
            cmp_row.addWidget(w, 1)
        cmp_row.addWidget(self.compare)
        self.diff = QTableWidget(0, 3, self)
        self.diff.setObjectName("formDiff")
        self.diff.setAccessibleName(self.tr("Differences, side by side"))
        self.diff.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Before"), self.tr("After")])
        self.diff.verticalHeader().hide()
        self.diff.setWordWrap(True)
        self.diff.setEditTriggers(QAbstractItemView.NoEditTriggers)
        header = self.diff.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.diff_note = QLabel(self)
        self.diff_note.setObjectName("hint")

        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setAccessibleName(self.tr("Your password (to approve)"))
        self.password.setPlaceholderText(self.tr("Your password (to approve)"))
        self.approve_button = QPushButton(self.tr("&Approve the chosen version"), self)
        self.approve_button.setAccessibleName(self.tr("Approve the chosen version"))
        self.retire_button = QPushButton(self.tr("&Retire the chosen version"), self)
        self.retire_button.setAccessibleName(self.tr("Retire the chosen version"))
        self.read_button = QPushButton(self.tr("Rea&d the chosen version…"), self)
        self.read_button.setAccessibleName(self.tr("Read the whole text of the chosen version"))
        self.read_button.clicked.connect(lambda: self.read(self.selected()))
        self.approve_button.clicked.connect(lambda: self.approve(self.selected(), self.password.text()))
        self.retire_button.clicked.connect(self.ask_retire)
        may_approve = bool(actor and actor.may("forms.approve"))
        for w in (self.password, self.approve_button):
            w.setVisible(may_approve)
        self.retire_button.setVisible(bool(actor and actor.may("forms.retire")))
        actions = ActionBar(self)  # wraps on a narrow screen
        self.password.setMinimumWidth(220)
        actions.add(self.read_button, self.password, self.approve_button)
        actions.stretch()
        actions.add(self.retire_button)
        self.hint = QLabel(self.tr("A physician approves a version before it is used for real patients; records keep "
                                   "the exact version they showed.") if may_approve else
                           self.tr("Only a physician can approve a form version."), self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        # The form's own review notes: the clinical statements to confirm locally before approving.
        # A box of its own that scrolls: a dozen notes must not make the page taller than the screen.
        self.notes = QTextBrowser(self)
        self.notes.setObjectName("reviewNotes")
        self.notes.setMinimumHeight(90)
        self.notes.setLayoutDirection(Qt.LeftToRight)  # the notes are written for the physician in English
        self.banner = Banner(self)

        top = QWidget(self)
        top_box = QVBoxLayout(top)
        top_box.setContentsMargins(0, 0, 0, 0)
        top_box.addWidget(self.list, 1)
        top_box.addWidget(self.notes, 1)
        top_box.addWidget(self.hint)
        top_box.addWidget(actions)
        bottom = QWidget(self)
        bottom_box = QVBoxLayout(bottom)
        bottom_box.setContentsMargins(0, 0, 0, 0)
        bottom_box.addLayout(cmp_row)
        bottom_box.addWidget(self.diff_note)
        bottom_box.addWidget(self.diff, 1)
        split = QSplitter(Qt.Vertical, self)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setChildrenCollapsible(False)
        box = QVBoxLayout(self)
        box.addWidget(self.banner)
        box.addWidget(split, 1)
        self.list.itemSelectionChanged.connect(self._selection)
        self.refresh()

    def label(self, v) -> str:
        return f"{procedure_word(v.procedure)} · {v.language} · {v.version} · {v.content_sha256[:10]}"

    def refresh(self) -> None:
        try:
            self.versions = self.services.forms_admin.list_versions(self.session.actor)
        except Exception as exc:  # noqa: BLE001
            self.banner.show_message("error", message_for(exc))
            return
        chosen = self.selected()
        self.list.clear()
        old, new = self.old.currentData(), self.new.currentData()
        self.old.clear()
        self.new.clear()
        marks = {"approved": "✔", "not-approved": "○", "retired": "✖"}
        for v in self.versions:
            approved = f"{v.approved_by} · {local_time(v.approved_at, self.tz)}" if v.approved_by else ""
            item = QTreeWidgetItem([procedure_word(v.procedure), v.language, v.version,
                                    f"{marks.get(v.status, '')} {form_status_word(v.status)}", approved,
                                    self.tr("Yes") if v.offered else self.tr("No"), v.content_sha256[:16]])
            item.setData(0, Qt.UserRole, v.content_sha256)
            self.list.addTopLevelItem(item)
            if v.content_sha256 == chosen:
                self.list.setCurrentItem(item)
            self.old.addItem(self.label(v), v.content_sha256)
            self.new.addItem(self.label(v), v.content_sha256)
        for c in range(self.list.columnCount()):
            self.list.resizeColumnToContents(c)
        if old:
            self.old.setCurrentIndex(max(0, self.old.findData(old)))
        if new:
            self.new.setCurrentIndex(max(0, self.new.findData(new)))
        elif self.new.count() > 1:
            self.new.setCurrentIndex(1)
        self._selection()

    def selected(self) -> str:
        # The selection, not only the current item: a screen reader selects a row without moving "current".
        chosen = self.list.selectedItems() or ([self.list.currentItem()] if self.list.currentItem() else [])
        return chosen[0].data(0, Qt.UserRole) if chosen else ""

    def select(self, sha: str) -> None:
        for i in range(self.list.topLevelItemCount()):
            if self.list.topLevelItem(i).data(0, Qt.UserRole) == sha:
                self.list.setCurrentItem(self.list.topLevelItem(i))

    def _selection(self) -> None:
        info = next((v for v in self.versions if v.content_sha256 == self.selected()), None)
        self.read_button.setEnabled(info is not None)
        self.approve_button.setEnabled(bool(info and info.status == "not-approved"))
        self.retire_button.setEnabled(bool(info and info.status != "retired"))
        notes = []
        if info is not None:
            try:
                notes = self.services.forms_admin.review_notes(self.session.actor, info.content_sha256)
            except Exception:  # noqa: BLE001 - a version without readable notes shows none
                notes = []
        if notes:
            import html
            self.notes.setHtml("<b>" + html.escape(self.tr("To confirm locally before approving this version:"))
                               + "</b><ul>" + "".join(f"<li><i>{html.escape(w)}</i>: {html.escape(n)}</li>"
                                                      for w, n in notes) + "</ul>")
        else:
            self.notes.clear()
        self.notes.setVisible(bool(notes))
        self.notes.setAccessibleName(self.tr("Review notes for the approving physician"))

    # ------------------------------------------------------------------ actions
    def show_diff(self, old_sha: str, new_sha: str) -> bool:
        self.banner.clear()
        try:
            changes = self.services.forms_admin.diff(self.session.actor, old_sha or "", new_sha or "")
        except Exception as exc:  # noqa: BLE001
            self.banner.show_message("error", message_for(exc))
            return False
        words = {"added": self.tr("added"), "removed": self.tr("removed"), "changed": self.tr("changed")}
        colours = {"added": "#e8f5e9", "removed": "#fdecea", "changed": "#fff6e0"}
        self.diff.setRowCount(len(changes))
        for n, c in enumerate(changes):
            where = QTableWidgetItem(f"{c.where}\n({words.get(c.what, c.what)})")
            old, new = QTableWidgetItem(c.old), QTableWidgetItem(c.new)
            for item in (old, new):
                item.setTextAlignment(Qt.AlignTop | Qt.AlignLeading)
            (old if c.what == "removed" else new).setBackground(QColor(colours.get(c.what, "#ffffff")))
            for col, item in enumerate((where, old, new)):
                self.diff.setItem(n, col, item)
        self.diff.resizeRowsToContents()
        self.diff_note.setText(self.tr("No differences.") if not changes else
                               self.tr("%1 differences (the words say what changed; colour only helps).")
                               .replace("%1", str(len(changes))))
        return True

    def read(self, sha: str):
        """The whole text of the version, to read before approving it."""
        from .form_reader import FormReader

        self.banner.clear()
        info = next((v for v in self.versions if v.content_sha256 == sha), None)
        if info is None:
            return None
        try:
            language, groups = self.services.forms_admin.read(self.session.actor, sha)
        except Exception as exc:  # noqa: BLE001
            self.banner.show_message("error", message_for(exc))
            return None
        reader = FormReader(self.label(info), language, groups, self)
        reader.setWindowModality(Qt.WindowModal)
        reader.open()
        return reader

    def approve(self, sha: str, password: str) -> bool:
        self.banner.clear()
        self.password.clear()
        if not sha:
            return False
        try:
            self.services.forms_admin.approve(self.session.actor, password, sha)
        except Exception as exc:  # noqa: BLE001
            self.banner.show_message("error", message_for(exc))
            return False
        self.refresh()
        self.banner.show_message("ok", self.tr("The version was approved; it can now be used for patients."))
        return True

    def ask_retire(self) -> None:
        sha = self.selected()
        if not sha:
            return
        box = QMessageBox(QMessageBox.Question, self.tr("Retire the version"),
                          self.tr("Stop offering this version for new consents? Records that used it keep it."),
                          QMessageBox.Yes | QMessageBox.No, self)
        box.button(QMessageBox.Yes).setText(self.tr("Retire"))
        box.button(QMessageBox.No).setText(self.tr("Keep"))
        if box.exec() == QMessageBox.Yes:
            self.retire(sha)

    def retire(self, sha: str) -> bool:
        self.banner.clear()
        try:
            self.services.forms_admin.retire(self.session.actor, sha)
        except Exception as exc:  # noqa: BLE001
            self.banner.show_message("error", message_for(exc))
            return False
        self.refresh()
        self.banner.show_message("ok", self.tr("The version was retired."))
        return True
