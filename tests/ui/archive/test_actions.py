"""Actions from the archive: print (system queue faked, and the QPrinter path), export with progress
and cancel, withdrawal and correction through their dialogs."""
from __future__ import annotations


from PySide6.QtCore import QItemSelectionModel
from PySide6.QtPrintSupport import QPrinter

from app.services.demo import synthetic_signature
from app.storage import repositories as repo
from app.ui.archive.print_dialog import SYSTEM_DIALOG, PrintDialog
from app.ui.archive.window import ArchiveWindow
from tests.ui.archive_helpers import FakeQueue, archive_env  # noqa: F401  (fixture)


def window_for(qtbot, env, role, **kwargs) -> ArchiveWindow:
    window = ArchiveWindow(env.services, env.session(role), **kwargs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.bar.use_dates.setChecked(True)
    window.bar.button.click()
    assert len(window.rows()) == 3
    return window


def select_ids(window, ids) -> None:
    sel = window.table.selectionModel()
    sel.clearSelection()
    for n, row in enumerate(window.rows()):
        if row.record_id in ids:
            sel.select(window.model.index(n, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)


def printed_events(env, record_id):
    with env.ctx.db.transaction(read_only=True) as s:
        return repo.record_events.list_for_record(s, record_id, kind="printed")


def test_print_a_selection_to_the_system_queue_is_audited(qtbot, archive_env):
    queue = FakeQueue()
    window = window_for(qtbot, archive_env, "nurse", print_backend=queue)
    chosen = archive_env.records[:2]
    select_ids(window, chosen)
    window.buttons["print"].click()
    dialog = window.dialog
    assert isinstance(dialog, PrintDialog) and dialog.chosen.isChecked()
    assert dialog.printer.currentData() == "Records-Office"  # the queue's default
    dialog.copies.setValue(2)
    with qtbot.waitSignal(dialog.printed, timeout=60000) as sig:
        dialog.print_button.click()
    assert sig.args == [2]
    assert len(queue.jobs) == 1 and queue.jobs[0]["queue"] == "Records-Office" and queue.jobs[0]["copies"] == 2
    assert queue.jobs[0]["data"].startswith(b"%PDF")
    for rid in chosen:
        assert printed_events(archive_env, rid)
        assert "record.printed" in archive_env.audit_actions(rid)
    assert not printed_events(archive_env, archive_env.records[2])
    assert "archive.printed" in archive_env.audit_actions()
    assert dialog.folder is None  # the temporary bundle is gone


def test_print_a_date_range_and_a_failing_queue(qtbot, archive_env):
    queue = FakeQueue(fail=True)
    window = window_for(qtbot, archive_env, "admin", print_backend=queue)
    window.table.clearSelection()
    window.buttons["print"].click()
    dialog = window.dialog
    assert dialog.by_range.isChecked() and not dialog.chosen.isEnabled()
    dialog.print_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.banner.kind == "error", timeout=60000)
    assert not any(printed_events(archive_env, rid) for rid in archive_env.records)  # nothing printed: no event
    queue.fail = False
    with qtbot.waitSignal(dialog.printed, timeout=60000) as sig:
        dialog.print_button.click()
    assert sig.args == [3]
    assert all(printed_events(archive_env, rid) for rid in archive_env.records)


def test_without_a_queue_the_print_goes_through_qprinter(qtbot, archive_env, tmp_path):
    out = tmp_path / "printed.pdf"

    def printer_factory(_parent):
        printer = QPrinter(QPrinter.HighResolution)
        printer.setOutputFormat(QPrinter.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    window = window_for(qtbot, archive_env, "nurse", print_backend=None, printer_factory=printer_factory)
    select_ids(window, archive_env.records[:1])
    window.buttons["print"].click()
    dialog = window.dialog
    assert dialog.printer.count() == 1 and dialog.printer.currentData() == SYSTEM_DIALOG
    with qtbot.waitSignal(dialog.printed, timeout=120000):
        dialog.print_button.click()
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 10_000
    assert printed_events(archive_env, archive_env.records[0])


def test_export_runs_to_completion_with_a_manifest(qtbot, archive_env, tmp_path):
    window = window_for(qtbot, archive_env, "admin")
    window.buttons["export"].click()
    dialog = window.dialog
    out = tmp_path / "exports"
    out.mkdir()
    dialog.out.setText(str(out / "range.pdf"))
    assert not dialog.demo.isChecked()  # training records only when asked for
    dialog.demo.setChecked(True)  # this archive holds demonstration records only
    with qtbot.waitSignal(dialog.exported, timeout=120000) as sig:
        dialog.start_button.click()
    result = sig.args[0]
    assert result.records == 3 and result.valid == 3
    # The bar counts records, as the message does (it said "4 of 4" for 3 records).
    assert dialog.progress.value() == dialog.progress.maximum() == 3
    assert "3" in dialog.banner.message() and "records" in dialog.progress.format()
    assert sorted(p.name for p in out.iterdir()) == ["range.csv", "range.pdf"]
    assert (out / "range.csv").read_text(encoding="utf-8-sig").count("\n") == 4
    assert "archive.exported" in archive_env.audit_actions()
    # Nothing left to stop: the row's last button says so, to the eye and to a screen reader.
    assert dialog.cancel_button.text() == dialog.cancel_button.accessibleName() == "Close"


def test_cancelled_export_leaves_nothing_behind(qtbot, archive_env, tmp_path, monkeypatch):
    window = window_for(qtbot, archive_env, "admin")
    window.buttons["export"].click()
    dialog = window.dialog
    out = tmp_path / "exports"
    out.mkdir()
    dialog.out.setText(str(out / "range.pdf"))
    dialog.demo.setChecked(True)
    # Cancel as the first progress step arrives; connected before the job starts so a fast export
    # cannot finish first.
    export_range = dialog.services.export.export_range

    def cancelling_export_range(*args, **kwargs):
        job = export_range(*args, **kwargs)
        run = job.run

        def run_then_cancel():
            for progress in run():
                job.cancel()
                yield progress
        job.run = run_then_cancel
        return job
    monkeypatch.setattr(dialog.services.export, "export_range", cancelling_export_range)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.thread.isFinished(), timeout=60000)
    qtbot.waitUntil(lambda: dialog.banner.kind == "info", timeout=5000)
    assert list(out.iterdir()) == []
    assert dialog.job.result is None
    assert "archive.exported_cancelled" in archive_env.audit_actions()


def test_nurse_cannot_export_even_by_calling(qtbot, archive_env, tmp_path):
    from app.ui.archive.export_dialog import ExportDialog

    out = tmp_path / "exports"
    out.mkdir()
    dialog = ExportDialog(archive_env.services, archive_env.session("nurse"), folder=out)
    qtbot.addWidget(dialog)
    dialog.start()
    assert dialog.banner.kind == "error" and list(out.iterdir()) == []


def test_withdrawal_through_the_dialog_produces_a_record(qtbot, archive_env, people):
    window = window_for(qtbot, archive_env, "nurse")
    original = archive_env.records[0]
    select_ids(window, [original])
    window.buttons["withdraw"].click()
    dialog = window.dialog
    dialog.seal_button.click()  # empty pads: refused, nothing sealed
    assert dialog.error.kind == "error" and dialog.sealed is None
    dialog.patient_box.pad.set_strokes(synthetic_signature(11))
    dialog.witness_box.pad.set_strokes(synthetic_signature(12))
    dialog.reason.setPlainText("يرغب المريض في استشارة أسرته")
    dialog.error.clear()
    dialog.seal_button.click()  # no witness: refused, nothing sealed
    qtbot.waitUntil(lambda: dialog.seal_button.isEnabled() and dialog.error.kind == "error", timeout=60000)
    assert dialog.sealed is None
    dialog.witness_name.setText(people["physician"]["username"])  # a second staff member witnesses
    dialog.witness_password.setText(people["physician"]["password"])
    dialog.seal_button.click()
    qtbot.waitUntil(lambda: dialog.sealed is not None or dialog.error.kind == "error", timeout=60000)
    assert dialog.sealed is not None, dialog.error.message()
    new_id = dialog.sealed.record_id
    qtbot.waitUntil(lambda: window.preview.view_data is not None and window.preview.view_data.record_id == new_id,
                    timeout=5000)
    assert archive_env.services.archive.status_of(archive_env.staff["nurse"], original) == "withdrawn"
    assert new_id in window.banner.message()
    record = archive_env.services.records.record(archive_env.staff["nurse"], new_id)
    assert record["kind"] == "withdrawal" and record["refers_to"] == original


def test_correction_through_the_dialog_produces_a_record(qtbot, archive_env, people):
    window = window_for(qtbot, archive_env, "physician")
    original = archive_env.records[1]
    select_ids(window, [original])
    window.buttons["correct"].click()
    dialog = window.dialog
    old_mrn = dialog.fields["mrn"].text()
    dialog.fields["mrn"].setText("MRN-77120")
    dialog.fields["levels"].setText("L2")
    dialog.reason.setPlainText("رقم الملف والمستوى أُدخلا خطأً")
    dialog.password.setText(people["physician"]["password"])
    dialog.witness_name.setText(people["nurse"]["username"])
    dialog.witness_password.setText(people["nurse"]["password"])
    assert dialog.changes() == {"patient.mrn": "MRN-77120", "procedure.levels": ["L2"]}
    dialog.seal_button.click()
    qtbot.waitUntil(lambda: dialog.sealed is not None or dialog.error.kind == "error", timeout=60000)
    assert dialog.sealed is not None, dialog.error.message()
    record = dialog.sealed.record
    assert record["kind"] == "correction" and record["refers_to"] == original
    assert record["patient"]["mrn"] == "MRN-77120" and old_mrn != "MRN-77120"
    assert archive_env.services.archive.status_of(archive_env.staff["physician"], original) == "superseded"
