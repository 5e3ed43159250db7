"""The kiosk lock: Escape, Alt+F4 (a close event), closing the window and the program's shortcuts are
refused on the patient screen; a staff password returns to the patient or leaves; the desk hears the
patient's question, is disabled underneath on the same screen, and takes over when the screen closes."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from app.ui.desk.consent_flow import ConsentFlow
from app.ui.patient.kiosk import refused_key
from app.ui.patient.screens import find_screen, screen_keys
from tests.ui.flow_helpers import PASSWORD, flow_env  # noqa: F401  (flow_env is a fixture)
from tests.ui.patient.test_window import open_screen, ready_draft


def activate(qtbot, widget: QWidget) -> None:
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=2000)


def test_escape_alt_f4_and_close_are_refused_without_the_password(qtbot, flow_env):
    screen = open_screen(qtbot, flow_env, ready_draft(flow_env))
    activate(qtbot, screen)
    refused = []
    screen.refused.connect(refused.append)
    qtbot.keyClick(screen.sections.understood_button, Qt.Key_Escape)
    qtbot.keyClick(screen, Qt.Key_Escape)
    qtbot.keyClick(screen.sections.understood_button, Qt.Key_F4, Qt.AltModifier)
    assert screen.isVisible() and screen.current_page() is screen.sections
    # Alt+F4 reaches a window as a close request (the window manager's); so does the title bar's ×.
    event = QCloseEvent()
    QApplication.sendEvent(screen, event)
    assert not event.isAccepted() and screen.isVisible()
    assert screen.close() is False and screen.isVisible()
    assert "close" in refused and "key" in refused
    # The draft is intact: nothing was answered by those keys.
    assert flow_env.services.consent.load(flow_env.nurse, screen.draft_id).acknowledged[-1]["by"] == "staff"


def test_the_programs_own_shortcuts_are_refused(qtbot, flow_env):
    desk = QWidget()
    qtbot.addWidget(desk)
    fired = []
    for keys, context in (("Ctrl+T", Qt.ApplicationShortcut), ("Ctrl+N", Qt.ApplicationShortcut),
                          ("Ctrl+L", Qt.WindowShortcut)):
        sc = QShortcut(QKeySequence(keys), desk)
        sc.setContext(context)
        sc.activated.connect(lambda k=keys: fired.append(k))
    desk.show()
    screen = open_screen(qtbot, flow_env, ready_draft(flow_env))
    activate(qtbot, screen)
    for key in (Qt.Key_T, Qt.Key_N, Qt.Key_L, Qt.Key_Q, Qt.Key_W):
        qtbot.keyClick(screen.sections.understood_button, key, Qt.ControlModifier)
    assert fired == [] and screen.isVisible()
    # The editing chords a patient or witness needs stay: undo on the pad.
    screen.show_section(0)
    qtbot.mouseClick(screen.sections.understood_button, Qt.LeftButton)
    screen.guard.release()
    qtbot.keyClick(screen.sections.understood_button, Qt.Key_T, Qt.ControlModifier)
    assert fired == ["Ctrl+T"]  # the same key works once the patient screen is released


def test_refused_keys():
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtCore import QEvent

    def key(k, mods=Qt.NoModifier):
        return QKeyEvent(QEvent.KeyPress, k, mods)

    assert refused_key(key(Qt.Key_Escape)) and refused_key(key(Qt.Key_F4, Qt.AltModifier))
    assert refused_key(key(Qt.Key_Tab, Qt.AltModifier)) and refused_key(key(Qt.Key_N, Qt.ControlModifier))
    assert not refused_key(key(Qt.Key_Z, Qt.ControlModifier))  # undo
    assert not refused_key(key(Qt.Key_A)) and not refused_key(key(Qt.Key_Tab))


def test_a_staff_password_is_needed_to_leave(qtbot, flow_env):
    screen = open_screen(qtbot, flow_env, ready_draft(flow_env))
    qtbot.mouseClick(screen.sections.understood_button, Qt.LeftButton)
    page_before = screen.current_page()
    qtbot.mouseClick(screen.staff_button, Qt.LeftButton)
    staff = screen.staff
    assert screen.current_page() is staff and staff.username.text() == ""  # no username where the patient reads
    assert screen.who.isHidden()  # nothing about the patient on the staff page
    qtbot.mouseClick(staff.cancel_button, Qt.LeftButton)  # the patient may go back without a password
    assert screen.current_page() is page_before
    qtbot.mouseClick(screen.staff_button, Qt.LeftButton)
    staff.username.setText("nurse.sara")
    staff.password.setText("wrong-password-1")
    qtbot.mouseClick(staff.leave_button, Qt.LeftButton)
    assert screen.isVisible() and staff.error.isVisible() and staff.password.text() == ""
    # Another member of the team may unlock with their own account.
    staff.username.setText("dr.ahmad")
    staff.password.setText(PASSWORD)
    with qtbot.waitSignal(screen.closed) as closed:
        qtbot.mouseClick(staff.leave_button, Qt.LeftButton)
    assert closed.args == [screen.draft_id] and not screen.isVisible() and not screen.guard.engaged


def test_the_desk_hears_the_question_and_takes_over_after_the_password(qtbot, flow_env):
    draft_id = ready_draft(flow_env)
    flow = ConsentFlow(flow_env.services, flow_env.session)
    qtbot.addWidget(flow)
    flow.resize(1280, 800)
    flow.show()
    qtbot.waitExposed(flow)
    flow.resume(draft_id)  # the nurse has explained every section; the flow opens the discussion
    flow.discussion.go_on()
    assert flow.stack.currentWidget() is flow.signing and flow.signing.handover_button.isEnabled()
    qtbot.mouseClick(flow.signing.handover_button, Qt.LeftButton)
    screen = flow.patient_screen  # owned by the flow, which deletes it once closed (not qtbot's to close)
    assert screen is not None and screen.isVisible() and screen.isFullScreen()
    assert not flow.isEnabled()  # the same screen (no second one set): the desk is disabled underneath
    qtbot.mouseClick(screen.sections.question_button, Qt.LeftButton)
    title = screen.form.sections[0].title
    assert flow.notice.kind == "warning" and title in flow.notice.message()
    screen.staff_button.click()
    screen.staff.username.setText(flow_env.nurse.username)
    screen.staff.password.setText(PASSWORD)
    screen.staff.leave_button.click()
    assert flow.patient_screen is None and flow.isEnabled()
    assert flow.stack.currentWidget() is flow.signing


def test_signing_out_at_the_desk_closes_the_patient_screen(qtbot, flow_env):
    draft_id = ready_draft(flow_env)
    flow = ConsentFlow(flow_env.services, flow_env.session)
    qtbot.addWidget(flow)
    flow.show()
    flow.open_patient_screen(draft_id)
    screen = flow.patient_screen  # owned by the flow
    flow_env.session.sign_out()
    assert flow.patient_screen is None and not screen.isVisible()


def test_screens_are_found_by_name(qapp):
    keys = screen_keys()
    assert keys and find_screen(keys[-1][0]) is keys[-1][1]
    assert find_screen("") is QApplication.primaryScreen()
    assert find_screen("HDMI-9 (not connected)") is QApplication.primaryScreen()
