"""The shell: a header (institution, who is signed in, Today / New consent / Lock / Settings / Sign out)
over a stack of pages, the first-run and sign-in screens, and the idle lock.

Cheap to import (no services, no database): the window appears first, ``attach()`` brings the
services once the data folder is open. Screens come in through imports inside the methods.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication, QFrame, QHBoxLayout, QLabel, QMainWindow, QPushButton, QSizePolicy, QStackedWidget, QStyle,
    QVBoxLayout, QWidget,
)

if TYPE_CHECKING:
    from ..common.i18n import Translations
    from ..common.services import DeskServices

log = logging.getLogger(__name__)

ADMIN_ACTIONS = ("users.manage", "settings.manage", "forms.view", "audit.view")


def isolate(text: str) -> str:
    """Text of either direction inside a sentence of the other (Unicode first-strong isolate)."""
    return f"\u2068{text}\u2069" if text else text


SHORTCUTS = {"today": "Ctrl+T", "new": "Ctrl+N", "lock": "Ctrl+L", "settings": "Ctrl+,", "sign_out": "Ctrl+Shift+Q",
             "archive": "Ctrl+Shift+F", "admin": "Ctrl+Shift+A", "about": "F1"}


class OpeningPage(QWidget):
    """What the first window shows while the data folder opens."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setAlignment(Qt.AlignCenter)
        self.status = QLabel()
        self.status.setAlignment(Qt.AlignCenter)
        box = QVBoxLayout(self)
        box.addStretch(1)
        box.addWidget(self.title)
        box.addWidget(self.status)
        box.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Vertebroplasty and kyphoplasty consent desk"))
        self.status.setText(self.tr("Opening the data folder..."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class FlowPlaceholder(QWidget):
    """Shown when the consent pages cannot be loaded (they are built separately)."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignCenter)
        self.back = QPushButton()
        self.back.clicked.connect(self.finished)
        box = QVBoxLayout(self)
        box.addStretch(1)
        box.addWidget(self.label)
        box.addWidget(self.back, 0, Qt.AlignHCenter)
        box.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.tr("The consent pages are not available in this version of the program."))
        self.back.setText(self.tr("Back to Today"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def start_new(self) -> None: ...
    def resume(self, draft_id: str) -> None: ...
    def open_readiness(self, consent_record_id: str) -> None: ...
    def show_record(self, record_id: str) -> None: ...


class Header(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        self.institution = QLabel()
        self.institution.setObjectName("institution")
        self.user = QLabel()
        self.user.setObjectName("userLine")
        for label in (self.institution, self.user):  # the names give way (wrap) before a button would
            label.setWordWrap(True)
            label.setMinimumWidth(120)
            label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.institution)
        names.addWidget(self.user)
        self.today = QPushButton()
        self.today.setObjectName("navToday")
        self.new = QPushButton()
        self.new.setObjectName("navNew")
        self.lock = QPushButton()
        self.lock.setObjectName("navLock")
        self.settings = QPushButton()
        self.settings.setObjectName("navSettings")
        self.sign_out = QPushButton()
        self.sign_out.setObjectName("navSignOut")
        # The archive and administration open their own windows; shown by role (see _update_header).
        self.archive = QPushButton()
        self.archive.setObjectName("navArchive")
        self.admin = QPushButton()
        self.admin.setObjectName("navAdmin")
        # Version and build, for a call to IT (also F1, before sign-in too): an icon, so the header
        # keeps its width; its name is spoken and shown as a tooltip.
        self.about = QPushButton()
        self.about.setObjectName("navAbout")
        self.about.setIcon(self.style().standardIcon(QStyle.SP_MessageBoxInformation))
        self.about.setFocusPolicy(Qt.StrongFocus)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addLayout(names, 1)
        row.addWidget(self.about)
        for b in (self.archive, self.admin):
            b.setFocusPolicy(Qt.StrongFocus)
            row.addWidget(b)
        # Created (hence tabbed) in reading order: right to left in Arabic, left to right in English.
        for b in (self.today, self.new, self.lock, self.settings, self.sign_out):
            b.setFocusPolicy(Qt.StrongFocus)
            row.addWidget(b)

    def buttons(self) -> list[QPushButton]:
        return [self.today, self.new, self.lock, self.settings, self.sign_out]

    def window_buttons(self) -> list[QPushButton]:
        return [self.archive, self.admin]


class MainWindow(QMainWindow):
    def __init__(self, translations: "Translations | None" = None, *, idle_timer=None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.translations = translations
        self.idle_timer = idle_timer
        self.services: "DeskServices | None" = None
        self.session = None  # a StaffSession once the services are attached (importing them is slow)
        self.flow = None
        self.today_page = None
        self.first_run = self.login = None
        self.watcher = self.lock_screen = None
        self.archive_window = self.admin_window = None
        self.about_dialog = None
        self._hidden_by_lock: list[QWidget] = []

        self.root = QStackedWidget()
        self.root.setObjectName("root")
        self.opening = OpeningPage()
        self.root.addWidget(self.opening)
        self.setCentralWidget(self.root)
        self.desk = QWidget()
        self.desk.setObjectName("desk")
        self.header = Header()
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        box = QVBoxLayout(self.desk)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.header)
        box.addWidget(self.pages, 1)
        self.root.addWidget(self.desk)
        h = self.header
        h.today.clicked.connect(self.show_today)
        h.new.clicked.connect(self.new_consent)
        h.lock.clicked.connect(self.lock_now)
        h.settings.clicked.connect(self.open_settings)
        h.sign_out.clicked.connect(self.sign_out)
        self.shortcuts: dict[str, QShortcut] = {}
        for key, button in zip(("today", "new", "lock", "settings", "sign_out"), h.buttons()):
            sc = QShortcut(QKeySequence(SHORTCUTS[key]), self)
            sc.setContext(Qt.WindowShortcut)
            sc.activated.connect(button.click)
            self.shortcuts[key] = sc
        h.archive.clicked.connect(self.open_archive)
        h.admin.clicked.connect(self.open_admin)
        for key, button in zip(("archive", "admin"), h.window_buttons()):
            sc = QShortcut(QKeySequence(SHORTCUTS[key]), self)
            sc.setContext(Qt.WindowShortcut)
            sc.activated.connect(lambda b=button: b.isVisible() and b.click())
            self.shortcuts[key] = sc
        h.about.clicked.connect(self.open_about)
        self.shortcuts["about"] = QShortcut(QKeySequence(SHORTCUTS["about"]), self)
        self.shortcuts["about"].setContext(Qt.WindowShortcut)
        self.shortcuts["about"].activated.connect(self.open_about)
        from ..common.screen_fit import fit_to_screen

        fit_to_screen(self, QSize(1280, 820))  # smaller screens: the window fits, its pages scroll
        self.retranslate()

    # ------------------------------------------------------------------ texts
    def retranslate(self) -> None:
        h = self.header
        texts = {"today": self.tr("Today"), "new": self.tr("New consent"), "lock": self.tr("Lock"),
                 "settings": self.tr("Settings"), "sign_out": self.tr("Sign out")}
        for key, button in zip(texts, h.buttons()):
            button.setText(texts[key])
            shortcut = QKeySequence(SHORTCUTS[key]).toString(QKeySequence.NativeText)
            button.setToolTip(f"{texts[key]} ({shortcut})")
        for key, text, button in (("archive", self.tr("Archive"), h.archive),
                                  ("admin", self.tr("Administration"), h.admin)):
            button.setText(text)
            button.setToolTip(f"{text} ({QKeySequence(SHORTCUTS[key]).toString(QKeySequence.NativeText)})")
        h.about.setAccessibleName(self.tr("About"))
        h.about.setToolTip(f"{self.tr('About')} ({QKeySequence(SHORTCUTS['about']).toString(QKeySequence.NativeText)})")
        self._update_header()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def role_text(self, role: str) -> str:
        return {"nurse": self.tr("Nurse"), "physician": self.tr("Physician"),
                "admin": self.tr("Administrator")}.get(role, role)

    def institution_name(self) -> str:
        if self.services is None:
            return ""
        s = self.services.settings.current()
        if self.language() == "en":
            return s.institution_name_en or s.institution_name_ar
        return s.institution_name_ar or s.institution_name_en

    def language(self) -> str:
        return self.translations.language if self.translations and self.translations.language else (
            "ar" if QApplication.layoutDirection() == Qt.RightToLeft else "en")

    def _update_header(self) -> None:
        title = self.tr("Consent desk")
        inst = self.institution_name()
        from ..station_start import station_caption  # this computer's station (issue 16)

        station = station_caption(getattr(self.services, "station", None))
        self.setWindowTitle(" — ".join(part for part in (title, inst, station) if part))
        self.header.institution.setText(inst)
        actor = self.session.actor if self.session is not None else None
        if actor is not None:
            # The name is isolated (FSI..PDI) so that an Arabic name does not turn an English line around.
            self.header.user.setText(self.tr("%1 · %2 (%3)").replace("%1", isolate(actor.name_ar))
                                     .replace("%2", self.role_text(actor.role)).replace("%3", actor.username))
            may_start = actor.may("consent.start")
            self.header.new.setEnabled(may_start)
            self.header.archive.setVisible(actor.may("archive.search"))
            self.header.admin.setVisible(any(actor.may(a) for a in ADMIN_ACTIONS))
            why = "" if may_start else self.tr("Consents are started by nurses and physicians; an administrator's "
                                               "account manages the desk.")
            buttons = [self.header.new] + ([self.today_page.new_button] if self.today_page is not None else [])
            for button in buttons:
                button.setEnabled(may_start)
                button.setAccessibleDescription(why)
                if why:
                    button.setToolTip(why)
            if self.today_page is not None:
                self.today_page.role_hint.setText(why)
                self.today_page.role_hint.setVisible(bool(why))
        else:
            self.header.user.clear()
            self.header.archive.hide()
            self.header.admin.hide()

    # ------------------------------------------------------------------ start-up
    def attach(self, services: "DeskServices") -> None:
        """The data folder is open: set the language it asks for, then first run or sign-in."""
        from ..common.services import StaffSession

        self.services = services
        if self.session is None:
            self.session = StaffSession(self)
        settings = services.settings.current()
        self.apply_language(settings.language)
        if services.setup.needs_setup():
            self.show_first_run()
        else:
            self.show_login()

    def apply_language(self, language: str) -> None:
        from ..common.style import direction_for

        if self.translations is not None:
            language = self.translations.switch(language)
        app = QApplication.instance()
        app.setLayoutDirection(direction_for(language))
        # Deliver the LanguageChange events now, so every screen has its new texts on return.
        app.sendPostedEvents(None, QEvent.LanguageChange)
        self.retranslate()

    def show_first_run(self) -> None:
        from .first_run import FirstRunPage

        if self.first_run is None:
            self.first_run = FirstRunPage(self.services)
            self.first_run.completed.connect(self.show_login)
            self.root.addWidget(self.first_run)
            from .station_setup import add_join_button  # several stations (issue 16)

            add_join_button(self)
        self.root.setCurrentWidget(self.first_run)
        self.first_run.inst_ar.setFocus(Qt.OtherFocusReason)

    def show_login(self, username: str = "") -> None:
        from .login import LoginPage

        if self.first_run is not None:  # set-up is done: it can never come back
            self.root.removeWidget(self.first_run)
            self.first_run.deleteLater()
            self.first_run = None
        if self.login is None:
            self.login = LoginPage(self.services)
            self.login.signed_in.connect(self.on_signed_in)
            self.root.addWidget(self.login)
        self.login.subtitle.setText(self.institution_name())
        self.login.show_unresolved(getattr(self.services, "unresolved_accounts", []))
        self.login.ask_seal(self._locked_seal())
        self.root.setCurrentWidget(self.login)
        self.login.reset(username)
        self._update_header()

    def _locked_seal(self) -> str:
        """What the sign-in page asks for the institution's seal ("pkcs11", "pkcs12", "": nothing):
        only at a station that seals (not the records office) and while the seal is locked here."""
        from ..archive import records_office

        institution = getattr(self.services, "institution", None)
        if institution is None or records_office.is_records_office(self.services):
            return ""
        return institution.locked_seal()

    # ------------------------------------------------------------------ signed in
    def on_signed_in(self, actor) -> None:
        from .idle_lock import IdleWatcher
        from .today_page import TodayPage

        seal_outcome = self.login.seal_outcome if self.login is not None else None
        self.session.sign_in(actor)
        from ..archive import records_office  # the archive-only station (issue 16)

        if records_office.is_records_office(self.services) and not records_office.admit(self, actor):
            return
        if self.today_page is None:
            self.today_page = TodayPage(self.services, self.session)
            self.today_page.new_consent.connect(self.new_consent)
            self.today_page.resume_draft.connect(lambda i: self._to_flow("resume", i))
            self.today_page.open_readiness.connect(lambda i: self._to_flow("open_readiness", i))
            self.today_page.open_record.connect(lambda i: self._to_flow("show_record", i))
            self.pages.addWidget(self.today_page)
        if self.login is not None:  # its password field stays out of reach (and out of screen readers' tree)
            self.root.removeWidget(self.login)
            self.login.deleteLater()
            self.login = None
        if self.watcher is None:
            self.watcher = IdleWatcher(self.services.settings.current().idle_lock_minutes, self.idle_timer, self)
            self.watcher.idle.connect(self.lock_now)
        self.watcher.start()
        self._update_header()  # also mirrors the role on the Today page's buttons
        if seal_outcome is not None:  # the seal's PIN given at sign-in: unlocked, or why it stays locked
            self.today_page.seal_banner.show_message(*seal_outcome)
        else:
            self.today_page.seal_banner.clear()
        self.root.setCurrentWidget(self.desk)
        self.show_today()
        if records_office.is_records_office(self.services):
            records_office.enter_records_office(self)

    def show_today(self) -> None:
        if self.today_page is None:
            return
        if self.flow is not None and hasattr(self.flow, "save_now"):
            self.flow.save_now()  # what was typed on the patient page is kept (and listed on Today)
        self.pages.setCurrentWidget(self.today_page)
        self.today_page.refresh()
        self.header.today.setFocus(Qt.OtherFocusReason)

    def flow_widget(self):
        if self.flow is None:
            try:
                from .consent_flow import ConsentFlow

                self.flow = ConsentFlow(self.services, self.session)
            except Exception:  # noqa: BLE001 - built by another part of the team; the shell keeps working
                log.exception("the consent pages could not be loaded")
                self.flow = FlowPlaceholder()
            self.flow.finished.connect(self.show_today)
            self.pages.addWidget(self.flow)
        return self.flow

    def _to_flow(self, method: str, *args) -> None:
        flow = self.flow_widget()
        self.pages.setCurrentWidget(flow)
        getattr(flow, method)(*args)

    def new_consent(self) -> None:
        actor = self.session.actor if self.session is not None else None
        if actor is None or not actor.may("consent.start"):
            return
        self._to_flow("start_new")

    def _drop_flow(self) -> None:
        if self.flow is not None:  # its work is autosaved as a draft
            if hasattr(self.flow, "save_now"):
                self.flow.save_now()
            self.pages.removeWidget(self.flow)
            self.flow.deleteLater()
            self.flow = None

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        if self.session is None or self.session.actor is None:
            return
        dialog = SettingsDialog(self.services, self.session, self)
        self.settings_dialog = dialog
        if dialog.exec() and dialog.saved is not None:
            self.settings_applied(dialog.saved, dialog.changed_keys)
        self.settings_dialog = None
        dialog.deleteLater()

    def settings_applied(self, settings, keys: set[str]) -> None:
        if "idle_lock_minutes" in keys and self.watcher is not None:
            self.watcher.set_minutes(settings.idle_lock_minutes)
        if "language" in keys:
            self.close_windows()  # the archive and administration reopen in the new language
            if self.flow is not None and self.pages.currentWidget() is not self.flow:
                self._drop_flow()  # rebuilt in the new language when next needed
            self.apply_language(settings.language)
            if self.today_page is not None:
                self.today_page.refresh()
        self._update_header()

    def closeEvent(self, event) -> None:  # noqa: N802 - closing the program keeps what was typed
        if self.flow is not None and hasattr(self.flow, "save_now") and self.session and self.session.actor:
            self.flow.save_now()
        super().closeEvent(event)

    # ------------------------------------------------------------------ lock, sign out
    @property
    def locked(self) -> bool:
        return self.lock_screen is not None and self.lock_screen.isVisible()

    def lock_now(self) -> None:
        from .idle_lock import LockScreen

        if self.session is None or self.session.actor is None or self.locked:
            return
        if self.lock_screen is None:  # made when needed: no hidden password field the rest of the time
            self.lock_screen = LockScreen(self.services, self.session, self)
            self.lock_screen.unlocked.connect(self._unlocked)
            self.lock_screen.sign_out_requested.connect(self.sign_out)
        if self.watcher is not None:
            self.watcher.stop()
        self._hidden_by_lock = []
        for dialog in self.findChildren(QWidget):
            if dialog.isWindow() and dialog is not self and dialog.isVisible():
                dialog.hide()  # a dialog left open would show above the lock
                if dialog in (self.archive_window, self.admin_window):
                    self._hidden_by_lock.append(dialog)
        self.root.setEnabled(False)  # nothing underneath takes focus or keys; nothing is destroyed
        for sc in self.shortcuts.values():
            sc.setEnabled(False)
        self.lock_screen.engage()

    def _drop_lock_screen(self) -> None:
        if self.lock_screen is not None:
            self.lock_screen.hide()
            self.lock_screen.deleteLater()
            self.lock_screen = None

    def _unlocked(self) -> None:
        self._drop_lock_screen()
        self.root.setEnabled(True)
        for window in self._hidden_by_lock:  # the archive and administration windows come back
            if window in (self.archive_window, self.admin_window):
                window.show()
        self._hidden_by_lock = []
        for sc in self.shortcuts.values():
            sc.setEnabled(True)
        if self.watcher is not None:
            self.watcher.start()
        QTimer.singleShot(0, lambda: self.pages.currentWidget() and self.pages.currentWidget().setFocus())

    def sign_out(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
        self._drop_lock_screen()
        self.root.setEnabled(True)
        for sc in self.shortcuts.values():
            sc.setEnabled(True)
        self._drop_flow()
        self.close_windows()
        if self.session is not None:
            self.session.sign_out()
        self.show_login()

    # ------------------------------------------------------------------ archive, administration
    def open_archive(self) -> None:
        actor = self.session.actor if self.session is not None else None
        if actor is None or not actor.may("archive.search") or self.locked:
            return
        if self.archive_window is None:
            from ..archive.window import ArchiveWindow

            self.archive_window = ArchiveWindow(self.services, self.session, self)
        self._raise(self.archive_window)
        self.archive_window.bar.text.setFocus(Qt.OtherFocusReason)

    def open_admin(self) -> None:
        actor = self.session.actor if self.session is not None else None
        if actor is None or not any(actor.may(a) for a in ADMIN_ACTIONS) or self.locked:
            return
        if self.admin_window is None:
            from ..admin.window import AdminWindow

            self.admin_window = AdminWindow(self.services, self.session, self)
            self.admin_window.settingsChanged.connect(self.settings_applied)
        self._raise(self.admin_window)

    def open_about(self) -> None:
        from .about import AboutDialog

        if self.locked:
            return
        if self.about_dialog is None:
            self.about_dialog = AboutDialog(self)
        self.about_dialog.open()

    @staticmethod
    def _raise(window: QWidget) -> None:
        window.show()
        window.raise_()
        window.activateWindow()

    def close_windows(self) -> None:
        """Signing out closes the archive and administration windows (they belong to the session)."""
        for name in ("archive_window", "admin_window"):
            window = getattr(self, name)
            if window is not None:
                window.close()
                window.deleteLater()
                setattr(self, name, None)
        self._hidden_by_lock = []
