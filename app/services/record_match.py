"""Does what the archive stores about a sealed record equal what was sealed?

The archive keeps each record three ways: ``records.record_json`` (the canonical text), its SHA-256
``records.record_sha256``, and the ``record.json`` attached inside the sealed PDF. They must be the
same bytes. A record edited in the database beside its seal (a level added, the physician changed)
is reported with the fields that differ, so ``verify --all`` and ``audit verify`` can say what was
changed; what the desk shows of a record comes from the sealed one.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

MAX_PATHS = 6


def differing_paths(stored: Any, sealed: Any, prefix: str = "", out: list[str] | None = None) -> list[str]:
    """Dotted paths where two decoded records differ ("procedure.levels", "signatures[1].name")."""
    out = [] if out is None else out
    if len(out) >= MAX_PATHS:
        return out
    if isinstance(stored, dict) and isinstance(sealed, dict):
        for key in sorted(set(stored) | set(sealed), key=str):
            if stored.get(key, _MISSING) != sealed.get(key, _MISSING):
                differing_paths(stored.get(key, _MISSING), sealed.get(key, _MISSING),
                                f"{prefix}.{key}" if prefix else str(key), out)
    elif isinstance(stored, list) and isinstance(sealed, list) and len(stored) == len(sealed):
        for i, (a, b) in enumerate(zip(stored, sealed)):
            if a != b:
                differing_paths(a, b, f"{prefix}[{i}]", out)
    elif stored != sealed and len(out) < MAX_PATHS:
        out.append(prefix or "(the whole record)")
    return out


_MISSING = object()


def stored_vs_sealed(record_json: str, record_sha256: str, sealed: bytes | None) -> tuple[str, str] | None:
    """None when the stored text, the stored hash and the sealed ``record.json`` agree; else
    (reason, detail): ``sealed_record_unreadable``, ``stored_hash_mismatch`` or ``stored_record_mismatch``."""
    if sealed is None:
        return "sealed_record_unreadable", "the sealed PDF's record.json cannot be read"
    sealed_sha = hashlib.sha256(sealed).hexdigest()
    stored_sha = hashlib.sha256((record_json or "").encode("utf-8")).hexdigest()
    problems = []
    if (record_sha256 or "").lower() != sealed_sha:
        problems.append("record_sha256")
    if stored_sha != sealed_sha:
        try:
            paths = differing_paths(json.loads(record_json), json.loads(sealed))
        except ValueError:
            paths = ["(not JSON)"]
        problems.append("record_json (" + ", ".join(paths or ["bytes"]) + ")")
    if not problems:
        return None
    reason = "stored_record_mismatch" if stored_sha != sealed_sha else "stored_hash_mismatch"
    return reason, "the archive's " + " and ".join(problems) + " differ(s) from the sealed record.json"


def _differs(detail: str):
    from app.domain.errors import InvalidState

    return InvalidState("record_differs_from_seal",
                        f"the archive's copy of this record differs from its seal ({detail}); "
                        "check the archive with 'verify --all'")


def sealed_record_of(session, row) -> dict:
    """The record as sealed (the PDF's record.json), when the archive's copy equals it; else
    ``InvalidState("record_differs_from_seal")``: nothing is built on a record edited beside its seal."""
    from app.documents.sealed_record import attached_record
    from app.storage import repositories as repo

    sealed = attached_record(repo.records.get_pdf(session, row.record_id))
    mismatch = stored_vs_sealed(row.record_json, row.record_sha256, sealed)
    if mismatch is not None:
        raise _differs(mismatch[1])
    return json.loads(sealed)


def stored_record(row) -> dict:
    """The stored record when its text still hashes to the stored hash (cheap: no PDF opened; the
    stored hash against the seal is ``verify --all``'s and ``sealed_record_of``'s check)."""
    if hashlib.sha256(row.record_json.encode("utf-8")).hexdigest() != row.record_sha256:
        raise _differs("record_json does not hash to record_sha256")
    return json.loads(row.record_json)


def explain_against_seal(result, pdf: bytes, stored_json: str, stored_sha: str) -> tuple[str, str] | None:
    """For ``verify --all``: after the seal check (``result`` of ``verify_pdf`` with the stored hash
    expected), whether the stored record_json (and hash) equal the sealed record.json, with the fields
    that differ. None when they do, or when the seal itself failed for another reason."""
    if result.valid:
        if hashlib.sha256(stored_json.encode("utf-8")).hexdigest() == result.record_sha256:
            return None
        try:
            paths = differing_paths(json.loads(stored_json), result.record)
        except ValueError:
            paths = ["(not JSON)"]
        return "stored_record_mismatch", ("the archive's record_json (" + ", ".join(paths or ["bytes"])
                                          + ") differs from the sealed record.json")
    if result.reason == "stored_hash_mismatch":
        from app.documents.sealed_record import attached_record

        return stored_vs_sealed(stored_json, stored_sha, attached_record(pdf))
    return None
