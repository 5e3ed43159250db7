"""Patients, found by MRN or by folded name words.

The search key is built by the service from the domain's Arabic/Latin folding: pass the folded words
as ``search_words``; they are stored as " w1 w2 w3" (each word preceded by a space), and each word
is also a row of the word index (``patient_words``, :mod:`app.storage.search_index`), which
:func:`search` uses to find any word's beginning without scanning the patients. Names are stored as given (the service
validates and NFC-normalises them).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import InvalidInput
from app.storage import search_index
from app.storage.models import SEXES, Patient
from app.storage.repositories._common import now_or

DEFAULT_LIMIT = 50


def make_search_key(words: Iterable[str]) -> str:
    """" w1 w2" from folded words (empty words dropped, duplicates kept once, order kept)."""
    seen: list[str] = []
    for word in words:
        for part in word.split():
            if part and part not in seen:
                seen.append(part)
    return "".join(" " + w for w in seen)


def upsert(
    session: Session,
    *,
    mrn: str,
    name_ar: str,
    name_latin: str | None,
    birth_date: date,
    sex: str,
    search_words: Iterable[str],
    national_id: str | None = None,
    at: datetime | None = None,
) -> Patient:
    """Create the patient with this MRN, or update the stored details (``updated_at`` moves)."""
    if not mrn:
        raise InvalidInput("invalid_mrn", "the MRN is empty")
    if sex not in SEXES:
        raise InvalidInput("invalid_sex", f"sex must be one of {', '.join(SEXES)}", sex=sex)
    now = now_or(at)
    key = make_search_key(search_words)
    patient = get_by_mrn(session, mrn)
    reindex = patient is None or patient.search_key != key
    if patient is None:
        patient = Patient(
            mrn=mrn,
            national_id=national_id,
            name_ar=name_ar,
            name_latin=name_latin,
            birth_date=birth_date,
            sex=sex,
            search_key=key,
            created_at=now,
            updated_at=now,
        )
        session.add(patient)
    else:
        changes = dict(
            national_id=national_id, name_ar=name_ar, name_latin=name_latin,
            birth_date=birth_date, sex=sex, search_key=key,
        )
        changed = False
        for attr, value in changes.items():
            if getattr(patient, attr) != value:
                setattr(patient, attr, value)
                changed = True
        if changed:
            patient.updated_at = now
    session.flush()
    if reindex:  # the word index of names (app.storage.search_index), same transaction
        search_index.index_patient(session, patient.id, key.split())
    return patient


def get(session: Session, patient_id: int) -> Patient | None:
    return session.get(Patient, patient_id)


def get_by_mrn(session: Session, mrn: str) -> Patient | None:
    return session.execute(select(Patient).where(Patient.mrn == mrn)).scalar_one_or_none()


def search(session: Session, words: Sequence[str], *, limit: int = DEFAULT_LIMIT) -> list[Patient]:
    """Patients whose folded name has a word starting with each of ``words`` (all must match).

    ``words`` must already be folded the same way as the stored key. An exact MRN or national id
    match is included too (first). No words: no results.
    """
    words = [w for part in words for w in part.split() if w]
    if not words:
        return []
    # Through the word index (app.storage.search_index, the same words as the search key): index
    # ranges instead of a LIKE '% word%' scan of every patient.
    dialect_name = session.get_bind().dialect.name
    token = search_index.QueryToken(tuple(words), "")
    ids = search_index.matching_patient_ids_for_shape(dialect_name, search_index.query_shape([token]))
    stmt = (select(Patient).where(Patient.id.in_(ids)).order_by(Patient.name_ar, Patient.id).limit(limit)
            .params(search_index.query_params(dialect_name, [token])))
    found = list(session.execute(stmt).scalars())
    if len(words) == 1:
        exact = session.execute(
            select(Patient).where((Patient.mrn == words[0]) | (Patient.national_id == words[0]))
        ).scalars()
        found = [p for p in exact if p not in found] + found
    return found[:limit]
