"""The archive and its dialogs, in Arabic and in English, at 1024x768, 1280x720 and 1920x1080 (less a
title bar and a task bar): the window takes the size (it opened at 1380x860 with print, export and
close beyond the screen), its search, results and actions are whole and in view; each dialog fits."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QSize
from PySide6.QtPdf import QPdfDocument

from app.ui.archive.export_dialog import ExportDialog
from app.ui.archive.outcome_dialogs import CorrectDialog, WithdrawDialog
from app.ui.archive.print_dialog import PrintDialog
from app.ui.archive.verify import VerifyDialog
from app.ui.archive.window import ArchiveWindow
from app.ui.common.style import direction_for
from tests.ui.archive_helpers import FakeQueue, archive_env  # noqa: F401  (fixture)
from tests.ui.layout_checks import WINDOWS, check_screen


@pytest.fixture(params=["ar", "en"])
def language(request, translations, qapp):
    translations.switch(request.param)
    qapp.setLayoutDirection(direction_for(request.param))
    return request.param


def capped(preferred: QSize) -> dict[str, QSize]:
    return {name: size.boundedTo(preferred) for name, size in WINDOWS.items()}


def test_the_archive_fits_every_screen(qtbot, archive_env, language):
    env = archive_env
    window = ArchiveWindow(env.services, env.session("admin"), print_backend=FakeQueue())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.bar.use_dates.setChecked(True)
    window.bar.button.click()
    window.table.selectionModel().setCurrentIndex(
        window.model.index(0, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
    window.open_current()
    qtbot.waitUntil(lambda: window.preview.document.status() == QPdfDocument.Status.Ready, timeout=5000)
    allowed = [b for b in window.buttons.values() if not b.isHidden()]  # the others are not the role's
    actions = [*allowed, window.close_button, window.bar.button, window.bar.text]
    found = check_screen(window, f"archive_{language}", actions)
    record = env.services.records.record(env.staff["nurse"], env.records[0])
    dialogs = {
        "print": (PrintDialog(env.services, env.session("nurse"), env.records[:2], backend=FakeQueue()),
                  lambda d: [d.print_button, d.cancel_button]),
        "export": (ExportDialog(env.services, env.session("admin"), folder=env.tmp),
                   lambda d: [d.start_button, d.cancel_button]),
        "verify": (VerifyDialog(env.services, env.session("admin"), env.records),
                   lambda d: [d.save_button, d.cancel_button]),
        "withdraw": (WithdrawDialog(env.services, env.session("nurse"), record),
                     lambda d: [d.seal_button, d.cancel_button]),
        "correct": (CorrectDialog(env.services, env.session("physician"), record),
                    lambda d: [d.seal_button, d.cancel_button]),
    }
    for name, (dialog, buttons) in dialogs.items():
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        found += check_screen(dialog, f"archive_{name}_{language}", buttons(dialog), capped(QSize(900, 800)))
    assert not found, "\n".join(found)
