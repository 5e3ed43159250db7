"""The signature pad: strokes in record units, undo, clear, resize, and a blank pad refused."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.domain.signature import is_blank, normalise_strokes
from app.ui.patient.signature_pad import SignaturePad
from tests.ui.flow_helpers import draw_signature


def make(qtbot) -> SignaturePad:
    pad = SignaturePad()
    pad.resize(600, 200)
    qtbot.addWidget(pad)
    pad.show()
    qtbot.waitExposed(pad)
    return pad


def test_drawing_gives_strokes_in_record_units(qtbot):
    pad = make(qtbot)
    with qtbot.waitSignal(pad.changed):
        draw_signature(pad, strokes=2)
    strokes = pad.strokes()
    assert len(strokes) == 2 and all(len(s) >= 20 for s in strokes)
    times = [pt[2] for s in strokes for pt in s]
    assert times[0] == 0 and times == sorted(times)
    for s in strokes:
        for x, y, t, p in s:
            assert 0 <= x <= 1 and 0 <= y <= 1 and p == 0.5
    assert normalise_strokes(strokes) and not is_blank(normalise_strokes(strokes))


def test_undo_and_clear(qtbot):
    pad = make(qtbot)
    draw_signature(pad, strokes=3)
    pad.undo()
    assert len(pad.strokes()) == 2
    pad.setFocus()
    qtbot.keyClick(pad, Qt.Key_Z, Qt.ControlModifier)
    assert len(pad.strokes()) == 1
    pad.clear()
    assert pad.strokes() == [] and pad.is_empty()


def test_resize_keeps_the_strokes_and_scales_the_drawing(qtbot):
    pad = make(qtbot)
    draw_signature(pad)
    before = pad.strokes()
    first = pad.to_widget(*before[0][0][:2])
    pad.resize(900, 300)
    qtbot.wait(10)
    assert pad.strokes() == before
    after = pad.to_widget(*before[0][0][:2])
    assert after.x() > first.x() * 1.3
    assert not pad.grab().toImage().isNull()


def test_strokes_restored_from_data_continue_in_time(qtbot):
    pad = make(qtbot)
    pad.set_strokes([[[0.1, 0.5, 0, 0.5], [0.2, 0.5, 40, 0.5]]])
    draw_signature(pad, strokes=1)
    times = [pt[2] for s in pad.strokes() for pt in s]
    assert times == sorted(times)


def test_a_dot_is_refused_by_the_service_and_shown(qtbot, flow_env):
    from app.ui.desk.signing_page import SigningPage
    from tests.ui.flow_helpers import fill_patient
    from app.ui.desk.patient_page import PatientPage

    patient = PatientPage(flow_env.services, flow_env.session)
    qtbot.addWidget(patient)
    fill_patient(patient)
    patient.submit()
    for choice in ("biopsy", "extra_level"):  # the patient's own questions, answered before signing
        flow_env.services.consent.choose(flow_env.nurse, patient.draft_id, choice, "no")
    page = SigningPage(flow_env.services, flow_env.session)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.load(patient.draft_id)
    qtbot.mouseClick(page.pad, Qt.LeftButton, pos=page.pad.rect().center())  # a dot
    page.accept_signature()
    assert page.error.isVisible() and "empty" in page.error.text.text()
    assert flow_env.services.consent.load(flow_env.nurse, patient.draft_id).signatures == []


from tests.ui.flow_helpers import flow_env  # noqa: E402,F401  (fixture)
