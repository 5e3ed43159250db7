"""Idle lock: after some minutes without input the window is covered and asks the same password.

``IdleWatcher`` is an application-wide event filter: any key, click, wheel, touch or pen input restarts
its timer; when the timer runs out it emits ``idle``. The timer is injectable (tests pass their own
QTimer or call ``expire()``). ``LockScreen`` covers the desk without destroying it: the page underneath
keeps its state. The same staff member unlocks with their password (``AuthService.confirm(...,
"unlock")``, audited, counts toward the lockout); anyone else can only sign them out, and the work in
progress stays as a draft.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from ..common.messages import message_for

if TYPE_CHECKING:
    from ..common.services import DeskServices, StaffSession

log = logging.getLogger(__name__)

INPUT_EVENTS = frozenset({
    QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseButtonDblClick, QEvent.MouseMove, QEvent.Wheel,
    QEvent.TouchBegin, QEvent.TouchUpdate, QEvent.TabletPress, QEvent.TabletMove, QEvent.InputMethod,
})


class IdleWatcher(QObject):
    """Emits ``idle`` after ``minutes`` without user input anywhere in the application."""

    idle = Signal()

    def __init__(self, minutes: int = 10, timer: QTimer | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = timer or QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.expire)
        self.set_minutes(minutes, keep_interval=timer is not None and timer.interval() > 0)
        self._active = False

    def set_minutes(self, minutes: int, *, keep_interval: bool = False) -> None:
        if not keep_interval:
            self.timer.setInterval(max(1, int(minutes)) * 60_000)
        if self.timer.isActive():
            self.timer.start()

    def start(self) -> None:
        if not self._active:
            QApplication.instance().installEventFilter(self)
            self._active = True
        self.timer.start()

    def stop(self) -> None:
        if self._active:
            QApplication.instance().removeEventFilter(self)
            self._active = False
        self.timer.stop()

    @property
    def active(self) -> bool:
        return self._active

    def expire(self) -> None:
        """The idle time is over (called by the timer, or directly by tests)."""
        self.stop()
        self.idle.emit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in INPUT_EVENTS and self._active:
            self.timer.start()
        return False


class LockScreen(QFrame):
    """Covers its parent; the signed-in staff member types their password to return to their work."""

    unlocked = Signal()
    sign_out_requested = Signal()

    def __init__(self, services: "DeskServices", session: "StaffSession", parent: QWidget) -> None:
        super().__init__(parent)
        self.services, self.session = services, session
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setAlignment(Qt.AlignCenter)
        self.who = QLabel()
        self.who.setAlignment(Qt.AlignCenter)
        self.who.setWordWrap(True)
        self.password_label = QLabel()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setObjectName("lockPassword")
        self.password_label.setBuddy(self.password)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.setAlignment(Qt.AlignCenter)
        self.error.hide()
        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("primary")
        self.unlock_button.setDefault(True)
        self.sign_out_button = QPushButton()
        self.unlock_button.clicked.connect(self.try_unlock)
        self.password.returnPressed.connect(self.try_unlock)
        self.sign_out_button.clicked.connect(self.sign_out_requested)

        card = QFrame()
        card.setObjectName("card")
        card.setMinimumWidth(520)
        card.setMaximumWidth(640)
        box = QVBoxLayout(card)
        box.setSpacing(14)
        box.addWidget(self.title)
        box.addWidget(self.who)
        box.addWidget(self.password_label)
        box.addWidget(self.password)
        box.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(self.unlock_button)
        row.addWidget(self.sign_out_button)
        box.addLayout(row)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignHCenter)
        outer.addStretch(2)
        parent.installEventFilter(self)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Screen locked"))
        actor = self.session.actor
        name = actor.name_ar if actor else ""
        self.who.setText(self.tr("Signed in: %1. The work in progress is kept.").replace("%1", f"\u2068{name}\u2069" if name else ""))
        self.password_label.setText(self.tr("Password of %1").replace("%1", f"\u2068{actor.username}\u2069" if actor else ""))
        self.password.setAccessibleName(self.tr("Password to unlock"))
        self.unlock_button.setText(self.tr("Unlock"))
        self.sign_out_button.setText(self.tr("Sign out (someone else)"))
        self.sign_out_button.setToolTip(self.tr("Signs this staff member out; the consent in progress stays as a draft."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.parentWidget() and event.type() == QEvent.Resize:
            self.setGeometry(obj.rect())
        return False

    def engage(self) -> None:
        self.retranslate()
        self.password.clear()
        self.error.hide()
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.password.setFocus(Qt.OtherFocusReason)

    def try_unlock(self) -> None:
        actor = self.session.actor
        if actor is None:
            self.sign_out_requested.emit()
            return
        try:
            self.services.auth.confirm(actor, self.password.text(), "unlock")
        except Exception as exc:  # noqa: BLE001 - shown in words, logged by message_for when unexpected
            self.password.clear()
            self.error.setText(message_for(exc))
            self.error.show()
            self.password.setFocus(Qt.OtherFocusReason)
            if getattr(exc, "code", "") == "account_locked":
                self.unlock_button.setEnabled(False)
            return
        self.password.clear()
        self.hide()
        self.unlocked.emit()
