"""The kiosk lock of the patient screen: no way back to staff screens without a staff password.

``KioskGuard`` is an application-wide event filter while the patient screen is up. It refuses, on the
patient's window, Escape, Alt+F4, the program's own shortcuts (Ctrl+T, Ctrl+N, Ctrl+L... and any other
Ctrl/Alt/Meta chord) and Qt shortcut events of other windows; a few editing chords stay (undo on the
pad, copy and paste in a text field, zoom). Closing the window is refused by the window itself
(``PatientScreen.closeEvent``) unless a staff member has unlocked it.

``KioskIdle`` watches input on the patient's window only: after the configured idle time the screen
turns neutral (no patient data), and the session (the draft, the page, the ink on the pad) is kept.

``StaffPage`` asks a staff member's username and password (``AuthService.login``, audited as
``kiosk_exit``; failures count toward the lockout) to return to the patient or to leave.

What the operating system allows (Ctrl+Alt+Del, switching users or virtual terminals) is locked by
the operating system's kiosk mode: see the README, "Kiosk mode for the patient screen".
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import AccessDenied

from ..common.messages import message_for
from .language import SpeaksPatientLanguage, patient_translate

log = logging.getLogger(__name__)

ALLOWED_CHORDS = (QKeySequence.Undo, QKeySequence.Copy, QKeySequence.Paste, QKeySequence.Cut,
                  QKeySequence.SelectAll, QKeySequence.ZoomIn, QKeySequence.ZoomOut)
_MODIFIERS = Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier
_KEY_EVENTS = (QEvent.KeyPress, QEvent.KeyRelease, QEvent.ShortcutOverride)
INPUT_EVENTS = frozenset({
    QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseMove, QEvent.Wheel, QEvent.TouchBegin,
    QEvent.TouchUpdate, QEvent.TabletPress, QEvent.TabletMove, QEvent.InputMethod,
})


def refused_key(event) -> bool:
    """Escape, Alt+F4, F-keys and every Ctrl/Alt/Meta chord except a few editing ones."""
    key = event.key()
    if key in (Qt.Key_Escape, Qt.Key_Close, Qt.Key_Back, Qt.Key_Menu) or Qt.Key_F1 <= key <= Qt.Key_F35:
        return True
    if key in (Qt.Key_Control, Qt.Key_Alt, Qt.Key_Meta, Qt.Key_Shift, Qt.Key_AltGr):
        return False
    if event.modifiers() & _MODIFIERS:
        return not any(event.matches(seq) for seq in ALLOWED_CHORDS) or bool(event.modifiers() & Qt.AltModifier)
    return False


class KioskGuard(QObject):
    """Refuses the keys and shortcuts that would lead out of ``window`` while it is engaged."""

    refused = Signal(str)  # what was refused (for the log and tests), e.g. "key", "shortcut"

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.engaged = False

    def engage(self) -> None:
        if not self.engaged:
            QApplication.instance().installEventFilter(self)
            self.engaged = True

    def release(self) -> None:
        if self.engaged:
            QApplication.instance().removeEventFilter(self)
            self.engaged = False

    def _inside(self, obj: QObject) -> bool:
        if isinstance(obj, QWidget):
            return obj.window() is self.window
        return obj is self.window.windowHandle()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind in _KEY_EVENTS and self._inside(obj) and refused_key(event):
            event.accept()
            if kind == QEvent.KeyPress:
                self.refused.emit("key")
            return True
        if kind == QEvent.Shortcut and QApplication.activeWindow() is self.window:
            # A shortcut of another window (the desk's navigation) fired while the patient's is active.
            owner = obj.parent() if obj is not None else None
            if not (isinstance(owner, QWidget) and owner.window() is self.window):
                self.refused.emit("shortcut")
                return True
        return False


class KioskIdle(QObject):
    """Emits ``idle`` after ``seconds`` without input on ``window`` (other windows do not count)."""

    idle = Signal()

    def __init__(self, window: QWidget, seconds: int = 180, timer: QTimer | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.timer = timer or QTimer(self)
        self.timer.setSingleShot(True)
        if timer is None or timer.interval() <= 0:
            self.timer.setInterval(max(5, int(seconds)) * 1000)
        self.timer.timeout.connect(self.expire)
        self.active = False

    def start(self) -> None:
        if not self.active:
            QApplication.instance().installEventFilter(self)
            self.active = True
        self.timer.start()

    def stop(self) -> None:
        if self.active:
            QApplication.instance().removeEventFilter(self)
            self.active = False
        self.timer.stop()

    def expire(self) -> None:
        self.stop()
        self.idle.emit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if self.active and event.type() in INPUT_EVENTS and isinstance(obj, QWidget) and obj.window() is self.window:
            self.timer.start()
        return False


class NeutralPage(SpeaksPatientLanguage, QWidget):
    """Shown after the idle time: nothing about the patient; a staff member continues."""

    staff_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("neutralPage")
        self.title = QLabel(self.tr("This screen is waiting"), self)
        self.title.setObjectName("patientTitle")
        self.title.setAlignment(Qt.AlignCenter)
        self.text = QLabel(self.tr("Please ask a member of the team to continue. Nothing has been lost."), self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignCenter)
        self.button = QPushButton(self.tr("Staff: continue"), self)
        self.button.setObjectName("staffButton")
        self.button.setAccessibleName(self.tr("Staff: continue with the password"))
        self.button.clicked.connect(self.staff_requested)
        box = QVBoxLayout(self)
        box.addStretch(2)
        box.addWidget(self.title)
        box.addWidget(self.text)
        box.addSpacing(24)
        box.addWidget(self.button, 0, Qt.AlignHCenter)
        box.addStretch(3)


class StaffPage(SpeaksPatientLanguage, QWidget):
    """A staff member's username and password: back to the patient, or leave the patient screen."""

    resumed = Signal()
    left = Signal(object)  # the staff Actor who unlocked
    cancelled = Signal()

    def __init__(self, auth, username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.auth = auth
        self.default_username = username
        self.setObjectName("staffPage")
        card = QFrame(self)
        card.setObjectName("patientCard")
        card.setMaximumWidth(720)
        card.setMinimumWidth(560)  # room for its sentences; a narrow card cut their words
        title = QLabel(self.tr("Staff only"), card)
        title.setObjectName("patientTitle")
        hint = QLabel(self.tr("A member of the team enters their own username and password."), card)
        hint.setWordWrap(True)
        self.username_label = QLabel(self.tr("&Username"), card)
        self.username = QLineEdit(card)
        self.username.setAccessibleName(self.tr("Staff username"))
        self.username_label.setBuddy(self.username)
        self.username.setLayoutDirection(Qt.LeftToRight)
        self.password_label = QLabel(self.tr("&Password"), card)
        self.password = QLineEdit(card)
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setAccessibleName(self.tr("Staff password"))
        self.password_label.setBuddy(self.password)
        self.error = QLabel(card)
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.resume_button = QPushButton(self.tr("Return to the patient"), card)
        self.resume_button.setObjectName("primary")
        self.resume_button.setAccessibleName(self.tr("Return to the patient"))
        self.leave_button = QPushButton(self.tr("Close the patient screen"), card)
        self.leave_button.setAccessibleName(self.tr("Close the patient screen and return to the desk"))
        self.cancel_button = QPushButton(self.tr("Cancel"), card)
        self.cancel_button.setAccessibleName(self.tr("Cancel: back to the patient without a password"))
        box = QVBoxLayout(card)
        box.setSpacing(12)
        for w in (title, hint, self.username_label, self.username, self.password_label, self.password, self.error):
            box.addWidget(w)
        # One under the other, each as wide as the card: whole words in any language and at any zoom.
        for button in (self.resume_button, self.leave_button, self.cancel_button):
            box.addWidget(button)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignHCenter)
        outer.addStretch(2)
        self.resume_button.clicked.connect(lambda: self.submit(leave=False))
        self.leave_button.clicked.connect(lambda: self.submit(leave=True))
        self.password.returnPressed.connect(lambda: self.submit(leave=False))
        self.cancel_button.clicked.connect(self.cancelled)

    def prepare(self, *, can_cancel: bool) -> None:
        """Empty the fields; ``can_cancel``: the patient may go back without a password."""
        self.username.setText(self.default_username)
        self.password.clear()
        self.error.hide()
        self.cancel_button.setVisible(can_cancel)
        (self.password if self.default_username else self.username).setFocus(Qt.OtherFocusReason)

    def check(self):
        """The staff member, or None with the reason shown."""
        try:
            actor = self.auth.login(self.username.text(), self.password.text(), purpose="kiosk_exit")
            if not actor.may("consent.discuss"):
                raise AccessDenied("role_not_allowed", "only the consent team may unlock the patient screen")
        except Exception as exc:  # noqa: BLE001 - shown in words; message_for logs the unexpected
            self.password.clear()
            self.error.setText(message_for(exc, lambda context, text: patient_translate(self, context, text)))
            self.error.show()
            self.password.setFocus(Qt.OtherFocusReason)
            return None
        self.password.clear()
        self.error.hide()
        return actor

    def submit(self, *, leave: bool) -> None:
        actor = self.check()
        if actor is None:
            return
        if leave:
            self.left.emit(actor)
        else:
            self.resumed.emit()
