"""What someone with the database's own credentials could do behind the program's back.

On SQLite that is anyone who can write the file: drop the immutability triggers and edit. On
PostgreSQL it is anyone holding the role's password (the owner of the tables): disable the table's
triggers (``ALTER TABLE ... DISABLE TRIGGER USER``), edit, enable them again. The tests then check
that the audit chain, the records and the start-up checks notice.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from app.storage.database import Database


def edit_behind_the_program(db: Database, tables: tuple[str, ...] | list[str], *statements: str,
                            keep_triggers_off: bool = False) -> None:
    """Run ``statements`` with the immutability triggers of ``tables`` out of the way."""
    if db.dialect_name == "sqlite":
        con = sqlite3.connect(Path(db.engine.url.database))
        try:
            for table in tables:
                for what in ("no_update", "no_delete"):
                    con.execute(f"DROP TRIGGER IF EXISTS trg_{table}_{what}")
            for sql in statements:
                con.execute(sql)
            con.commit()
        finally:
            con.close()
        return
    with db.engine.begin() as conn:
        for table in tables:
            conn.exec_driver_sql(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        for sql in statements:
            conn.exec_driver_sql(sql)
        if not keep_triggers_off:
            for table in tables:
                conn.exec_driver_sql(f"ALTER TABLE {table} ENABLE TRIGGER USER")
