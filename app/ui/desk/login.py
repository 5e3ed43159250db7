"""Signing in: username and password. The service audits every attempt and gives one answer for every
failure (an unknown username, a wrong password, an account that must wait); this screen says it in
the interface language, and names the accounts that were changed outside the program (refused until
an administrator resolves them).

At a sealing station whose institution seal is locked (no PIN or passphrase given in this process,
in the environment or in the OS key store), one more field asks for the seal's PIN (a token) or
passphrase (a PKCS#12). It is optional: once the password is accepted, what was typed there is given
to the service, which opens the key with it; a wrong one leaves the staff member signed in and the
seal locked, and ``seal_outcome`` says so for the Today page. The field is emptied after every
attempt."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.roles import Actor

from ..common.messages import message_for

if TYPE_CHECKING:
    from ..common.services import DeskServices


class LoginPage(QWidget):
    signed_in = Signal(object)  # Actor

    def __init__(self, services: "DeskServices", institution: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.institution = institution
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setAlignment(Qt.AlignCenter)
        self.subtitle = QLabel(institution)
        self.subtitle.setObjectName("subtitle")
        self.subtitle.setAlignment(Qt.AlignCenter)
        self.subtitle.setWordWrap(True)
        self.username_label, self.password_label = QLabel(), QLabel()
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setLayoutDirection(Qt.LeftToRight)  # user names are Latin
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.Password)
        self.username_label.setBuddy(self.username)
        self.password_label.setBuddy(self.password)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.unresolved = QLabel()
        self.unresolved.setObjectName("warningText")
        self.unresolved.setWordWrap(True)
        self.unresolved.hide()
        self.button = QPushButton()
        self.button.setObjectName("primary")
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self._password_entered)

        # The seal's PIN or passphrase, shown only while the seal is locked here (see ask_seal).
        self.seal_kind = ""  # "pkcs11", "pkcs12", or "" (not asked)
        self.seal_outcome: tuple[str, str] | None = None  # (banner kind, text) after a sign-in that gave one
        self.seal_box = QWidget()
        self.seal_box.setObjectName("sealBox")
        self.seal_label = QLabel()
        self.seal_pin = QLineEdit()
        self.seal_pin.setObjectName("sealPin")
        self.seal_pin.setEchoMode(QLineEdit.Password)
        self.seal_pin.setLayoutDirection(Qt.LeftToRight)  # PINs and passphrases are typed as on the token
        self.seal_label.setBuddy(self.seal_pin)
        self.seal_hint = QLabel()
        self.seal_hint.setObjectName("hint")
        self.seal_hint.setWordWrap(True)
        self.seal_pin.returnPressed.connect(self.submit)
        seal_col = QVBoxLayout(self.seal_box)
        seal_col.setContentsMargins(0, 0, 0, 0)
        seal_col.setSpacing(8)
        seal_col.addWidget(self.seal_label)
        seal_col.addWidget(self.seal_pin)
        seal_col.addWidget(self.seal_hint)
        self.seal_box.hide()

        card = QFrame()
        card.setObjectName("card")
        card.setFixedWidth(520)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.WrapAllRows)
        form.setVerticalSpacing(8)
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        box = QVBoxLayout(card)
        box.setSpacing(16)
        box.addWidget(self.title)
        box.addWidget(self.subtitle)
        box.addLayout(form)
        box.addWidget(self.seal_box)
        box.addWidget(self.error)
        box.addWidget(self.unresolved)
        box.addWidget(self.button)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        # Centred by stretches, not by an alignment: an aligned card keeps its one-line height, and a
        # message that wraps (the accounts changed outside the program) pushed the fields over each other.
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(card)
        middle.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)
        self.retranslate()

    def show_unresolved(self, usernames: list[str]) -> None:
        """The accounts found changed outside the program at start-up: refused until resolved."""
        self.usernames_unresolved = list(usernames)
        self.unresolved.setVisible(bool(usernames))
        if usernames:
            self.unresolved.setText(self.tr("Changed outside the program, refused until an administrator "
                                            "resolves them: %1").replace("%1", ", ".join(usernames)))
            self.unresolved.setAccessibleName(self.unresolved.text())

    def retranslate(self) -> None:
        if getattr(self, "usernames_unresolved", None):
            self.show_unresolved(self.usernames_unresolved)
        self.title.setText(self.tr("Sign in to the consent desk"))
        self.username_label.setText(self.tr("&Username"))
        self.password_label.setText(self.tr("&Password"))
        self.button.setText(self.tr("Sign in"))
        if self.seal_kind == "pkcs12":
            self.seal_label.setText(self.tr("&Seal passphrase"))
            self.seal_pin.setAccessibleName(self.tr("Seal passphrase"))
        else:
            self.seal_label.setText(self.tr("&Seal PIN"))
            self.seal_pin.setAccessibleName(self.tr("Seal PIN"))
        self.seal_hint.setText(self.tr("Optional: unlocks the institution's seal at this station until the program "
                                       "is closed, so that consents can be sealed."))
        self.seal_pin.setAccessibleDescription(self.seal_hint.text())

    def ask_seal(self, kind: str) -> None:
        """Show the seal's field while the seal is locked here ("pkcs11": its PIN, "pkcs12": its
        passphrase); "" hides it."""
        self.seal_kind = kind
        self.seal_pin.clear()
        self.seal_box.setVisible(bool(kind))
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reset(self, username: str = "") -> None:
        self.username.setText(username)
        self.password.clear()
        self.seal_pin.clear()
        self.seal_outcome = None
        self.error.hide()
        self.button.setEnabled(True)
        (self.password if username else self.username).setFocus(Qt.OtherFocusReason)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _password_entered(self) -> None:
        """Return in the password field: on to the seal's field when it is asked for, else sign in."""
        if self.seal_kind:
            self.seal_pin.setFocus(Qt.OtherFocusReason)
        else:
            self.submit()

    def submit(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        seal_secret = self.seal_pin.text() if self.seal_kind else ""
        self.seal_pin.clear()  # typed again at each attempt; never kept in the widget
        self.seal_outcome = None
        if not username:
            self.show_error(self.tr("Please type your username."))
            self.username.setFocus(Qt.OtherFocusReason)
            return
        try:
            actor: Actor = self.services.auth.login(username, password)
        except Exception as exc:  # noqa: BLE001 - the service's errors, in words
            self.password.clear()
            self.show_error(message_for(exc))
            self.password.setFocus(Qt.OtherFocusReason)
            return
        self.password.clear()
        self.error.hide()
        if seal_secret:
            self.seal_outcome = self._give_seal_secret(actor, seal_secret)
        self.signed_in.emit(actor)

    def _give_seal_secret(self, actor: Actor, secret: str) -> tuple[str, str]:
        """The PIN or passphrase to the service; what the Today page then says (the staff member is
        signed in either way)."""
        try:
            self.services.institution.unlock_seal_at_sign_in(actor, secret)
        except Exception as exc:  # noqa: BLE001 - a wrong PIN, a token pulled out: said, never logged
            return "warning", self.tr("You are signed in, but the institution's seal stays locked: %1").replace(
                "%1", message_for(exc))
        return "ok", self.tr("The institution's seal is unlocked at this station until the program is closed.")
