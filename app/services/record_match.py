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
