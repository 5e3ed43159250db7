"""The record page: the sealed PDF in QtPdf, printing (audited), a saved copy, the patient's copy."""
from __future__ import annotations

from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from app.storage import repositories as repo
from app.ui.desk.record_page import RecordPage
from tests.ui.flow_helpers import flow_env, sealed_consent, wait_for_pdf  # noqa: F401  (fixture)


def make(qtbot, env, record_id) -> RecordPage:
    page = RecordPage(env.services, env.session)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.show_record(record_id)
    return page


def test_the_sealed_pdf_is_loaded(qtbot, flow_env):
    record_id = sealed_consent(flow_env)
    page = make(qtbot, flow_env, record_id)
    wait_for_pdf(qtbot, page.document)
    assert page.document.status() == QPdfDocument.Status.Ready and page.document.pageCount() > 0
    assert page.readiness_button.isVisibleTo(page) and page.copy_given.isVisibleTo(page)


def test_print_renders_every_page_and_is_audited(qtbot, flow_env, tmp_path):
    record_id = sealed_consent(flow_env)
    page = make(qtbot, flow_env, record_id)
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(page.printed, timeout=30000) as sig:
        page.print_to(printer)
    assert sig.args[0] == page.document.pageCount()
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
    with flow_env.ctx.db.transaction(read_only=True) as s:
        assert repo.record_events.list_for_record(s, record_id, kind="printed")


def test_save_a_copy_and_record_the_patients_copy(qtbot, flow_env, tmp_path):
    record_id = sealed_consent(flow_env)
    page = make(qtbot, flow_env, record_id)
    assert page.save_to(tmp_path / "copy.pdf")
    assert (tmp_path / "copy.pdf").read_bytes() == flow_env.services.records.pdf(flow_env.nurse, record_id)
    assert not page.save_to(tmp_path)  # a folder: refused with a message, nothing written
    assert page.error.isVisible()
    page.copy_declined.click()
    assert not page.copy_given.isEnabled()
    with flow_env.ctx.db.transaction(read_only=True) as s:
        assert repo.record_events.list_for_record(s, record_id, kind="copy_declined")


def test_the_saved_path_keeps_its_order_inside_an_arabic_sentence(qtbot, flow_env, tmp_path):
    page = make(qtbot, flow_env, sealed_consent(flow_env))
    out = tmp_path / "نسخ" / "copy.pdf"
    out.parent.mkdir()
    assert page.save_to(out)
    text = page.notice.text.text()
    assert f"\u2066{out}\u2069" in text  # isolated left to right: the slashes stay where they are
