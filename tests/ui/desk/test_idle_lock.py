"""The idle lock covers the desk, keeps the work underneath, and opens only with the same password."""
from __future__ import annotations

from PySide6.QtCore import QTimer, Qt

from app.ui.desk.idle_lock import IdleWatcher



def test_watcher_fires_after_the_injected_interval_and_input_restarts_it(qtbot, qapp):
    timer = QTimer()
    timer.setInterval(200)
    watcher = IdleWatcher(10, timer)
    assert timer.interval() == 200  # the injected interval is kept
    watcher.start()
    with qtbot.waitSignal(watcher.idle, timeout=2000):
        pass
    assert not watcher.active
    watcher.set_minutes(3)
    assert timer.interval() == 180_000
    watcher.stop()


def test_default_interval_is_the_setting_in_minutes(qapp):
    watcher = IdleWatcher(10)
    assert watcher.timer.interval() == 600_000


def test_idle_lock_keeps_the_page_and_unlocks_with_the_right_password_only(qtbot, services, staffed, make_window, people, sign_in):
    window = make_window(services, idle_ms=150)
    sign_in(window, people["nurse"])
    page = window.today_page
    page.search.setText("work in progress")  # something typed, not yet saved
    with qtbot.waitSignal(window.watcher.idle, timeout=3000):
        pass
    assert window.locked
    lock = window.lock_screen
    assert lock.geometry() == window.rect()
    assert not window.root.isEnabled()  # nothing underneath can be reached
    assert window.pages.currentWidget() is page  # ...and nothing was destroyed

    lock.password.setText("not-my-password")
    qtbot.mouseClick(lock.unlock_button, Qt.LeftButton)
    assert window.locked and lock.error.isVisible()

    lock.password.setText(people["physician"]["password"])  # someone else's password does not open it
    qtbot.mouseClick(lock.unlock_button, Qt.LeftButton)
    assert window.locked

    lock.password.setText(people["nurse"]["password"])
    qtbot.mouseClick(lock.unlock_button, Qt.LeftButton)
    assert not window.locked
    assert window.root.isEnabled()
    assert page.search.text() == "work in progress"
    assert window.session.actor.username == people["nurse"]["username"]
    assert window.watcher.active


def test_another_person_signs_the_locked_user_out(qtbot, services, staffed, make_window, people, sign_in):
    window = make_window(services)
    sign_in(window, people["nurse"])
    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier)  # lock now
    assert window.locked
    qtbot.mouseClick(window.lock_screen.sign_out_button, Qt.LeftButton)
    assert not window.locked and window.session.actor is None
    assert window.root.currentWidget() is window.login
    sign_in(window, people["physician"])
    assert window.root.isEnabled()


def test_input_restarts_the_idle_timer(qtbot, services, staffed, make_window, people, sign_in):
    window = make_window(services, idle_ms=400)
    sign_in(window, people["nurse"])
    for _ in range(4):  # keep typing for longer than the idle time
        qtbot.wait(150)
        qtbot.keyClick(window.today_page.search, Qt.Key_A)
    assert not window.locked
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
