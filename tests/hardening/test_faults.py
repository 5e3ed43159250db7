"""Faults around the seal: a full disk, a read-only folder, a locked database, a missing or corrupt
certificate, a corrupt form file, a network share. Each gives a typed error with a code the desk
translates, the draft (the work in progress) is kept, and nothing half-written remains."""
from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path

import pytest
from sqlalchemy import event

from app.domain.errors import ConsentError, InvalidInput, NotFound, StorageFailure
from app.services.context import open_context
from app.services.seal import keeper as seal_keeper
from app.storage.database import Database
from app.storage.location import NETWORK_FILESYSTEMS

from tests.backends import copy_station, database_for, hold_write_lock, url_of
from tests.pki import SEAL_PASSPHRASE

from .conftest import PATIENT, make_env, plan, ready_to_seal, record_count, remount, tmpfs
from .invariants import check_folder

FORMS = Path(__file__).resolve().parents[2] / "forms"


def assert_kept(env, draft_id: str, records_before: int, check_seal: bool = True) -> None:
    """The draft is still open and loads; no record was added; the folder passes every check."""
    draft = env.desk().load(env.nurse, draft_id)
    assert draft.signatures  # the signatures collected before the fault are still there
    assert record_count(env) == records_before
    check_folder(env.ctx.data_dir, check_seal=check_seal)


def clear_message(exc: ConsentError) -> None:
    text = exc.message()
    assert text and "\n" not in text and "Traceback" not in text
    assert exc.code and exc.code not in ("error", "storage_failure"), exc.code


# --------------------------------------------------------------------------- disk full

class PageLimit:
    """``PRAGMA max_page_count`` on every connection checkout: a database that cannot grow."""

    def __init__(self, db: Database) -> None:
        self.limit: int | None = None

        @event.listens_for(db.engine, "checkout")
        def _apply(dbapi_connection, record, proxy) -> None:
            cur = dbapi_connection.cursor()
            cur.execute(f"PRAGMA max_page_count = {self.limit or 1073741823}")
            cur.close()

    def fill(self, env) -> None:
        with env.ctx.db.engine.connect() as conn:
            self.limit = conn.exec_driver_sql("PRAGMA page_count").scalar_one() + 2
            conn.rollback()


@pytest.mark.sqlite_only
def test_disk_full_while_sealing_keeps_the_draft(tmp_path):
    data = tmp_path / "data"
    db = Database.for_data_dir(data)
    limit = PageLimit(db)
    env = make_env(data)
    env.ctx.db.close()
    env.ctx = open_context(data, clock=env.clock, database=db)
    try:
        draft_id = ready_to_seal(env)
        env.desk().seal(env.nurse, ready_to_seal(env))  # the seal certificate exists, one record stored
        before = record_count(env)
        limit.fill(env)
        with pytest.raises(StorageFailure) as info:
            env.desk().seal(env.nurse, draft_id)
        assert info.value.code == "disk_full"
        clear_message(info.value)
        limit.limit = None  # space freed: the same draft seals
        assert_kept(env, draft_id, before)
        env.desk().seal(env.nurse, draft_id)
        assert record_count(env) == before + 1
    finally:
        env.ctx.close()
    check_folder(data)


def test_the_demonstration_key_is_never_written(tmp_path):
    """A demonstration seals with a key made in memory: nothing of it reaches the data folder, so a
    copy of the folder cannot seal anything (and there is no first-run key file to lose)."""
    env = make_env(tmp_path / "data")
    try:
        sealed = env.desk().seal(env.nurse, ready_to_seal(env))
        assert sealed.record_id
    finally:
        env.ctx.close()
    for path in (tmp_path / "data").rglob("*"):
        if path.is_file():
            assert b"PRIVATE KEY" not in path.read_bytes(), path
    assert not (tmp_path / "data" / "seal").exists()
    check_folder(tmp_path / "data")


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_real_full_disk_on_a_tmpfs(tmp_path):
    """A real ENOSPC from the kernel (root only: a 4 MB tmpfs, filled up before the seal)."""
    mount = tmp_path / "small"
    with tmpfs(mount):
        data = mount / "data"
        env = make_env(data)
        try:
            env.desk().seal(env.nurse, ready_to_seal(env))
            draft_id = ready_to_seal(env)
            before = record_count(env)
            filler = mount / "filler"
            with open(filler, "wb") as fh:
                try:
                    while True:
                        fh.write(b"\0" * 65536)
                        fh.flush()
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
            with pytest.raises(StorageFailure) as info:
                env.desk().seal(env.nurse, draft_id)
            assert info.value.code == "disk_full", info.value.message()
            filler.unlink()
            assert_kept(env, draft_id, before)
            env.desk().seal(env.nurse, draft_id)
        finally:
            env.ctx.close()
        check_folder(data)


# --------------------------------------------------------------------------- read-only folder

@pytest.mark.sqlite_only
def test_read_only_data_folder(tmp_path):
    """The folder's file system turns read-only (root: a tmpfs remounted ro; others: chmod)."""
    mount = tmp_path / "ro"
    if os.geteuid() != 0:
        pytest.skip("covered as root (a file system remounted read-only)")
    with tmpfs(mount):
        data = mount / "data"
        env = make_env(data)
        env.desk().seal(env.nurse, ready_to_seal(env))
        draft_id = ready_to_seal(env)
        env.ctx.close()
        remount(mount, "ro")
        try:
            # Opening it: one typed error (the CLI prints one line, the desk translates the code).
            with pytest.raises(StorageFailure) as info:
                ctx = open_context(data)
                ctx.close()
            assert info.value.code in ("database_read_only", "data_dir_unusable"), info.value.message()
            clear_message(info.value)
        finally:
            remount(mount, "rw")
        env.ctx = open_context(data, clock=env.clock)
        try:
            assert_kept(env, draft_id, 1)
        finally:
            env.ctx.close()


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_read_only_folder_through_the_command_line(tmp_path, capsys):
    from app.cli import main

    if os.geteuid() != 0:
        pytest.skip("covered as root (a file system remounted read-only)")
    mount = tmp_path / "ro"
    with tmpfs(mount):
        data = mount / "data"
        make_env(data).ctx.close()
        remount(mount, "ro")
        try:
            code = main(["--data-dir", str(data), "audit", "verify"])
        finally:
            remount(mount, "rw")
    err = capsys.readouterr().err
    assert code == 2 and len(err.splitlines()) == 1 and "Traceback" not in err, err


# --------------------------------------------------------------------------- locked database

def test_locked_database_beyond_the_busy_timeout(tmp_path):
    data = tmp_path / "data"
    env = make_env(data)
    url = url_of(env.ctx.db)
    env.ctx.close()
    env.ctx = open_context(data, clock=env.clock, database=Database.open(url, busy_timeout_ms=200))
    try:
        env.desk().seal(env.nurse, ready_to_seal(env))
        draft_id = ready_to_seal(env)
        with hold_write_lock(env.ctx.db):  # another desk holds the write lock and does not let go
            with pytest.raises(StorageFailure) as info:
                env.desk().seal(env.nurse, draft_id)
            assert info.value.code == "database_busy"
            clear_message(info.value)
            with pytest.raises(StorageFailure):
                env.desk().add_question(env.nurse, draft_id, "سؤال أثناء القفل", "")
            # Reading still works while another desk writes (WAL): the draft is there.
            assert env.desk().load(env.nurse, draft_id).signatures
        assert_kept(env, draft_id, 1)
        env.desk().seal(env.nurse, draft_id)
    finally:
        env.ctx.close()


# --------------------------------------------------------------------------- certificates

def _self_made(seal: Path, pki) -> None:
    """What an attacker with the data folder could put there: their own key and certificate."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography import x509

    from app.documents.certificates import create_self_signed

    key_pem, cert_pem = create_self_signed("Test Hospital Seal", "Test Hospital")
    key = serialization.load_pem_private_key(key_pem, None)
    (seal / "institution.p12").write_bytes(pkcs12.serialize_key_and_certificates(
        b"seal", key, x509.load_pem_x509_certificate(cert_pem), None,
        serialization.BestAvailableEncryption(SEAL_PASSPHRASE.encode())))


CERT_FAULTS = {
    "p12_missing": (lambda seal, pki: (seal / "institution.p12").unlink(), "institution_seal_missing"),
    "p12_corrupt": (lambda seal, pki: (seal / "institution.p12").write_bytes(b"\x30\x82garbage"),
                    "certificate_unreadable"),
    "p12_self_made": (_self_made, "seal_not_trusted"),
    "p12_not_registered": (lambda seal, pki: (seal / "institution.p12").write_bytes(pki.new_seal("Copied In").p12),
                           "seal_not_registered"),
    "no_passphrase": (lambda seal, pki: None, "seal_locked"),
}


@pytest.fixture(scope="module")
def cert_template(tmp_path_factory, backend, pki):
    """A hospital's data folder (trust file, its seal) with one sealed real consent and a real
    draft ready to seal, copied for each fault."""
    from tests.services.conftest import approve_forms, set_phones, sign_all, start_discussed

    root = tmp_path_factory.mktemp("cert")
    env = make_env(root / "data", pki=pki)
    approve_forms(env)
    set_phones(env)
    first = start_discussed(env, demo=False)
    sign_all(env, first)
    env.desk().seal(env.nurse, first)
    draft_id = start_discussed(env, demo=False)
    sign_all(env, draft_id, seed=3)
    env.ctx.close()
    return root / "data", draft_id


QUICK_CERT_FAULTS = {"p12_missing", "p12_self_made", "p12_not_registered"}


@pytest.mark.parametrize("fault", [f if f in QUICK_CERT_FAULTS else pytest.param(f, marks=pytest.mark.slow)
                                   for f in sorted(CERT_FAULTS)])
def test_missing_or_foreign_institution_seal(fault, cert_template, tmp_path, pki, monkeypatch):
    template, draft_id = cert_template
    data = tmp_path / "data"
    copy_station(template, data)
    damage, code = CERT_FAULTS[fault]
    damage(data / "seal", pki)
    monkeypatch.setenv("CONSENT_DESK_TRUST", str(pki.trust_file))  # as IT would set it for the desk
    env = make_env(data, staff=())
    if fault != "no_passphrase":
        env.ctx.seal.unlock(SEAL_PASSPHRASE)
    from tests.services.conftest import STAFF
    from app.domain.roles import Actor
    with env.ctx.db.engine.connect() as conn:
        ids = dict(conn.exec_driver_sql("SELECT username, id FROM users").fetchall())
    env.staff = {k: Actor(ids[u], u, r, n) for k, (u, r, n) in STAFF.items() if u in ids}
    try:
        with pytest.raises(ConsentError) as info:
            env.desk().seal(env.nurse, draft_id)
        assert info.value.code == code, info.value.message()
        clear_message(info.value)
        assert_kept(env, draft_id, 1)
        if fault == "p12_not_registered":  # a key found in seal/ that is not the registered one: audited
            with env.ctx.db.engine.connect() as conn:
                assert conn.exec_driver_sql(
                    "SELECT count(*) FROM audit_events WHERE action = 'seal.refused'").scalar_one() == 1
        # Verification of the stored record needs no key: the trust file is enough.
        from app.services.archive import ArchiveService
        assert all(check.valid for check in ArchiveService(env.ctx).verify_all_as_operator())
    finally:
        env.ctx.close()


# --------------------------------------------------------------------------- forms

def test_corrupt_form_file_keeps_the_program_and_the_drafts(tmp_path):
    forms = tmp_path / "forms"
    shutil.copytree(FORMS, forms)
    env = make_env(tmp_path / "data", forms_dir=forms)
    draft_id = ready_to_seal(env)  # a vertebroplasty consent in progress
    env.ctx.close()
    (forms / "vertebroplasty.ar.yaml").write_bytes(b"schema: 1\nsections: [\n  - broken")  # half-written file
    env.ctx = open_context(tmp_path / "data", clock=env.clock, forms_dir=forms,
                           database=database_for(tmp_path / "data"))
    try:
        assert [e.params["file"].endswith("vertebroplasty.ar.yaml") for e in env.ctx.forms.errors] == [True]
        clear_message(env.ctx.forms.errors[0])
        with pytest.raises(NotFound) as info:  # a new vertebroplasty consent: a clear refusal
            env.desk().start(env.nurse, PATIENT, plan(env.ctx.today()), demo=True)
        assert info.value.code == "form_missing"
        env.desk().start(env.nurse, PATIENT, plan(env.ctx.today(), procedure="kyphoplasty"), demo=True)
        # The draft in progress uses the stored text of its exact form version, and seals.
        assert_kept(env, draft_id, 0)
        sealed = env.desk().seal(env.nurse, draft_id)
        assert sealed.record["form"]["procedure"] == "vertebroplasty"
    finally:
        env.ctx.close()


# --------------------------------------------------------------------------- network share

@pytest.mark.parametrize("fstype", sorted(NETWORK_FILESYSTEMS))
@pytest.mark.sqlite_only
def test_network_share_refused_pointing_to_postgresql(tmp_path, fstype):
    mountinfo = f"27 1 259:2 / / rw - ext4 /dev/root rw\n90 27 0:60 / {tmp_path} rw - {fstype} srv:/x rw\n"
    with pytest.raises(InvalidInput) as info:
        Database.for_data_dir(tmp_path / "desk", mountinfo_text=mountinfo)
    assert info.value.code == "data_dir_network_share"
    assert "PostgreSQL" in info.value.message() and "\n" not in info.value.message()
    assert not (tmp_path / "desk").exists()


# --------------------------------------------------------------------------- permissions

@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.sqlite_only
def test_data_folder_files_are_private_even_with_an_open_umask(tmp_path):
    old = os.umask(0)  # the most careless account setting
    try:
        env = make_env(tmp_path / "data")
        env.desk().seal(env.nurse, ready_to_seal(env))
        from app.services.institution import InstitutionAdmin
        InstitutionAdmin(env.ctx).set_logo(env.admin, b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
        data = env.ctx.data_dir
        files = {p.relative_to(data).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in data.rglob("*")}
        for wal in ("consent.db-wal", "consent.db-shm"):
            assert wal in files  # open connection: the WAL files exist and must be private too
        env.ctx.close()
    finally:
        os.umask(old)
    folders = {name for name in files if (data / name).is_dir()}
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    bad = {name: oct(mode) for name, mode in files.items()
           if mode != (0o700 if name in folders else 0o600)}
    assert not bad, bad
