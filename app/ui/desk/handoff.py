"""The desk's bar for a patient tablet: pick a free tablet, hand the consent over, watch the patient's
progress live, take the consent back (or release a tablet that does not answer).

Shown in the consent flow on the signing step when the database has patient tablets. A
``StationWatcher`` (its own thread: woken by the tablet's notifications, polling every second
otherwise) reads the hand-off's progress; each new step of the patient becomes the same notice the
desk's own patient screen gives (``ConsentFlow._patient_notice``: a question, a refusal, finished),
and when the tablet gives the consent back the signing page is read again.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.domain.errors import ConsentError
from app.services.patient_session import Notice

from ..common.messages import message_for
from ..common.station_watch import StationWatcher
from ..common.widgets import MARGIN, SPACING

log = logging.getLogger(__name__)


def _t(text: str) -> str:
    return QCoreApplication.translate("Handoff", text)


class HandoffBar(QFrame):
    notice = Signal(object)  # a patient_session.Notice (question, decision, signed, finished)
    returned = Signal(str)  # the draft id: the tablet gave the consent back (re-read the signing page)
    failed = Signal(object)  # an error to show in the flow's banner

    def __init__(self, services, session, desk_station_id: int | None = None, *, interval: float = 1.0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoffBar")
        self.services, self.session, self.desk_station_id = services, session, desk_station_id
        self.draft_id: str | None = None
        self.progress = None  # the newest HandoffProgress
        self._seen_seq = 0
        self._seen_handoff = ""
        self._stopped = False
        self.label = QLabel(self)
        self.tablets = QComboBox(self)
        self.hand_button = QPushButton(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.PlainText)
        self.take_button = QPushButton(self)
        self.release_button = QPushButton(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(MARGIN, SPACING // 2, MARGIN, SPACING // 2)  # aligned with the flow's pages
        for w in (self.label, self.tablets, self.hand_button):
            row.addWidget(w)
        row.addWidget(self.status, 1)
        row.addWidget(self.take_button)
        row.addWidget(self.release_button)
        self.hand_button.clicked.connect(self.hand_over)
        self.take_button.clicked.connect(self.take_back)
        self.release_button.clicked.connect(self.release)
        self.watcher = StationWatcher(services.ctx.db, self._probe, interval=interval, parent=self)
        self.watcher.changed.connect(self._on_progress)
        self.watcher.failed.connect(self._on_failure)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.label.setText(_t("Patient tablet:"))
        self.tablets.setAccessibleName(_t("Patient tablet to hand the consent to"))
        self.hand_button.setText(_t("Hand over to the &tablet"))
        self.hand_button.setAccessibleName(_t("Hand the consent over to the chosen patient tablet"))
        self.take_button.setText(_t("Take &back"))
        self.take_button.setAccessibleName(_t("Take the consent back from the tablet"))
        self.release_button.setText(_t("Release the tablet"))
        self.release_button.setAccessibleName(_t("Release a tablet that does not answer; steps it sends later are "
                                                 "kept and shown, not applied"))
        self._render()

    def changeEvent(self, event) -> None:  # noqa: N802
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- which consent ----------------------------------------------------------------------------
    def follow(self, draft_id: str | None) -> None:
        """Show the bar for this consent (None hides it and stops watching)."""
        self.draft_id = draft_id
        self._seen_seq, self._seen_handoff, self.progress = 0, "", None
        if draft_id is None or self.session.actor is None:
            self.watcher.stop()
            self.hide()
            return
        self._stopped = False
        self.refresh_tablets()
        if not self.tablets.count() and not self._has_handoff():
            self.watcher.stop()
            self.hide()
            return
        self.show()
        self.watcher.start()
        self._render()

    def _has_handoff(self) -> bool:
        try:
            return self.services.handoff.progress(self.session.actor, self.draft_id) is not None
        except ConsentError:
            return False

    def refresh_tablets(self) -> None:
        current = self.tablets.currentData()
        self.tablets.clear()
        try:
            choices = self.services.handoff.tablets(self.session.actor)
        except ConsentError as exc:
            self.failed.emit(exc)
            return
        for t in choices:
            state = _t("free") if t.free else (_t("busy") if t.online else _t("off"))
            self.tablets.addItem(f"{t.name} ({state})", t.id)
            index = self.tablets.count() - 1
            if not t.free:
                self.tablets.model().item(index).setEnabled(False)
            if t.id == current:
                self.tablets.setCurrentIndex(index)
        if self.tablets.currentIndex() >= 0 and not self.tablets.model().item(self.tablets.currentIndex()).isEnabled():
            for i in range(self.tablets.count()):
                if self.tablets.model().item(i).isEnabled():
                    self.tablets.setCurrentIndex(i)
                    break

    # --- actions ----------------------------------------------------------------------------------
    def hand_over(self) -> None:
        tablet_id = self.tablets.currentData()
        if self.draft_id is None or tablet_id is None:
            return
        try:
            self.services.handoff.hand_over(self.session.actor, self.draft_id, tablet_id, self.desk_station_id)
        except ConsentError as exc:
            self.failed.emit(exc)
            self.refresh_tablets()
            return
        self._on_progress(self._probe())

    def take_back(self) -> None:
        if self.progress is None or not self.progress.on_tablet:
            return
        try:
            self.services.handoff.take_back(self.session.actor, self.progress.handoff_id)
        except ConsentError as exc:
            self.failed.emit(exc)
            return
        self._on_progress(self._probe())

    def release(self) -> None:
        if self.progress is None or self.progress.status != "returning":
            return
        try:
            self.services.handoff.release(self.session.actor, self.progress.handoff_id)
        except ConsentError as exc:
            self.failed.emit(exc)
            return
        self._on_progress(self._probe())

    # --- watching ---------------------------------------------------------------------------------
    def _probe(self):
        draft_id, actor = self.draft_id, self.session.actor
        if draft_id is None or actor is None:
            return None
        progress = self.services.handoff.progress(actor, draft_id)
        if progress is not None and progress.handoff_id == self._seen_handoff:
            # The steps not yet shown (the whole hand-off's steps when it is a new one).
            news = self.services.handoff.progress(actor, draft_id, after_seq=self._seen_seq)
            if news is not None:
                progress.notices, progress.kept, progress.last_seq = news.notices, news.kept, news.last_seq
        return progress

    def _on_progress(self, progress) -> None:
        if self._stopped:
            return
        previous = self.progress
        self.progress = progress
        if progress is not None and progress.draft_id == self.draft_id:
            fresh = progress.handoff_id != self._seen_handoff
            if not fresh:
                for notice in progress.notices:
                    self.notice.emit(notice)
                if progress.kept:
                    self.failed.emit(_KeptSteps(len(progress.kept)))
            self._seen_handoff, self._seen_seq = progress.handoff_id, max(self._seen_seq, progress.last_seq)
            was_on = previous is not None and previous.on_tablet and previous.handoff_id == progress.handoff_id
            if was_on and not progress.on_tablet:
                if progress.closed_reason == "finished":
                    self.notice.emit(Notice("finished", progress.draft_id))
                self.returned.emit(progress.draft_id)
                self.refresh_tablets()
        self._render()

    def _on_failure(self, exc: BaseException) -> None:
        self.status.setText(message_for(exc))

    # --- words ------------------------------------------------------------------------------------
    def _render(self) -> None:
        p = self.progress
        on = p is not None and p.on_tablet
        self.tablets.setVisible(not on)
        self.label.setVisible(not on)
        self.hand_button.setVisible(not on)
        self.hand_button.setEnabled(self.tablets.count() > 0 and self.tablets.currentIndex() >= 0
                                    and self.tablets.model().item(self.tablets.currentIndex()).isEnabled())
        self.take_button.setVisible(on and p.status in ("offered", "active"))
        self.release_button.setVisible(on and p.status == "returning")
        if p is None:
            self.status.setText("")
            return
        if p.status == "offered":
            text = _t("Handed to %1: waiting for the tablet to open it.").replace("%1", p.tablet)
        elif p.status == "active":
            text = _t("On %1: the patient is reading and signing. The desk hears each step.").replace("%1", p.tablet)
        elif p.status == "returning":
            text = _t("Taking back from %1: waiting for the tablet to send what it holds.").replace("%1", p.tablet)
            if not p.tablet_online:
                text += " " + _t("The tablet does not answer; you may release it.")
        else:
            reasons = {"finished": _t("the patient's side has signed"), "taken_back": _t("taken back"),
                       "interrupted": _t("the tablet restarted"), "released": _t("released"),
                       "cancelled": _t("taken back before it opened"), "left": _t("closed by staff on the tablet")}
            text = _t("Back from %1: %2.").replace("%1", p.tablet).replace("%2", reasons.get(p.closed_reason or "", ""))
        if on and not p.tablet_online:
            text += " " + _t("The tablet has not been heard from for %1 s.").replace("%1", str(int(p.seconds_since_seen)))
        self.status.setText(text)
        self.status.setAccessibleName(text)

    def stop(self) -> None:
        self._stopped = True
        self.watcher.stop()


class _KeptSteps(ConsentError):
    code = "tablet_steps_kept"

    def __init__(self, count: int) -> None:
        super().__init__("tablet_steps_kept", f"{count} step(s) from the tablet arrived after the consent was "
                                              "given back; they are kept, not applied", count=count)


def attach_handoff_bar(flow, layout) -> HandoffBar | None:
    """Put the bar in the consent flow under its banner (where the database has patient tablets):
    the patient's steps become the flow's patient notices, a returned consent re-reads the signing
    page, errors go to the flow's banner."""
    services = flow.services
    if getattr(services, "handoff", None) is None:
        return None
    bar = HandoffBar(services, flow.session, getattr(services, "station_id", None), parent=flow)
    layout.addWidget(bar)
    bar.notice.connect(flow._patient_notice)
    bar.returned.connect(flow.open_signing)
    bar.failed.connect(flow._fail)
    flow.destroyed.connect(bar.stop)
    return bar
