"""The audit log: filtered pages of events (who, what, about which record or user, which days) and
the "verify chain" action, whose result is said in words. Viewing and verifying are audited too.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ..common.messages import message_for
from ..common.widgets import Banner
from ..common.date_field import first_day_of_week
from ..common.words import action_word, date_edit, iso, local_time
from ..common.worker import GeneratorThread

if TYPE_CHECKING:
    from ..common.services import DeskServices, StaffSession

PAGE = 200
ACTION_PREFIXES = ("record.", "archive.", "user.", "form.", "settings.", "certificate.", "audit.", "consent.",
                   "verification.", "login.")


class AuditPage(QWidget):
    def __init__(self, services: "DeskServices", session: "StaffSession", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminAuditPage")
        self.services, self.session = services, session
        self.tz = services.settings.current().time_zone
        self.offset = 0
        self.rows = []
        self.thread: GeneratorThread | None = None
        self.who = QLineEdit(self)
        self.who.setLayoutDirection(Qt.LeftToRight)
        self.who.setPlaceholderText(self.tr("username"))
        self.action = QComboBox(self)
        self.action.addItem(self.tr("Any action"), "")
        for prefix in ACTION_PREFIXES:
            self.action.addItem(f"{action_word(prefix.rstrip('.'))} ({prefix}…)", prefix)
        self.subject = QLineEdit(self)
        self.subject.setLayoutDirection(Qt.LeftToRight)
        self.subject.setPlaceholderText(self.tr("record number or user:N"))
        self.use_dates = QCheckBox(self.tr("&Between"), self)
        first_day = first_day_of_week(services.settings.current())
        self.date_from = date_edit(services.ctx.today(), self, first_day=first_day)
        self.date_to = date_edit(services.ctx.today(), self, first_day=first_day)
        self.search_button = QPushButton(self.tr("&Show"), self)
        self.search_button.setObjectName("primary")
        self.more_button = QPushButton(self.tr("&Older events"), self)
        self.verify_button = QPushButton(self.tr("&Verify the chain"), self)
        for w, name in ((self.who, self.tr("Who (username)")), (self.action, self.tr("Action")),
                        (self.subject, self.tr("About (record number or user)")),
                        (self.use_dates, self.tr("Limit to these days")), (self.date_from, self.tr("First day")),
                        (self.date_to, self.tr("Last day")), (self.search_button, self.tr("Show the events")),
                        (self.more_button, self.tr("Show older events")),
                        (self.verify_button, self.tr("Verify the audit chain"))):
            w.setAccessibleName(name)
        # Two lines (one was wider than a 1280 px screen): who, what and about; then the days and "Show".
        filters = QVBoxLayout()
        words, days = QHBoxLayout(), QHBoxLayout()
        for label, w in ((self.tr("W&ho"), self.who), (self.tr("&Action"), self.action),
                         (self.tr("Ab&out"), self.subject)):
            lab = QLabel(label, self)
            lab.setBuddy(w)
            words.addWidget(lab)
            words.addWidget(w, 1)
        for w in (self.use_dates, self.date_from, self.date_to):
            days.addWidget(w)
        days.addStretch(1)
        days.addWidget(self.search_button)
        filters.addLayout(words)
        filters.addLayout(days)
        self.list = QTreeWidget(self)
        self.list.setObjectName("auditEvents")
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.setAccessibleName(self.tr("Audit events"))
        self.list.setHeaderLabels([self.tr("No."), self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("About"),
                                   self.tr("Details")])
        self.banner = Banner(self)
        self.chain = Banner(self)
        actions = QHBoxLayout()
        actions.addWidget(self.more_button)
        actions.addStretch(1)
        actions.addWidget(self.verify_button)
        box = QVBoxLayout(self)
        box.addLayout(filters)
        box.addWidget(self.list, 1)
        box.addWidget(self.banner)
        box.addWidget(self.chain)
        box.addLayout(actions)
        self.use_dates.toggled.connect(self._dates)
        self.search_button.clicked.connect(lambda: self.show_events())
        self.who.returnPressed.connect(lambda: self.show_events())
        self.subject.returnPressed.connect(lambda: self.show_events())
        self.more_button.clicked.connect(lambda: self.show_events(more=True))
        self.verify_button.clicked.connect(self.verify_chain)
        self._dates(False)
        self.more_button.setEnabled(False)
        self.show_events()

    def _dates(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)

    def show_events(self, more: bool = False) -> bool:
        self.banner.clear()
        offset = self.offset + PAGE if more else 0
        dates = self.use_dates.isChecked()
        try:
            page = self.services.audit_view.query(
                self.session.actor, who=self.who.text().strip() or None, action=self.action.currentData() or None,
                subject=self.subject.text().strip() or None, date_from=iso(self.date_from) if dates else None,
                date_to=iso(self.date_to) if dates else None, limit=PAGE, offset=offset)
        except Exception as exc:  # noqa: BLE001
            self.banner.show_message("error", message_for(exc))
            return False
        self.offset = offset
        if not more:
            self.list.clear()
            self.rows = []
        for e in page.rows:
            details = "" if e.details in (None, {}, "") else json.dumps(e.details, ensure_ascii=False, sort_keys=True)
            item = QTreeWidgetItem([str(e.seq), local_time(e.at, self.tz), e.actor, action_word(e.action),
                                    e.subject or "", f"\u2066{details[:300]}\u2069" if details else ""])
            item.setToolTip(3, e.action)
            self.list.addTopLevelItem(item)
            self.rows.append(e)
        for c in range(5):
            self.list.resizeColumnToContents(c)
        self.more_button.setEnabled(page.more)
        return True

    def verify_chain(self) -> None:
        if self.thread is not None and self.thread.isRunning():
            return
        actor, viewer = self.session.actor, self.services.audit_view
        self.verify_button.setEnabled(False)
        self.chain.show_message("info", self.tr("Verifying the chain…"))
        self.thread = GeneratorThread(lambda: iter([viewer.verify_chain(actor)]), None, self)
        self.thread.step.connect(self._chain_result)
        self.thread.failed.connect(self._chain_failed)
        self.thread.start()

    def _chain_result(self, report) -> None:
        self.verify_button.setEnabled(True)
        self.report = report
        if report.ok:
            self.chain.show_message("ok", self.tr("The audit chain is intact: %1 events, none altered or missing.")
                                    .replace("%1", str(report.events)))
        else:
            problems = {"event_altered": self.tr("an event was altered"), "event_missing": self.tr("an event is missing"),
                        "link_broken": self.tr("the chain is broken"), "bad_genesis": self.tr("the chain's start is wrong"),
                        "tail_missing": self.tr("the newest events were removed"),
                        "unreadable_event": self.tr("an event cannot be read"),
                        "events_missing": self.tr("events a signed checkpoint holds were removed"),
                        "checkpoint_mismatch": self.tr("the log differs from a signed checkpoint"),
                        "record_missing": self.tr("a sealed record is missing from the archive"),
                        "sealed_event_missing": self.tr("a record has no 'record sealed' event"),
                        "audit_head_mismatch": self.tr("the log before a record was rewritten"),
                        "stored_record_mismatch": self.tr("a stored record differs from its seal"),
                        "differs": self.tr("an account was changed outside the program"),
                        "not_audited": self.tr("an account was created outside the program"),
                        "protection_missing": self.tr("a protection trigger is missing or altered")}
            self.chain.show_message("error", self.tr("The audit chain is NOT intact: %1 (at event %2).")
                                    .replace("%1", problems.get(report.problem, report.problem))
                                    .replace("%2", str(report.first_bad_seq or "?")))

    def _chain_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.chain.show_message("error", message_for(exc))
