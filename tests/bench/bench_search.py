"""Archive search over many records inserted directly (bulk SQLAlchemy core inserts, not the
workflow): at or under 50 ms a query, for ANY word of a name: a rare middle name, a common first
name written with a spelling variant (one patient in 24: thousands of matches at full size, of which
the query returns one page), an MRN, and the worst case of a one-letter prefix. Each figure is the
whole service call: query, page of rows and the audit event in the same transaction.

    BENCH_FULL=1 python -m pytest tests/bench/bench_search.py --benchmark-enable -p no:randomly -s

The normal suite runs each bench once on a small archive (BENCH_SIZE or 2,000 records); BENCH_FULL=1
uses 100,000 patients with one record each.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import time

import pytest
from sqlalchemy import insert, select

from app.domain.clock import FixedClock
from app.domain.roles import Actor
from app.domain.text import fold_for_search
from app.services.archive import ArchiveQuery, ArchiveService
from app.services.context import open_context
from app.storage.models import FormVersion, Patient, PatientWord, Record, User
from app.storage.repositories.patients import make_search_key

T0 = dt.datetime(2026, 11, 28, 6, 0, tzinfo=dt.timezone.utc)
FULL = os.environ.get("BENCH_FULL") == "1"
SIZE = 100_000 if FULL else int(os.environ.get("BENCH_SIZE", "2000"))

FIRST = [("محمد", "Mohammed"), ("فاطمة", "Fatimah"), ("عبدالله", "Abdullah"), ("نورة", "Noura"),
         ("خالد", "Khalid"), ("هيلة", "Haila"), ("سعد", "Saad"), ("منيرة", "Munira"), ("أحمد", "Ahmad"),
         ("عائشة", "Aisha"), ("يوسف", "Yousef"), ("مريم", "Maryam"), ("إبراهيم", "Ibrahim"), ("سارة", "Sara"),
         ("علي", "Ali"), ("لطيفة", "Latifa"), ("ناصر", "Nasser"), ("حصة", "Hessa"), ("فهد", "Fahad"),
         ("جواهر", "Jawaher"), ("سلطان", "Sultan"), ("رقية", "Ruqayya"), ("تركي", "Turki"), ("أمل", "Amal")]
MIDDLE = [("عبدالرحمن", "Abdulrahman"), ("صالح", "Saleh"), ("حمد", "Hamad"), ("عبدالعزيز", "Abdulaziz"),
          ("سليمان", "Sulaiman"), ("منصور", "Mansour"), ("راشد", "Rashid"), ("ماجد", "Majed"),
          ("بندر", "Bandar"), ("فيصل", "Faisal"), ("مشعل", "Mishal"), ("زياد", "Ziyad"), ("وليد", "Waleed"),
          ("عمر", "Omar"), ("طلال", "Talal"), ("هشام", "Hisham"), ("أسامة", "Osama"), ("جاسر", "Jasser"),
          ("مساعد", "Musaed"), ("ضيف الله", "Daifallah"), ("عثمان", "Othman"), ("إسماعيل", "Ismail"),
          ("يحيى", "Yahya"), ("موسى", "Mousa"), ("حسين", "Hussain"), ("بدر", "Badr"), ("نايف", "Naif"),
          ("متعب", "Miteb"), ("غازي", "Ghazi"), ("مرزوق", "Marzouq")]
FAMILY = [("الزهراني", "Alzahrani"), ("العتيبي", "Alotaibi"), ("الدوسري", "Aldosari"), ("الغامدي", "Alghamdi"),
          ("المطيري", "Almutairi"), ("الحربي", "Alharbi"), ("القحطاني", "Alqahtani"), ("الشمري", "Alshammari"),
          ("العنزي", "Alanazi"), ("السبيعي", "Alsubaie"), ("الشهري", "Alshehri"), ("المالكي", "Almalki"),
          ("الرشيدي", "Alrashidi"), ("البقمي", "Albaqami"), ("السهلي", "Alsahli"), ("الجهني", "Aljuhani"),
          ("العمري", "Alomari"), ("الأحمدي", "Alahmadi"), ("الخالدي", "Alkhalidi"), ("الزهراني", "Alzahrani"),
          ("الكثيري", "Alkathiri"), ("الثبيتي", "Althubaiti"), ("الفيفي", "Alfaifi"), ("اليامي", "Alyami"),
          ("العسيري", "Alasiri"), ("الحازمي", "Alhazmi"), ("النعيمي", "Alnuaimi"), ("الهاجري", "Alhajri"),
          ("المري", "Almarri"), ("الكعبي", "Alkaabi"), ("التميمي", "Altamimi"), ("الشريف", "Alsharif")]
# Two signatures of about 170 points each, the strokes of a typical sealed consent.
SIGNATURES = [{"role": role, "strokes": [[[round(0.1 + j / 300, 4), round(0.5 + (j % 7) / 50, 4), j * 12, 0.5]
                                          for j in range(170)]]} for role in ("patient", "physician")]
# A rare middle name, the word the benchmark looks for (about one patient in 400).
RARE = ("مستور", "Mastour")


def patient_rows(n: int, seed: int = 7):
    rng = random.Random(seed)
    for i in range(n):
        first, middle, family = rng.choice(FIRST), rng.choice(MIDDLE), rng.choice(FAMILY)
        if i % 400 == 17:
            middle = RARE
        name_ar = f"{first[0]} {middle[0]} {family[0]}"
        name_latin = f"{first[1]} {middle[1]} {family[1]}"
        words = fold_for_search(f"{name_ar} {name_latin}").split()
        yield {"id": i + 1, "mrn": f"M{1_000_000 + i}", "national_id": f"1{rng.randint(100_000_000, 999_999_999)}",
               "name_ar": name_ar, "name_latin": name_latin,
               "birth_date": dt.date(1935 + rng.randint(0, 40), rng.randint(1, 12), rng.randint(1, 28)),
               "sex": rng.choice("FM"), "search_key": make_search_key(words),
               "created_at": T0, "updated_at": T0}, sorted(set(words))


def bulk_archive(ctx, n: int, pdf_for=None, *, batch: int = 5000, spread_minutes: int = 9) -> None:
    """n patients with one record each, straight into the tables. ``pdf_for(i, record_id, record_json,
    sha)`` gives each record's PDF (default: one small shared blob)."""
    blob = b"%PDF-1.4\n% bench blob\n" + b"0" * 2000 + b"\n%%EOF\n"
    with ctx.db.transaction() as s:
        user_id = s.execute(insert(User).values(
            username="bench.admin", role="admin", name_ar="مدير", password_hash="x", active=True, failed_logins=0,
            is_demo=True, created_at=T0).returning(User.id)).scalar_one()
        forms = dict(s.execute(select(FormVersion.procedure, FormVersion.id)).all())
    procedures = sorted(forms)
    engine = ctx.db.engine
    patients, words, records = [], [], []

    def flush() -> None:
        with engine.begin() as conn:
            if patients:
                conn.execute(insert(Patient.__table__), patients)
            if words:
                conn.execute(insert(PatientWord.__table__), words)
            if records:
                conn.execute(insert(Record.__table__), records)
        patients.clear(), words.clear(), records.clear()

    for i, (p, ws) in enumerate(patient_rows(n)):
        patients.append(p)
        words.extend({"word": w, "patient_id": p["id"]} for w in ws)
        record_id = f"CR-2026-B{i:08d}"
        # What the archive shows comes from record_json (not the patients table): the bench records carry
        # the patient, the form and signatures of a real record's size (~14 KB).
        patient = {k: (v.isoformat() if k == "birth_date" else v) for k, v in p.items()
                   if k in ("mrn", "national_id", "name_ar", "name_latin", "birth_date", "sex")}
        record_json = json.dumps({"record_id": record_id, "kind": "consent", "bench": True, "patient": patient,
                                  "form": {"procedure": procedures[i % len(procedures)]},
                                  "signatures": SIGNATURES}, sort_keys=True, separators=(",", ":"),
                                 ensure_ascii=False)
        sha = hashlib.sha256(record_json.encode()).hexdigest()
        pdf = pdf_for(i, record_id, record_json, sha) if pdf_for else blob
        signed = T0 - dt.timedelta(minutes=spread_minutes * (n - i))
        records.append({"record_id": record_id, "kind": "refusal" if i % 50 == 3 else "consent", "refers_to": None,
                        "patient_id": p["id"], "form_version_id": forms[procedures[i % len(procedures)]],
                        "record_json": record_json, "record_sha256": sha, "pdf": pdf,
                        "pdf_sha256": hashlib.sha256(pdf).hexdigest(), "is_demo": True, "created_by": user_id,
                        "signed_at": signed, "created_at": signed})
        if len(patients) >= batch:
            flush()
    flush()


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    ctx = open_context(tmp_path_factory.mktemp("bench-search") / "data", clock=FixedClock(T0))
    started = time.perf_counter()
    bulk_archive(ctx, SIZE)
    print(f"\n[bench_search] inserted {SIZE} patients/records in {time.perf_counter() - started:.1f} s")
    yield ctx
    ctx.close()


ADMIN = Actor(1, "bench.admin", "admin", "مدير")


def test_search_a_middle_name_word(benchmark, archive):
    service = ArchiveService(archive)
    query = ArchiveQuery(text="مستور", limit=200)  # a middle name, Arabic
    service.find(ADMIN, query)  # warm the caches
    result = benchmark(service.find, ADMIN, query)
    assert result.rows and all("مستور" in r.name_ar for r in result.rows)
    assert len(result.rows) == min(200, len([i for i in range(SIZE) if i % 400 == 17]))


def test_search_a_common_word_with_a_spelling_variant(benchmark, archive):
    service = ArchiveService(archive)
    query = ArchiveQuery(text="فاطمه", limit=200)  # ta marbuta written as ha, one patient in 24
    result = benchmark(service.find, ADMIN, query)
    assert result.rows and all("فاطمة" in r.name_ar for r in result.rows)
    assert len(result.rows) == 200 or not result.more


def test_search_a_common_word_newest_first_is_correct(archive):
    """The page of a common word is the newest records of the matching patients, in order."""
    service = ArchiveService(archive)
    rows = service.find(ADMIN, ArchiveQuery(text="fatimah", limit=50)).rows
    with archive.db.transaction(read_only=True) as s:
        expected = list(s.execute(
            select(Record.record_id).join(Patient, Patient.id == Record.patient_id)
            .where(Patient.name_latin.like("Fatimah %"))
            .order_by(Record.signed_at.desc(), Record.record_id.desc()).limit(50)).scalars())
    assert [r.record_id for r in rows] == expected


def test_search_a_one_letter_prefix(benchmark, archive):
    service = ArchiveService(archive)
    query = ArchiveQuery(text="م", limit=200)  # every name word starting with meem: most patients
    result = benchmark(service.find, ADMIN, query)
    assert len(result.rows) == min(200, SIZE) and result.more == (SIZE > 200)


def test_search_two_words_latin_prefix(benchmark, archive):
    service = ArchiveService(archive)
    query = ArchiveQuery(text="MASTOUR alz", limit=200)
    result = benchmark(service.find, ADMIN, query)
    assert all("Mastour" in r.name_latin and "Alz" in r.name_latin for r in result.rows)


def test_search_by_mrn(benchmark, archive):
    service = ArchiveService(archive)
    result = benchmark(service.find, ADMIN, ArchiveQuery(text=f"m{1_000_000 + SIZE // 2}"))
    assert [r.mrn for r in result.rows] == [f"M{1_000_000 + SIZE // 2}"]


def test_search_date_range_and_status(benchmark, archive):
    service = ArchiveService(archive)
    query = ArchiveQuery(date_from="2026-11-20", date_to="2026-11-28", status="refused", sort="name", limit=100)
    result = benchmark(service.find, ADMIN, query)
    assert all(r.status == "refused" for r in result.rows)
