"""The desk on the screens hospitals have: first run, sign-in, Today, every step of the consent, the
readiness check, the lock screen and the dialogs, in Arabic and in English, at 1024x768, 1280x720 and
1920x1080 (less a title bar and a task bar): the window takes the size, nothing is cut, and the row
of actions stays in view."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication

from app.ui.common.style import direction_for
from app.ui.desk.override_dialog import OverrideDialog
from app.ui.desk.settings_dialog import SettingsDialog
from tests.ui.conftest import complete_setup
from tests.ui.flow_helpers import PASSWORD, draw_signature, fill_patient, make_env, sealed_consent
from tests.ui.layout_checks import WINDOWS, check_screen, settle


@pytest.fixture(params=["ar", "en"])
def language(request, services, staffed, translations):
    services.settings.update(staffed["admin"], language=request.param)
    return request.param


@pytest.mark.parametrize("first_language", ["ar", "en"])
def test_first_run_fits(qtbot, services, make_window, first_language):
    language = first_language
    window = make_window(services)
    window.apply_language(language)
    page = window.first_run
    assert page is not None
    assert not check_screen(window, f"first_run_{language}", [page.button])


def test_the_desk_fits_every_screen(qtbot, tmp_path, make_window, sign_in, translations):
    for language in ("ar", "en"):
        env = make_env(tmp_path / language)
        try:
            found = walk_the_desk(env, make_window, sign_in, language)
        finally:
            env.ctx.close()
        assert not found, "\n".join(found)


def walk_the_desk(env, make_window, sign_in, language) -> list[str]:
    services = env.services
    admin = complete_setup(services)
    services.settings.update(admin, language=language)
    window = make_window(services)
    found = check_screen(window, f"login_{language}", [window.login.button])
    # Accounts changed outside the program, named on the sign-in screen (issue 13).
    window.login.show_unresolved(["nurse.huda", "dr.salem", "admin.two"])
    found += check_screen(window, f"login_unresolved_{language}", [window.login.button])
    window.login.show_unresolved([])
    sign_in(window, {"username": env.nurse.username, "password": PASSWORD})
    header = [window.header.today, window.header.new, window.header.lock, window.header.settings,
              window.header.sign_out, window.header.archive, window.header.about]
    found += check_screen(window, f"today_{language}", header + [window.today_page.new_button])

    window.new_consent()
    flow = window.flow
    page = flow.patient
    fill_patient(page, fracture_days=70)
    settle()
    found += check_screen(window, f"flow_patient_{language}", header + [page.continue_button, flow.today_button])
    page.submit()
    assert flow.stack.currentWidget() is flow.discussion, page.error.message()
    disc = flow.discussion
    found += check_screen(window, f"flow_discussion_{language}", [disc.continue_button, disc.explained,
                                                                  flow.today_button, flow.patient_button])
    for _ in range(len(disc.form.sections)):
        disc.acknowledge_current()
    # The decision tab, opened by itself: the patient's own yes or no (a biopsy, an extra level).
    assert disc.side.currentIndex() == disc.side.count() - 1
    choices = [b for yes, no, _ in list(disc._choices.values())[:1] for b in (yes, no)]
    for label, size in WINDOWS.items():  # at each size, the first question is scrolled into view
        window.resize(size)
        settle()
        disc._scroll_to_choices()
        found += check_screen(window, f"flow_decision_{language}", [disc.continue_button] + choices,
                              {label: size}, pinned=False)
    for yes, no, _ in disc._choices.values():
        no.click()
    disc.go_on()
    sign = flow.signing
    draw_signature(sign.pad)
    found += check_screen(window, f"flow_signing_{language}", [sign.seal_button, sign.accept_button,
                                                               flow.today_button])
    record_id = sealed_consent(env)
    flow.show_record(record_id)
    rec = flow.record
    found += check_screen(window, f"flow_record_{language}",
                          [rec.print_button, rec.save_button, rec.copy_given, rec.copy_declined, rec.back_button,
                           rec.readiness_button])
    flow.open_readiness(record_id)
    ready = flow.readiness
    found += check_screen(window, f"flow_readiness_{language}", [ready.complete_button, ready.reconfirm_button])
    # Two blood thinners, each on its own line with its last dose (issue 14), inside the checklist's column.
    entries = ready.rows["blood_thinners"][2].entries
    today = env.ctx.today()
    for n, (drug, hold) in enumerate((("lmwh", "continued_on_physician_advice"), ("clopidogrel", "not_held"))):
        line = entries.add_line()
        line.inputs["drug"].setCurrentIndex(line.inputs["drug"].findData(drug))
        line.inputs["last_dose"].set_value(today - dt.timedelta(days=3 + n))
        line.inputs["hold"].setCurrentIndex(line.inputs["hold"].findData(hold))
    settle()
    ready.scroll.ensureWidgetVisible(entries)
    lines = [w for line in entries.lines for w in (*line.inputs.values(), line.remove_button)]
    found += check_screen(window, f"flow_readiness_blood_thinners_{language}",
                          [ready.complete_button, ready.reconfirm_button])
    found += [f"flow_readiness_blood_thinners_{language}: {p}" for p in _within(ready.scroll, lines)]

    window.lock_now()
    found += check_screen(window, f"lock_{language}", [window.lock_screen.unlock_button])
    window.close()
    return found


def test_dialogs_fit(qtbot, services, staffed, make_window, people, sign_in, language):
    window = make_window(services)
    sign_in(window, people["admin"])
    settings = SettingsDialog(services, window.session, window)
    qtbot.addWidget(settings)
    settings.show()
    override = OverrideDialog(services.auth, window, subject="INR 2.1 " * 20)
    qtbot.addWidget(override)
    override.show()
    # A physician's checklist item answered at a nurse's desk: the physician signs in, no reason asked.
    item = OverrideDialog(services.auth, window, title="A physician's item", need_reason=False,
                          subject="Answered by a physician: " + "Baseline neurological examination " * 3,
                          purpose="physician_item")
    qtbot.addWidget(item)
    item.show()
    settle()
    found = []
    for dialog, name in ((settings, "settings"), (override, "override"), (item, "physician_item")):
        found += check_screen(dialog, f"dialog_{name}_{language}", sizes={"small": dialog.size()})
    assert QApplication.layoutDirection() == direction_for(language)
    assert not found, "\n".join(found)


def _within(scroll, widgets) -> list[str]:
    """Each widget lies inside the scrolling area's width (never pushed off its side)."""
    from PySide6.QtCore import QPoint

    port = scroll.viewport()
    width = port.width()
    out = []
    for w in widgets:
        left = w.mapTo(port, QPoint(0, 0)).x()
        if left < -1 or left + w.width() > width + 1:
            out.append(f"{type(w).__name__}({w.accessibleName()!r}) lies outside the column: {left}+{w.width()} / {width}")
    return out
