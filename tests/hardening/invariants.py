"""What must hold for a data folder after any fault: checked from the outside, as a restart would see it.

* ``PRAGMA integrity_check`` is ``ok`` and no foreign key dangles;
* the audit chain verifies (``AuditService.verify_chain``: links, hashes, the head carried by the
  newest record, a ``record.sealed`` event for every record);
* every record has its PDF (stored ``pdf_sha256`` matches) and the PDF verifies against the trust
  file's anchors (a demonstration record: as a demonstration) and the stored record hash; every
  ``record.sealed`` event has its record;
* every open draft loads through the desks (work in progress is recoverable);
* no half-written file is left in the data folder, and every operator copy is a whole, valid record.
"""
from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from app.documents.pdf_verify import verify_pdf
from app.domain.roles import Actor
from app.services.audit import AuditService
from app.services.consent import ConsentDesk
from app.services.context import open_context
from app.services.readiness import ReadinessCheck

# What may exist in a data folder (anything else is a leftover of an interrupted write).
# No private key is ever written in clear: the demonstration key lives in memory, the institution's
# is on a token or in a passphrase-protected PKCS#12. A station of a shared database also keeps its
# station file, a pgpass file where there is no key store, and a tablet its outbox.
DATA_FILES = {"consent.db", "consent.db-wal", "consent.db-shm", "seal", "seal/institution.p12", "station.json",
              "pgpass", "outbox"}


@dataclass
class FolderReport:
    records: int = 0
    drafts_open: int = 0
    audit_events: int = 0
    copies: int = 0
    stale_copy_parts: int = 0
    stale_seal_parts: int = 0
    verified: set = field(default_factory=set)


def integrity(db_path: Path) -> None:
    con = sqlite3.connect(str(db_path))
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()


def check_folder(data_dir: Path, out_dir: Path | None = None, verified: set | None = None,
                 extra_files: set[str] = frozenset(), forms_dir: Path | None = None,
                 check_seal: bool = True, database=None) -> FolderReport:
    """Assert every invariant; ``verified`` caches record ids whose seal was already checked
    (records are immutable: the database refuses UPDATE), their bytes are still re-hashed.
    ``database``: the station's PostgreSQL database (else the folder's SQLite file; on PostgreSQL
    runs of the tests, the folder's database from tests/backends.py)."""
    from tests.backends import database_for

    report = FolderReport(verified=verified if verified is not None else set())
    db_path = data_dir / "consent.db"
    if database is None and not db_path.exists():
        database = database_for(data_dir)
    if database is None and db_path.exists():
        integrity(db_path)
    present = {p.relative_to(data_dir).as_posix() for p in data_dir.rglob("*")}
    # A kill while the seal files are written may leave a temporary ``seal/*.part`` (never a partial
    # file under the real name): it is overwritten by the next attempt, and counted here.
    report.stale_seal_parts = len({name for name in present if name.startswith("seal/") and name.endswith(".part")})
    leftovers = {n for n in present if not (n.startswith("seal/") and n.endswith(".part"))} - DATA_FILES - set(extra_files)
    assert not leftovers, f"half-written files left in the data folder: {sorted(leftovers)}"
    if database is None and not db_path.exists():
        return report
    # The restart: migrations, forms, recovery of the WAL.
    ctx = open_context(data_dir, forms_dir=forms_dir, database=database)
    try:
        chain = AuditService(ctx).verify_chain()
        assert chain.ok, chain
        report.audit_events = chain.events
        trust = ctx.seal.trust()
        with ctx.db.engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT record_id, record_sha256, pdf, pdf_sha256, record_json, is_demo FROM records").fetchall()
            sealed_events = {r[0] for r in conn.exec_driver_sql(
                "SELECT subject FROM audit_events WHERE action = 'record.sealed'").fetchall()}
            drafts = conn.exec_driver_sql("SELECT id, kind FROM drafts WHERE status = 'open'").fetchall()
            conn.rollback()
        stored = {}
        for record_id, sha, pdf, pdf_sha, record_json, is_demo in rows:
            pdf = bytes(pdf or b"")
            assert pdf, f"record {record_id} has no PDF"
            assert hashlib.sha256(pdf).hexdigest() == pdf_sha, record_id
            assert hashlib.sha256(record_json.encode("utf-8")).hexdigest() == sha, record_id
            if record_id not in report.verified:
                result = verify_pdf(pdf, trust, expected_sha256=sha, demo=bool(is_demo))
                assert result.valid, (record_id, result.reason, result.detail)
                report.verified.add(record_id)
            stored[record_id] = pdf
        assert sealed_events == set(stored), "a record without its record.sealed event, or the other way round"
        report.records = len(stored)
        # Drafts: every open one loads (any role allowed to discuss can pick it up).
        nurse = Actor(None, "recovery", "nurse")
        for draft_id, kind in drafts:
            if kind == "consent":
                draft = ConsentDesk(ctx).load(nurse, draft_id)
                ConsentDesk(ctx).form_of(draft)
            else:
                ReadinessCheck(ctx).load(nurse, draft_id)
        report.drafts_open = len(drafts)
        # Copies for the operator: a whole copy of a stored record, or a temporary ``.part`` name.
        if out_dir is not None and out_dir.exists():
            for path in out_dir.iterdir():
                if path.name.endswith(".part"):
                    report.stale_copy_parts += 1
                    continue
                record_id = path.stem
                assert record_id in stored, f"a copy without its record: {path.name}"
                assert path.read_bytes() == stored[record_id], f"a partial copy: {path.name}"
                report.copies += 1
    finally:
        ctx.close()
    return report
