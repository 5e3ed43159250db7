"""The records office: a station of kind ``records`` is the archive and nothing else.

Only administrators sign in there (search, preview, print, export, verify; the administration
window for users and settings); there is no Today page and no consent flow. The desk's main window
is reused: after sign-in its Today page is replaced by a short page that opens the archive, and the
Today and New consent buttons are hidden. Anyone else is signed out again with the reason shown.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ..common.widgets import MARGIN, SPACING


def _t(text: str) -> str:
    return QCoreApplication.translate("RecordsOffice", text)


def is_records_office(services) -> bool:
    station = getattr(services, "station", None)
    return station is not None and station.kind == "records"


def admit(window, actor) -> bool:
    """True for an administrator; anyone else is signed out at once with the reason on the sign-in page."""
    if actor.role == "admin":
        return True
    window.session.sign_out()
    window.show_login(actor.username)
    window.login.error.setText(_t("This computer is the records office: only administrators sign in here. "
                                  "Consents are taken at the desks."))
    window.login.error.show()
    return False


class RecordsOfficePage(QWidget):
    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordsOffice")
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.open_archive = QPushButton(self)
        self.open_archive.setObjectName("primary")
        self.open_archive.clicked.connect(window.open_archive)
        self.retranslate()
        box = QVBoxLayout(self)
        box.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        box.setSpacing(SPACING)
        box.addWidget(self.title)
        box.addWidget(self.text)
        box.addWidget(self.open_archive, 0, Qt.AlignLeading)
        box.addStretch(1)

    def retranslate(self) -> None:
        self.title.setText(_t("Records office"))
        self.text.setText(_t("Search the archive, preview and print records, export a period and check seals. "
                             "No consent is taken on this computer."))
        self.open_archive.setText(_t("Open the &archive"))
        self.open_archive.setAccessibleName(_t("Open the archive"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def enter_records_office(window) -> None:
    """After an administrator signed in: the records office page instead of Today, the archive open."""
    page = getattr(window, "records_office_page", None)
    if page is None:
        page = window.records_office_page = RecordsOfficePage(window)
        window.pages.addWidget(page)
    for key, button in (("today", window.header.today), ("new", window.header.new)):
        button.hide()
        window.shortcuts[key].setEnabled(False)
    window.pages.setCurrentWidget(page)
    window.open_archive()
