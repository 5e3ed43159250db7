"""The installed program as a station of a shared database: the bundle, run from an empty environment
(no checkout, no virtual environment), against a real PostgreSQL server that the test starts. On Linux
its driver loads the system's libpq (packaging/bundle_rules.py leaves libpq to Debian's libpq5), so
this is the only test where the program a hospital installs signs in to a server with a password over
TCP, migrates an empty database, seals, verifies and proves its audit log there.

Skipped without a bundle built from this checkout (the suite runs before ``.ci/bundle`` builds one);
``.ci/run`` runs it again after the bundle with CONSENT_DESK_BUNDLE_REQUIRED=1, where it must run.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.bundle import PROGRAM, ROOT, skip_unless_current

sys.path.insert(0, str(ROOT / "packaging"))  # the build scripts are scripts, not a package
from smoke_test import clean_environment  # noqa: E402


@pytest.mark.postgresql
def test_the_bundle_is_a_station_of_a_postgresql_database(pg_server, tmp_path):
    skip_unless_current()
    url = pg_server.url(pg_server.empty_database(), driver="postgresql")
    env = clean_environment(tmp_path / "home")
    data = ["--data-dir", str(tmp_path / "data"), "--database", url]

    def run(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([str(PROGRAM), *data, *args], env=env, cwd=tmp_path, capture_output=True, text=True,
                              encoding="utf-8", timeout=300)
        assert done.returncode == 0 and not done.stderr.strip(), (args, done.stdout, done.stderr)
        return done

    station = run("station", "test").stdout  # signed in with the role's password, over TCP
    assert station.startswith("CONNECTED PostgreSQL") and station.rstrip().endswith("database empty")
    sealed = [line.split("\t") for line in run("demo", "--out", str(tmp_path / "out"), "--count", "2",
                                                "--verification").stdout.splitlines()]
    assert len(sealed) == 4 and {rid[:2] for rid, _ in sealed} == {"CR", "PV"}
    for _, pdf in sealed:
        assert run("verify", "--demo", pdf).stdout.startswith("VALID ")
    assert run("audit", "verify", "--demo").stdout.strip().splitlines()[-1].startswith("OK ")
    assert run("station", "test").stdout.rstrip().endswith("database ready")  # migrated by the bundle
    # The records are in the server's database, not in a SQLite file beside the data folder.
    assert pg_server.admin_sql("SELECT count(*) FROM records", database=url.rsplit("/", 1)[1]) == [(4,)]
    assert not (tmp_path / "data" / "consent.db").exists()
