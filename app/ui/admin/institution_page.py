"""The institution's settings: names and logo, the seal (the trust file IT installed, read-only; the
key on a PKCS#11 token or in a passphrase-protected PKCS#12; unlocking it for this session; the
certificates used, expiry warned ahead), the timestamp server with a connection test, idle-lock
minutes, the patient's screen, and the local checklist thresholds within the ranges the forms allow.
Each group saves on its own; the services check and audit every change.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QScrollArea, QSpinBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from app.domain.errors import InvalidInput

from ..common.file_dialogs import ask_open_path
from ..common.i18n import interface_language
from ..common.messages import message_for
from ..common.widgets import Banner
from ..common.words import local_time

if TYPE_CHECKING:
    from ..common.services import DeskServices, StaffSession

MAX_FILE = 4 * 1024 * 1024


def _row(form: QFormLayout, text: str, widget: QWidget, name: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setAccessibleName(name or text.replace("&", ""))
    form.addRow(label, widget)
    return label


def _button(text: str, name: str, parent: QWidget) -> QPushButton:
    b = QPushButton(text, parent)
    b.setAccessibleName(name)
    return b


def _trailing(button: QPushButton) -> QHBoxLayout:
    """A save button at the end of its group, not stretched across it."""
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(button)
    return row


class InstitutionPage(QScrollArea):
    settingsChanged = Signal(object, object)  # Settings, the keys that changed (the shell applies them)

    def __init__(self, services: "DeskServices", session: "StaffSession", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminInstitutionPage")
        self.setWidgetResizable(True)
        self.services, self.session = services, session
        self.tz = services.settings.current().time_zone
        inner = QWidget()
        self.setWidget(inner)
        self.banner = Banner(inner)
        box = QVBoxLayout(inner)
        box.addWidget(self.banner)
        box.addWidget(self._names_group(inner))
        box.addWidget(self._certificate_group(inner))
        box.addWidget(self._desk_group(inner))
        box.addWidget(self._thresholds_group(inner))
        box.addStretch(1)
        self.load()

    # ------------------------------------------------------------------ building
    def _names_group(self, parent: QWidget) -> QGroupBox:
        group = QGroupBox(self.tr("Institution"), parent)
        form = QFormLayout(group)
        self.name_ar = QLineEdit(group)
        self.name_en = QLineEdit(group)
        self.name_en.setLayoutDirection(Qt.LeftToRight)
        _row(form, self.tr("Name in &Arabic"), self.name_ar)
        _row(form, self.tr("Name in &English"), self.name_en)
        self.save_names = _button(self.tr("Save the names"), self.tr("Save the names"), group)
        self.save_names.clicked.connect(self.apply_names)
        form.addRow(_trailing(self.save_names))
        self.logo = QLabel(group)
        self.logo.setMinimumHeight(72)
        self.logo.setAlignment(Qt.AlignCenter)
        self.choose_logo = _button(self.tr("Choose the &logo…"), self.tr("Choose the logo (PNG or JPEG)"), group)
        self.choose_logo.clicked.connect(self.ask_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(self.choose_logo)
        form.addRow(QLabel(self.tr("Logo")), logo_row)
        return group

    def _certificate_group(self, parent: QWidget) -> QGroupBox:
        group = QGroupBox(self.tr("Signing certificate (seal)"), parent)
        box = QVBoxLayout(group)
        self.cert_warning = Banner(group)
        self.certs = QTreeWidget(group)
        self.certs.setObjectName("certificates")
        self.certs.setRootIsDecorated(False)
        self.certs.setSelectionMode(QAbstractItemView.NoSelection)
        self.certs.setAccessibleName(self.tr("Signing certificates, current and earlier"))
        self.certs.setHeaderLabels([self.tr("In use"), self.tr("Subject"), self.tr("Valid until"), self.tr("Days left"),
                                    self.tr("Fingerprint")])
        self.certs.setMaximumHeight(150)
        form = QFormLayout()
        self.p12_path = QLineEdit(group)
        self.p12_path.setLayoutDirection(Qt.LeftToRight)
        self.p12_browse = _button(self.tr("Browse…"), self.tr("Choose the PKCS#12 file"), group)
        self.p12_browse.clicked.connect(self.ask_p12)
        path_row = QHBoxLayout()
        path_row.addWidget(self.p12_path, 1)
        path_row.addWidget(self.p12_browse)
        label = QLabel(self.tr("PKCS#12 &file (.p12, .pfx)"))
        label.setBuddy(self.p12_path)
        self.p12_path.setAccessibleName(self.tr("PKCS#12 file"))
        form.addRow(label, path_row)
        self.p12_password = QLineEdit(group)
        self.p12_password.setEchoMode(QLineEdit.Password)
        _row(form, self.tr("Its pass&word"), self.p12_password, self.tr("Password of the PKCS#12 file"))
        self.import_button = _button(self.tr("&Import and use for new seals"),
                                     self.tr("Import the certificate and use it for new seals"), group)
        self.import_button.clicked.connect(self.import_certificate)
        form.addRow(_trailing(self.import_button))
        note = QLabel(self.tr("What is trusted comes only from the trust file installed by IT; records sealed with "
                              "earlier certificates of the institution still verify."), group)
        note.setObjectName("hint")
        note.setWordWrap(True)
        # the trust file and where the key is: facts, not settings (IT installs the trust file)
        trust_form = QFormLayout()
        self.trust_file = QLineEdit(group)
        self.trust_file.setReadOnly(True)
        self.trust_file.setLayoutDirection(Qt.LeftToRight)
        _row(trust_form, self.tr("Trust file (installed by IT)"), self.trust_file, self.tr("Trust file"))
        self.key_place = QLineEdit(group)
        self.key_place.setReadOnly(True)
        self.key_place.setLayoutDirection(Qt.LeftToRight)
        _row(trust_form, self.tr("Seal key"), self.key_place, self.tr("Where the seal key is"))
        self.unlock_secret = QLineEdit(group)
        self.unlock_secret.setEchoMode(QLineEdit.Password)
        self.unlock_button = _button(self.tr("&Unlock the seal"), self.tr("Unlock the seal for this session"), group)
        self.unlock_button.clicked.connect(self.unlock_seal)
        unlock_row = QHBoxLayout()
        unlock_row.addWidget(self.unlock_secret, 1)
        unlock_row.addWidget(self.unlock_button)
        label = QLabel(self.tr("PIN or &passphrase"))
        label.setBuddy(self.unlock_secret)
        self.unlock_secret.setAccessibleName(self.tr("PIN or passphrase of the seal"))
        trust_form.addRow(label, unlock_row)
        # kept by the operating system for this computer's account: a desk started later needs no one to unlock it
        self.remember_secret = QCheckBox(self.tr("&Remember it on this computer (in its key store)"), group)
        self.remember_secret.setAccessibleName(self.tr("Remember the PIN or passphrase on this computer"))
        self.forget_button = _button(self.tr("F&orget it on this computer"),
                                     self.tr("Forget the PIN or passphrase on this computer"), group)
        self.forget_button.clicked.connect(self.forget_secret)
        remember_row = QHBoxLayout()
        remember_row.addWidget(self.remember_secret, 1)
        remember_row.addWidget(self.forget_button)
        trust_form.addRow(remember_row)
        # the key on a PKCS#11 token (smart card, USB token, HSM)
        token_form = QFormLayout()
        self.pkcs11_module = QLineEdit(group)
        self.pkcs11_token = QLineEdit(group)
        self.pkcs11_key = QLineEdit(group)
        self.pkcs11_pin = QLineEdit(group)
        self.pkcs11_pin.setEchoMode(QLineEdit.Password)
        for w in (self.pkcs11_module, self.pkcs11_token, self.pkcs11_key):
            w.setLayoutDirection(Qt.LeftToRight)
        _row(token_form, self.tr("PKCS#11 &module"), self.pkcs11_module, self.tr("PKCS#11 module (library file)"))
        _row(token_form, self.tr("&Token"), self.pkcs11_token, self.tr("Token name"))
        _row(token_form, self.tr("&Key"), self.pkcs11_key, self.tr("Key name on the token"))
        _row(token_form, self.tr("Token P&IN"), self.pkcs11_pin, self.tr("Token PIN"))
        self.use_token = _button(self.tr("Use the &token for new seals"), self.tr("Use the token for new seals"), group)
        self.use_token.clicked.connect(self.configure_token)
        token_form.addRow(_trailing(self.use_token))
        self.ts_url = QLineEdit(group)
        self.ts_url.setLayoutDirection(Qt.LeftToRight)
        self.ts_url.setPlaceholderText("https://")
        self.save_ts = _button(self.tr("Save the timestamp server"), self.tr("Save the timestamp server"), group)
        self.save_ts.clicked.connect(self.apply_timestamp)
        self.test_ts = _button(self.tr("Test the &connection"), self.tr("Test the timestamp server"), group)
        self.test_ts.clicked.connect(self.test_timestamp)
        ts_form = QFormLayout()
        _row(ts_form, self.tr("&Timestamp server (empty: none)"), self.ts_url, self.tr("Timestamp server address"))
        ts_buttons = _trailing(self.test_ts)
        ts_buttons.addWidget(self.save_ts)
        ts_form.addRow(ts_buttons)
        box.addWidget(self.cert_warning)
        box.addLayout(trust_form)
        box.addWidget(self.certs)
        box.addLayout(form)
        box.addLayout(token_form)
        box.addWidget(note)
        box.addLayout(ts_form)
        return group

    def _desk_group(self, parent: QWidget) -> QGroupBox:
        group = QGroupBox(self.tr("Desk"), parent)
        form = QFormLayout(group)
        self.idle = QSpinBox(group)
        self.idle.setRange(1, 240)
        self.idle.setSuffix(" " + self.tr("min"))
        self.screen = QComboBox(group)
        self.screen.addItem(self.tr("The same screen as the desk"), "")
        for scr in QGuiApplication.screens():
            self.screen.addItem(scr.name(), scr.name())
        _row(form, self.tr("Lock after (&minutes without use)"), self.idle)
        _row(form, self.tr("Screen for the &patient"), self.screen)
        self.data_dir = QLabel(str(self.services.ctx.data_dir), group)
        self.data_dir.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.data_dir.setLayoutDirection(Qt.LeftToRight)
        form.addRow(QLabel(self.tr("Data folder")), self.data_dir)
        self.save_desk = _button(self.tr("Save the desk settings"), self.tr("Save the desk settings"), group)
        self.save_desk.clicked.connect(self.apply_desk)
        form.addRow(_trailing(self.save_desk))
        return group

    def _thresholds_group(self, parent: QWidget) -> QGroupBox:
        group = QGroupBox(self.tr("Checklist thresholds (within the form's range)"), parent)
        self.threshold_form = QFormLayout(group)
        self.thresholds: dict[str, QDoubleSpinBox] = {}
        self.threshold_values: dict[str, float] = {}
        try:
            items = self.services.forms_admin.thresholds(self.session.actor)
        except Exception as exc:  # noqa: BLE001 - no form loaded: nothing to set
            items = []
            self.threshold_form.addRow(QLabel(message_for(exc)))
        for t in items:
            spin = QDoubleSpinBox(group)
            spin.setDecimals(2)
            spin.setRange(float(t["minimum"]), float(t["maximum"]))
            spin.setValue(float(t["value"]))
            if t.get("unit"):
                spin.setSuffix(" " + t["unit"])
            spin.setLayoutDirection(Qt.LeftToRight)
            words = t.get("label_en", t["label"]) if interface_language() == "en" else t["label"]
            label = f"{words} ({t['minimum']:g}–{t['maximum']:g})"
            _row(self.threshold_form, label, spin, words)
            spin.setProperty("a11y_any_language", True)  # the form's own words (the forms are Arabic)
            self.thresholds[t["id"]] = spin
            self.threshold_values[t["id"]] = float(t["value"])
        self.save_thresholds = _button(self.tr("Save the thresholds"), self.tr("Save the thresholds"), group)
        self.save_thresholds.clicked.connect(self.apply_thresholds)
        self.threshold_form.addRow(_trailing(self.save_thresholds))
        return group

    # ------------------------------------------------------------------ data
    def load(self) -> None:
        s = self.services.settings.current()
        self.name_ar.setText(s.institution_name_ar)
        self.name_en.setText(s.institution_name_en)
        self.ts_url.setText(s.timestamp_url)
        self.pkcs11_module.setText(s.pkcs11_module)
        self.pkcs11_token.setText(s.pkcs11_token)
        self.pkcs11_key.setText(s.pkcs11_key)
        self.idle.setValue(s.idle_lock_minutes)
        if s.patient_screen and self.screen.findData(s.patient_screen) < 0:
            self.screen.addItem(s.patient_screen, s.patient_screen)
        self.screen.setCurrentIndex(max(0, self.screen.findData(s.patient_screen)))
        self._load_logo()
        self._load_certificates()

    def _load_logo(self) -> None:
        path = self.services.institution.logo_path()
        pix = QPixmap(str(path)) if path else QPixmap()
        if pix.isNull():
            self.logo.setText(self.tr("No logo"))
        else:
            self.logo.setPixmap(pix.scaledToHeight(64, Qt.SmoothTransformation))
        self.logo.setAccessibleName(self.tr("Logo") if not pix.isNull() else self.tr("No logo"))

    def _load_certificates(self) -> None:
        actor = self.session.actor
        self.certs.clear()
        self.cert_warning.clear()
        try:
            setup = self.services.institution.seal_setup(actor)
            self.trust_file.setText(setup["trust_file"] or self.tr("none: only demonstration consents can be sealed"))
            self.key_place.setText(setup["key"] or self.tr("none"))
            certs = self.services.institution.certificates(actor)
            warnings = self.services.institution.expiry_warnings(actor)
        except Exception as exc:  # noqa: BLE001
            self.cert_warning.show_message("error", message_for(exc))
            return
        for c in certs:
            self.certs.addTopLevelItem(QTreeWidgetItem([
                ("✔ " + self.tr("Current")) if c.is_current else self.tr("Earlier"), c.subject,
                local_time(c.not_after, self.tz), str(c.days_left), c.fingerprint_sha256[:16]]))
        for c in range(self.certs.columnCount()):
            self.certs.resizeColumnToContents(c)
        for w in warnings:
            text = (self.tr("The signing certificate has expired. Import a new one now.") if w.expired else
                    self.tr("The signing certificate expires in %1 days. Import the next one before then.")
                    .replace("%1", str(w.days_left)))
            self.cert_warning.show_message("error" if w.expired else "warning", text)

    def _do(self, fn, ok_text: str) -> bool:
        self.banner.clear()
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - shown to the person
            self.banner.show_message("error", message_for(exc))
            self.ensureWidgetVisible(self.banner)
            return False
        self.banner.show_message("ok", ok_text)
        self.ensureWidgetVisible(self.banner)
        return True

    # ------------------------------------------------------------------ actions
    def apply_names(self) -> bool:
        svc, actor = self.services.institution, self.session.actor
        ok = self._do(lambda: svc.set_names(actor, name_ar=self.name_ar.text().strip(),
                                            name_en=self.name_en.text().strip()), self.tr("The names were saved."))
        if ok:
            self.settingsChanged.emit(self.services.settings.current(), {"institution_name_ar", "institution_name_en"})
        return ok

    def ask_logo(self) -> None:
        path = ask_open_path(self, self.tr("Choose the logo"), self.tr("Images (*.png *.jpg *.jpeg)"))
        if path is not None:
            self.apply_logo(path)

    def apply_logo(self, path: Path) -> bool:
        svc, actor = self.services.institution, self.session.actor
        ok = self._do(lambda: svc.set_logo(actor, _read(path)), self.tr("The logo was saved."))
        self._load_logo()
        return ok

    def ask_p12(self) -> None:
        path = ask_open_path(self, self.tr("Choose the PKCS#12 file"), self.tr("PKCS#12 files (*.p12 *.pfx)"))
        if path is not None:
            self.p12_path.setText(str(path))

    def import_certificate(self) -> bool:
        svc, actor = self.services.institution, self.session.actor
        path, password = Path(self.p12_path.text().strip()), self.p12_password.text()
        self.p12_password.clear()
        ok = self._do(lambda: svc.import_pkcs12(actor, _read(path), password),
                      self.tr("The certificate was imported; new records are sealed with it."))
        self._load_certificates()
        return ok

    def configure_token(self) -> bool:
        svc, actor = self.services.institution, self.session.actor
        pin = self.pkcs11_pin.text()
        self.pkcs11_pin.clear()
        ok = self._do(lambda: svc.configure_pkcs11(actor, self.pkcs11_module.text().strip(),
                                                   self.pkcs11_token.text().strip(), self.pkcs11_key.text().strip(), pin),
                      self.tr("The token's key now seals new records."))
        self._load_certificates()
        return ok

    def unlock_seal(self) -> bool:
        svc, actor = self.services.institution, self.session.actor
        secret = self.unlock_secret.text()
        self.unlock_secret.clear()
        remember = self.remember_secret.isChecked()
        done = []
        if not self._do(lambda: done.append(svc.unlock_seal(actor, secret, remember=remember)), ""):
            return False
        if done[0].remembered:
            text = self.tr("The seal is unlocked, and this computer's key store keeps its PIN or passphrase.")
        elif remember:
            text = self.tr("The seal is unlocked for this session only: this computer has no key store to keep "
                           "the PIN or passphrase.")
        else:
            text = self.tr("The seal is unlocked for this session.")
        self.banner.show_message("ok", text)
        return True

    def forget_secret(self) -> bool:
        svc, actor = self.services.institution, self.session.actor
        return self._do(lambda: svc.forget_seal_secret(actor),
                        self.tr("This computer no longer keeps the seal's PIN or passphrase; the seal is locked."))

    def test_timestamp(self) -> bool:
        svc, actor = self.services.institution, self.session.actor
        url = self.ts_url.text().strip()
        names: list[str] = []
        ok = self._do(lambda: names.append(svc.test_timestamp_server(actor, url)), "")
        if ok:
            self.banner.show_message("ok", self.tr("The timestamp server answered and is trusted: %1")
                                     .replace("%1", names[0]))
        return ok

    def apply_timestamp(self) -> bool:
        svc, actor = self.services.institution, self.session.actor
        return self._do(lambda: svc.set_timestamp_url(actor, self.ts_url.text().strip()),
                        self.tr("The timestamp server was saved."))

    def apply_desk(self) -> bool:
        svc, actor = self.services.settings, self.session.actor
        current = svc.current()
        changes = {k: v for k, v in (("idle_lock_minutes", self.idle.value()),
                                     ("patient_screen", self.screen.currentData() or ""))
                   if getattr(current, k) != v}
        ok = self._do(lambda: changes and svc.update(actor, **changes), self.tr("The desk settings were saved."))
        if ok and changes:
            self.settingsChanged.emit(svc.current(), set(changes))
        return ok

    def apply_thresholds(self) -> bool:
        svc, actor = self.services.forms_admin, self.session.actor
        changed = {k: spin.value() for k, spin in self.thresholds.items()
                   if abs(spin.value() - self.threshold_values[k]) > 1e-9}

        def save() -> None:
            for key, value in changed.items():
                svc.set_threshold(actor, key, value)
                self.threshold_values[key] = value

        return self._do(save, self.tr("The thresholds were saved."))


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE:
            raise InvalidInput("file_too_large", "the file is too large")
        return path.read_bytes()
    except OSError:
        raise InvalidInput("certificate_unreadable" if path.suffix.lower() in (".p12", ".pfx") else "logo_invalid",
                           "the file cannot be read") from None
