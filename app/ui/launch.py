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


def open_services(data_dir: str | None):
    """Import the services and open the data folder (the slow part of start-up)."""
    from app.paths import resolve_data_dir
    from app.services.context import open_context

    from .common.services import DeskServices

    from app.services.startup import start_desk

    ctx = open_context(resolve_data_dir(data_dir))  # refuses a database whose protection is gone
    services = DeskServices.build(ctx)
    services.unresolved_accounts = start_desk(ctx)
    return services


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


def run_desktop(data_dir: str | None) -> int:
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

    def open_folder() -> None:
        try:
            services = open_services(data_dir)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a message box
            data_folder_problem(window, data_dir, exc)
            status["code"] = 1
            app.quit()
            return
        window.attach(services)
        app.aboutToQuit.connect(services.ctx.close)
        if exit_mode == "ready":
            print(f"ready {type(window.root.currentWidget()).__name__}", flush=True)
            QTimer.singleShot(0, app.quit)

    app.processEvents()  # paint the first window before the slow part
    QTimer.singleShot(0, open_folder)
    code = app.exec()
    return status["code"] or code


__all__ = ["run_desktop", "create_application", "open_services", "direction_for"]
