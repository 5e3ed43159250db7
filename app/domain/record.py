"""The canonical record: one JSON document whose SHA-256 is the record hash.

Canonical = sorted keys, UTF-8, NFC strings, no insignificant whitespace, no NaN. The same bytes are
stored in the database, hashed, and attached inside the PDF as ``record.json``.
"""
from __future__ import annotations

import hashlib
import json
import secrets
import unicodedata
from typing import Any

RECORD_KINDS = ("consent", "refusal", "withdrawal", "correction", "verification")
RECORD_SCHEMA = 1
_PREFIX = {"consent": "CR", "refusal": "RF", "withdrawal": "WD", "correction": "CC", "verification": "PV"}


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_nfc(v) for v in value]
    return value


def canonical_json(record: dict[str, Any]) -> bytes:
    return json.dumps(_nfc(record), sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record_hash(record: dict[str, Any]) -> str:
    return sha256_hex(canonical_json(record))


def new_record_id(kind: str, year: int) -> str:
    """E.g. ``CR-2026-7F3K9Q2M``: kind prefix, year, 8 random base-32 characters (no look-alikes)."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    tail = "".join(secrets.choice(alphabet) for _ in range(8))
    return f"{_PREFIX[kind]}-{year}-{tail}"
