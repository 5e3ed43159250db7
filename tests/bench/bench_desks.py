"""Several desks sealing at once on one PostgreSQL database: 1, 2 and 4 processes, each a desk with
its own connection pool (and its own demonstration seal, made in memory), sealing consents continuously
for BENCH_DESKS_SECONDS (60 with BENCH_FULL=1; 4 in the normal suite).

Afterwards: every record verifies (its seal, its stored hashes), the audit chain is one unbroken
chain from genesis (no fork: each event's ``prev_hash`` is unique and links to the one before), every
record has its ``record.sealed`` event, no record is lost (each desk's list of what it sealed is in
the database) and none is duplicated. The figure is records per second for the whole hospital.

    BENCH_FULL=1 python -m pytest tests/bench/bench_desks.py -p no:randomly -s

What bounds it: the database's write lock. Every change is one transaction holding it (each step of
a consent, and its seal, which builds the record, draws and signs its PDF and appends its audit event
under it, since the record carries the hash of the newest audit event). Measured on one desk: 270 ms
of a consent's 335 ms are spent inside its 24 write transactions, so desks overlap only in the rest
and the total stays near one desk's rate however many desks there are; on this 2-core machine four
processes also compete for the CPU.
"""
from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest

FULL = os.environ.get("BENCH_FULL") == "1"
PASSWORD = "Bench-Physician-2026"
STAFF = (("bench.nurse", "nurse", "ممرضة المكتب"), ("bench.doctor", "physician", "طبيب المكتب"))


def _staff(ctx):
    """The nurse and the physician every desk signs in as (the same accounts at every desk)."""
    from app.domain.roles import Actor
    from app.storage import repositories as repo

    with ctx.db.transaction(read_only=True) as s:
        users = [repo.users.get_by_username(s, name) for name, _, _ in STAFF]
    return tuple(Actor(u.id, u.username, u.role, u.name_ar) for u in users)
SECONDS = float(os.environ.get("BENCH_DESKS_SECONDS", "60" if FULL else "4"))
DESKS = (1, 2, 4)


def desk(data_dir: str, url: str, seconds: float, start_at: float, out) -> None:  # pragma: no cover - child
    from app.services.context import open_context
    from app.services.demo import DemoService, synthetic_patient
    from app.storage.database import Database

    ctx = open_context(Path(data_dir), database=Database.open(url))
    demo = DemoService(ctx)
    nurse, physician = _staff(ctx)
    password = PASSWORD
    sealed: list[str] = []
    busy = 0
    n = os.getpid() * 10_000
    time.sleep(max(0.0, start_at - time.time()))
    stop = time.time() + seconds
    while time.time() < stop:
        n += 1
        try:
            sealed.append(demo.one_consent(nurse, physician, password, synthetic_patient(n, ctx.today()),
                                           seed=n).record_id)
        except Exception as exc:  # noqa: BLE001 - counted: a busy database is retried by the next loop
            if getattr(exc, "code", "") != "database_busy":
                out.put(("error", repr(exc)))
                break
            busy += 1
    ctx.close()
    out.put(("done", sealed, busy))


def run_desks(server, tmp_path: Path, count: int, seconds: float) -> dict:
    from app.services.context import open_context
    from app.storage.database import Database

    url = server.url(server.fresh_database())
    first = tmp_path / f"{count}-desk-0"
    ctx = open_context(first, database=Database.open(url))
    from app.services.users import UsersService

    for username, role, name_ar in STAFF:  # the accounts, before the desks start
        UsersService(ctx).add_from_operator(username=username, role=role, name_ar=name_ar, name_latin="",
                                            password=PASSWORD)
    ctx.close()  # demonstration consents: each desk seals them with a demonstration key of its own, in memory
    mp = multiprocessing.get_context("spawn")
    out = mp.Queue()
    start_at = time.time() + 8.0  # every process imported and connected before the clock starts
    procs = [mp.Process(target=desk, args=(str(tmp_path / f"{count}-desk-{i}"), url, seconds, start_at, out))
             for i in range(count)]
    for p in procs:
        p.start()
    results = [out.get(timeout=seconds + 300) for _ in procs]
    for p in procs:
        p.join(60)
    errors = [r for r in results if r[0] == "error"]
    assert not errors, errors
    sealed = [rid for r in results for rid in r[1]]
    return {"url": url, "sealed": sealed, "busy": sum(r[2] for r in results), "per_second": len(sealed) / seconds,
            "data_dir": first}


def check_everything(url: str, data_dir: Path, sealed: list[str]) -> None:
    from sqlalchemy import text

    from app.services.archive import ArchiveService
    from app.services.audit import AuditService
    from app.services.context import open_context
    from app.storage.database import Database

    ctx = open_context(data_dir, database=Database.open(url))
    try:
        with ctx.db.transaction(read_only=True) as s:
            stored = list(s.execute(text("SELECT record_id FROM records")).scalars())
            forks = s.execute(text("SELECT count(*) - count(DISTINCT prev_hash) FROM audit_events")).scalar()
            sealed_events = s.execute(text("SELECT count(*) FROM audit_events WHERE action = 'record.sealed'")).scalar()
        assert len(stored) == len(set(stored)), "a record stored twice"
        assert set(sealed) <= set(stored), "a record a desk sealed is missing"
        assert len(sealed) == len(set(sealed)), "a record id given twice"
        assert forks == 0 and sealed_events == len(stored)
        report = AuditService(ctx).verify_chain()
        assert report.ok, report
        checks = list(ArchiveService(ctx).verify_all_as_operator())
        assert checks and all(c.valid for c in checks), [c.line() for c in checks if not c.valid][:3]
    finally:
        ctx.close()


@pytest.mark.parametrize("count", DESKS)
def test_desks_sealing_at_once(bench_pg, tmp_path, count):
    figures = run_desks(bench_pg, tmp_path, count, SECONDS)
    print(f"\n[bench_desks] {count} desk(s) for {SECONDS:.0f} s: {len(figures['sealed'])} records, "
          f"{figures['per_second']:.2f} records/s, {figures['busy']} busy retries")
    assert figures["sealed"], "no record sealed"
    check_everything(figures["url"], figures["data_dir"], figures["sealed"])
