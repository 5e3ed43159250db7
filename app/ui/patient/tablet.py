"""The patient tablet: a neutral waiting screen until a desk hands it a consent, then that consent's
patient screen, then the waiting screen again.

The tablet runs the same program as the desks, as a station of kind ``tablet``. Nobody signs in on
it: the waiting screen shows the institution and the tablet's name, nothing about any patient. A
``StationWatcher`` (its own thread: ``LISTEN`` with one-second polling as the fallback, and the
tablet's heartbeat) reports the consent handed to this tablet; the window then opens the patient
screen (``PatientScreen`` with a ``TabletPatientSession``: every step through the tablet's outbox).

It goes back to the waiting screen, and the patient screen with everything on it is destroyed, when
the desk takes the consent back (once the steps the tablet holds are sent), when the patient's side
has signed (after a thank-you moment), when a staff member leaves it with a password, and when the
database has been unreachable for ``STALE_SECONDS`` (the patient's steps stay in the outbox; the
consent opens again where it was once the server is back, if the desk has not taken it back).
At start-up the outbox is sent first and a consent the tablet still had is given back
(``TabletStation.recover``).
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from app.domain.errors import ConsentError

from ..common.messages import message_for
from ..common.station_watch import StationWatcher
from .kiosk import KioskGuard, StaffPage

log = logging.getLogger(__name__)
STALE_SECONDS = 30  # unreachable this long: the patient screen closes (nothing is lost)
DONE_SECONDS = 12  # the thank-you page stays this long after the patient's side has signed
UNREACHABLE = {"database_unreachable", "database_busy", "step_kept_offline", "database_login_failed",
               "database_tls_failed", "storage_failure"}


def _t(text: str) -> str:
    return QCoreApplication.translate("Stations", text)


@dataclass(frozen=True)
class TabletState:
    handoff: object  # TabletHandoff | None
    pending: int


class WaitingPage(QWidget):
    """Nothing about any patient: the institution, this tablet's name, and a word to wait."""

    staff_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tabletWaiting")
        self.institution = QLabel(self)
        self.institution.setObjectName("patientTitle")
        self.institution.setAlignment(Qt.AlignCenter)
        self.title = QLabel(self)
        self.title.setObjectName("patientTitle")
        self.title.setAlignment(Qt.AlignCenter)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignCenter)
        self.status = QLabel(self)
        self.status.setObjectName("errorText")
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignCenter)
        self.status.hide()
        self.station = QLabel(self)
        self.station.setAlignment(Qt.AlignCenter)
        self.station.setObjectName("hint")
        from PySide6.QtWidgets import QPushButton

        self.staff_button = QPushButton(self)
        self.staff_button.setObjectName("staffButton")
        self.staff_button.clicked.connect(self.staff_requested)
        box = QVBoxLayout(self)
        box.addStretch(2)
        for w in (self.institution, self.title, self.text, self.status):
            box.addWidget(w)
        box.addStretch(3)
        box.addWidget(self.station)
        box.addWidget(self.staff_button, 0, Qt.AlignHCenter)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_t("Please wait"))
        self.text.setText(_t("A member of the team will open your consent form on this tablet."))
        self.staff_button.setText(_t("Staff"))
        self.staff_button.setAccessibleName(_t("Staff only: leave the tablet screen with a password"))
        self.setAccessibleName(_t("Waiting screen"))
        self.status.setAccessibleName(_t("State of the connection"))

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class _HandingSession:
    """What the patient screen asks of the staff session: the actor (who handed the consent over)."""

    def __init__(self, actor) -> None:
        self.actor = actor


class TabletWindow(QWidget):
    """The whole tablet: waiting screen, or the patient screen of the consent it was handed."""

    opened = Signal(str)  # draft id: the patient screen is up (tests, latency measurement)
    returned = Signal(str)  # reason: back to the waiting screen
    quit_requested = Signal()

    def __init__(self, services, tablet, station_name: str, *, interval: float = 1.0,
                 stale_seconds: float = STALE_SECONDS, done_seconds: float = DONE_SECONDS,
                 patient_idle_seconds: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.Window)
        self.setObjectName("tabletWindow")
        self.services, self.tablet, self.station_name = services, tablet, station_name
        self.stale_seconds, self.done_seconds = stale_seconds, done_seconds
        self.patient_idle_seconds = patient_idle_seconds
        self.screen_up = None  # the PatientScreen while it is up
        self.handoff = None  # the TabletHandoff it shows
        self._unreachable_since: float | None = None
        self._finishing = False
        self._stopped = False
        # The patient screen's look (its stylesheet is scoped to a widget named "patientScreen").
        look = QWidget(self)
        look.setObjectName("patientScreen")
        self._stack = QStackedWidget(look)
        self.waiting = WaitingPage(self._stack)
        self.staff = StaffPage(services.auth, "", self._stack)
        # The staff page (a card of about 770 px) scrolls on a 768 or 720 px screen instead of making
        # the whole window taller than the screen.
        self._staff_scroll = QScrollArea(self._stack)
        self._staff_scroll.setWidgetResizable(True)
        self._staff_scroll.setFrameShape(QFrame.NoFrame)
        self._staff_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self._staff_scroll.setWidget(self.staff)
        self._stack.addWidget(self.waiting)
        self._stack.addWidget(self._staff_scroll)
        inner = QVBoxLayout(look)
        inner.setContentsMargins(24, 24, 24, 24)
        inner.addWidget(self._stack)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(look)
        from .window import BASE_POINTS, patient_stylesheet

        look.setStyleSheet(patient_stylesheet(BASE_POINTS, "normal"))
        self.waiting.staff_requested.connect(self._ask_staff)
        self.staff.cancelled.connect(self._back_to_waiting)
        self.staff.resumed.connect(self._back_to_waiting)
        self.staff.left.connect(lambda actor: self.quit_requested.emit())
        self.guard = KioskGuard(self, self)
        self.watcher = StationWatcher(services.ctx.db, self._probe, interval=interval, beat=tablet.heartbeat,
                                      parent=self)
        self.watcher.changed.connect(self._on_state)
        self.watcher.failed.connect(self._on_failure)
        self.retranslate()

    # --- texts ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(f"{_t('Consent desk')} — \u2068{self.station_name}\u2069 ({_t('patient tablet')})")
        try:
            s = self.services.settings.current()
            self._institution = (s.institution_name_ar, s.institution_name_en)
        except ConsentError:  # the server is away (the watcher says so): the names it gave before
            pass
        arabic, english_name = getattr(self, "_institution", ("", ""))
        english = QApplication.layoutDirection() == Qt.LeftToRight
        names = (english_name, arabic) if english else (arabic, english_name)
        self.waiting.institution.setText(names[0] or names[1])
        self.waiting.station.setText(self.station_name)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- life ---------------------------------------------------------------------------------------
    def start(self) -> None:
        """Send what a previous run kept, give back what it had, then wait for a desk."""
        try:
            left = self.tablet.recover()
            self.waiting.show_status(self._pending_text(left))
        except ConsentError as exc:
            self.waiting.show_status(self._unreachable_text(exc))
        self.guard.engage()
        self.watcher.start()

    def stop(self) -> None:
        self._stopped = True  # what the watcher queued before it stopped is not acted on
        self.watcher.stop()
        self.guard.release()
        self._close_screen()

    def _probe(self) -> TabletState:  # the watcher's thread
        pending = len(self.tablet.outbox.pending())
        if pending:
            pending = self.tablet.deliver_pending()
        return TabletState(self.tablet.current(), pending)

    # --- what the watcher reports -------------------------------------------------------------------
    def _on_state(self, state: TabletState) -> None:
        if self._stopped:
            return
        try:
            self._follow(state)
        except ConsentError as exc:
            self._on_failure(exc)
        except Exception as exc:  # noqa: BLE001 - a slot must not throw into Qt's loop; said on the screen
            log.warning("the tablet could not follow its hand-off (%s)", type(exc).__name__)
            self._on_failure(exc)

    def _follow(self, state: TabletState) -> None:
        self._unreachable_since = None
        self.waiting.show_status(self._pending_text(state.pending))
        handoff = state.handoff
        if handoff is None:
            if self.screen_up is not None and not self._finishing:
                self._close_screen()
                self._to_waiting("ended")
            return
        if handoff.status == "returning":
            self._close_screen()
            if self.tablet.give_back(handoff.handoff_id, "taken_back"):
                self._to_waiting("taken_back")
            return
        if self.screen_up is None and not self._finishing and handoff.status in ("offered", "active"):
            self._open(handoff)

    def _on_failure(self, exc: BaseException) -> None:
        if self._stopped:
            return
        now = time.monotonic()
        if self._unreachable_since is None:
            self._unreachable_since = now
        self.waiting.show_status(self._unreachable_text(exc))
        if self.screen_up is not None and now - self._unreachable_since >= self.stale_seconds:
            log.warning("the database has been unreachable for %ds: back to the waiting screen", self.stale_seconds)
            self._close_screen()
            self._to_waiting("stale")

    # --- the patient screen -------------------------------------------------------------------------
    def _open(self, handoff) -> None:
        from .window import PatientScreen

        try:
            handoff = self.tablet.open(handoff.handoff_id)
            patients = self.tablet.session(handoff)
            kwargs = {"patient_session": patients}
            if self.patient_idle_seconds is not None:
                kwargs["idle_seconds"] = self.patient_idle_seconds
            screen = PatientScreen(self.services, _HandingSession(handoff.actor), handoff.draft_id, **kwargs)
        except ConsentError as exc:
            self.waiting.show_status(message_for(exc) if getattr(exc, "code", "") not in UNREACHABLE
                                     else self._unreachable_text(exc))
            return
        self.handoff, self.screen_up = handoff, screen
        patients.listen(self._notice)
        screen.closed.connect(self._screen_closed)
        screen.setWindowTitle(self.windowTitle())
        screen.open_on(self.screen())
        self.opened.emit(handoff.draft_id)
        if screen.draft is not None and patients.next_signer(screen.draft) is None:
            # Handed back after a restart with the patient's side already signed: thank, and give back.
            from app.services.patient_session import Notice

            self._notice(Notice("finished", handoff.draft_id, outcome=screen.draft.outcome))

    def _notice(self, notice) -> None:
        if notice.kind != "finished" or self.handoff is None:
            return
        self._finishing = True
        handoff_id = self.handoff.handoff_id

        def done() -> None:
            if self._stopped:
                return
            self._finishing = False
            self._close_screen()
            self.tablet.give_back(handoff_id, "finished")
            self._to_waiting("finished")

        try:  # the desk hears it at once; the thank-you page stays a moment
            self.tablet.give_back(handoff_id, "finished")
        except ConsentError as exc:
            log.info("giving the consent back waits for the server (%s)", exc.code)
        QTimer.singleShot(int(self.done_seconds * 1000), done)

    def _screen_closed(self, draft_id: str) -> None:
        """A staff member left the patient screen with a password: the consent goes back to the desk."""
        if self.screen_up is None or self.handoff is None:
            return
        handoff_id = self.handoff.handoff_id
        self.screen_up.deleteLater()
        self.screen_up, self.handoff = None, None
        try:
            self.tablet.give_back(handoff_id, "left")
        except ConsentError as exc:
            log.info("giving the consent back waits for the server (%s)", exc.code)
        self._to_waiting("left")

    def _close_screen(self) -> None:
        screen, self.screen_up, self.handoff = self.screen_up, None, None
        if screen is not None:
            screen.closed.disconnect(self._screen_closed)
            screen.leave()  # closes it: nothing of the patient stays
            screen.deleteLater()

    def _to_waiting(self, reason: str) -> None:
        self._stack.setCurrentWidget(self.waiting)
        self.raise_()
        self.returned.emit(reason)

    # --- staff --------------------------------------------------------------------------------------
    def _ask_staff(self) -> None:
        self.staff.prepare(can_cancel=True)
        self._stack.setCurrentWidget(self._staff_scroll)

    def _back_to_waiting(self) -> None:
        self._stack.setCurrentWidget(self.waiting)

    # --- words ----------------------------------------------------------------------------------------
    def _pending_text(self, pending: int) -> str:
        if not pending:
            return ""
        return _t("Steps of a patient kept on this tablet: %1. They are sent as soon as the database can be "
                  "reached.").replace("%1", str(pending))

    def _unreachable_text(self, exc: BaseException) -> str:
        code = getattr(exc, "code", "")
        if code in UNREACHABLE or not code:
            return _t("The database cannot be reached. Nothing is lost: the tablet keeps trying.")
        return message_for(exc)

    def closeEvent(self, event) -> None:  # noqa: N802 - the tablet closes only through the staff page
        if self.guard.engaged:
            event.ignore()
            return
        super().closeEvent(event)
