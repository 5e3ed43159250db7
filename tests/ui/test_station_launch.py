"""The program started as a station of a shared database, as `python main.py` starts it: which
database (``--database``, then ``CONSENT_DESK_DATABASE``, then the station file), the first screen of
each kind of station and the station in the title bar. Against the real PostgreSQL server the tests
start; each run is a process of its own (``CONSENT_DESK_EXIT_AFTER_SHOW=ready``)."""
from __future__ import annotations

import pytest

from app.services.connection import StationFile, store_password, write_station_file
from tests.pg import ROLE_PASSWORD

from tests.ui.test_launch import run

pytestmark = pytest.mark.postgresql


def start(tmp_path, *args: str, **env) -> str:
    done = run(f"from app.cli import main; print('RC', main({['--data-dir', str(tmp_path / 'data'), *args]!r}))",
               tmp_path, CONSENT_DESK_EXIT_AFTER_SHOW="ready", **env)
    assert "RC 0" in done.stdout and "Traceback" not in done.stderr, done.stdout + done.stderr
    return done.stdout


def stations_in(server, database: str) -> list[tuple]:
    return server.admin_sql("SELECT name, kind FROM stations ORDER BY id", database)


def test_a_patient_tablet_from_its_station_file(tmp_path, pg_server):
    name = pg_server.fresh_database()
    url = pg_server.url(name, password=False) + "?sslmode=disable"
    store_password(url, ROLE_PASSWORD, tmp_path / "data")  # no key store here (no_key_store): the pgpass file
    write_station_file(tmp_path / "data", StationFile("Tablet A", "tablet", url))
    out = start(tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    assert "ready TabletWindow\n" in out
    assert "title مكتب الموافقات — \u2068Tablet A\u2069 (جهاز لوحي للمريض)\n" in out, out
    assert stations_in(pg_server, name) == [("Tablet A", "tablet")]
    assert not (tmp_path / "data" / "consent.db").exists()  # nothing of the records on this computer


def test_a_desk_on_the_database_the_environment_names(tmp_path, pg_server):
    name = pg_server.empty_database()  # the hospital's new database: the first station creates the tables
    out = start(tmp_path, CONSENT_DESK_DATABASE=pg_server.url(name))
    assert "ready FirstRunPage\n" in out  # a new hospital database: the first desk sets up the institution
    assert "(مكتب)\n" in out.split("title ", 1)[1], out
    assert [kind for _, kind in stations_in(pg_server, name)] == ["desk"]
    assert not (tmp_path / "data" / "consent.db").exists()


def test_the_command_line_option_wins_over_the_environment(tmp_path, pg_server):
    name = pg_server.fresh_database()
    out = start(tmp_path, "--database", pg_server.url(name),
                CONSENT_DESK_DATABASE=pg_server.url("no_such_database"))
    assert "ready FirstRunPage\n" in out
    assert [kind for _, kind in stations_in(pg_server, name)] == ["desk"]
