"""The word index of patient names, and the SQL that finds patients by any word, MRN or national ID.

Every folded word of a patient's names (``app.domain.text.fold_for_search``: Arabic spelling
variants, diacritics and tatweel folded, Latin case-folded and accents removed) is one row of
``patient_words`` (primary key ``(word, patient_id)``). A query word matches a stored word that
*starts with* it: on SQLite a range on the primary key (``word >= w AND word < w || U+FFFF``), an
index seek; on PostgreSQL ``LIKE 'w%'`` (create the index with ``text_pattern_ops`` there, or use
the C collation, for the same seek).

A query token matches a patient when all its folded words match name words, or when it equals the
patient's MRN or national ID (ASCII digits, upper case); all tokens must match. The index is rebuilt
for a patient on every upsert (:func:`index_patient`, called by ``repositories.patients.upsert``).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, delete, insert, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from app.storage.dialect import POSTGRESQL
from app.storage.models import Patient, PatientWord

WORD_MAX = 64
PREFIX_END = "\uffff"


def index_words(words: Iterable[str]) -> list[str]:
    """The distinct stored words (each at most WORD_MAX characters), sorted."""
    return sorted({w[:WORD_MAX] for part in words for w in part.split() if w})


def index_patient(session: Session, patient_id: int, words: Iterable[str]) -> None:
    """Replace the patient's indexed words (in the caller's transaction)."""
    session.execute(delete(PatientWord).where(PatientWord.patient_id == patient_id))
    rows = [{"word": w, "patient_id": patient_id} for w in index_words(words)]
    if rows:
        session.execute(insert(PatientWord), rows)


def words_of(session: Session, patient_id: int) -> list[str]:
    stmt = select(PatientWord.word).where(PatientWord.patient_id == patient_id).order_by(PatientWord.word)
    return list(session.execute(stmt).scalars())


@dataclass(frozen=True)
class QueryToken:
    """One whitespace-separated token of a query: its folded name words and its identifier form."""

    words: tuple[str, ...]
    identifier: str


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _prefix(dialect_name: str, word: str):
    word = word[:WORD_MAX]
    if dialect_name == POSTGRESQL:
        return PatientWord.word.like(_escape_like(word) + "%", escape="\\")
    return and_(PatientWord.word >= word, PatientWord.word < word + PREFIX_END)


def patients_with_word(dialect_name: str, word: str) -> Select:
    """``SELECT patient_id`` of patients with a name word starting with ``word`` (folded)."""
    return select(PatientWord.patient_id).where(_prefix(dialect_name, word))


def token_condition(dialect_name: str, token: QueryToken):
    """The WHERE term on ``patients`` for one query token."""
    terms = []
    if token.words:
        terms.append(and_(*[Patient.id.in_(patients_with_word(dialect_name, w)) for w in token.words]))
    if token.identifier:
        terms.append(Patient.mrn == token.identifier)
        terms.append(Patient.national_id == token.identifier)
    return or_(*terms) if len(terms) > 1 else terms[0]


def matching_patient_ids(dialect_name: str, tokens: Sequence[QueryToken]) -> Select:
    """``SELECT patients.id`` for patients matching every token (use with ``IN``)."""
    if not tokens:
        raise ValueError("no query tokens")
    return select(Patient.id).where(*[token_condition(dialect_name, t) for t in tokens])
