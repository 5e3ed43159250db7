"""First run on a computer that joins an existing database: its station name, its kind, the server.

Offered on the first-run page ("This computer joins an existing database…"): the station's name
(shown in every title bar), its kind (a pre-op desk, a patient tablet, the records office), and the
PostgreSQL server (host, port, database, role, password, encryption and the hospital's CA). "Test
the connection" connects once and says what it found. Saving writes the station file (no password)
and keeps the password in the OS key store, or in the data folder's pgpass file where there is none.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from app.domain.errors import ConsentError

from ..common.messages import message_for
from ..common.words import isolate


def _t(text: str) -> str:
    return QCoreApplication.translate("StationSetup", text)


def ssl_choices() -> tuple[tuple[str, str], ...]:
    return (("verify-full", _t("Encrypted; the server's certificate is checked against the hospital's CA")),
            ("require", _t("Encrypted, without checking the server's certificate")),
            ("disable", _t("Not encrypted (a test server only)")))


class StationDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        from app.services.connection import station_of

        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.setWindowTitle(_t("This computer as a station"))
        self.setAccessibleName(self.windowTitle())
        current = station_of(self.data_dir)
        self.name = QLineEdit(current.name, self)
        self.name.setAccessibleName(_t("Station name"))
        # A list rather than three radio buttons: the dialog fits a 1024x768 screen.
        self.kind_box = QComboBox(self)
        self.kind_box.setAccessibleName(_t("This computer is"))
        for kind, text in (("desk", _t("a pre-op desk (consents are taken here)")),
                           ("tablet", _t("a patient tablet (the patient reads and signs here)")),
                           ("records", _t("the records office (the archive, for administrators)"))):
            self.kind_box.addItem(text, kind)
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(current.kind)))
        station = QFormLayout()
        station.addRow(_t("Station name (shown in the title bar)"), self.name)
        station.addRow(_t("This computer is"), self.kind_box)

        server = QGroupBox(_t("The shared database (PostgreSQL)"), self)
        form = QFormLayout(server)
        self.host = QLineEdit(server)
        self.host.setLayoutDirection(Qt.LeftToRight)
        self.port = QSpinBox(server)
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("consent", server)
        self.role = QLineEdit("consent_desk", server)
        self.password = QLineEdit(server)
        self.password.setEchoMode(QLineEdit.Password)
        self.ssl = QComboBox(server)
        for mode, text in ssl_choices():
            self.ssl.addItem(text, mode)
        self.ca = QLineEdit(server)
        self.ca.setLayoutDirection(Qt.LeftToRight)
        browse = QPushButton(_t("Choose…"), server)
        browse.setAccessibleName(_t("Choose the hospital's CA certificate file"))
        browse.clicked.connect(self._choose_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca, 1)
        ca_row.addWidget(browse)
        for label, widget, name in ((_t("Server"), self.host, _t("Database server name or address")),
                                    (_t("Port"), self.port, _t("Database server port")),
                                    (_t("Database"), self.database, _t("Database name")),
                                    (_t("Role"), self.role, _t("Database role (user name)")),
                                    (_t("Password"), self.password, _t("Database password")),
                                    (_t("Encryption"), self.ssl, _t("Encryption of the connection"))):
            widget.setAccessibleName(name)
            form.addRow(label, widget)
        self.ca.setAccessibleName(_t("The hospital's CA certificate (PEM)"))
        form.addRow(_t("Hospital CA"), ca_row)
        if current.database:
            self._fill(current.database)
        self.test_button = QPushButton(_t("&Test the connection"), self)
        self.test_button.setAccessibleName(_t("Test the connection to the database server"))
        self.test_button.clicked.connect(self.test)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(station)
        box.addWidget(server)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.outcome, 1)
        box.addLayout(row)
        box.addWidget(self.buttons)

    def _fill(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        u = make_url(url)
        self.host.setText(u.host or "")
        self.port.setValue(u.port or 5432)
        self.database.setText(u.database or "")
        self.role.setText(u.username or "")
        index = self.ssl.findData(u.query.get("sslmode", "verify-full"))
        self.ssl.setCurrentIndex(max(0, index))
        self.ca.setText(str(u.query.get("sslrootcert", "")))

    def _choose_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _t("The hospital's CA certificate"), "",
                                              _t("Certificates (*.pem *.crt)"))
        if path:
            self.ca.setText(path)

    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def url(self) -> str:
        from app.services.connection import build_url

        mode = self.ssl.currentData()
        return build_url(host=self.host.text().strip(), port=self.port.value(), database=self.database.text().strip(),
                         role=self.role.text().strip(), sslmode=mode,
                         sslrootcert=self.ca.text().strip() if mode == "verify-full" else "")

    def test(self) -> bool:
        from app.services.connection import try_connection

        try:
            found = try_connection(self.url(), self.data_dir, self.password.text() or None)
        except ConsentError as exc:
            self.outcome.setText(message_for(exc))
            return False
        states = {"empty": _t("the database is empty: set up the institution from the first desk"),
                  "ready": _t("the database is ready"),
                  "older": _t("the database will be brought up to date"),
                  "newer": _t("the database was written by a newer program: update this one first")}
        # The server's own words ("PostgreSQL 15.18 (Debian ...)") kept whole, left to right, in an Arabic sentence.
        self.outcome.setText(_t("Connected: %1; %2.").replace("%1", isolate(f"PostgreSQL {found['server']}"))
                            .replace("%2", states[found["state"]]))
        return found["state"] != "newer"

    def save(self) -> None:
        from app.services.connection import StationFile, store_password, write_station_file

        try:
            if not self.test():
                return
            url = self.url()
            if self.password.text():
                store_password(url, self.password.text(), self.data_dir)
            write_station_file(self.data_dir, StationFile(self.name.text(), self.kind(), url))
        except (ConsentError, OSError) as exc:
            self.outcome.setText(message_for(exc))
            return
        self.password.clear()
        self.accept()


class JoinButton(QPushButton):
    """The first-run page's "This computer joins an existing database…", in the interface language."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(_t("This computer &joins an existing database…"))
        self.setAccessibleName(_t("This computer joins an existing shared database (several desks, a patient "
                                  "tablet, the records office)"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def add_join_button(window) -> None:
    """On the first-run page: "This computer joins an existing database…" (several stations)."""
    page = window.first_run
    reopen = getattr(window, "reopen_station", None)
    if page is None or reopen is None or getattr(page, "join_button", None) is not None:
        return
    button = JoinButton(page)

    def join() -> None:
        dialog = StationDialog(Path(window.services.ctx.data_dir), window)
        if dialog.exec() == QDialog.Accepted:
            reopen()

    button.clicked.connect(join)
    page.join_button = button
    holder = page.intro.parentWidget() if hasattr(page, "intro") else None
    layout = holder.layout() if holder is not None else page.layout()
    if layout is not None:
        at = layout.indexOf(page.intro) + 1 if holder is not None else 0
        layout.insertWidget(at, button, 0, Qt.AlignLeading)
