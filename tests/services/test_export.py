"""Export: one PDF (index sheet + each record's sealed pages) and a CSV manifest; cancel and errors
leave nothing; admins only; audited with counts."""
from __future__ import annotations

import csv
import unicodedata

import pdfplumber
import pikepdf
import pytest
from sqlalchemy import select

from app.documents.merge import page_count
from app.domain.errors import AccessDenied, InvalidInput
from app.services.export import ExportService, Progress
from app.storage import repositories as repo
from app.storage.models import AuditEvent

from .conftest import PATIENT, PATIENT_SECRETS, seal_consent

# Names may begin with "-" (a spreadsheet formula); "=", "+" and "@" never pass name validation, but the
# manifest neutralises them all the same (test_csv_safety).
EVIL = {"name_ar": "-منيرة سعد الحربي", "name_latin": "Munira Alharbi", "mrn": "440022",
        "national_id": "", "birth_date": "1951-03-04", "sex": "F"}


@pytest.fixture(scope="module")
def exported(module_env):
    env = module_env
    _, a = seal_consent(env, seed=11)
    _, b = seal_consent(env, seed=12, patient=EVIL)
    env.recs = [a, b]
    return env


def _day(env):
    return env.ctx.today().isoformat()


def _files(folder):
    return sorted(p.name for p in folder.iterdir())


def test_export_pdf_has_the_index_then_every_record(exported, tmp_path):
    env = exported
    out, manifest = tmp_path / "day.pdf", tmp_path / "day.csv"
    job = ExportService(env.ctx).export_range(env.admin, _day(env), _day(env), out, manifest)
    steps = list(job.run())
    assert steps[0] == Progress(0, job.total) and steps[-1] == Progress(job.total, job.total)
    assert [d for d, _ in steps] == sorted(d for d, _ in steps)
    result = job.result
    assert result.records == 2 and result.valid == 2 and result.invalid == 0
    with env.ctx.db.transaction(read_only=True) as s:
        record_pages = [page_count(repo.records.get_pdf(s, r.record_id)) for r in env.recs]
    with pdfplumber.open(out) as pdf:
        index_text = pdf.pages[0].extract_text()
        total = len(pdf.pages)
    with pikepdf.open(out) as pdf:  # no seal widgets nor attachments are carried into the print copy
        assert all("/Annots" not in p.obj for p in pdf.pages)
    index_pages = total - sum(record_pages)
    assert index_pages == 1 == result.pages - sum(record_pages)
    for rec in env.recs:
        assert rec.record_id in index_text
    logical = unicodedata.normalize("NFKC", index_text)[::-1]  # visual lines of presentation forms
    assert PATIENT["mrn"] in index_text and "سليم" in logical and PATIENT["name_ar"] in logical
    assert _files(tmp_path) == ["day.csv", "day.pdf"]


def test_manifest_columns_and_formula_cells_neutralised(module_env, tmp_path):
    env = module_env
    _, evil = seal_consent(env, seed=13, patient={**EVIL, "mrn": "440023"})
    manifest = tmp_path / "m.csv"
    job = ExportService(env.ctx).export_range(env.admin, _day(env), _day(env), tmp_path / "m.pdf", manifest,
                                              check="archive")
    list(job.run())
    with open(manifest, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0])[:7] == ["record_id", "patient", "mrn", "procedure", "signed_at", "sha256", "verification"]
    row = next(r for r in rows if r["record_id"] == evil.record_id)
    assert row["mrn"] == "440023" and row["verification"] == "VALID" and row["sha256"] == evil.record_sha256
    assert row["patient"] == "'" + EVIL["name_ar"]
    assert all(not v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())


def test_cancel_and_close_leave_nothing(exported, tmp_path):
    env = exported
    service = ExportService(env.ctx)
    job = service.export_range(env.admin, _day(env), _day(env), tmp_path / "c.pdf", tmp_path / "c.csv")
    gen = job.run()
    next(gen), next(gen)
    job.cancel()
    assert list(gen) == []
    assert job.cancelled and job.result is None and _files(tmp_path) == []
    job2 = service.export_range(env.admin, _day(env), _day(env), tmp_path / "d.pdf")
    gen = job2.run()
    next(gen), next(gen)
    gen.close()
    assert job2.cancelled and _files(tmp_path) == []
    with env.ctx.db.transaction(read_only=True) as s:
        actions = list(s.execute(select(AuditEvent.action).order_by(AuditEvent.seq.desc()).limit(2)).scalars())
    assert actions == ["archive.exported_cancelled"] * 2


def test_an_error_leaves_nothing(exported, tmp_path, monkeypatch):
    env = exported
    import app.documents.merge as merge

    def broken(self, *a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(merge.StreamingMerger, "finish", broken)
    job = ExportService(env.ctx).export_range(env.admin, _day(env), _day(env), tmp_path / "e.pdf", tmp_path / "e.csv")
    with pytest.raises(OSError):
        list(job.run())
    assert _files(tmp_path) == []


def test_a_tampered_record_is_reported_not_hidden(tmp_path, monkeypatch, exported):
    env = exported
    victim = env.recs[0].record_id
    real = repo.records.get_pdf
    import app.services.export as export

    original_select = export.select  # the job reads PDFs with a select; tamper with the bytes it gets

    class Tamper:
        def __init__(self, rows):
            self.rows = rows

        def all(self):
            return [(rid, (pdf[:-300] + b"X" + pdf[-299:]) if rid == victim else pdf) for rid, pdf in self.rows]

    from app.storage.database import Database

    orig_tx = Database.transaction

    def tx(self, **kw):
        cm = orig_tx(self, **kw)

        class Wrap:
            def __enter__(s_):
                sess = cm.__enter__()
                orig_exec = sess.execute

                def execute(stmt, *a, **k):
                    res = orig_exec(stmt, *a, **k)
                    cols = [c.name for c in getattr(stmt, "selected_columns", [])]
                    return Tamper(res.all()) if cols == ["record_id", "pdf"] else res
                sess.execute = execute
                return sess

            def __exit__(s_, *exc):
                return cm.__exit__(*exc)
        return Wrap()

    monkeypatch.setattr(Database, "transaction", tx)
    for check in ("full", "archive"):
        job = ExportService(env.ctx).export_range(env.admin, _day(env), _day(env), tmp_path / f"t-{check}.pdf",
                                                  tmp_path / f"t-{check}.csv", check=check)
        list(job.run())
        assert job.result.invalid >= 1
        with open(tmp_path / f"t-{check}.csv", encoding="utf-8-sig") as fh:
            row = next(r for r in csv.DictReader(fh) if r["record_id"] == victim)
        assert row["verification"].startswith("INVALID")
    assert real and original_select


def test_only_admins_export_and_bad_targets_are_refused(exported, tmp_path):
    env = exported
    service = ExportService(env.ctx)
    for who in (env.nurse, env.physician):
        with pytest.raises(AccessDenied):
            service.export_range(who, _day(env), _day(env), tmp_path / "x.pdf")
    with pytest.raises(InvalidInput):
        service.export_range(env.admin, _day(env), _day(env), tmp_path / "missing" / "x.pdf")
    with pytest.raises(InvalidInput):
        service.export_range(env.admin, _day(env), _day(env), tmp_path / "x.txt")
    with pytest.raises(InvalidInput):
        service.export_range(env.admin, "2026-02-02", "2026-02-01", tmp_path / "x.pdf")
    assert _files(tmp_path) == []


def test_export_and_print_are_audited_with_counts(exported, tmp_path):
    env = exported
    list(ExportService(env.ctx).export_range(env.admin, _day(env), _day(env), tmp_path / "a.pdf").run())
    job = ExportService(env.ctx).print_bundle(env.nurse, tmp_path / "p.pdf", record_ids=[env.recs[0].record_id])
    list(job.run())
    assert job.result.records == 1
    with env.ctx.db.transaction(read_only=True) as s:
        events = s.execute(select(AuditEvent).where(AuditEvent.action.in_(
            ("archive.exported", "archive.print_prepared"))).order_by(AuditEvent.seq)).scalars().all()
        exported_events = repo.record_events.list_for_record(s, env.recs[0].record_id, kind="exported")
    assert {e.action for e in events} == {"archive.exported", "archive.print_prepared"}
    last = [e for e in events if e.action == "archive.exported"][-1]
    assert last.actor == env.admin.username and last.details["records"] >= 2 and last.details["valid"] >= 2
    assert exported_events
    for e in events:
        assert not any(secret in (e.details_json or "") for secret in PATIENT_SECRETS)


@pytest.mark.parametrize("cell", ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "＝1"])
def test_csv_safety(cell):
    from app.domain.csv_safety import neutralise, safe_row

    assert neutralise(cell) == "'" + cell
    assert safe_row(["ok", None, 3, "a=b"]) == ["ok", "", "3", "a=b"]
