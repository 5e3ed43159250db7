"""Shared set-up for the consent-flow tests: a data folder with staff and an approved form, a signed-in
nurse, drawing on the signature pad, answering modal dialogs, the Arabic translation, and a check
that every control has an accessible name."""
from __future__ import annotations

import datetime as dt
import math
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QPointF, Qt, QTimer, QTranslator
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.services.context import open_context
from app.services.forms import FormsService
from app.services.users import UsersService
from app.ui.common.services import DeskServices, StaffSession

ROOT = Path(__file__).resolve().parents[2]
FORM = ROOT / "forms" / "vertebroplasty.ar.yaml"
TS = ROOT / "resources" / "i18n" / "consent_flow_ar.ts"
PASSWORD = "Desk-Test-Pass-2026"
PKI = None  # the session's test PKI (tests/ui/conftest.py: hospital_seal)


@dataclass
class FlowEnv:
    ctx: object
    services: DeskServices
    session: StaffSession
    nurse: object
    physician: object
    data_dir: Path

    def rebuild(self) -> "FlowEnv":
        """A new program on the same data folder (as after a crash and a restart)."""
        ctx = open_context(self.data_dir)
        session = StaffSession()
        session.sign_in(self.nurse)
        return FlowEnv(ctx, DeskServices.build(ctx), session, self.nurse, self.physician, self.data_dir)


def make_env(tmp_path: Path, approve: bool = True) -> FlowEnv:
    from tests.services.conftest import install_seal

    data = tmp_path / "data"
    ctx = open_context(data)
    install_seal(ctx, PKI)  # the hospital's seal: real consents are sealed with it
    users = UsersService(ctx)
    nurse = users.add_from_operator(username="nurse.sara", role="nurse", name_ar="سارة القحطاني",
                                    name_latin="Sarah Alqahtani", password=PASSWORD)
    physician = users.add_from_operator(username="dr.ahmad", role="physician", name_ar="أحمد الشهري",
                                        name_latin="Ahmad Alshehri", password=PASSWORD)
    if approve:
        FormsService(ctx).approve_file(FORM, "dr.ahmad", PASSWORD)
    with ctx.db.transaction() as s:  # the team's numbers, which a real consent prints for the patient
        ctx.set_setting(s, "team_phone_day", "011-234-5678", "test")
        ctx.set_setting(s, "team_phone_after_hours", "011-234-9999", "test")
    session = StaffSession()
    session.sign_in(nurse)
    return FlowEnv(ctx, DeskServices.build(ctx), session, nurse, physician, data)


@pytest.fixture
def flow_env(tmp_path, qapp):
    env = make_env(tmp_path)
    yield env
    env.ctx.close()


def type_date(field, text: str) -> None:
    """A date typed as a person types it: select what is there, type the digits, leave with Tab."""
    QTest.keyClick(field.edit, Qt.Key_A, Qt.ControlModifier)
    QTest.keyClicks(field.edit, text)
    QTest.keyClick(field.edit, Qt.Key_Tab)
    field.edit.editingFinished.emit()  # leaving the field (offscreen windows do not always take focus)


def fill_patient(page, *, name_ar="فاطمة عبدالله الزهراني", mrn="MRN-20931", levels=("T12", "L1"),
                 indication="osteoporotic", fracture_days=20, planned_in=1, identity=True) -> None:
    today = page.services.ctx.today()
    page.name_ar.setText(name_ar)
    page.name_latin.setText("Fatimah Alzahrani")
    page.mrn.setText(mrn)
    page.national_id.setText("1012345678")
    type_date(page.birth_date, "1948-05-02")
    page.sex_f.setChecked(True)
    page.procedure.setCurrentIndex(page.procedure.findData("vertebroplasty"))
    page.indication.setCurrentIndex(page.indication.findData(indication))
    page.anaesthesia.setCurrentIndex(page.anaesthesia.findData("local_sedation"))
    page.consultant.setText("خالد الشمري")
    page.spine.setLevels(list(levels))
    if fracture_days is not None:
        type_date(page.fracture_date, (today - dt.timedelta(days=fracture_days)).isoformat())
    type_date(page.planned_date, (today + dt.timedelta(days=planned_in)).isoformat())
    if indication in ("osteoporotic", "malignant"):
        page.conservative["analgesia"].setChecked(True)
    page.identity_checked.setChecked(identity)


def _mouse(widget: QWidget, kind, pos: QPointF, button, buttons) -> None:
    event = QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons, Qt.NoModifier)
    QApplication.sendEvent(widget, event)


def draw_signature(pad, strokes: int = 2, points: int = 30) -> None:
    """Press, move and release the mouse on the pad: a few wavy strokes across the box."""
    box = pad.box()
    for s in range(strokes):
        y0 = box.top() + box.height() * (0.35 + 0.2 * s)
        start = QPointF(box.left() + box.width() * 0.1, y0)
        QTest.mousePress(pad, Qt.LeftButton, Qt.NoModifier, start.toPoint())
        for i in range(1, points):
            u = i / (points - 1)
            pos = QPointF(box.left() + box.width() * (0.1 + 0.6 * u),
                          y0 + box.height() * 0.18 * math.sin(u * math.pi * 4))
            _mouse(pad, QEvent.MouseMove, pos, Qt.NoButton, Qt.LeftButton)
        QTest.mouseRelease(pad, Qt.LeftButton, Qt.NoModifier, pos.toPoint())


def answer_dialog(fn, attempts: int = 50) -> None:
    """Run ``fn(dialog)`` on the next modal dialog that opens (dialogs block in exec())."""
    def poll(left=attempts):
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            fn(dialog)
        elif left:
            QTimer.singleShot(20, lambda: poll(left - 1))
    QTimer.singleShot(0, poll)


def physician_confirms(username: str = "dr.ahmad", reason: str = "", password: str = PASSWORD):
    def fill(dialog):
        if not dialog.username.isReadOnly():
            dialog.username.setText(username)
        dialog.password.setText(password)
        if reason:
            dialog.reason.setPlainText(reason)
        dialog.accept()
    return fill


def build_qm(out_dir: Path) -> Path:
    qm = out_dir / "consent_flow_ar.qm"
    subprocess.run(["pyside6-lrelease", str(TS), "-qm", str(qm)], check=True, capture_output=True)
    return qm


class Language:
    """Install the Arabic translation (right to left) or none (English, left to right)."""

    def __init__(self, app: QApplication, lang: str, tmp: Path) -> None:
        self.app, self.lang = app, lang
        self.translator = QTranslator()
        if lang == "ar":
            assert self.translator.load(str(build_qm(tmp)))
            QCoreApplication.installTranslator(self.translator)
            QLocale.setDefault(QLocale(QLocale.Arabic))
        app.setLayoutDirection(Qt.RightToLeft if lang == "ar" else Qt.LeftToRight)

    def close(self) -> None:
        QCoreApplication.removeTranslator(self.translator)
        QLocale.setDefault(QLocale(QLocale.English))
        self.app.setLayoutDirection(Qt.LeftToRight)


def unnamed_controls(root: QWidget) -> list[str]:
    """Controls (focusable widgets) without an accessible name; the shell's helper when present."""
    try:
        from app.ui.common.a11y import unnamed_controls as shell_check  # type: ignore[attr-defined]
    except ImportError:
        shell_check = None
    if shell_check is not None:
        return [str(w) for w in shell_check(root)]
    missing = []
    for w in [root, *root.findChildren(QWidget)]:
        if w.focusPolicy() == Qt.NoFocus or not w.isEnabled() and False:
            continue
        if type(w).__name__ in ("QWidget", "QScrollArea", "QScrollBar", "QAbstractScrollArea", "QLabel",
                                "QStackedWidget", "QSplitterHandle", "QTabBar", "QCalendarWidget",
                                "QToolButton", "QPrintDialog"):
            continue
        if w.window() is not root.window():
            continue
        if not w.accessibleName().strip():
            missing.append(f"{type(w).__name__}:{w.objectName()}")
    return missing


def sealed_consent(env: FlowEnv, *, fracture_days: int = 20, seed: int = 1) -> str:
    """A sealed consent made through the services (as the demo does), for the later pages' tests."""
    from app.services.demo import synthetic_signature

    today = env.ctx.today()
    desk, nurse = env.services.consent, env.nurse
    draft_id = desk.start(nurse, {"name_ar": "محمد صالح العتيبي", "name_latin": "Mohammed Alotaibi", "mrn": f"MRN-{seed}",
                                  "national_id": "1098765432", "birth_date": "1951-02-03", "sex": "M"},
                          {"procedure": "vertebroplasty", "levels": ["L1"], "indication": "osteoporotic",
                           "fracture_date": (today - dt.timedelta(days=fracture_days)).isoformat(),
                           "planned_date": today.isoformat(), "conservative_failed": ["analgesia"]})
    desk.confirm_identity(nurse, draft_id)
    form = desk.form_of(desk.load(nurse, draft_id))
    for section in form.sections:
        desk.acknowledge(nurse, draft_id, section.id)
    for choice in form.patient_choices:
        desk.choose(nurse, draft_id, choice.id, "yes", by="patient")
    desk.sign(nurse, draft_id, role="patient", name="محمد صالح العتيبي", strokes=synthetic_signature(seed, 3))
    desk.sign(env.physician, draft_id, role="physician", strokes=synthetic_signature(seed + 1, 2), password=PASSWORD)
    return desk.seal(nurse, draft_id).record_id


def wait_for_pdf(qtbot, document) -> None:
    from PySide6.QtPdf import QPdfDocument

    qtbot.waitUntil(lambda: document.status() == QPdfDocument.Status.Ready and document.pageCount() > 0,
                    timeout=10000)
