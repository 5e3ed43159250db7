"""Archive search over many records on PostgreSQL: at or under 50 ms a query, like SQLite, with
the same queries as bench_search (a rare middle name, a common first name with a spelling variant,
a one-letter prefix, two Latin prefixes, an MRN, a date range with a status), each the whole service
call with its audit event; and the plans checked with EXPLAIN: index ranges on the name words and the
covering indexes of the records, never a scan of ``records`` (which carries the sealed PDFs).

    BENCH_FULL=1 python -m pytest tests/bench/bench_search_postgresql.py --benchmark-enable -p no:randomly -s

The normal suite runs each once on BENCH_SIZE (2,000) records; BENCH_FULL=1 uses 100,000.
"""
from __future__ import annotations

import time

import pytest
from sqlalchemy import text

from app.domain.clock import FixedClock
from app.services.archive import ArchiveQuery, ArchiveService
from app.services.context import open_context
from app.storage.database import Database
from tests.bench.bench_search import ADMIN, FULL, SIZE, T0, bulk_archive


@pytest.fixture(scope="module")
def archive(tmp_path_factory, bench_pg):
    db = Database.open(bench_pg.url(bench_pg.fresh_database()))
    ctx = open_context(tmp_path_factory.mktemp("bench-search-pg") / "data", clock=FixedClock(T0), database=db)
    started = time.perf_counter()
    bulk_archive(ctx, SIZE)
    with ctx.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")  # as autovacuum would have, long before 100,000 records
    print(f"\n[bench_search_postgresql] inserted {SIZE} patients/records in {time.perf_counter() - started:.1f} s")
    yield ctx
    ctx.close()


QUERIES = {
    "middle_name": ArchiveQuery(text="مستور", limit=200),
    "common_variant": ArchiveQuery(text="فاطمه", limit=200),
    "one_letter": ArchiveQuery(text="م", limit=200),
    "two_latin_prefixes": ArchiveQuery(text="MASTOUR alz", limit=200),
    "mrn": ArchiveQuery(text=f"m{1_000_000 + SIZE // 2}"),
    "dates_and_status": ArchiveQuery(date_from="2026-11-20", date_to="2026-11-28", status="refused", sort="name",
                                     limit=100),
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_search_on_postgresql(benchmark, archive, name):
    service = ArchiveService(archive)
    query = QUERIES[name]
    service.find(ADMIN, query)  # warm the caches and the statement cache
    result = benchmark(service.find, ADMIN, query)
    if name == "middle_name":
        assert result.rows and all("مستور" in r.name_ar for r in result.rows)
    elif name == "common_variant":
        assert result.rows and all("فاطمة" in r.name_ar for r in result.rows)
    elif name == "mrn":
        assert [r.mrn for r in result.rows] == [f"M{1_000_000 + SIZE // 2}"]
    elif name == "dates_and_status":
        assert all(r.status == "refused" for r in result.rows)


@pytest.mark.parametrize("name", ["middle_name", "common_variant", "mrn", "two_latin_prefixes"])
def test_plans_use_the_indexes(archive, name):
    """EXPLAIN of the search statement: the name words by the primary key's range and records through
    their covering index, or, for a word thousands of patients share, the records walked newest first
    on their time index, each checked against the patient's words (SQLite's ``by_time``, chosen here by
    the planner); no sequential scan of records, patients or patient_words. The shown fields are read
    from each page row's record once (``json_to_record``)."""
    service = ArchiveService(archive)
    q = QUERIES[name]
    with archive.db.transaction(read_only=True) as s:
        stmt, params = service._statement(s, q, *service._check(q, False))
        sql = str(stmt.params(params).compile(archive.db.engine, compile_kwargs={"literal_binds": True}))
        plan = "\n".join(r[0] for r in s.execute(text("EXPLAIN " + sql)))
    print(f"\n[bench_search_postgresql] plan of {name}:\n{plan}")
    if name != "mrn":
        walked = "ix_records_signed_at_record_id" in plan and "ix_patient_words_patient_id" in plan
        assert ("pk_patient_words" in plan or walked) and "Seq Scan on patient_words" not in plan, plan
    assert "Function Scan on json_to_record" in plan and "Gather" not in plan, plan
    if FULL:  # on a few thousand rows the planner rightly scans; on 100,000 it must not
        for table in ("records", "patients", "patient_words"):
            assert f"Seq Scan on {table}" not in plan, plan
