"""The command line of the archive: search (new index), export, verify --all."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

ROOT = Path(__file__).resolve().parents[2]


ADMIN_PASSWORD = "Admin-Console-55"
SIGNED = ("--user", "admin.cli", "--password-stdin")


def run(*args: str, data: Path, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "CONSENT_DESK_DATA": str(data), "PYTHONPATH": str(ROOT)}
    if "--password-stdin" in args and not stdin:
        stdin = ADMIN_PASSWORD + "\n"
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=600, input=stdin)


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory):
    base = tmp_path_factory.mktemp("archive-cli")
    data = base / "data"
    assert run("users", "add", "--username", "admin.cli", "--role", "admin", "--name-ar", "عمر",
               "--password-stdin", data=data).returncode == 0
    result = run("demo", "--out", str(base / "out"), "--count", "3", data=data)
    assert result.returncode == 0, result.stderr
    ids = [line.split("\t")[0] for line in result.stdout.splitlines()]
    return data, ids


def test_search_by_mrn_with_letters_and_by_latin_word(archive_dir):
    data, ids = archive_dir
    result = run("archive", "search", "demo100001", *SIGNED, data=data)
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [r[3] for r in rows] == ["DEMO100001"] and rows[0][0] == ids[1] and len(rows[0]) == 6
    rows = [line.split("\t") for line in run("archive", "search", "ALOTAIBI", *SIGNED, data=data).stdout.splitlines()]
    assert {r[0] for r in rows} == {ids[1]}
    rows = run("archive", "search", "demo100001", "--status", "refused", *SIGNED, data=data).stdout
    assert rows == ""


def test_export_writes_pdf_and_manifest(archive_dir, tmp_path):
    data, ids = archive_dir
    out, manifest = tmp_path / "x.pdf", tmp_path / "x.csv"
    result = run("archive", "export", "--from", "2000-01-01", "--to", "2100-01-01", "--out", str(out),
                 "--manifest", str(manifest), *SIGNED, data=data)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("EXPORTED 3 records,") and f"MANIFEST {manifest}" in result.stdout
    assert "exporting" in result.stderr
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) > 3
    with open(manifest, encoding="utf-8-sig") as fh:
        assert [r["record_id"] for r in csv.DictReader(fh)] == ids
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.csv", "x.pdf"]


@pytest.mark.parametrize("args", [
    ("archive", "export", "--from", "2026-13-01", "--to", "2026-12-01", "--out", "{tmp}/a.pdf", *SIGNED),
    ("archive", "export", "--from", "2026-12-02", "--to", "2026-12-01", "--out", "{tmp}/a.pdf", *SIGNED),
    ("archive", "export", "--from", "2026-12-01", "--to", "2026-12-02", "--out", "{tmp}/missing/a.pdf", *SIGNED),
    ("archive", "export", "--from", "2026-12-01", "--out", "{tmp}/a.pdf", *SIGNED),
    ("archive", "export", "--from", "2026-12-01", "--to", "2026-12-02", "--out", "{tmp}/a.pdf"),  # no sign-in
    ("verify",),
    ("verify", "--all", "{tmp}/a.pdf"),
])
def test_bad_input_is_one_line_and_exit_2(archive_dir, tmp_path, args):
    data, _ = archive_dir
    result = run(*[a.replace("{tmp}", str(tmp_path)) for a in args], data=data)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr and list(tmp_path.iterdir()) == []


def test_verify_all(archive_dir):
    data, ids = archive_dir
    result = run("verify", "--all", data=data)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # demonstration records (so marked in the archive) verify as demonstrations, and say so
    assert lines[:-1] == [f"VALID {i} (demonstration seal)\tB-B no trusted time" for i in ids]
    assert lines[-1] == ("OK 3 records: 3 valid, 0 invalid; levels: B-B demonstration 3; signers: -; anchors: -; "
                         "trust file: none")


def test_verify_all_reports_a_broken_record(tmp_path):
    data = tmp_path / "data"
    assert run("demo", "--out", str(tmp_path / "out"), "--count", "2", data=data).returncode == 0
    import sqlite3


    con = sqlite3.connect(data / "consent.db")
    con.execute("DROP TRIGGER trg_records_no_update")  # an attacker with file access
    rid, pdf = con.execute("SELECT record_id, pdf FROM records ORDER BY signed_at LIMIT 1").fetchone()
    con.execute("UPDATE records SET pdf = ? WHERE record_id = ?", (pdf[:-200] + b"x" + pdf[-199:], rid))
    con.commit()
    con.close()
    result = run("verify", "--all", data=data)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(f"INVALID {rid}: ")
    assert result.stdout.splitlines()[-1].startswith("FAILED 2 records: 1 valid, 1 invalid; ")
