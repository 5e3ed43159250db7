"""Archive search: any word of a name (Arabic variants fold, Latin case-folded), MRN, national ID,
dates, procedure, status, sorting; every search and opening audited without patient data."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.domain.errors import AccessDenied, InvalidInput
from app.services.archive import ArchiveQuery, ArchiveService
from app.storage.models import AuditEvent

from .conftest import PATIENT, PATIENT_SECRETS, seal_consent

OTHER = {"name_ar": "محمد صالح العتيبي", "name_latin": "Mohammed Saleh Alotaibi", "mrn": "A-55/12",
         "national_id": "2044556677", "birth_date": "1950-01-02", "sex": "M"}


@pytest.fixture(scope="module")
def archive_env(module_env):
    env = module_env
    _, first = seal_consent(env, seed=1)
    _, second = seal_consent(env, seed=2, patient=OTHER)
    env.records = {"first": first.record_id, "second": second.record_id}
    return env


def ids(rows):
    return {r.record_id if hasattr(r, "record_id") else r["record_id"] for r in rows}


@pytest.mark.parametrize("text", [
    "عبدالله",            # the middle word of the Arabic name
    "عبداللة",            # ta marbuta/ha variant of the same (folds)
    "الزهرانى",           # alef maqsura for ya
    "ألزهراني",           # hamza on alef
    "فَاطِمَة",            # with diacritics
    "fatimah", "ALZAHRANI", "Alzah",  # Latin, any case, a prefix
    "الزهراني فاطمة",     # two words, any order
    "<mrn>", "1023456789",  # MRN and national ID
])
def test_any_word_finds_the_patient(archive_env, text):
    text = text.replace("<mrn>", PATIENT["mrn"].lower())
    rows = ArchiveService(archive_env.ctx).find(archive_env.nurse, ArchiveQuery(text=text)).rows
    assert archive_env.records["first"] in ids(rows)
    assert archive_env.records["second"] not in ids(rows)


def test_identifier_with_letters_and_slash_and_arabic_digits(archive_env):
    service = ArchiveService(archive_env.ctx)
    assert ids(service.find(archive_env.nurse, ArchiveQuery(text="a-55/12")).rows) == {archive_env.records["second"]}
    assert ids(service.find(archive_env.nurse, ArchiveQuery(text="٢٠٤٤٥٥٦٦٧٧")).rows) == {archive_env.records["second"]}


def test_a_word_of_nobody_finds_nothing(archive_env):
    service = ArchiveService(archive_env.ctx)
    assert service.find(archive_env.nurse, ArchiveQuery(text="خديجة")).rows == ()
    assert service.find(archive_env.nurse, ArchiveQuery(text="فاطمة العتيبي")).rows == ()  # words of two people


def test_filters_and_sorting(archive_env):
    service = ArchiveService(archive_env.ctx)
    nurse = archive_env.nurse
    day = archive_env.ctx.today().isoformat()
    rows = service.find(nurse, ArchiveQuery(date_from=day, date_to=day, sort="name", descending=False)).rows
    assert [r.name_ar for r in rows] == sorted(r.name_ar for r in rows) and len(rows) >= 2
    assert service.find(nurse, ArchiveQuery(date_from="2020-01-01", date_to="2020-01-02")).rows == ()
    assert all(r.status == "signed" for r in service.find(nurse, ArchiveQuery(status="signed", text="fatimah")).rows)
    assert service.find(nurse, ArchiveQuery(status="refused", text="fatimah")).rows == ()
    assert service.find(nurse, ArchiveQuery(procedure="kyphoplasty", text="fatimah")).rows == ()
    page = service.find(nurse, ArchiveQuery(date_from=day, date_to=day, limit=1))
    assert len(page.rows) == 1 and page.more
    with pytest.raises(InvalidInput):
        service.find(nurse, ArchiveQuery(status="lost"))
    with pytest.raises(InvalidInput):
        service.find(nurse, ArchiveQuery())  # nothing to search for
    with pytest.raises(InvalidInput):
        service.find(nurse, ArchiveQuery(text="x", date_from="2026-02-02", date_to="2026-02-01"))


def test_old_interfaces_still_answer(archive_env):
    service = ArchiveService(archive_env.ctx)
    rows = service.search(archive_env.nurse, "فاطمه الزهراني")
    assert archive_env.records["first"] in ids(rows) and {"record_id", "mrn", "name_ar", "procedure"} <= set(rows[0])
    by_mrn = service.find(archive_env.admin, ArchiveQuery(text=PATIENT["mrn"]), require_text=True).rows[0]
    assert by_mrn.record_id == archive_env.records["first"] and by_mrn.mrn == PATIENT["mrn"]


def test_search_and_open_are_audited_without_patient_data(archive_env):
    env = archive_env
    service = ArchiveService(env.ctx)
    with env.ctx.db.transaction(read_only=True) as s:
        before = s.execute(select(AuditEvent.seq).order_by(AuditEvent.seq.desc()).limit(1)).scalar()
    service.find(env.nurse, ArchiveQuery(text="فاطمة الزهراني", date_from="2026-01-01", date_to="2026-12-31"))
    view = service.open_record(env.admin, env.records["first"])
    assert view.pdf.startswith(b"%PDF") and view.status == "signed" and view.record["patient"]["mrn"] == PATIENT["mrn"]
    assert any(h.action == "record.sealed" for h in view.history)
    with env.ctx.db.transaction(read_only=True) as s:
        events = s.execute(select(AuditEvent).where(AuditEvent.seq > before).order_by(AuditEvent.seq)).scalars().all()
    assert [e.action for e in events] == ["archive.searched", "record.viewed"]
    assert events[0].details == {"words": 2, "results": 1, "filters": ["from", "to"]}
    assert events[1].subject == env.records["first"] and events[1].actor == env.admin.username
    for e in events:
        text = f"{e.subject} {e.details_json}"
        assert not any(secret in text for secret in PATIENT_SECRETS)


def test_roles(archive_env):
    with pytest.raises(AccessDenied):
        ArchiveService(archive_env.ctx).find(None, ArchiveQuery(text="x"))
    with pytest.raises(AccessDenied):  # nurses do not run archive-wide verification
        list(ArchiveService(archive_env.ctx).verify_records(archive_env.nurse))


def test_printed_is_audited_per_record(archive_env):
    env = archive_env
    ArchiveService(env.ctx).printed(env.nurse, [env.records["first"]], printer="CUPS-PDF")
    history = ArchiveService(env.ctx).history(env.admin, env.records["first"])
    assert any(h.action == "record.printed" and h.actor == env.nurse.username for h in history)


def test_walking_newest_first_finds_the_same_page(archive_env, monkeypatch):
    """A word matching many patients walks the records newest first instead of seeking every
    patient's records (app.storage.archive_sql.many_matches); both give the same rows."""
    import app.storage.archive_sql as archive_sql

    service = ArchiveService(archive_env.ctx)
    day = archive_env.ctx.today().isoformat()
    queries = [ArchiveQuery(text="fatimah"), ArchiveQuery(text="الزهراني فاطمة", date_from=day, date_to=day),
               ArchiveQuery(text="عبد", limit=1), ArchiveQuery(text="محمد", descending=False),
               ArchiveQuery(text=PATIENT["mrn"])]
    monkeypatch.setattr(archive_sql, "SEEK_TO_SCAN", 1e12)  # never walk
    seeks = [service.find(archive_env.nurse, q) for q in queries]
    monkeypatch.setattr(archive_sql, "SEEK_TO_SCAN", 0.0)  # always walk
    walks = [service.find(archive_env.nurse, q) for q in queries]
    assert walks == seeks and any(r.rows for r in walks)


@pytest.mark.sqlite_only
def test_search_reads_records_through_the_covering_index(archive_env):
    """The page of a word search is read from ix_records_patient_id_signed_at (migration 0004), not
    from the records' rows (which carry the sealed PDFs). PostgreSQL's plans are checked on 100,000
    records in tests/bench/bench_search_postgresql.py (on a few rows its planner rightly scans)."""
    service = ArchiveService(archive_env.ctx)
    q = ArchiveQuery(text="fatimah")
    with archive_env.ctx.db.transaction(read_only=True) as s:
        stmt, params = service._statement(s, q, *service._check(q, False))
        sql = str(stmt.params(params).compile(archive_env.ctx.db.engine, compile_kwargs={"literal_binds": True}))
        with archive_env.ctx.db.engine.connect() as conn:
            plan = " | ".join(row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert "COVERING INDEX ix_records_patient_id_signed_at" in plan, plan
