"""The patient tablet's screen (pytest-qt) against a desk on the same database: waiting, handed a
consent, the patient reads and signs there, the desk's bar shows it live, back to waiting with nothing
of the patient left; taken back mid-way; the network lost (PostgreSQL): the step kept, the screen
back to waiting, the session resumed.

Both engines: on PostgreSQL the tablet is woken by NOTIFY, on SQLite it polls.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTextEdit, QWidget

from app.services.connection import StationFile
from app.services.context import open_context
from app.services.forms import FormsService
from app.services.stations import StationsService
from app.services.tablet import TabletStation
from app.services.users import UsersService
from app.storage.database import Database
from app.ui.common.services import DeskServices, StaffSession
from app.ui.patient.tablet import TabletWindow
from tests.backends import database_for, url_of
from tests.ui.flow_helpers import FORM, PASSWORD, draw_signature
from tests.ui.patient.test_window import PATIENT_NAME, answer_the_choices, ready_draft


class Stations:
    """A desk and a tablet: two contexts (two computers' data folders) on one database."""

    def __init__(self, tmp_path: Path, database=None) -> None:
        self.ctx = open_context(tmp_path / "desk", database=database or database_for(tmp_path / "desk"))
        from tests.ui import flow_helpers

        if flow_helpers.PKI is not None:  # the hospital's seal on the desk (tests/ui/conftest.py: hospital_seal)
            from tests.services.conftest import install_seal

            install_seal(self.ctx, flow_helpers.PKI)
        users = UsersService(self.ctx)
        self.nurse = users.add_from_operator(username="nurse.sara", role="nurse", name_ar="سارة القحطاني",
                                             name_latin="", password=PASSWORD)
        self.physician = users.add_from_operator(username="dr.ahmad", role="physician", name_ar="أحمد الشهري",
                                                 name_latin="", password=PASSWORD)
        FormsService(self.ctx).approve_file(FORM, "dr.ahmad", PASSWORD)
        with self.ctx.db.transaction() as s:  # the team's numbers, which a real consent prints for the patient
            self.ctx.set_setting(s, "team_phone_day", "011-234-5678", "test")
            self.ctx.set_setting(s, "team_phone_after_hours", "011-234-9999", "test")
        self.services = DeskServices.build(self.ctx)
        self.services.station = StationFile("Desk 1", "desk")
        self.services.station_id = StationsService(self.ctx).register(self.services.station)
        self.session = StaffSession()
        self.session.sign_in(self.nurse)
        self.tablet_ctx = open_context(tmp_path / "tablet", database=Database.open(url_of(self.ctx.db)))
        self.tablet_services = DeskServices.build(self.tablet_ctx)
        self.tablet_id = StationsService(self.tablet_ctx).register(StationFile("Tablet A", "tablet"))
        self.tablet = TabletStation(self.tablet_ctx, self.tablet_id)

    def window(self, qtbot, **kwargs) -> TabletWindow:
        window = TabletWindow(self.tablet_services, self.tablet, "Tablet A", interval=0.2, done_seconds=0.3,
                              **kwargs)
        qtbot.addWidget(window, before_close_func=lambda w: w.stop())  # the kiosk lets go, the watcher ends
        window.resize(1280, 800)
        window.show()
        window.start()
        return window

    def close(self) -> None:
        self.tablet_ctx.close()
        self.ctx.close()


@pytest.fixture
def stations(tmp_path, qapp, backend):
    s = Stations(tmp_path)
    yield s
    s.close()


def visible_texts() -> str:
    """Every text a person could read on any window of the program now."""
    parts = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        for w in [top, *top.findChildren(QWidget)]:
            if not w.isVisible():
                continue
            if isinstance(w, QLabel):
                parts.append(w.text())
            elif isinstance(w, QLineEdit):
                parts.append(w.text())
            elif isinstance(w, QTextEdit):
                parts.append(w.toPlainText())
        parts.append(top.windowTitle())
    return "\n".join(parts)


def test_handed_over_the_patient_signs_on_the_tablet_and_it_waits_again(qtbot, stations):
    window = stations.window(qtbot)
    qtbot.waitUntil(lambda: window._stack.currentWidget() is window.waiting)
    assert "Tablet A" in window.windowTitle()
    draft_id = ready_draft(stations)  # explained at the desk
    assert PATIENT_NAME not in visible_texts()
    with qtbot.waitSignal(window.opened, timeout=5000):
        stations.services.handoff.hand_over(stations.nurse, draft_id, stations.tablet_id, stations.services.station_id)
    screen = window.screen_up
    assert screen is not None and screen.draft_id == draft_id
    for _ in screen.form.sections:
        qtbot.mouseClick(screen.sections.understood_button, Qt.LeftButton)
    assert screen.current_page() is screen.review
    answer_the_choices(qtbot, screen)
    qtbot.mouseClick(screen.review.agree_button, Qt.LeftButton)
    page = screen.signing
    assert screen.current_page() is page and page.signer_name.text() == PATIENT_NAME
    draw_signature(page.pad)
    qtbot.mouseClick(page.accept_button, Qt.LeftButton)
    assert screen.current_page() is screen.done, page.error.text()
    # The desk hears it: the patient's side has finished and the consent is back.
    progress = stations.services.handoff.progress(stations.nurse, draft_id)
    assert progress.closed_reason == "finished"
    kinds = [n.kind for n in progress.notices]
    assert kinds.count("understood") == len(screen.form.sections) and kinds[-2:] == ["decision", "signed"]
    assert kinds.count("choice") == len(screen.form.patient_choices)
    with qtbot.waitSignal(window.returned, timeout=5000) as returned:
        pass
    assert returned.args == ["finished"]
    qtbot.wait(50)  # the patient screen is deleted
    assert window.screen_up is None and window._stack.currentWidget() is window.waiting
    assert PATIENT_NAME not in visible_texts()
    # The physician signs at the desk and the consent is sealed with the patient's tablet steps.
    from app.services.demo import synthetic_signature

    stations.services.consent.sign(stations.physician, draft_id, role="physician",
                                   strokes=synthetic_signature(7, 2), password=PASSWORD)
    sealed = stations.services.consent.seal(stations.nurse, draft_id)
    record = stations.services.records.record(stations.nurse, sealed.record_id)
    assert {a["section"] for a in record["discussion"]["acknowledged"] if a["by"] == "patient"} == {
        s.id for s in screen.form.sections}


def test_the_desk_takes_the_consent_back_mid_way(qtbot, stations):
    window = stations.window(qtbot)
    draft_id = ready_draft(stations)
    with qtbot.waitSignal(window.opened, timeout=5000):
        handoff_id = stations.services.handoff.hand_over(stations.nurse, draft_id, stations.tablet_id)
    screen = window.screen_up
    qtbot.mouseClick(screen.sections.understood_button, Qt.LeftButton)
    with qtbot.waitSignal(window.returned, timeout=5000) as returned:
        stations.services.handoff.take_back(stations.nurse, handoff_id)
    assert returned.args == ["taken_back"]
    qtbot.wait(50)
    assert window.screen_up is None and PATIENT_NAME not in visible_texts()
    progress = stations.services.handoff.progress(stations.nurse, draft_id)
    assert (progress.status, progress.closed_reason) == ("closed", "taken_back")
    draft = stations.services.consent.load(stations.nurse, draft_id)
    assert [a["by"] for a in draft.acknowledged].count("patient") == 1  # the step taken is kept


def test_the_desk_bar_hands_over_and_shows_the_patients_progress(qtbot, stations):
    from app.ui.desk.handoff import HandoffBar

    window = stations.window(qtbot)
    draft_id = ready_draft(stations)
    bar = HandoffBar(stations.services, stations.session, stations.services.station_id, interval=0.2)
    qtbot.addWidget(bar)
    notices = []
    bar.notice.connect(notices.append)
    bar.follow(draft_id)
    assert bar.isVisibleTo(bar.parentWidget() or bar) and bar.tablets.count() == 1
    assert "Tablet A" in bar.tablets.itemText(0) and bar.hand_button.isEnabled()
    with qtbot.waitSignal(window.opened, timeout=5000):
        qtbot.mouseClick(bar.hand_button, Qt.LeftButton)
    screen = window.screen_up
    qtbot.mouseClick(screen.sections.question_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: any(n.kind == "question" for n in notices), timeout=5000)
    assert "Tablet A" in bar.status.text() and bar.take_button.isVisible()
    with qtbot.waitSignal(bar.returned, timeout=5000):
        qtbot.mouseClick(bar.take_button, Qt.LeftButton)
    assert bar.hand_button.isVisible()
    bar.stop()


def test_the_tablet_fits_the_small_screens(qtbot, stations):
    """A 1024x768 or 1280x720 tablet shows the whole waiting screen; the staff page, taller than that,
    scrolls inside it (it once made the window 816 px tall)."""
    window = stations.window(qtbot)
    qtbot.mouseClick(window.waiting.staff_button, Qt.LeftButton)
    assert window._stack.currentWidget().widget() is window.staff
    for width, height in ((1024, 768), (1280, 720)):
        window.resize(width, height)
        hint = window.minimumSizeHint()
        assert hint.width() <= width and hint.height() <= height, hint
        assert window.size().height() == height


def test_a_change_of_language_while_the_server_is_away(qtbot, stations, translations, monkeypatch):
    """The waiting screen follows the interface language even when the server cannot be reached: it
    keeps the institution's names it had (a change of language once threw into Qt's event loop from
    a tablet whose database was gone)."""
    from app.domain.errors import StorageFailure

    with stations.ctx.db.transaction() as s:
        stations.ctx.set_setting(s, "institution_name_ar", "مستشفى الشفاء التخصصي", "test")
    window = stations.window(qtbot)
    names = window.waiting.institution.text()
    assert names == "مستشفى الشفاء التخصصي"

    def away():
        raise StorageFailure("database_unreachable", "the database server cannot be reached")

    monkeypatch.setattr(window.services.settings, "current", away)
    translations.switch("en")
    qtbot.waitUntil(lambda: window.waiting.title.text() == "Please wait", timeout=2000)
    assert window.waiting.institution.text() == names


@pytest.mark.postgresql_only
def test_network_lost_the_step_is_kept_the_tablet_waits_then_resumes(qtbot, tmp_path, qapp, backend):
    """The cable between the tablet and the server is pulled while the patient signs: the screen says
    the database is unreachable and keeps the signature; after a while the tablet goes back to its
    waiting screen (nothing of the patient left); plugged back in, the signature is sent once and
    the consent opens again where the patient was."""
    from app.services.context import AppContext
    from tests.netcut import NetCut

    server = backend.server
    with NetCut("127.0.0.1", server.port) as cut:
        stations = Stations(tmp_path)
        try:
            url = stations.ctx.db.engine.url
            stations.tablet_ctx.db.close()
            through = Database.open(url.set(port=cut.port).render_as_string(hide_password=False))
            old = stations.tablet_ctx
            stations.tablet_ctx = AppContext(old.data_dir, through, old.clock, old.forms, old.seal)
            stations.tablet_services = DeskServices.build(stations.tablet_ctx)
            stations.tablet = TabletStation(stations.tablet_ctx, stations.tablet_id)
            window = stations.window(qtbot, stale_seconds=1.0)
            draft_id = ready_draft(stations)
            with qtbot.waitSignal(window.opened, timeout=5000):
                stations.services.handoff.hand_over(stations.nurse, draft_id, stations.tablet_id)
            screen = window.screen_up
            for _ in screen.form.sections:
                qtbot.mouseClick(screen.sections.understood_button, Qt.LeftButton)
            answer_the_choices(qtbot, screen)
            qtbot.mouseClick(screen.review.agree_button, Qt.LeftButton)
            cut.cut()
            draw_signature(screen.signing.pad)
            qtbot.mouseClick(screen.signing.accept_button, Qt.LeftButton)
            assert "database" in screen.signing.error.text().lower() or "قاعدة" in screen.signing.error.text()
            assert len(stations.tablet.outbox.pending()) == 1
            with qtbot.waitSignal(window.returned, timeout=15000) as returned:
                pass
            assert returned.args == ["stale"]
            qtbot.wait(50)
            assert PATIENT_NAME not in visible_texts()
            assert window.waiting.status.isVisible()
            assert stations.services.consent.load(stations.nurse, draft_id).signatures == []
            cut.restore()
            with qtbot.waitSignal(window.opened, timeout=15000):
                pass  # the hand-off is still the tablet's: the consent opens again
            qtbot.waitUntil(lambda: not stations.tablet.outbox.pending(), timeout=10000)
            draft = stations.services.consent.load(stations.nurse, draft_id)
            assert [s["role"] for s in draft.signatures] == ["patient"]
            assert window.screen_up is not None
        finally:
            window_up = locals().get("window")
            if window_up is not None:
                window_up.stop()
            stations.close()
