"""Stations waking each other up (app.storage.notify): LISTEN/NOTIFY on PostgreSQL, delivered at the
writer's commit, never before; a lost notification connection falls back to polling and listens
again; on SQLite the listener only sleeps (stations poll)."""
from __future__ import annotations

import threading
import time

import pytest

from app.storage.database import Database
from app.storage.notify import Listener, notify


@pytest.mark.postgresql_only
def test_a_notification_wakes_the_listener_at_the_commit(database: Database, backend) -> None:
    listener = Listener(database)
    try:
        assert listener.wait(0.05) == [] and listener.listening
        committed = threading.Event()

        def writer() -> None:
            with database.transaction() as s:
                notify(s, station=7, handoff="h1", event="offered")
                time.sleep(0.3)  # not delivered before the commit
            committed.set()

        thread = threading.Thread(target=writer)
        started = time.monotonic()
        thread.start()
        got = listener.wait(5)
        elapsed = time.monotonic() - started
        thread.join()
        assert got == [{"station": 7, "handoff": "h1", "event": "offered"}]
        assert committed.is_set() and 0.25 < elapsed < 2.0
        # The server ends the listening connection: back to polling, then listening again.
        backend.server.terminate_connections(database.engine.url.database)
        assert listener.wait(0.2) == []
        assert not listener.listening
        deadline = time.monotonic() + 10
        while not listener.listening and time.monotonic() < deadline:
            listener.wait(0.2)
        assert listener.listening
        with database.transaction() as s:
            notify(s, event="again")
        assert listener.wait(5) == [{"event": "again"}]
    finally:
        listener.close()


@pytest.mark.sqlite_only
def test_on_sqlite_the_listener_waits_and_stations_poll(database: Database) -> None:
    listener = Listener(database)
    started = time.monotonic()
    with database.transaction() as s:
        notify(s, event="nothing to send")  # a no-op: SQLite has no notifications
    assert listener.wait(0.2) == [] and not listener.listening
    assert time.monotonic() - started >= 0.18
    listener.close()
