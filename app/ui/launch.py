"""Start the desktop application: the first window first, the data folder afterwards.

Order matters for start-up time: Qt, the font, the translations and the stylesheet (all cheap), then
the window is shown; only then are the services imported and the data folder opened (migrations,
forms). ReportLab and pyHanko stay unimported until a record is sealed or shown.

``CONSENT_DESK_EXIT_AFTER_SHOW=1`` quits as soon as the first window is shown (the start-up bench);
``=ready`` quits once the data folder is open and the first screen (set-up or sign-in) is up, and
prints that screen's name (``ready FirstRunPage``): the bundle's smoke test reads it.
"""
from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from .common.i18n import DEFAULT_LANGUAGE, Translations
from .common.style import apply_look, direction_for
from .desk.window import MainWindow
from .qt_health import binding_problem

log = logging.getLogger(__name__)
EXIT_AFTER_SHOW = "CONSENT_DESK_EXIT_AFTER_SHOW"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("consent-desk")
    app.setApplicationDisplayName("")
    app.setDesktopFileName("consent-desk")
    return app


def open_services(data_dir: str | None, database: str | None = None):
    """Import the services and open the data folder and its station's database (the slow part)."""
    from app.paths import resolve_data_dir

    from .station_start import open_station_services

    return open_station_services(resolve_data_dir(data_dir), database)


def data_folder_problem(window, data_dir: str | None, exc: BaseException) -> None:
    """A clear message, no traceback: which folder, what is wrong, what to do."""
    from app.paths import resolve_data_dir

    from .common.messages import message_for

    code = getattr(exc, "code", "")
    folder = str(resolve_data_dir(data_dir))
    if code == "data_dir_network_share":
        text = QCoreApplication.translate("Launch", "The data folder is on a network share. The database must be on a local disk.")
    elif code or isinstance(exc, OSError):
        text = QCoreApplication.translate("Launch", "The data folder could not be opened.") + "\n" + (
            message_for(exc) if code else QCoreApplication.translate("Launch", "The folder cannot be read or written."))
    else:
        log.error("opening the data folder failed", exc_info=(type(exc), exc, exc.__traceback__))
        text = QCoreApplication.translate("Launch", "The data folder could not be opened.")
    box = QMessageBox(QMessageBox.Critical, QCoreApplication.translate("Launch", "Cannot start"),
                      text + "\n\n" + QCoreApplication.translate("Launch", "Folder: %1").replace("%1", folder), QMessageBox.Close, window)
    box.setDetailedText(getattr(exc, "message", lambda: type(exc).__name__)() if code else type(exc).__name__)
    box.setAccessibleName(QCoreApplication.translate("Launch", "Cannot start"))
    box.exec()


def refuse_unsafe_bindings(pyside: str, python: str) -> None:
    """Qt bindings that would crash mid-signature: say so and what to do, before any patient's work."""
    sys.stderr.write(f"consent-desk: PySide6 {pyside} on Python {python} loses a reference on every drawing call "
                     "and would crash; install packaging/lock/app.txt or use Python 3.12 or newer\n")
    text = QCoreApplication.translate(
        "Launch", "This installation cannot be used: PySide6 %1 on Python %2 has a fault that would close the "
        "program while a patient signs.\n\nAsk IT to install the program from its installer or its lock file "
        "(packaging/lock/app.txt), or to use Python 3.12 or newer.").replace("%1", pyside).replace("%2", python)
    box = QMessageBox(QMessageBox.Critical, QCoreApplication.translate("Launch", "Cannot start"), text,
                      QMessageBox.Close)
    box.setAccessibleName(QCoreApplication.translate("Launch", "Cannot start"))
    box.exec()


def run_desktop(data_dir: str | None, database: str | None = None) -> int:
    exit_mode = os.environ.get(EXIT_AFTER_SHOW, "")
    app = create_application()
    translations = Translations(app)
    language = translations.switch(DEFAULT_LANGUAGE)  # the stored choice is applied once the folder is open
    apply_look(app, language)
    problem = binding_problem()
    if problem:
        refuse_unsafe_bindings(*problem)
        return 1
    window = MainWindow(translations)
    window.show()
    if exit_mode and exit_mode != "ready":
        QTimer.singleShot(0, app.quit)
        return app.exec()
    status = {"code": 0}
    opened: dict = {}

    def reopen_station() -> None:
        """The first-run page's "joins an existing database": open the station the file now names."""
        from app.services.connection import forget_unused_sqlite

        old = opened.pop("services", None)
        if old is not None:
            app.aboutToQuit.disconnect(old.ctx.close)
            old.ctx.close()
            forget_unused_sqlite(old.ctx.data_dir)
        for name in ("first_run", "login"):  # built on the old services: built again on the new ones
            page = getattr(window, name, None)
            if page is not None:
                window.root.removeWidget(page)
                page.deleteLater()
                setattr(window, name, None)
        window.services = None
        open_folder()

    window.reopen_station = reopen_station

    def open_folder() -> None:
        try:
            services = open_services(data_dir, database)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a message box
            data_folder_problem(window, data_dir, exc)
            status["code"] = 1
            app.quit()
            return
        app.aboutToQuit.connect(services.ctx.close)
        opened["services"] = services
        if services.station is not None and services.station.kind == "tablet":
            from .station_start import start_tablet

            window.tablet_window = start_tablet(app, window, services)
        else:
            window.attach(services)
        if exit_mode == "ready":  # the first screen this station shows, and its title bar
            tablet = getattr(window, "tablet_window", None)
            print(f"ready {type(tablet or window.root.currentWidget()).__name__}", flush=True)
            print(f"title {(tablet or window).windowTitle()}", flush=True)
            # A tablet's kiosk refuses to close (and so app.quit()): it quits as its staff page does.
            QTimer.singleShot(0, tablet.quit_requested.emit if tablet is not None else app.quit)

    app.processEvents()  # paint the first window before the slow part
    QTimer.singleShot(0, open_folder)
    code = app.exec()
    return status["code"] or code


__all__ = ["run_desktop", "create_application", "open_services", "direction_for"]
