"""Several stations on one PostgreSQL database, each a process of its own, as a hospital runs them.

* Two desk processes and the tablet (its screen driven here through pytest-qt): desk 1 hands a
  consent to the tablet, the patient reads and signs there, desk 2 seals consents of its own and adds
  a question to desk 1's consent while the tablet has it; desk 1 seals; the records office finds the
  record and exports it (the command line, signed in as an administrator). Everything verifies, the
  audit chain is one chain, nothing is lost.
* The tablet's process is killed the moment the patient accepted the signature: the restarted tablet
  sends it, gives the consent back; the desk hands it over again, the session resumes and is sealed.
* The server ends a desk's connection in the middle of a step: a clear, typed error, the draft as it
  was, and the same step succeeds when tried again.
"""
from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.services.connection import StationFile
from app.services.context import open_context
from app.services.forms import FormsService
from app.services.stations import StationsService
from app.services.tablet import TabletStation
from app.storage.database import Database
from tests.backends import url_of
from tests.services.conftest import FORMS_DIR, PASSWORDS, PATIENT, set_phones

from .conftest import make_env

pytestmark = pytest.mark.postgresql_only
ROOT = Path(__file__).resolve().parents[2]


class Worker:
    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.hardening.station_worker", *args], cwd=ROOT,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        self.lines: list[str] = []

    def wait_for(self, prefix: str, timeout: float = 120) -> str:
        import selectors
        import time

        deadline = time.monotonic() + timeout
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        try:
            while time.monotonic() < deadline:
                for line in self.lines:
                    if line.startswith(prefix):
                        self.lines.remove(line)
                        return line
                if not sel.select(timeout=0.1):
                    if self.proc.poll() is not None:
                        break
                    _pump_qt()
                    continue
                line = self.proc.stdout.readline()
                if not line:
                    break
                self.lines.append(line.strip())
        finally:
            sel.close()
        raise AssertionError(f"no {prefix} from the worker; it said {self.lines}; stderr: {self._stderr()}")

    def _stderr(self) -> str:
        if self.proc.poll() is None:
            return "(running)"
        return self.proc.stderr.read()[-2000:]

    def finish(self, timeout: float = 120) -> list[str]:
        out, err = self.proc.communicate(timeout=timeout)
        assert self.proc.returncode == 0, err[-2000:]
        return self.lines + out.splitlines()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)


def _pump_qt() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        app.processEvents()


@pytest.fixture
def server_env(tmp_path, backend, pki, monkeypatch):
    """The hospital's database with its staff, an approved form and its registered seal (made from
    the first desk). Every desk that seals has the institution's seal of its own: here a copy of the
    same passphrase-protected PKCS#12 in each desk's seal folder, the passphrase and the trust file
    given through the environment, as a station's launcher gives them (CONSENT_DESK_SEAL_PIN,
    CONSENT_DESK_TRUST)."""
    import shutil

    from tests.pki import SEAL_PASSPHRASE

    env = make_env(tmp_path / "desk-1", pki=pki)
    FormsService(env.ctx).approve_file(FORMS_DIR / "vertebroplasty.ar.yaml", "dr.khalid", PASSWORDS["physician"])
    set_phones(env)
    (tmp_path / "desk-2" / "seal").mkdir(parents=True, mode=0o700)
    shutil.copy2(tmp_path / "desk-1" / "seal" / "institution.p12", tmp_path / "desk-2" / "seal" / "institution.p12")
    monkeypatch.setenv("CONSENT_DESK_TRUST", str(pki.trust_file))  # the workers and the command line inherit it
    monkeypatch.setenv("CONSENT_DESK_SEAL_PIN", SEAL_PASSPHRASE)
    yield env
    env.ctx.close()


def tablet_here(tmp_path, url: str, name: str = "Tablet A"):
    from app.ui.common.services import DeskServices

    ctx = open_context(tmp_path / "tablet", database=Database.open(url))
    services = DeskServices.build(ctx)
    station_id = StationsService(ctx).register(StationFile(name, "tablet"))
    return ctx, services, TabletStation(ctx, station_id)


def test_two_desks_a_tablet_and_the_records_office(qtbot, qapp, tmp_path, server_env):
    from app.ui.patient.tablet import TabletWindow
    from tests.ui.flow_helpers import draw_signature
    from tests.ui.patient.test_window import answer_the_choices

    url = url_of(server_env.ctx.db)
    ctx, services, tablet = tablet_here(tmp_path, url)
    window = TabletWindow(services, tablet, "Tablet A", interval=0.2, done_seconds=0.2)
    qtbot.addWidget(window)
    window.show()
    window.start()
    desk1 = Worker("desk-handover", str(tmp_path / "desk-1"), url, "HANDOFF-1", "Tablet A")
    desk2 = Worker("desk-busy", str(tmp_path / "desk-2"), url, "3", "HANDOFF-1")
    try:
        handed = desk1.wait_for("HANDED")
        draft_id = handed.split()[1]
        qtbot.waitUntil(lambda: window.screen_up is not None, timeout=30000)
        screen = window.screen_up
        assert screen.draft_id == draft_id
        for _ in screen.form.sections:
            qtbot.mouseClick(screen.sections.understood_button, Qt.LeftButton)
        answer_the_choices(qtbot, screen)
        qtbot.mouseClick(screen.review.agree_button, Qt.LeftButton)
        draw_signature(screen.signing.pad)
        qtbot.mouseClick(screen.signing.accept_button, Qt.LeftButton)
        assert screen.current_page() is screen.done, screen.signing.error.text()
        sealed = desk1.wait_for("SEALED", timeout=180).split()[1]
        lines1 = desk1.finish()
        lines2 = desk2.finish(timeout=300)
    finally:
        desk1.kill()
        desk2.kill()
        window.stop()
        ctx.close()
    assert "RETURNED finished" in lines1 and any(line.startswith("NOTICE signed") for line in lines1)
    assert sum(line.startswith("SEALED CR-") for line in lines2) == 3
    question = [line for line in lines2 if line.startswith("QUESTION")]
    # Desk 2's question, asked while the tablet had the consent, is in the sealed record.
    record = server_env.ctx.db
    from app.services.records import RecordsService

    content = RecordsService(server_env.ctx).record(server_env.admin, sealed)
    if question:
        assert any(q["text"].startswith("سؤال من المكتب الثاني") for q in content["discussion"]["questions"])
    assert [s["role"] for s in content["signatures"]] == ["patient", "physician"]
    # The records office finds it and exports it (a station of kind "records", an administrator).
    office = tmp_path / "records-office"
    stdin = PASSWORDS["admin"] + "\n"
    signed = ["--user", "admin.omar", "--password-stdin"]
    base = [sys.executable, "main.py", "--data-dir", str(office), "--database", url]
    found = subprocess.run([*base, "archive", "search", "HANDOFF-1", *signed], cwd=ROOT, input=stdin,
                           capture_output=True, text=True, timeout=120)
    assert found.returncode == 0 and sealed in found.stdout, found.stderr
    today = dt.date.today().isoformat()
    exported = subprocess.run([*base, "archive", "export", "--from", "2020-01-01", "--to", "2030-12-31", "--out",
                               str(tmp_path / "export.pdf"), *signed], cwd=ROOT, input=stdin,
                              capture_output=True, text=True, timeout=300)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.startswith("EXPORTED 4 records") and " 4 valid, 0 invalid" in exported.stdout, today
    audit = subprocess.run([*base, "audit", "verify"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert record is not None


def test_the_tablet_dies_as_the_patient_signs_and_the_session_resumes(qtbot, qapp, tmp_path, server_env):
    from app.services.handoff import HandoffDesk
    from app.ui.patient.tablet import TabletWindow

    env = server_env
    url = url_of(env.ctx.db)
    desk_id = StationsService(env.ctx).register(StationFile("Desk 1", "desk"))
    handoffs = HandoffDesk(env.ctx)
    dying = Worker("tablet-dies", str(tmp_path / "tablet"), url, "Tablet K")
    try:
        dying.wait_for("WAITING")
        from tests.services.conftest import plan, start_discussed

        draft_id = start_discussed(env, demo=False, patient={**PATIENT, "mrn": "KILL-1"}, plan_data=plan(env.ctx.today()))
        tablet_id = next(t.id for t in handoffs.tablets(env.nurse) if t.name == "Tablet K")
        handoffs.hand_over(env.nurse, draft_id, tablet_id, desk_id)
        dying.wait_for("KEPT", timeout=120)
    finally:
        dying.kill()  # SIGKILL: the signature is on the tablet's disk, not yet on the server
    progress = handoffs.progress(env.nurse, draft_id)
    assert progress.status == "active" and progress.notices[-1].kind == "decision"
    assert env.desk().load(env.nurse, draft_id).signatures == []
    # The tablet starts again (the same computer, its data folder): the outbox is sent first.
    ctx, services, tablet = tablet_here(tmp_path, url, "Tablet K")
    window = TabletWindow(services, tablet, "Tablet K", interval=0.2, done_seconds=0.2)
    qtbot.addWidget(window)
    window.show()
    try:
        window.start()
        progress = handoffs.progress(env.nurse, draft_id)
        assert (progress.status, progress.closed_reason) == ("closed", "interrupted")
        assert progress.notices[-1].kind == "signed"
        assert [s["role"] for s in env.desk().load(env.nurse, draft_id).signatures] == ["patient"]
        assert window.screen_up is None and not tablet.outbox.pending()
        # The nurse hands it over again: the tablet opens where the patient was (signed: done), and gives it back.
        env.clock.advance(seconds=1)  # the desk's clock is fixed in tests: the new hand-off is the newest
        with qtbot.waitSignal(window.returned, timeout=20000):
            handoffs.hand_over(env.nurse, draft_id, tablet_id, desk_id)
        assert handoffs.progress(env.nurse, draft_id).closed_reason == "finished"
    finally:
        window.stop()
        ctx.close()
    from app.services.demo import synthetic_signature

    env.desk().sign(env.physician, draft_id, role="physician", strokes=synthetic_signature(3, 2),
                    password=PASSWORDS["physician"])
    sealed = env.desk().seal(env.nurse, draft_id)
    assert [s["role"] for s in sealed.record["signatures"]] == ["patient", "physician"]


def test_the_server_ends_the_connection_in_the_middle_of_a_step(tmp_path, backend):
    """pg_terminate_backend while the step's UPDATE runs: database_unreachable, nothing half-saved;
    the same step again succeeds on a new connection."""
    from sqlalchemy import event

    from app.domain.errors import StorageFailure
    from tests.services.conftest import start_discussed

    env = make_env(tmp_path / "desk")
    try:
        draft_id = start_discussed(env)
        before = env.desk().load(env.nurse, draft_id)
        name = env.ctx.db.engine.url.database
        armed = {"on": True}

        @event.listens_for(env.ctx.db.engine, "before_cursor_execute")
        def cut(conn, cursor, statement, parameters, context, executemany):
            if armed["on"] and statement.startswith("UPDATE drafts"):
                armed["on"] = False
                backend.server.terminate_connections(name)

        with pytest.raises(StorageFailure) as info:
            env.desk().add_question(env.nurse, draft_id, "سؤال أثناء انقطاع الاتصال", "")
        assert info.value.code == "database_unreachable"
        assert "\n" not in info.value.message() and "cannot be reached" in info.value.message()
        assert env.desk().load(env.nurse, draft_id).questions == before.questions  # nothing half-saved
        after = env.desk().add_question(env.nurse, draft_id, "سؤال أثناء انقطاع الاتصال", "")
        assert [q["text"] for q in after.questions][-1] == "سؤال أثناء انقطاع الاتصال"
        from app.services.audit import AuditService

        assert AuditService(env.ctx).verify_chain().ok
    finally:
        env.ctx.close()
