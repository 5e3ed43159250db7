"""The archive's SQL: what a row shows of a sealed record (read from its record_json, never from the
editable patients table), a record's derived status, the records that refer to one, and the search
statement itself, built once per shape of query. The service (:mod:`app.services.archive`) checks,
audits and pages; this module only says how the database answers.
"""
from __future__ import annotations

import datetime as dt
import functools
import json

from sqlalchemy import Integer, String, and_, bindparam, case, exists, func, literal_column, select, true

from app.storage import search_index
from app.storage.dialect import SQLITE, json_fields
from app.storage.models import FormVersion, Patient, PatientWord, Record


# What the archive shows of a sealed record, read from its record_json.
SEALED_PATHS = ("$.patient.mrn", "$.patient.name_ar", "$.patient.name_latin", "$.patient.national_id",
                "$.form.procedure")
_SEALED = Record.__table__.alias("sealed")


def sealed_fields(value: str | None, extracted: bool) -> tuple[str, str, str, str, str]:
    """(mrn, name_ar, name_latin, national_id, procedure) of a sealed record: from the database's
    extraction of SEALED_PATHS (``extracted``, dialect.json_fields) or from the record_json itself."""
    try:
        data = json.loads(value) if value else None
        if not extracted:
            patient = (data or {}).get("patient") or {}
            data = [patient.get("mrn"), patient.get("name_ar"), patient.get("name_latin"),
                    patient.get("national_id"), ((data or {}).get("form") or {}).get("procedure")]
    except (ValueError, AttributeError):
        data = None
    if not isinstance(data, list) or len(data) != 5:
        return ("", "", "", "", "")
    return tuple("" if v is None else str(v) for v in data)  # type: ignore[return-value]


# One Core alias of ``records`` for the later records of a record (an ORM ``aliased()`` per call
# cost milliseconds of Python per search to build its column collection).
_LATER = Record.__table__.alias("later")


def _later(kinds: tuple[str, ...], record_id=None):
    target = Record.record_id if record_id is None else record_id
    return exists().where(_LATER.c.refers_to == target, _LATER.c.kind.in_(kinds))


def status_expression(expiry_cutoff: dt.datetime, *, record_id=None, kind=None, signed_at=None):
    """SQL for a record's derived status (see STATUSES). By default about the ``records`` row of the
    query; ``record_id``, ``kind`` and ``signed_at`` may name the same columns of a subquery."""
    kind = Record.kind if kind is None else kind
    signed_at = Record.signed_at if signed_at is None else signed_at
    return case(
        (_later(("correction",), record_id), "superseded"),
        (and_(kind.in_(("consent", "correction")), _later(("withdrawal",), record_id)), "withdrawn"),
        (kind == "refusal", "refused"),
        (kind == "withdrawal", "withdrawal"),
        (kind == "verification", "verification"),
        (_later(("verification",), record_id), "verified"),
        (signed_at < expiry_cutoff, "expired"),
        else_="signed",
    )


def later_record(session, record_id: str, kinds: tuple[str, ...]) -> str | None:
    """The newest record of ``kinds`` that refers to ``record_id``."""
    stmt = (select(Record.record_id).where(Record.refers_to == record_id, Record.kind.in_(kinds))
            .order_by(Record.signed_at.desc(), Record.record_id.desc()).limit(1))
    return session.execute(stmt).scalar()


SEEK_TO_SCAN = 0.2  # cost of a step of an index walk relative to an index seek (SQLite, measured)
COUNT_CAP = 50_000


def many_matches(session, tokens, page_end: int) -> bool:
    """Whether walking the records newest first finds a page sooner than seeking the records of
    every matching patient: with ``m`` matching patients of ``n`` records, the walk takes about
    ``page_end * n / m`` steps, the seeks ``m`` seeks and a sort. ``m`` is bounded by the rarest
    word's count in the word index (capped), ``n`` is the largest rowid of the append-only
    ``records`` table (one seek, SQLite)."""
    words = {w for t in tokens for w in t.words}
    if not words:
        return False
    matches = COUNT_CAP
    for word in words:
        lo, hi = search_index.word_bounds(SQLITE, word)
        capped = (select(PatientWord.patient_id)
                  .where(PatientWord.word >= lo, PatientWord.word < hi).limit(min(matches, COUNT_CAP)).subquery())
        matches = min(matches, session.execute(select(func.count()).select_from(capped)).scalar_one())
        if matches * matches < SEEK_TO_SCAN * page_end * 1000:  # certainly few: stop counting
            return False
    total = session.execute(select(func.max(literal_column("rowid")))
                            .select_from(Record.__table__)).scalar() or 0
    return matches * matches >= SEEK_TO_SCAN * page_end * total


@functools.lru_cache(maxsize=256)
def search_statement(dialect_name: str, shape: tuple, sort: str, descending: bool, has_lo: bool, has_hi: bool,
                      has_kind: bool, has_procedure: bool, include_demo: bool, has_status: bool,
                      by_time: bool = False):
    """The archive search for one *shape* of query, values as bound parameters (``cutoff``,
    ``page_limit``, ``page_offset``, ``date_lo``, ``date_hi``, ``kind``, ``procedure``, ``status``
    and the words of :func:`search_index.query_params`). Built once per shape: building it costs
    more Python than running it.

    Two steps in one statement: the page of records (filters, sort, LIMIT) first, then names,
    procedure and status for that page only, so a common word (thousands of patients) neither
    computes thousands of statuses nor reads thousands of rows. The page step reads only columns of
    the covering indexes of migration 0004 (``records(patient_id, signed_at, record_id, ...)`` for
    a word, ``records(signed_at, record_id, ...)`` for a date range): ``records`` rows, which carry
    the sealed PDFs, are not read. Patients and form versions join the page step only when a
    filter or the sort needs them; a status filter or sort needs the status there.

    ``by_time`` (SQLite, newest-first, words matching many patients): walk the records newest first
    on ``records(signed_at, record_id, ...)`` and keep those of the matching patients, which stops
    after one page, instead of seeking every matching patient's records and sorting them all
    (``patient_id + 0`` keeps SQLite's planner off the patient index)."""
    cutoff = bindparam("cutoff", type_=Record.signed_at.type)
    keys = {"signed_at": Record.signed_at, "name": Patient.name_ar, "mrn": Patient.mrn,
            "record_id": Record.record_id, "procedure": FormVersion.procedure, "kind": Record.kind}
    key = status_expression(cutoff) if sort == "status" else keys[sort]
    page = select(Record.record_id.label("rid"), Record.kind.label("kind"), Record.signed_at.label("signed_at"),
                  Record.refers_to.label("refers_to"), Record.is_demo.label("is_demo"),
                  Record.patient_id.label("patient_id"), Record.form_version_id.label("form_version_id"),
                  key.label("k"))
    if sort in ("name", "mrn"):
        page = page.join(Patient, Patient.id == Record.patient_id)
    if sort == "procedure" or has_procedure:
        page = page.join(FormVersion, FormVersion.id == Record.form_version_id)
    if shape:
        patient = (Record.patient_id + 0) if by_time else Record.patient_id
        page = page.where(patient.in_(search_index.matching_patient_ids_for_shape(dialect_name, shape)))
    if has_lo:
        page = page.where(Record.signed_at >= bindparam("date_lo", type_=Record.signed_at.type))
    if has_hi:
        page = page.where(Record.signed_at < bindparam("date_hi", type_=Record.signed_at.type))
    if has_kind:
        page = page.where(Record.kind == bindparam("kind", type_=String))
    if has_procedure:
        page = page.where(FormVersion.procedure == bindparam("procedure", type_=String))
    if not include_demo:
        page = page.where(Record.is_demo.is_(False))
    if has_status:
        page = page.where(status_expression(cutoff) == bindparam("status", type_=String))
    order = [key.desc() if descending else key.asc(),
             Record.record_id.desc() if descending else Record.record_id.asc()]
    page = (page.order_by(*order).limit(bindparam("page_limit", type_=Integer))
            .offset(bindparam("page_offset", type_=Integer)).subquery("page"))
    status = status_expression(cutoff, record_id=page.c.rid, kind=page.c.kind, signed_at=page.c.signed_at)
    # What a row shows of the patient comes from the sealed record, never from the patients table
    # (an index for finding, which can be edited): the database extracts it in one pass over the JSON.
    shown, parsed = json_fields(dialect_name, _SEALED.c.record_json, SEALED_PATHS)
    stmt = (select(page.c.rid.label("record_id"), page.c.kind, page.c.signed_at, page.c.refers_to,
                   page.c.is_demo, shown.label("sealed"), status.label("status"))
            .select_from(page)
            .join(_SEALED, _SEALED.c.record_id == page.c.rid))
    if parsed is not None:
        stmt = stmt.join(parsed, true())
    return stmt.order_by(page.c.k.desc() if descending else page.c.k.asc(),
                         page.c.rid.desc() if descending else page.c.rid.asc())
