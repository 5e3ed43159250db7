"""Administration, in Arabic and in English, at 1024x768, 1280x720 and 1920x1080 (less a title bar
and a task bar): every page and dialog is whole, its actions in view; a physician can read a form
version whole before approving it."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt

from app.ui.admin.users_page import UserDialog
from app.ui.admin.window import AdminWindow
from app.ui.common.style import direction_for
from tests.ui.archive_helpers import archive_env  # noqa: F401  (fixture)
from tests.ui.layout_checks import WINDOWS, check_screen


@pytest.fixture(params=["ar", "en"])
def language(request, translations, qapp):
    translations.switch(request.param)
    qapp.setLayoutDirection(direction_for(request.param))
    return request.param


def test_administration_fits_every_screen(qtbot, archive_env, language):
    env = archive_env
    window = AdminWindow(env.services, env.session("admin"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    found = []
    forms = window.page["forms"]
    forms.list.setCurrentItem(forms.list.topLevelItem(0))  # with its review notes for the physician
    users = window.page["users"]
    users.list.setCurrentItem(users.list.topLevelItem(0))
    for n, key in enumerate(window.page):
        window.pages.setCurrentIndex(n)
        actions = {"users": [users.buttons[k] for k in ("add", "unlock", "resolve")],
                   "forms": [forms.read_button, forms.retire_button]}.get(key, ())
        found += check_screen(window, f"admin_{key}_{language}", actions, pinned=False)
    assert forms.notes.isVisibleTo(forms) and forms.notes.toPlainText()
    reader = forms.read(forms.selected())
    assert reader is not None and reader.isVisible()
    text = reader.text.toPlainText()
    assert "certification" in text and len(text) > 2000  # the whole version, not only a difference
    found += check_screen(reader, f"admin_form_reader_{language}",
                          sizes={k: v.boundedTo(QSize(900, 800)) for k, v in WINDOWS.items()})
    reader.close()
    for mode in ("add", "password", "role"):
        dialog = UserDialog(mode, window, "nurse.huda")
        qtbot.addWidget(dialog)
        dialog.show()
        found += check_screen(dialog, f"admin_user_{mode}_{language}", sizes={"own": dialog.sizeHint()})
    assert window.layoutDirection() == (Qt.RightToLeft if language == "ar" else Qt.LeftToRight)
    assert not found, "\n".join(found)
