"""Today at the desk: consents in progress, waiting for signatures, signed and waiting for the
procedure (readiness as words and a shape, never colour alone), expiring soon; and patient search."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget,
)

from ..common.layouts import scrolling
from ..common.messages import show_error
from ..common.widgets import Banner
from ..common.words import local_time

if TYPE_CHECKING:
    from ..common.services import DeskServices, StaffSession

log = logging.getLogger(__name__)
ID_ROLE = Qt.UserRole
KIND_ROLE = Qt.UserRole + 1
MAX_VISIBLE_ROWS = 6


def readiness_icon(readiness: str, size: int = 20) -> QIcon:
    """A distinct shape per state (tick in a circle, octagon bar, triangle mark, hollow circle)."""
    pix = QPixmap(size, size)
    pix.fill(Qt.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.Antialiasing)
    r = QRectF(2, 2, size - 4, size - 4)
    white = QPen(QColor("white"), max(2.0, size / 9))
    if readiness == "clear":
        p.setPen(Qt.NoPen)
        p.setBrush(QColor("#1b7a3d"))
        p.drawEllipse(r)
        p.setPen(white)
        path = QPainterPath(QPointF(size * .28, size * .52))
        path.lineTo(size * .44, size * .68)
        path.lineTo(size * .72, size * .34)
        p.setBrush(Qt.NoBrush)
        p.drawPath(path)
    elif readiness == "blocked":
        p.setPen(Qt.NoPen)
        p.setBrush(QColor("#b3261e"))
        c, k = size / 2, (size - 4) / 2
        pts = [QPointF(c + k * x, c + k * y) for x, y in
               ((-.41, -1), (.41, -1), (1, -.41), (1, .41), (.41, 1), (-.41, 1), (-1, .41), (-1, -.41))]
        p.drawPolygon(QPolygonF(pts))
        p.setPen(white)
        p.drawLine(QPointF(size * .3, c), QPointF(size * .7, c))
    elif readiness == "overridden":
        p.setPen(Qt.NoPen)
        p.setBrush(QColor("#9a6700"))
        p.drawPolygon(QPolygonF([QPointF(size / 2, 2), QPointF(size - 2, size - 2), QPointF(2, size - 2)]))
        p.setPen(white)
        p.drawLine(QPointF(size / 2, size * .38), QPointF(size / 2, size * .66))
        p.drawPoint(QPointF(size / 2, size * .8))
    else:  # not verified
        p.setPen(QPen(QColor("#55606e"), 2))
        p.setBrush(Qt.NoBrush)
        p.drawEllipse(r.adjusted(1, 1, -1, -1))
    p.end()
    return QIcon(pix)


class Section(QGroupBox):
    """One list of the overview: a title with its count, the rows, and its action buttons."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.tree = QTreeWidget()
        self.tree.setObjectName(name + "List")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setIconSize(QSize(20, 20))
        self.empty = QLabel()
        self.empty.setObjectName("hint")
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.addWidget(self.tree)
        box.addWidget(self.empty)
        box.addLayout(self.buttons)
        self.action_buttons: list[QPushButton] = []
        self.tree.currentItemChanged.connect(self._selection)
        self.title_text = ""

    def add_action(self, name: str) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setEnabled(False)
        self.buttons.insertWidget(self.buttons.count() - 1, button)
        self.action_buttons.append(button)
        return button

    def _selection(self, current, _previous) -> None:
        for b in self.action_buttons:
            b.setEnabled(current is not None and not current.isDisabled())

    def set_rows(self, rows: list[QTreeWidgetItem]) -> None:
        self.tree.clear()
        self.tree.addTopLevelItems(rows)
        for col in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(col)
        visible = min(max(len(rows), 1), MAX_VISIBLE_ROWS)
        row_h = self.tree.sizeHintForRow(0) if rows else 34
        self.tree.setFixedHeight(self.tree.header().sizeHint().height() + visible * max(row_h, 30) + 6)
        self.tree.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        for b in self.action_buttons:  # no row, nothing to act on: keep the screen quiet
            b.setVisible(bool(rows))
        self._selection(None, None)
        self.setTitle(f"{self.title_text} ({len(rows)})")

    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None


class TodayPage(QWidget):
    new_consent = Signal()
    resume_draft = Signal(str)
    open_readiness = Signal(str)
    open_record = Signal(str)

    def __init__(self, services: "DeskServices", session: "StaffSession", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.session = services, session
        self.overview = None
        self.filter_mrns: set[str] | None = None

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.new_button = QPushButton()
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_consent)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.new_button)

        self.search_label = QLabel()
        self.search = QLineEdit()
        self.search.setObjectName("patientSearch")
        self.search.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search)
        self.search_button = QPushButton()
        self.search_button.setObjectName("searchButton")
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("clearSearch")
        self.search.returnPressed.connect(self.run_search)
        self.search.textChanged.connect(self._search_text_changed)
        self.searched = ""  # the words the results and the filtered lists belong to
        self.search_button.clicked.connect(self.run_search)
        self.clear_button.clicked.connect(self.clear_search)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.search_button)
        search_row.addWidget(self.clear_button)
        self.results = Section("searchResults")
        self.results.tree.setColumnCount(5)
        self.results.hide()

        self.in_progress = Section("inProgress")
        self.in_progress.tree.setColumnCount(5)
        self.resume_button = self.in_progress.add_action("resumeDraft")
        self.waiting = Section("waitingForSignature")
        self.waiting.tree.setColumnCount(5)
        self.resume_waiting_button = self.waiting.add_action("resumeWaiting")
        self.signed = Section("signedWaiting")
        self.signed.tree.setColumnCount(6)
        self.readiness_button = self.signed.add_action("readiness")
        self.record_button = self.signed.add_action("openRecord")
        self.expiring = Section("expiringSoon")
        self.expiring.tree.setColumnCount(5)
        self.expiring_readiness_button = self.expiring.add_action("expiringReadiness")
        self.expiring_record_button = self.expiring.add_action("expiringRecord")

        self.resume_button.clicked.connect(lambda: self._emit(self.in_progress, self.resume_draft))
        self.resume_waiting_button.clicked.connect(lambda: self._emit(self.waiting, self.resume_draft))
        self.readiness_button.clicked.connect(lambda: self._emit(self.signed, self.open_readiness))
        self.record_button.clicked.connect(lambda: self._emit(self.signed, self.open_record))
        self.expiring_readiness_button.clicked.connect(lambda: self._emit(self.expiring, self.open_readiness))
        self.expiring_record_button.clicked.connect(lambda: self._emit(self.expiring, self.open_record))
        self.in_progress.tree.itemActivated.connect(lambda *_: self._emit(self.in_progress, self.resume_draft))
        self.waiting.tree.itemActivated.connect(lambda *_: self._emit(self.waiting, self.resume_draft))
        self.signed.tree.itemActivated.connect(lambda *_: self._emit(self.signed, self.open_readiness))
        self.expiring.tree.itemActivated.connect(lambda *_: self._emit(self.expiring, self.open_readiness))

        # Why "New consent" is greyed for a role that may not start one (an administrator).
        self.role_hint = QLabel()
        self.role_hint.setObjectName("hint")
        self.role_hint.setWordWrap(True)
        self.role_hint.hide()
        # What became of the seal's PIN given at sign-in (MainWindow.on_signed_in); hidden otherwise.
        self.seal_banner = Banner(self)
        content = QWidget()
        col = QVBoxLayout(content)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(12)
        col.addWidget(self.results)
        for section in (self.in_progress, self.waiting, self.signed, self.expiring):
            col.addWidget(section)
        col.addStretch(1)
        # The title, "New consent" and the search stay in view; the lists scroll.
        outer = QVBoxLayout(self)
        outer.setSpacing(10)
        outer.addLayout(top)
        outer.addWidget(self.role_hint)
        outer.addWidget(self.seal_banner)
        outer.addLayout(search_row)
        outer.addWidget(scrolling(content, self), 1)
        self.retranslate()

    # -------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.title.setText(self.tr("Today at the desk"))
        self.new_button.setText(self.tr("New consent"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.search_label.setText(self.tr("&Find a patient"))
        self.search.setPlaceholderText(self.tr("Name, medical record number or national ID"))
        self.search_button.setText(self.tr("Search"))
        self.clear_button.setText(self.tr("Show all"))
        self.clear_button.setAccessibleName(self.tr("Clear the search and show all patients"))
        draft_cols = [self.tr("Patient"), self.tr("MRN"), self.tr("Procedure"), self.tr("Step"), self.tr("Last saved")]
        self.results.title_text = self.tr("Patients found")
        self.results.tree.setHeaderLabels([self.tr("Patient"), self.tr("Name (Latin)"), self.tr("MRN"),
                                           self.tr("National ID"), self.tr("Birth date")])
        self.in_progress.title_text = self.tr("Consents in progress")
        self.in_progress.tree.setHeaderLabels(draft_cols)
        self.in_progress.empty.setText(self.tr("No consent in progress."))
        self.waiting.title_text = self.tr("Waiting for signatures")
        self.waiting.tree.setHeaderLabels(draft_cols)
        self.waiting.empty.setText(self.tr("No consent is waiting for signatures."))
        self.signed.title_text = self.tr("Signed, waiting for the procedure")
        self.signed.tree.setHeaderLabels([self.tr("Patient"), self.tr("MRN"), self.tr("Procedure"), self.tr("Levels"),
                                          self.tr("Procedure date"), self.tr("Readiness")])
        self.signed.empty.setText(self.tr("No signed consent is waiting for its procedure."))
        self.expiring.title_text = self.tr("Expiring soon")
        self.expiring.tree.setHeaderLabels([self.tr("Patient"), self.tr("MRN"), self.tr("Procedure"),
                                            self.tr("Valid until"), self.tr("Readiness")])
        self.expiring.empty.setText(self.tr("No consent expires in the coming days."))
        self.results.empty.setText(self.tr("No patient found. Check the spelling, or search by the record number."))
        for section, label in ((self.in_progress, self.tr("List of consents in progress")),
                               (self.waiting, self.tr("List of consents waiting for signatures")),
                               (self.signed, self.tr("List of signed consents waiting for the procedure")),
                               (self.expiring, self.tr("List of consents expiring soon")),
                               (self.results, self.tr("Patients found"))):
            section.tree.setAccessibleName(label)
        self.resume_button.setText(self.tr("Resume"))
        self.resume_button.setAccessibleName(self.tr("Resume the selected consent"))
        self.resume_waiting_button.setText(self.tr("Continue to signatures"))
        self.readiness_button.setText(self.tr("Pre-procedure verification"))
        self.record_button.setText(self.tr("Open record"))
        self.expiring_readiness_button.setText(self.tr("Pre-procedure verification"))
        self.expiring_record_button.setText(self.tr("Open record"))
        self.expiring_readiness_button.setAccessibleName(self.tr("Verification of the consent expiring soon"))
        self.expiring_record_button.setAccessibleName(self.tr("Open the record expiring soon"))
        if self.overview is not None:
            self._fill(self.overview)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def procedure_text(self, name: str) -> str:
        return {"vertebroplasty": self.tr("Vertebroplasty"), "kyphoplasty": self.tr("Kyphoplasty")}.get(name, name)

    def step_text(self, step: str) -> str:
        return {
            "": self.tr("Started"), "intake": self.tr("Being registered"), "started": self.tr("Started"), "identity_verified": self.tr("Identity verified"),
            "acknowledged": self.tr("Discussion"), "question": self.tr("Discussion"), "teach_back": self.tr("Discussion"),
            "interpreter": self.tr("Discussion"), "choice": self.tr("Discussion"), "checklist": self.tr("Checklist"),
            "outcome": self.tr("Decision recorded"),
            "override": self.tr("Override recorded"), "signed": self.tr("Signing"), "answered": self.tr("Verification"),
            "overridden": self.tr("Verification"), "reconfirmed": self.tr("Consent reconfirmed"),
        }.get(step, step)

    def readiness_text(self, readiness: str) -> str:
        return {"clear": self.tr("Ready: verification clear"), "blocked": self.tr("Not ready: blocked"),
                "overridden": self.tr("Ready: physician override"),
                "not_verified": self.tr("Not verified yet"), "expired": self.tr("Expired")}.get(readiness, readiness)

    # -------------------------------------------------------------- data
    def refresh(self) -> None:
        actor = self.session.actor
        if actor is None:
            return
        try:
            self.overview = self.services.today.overview(actor)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        if self.filter_mrns is not None and self.search.text().strip():
            self.run_search()  # the results and the lists follow the search again, never a stale one
        else:
            self.filter_mrns = None
            self.results.hide()
            self._fill(self.overview)

    def _search_text_changed(self, text: str) -> None:
        """Other words in the box than those searched: the lists stop following the old search."""
        if self.filter_mrns is not None and text.strip() != self.searched:
            self.filter_mrns = None
            self.results.hide()
            if self.overview is not None:
                self._fill(self.overview)

    def _keep(self, mrn: str) -> bool:
        return self.filter_mrns is None or mrn in self.filter_mrns

    def _fill(self, ov) -> None:
        tz = self.services.settings.current().time_zone

        def draft_row(d) -> QTreeWidgetItem:
            name = d.name_ar or (self.tr("Verification") if d.kind == "verification" else "—")
            item = QTreeWidgetItem([name, d.mrn, self.procedure_text(d.procedure), self.step_text(d.step),
                                    local_time(d.updated_at, tz)])  # the desk's clock, not UTC
            item.setData(0, ID_ROLE, d.draft_id)
            item.setData(0, KIND_ROLE, d.kind)
            return item

        def consent_row(c, date: str) -> QTreeWidgetItem:
            cols = [c.name_ar, c.mrn, self.procedure_text(c.procedure)]
            if date == "planned":
                cols += ["، ".join(c.levels) if self.layoutDirection() == Qt.RightToLeft else ", ".join(c.levels),
                         c.planned_date]
            else:
                cols += [c.expires_on]
            text = self.readiness_text(c.readiness)
            if c.demo:
                text += " · " + self.tr("demonstration")
            elif c.seal_level:
                text += " · " + self.tr("seal %1").replace("%1", c.seal_level)
            item = QTreeWidgetItem(cols + [text])
            item.setIcon(len(cols), readiness_icon(c.readiness))
            item.setData(0, ID_ROLE, c.record_id)
            item.setData(0, KIND_ROLE, c.readiness)
            item.setToolTip(len(cols), text)
            return item

        self.in_progress.set_rows([draft_row(d) for d in ov.in_progress if self._keep(d.mrn)])
        self.waiting.set_rows([draft_row(d) for d in ov.waiting_for_signature if self._keep(d.mrn)])
        self.signed.set_rows([consent_row(c, "planned") for c in ov.signed if self._keep(c.mrn)])
        self.expiring.set_rows([consent_row(c, "expires") for c in ov.expiring_soon if self._keep(c.mrn)])

    def run_search(self) -> None:
        actor, query = self.session.actor, self.search.text().strip()
        if actor is None:
            return
        if not query:
            self.clear_search()
            return
        try:
            found = self.services.today.find_patients(actor, query)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        rows = []
        for p in found:
            item = QTreeWidgetItem([p["name_ar"], p["name_latin"], p["mrn"], p["national_id"], p["birth_date"]])
            item.setData(0, ID_ROLE, p["patient_id"])
            rows.append(item)
        self.results.set_rows(rows)
        self.results.show()
        self.searched = query
        self.filter_mrns = {p["mrn"] for p in found}
        if self.overview is not None:
            self._fill(self.overview)

    def clear_search(self) -> None:
        self.searched = ""
        self.search.clear()
        self.results.hide()
        self.filter_mrns = None
        if self.overview is not None:
            self._fill(self.overview)

    def _emit(self, section: Section, signal) -> None:
        item_id = section.current_id()
        if item_id:
            signal.emit(str(item_id))
