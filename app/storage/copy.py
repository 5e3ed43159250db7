"""Copy every row of one database into another of the same schema revision, exactly.

Used to grow from one desk to several (a SQLite data folder into an empty PostgreSQL database,
``migrate --to``) and for PostgreSQL backups (the server's database into a single SQLite file that
``restore`` reads back into a data folder or into an empty server database).

* The source is read in one consistent snapshot (SQLite: one read transaction; PostgreSQL: a
  ``REPEATABLE READ, READ ONLY`` transaction), so desks may keep working during a backup.
* The target is written in one transaction: a failure leaves it as empty as it was.
* Values are copied as stored: the tables are reflected from the source, so timestamps travel as
  the exact text the audit chain hashed (never parsed and re-formatted), booleans and dates as
  values, PDFs as bytes. Tables go in foreign-key order; ``records`` that refer to other records
  come after them. On PostgreSQL each serial sequence is moved past the copied ids.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import MetaData, Table, func, inspect, select, text
from sqlalchemy.engine import Connection

from app.domain.errors import InvalidState, StorageFailure
from app.storage import dialect
from app.storage.database import Database, translated_errors

log = logging.getLogger(__name__)
BATCH = 200  # rows per INSERT batch (records carry their PDFs: ~100-300 kB each)
SKIP_TABLES = {"alembic_version"}


@dataclass(frozen=True)
class CopyReport:
    revision: str
    rows: dict[str, int]

    @property
    def records(self) -> int:
        return self.rows.get("records", 0)

    @property
    def audit_events(self) -> int:
        return self.rows.get("audit_events", 0)


def _tables(conn: Connection) -> list[Table]:
    meta = MetaData()
    meta.reflect(bind=conn)
    return [t for t in meta.sorted_tables if t.name not in SKIP_TABLES]


@contextmanager
def snapshot(db: Database) -> Iterator[Connection]:
    """A read-only connection that sees one moment of ``db`` for as long as it is open."""
    with translated_errors(), db.engine.connect() as raw:
        if db.dialect_name == dialect.POSTGRESQL:
            conn = raw.execution_options(isolation_level="REPEATABLE READ", **{dialect.READ_ONLY_OPTION: True})
        else:
            conn = raw.execution_options(**{dialect.SQLITE_BEGIN_OPTION: "DEFERRED"})
        with conn.begin():
            yield conn


def table_counts(conn: Connection) -> dict[str, int]:
    return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in _tables(conn)}


def is_empty(db: Database) -> bool:
    """No tables at all, or every table of the schema without a row."""
    with translated_errors(), db.engine.connect() as conn:
        names = [n for n in inspect(conn).get_table_names() if n not in SKIP_TABLES]
        if not names:
            return True
        return all(v == 0 for v in table_counts(conn).values())


def _record_order(conn: Connection, table: Table) -> list[list[str]]:
    """Record ids in waves: those referring to no record first, then those referring to them..."""
    refers = dict(conn.execute(select(table.c.record_id, table.c.refers_to)).all())
    depth: dict[str, int] = {}

    def level(rid: str) -> int:
        chain, current = [], rid
        while current is not None and current not in depth:
            chain.append(current)
            current = refers.get(current)
            if len(chain) > len(refers) + 1:
                raise StorageFailure("copy_failed", "records refer to each other in a loop")
        base = -1 if current is None else depth[current]
        for offset, item in enumerate(reversed(chain), start=1):
            depth[item] = base + offset
        return depth[rid]

    waves: dict[int, list[str]] = {}
    for rid in refers:
        waves.setdefault(level(rid), []).append(rid)
    return [sorted(waves[k]) for k in sorted(waves)]


def _rows(conn: Connection, table: Table) -> Iterator[list[dict]]:
    pk = list(table.primary_key.columns)
    if table.name == "records":
        for wave in _record_order(conn, table):
            for start in range(0, len(wave), BATCH):
                chunk = wave[start:start + BATCH]
                stmt = select(table).where(table.c.record_id.in_(chunk)).order_by(table.c.record_id)
                yield [dict(r._mapping) for r in conn.execute(stmt)]
        return
    stmt = select(table).order_by(*pk) if pk else select(table)
    batch: list[dict] = []
    for row in conn.execute(stmt.execution_options(yield_per=BATCH)):
        batch.append(dict(row._mapping))
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _advance_sequences(conn: Connection, tables: list[Table]) -> None:
    for table in tables:
        for column in table.primary_key.columns:
            seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                               {"t": table.name, "c": column.name}).scalar()
            if seq:
                conn.execute(text(f'SELECT setval(:seq, (SELECT coalesce(max("{column.name}"), 0) + 1 '
                                  f'FROM "{table.name}"), false)'), {"seq": seq})


def copy_database(source: Database, target: Database, *,
                  progress: Callable[[str, int], None] | None = None) -> CopyReport:
    """Copy every row of ``source`` into ``target`` (empty), bringing ``target`` to the source's
    schema revision first. Refuses a source of a revision this program does not know and a target
    that holds rows. Returns the rows copied per table."""
    revision = source.schema_revision()
    if revision is None:
        raise InvalidState("copy_source_empty", "the source holds no consent desk database")
    if revision not in source.revisions():
        raise StorageFailure("schema_too_new", f"the source database ({revision}) is newer than this program",
                             revision=revision)
    if not is_empty(target):
        raise InvalidState("copy_target_not_empty", "the target database already holds data; use an empty one")
    target.upgrade(revision)
    copied: dict[str, int] = {}
    with snapshot(source) as src, translated_errors(), target.engine.connect() as dst:
        with dst.begin():
            dialect.acquire_write_lock(dst)
            dst_tables = {t.name: t for t in _tables(dst)}
            for table in _tables(src):
                into = dst_tables.get(table.name)
                if into is None:
                    raise StorageFailure("copy_failed", f"the target has no table {table.name}")
                count = 0
                for batch in _rows(src, table):
                    dst.execute(into.insert(), batch)
                    count += len(batch)
                    if progress:
                        progress(table.name, count)
                copied[table.name] = count
            if dst.dialect.name == dialect.POSTGRESQL:
                _advance_sequences(dst, list(dst_tables.values()))
    log.info("copied %d rows in %d tables", sum(copied.values()), len(copied))
    return CopyReport(revision, copied)
