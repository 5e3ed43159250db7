"""Signing in: username and password. The service audits every attempt and gives one answer for every
failure (an unknown username, a wrong password, an account that must wait); this screen says it in
the interface language, and names the accounts that were changed outside the program (refused until
an administrator resolves them)."""
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
        self.password.returnPressed.connect(self.submit)

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

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reset(self, username: str = "") -> None:
        self.username.setText(username)
        self.password.clear()
        self.error.hide()
        self.button.setEnabled(True)
        (self.password if username else self.username).setFocus(Qt.OtherFocusReason)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def submit(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
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
        self.signed_in.emit(actor)
