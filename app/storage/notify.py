"""Stations waking each other up: PostgreSQL ``LISTEN/NOTIFY``, polling where there is none.

A notification only says "look again" (a station id, a hand-off id, what happened: never patient
data); the database stays the authority, so a lost or late notification costs at most one polling
interval. ``notify`` is sent inside the writer's transaction and delivered at its commit.

:class:`Listener` keeps one connection of its own in autocommit mode with ``LISTEN``; ``wait(t)``
returns as soon as a notification arrives, else after ``t`` seconds. On SQLite, or while the
server cannot be reached, it simply sleeps ``t`` (the caller polls), and it listens again once the
server is back.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.storage import dialect

log = logging.getLogger(__name__)
CHANNEL = "consent_stations"


def notify(session: Session, **payload: Any) -> None:
    """Wake up listening stations when this transaction commits (PostgreSQL; a no-op on SQLite)."""
    if session.get_bind().dialect.name != dialect.POSTGRESQL:
        return
    session.execute(text("SELECT pg_notify(:channel, :payload)"),
                    {"channel": CHANNEL, "payload": json.dumps(payload, sort_keys=True)})


class Listener:
    """Wake-ups for one station. Not shared between threads."""

    def __init__(self, db, channel: str = CHANNEL) -> None:
        self._db = db
        self._channel = channel
        self._conn = None
        self._retry_at = 0.0
        self._closed = threading.Event()

    @property
    def listening(self) -> bool:
        return self._conn is not None

    def _connect(self) -> None:
        if self._db.dialect_name != dialect.POSTGRESQL or time.monotonic() < self._retry_at:
            return
        try:
            pooled = self._db.engine.raw_connection()  # the engine's connect arguments, password, timeouts
            conn = pooled.driver_connection
            pooled.detach()  # ours alone from now on, closed by close()
            conn.rollback()
            conn.autocommit = True
            conn.execute(f"LISTEN {self._channel}")
            self._conn = conn
        except Exception as exc:  # noqa: BLE001 - the server is away: poll, and try again later
            log.info("cannot listen for other stations (%s); polling", type(exc).__name__)
            self._conn = None
            self._retry_at = time.monotonic() + 5.0

    def wait(self, timeout: float) -> list[dict[str, Any]]:
        """The notifications that arrive within ``timeout`` seconds (returns at the first one)."""
        if self._closed.is_set():
            return []
        if self._conn is None:
            self._connect()
        if self._conn is None:
            self._closed.wait(timeout)
            return []
        found: list[dict[str, Any]] = []
        try:
            for note in self._conn.notifies(timeout=timeout, stop_after=1):
                found.append(_decode(note.payload))
            # More may have arrived together: take them without waiting.
            for note in self._conn.notifies(timeout=0.0):
                found.append(_decode(note.payload))
        except Exception as exc:  # noqa: BLE001 - connection lost: back to polling until it returns
            log.info("lost the notification connection (%s)", type(exc).__name__)
            self._drop()
            self._retry_at = time.monotonic() + 1.0
        return found

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except Exception:  # noqa: BLE001
                pass

    def close(self) -> None:
        self._closed.set()
        self._drop()


def _decode(payload: str) -> dict[str, Any]:
    try:
        value = json.loads(payload)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
