"""A physician identifies themself (username + own password), with a reason for an override.

Used for a physician's override of a blocking answer or a consent warning, and for the nurse's
"hand over to the physician" before the physician's signature. The dialog signs the physician in
through AuthService.login (every attempt audited) and hands back the physician's Actor for that one
act; the password is kept only until the caller has used it.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AccessDenied, ConsentError
from app.domain.roles import Actor

from ..common.messages import message_for
from ..common.widgets import SPACING, Banner, add_row, note

MIN_REASON = 5


@dataclass
class PhysicianConfirmation:
    actor: Actor
    password: str
    reason: str = ""


class OverrideDialog(QDialog):
    def __init__(self, auth, parent: QWidget | None = None, *, title: str = "", subject: str = "",
                 need_reason: bool = True, username: str = "", lock_username: bool = False,
                 purpose: str = "override") -> None:
        super().__init__(parent)
        self.auth, self.need_reason, self.purpose = auth, need_reason, purpose
        self.result_value: PhysicianConfirmation | None = None
        self.setWindowTitle(title or self.tr("Physician override"))
        self.setAccessibleName(self.windowTitle())
        self.setModal(True)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        if subject:
            layout.addWidget(note(subject, self))
        form = QFormLayout()
        self.username = QLineEdit(username, self)
        self.username.setReadOnly(lock_username)
        add_row(form, self.tr("Physician &username"), self.username)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.Password)
        add_row(form, self.tr("&Password"), self.password)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("Why the procedure may go ahead despite this"))
        self.reason.setFixedHeight(90)
        if need_reason:
            add_row(form, self.tr("&Reason"), self.reason)
        else:
            self.reason.hide()
        layout.addLayout(form)
        self.error = Banner(self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(self.tr("Confirm"))
        self.ok_button.setDefault(True)  # Enter in the password confirms
        self.ok_button.setAccessibleName(self.tr("Confirm"))
        cancel = buttons.button(QDialogButtonBox.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password if lock_username else self.username).setFocus()
        self.username.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        """Enter after the username goes on to the password (it does not confirm with an empty one)."""
        if obj is self.username and event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.password.setFocus(Qt.TabFocusReason)
            return True
        return super().eventFilter(obj, event)

    def accept(self) -> None:
        reason = self.reason.toPlainText().strip()
        if self.need_reason and len(reason) < MIN_REASON:
            self.error.show_message("error", message_for(ConsentError("override_reason_short")))
            self.reason.setFocus()
            return
        try:
            actor = self.auth.login(self.username.text(), self.password.text(), purpose=self.purpose)
            if actor.role != "physician":
                raise AccessDenied("role_not_allowed", "only a physician may do this")
        except ConsentError as exc:
            self.error.show_message("error", message_for(exc))
            self.password.clear()
            self.password.setFocus()
            return
        self.result_value = PhysicianConfirmation(actor, self.password.text(), reason)
        self.password.clear()
        super().accept()


def ask_physician(auth, parent: QWidget | None = None, **options) -> PhysicianConfirmation | None:
    """Open the dialog; the physician's confirmation, or None when cancelled. The keyboard comes back
    where it was (the button that opened the dialog), not to the first button of the window."""
    came_from = QApplication.focusWidget()
    dialog = OverrideDialog(auth, parent, **options)
    try:
        return dialog.result_value if dialog.exec() == QDialog.Accepted else None
    finally:
        dialog.deleteLater()
        _give_focus_back(came_from)


def _give_focus_back(came_from: QWidget | None) -> None:
    target = came_from
    try:
        for _ in range(200):  # a button disabled by the act itself: the next one that takes the keyboard
            if target is None or (target.isVisible() and target.isEnabled() and target.focusPolicy() & Qt.TabFocus):
                break
            target = target.nextInFocusChain()
        if target is not None:
            target.setFocus(Qt.OtherFocusReason)
    except RuntimeError:  # the widget went away with the page it was on
        pass
