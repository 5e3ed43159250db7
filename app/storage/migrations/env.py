"""Alembic environment: runs on the connection that ``Database.upgrade()`` passes in.

``config.attributes["connection"]`` is an open SQLAlchemy connection already inside a transaction
(and, on SQLite, with foreign keys switched off); the migrations run inside that transaction.
Developers generating a new revision can use ``alembic -c app/storage/alembic.ini revision ...``:
without a passed connection, the ``sqlalchemy.url`` option is opened through ``Database.open``.
"""
from __future__ import annotations

from alembic import context

from app.storage.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds the table
        # SQLite DDL is transactional once pysqlite's implicit COMMITs are off (app.storage.dialect),
        # so every step of an upgrade runs in the one transaction Database.upgrade() opened.
        transactional_ddl=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("run migrations through app.storage.database.Database.upgrade()")
    from app.storage.database import Database

    db = Database.open(url)
    try:
        with db.engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        db.close()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
