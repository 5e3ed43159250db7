"""First run: the institution's names, the first administrator, and the signing certificate.

Shown instead of everything else while ``SetupService.needs_setup()``; the service checks every
field (names, username, password strength, the PKCS#12 and its password) and does it all or nothing.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton, QVBoxLayout,
    QWidget,
)

from ..common.file_dialogs import ask_open_path
from ..common.layouts import scrolling
from ..common.messages import message_for

if TYPE_CHECKING:
    from ..common.services import DeskServices


class FirstRunPage(QWidget):
    completed = Signal(str)  # the administrator's username

    def __init__(self, services: "DeskServices", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.intro = QLabel()
        self.intro.setWordWrap(True)

        def field(name: str, *, latin: bool = False, password: bool = False) -> tuple[QLabel, QLineEdit]:
            label, edit = QLabel(), QLineEdit()
            edit.setObjectName(name)
            if latin:
                edit.setLayoutDirection(Qt.LeftToRight)
            if password:
                edit.setEchoMode(QLineEdit.Password)
            label.setBuddy(edit)
            return label, edit

        self.inst_ar_label, self.inst_ar = field("institution_ar")
        self.inst_en_label, self.inst_en = field("institution_en", latin=True)
        self.user_label, self.username = field("admin_username", latin=True)
        self.name_label, self.admin_name = field("admin_name_ar")
        self.pw_label, self.password = field("admin_password", password=True)
        self.pw2_label, self.password2 = field("admin_password2", password=True)
        self.pw_hint = QLabel()
        self.pw_hint.setObjectName("hint")
        self.pw_hint.setWordWrap(True)

        self.inst_box, self.admin_box, self.cert_box = QGroupBox(), QGroupBox(), QGroupBox()
        form = QFormLayout(self.inst_box)
        form.addRow(self.inst_ar_label, self.inst_ar)
        form.addRow(self.inst_en_label, self.inst_en)
        form = QFormLayout(self.admin_box)
        form.addRow(self.user_label, self.username)
        form.addRow(self.name_label, self.admin_name)
        form.addRow(self.pw_label, self.password)
        form.addRow(self.pw2_label, self.password2)
        form.addRow(self.pw_hint)

        self.self_signed = QRadioButton()
        self.self_signed.setObjectName("certSelfSigned")
        self.import_p12 = QRadioButton()
        self.import_p12.setObjectName("certImport")
        self.self_signed.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.self_signed)
        group.addButton(self.import_p12)
        self.p12_label, self.p12_path = field("p12_path", latin=True)
        self.browse = QPushButton()
        self.browse.clicked.connect(self.choose_file)
        self.p12_pw_label, self.p12_password = field("p12_password", password=True)
        self.import_widgets = (self.p12_path, self.browse, self.p12_password, self.p12_label, self.p12_pw_label)
        cert = QVBoxLayout(self.cert_box)
        cert.addWidget(self.self_signed)
        cert.addWidget(self.import_p12)
        form = QFormLayout()
        path_row = QHBoxLayout()
        path_row.addWidget(self.p12_path, 1)
        path_row.addWidget(self.browse)
        form.addRow(self.p12_label, path_row)
        form.addRow(self.p12_pw_label, self.p12_password)
        cert.addLayout(form)
        self.import_p12.toggled.connect(self._cert_mode)
        self._cert_mode(False)

        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.button = QPushButton()
        self.button.setObjectName("primary")
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        for edit in (self.inst_ar, self.inst_en, self.username, self.admin_name, self.password, self.password2,
                     self.p12_path, self.p12_password):
            edit.returnPressed.connect(self.submit)  # Enter completes the set-up, as in a dialog

        content = QWidget()
        content.setObjectName("formContent")
        col = QVBoxLayout(content)
        col.setSpacing(14)
        col.addWidget(self.title)
        col.addWidget(self.intro)
        col.addWidget(self.inst_box)
        col.addWidget(self.admin_box)
        col.addWidget(self.cert_box)
        col.addStretch(1)
        content.setMaximumWidth(860)
        holder = QWidget()
        holder_box = QHBoxLayout(holder)
        holder_box.addWidget(content)
        # The form scrolls; the error and "Complete set-up" stay in view, whatever the screen's height.
        bottom = QWidget()
        bottom.setMaximumWidth(860)
        bottom_box = QVBoxLayout(bottom)
        bottom_box.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.button)
        bottom_box.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(holder, self), 1)
        bottom_holder = QWidget()  # as wide as the form above it, the button at its end
        bottom_row = QHBoxLayout(bottom_holder)
        bottom_row.setContentsMargins(0, 0, 0, 0)
        bottom_row.addWidget(bottom)
        outer.addWidget(bottom_holder)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Set up the consent desk"))
        self.intro.setText(self.tr("This is the first start. Enter the institution's names, create the first "
                                   "administrator and choose the certificate that seals the records."))
        self.inst_box.setTitle(self.tr("Institution"))
        self.inst_ar_label.setText(self.tr("Name in &Arabic"))
        self.inst_en_label.setText(self.tr("Name in &English"))
        self.admin_box.setTitle(self.tr("First administrator"))
        self.user_label.setText(self.tr("&Username"))
        self.username.setPlaceholderText(self.tr("Latin letters, e.g. admin.name"))
        self.name_label.setText(self.tr("Full name in Ara&bic"))
        self.pw_label.setText(self.tr("&Password"))
        self.pw2_label.setText(self.tr("Password a&gain"))
        self.pw_hint.setText(self.tr("At least 8 characters; not a common password; not containing the username."))
        self.cert_box.setTitle(self.tr("Signing certificate"))
        self.self_signed.setText(self.tr("Create a self-signed certificate (for demonstration and training)"))
        self.import_p12.setText(self.tr("Import the hospital's certificate (PKCS#12 file)"))
        self.p12_label.setText(self.tr("Certificate &file"))
        self.browse.setText(self.tr("Choose..."))
        self.browse.setAccessibleName(self.tr("Choose the certificate file"))
        self.p12_pw_label.setText(self.tr("Certificate pass&word"))
        self.button.setText(self.tr("Complete set-up"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _cert_mode(self, importing: bool) -> None:
        for w in self.import_widgets:
            w.setEnabled(importing)

    def choose_file(self) -> None:
        path = ask_open_path(self, self.tr("Choose the certificate file"),
                             self.tr("PKCS#12 certificates (*.p12 *.pfx)"))
        if path is not None:
            self.p12_path.setText(str(path))

    def show_error(self, text: str, focus: QWidget | None = None) -> None:
        self.error.setText(text)
        self.error.show()
        if focus is not None:
            focus.setFocus(Qt.OtherFocusReason)

    def submit(self) -> None:
        if self.password.text() != self.password2.text():
            self.password2.clear()
            self.show_error(self.tr("The two passwords are not the same. Please type the password again."),
                            self.password2)
            return
        pkcs12 = pkcs12_password = None
        if self.import_p12.isChecked():
            path = self.p12_path.text().strip()
            if not path:
                self.show_error(self.tr("Choose the certificate file, or create a self-signed certificate."),
                                self.p12_path)
                return
            try:
                pkcs12 = Path(path).read_bytes()
            except OSError:
                self.show_error(self.tr("The certificate file could not be read."), self.p12_path)
                return
            pkcs12_password = self.p12_password.text() or None
        try:
            admin = self.services.setup.complete(
                institution_ar=self.inst_ar.text(), institution_en=self.inst_en.text(),
                admin_username=self.username.text(), admin_name_ar=self.admin_name.text(),
                admin_password=self.password.text(), pkcs12=pkcs12, pkcs12_password=pkcs12_password)
        except Exception as exc:  # noqa: BLE001 - the service's checks, in words
            self.show_error(message_for(exc))
            return
        for edit in (self.password, self.password2, self.p12_password):
            edit.clear()
        self.error.hide()
        self.completed.emit(admin.username)
