"""The word index of patient names, and the SQL that finds patients by any word, MRN or national ID.

Every folded word of a patient's names (``app.domain.text.fold_for_search``: Arabic spelling
variants, diacritics and tatweel folded, Latin case-folded and accents removed) is one row of
``patient_words`` (primary key ``(word, patient_id)``). A query word matches a stored word that
*starts with* it: a range on the primary key (``word >= w AND word < w || U+FFFF``), an index seek,
on both engines (the column compares byte by byte: SQLite's BINARY, PostgreSQL's ``COLLATE "C"``
from migration 0007, so the range is exactly "starts with").

A query token matches a patient when all its folded words match name words, or when it equals the
patient's MRN or national ID (ASCII digits, upper case); all tokens must match. The index is rebuilt
for a patient on every upsert (:func:`index_patient`, called by ``repositories.patients.upsert``).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Index, String, and_, bindparam, delete, insert, intersect, or_, select, union
from sqlalchemy.orm import Session
from sqlalchemy.sql import CompoundSelect, Select

from app.storage.models import Patient, PatientWord, Record

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


def _prefix(dialect_name: str, word):
    """The prefix condition on ``patient_words.word``; ``word`` is a value or a bound parameter
    pair (then its values come from :func:`word_bounds`). The same range on every engine."""
    if isinstance(word, str):
        word = word[:WORD_MAX]
        return and_(PatientWord.word >= word, PatientWord.word < word + PREFIX_END)
    lo, hi = word
    return and_(PatientWord.word >= lo, PatientWord.word < hi)


def word_bounds(dialect_name: str, word: str) -> tuple[str, str]:
    """The values of the two parameters of a prefix condition built from bound parameters."""
    word = word[:WORD_MAX]
    return word, word + PREFIX_END


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


# --------------------------------------------------------------------------- the matching patients
# A query's *shape* is, per token, how many distinct words it has and whether it has an identifier
# form. The SQL depends only on the shape (values are bound parameters), so a caller can build it
# once per shape and reuse it; SQLAlchemy then reuses the compiled form too.

def _norm(token: QueryToken) -> tuple[tuple[str, ...], str]:
    return tuple(dict.fromkeys(w[:WORD_MAX] for w in token.words)), token.identifier


def query_shape(tokens: Sequence[QueryToken]) -> tuple[tuple[int, bool], ...]:
    return tuple((len(_norm(t)[0]), bool(t.identifier)) for t in tokens)


def query_params(dialect_name: str, tokens: Sequence[QueryToken]) -> dict[str, str]:
    """The parameter values for :func:`matching_patient_ids_for_shape` of these tokens."""
    params: dict[str, str] = {}
    for n, token in enumerate(tokens):
        words, ident = _norm(token)
        for k, word in enumerate(words):
            lo, hi = word_bounds(dialect_name, word)
            params[f"t{n}w{k}lo"] = lo
            params[f"t{n}w{k}hi"] = hi
        if ident:
            params[f"t{n}id"] = ident
    return params


def _as_select(query: Select | CompoundSelect, name: str) -> Select:
    """A compound select as a plain ``SELECT patient_id FROM (...)`` (SQLite does not allow a
    parenthesised compound select inside another compound select)."""
    if isinstance(query, Select):
        return query
    sub = query.subquery(name)
    return select(sub.c[0])


def _token_ids(dialect_name: str, n: int, words: int, identifier: bool) -> Select | CompoundSelect:
    parts: list[Select | CompoundSelect] = []
    if words:
        ranges = [select(PatientWord.patient_id).where(_prefix(dialect_name, (
            bindparam(f"t{n}w{k}lo", type_=String), bindparam(f"t{n}w{k}hi", type_=String)))) for k in range(words)]
        parts.append(ranges[0] if words == 1 else intersect(*ranges))
    if identifier:
        ident = bindparam(f"t{n}id", type_=String)
        parts.append(select(Patient.id).where(Patient.mrn == ident))
        parts.append(select(Patient.id).where(Patient.national_id == ident))
    if not parts:
        raise ValueError("an empty query token")
    if len(parts) == 1:
        return parts[0]
    return union(*[_as_select(p, f"t{n}w") for p in parts])


def matching_patient_ids_for_shape(dialect_name: str, shape: Sequence[tuple[int, bool]]
                                   ) -> Select | CompoundSelect:
    """``SELECT patient_id`` of the patients matching every token of a query of this shape, with
    bound parameters (values: :func:`query_params`). Per token: every folded word of it is a
    prefix of one of the patient's name words (an INTERSECT of word-index ranges), or it is the
    patient's MRN or national ID (a UNION); tokens are intersected. Only index ranges and seeks:
    the ``patients`` table is never scanned."""
    if not shape:
        raise ValueError("no query tokens")
    per_token = [_token_ids(dialect_name, n, words, ident) for n, (words, ident) in enumerate(shape)]
    if len(per_token) == 1:
        return per_token[0]
    return intersect(*[_as_select(q, f"t{n}") for n, q in enumerate(per_token)])


def matching_patient_ids(dialect_name: str, tokens: Sequence[QueryToken]) -> Select | CompoundSelect:
    """``SELECT patient_id`` for patients matching every token (use with ``IN``), values bound."""
    stmt = matching_patient_ids_for_shape(dialect_name, query_shape(tokens))
    return stmt.params(query_params(dialect_name, tokens))


# --------------------------------------------------------------------------- covering indexes
# The archive search reads a page of records from these indexes alone (migration 0004): the
# ``records`` rows, which carry the sealed PDF (often 100 kB and more, in overflow pages), are not
# read to filter, sort or page. ``patient_id`` first: the records of the patients a word matched;
# ``signed_at`` first: date ranges and the newest-first listing. Declared here, next to the SQL
# that needs them, so that the models' metadata matches the migrated schema.
RECORD_PAGE_COLUMNS = ("record_id", "kind", "form_version_id", "is_demo", "refers_to")
IX_RECORDS_BY_PATIENT = Index("ix_records_patient_id_signed_at", Record.patient_id, Record.signed_at,
                              *[Record.__table__.c[c] for c in RECORD_PAGE_COLUMNS])
IX_RECORDS_BY_TIME = Index("ix_records_signed_at_record_id", Record.signed_at,
                           *[Record.__table__.c[c] for c in RECORD_PAGE_COLUMNS], Record.patient_id)
