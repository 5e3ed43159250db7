"""The administration window: one tab per area, each shown only to the roles that may use it
(administrators: users, institution, form versions, audit log; physicians: form versions). The
services enforce the same rules; every administrative action is audited there.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from ..common.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from ..common.services import DeskServices, StaffSession

PAGES = (("users", "users.manage"), ("institution", "settings.manage"), ("forms", "forms.view"),
         ("audit", "audit.view"))


class AdminWindow(QMainWindow):
    settingsChanged = Signal(object, object)  # Settings, changed keys: relayed from the institution page

    def __init__(self, services: "DeskServices", session: "StaffSession", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if parent is not None:
            self.setWindowFlag(Qt.Window, True)
        self.setObjectName("adminWindow")
        self.services, self.session = services, session
        self.pages = QTabWidget(self)
        self.pages.setObjectName("adminPages")
        self.pages.setDocumentMode(True)
        self.setCentralWidget(self.pages)
        self.page: dict[str, QWidget] = {}
        actor = session.actor
        for key, action in PAGES:
            if actor is None or not actor.may(action):
                continue
            page = self._make(key)
            self.page[key] = page
            self.pages.addTab(page, "")
        close = QShortcut(QKeySequence("Ctrl+W"), self)
        close.activated.connect(self.close)
        for n in range(min(4, self.pages.count())):  # Alt+1..4 switch pages
            sc = QShortcut(QKeySequence(f"Alt+{n + 1}"), self)
            sc.activated.connect(lambda n=n: self.pages.setCurrentIndex(n))
        fit_to_screen(self, QSize(1280, 860))
        self.retranslate()

    def _make(self, key: str) -> QWidget:
        if key == "users":
            from .users_page import UsersPage

            return UsersPage(self.services, self.session, self)
        if key == "institution":
            from .institution_page import InstitutionPage

            page = InstitutionPage(self.services, self.session, self)
            page.settingsChanged.connect(self.settingsChanged)
            return page
        if key == "forms":
            from .forms_page import FormsPage

            return FormsPage(self.services, self.session, self)
        from .audit_page import AuditPage

        return AuditPage(self.services, self.session, self)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Administration"))
        titles = {"users": self.tr("Users"), "institution": self.tr("Institution"),
                  "forms": self.tr("Form versions"), "audit": self.tr("Audit log")}
        for key, page in self.page.items():
            self.pages.setTabText(self.pages.indexOf(page), titles[key])
        self.pages.setAccessibleName(self.tr("Areas of administration"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
