"""The word index of patient names: kept by the patients repository, found by prefix, migrated."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text

from app.storage import search_index
from app.storage.database import Database
from app.storage.models import Patient
from app.storage.repositories import patients


def _upsert(s, mrn, words, name="اسم"):
    return patients.upsert(s, mrn=mrn, name_ar=name, name_latin=None, birth_date=dt.date(1950, 1, 1), sex="F",
                           search_words=words)


def _find(s, *tokens):
    toks = [search_index.QueryToken(tuple(t.split()), "") for t in tokens]
    return set(s.execute(search_index.matching_patient_ids(s.get_bind().dialect.name, toks)).scalars())


def test_upsert_indexes_and_reindexes(database: Database) -> None:
    with database.transaction() as s:
        a = _upsert(s, "1", ["فاطمه", "عبدالله", "الزهراني"]).id
        b = _upsert(s, "2", ["محمد", "عبدالرحمن"]).id
        assert search_index.words_of(s, a) == sorted(["فاطمه", "عبدالله", "الزهراني"])
        assert _find(s, "عبد") == {a, b}            # a prefix of a middle word of both
        assert _find(s, "عبدالله") == {a}
        assert _find(s, "الزهراني", "فاط") == {a}   # every token must match
        assert _find(s, "محمد", "فاطمه") == set()
        _upsert(s, "1", ["نوره", "الزهراني"])        # a corrected name replaces the words
        assert _find(s, "فاطمه") == set() and _find(s, "نور") == {a}


def test_identifier_tokens(database: Database) -> None:
    with database.transaction() as s:
        pid = patients.upsert(s, mrn="A-1/2", name_ar="س", name_latin=None, birth_date=dt.date(1950, 1, 1), sex="M",
                              search_words=["س"], national_id="1099").id
        tok = search_index.QueryToken((), "A-1/2")
        assert set(s.execute(search_index.matching_patient_ids(s.get_bind().dialect.name, [tok])).scalars()) == {pid}
        tok = search_index.QueryToken(("1099",), "1099")
        assert set(s.execute(search_index.matching_patient_ids(s.get_bind().dialect.name, [tok])).scalars()) == {pid}


def test_prefix_does_not_leak_into_the_next_word(database: Database) -> None:
    with database.transaction() as s:
        a = _upsert(s, "1", ["ab"]).id
        _upsert(s, "2", ["ac"])
        assert _find(s, "ab") == {a}


def test_migration_backfills_existing_patients(empty_database: Database) -> None:
    db = empty_database
    db.upgrade("0002")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO patients (id, mrn, name_ar, birth_date, sex, search_key, created_at, "
                          "updated_at) VALUES (7, 'X1', 'ن', '1950-01-01', 'F', ' نوره الحربي haila', "
                          "'2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')"))
    db.upgrade()
    with db.transaction(read_only=True) as s:
        assert search_index.words_of(s, 7) == ["haila", "الحربي", "نوره"]
        assert s.execute(select(Patient.id)).scalars().all() == [7]
    db.downgrade("0002")
    db.upgrade()


def test_prefix_search_is_an_index_range(database: Database) -> None:
    """The name-word prefix reads the primary key's range on both engines (PostgreSQL: the column
    compares byte by byte, migration 0007; with a linguistic collation it would be a scan)."""
    with database.transaction() as s:
        _upsert(s, "1", ["عبدالله", "abc_d", "ab%c"])
        name = s.get_bind().dialect.name
        stmt = search_index.patients_with_word(name, "عبد")
        sql = str(stmt.compile(s.get_bind(), compile_kwargs={"literal_binds": True}))
        if name == "sqlite":
            plan = " ".join(str(r[-1]) for r in s.execute(text("EXPLAIN QUERY PLAN " + sql)))
            assert "SEARCH patient_words USING" in plan and "(word>? AND word<?)" in plan, plan
        else:
            s.execute(text("SET LOCAL enable_seqscan = off"))
            plan = " ".join(r[0] for r in s.execute(text("EXPLAIN " + sql)))
            assert "pk_patient_words" in plan and "Seq Scan" not in plan, plan
        # LIKE's wildcards are plain letters in a range.
        assert _find(s, "ab%") != set() and _find(s, "a_") == set() and _find(s, "abc_") != set()
