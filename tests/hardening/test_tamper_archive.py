"""Attacks on a used data folder by someone with write access to its database (the ``sqlite3`` module,
triggers dropped and recreated), each on its own copy, and what reports them: ``audit verify`` (with
the off-desk checkpoint folder), ``verify --all``, ``verify FILE`` with the data folder, the desk at
start-up. The README's Reliability section lists the same attacks and results.

The used folder: three consents, a readiness check and a withdrawal sealed through the services, an
administrator, a nurse and a physician, checkpoints every 5 events signed with the hospital's seal
(the session's test PKI; the records are demonstrations) and copied to an off-desk folder (a temporary
folder standing for another server), and a last checkpoint after the newest record. The checks run
with the hospital's trust file installed (``CONSENT_DESK_TRUST``), as on a real desk.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from app.cli import main
from app.domain.errors import AccessDenied, StorageFailure
from app.services.archive import ArchiveService
from app.services.auth import AuthService
from app.services.context import open_context
from app.services.settings import SettingsService
from app.services.startup import start_desk
from app.storage.audit import event_hash
from app.storage.dialect import protection_problems

from .conftest import make_env, seal_consent
from tests.services.conftest import PASSWORDS, PATIENT, answer_all

BY_PHYSICIAN = {"witness_username": "dr.khalid", "witness_password": PASSWORDS["physician"]}


# The attacks are scripted with sqlite3 on a copy of the data folder: SQLite only. On PostgreSQL the
# tamper matrix, the immutability and the several-stations tests cover what an attacker could do.
pytestmark = pytest.mark.sqlite_only


@dataclass
class Used:
    data: Path
    offdesk: Path
    records: list[str]  # oldest first
    pdfs: dict[str, bytes]


@pytest.fixture(autouse=True)
def trust_file(pki, monkeypatch):
    """The hospital's trust file, installed by IT (outside the data folder)."""
    monkeypatch.setenv("CONSENT_DESK_TRUST", str(pki.trust_file))


@pytest.fixture(scope="module")
def used(tmp_path_factory, pki) -> Used:
    root = tmp_path_factory.mktemp("tamper")
    offdesk = root / "other-server"
    offdesk.mkdir()
    env = make_env(root / "data", pki=pki)
    try:
        SettingsService(env.ctx).update(env.admin, checkpoint_every=5, checkpoint_folder=str(offdesk))
        sealed = [seal_consent(env, seed=seed)[1] for seed in (1, 3, 5)]
        check = env.readiness_check()
        draft = check.start(env.nurse, sealed[0].record_id)
        answer_all(env, draft)
        check.reconfirm(env.nurse, draft)
        sealed.append(check.seal(env.nurse, draft))
        from app.services.demo import synthetic_signature
        from app.services.outcomes import OutcomesService

        sealed.append(OutcomesService(env.ctx).withdraw(
            env.nurse, sealed[1].record_id, patient_strokes=synthetic_signature(7),
            witness_strokes=synthetic_signature(8), **BY_PHYSICIAN))
        env.ctx.checkpoints.make(force=True)  # (unless the withdrawal's own commit just made it)
        env.ctx.checkpoints.deliver_pending()
        with env.ctx.db.transaction(read_only=True) as s:  # a checkpoint after the newest record
            assert s.execute(text("SELECT max(size) = (SELECT max(seq) FROM audit_events) "
                                  "FROM audit_checkpoints WHERE sent_to_folder_at IS NOT NULL")).scalar() == 1
        # From here on the folder is read only for the desk's copies (the auditor names it explicitly).
        SettingsService(env.ctx).update(env.admin, checkpoint_folder="")
    finally:
        env.ctx.close()
    return Used(root / "data", offdesk, [s.record_id for s in sealed], {s.record_id: s.pdf for s in sealed})


@pytest.fixture
def copy(used, tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(used.data, target)
    return target


# ------------------------------------------------------------------ the attacker's tools
def tamper(data: Path, *statements: tuple[str, tuple] | str) -> None:
    """Drop every trigger, run the statements, put the triggers back (as they were)."""
    con = sqlite3.connect(data / "consent.db")
    try:
        triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
        for name, _ in triggers:
            con.execute(f"DROP TRIGGER {name}")
        for statement in statements:
            sql, params = (statement, ()) if isinstance(statement, str) else statement
            con.execute(sql, params)
        for _, sql in triggers:
            con.execute(sql)
        con.commit()
    finally:
        con.close()


def rehash_chain_from(data: Path, first_seq: int) -> None:
    """Recompute every event hash from ``first_seq`` on (plain SHA-256: nothing secret)."""
    con = sqlite3.connect(data / "consent.db")
    try:
        for name, in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            con.execute(f"DROP TRIGGER {name}")
        prev = con.execute("SELECT hash FROM audit_events WHERE seq = ?", (first_seq - 1,)).fetchone()[0]
        rows = con.execute("SELECT seq, at, actor, action, subject, details_json FROM audit_events WHERE seq >= ? "
                           "ORDER BY seq", (first_seq,)).fetchall()
        for seq, at, actor, action, subject, details in rows:
            new = event_hash(seq=seq, at=at, actor=actor, action=action, subject=subject,
                             details=json.loads(details) if details else None, prev_hash=prev)
            con.execute("UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, new, seq))
            prev = new
        con.commit()
    finally:
        con.close()
    reinstall(data)


def reinstall(data: Path) -> None:
    from app.storage.database import Database
    from app.storage.dialect import install_immutability_triggers

    db = Database.for_data_dir(data)
    try:
        with db.engine.begin() as conn:
            install_immutability_triggers(conn)
    finally:
        db.close()


def one(data: Path, sql: str, *params):
    con = sqlite3.connect(data / "consent.db")
    try:
        return con.execute(sql, params).fetchone()
    finally:
        con.close()


# ------------------------------------------------------------------ the checks, as an operator runs them
def cli(capsys, monkeypatch, data: Path, *args: str, stdin: str = "") -> tuple[int, list[str], str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["--data-dir", str(data), *args])
    out = capsys.readouterr()
    return code, out.out.splitlines(), out.err


def audit_verify(capsys, monkeypatch, used: Used, data: Path) -> tuple[int, list[str]]:
    code, lines, err = cli(capsys, monkeypatch, data, "audit", "verify", "--checkpoints", str(used.offdesk))
    assert "Traceback" not in err
    return code, lines


def problems(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("PROBLEM ")]


def test_the_untouched_copy_proves_itself_up_to_its_last_event(used, copy, capsys, monkeypatch):
    events = one(copy, "SELECT max(seq) FROM audit_events")[0]
    code, lines = audit_verify(capsys, monkeypatch, used, copy)
    assert code == 0, lines
    assert lines[-1].startswith(f"OK {events} events, 5 records, 3 accounts; proven off the desk up to event ")
    code, lines, _ = cli(capsys, monkeypatch, copy, "verify", "--all")
    assert code == 0 and lines[-1].startswith("OK 5 records: 5 valid, 0 invalid; levels: B-B demonstration 5;")


def test_record_json_edited_beside_its_seal(used, copy, capsys, monkeypatch):
    """A level added and the physician's name changed in records.record_json."""
    rid = used.records[0]
    record = json.loads(one(copy, "SELECT record_json FROM records WHERE record_id = ?", rid)[0])
    record["procedure"]["levels"].append("L2")
    record["staff"]["physician"]["name"] = "د. منتحل"
    tamper(copy, ("UPDATE records SET record_json = ? WHERE record_id = ?",
                  (json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")), rid)))
    code, lines, _ = cli(capsys, monkeypatch, copy, "verify", "--all")
    assert code == 1
    line = next(x for x in lines if x.startswith(f"INVALID {rid}"))
    assert "stored_record_mismatch" in line and "procedure.levels" in line and "staff.physician.name" in line
    code, lines = audit_verify(capsys, monkeypatch, used, copy)
    assert code == 1 and any(f"record {rid}: " in p and "procedure.levels" in p for p in problems(lines))
    # The desk shows the sealed record, not the edited copy, and flags it.
    ctx = open_context(copy)
    try:
        admin = AuthService(ctx).login("admin.omar", PASSWORDS["admin"])
        view = ArchiveService(ctx).open_record(admin, rid)
        assert view.record["procedure"]["levels"] == ["T12", "L1"] and not view.matches_seal
    finally:
        ctx.close()


def test_record_json_and_its_hash_edited_together(used, copy, capsys, monkeypatch):
    rid = used.records[2]
    text = one(copy, "SELECT record_json FROM records WHERE record_id = ?", rid)[0].replace('"T12"', '"T11"')
    tamper(copy, ("UPDATE records SET record_json = ?, record_sha256 = ? WHERE record_id = ?",
                  (text, hashlib.sha256(text.encode()).hexdigest(), rid)))
    code, lines, _ = cli(capsys, monkeypatch, copy, "verify", "--all")
    line = next(x for x in lines if x.startswith(f"INVALID {rid}"))
    assert code == 1 and "stored_record_mismatch" in line
    code, lines = audit_verify(capsys, monkeypatch, used, copy)
    found = [p for p in problems(lines) if f"record {rid}: " in p]
    assert code == 1 and any("record_sha256" in p and "procedure.levels" in p for p in found), lines


def test_audit_event_edited_and_chain_recomputed(used, copy, capsys, monkeypatch):
    """An early event changed, every later hash recomputed, the newest record's audit_head rewritten."""
    tamper(copy, "UPDATE audit_events SET actor = 'someone.else' WHERE seq = 4")
    rehash_chain_from(copy, 4)
    newest = used.records[-1]
    record = json.loads(one(copy, "SELECT record_json FROM records WHERE record_id = ?", newest)[0])
    seq = one(copy, "SELECT seq FROM audit_events WHERE action = 'record.sealed' AND subject = ?", newest)[0]
    record["audit_head"] = one(copy, "SELECT hash FROM audit_events WHERE seq = ?", seq - 1)[0]
    tamper(copy, ("UPDATE records SET record_json = ? WHERE record_id = ?",
                  (json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")), newest)))
    code, lines = audit_verify(capsys, monkeypatch, used, copy)
    found = problems(lines)
    assert code == 1
    # Every record carries the old head in its sealed PDF, and every checkpoint disagrees.
    for rid in used.records:
        assert any(f"record {rid}: " in p and "audit head in its sealed PDF" in p for p in found), rid
    assert any("other-server" in p and "the log was rewritten" in p for p in found)
    assert any("(database)" in p and "the log was rewritten" in p for p in found)
    assert lines[-1].startswith("BROKEN ")


def test_a_record_deleted_from_the_middle(used, copy, capsys, monkeypatch, tmp_path):
    rid = used.records[2]
    tamper(copy, ("DELETE FROM records WHERE record_id = ?", (rid,)))
    code, lines = audit_verify(capsys, monkeypatch, used, copy)
    assert code == 1 and any(f"record {rid}: " in p and "not in the archive" in p for p in problems(lines))
    kept = tmp_path / "patient-copy.pdf"  # the copy the patient took home
    kept.write_bytes(used.pdfs[rid])
    code, lines, _ = cli(capsys, monkeypatch, copy, "verify", "--demo", str(kept))  # a demonstration record
    assert code == 0 and lines[0] == f"VALID {rid} (not in this archive) (demonstration seal)"


def test_the_newest_record_deleted_with_its_audit_tail(used, copy, capsys, monkeypatch, tmp_path):
    """Record, its events and the database's later checkpoints gone: only the off-desk copy knows."""
    rid = used.records[-1]
    seq = one(copy, "SELECT seq FROM audit_events WHERE action = 'record.sealed' AND subject = ?", rid)[0]
    tamper(copy, ("DELETE FROM records WHERE record_id = ?", (rid,)),
           ("DELETE FROM audit_events WHERE seq >= ?", (seq,)),
           ("DELETE FROM audit_checkpoints WHERE size >= ?", (seq,)))
    code, lines = audit_verify(capsys, monkeypatch, used, copy)
    assert code == 1
    assert any("other-server" in p and f"events {seq}.." in p and "were removed" in p for p in problems(lines))
    kept = tmp_path / "withdrawal.pdf"
    kept.write_bytes(used.pdfs[rid])
    code, lines, _ = cli(capsys, monkeypatch, copy, "verify", "--demo", str(kept))
    assert lines[0] == f"VALID {rid} (not in this archive) (demonstration seal)"


def test_a_tail_rewritten_after_the_newest_off_desk_checkpoint_is_named_as_unproven(used, copy, capsys,
                                                                                       monkeypatch):
    """What remains possible for a person with full control of the desk: events after the newest
    off-desk checkpoint can be rewritten. The report says up to where the log is proven."""
    newest = max(int(p.name.split("-")[-1].split(".")[0]) for p in used.offdesk.glob("checkpoint-*.json"))
    events = one(copy, "SELECT max(seq) FROM audit_events")[0]
    assert events > newest
    tamper(copy, ("UPDATE audit_events SET actor = 'someone.else' WHERE seq = ?", (events,)),
           ("DELETE FROM audit_checkpoints WHERE size > ?", (newest,)))
    rehash_chain_from(copy, events)
    code, lines = audit_verify(capsys, monkeypatch, used, copy)
    assert code == 0 and f"proven off the desk up to event {newest} " in lines[-1], lines


def test_a_nurse_made_administrator(used, copy, capsys, monkeypatch):
    """UPDATE users SET role='admin': refused at sign-in, named at start-up and by audit verify; the
    nurse can therefore not add a physician to seal as."""
    tamper(copy, "UPDATE users SET role = 'admin' WHERE username = 'nurse.sara'")
    ctx = open_context(copy)
    try:
        assert start_desk(ctx, background=False) == ["nurse.sara"]
        with pytest.raises(AccessDenied) as refused:
            AuthService(ctx).login("nurse.sara", PASSWORDS["nurse"])
        assert refused.value.code == "account_unresolved"
    finally:
        ctx.close()
    code, lines, err = cli(capsys, monkeypatch, copy, "users", "add", "--username", "dr.fake", "--role", "physician",
                           "--name-ar", "خالد", "--user", "nurse.sara", "--password-stdin",
                           stdin=f"{PASSWORDS['nurse']}\nFake-Doctor-2026\n")
    assert code == 2 and "outside the program" in err
    code, lines = audit_verify(capsys, monkeypatch, used, copy)
    assert code == 1 and "PROBLEM account nurse.sara: role differ(s) from its last audited change; refused until an " \
                         "administrator resolves it" in lines
    # An administrator resolves it (audited); the nurse is a nurse again and signs in.
    code, lines, _ = cli(capsys, monkeypatch, copy, "users", "resolve", "nurse.sara", "--user", "admin.omar",
                         "--password-stdin", stdin=PASSWORDS["admin"] + "\n")
    assert code == 0 and lines == ["RESOLVED nurse.sara: role"]
    ctx = open_context(copy)
    try:
        assert AuthService(ctx).login("nurse.sara", PASSWORDS["nurse"]).role == "nurse"
    finally:
        ctx.close()


def test_a_physicians_password_hash_swapped(used, copy, capsys, monkeypatch):
    tamper(copy, "UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE username = "
                       "'nurse.sara') WHERE username = 'dr.khalid'")
    ctx = open_context(copy)
    try:
        with pytest.raises(AccessDenied) as refused:  # the nurse's password no longer opens it
            AuthService(ctx).login("dr.khalid", PASSWORDS["nurse"])
        assert refused.value.code == "account_unresolved"
    finally:
        ctx.close()
    code, lines = audit_verify(capsys, monkeypatch, used, copy)
    assert code == 1 and any(p.startswith("PROBLEM account dr.khalid: password differ(s)") for p in lines)
    # Resolving needs a new password (the old hash cannot be recovered from its digest).
    code, lines, _ = cli(capsys, monkeypatch, copy, "users", "resolve", "dr.khalid", "--user", "admin.omar",
                         "--password-stdin", stdin=f"{PASSWORDS['admin']}\nBrand-New-Doctor-77\n")
    assert code == 0 and lines == ["RESOLVED dr.khalid: password"]
    code, lines = audit_verify(capsys, monkeypatch, used, copy)
    assert code == 0, lines


def test_an_account_inserted_behind_the_programs_back(used, copy, capsys, monkeypatch):
    tamper(copy, "INSERT INTO users (username, role, name_ar, password_hash, active, failed_logins, is_demo, "
                 "created_at) SELECT 'dr.ghost', 'physician', 'طبيب', password_hash, 1, 0, 0, created_at FROM users "
                 "WHERE username = 'nurse.sara'")
    code, lines = audit_verify(capsys, monkeypatch, used, copy)
    assert code == 1 and any(p.startswith("PROBLEM account dr.ghost: not created through the program") for p in lines)


def test_a_patients_name_changed_in_the_index(used, copy, capsys, monkeypatch, tmp_path):
    """The patients table is an index: search, the export's index sheet and manifest show the sealed name."""
    tamper(copy, ("UPDATE patients SET name_ar = 'اسم مزور' WHERE mrn = ?", (PATIENT["mrn"],)))
    signed = ("--user", "admin.omar", "--password-stdin")
    code, lines, _ = cli(capsys, monkeypatch, copy, "archive", "search", PATIENT["mrn"], *signed,
                         stdin=PASSWORDS["admin"] + "\n")
    assert code == 0 and lines and all(line.split("\t")[4] == PATIENT["name_ar"] for line in lines)
    out, manifest = tmp_path / "x.pdf", tmp_path / "x.csv"
    code, lines, _ = cli(capsys, monkeypatch, copy, "archive", "export", "--from", "2026-01-01", "--to",
                         "2026-12-31", "--out", str(out), "--manifest", str(manifest), *signed,
                         stdin=PASSWORDS["admin"] + "\n")
    assert code == 0, lines
    with open(manifest, encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {r["patient"] for r in rows} == {PATIENT["name_ar"]}
    import pypdfium2

    first_page = pypdfium2.PdfDocument(str(out))[0].get_textpage().get_text_range()
    assert "مزور" not in first_page


def test_a_pdf_changed_at_rest_still_fails(used, copy, capsys, monkeypatch):
    rid = used.records[1]
    pdf = used.pdfs[rid]
    tamper(copy, ("UPDATE records SET pdf = ? WHERE record_id = ?", (pdf[:-300] + b"X" + pdf[-299:], rid)))
    code, lines, _ = cli(capsys, monkeypatch, copy, "verify", "--all")
    assert code == 1 and any(line.startswith(f"INVALID {rid}: ") for line in lines)


def test_a_missing_or_altered_trigger_stops_the_desk(used, copy, capsys, monkeypatch):
    con = sqlite3.connect(copy / "consent.db")
    con.execute("DROP TRIGGER trg_records_no_update")
    con.execute("DROP TRIGGER trg_audit_events_no_delete")
    con.execute("CREATE TRIGGER trg_audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT 1; END")
    con.commit()
    con.close()
    with pytest.raises(StorageFailure) as stopped:  # the desk and every command refuse to start
        open_context(copy)
    assert stopped.value.code == "protection_missing" and "trg_audit_events_no_delete" in stopped.value.message()
    code, lines, err = cli(capsys, monkeypatch, copy, "archive", "search", "x", "--user", "admin.omar",
                           "--password-stdin", stdin=PASSWORDS["admin"] + "\n")
    assert code == 2 and len(err.splitlines()) == 1 and "audit protect" in err
    code, lines = audit_verify(capsys, monkeypatch, used, copy)
    found = problems(lines)
    assert code == 1 and "PROBLEM protection database: the trigger trg_records_no_update is missing" in found
    assert "PROBLEM protection database: the trigger trg_audit_events_no_delete was changed" in found
    code, lines, _ = cli(capsys, monkeypatch, copy, "audit", "protect", "--user", "admin.omar", "--password-stdin",
                         stdin=PASSWORDS["admin"] + "\n")
    assert code == 0 and lines[0].startswith("PROTECTED ")
    ctx = open_context(copy)
    ctx.close()


def test_a_crafted_backup_without_triggers_is_restored_with_all_of_them(used, copy, capsys, monkeypatch, tmp_path):
    signed = ("--user", "admin.omar", "--password-stdin")
    backup = tmp_path / "backup.db"
    code, lines, _ = cli(capsys, monkeypatch, copy, "backup", "--out", str(backup), *signed,
                         stdin=PASSWORDS["admin"] + "\n")
    assert code == 0, lines
    con = sqlite3.connect(backup)
    for name, in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        con.execute(f"DROP TRIGGER {name}")
    con.commit()
    con.close()
    target = tmp_path / "restored"
    code, lines, err = cli(capsys, monkeypatch, target, "restore", "--from", str(backup), "--checkpoints",
                           str(used.offdesk), *signed, stdin=PASSWORDS["admin"] + "\n")
    assert code == 0, err
    assert lines[0].startswith(f"RESTORED {target}") and "proven off the desk" in lines[0]
    from app.storage.database import Database

    db = Database.for_data_dir(target)
    try:
        with db.engine.connect() as conn:
            assert protection_problems(conn) == []
    finally:
        db.close()


def test_a_crafted_backup_with_an_edited_record_is_refused_and_leaves_nothing(used, copy, capsys, monkeypatch,
                                                                               tmp_path):
    signed = ("--user", "admin.omar", "--password-stdin")
    backup = tmp_path / "backup.db"
    assert cli(capsys, monkeypatch, copy, "backup", "--out", str(backup), *signed,
               stdin=PASSWORDS["admin"] + "\n")[0] == 0
    rid = used.records[0]
    text = one(copy, "SELECT record_json FROM records WHERE record_id = ?", rid)[0].replace('"T12"', '"T10"')
    con = sqlite3.connect(backup)
    con.execute("DROP TRIGGER trg_records_no_update")
    con.execute("UPDATE records SET record_json = ? WHERE record_id = ?", (text, rid))
    con.commit()
    con.close()
    target = tmp_path / "restored"
    code, lines, err = cli(capsys, monkeypatch, target, "restore", "--from", str(backup), *signed,
                           stdin=PASSWORDS["admin"] + "\n")
    assert code == 2 and len(err.splitlines()) == 1 and rid in err and "nothing was restored" in err
    assert not target.exists()
