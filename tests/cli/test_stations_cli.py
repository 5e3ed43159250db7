"""Several stations from the command line, run as operators run it (subprocesses) against the
session's PostgreSQL server: ``--database``, ``station set/show/test`` (the password in the key
store or the data folder's pgpass file, never in the station file or the database), ``migrate --to``
(every record and the chain checked there, the folder untouched), TLS with the hospital's CA.
"""
from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path

import pytest

from tests.cli.test_cli import ADMIN, ADMIN_PASSWORD, SIGNED, assert_bad_input, first_admin, run
from tests.pg import ROLE, ROLE_PASSWORD, disable_tls, enable_tls

pytestmark = pytest.mark.postgresql


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def desk_folder(tmp_path_factory):
    """A one-desk SQLite data folder with an administrator, three sealed records and a draft."""
    base = tmp_path_factory.mktemp("one-desk")
    data = base / "data"
    assert first_admin(data).returncode == 0
    done = run("demo", "--out", str(base / "out"), "--count", "2", "--verification", data=data)
    assert done.returncode == 0, done.stderr
    return data


def no_password(url: str) -> str:
    return url.replace(f":{ROLE_PASSWORD}@", "@")


def test_migrate_copies_everything_checks_it_and_leaves_the_folder_untouched(desk_folder, pg_server, tmp_path):
    target = pg_server.url(pg_server.empty_database())
    before = digest(desk_folder)
    done = run("migrate", "--to", target, *SIGNED, data=desk_folder, stdin=ADMIN_PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("MIGRATED 4 records") and "PostgreSQL" in lines[0]
    assert lines[1].startswith("CHECKED 4/4 records verify; audit chain intact")
    assert ROLE_PASSWORD not in done.stdout + done.stderr
    assert digest(desk_folder) == before  # not one byte of the folder changed
    # The server's copy is the archive now: every record verifies, the chain walks.
    verify = run("--database", target, "verify", "--all", data=desk_folder)
    assert verify.returncode == 0 and verify.stdout.splitlines()[-1].startswith("OK 4 records: 4 valid, 0 invalid;")
    audit = run("--database", target, "audit", "verify", data=desk_folder)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    search = run("--database", target, "archive", "search", "فاطمة", *SIGNED, data=desk_folder,
                 stdin=ADMIN_PASSWORD + "\n")
    assert search.returncode == 0 and len(search.stdout.splitlines()) >= 2, search.stderr
    # A second migration into a database that holds data: refused, one line.
    again = run("migrate", "--to", target, *SIGNED, data=desk_folder, stdin=ADMIN_PASSWORD + "\n")
    assert "already holds data" in assert_bad_input(again)
    assert digest(desk_folder) == before


def test_migrate_needs_an_administrator_of_the_folder(desk_folder, pg_server):
    name = pg_server.empty_database()
    wrong = run("migrate", "--to", pg_server.url(name), *SIGNED, data=desk_folder, stdin="not-the-password\n")
    assert_bad_input(wrong)
    assert pg_server.admin_sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", name)[0][0] == 0
    unsigned = run("migrate", "--to", pg_server.url(name), data=desk_folder)
    assert "--user" in assert_bad_input(unsigned)


def test_station_set_keeps_the_password_out_of_the_station_file(pg_server, tmp_path):
    url = pg_server.url(pg_server.fresh_database())
    station = tmp_path / "tablet-1"
    done = run("station", "set", "--name", "Tablet 1", "--kind", "tablet", "--database", no_password(url),
               "--password-stdin", data=station, stdin=ROLE_PASSWORD + "\n", timeout=60)
    assert done.returncode == 0, done.stderr
    text = (station / "station.json").read_text(encoding="utf-8")
    assert ROLE_PASSWORD not in text and json.loads(text) == {
        "name": "Tablet 1", "kind": "tablet", "database": no_password(url)}
    assert stat.S_IMODE((station / "station.json").stat().st_mode) == 0o600
    # No OS key store on this machine: the data folder's pgpass file (0600), libpq's own format.
    assert "PASSWORD kept in" in done.stdout
    pgpass = station / "pgpass"
    if pgpass.exists():
        assert stat.S_IMODE(pgpass.stat().st_mode) == 0o600
        assert pgpass.read_text().strip().endswith(f":{ROLE}:{ROLE_PASSWORD}")
    shown = run("station", "show", data=station)
    assert shown.stdout.startswith("STATION Tablet 1\ttablet\tpostgresql+psycopg://consent@127.0.0.1:")
    tested = run("station", "test", data=station)
    assert tested.returncode == 0 and tested.stdout.startswith("CONNECTED PostgreSQL"), tested.stderr
    assert "database ready" in tested.stdout
    # The password is nowhere in the database either.
    name = url.rsplit("/", 1)[1]
    settings = pg_server.admin_sql("SELECT value_json FROM settings", name)
    assert not any(ROLE_PASSWORD in row[0] for row in settings)


def test_the_os_key_store_is_used_where_there_is_one(pg_server, tmp_path, key_store):
    """A key store backend (in memory here; the Secret Service, Keychain or Credential Manager on a
    real desk): the password goes there, no pgpass file is written, and connecting finds it."""
    from app.services.connection import open_database, store_password

    url = no_password(pg_server.url(pg_server.fresh_database()))
    assert store_password(url, ROLE_PASSWORD, tmp_path) == "key store"
    assert list(key_store.values()) == [ROLE_PASSWORD] and not (tmp_path / "pgpass").exists()
    db = open_database(url, tmp_path)
    try:
        assert db.check_connection()
    finally:
        db.close()


def test_database_problems_are_one_clear_line(pg_server, tmp_path):
    data = tmp_path / "d"
    bad_url = run("--database", "mysql://x@y/z", "audit", "verify", data=data)
    assert "PostgreSQL" in assert_bad_input(bad_url)
    nobody = run("--database", f"postgresql://{ROLE}:{ROLE_PASSWORD}@127.0.0.1:9/none", "audit", "verify", data=data)
    assert "cannot be reached" in assert_bad_input(nobody)
    wrong = run("--database", pg_server.url("postgres").replace(ROLE_PASSWORD, "wrong-password"), "audit", "verify",
                data=data)
    assert "refused the sign-in" in assert_bad_input(wrong)
    missing = run("--database", pg_server.url("no_such_database"), "audit", "verify", data=data)
    assert "no database of that name" in assert_bad_input(missing)
    assert not (data / "consent.db").exists()  # nothing fell back to SQLite


def test_tls_with_the_hospitals_ca(pg_server, tmp_path):
    """sslmode=verify-full: the server's certificate must chain to the hospital's CA and name the host."""
    from tests.pg import make_ca_and_server_cert

    ca = enable_tls(pg_server)
    try:
        other_ca, _, _ = make_ca_and_server_cert(tmp_path / "other")
        base = pg_server.url(pg_server.fresh_database()).replace("127.0.0.1", "localhost")
        good = run("--database", f"{base}?sslmode=verify-full&sslrootcert={ca}", "station", "test", data=tmp_path / "a")
        assert good.returncode == 0 and "database ready" in good.stdout, good.stderr
        from app.services.connection import open_database

        db = open_database(f"{base}?sslmode=verify-full&sslrootcert={ca}", tmp_path / "a")
        try:
            with db.engine.connect() as conn:
                row = conn.exec_driver_sql("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()").one()
            assert row[0] is True and row[1].startswith("TLSv1."), row
        finally:
            db.close()
        spoofed = run("--database", f"{base}?sslmode=verify-full&sslrootcert={other_ca}", "station", "test",
                      data=tmp_path / "b")
        assert "encrypted connection" in assert_bad_input(spoofed)
    finally:
        disable_tls(pg_server)
