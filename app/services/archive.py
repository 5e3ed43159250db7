"""The archive: finding records (any word of a name, MRN, national ID, dates, procedure, status),
opening one with its linked records and history, and verifying the seals of one, a selection or
everything.

Searching uses the word index (:mod:`app.storage.search_index`) and the SQL of
:mod:`app.storage.archive_sql`; a record's *status* is derived from
the records that refer to it (a correction supersedes, a withdrawal withdraws, a sealed readiness
check, record kind ``verification``, makes it *verified*), never stored, because signed records never
change. Opening, searching and verifying are audited with ids and counts only (the query may be a
patient's name; it is never stored).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Sequence
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.domain.clock import utc_iso
from app.domain.errors import InvalidInput, NotFound
from app.domain.patient import parse_date
from app.domain.record import RECORD_KINDS
from app.domain.roles import Actor, require
from app.domain.text import ascii_digits, clean_text, fold_for_search
from app.storage import repositories as repo
from app.storage import search_index
from app.storage.archive_sql import later_record, many_matches, search_statement, sealed_fields, status_expression
from app.storage.dialect import SQLITE
from app.storage.models import AuditEvent, Record

from .record_match import explain_against_seal, stored_vs_sealed

OPERATOR = Actor(None, "cli", "admin")
STATUSES = ("signed", "refused", "withdrawn", "superseded", "verified", "expired", "withdrawal", "verification")
SORT_KEYS = ("signed_at", "name", "mrn", "record_id", "procedure", "status", "kind")
MAX_LIMIT = 1000
PROCEDURES = ("vertebroplasty", "kyphoplasty")


@dataclass(frozen=True)
class ArchiveQuery:
    """What to find. ``text``: words of a name (any word, any order, prefixes), an MRN or a national
    ID; ``date_from``/``date_to``: local days (inclusive) of signing; ``status``: one of STATUSES."""

    text: str = ""
    date_from: str | dt.date | None = None
    date_to: str | dt.date | None = None
    procedure: str | None = None
    status: str | None = None
    kind: str | None = None
    include_demo: bool = True
    sort: str = "signed_at"
    descending: bool = True
    limit: int = 200
    offset: int = 0


@dataclass(frozen=True)
class ArchiveRow:
    record_id: str
    kind: str
    status: str
    signed_at: str
    mrn: str
    name_ar: str
    name_latin: str
    national_id: str
    procedure: str
    refers_to: str | None
    demo: bool

    def as_dict(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in self.__dataclass_fields__}


@dataclass(frozen=True)
class ArchiveResult:
    rows: tuple[ArchiveRow, ...]
    more: bool  # more rows follow (raise the offset)


@dataclass(frozen=True)
class LinkedRecord:
    record_id: str
    kind: str
    signed_at: str
    relation: str  # "refers_to" (this record points at it) | "referred_by" (it points at this record)


@dataclass(frozen=True)
class HistoryEvent:
    seq: int
    at: str
    actor: str
    action: str
    details: Any


@dataclass(frozen=True)
class RecordView:
    record_id: str
    kind: str
    status: str
    record: dict
    pdf: bytes = field(repr=False)
    superseded_by: str | None
    withdrawn_by: str | None
    linked: tuple[LinkedRecord, ...]
    history: tuple[HistoryEvent, ...]
    matches_seal: bool = True  # the archive's stored copy equals the sealed record.json


@dataclass(frozen=True)
class RecordCheck:
    """One record's verification: the stored PDF against every institution certificate (current and
    past) and the stored hash, plus what happened to it later."""

    record_id: str
    kind: str
    valid: bool
    reason: str
    detail: str
    status: str
    superseded_by: str | None = None
    withdrawn_by: str | None = None
    level: str | None = None
    trusted_time: Any = None
    signer: str | None = None
    anchor: str | None = None
    demo: bool = False

    def line(self) -> str:
        """``VALID <id>`` or ``INVALID <id>: <reason>``, with "(superseded by X)" / "(withdrawn by X)",
        "(demonstration seal)", then the level and the trusted time."""
        note = ""
        if self.superseded_by:
            note = f" (superseded by {self.superseded_by})"
        elif self.withdrawn_by:
            note = f" (withdrawn by {self.withdrawn_by})"
        if self.demo:
            note += " (demonstration seal)"
        if self.valid:
            when = (f"trusted time {self.trusted_time.astimezone(dt.timezone.utc):%Y-%m-%dT%H:%M:%SZ}"
                    if self.trusted_time else "no trusted time")
            return f"VALID {self.record_id}{note}\t{self.level} {when}"
        if self.reason in ("stored_record_mismatch", "stored_hash_mismatch", "sealed_record_unreadable"):
            return f"INVALID {self.record_id}: {self.reason}: {self.detail}{note}"  # names what differs
        return f"INVALID {self.record_id}: {self.reason}{note}"


# --------------------------------------------------------------------------- query helpers

def query_tokens(text: str) -> list[search_index.QueryToken]:
    tokens = []
    for raw in text.split():
        words = tuple(fold_for_search(raw).split())
        ident = ascii_digits(raw).upper()
        if not all(c.isalnum() or c in "-/" for c in ident) or not ident.isascii():
            ident = ""
        if words or ident:
            tokens.append(search_index.QueryToken(words, ident))
    return tokens


def local_day_bounds(date_from: dt.date | None, date_to: dt.date | None, tz: str
                     ) -> tuple[dt.datetime | None, dt.datetime | None]:
    """UTC instants [start, end) covering the local days ``date_from``..``date_to`` inclusive."""
    zone = ZoneInfo(tz)
    start = dt.datetime.combine(date_from, dt.time(), zone).astimezone(dt.timezone.utc) if date_from else None
    end = (dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), zone).astimezone(dt.timezone.utc)
           if date_to else None)
    return start, end


def parse_range(date_from, date_to) -> tuple[dt.date | None, dt.date | None]:
    start = date_from if isinstance(date_from, dt.date) else parse_date(date_from, "--from", required=False)
    end = date_to if isinstance(date_to, dt.date) else parse_date(date_to, "--to", required=False)
    if start and end and end < start:
        raise InvalidInput("date_range_invalid", "--to is before --from")
    return start, end


class ArchiveService:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    # ------------------------------------------------------------------ search
    def find(self, actor: Actor, query: ArchiveQuery, *, require_text: bool = False) -> ArchiveResult:
        """The records matching ``query``, sorted; audited with counts only. ``require_text``: refuse a
        query without a name, MRN or national ID (the command line)."""
        require(actor, "archive.search")
        return self._find(actor.username, query, require_text=require_text)

    def search(self, actor: Actor, query: str, date_from: str | None = None, date_to: str | None = None,
               limit: int = 200) -> list[dict]:
        """Newest first, as dicts (record_id, kind, status, signed_at, mrn, name_ar, procedure, demo...)."""
        require(actor, "archive.search")
        result = self._find(actor.username, ArchiveQuery(text=query, date_from=date_from, date_to=date_to,
                                                         limit=min(limit, MAX_LIMIT)), require_text=True)
        return [r.as_dict() for r in result.rows]

    def _check(self, q: ArchiveQuery, require_text: bool) -> tuple[list, dt.date | None, dt.date | None]:
        text = clean_text(q.text, "query", max_len=120, required=False)
        tokens = query_tokens(text)
        if text and not tokens:
            raise InvalidInput("query_empty", "query: give a name, MRN or national ID")
        start, end = parse_range(q.date_from, q.date_to)
        if q.status is not None and q.status not in STATUSES:
            raise InvalidInput("status_invalid", f"status: one of {', '.join(STATUSES)}")
        if q.kind is not None and q.kind not in RECORD_KINDS:
            raise InvalidInput("kind_invalid", f"kind: one of {', '.join(RECORD_KINDS)}")
        if q.procedure is not None and q.procedure not in PROCEDURES:
            raise InvalidInput("procedure_invalid", f"procedure: one of {', '.join(PROCEDURES)}")
        if q.sort not in SORT_KEYS:
            raise InvalidInput("sort_invalid", f"sort: one of {', '.join(SORT_KEYS)}")
        if not 1 <= q.limit <= MAX_LIMIT or q.offset < 0:
            raise InvalidInput("limit_invalid", f"limit: 1 to {MAX_LIMIT}; offset: not negative")
        if (require_text and not tokens) or not (tokens or start or end or q.status or q.kind or q.procedure):
            raise InvalidInput("query_empty", "query: give a name, MRN or national ID")
        return tokens, start, end

    def _statement(self, session, q: ArchiveQuery, tokens, start, end):
        """The search statement for ``q`` and its parameter values (see :func:`search_statement`)."""
        settings = self.ctx.settings()
        lo, hi = local_day_bounds(start, end, settings.time_zone)
        cutoff = self.ctx.clock.now() - dt.timedelta(days=settings.consent_validity_days)
        dialect_name = self.ctx.db.dialect_name
        by_time = (dialect_name == SQLITE and q.sort == "signed_at" and tokens
                   and many_matches(session, tokens, q.limit + q.offset + 1))
        stmt = search_statement(dialect_name, search_index.query_shape(tokens) if tokens else (), q.sort,
                                q.descending, lo is not None, hi is not None, bool(q.kind), bool(q.procedure),
                                q.include_demo, bool(q.status), bool(by_time))
        params: dict[str, Any] = {"cutoff": cutoff, "page_limit": q.limit + 1, "page_offset": q.offset}
        if tokens:
            params.update(search_index.query_params(dialect_name, tokens))
        optional = {"date_lo": lo, "date_hi": hi, "kind": q.kind, "procedure": q.procedure, "status": q.status}
        params.update({k: v for k, v in optional.items() if v})
        return stmt, params

    def _find(self, actor_name: str, q: ArchiveQuery, *, require_text: bool = False) -> ArchiveResult:
        tokens, start, end = self._check(q, require_text)
        filters = sorted(k for k, v in (("from", start), ("to", end), ("status", q.status), ("kind", q.kind),
                                        ("procedure", q.procedure)) if v)
        with self.ctx.db.transaction() as s:  # one transaction: the search and its audit event
            stmt, params = self._statement(s, q, tokens, start, end)
            found = s.execute(stmt, params).all()
            # The query itself may be a patient's name: the audit keeps only its size.
            self.ctx.audit.append(s, actor_name, "archive.searched",
                                  details={"words": len(tokens), "results": min(len(found), q.limit),
                                           "filters": filters})
        rows = []
        for r in found[:q.limit]:  # r.sealed: the fields as the database extracted them (json_fields)
            mrn, name_ar, name_latin, national_id, procedure = sealed_fields(r.sealed, True)
            rows.append(ArchiveRow(
                record_id=r.record_id, kind=r.kind, status=r.status, signed_at=utc_iso(r.signed_at), mrn=mrn,
                name_ar=name_ar, name_latin=name_latin, national_id=national_id, procedure=procedure,
                refers_to=r.refers_to, demo=bool(r.is_demo)))
        rows = tuple(rows)
        return ArchiveResult(rows, len(found) > q.limit)

    # ------------------------------------------------------------------ one record
    def open_record(self, actor: Actor, record_id: str) -> RecordView:
        """The sealed PDF, the record as sealed, its status, linked records and history; audited as viewed."""
        from app.documents.sealed_record import attached_record

        require(actor, "record.view")
        with self.ctx.db.transaction() as s:
            row = repo.records.get(s, record_id)
            if row is None:
                raise NotFound("record_missing", "no such record")
            pdf = repo.records.get_pdf(s, record_id)
            status = self._status(s, record_id)
            linked = self._linked(s, row)
            history = self._history(s, record_id)
            superseded = later_record(s, record_id, ("correction",))
            withdrawn = later_record(s, record_id, ("withdrawal",))
            self.ctx.audit.append(s, actor.username, "record.viewed", subject=record_id, at=self.ctx.clock.now())
            # What the desk shows is the sealed record (the PDF's record.json), never an edited copy.
            sealed = attached_record(pdf)
            matches = stored_vs_sealed(row.record_json, row.record_sha256, sealed) is None
            try:
                record = json.loads(sealed) if sealed is not None else {}
            except ValueError:
                record = {}
            return RecordView(record_id, row.kind, status, record if isinstance(record, dict) else {}, pdf,
                              superseded, withdrawn, linked, history, matches_seal=matches)

    def status_of(self, actor: Actor, record_id: str) -> str:
        require(actor, "record.view")
        with self.ctx.db.transaction(read_only=True) as s:
            if repo.records.get(s, record_id) is None:
                raise NotFound("record_missing", "no such record")
            return self._status(s, record_id)

    def linked(self, actor: Actor, record_id: str) -> tuple[LinkedRecord, ...]:
        require(actor, "record.view")
        with self.ctx.db.transaction(read_only=True) as s:
            row = repo.records.get(s, record_id)
            if row is None:
                raise NotFound("record_missing", "no such record")
            return self._linked(s, row)

    def history(self, actor: Actor, record_id: str) -> tuple[HistoryEvent, ...]:
        """The audit events about this record (who saw, printed, exported, verified it...)."""
        require(actor, "record.view")
        with self.ctx.db.transaction(read_only=True) as s:
            return self._history(s, record_id)

    def _status(self, session, record_id: str) -> str:
        settings = self.ctx.settings()
        cutoff = self.ctx.clock.now() - dt.timedelta(days=settings.consent_validity_days)
        return session.execute(select(status_expression(cutoff)).where(Record.record_id == record_id)).scalar_one()

    @staticmethod
    def _linked(session, row: Record) -> tuple[LinkedRecord, ...]:
        out = []
        if row.refers_to:
            target = repo.records.get(session, row.refers_to)
            if target is not None:
                out.append(LinkedRecord(target.record_id, target.kind, utc_iso(target.signed_at), "refers_to"))
        for later in repo.records.list_referring(session, row.record_id):
            out.append(LinkedRecord(later.record_id, later.kind, utc_iso(later.signed_at), "referred_by"))
        return tuple(out)

    @staticmethod
    def _history(session, record_id: str) -> tuple[HistoryEvent, ...]:
        stmt = select(AuditEvent).where(AuditEvent.subject == record_id).order_by(AuditEvent.seq)
        return tuple(HistoryEvent(e.seq, utc_iso(e.at), e.actor, e.action, e.details)
                     for e in session.execute(stmt).scalars())

    # ------------------------------------------------------------------ printing
    def printed(self, actor: Actor, record_ids: Sequence[str], *, printer: str = "", copies: int = 1) -> None:
        """A print job was sent: one event per record (who, what, when) and one audit event each."""
        require(actor, "record.print")
        if not record_ids:
            raise InvalidInput("selection_empty", "choose at least one record to print")
        if not 1 <= copies <= 20:
            raise InvalidInput("copies_invalid", "copies: 1 to 20")
        printer = clean_text(printer, "printer", max_len=80, required=False)
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            for record_id in record_ids:
                repo.record_events.add(s, record_id=record_id, kind="printed", by_user_id=actor.user_id,
                                       details={"copies": copies}, at=now)
                self.ctx.audit.append(s, actor.username, "record.printed", subject=record_id,
                                      details={"copies": copies, "printer": printer}, at=now)
            self.ctx.audit.append(s, actor.username, "archive.printed",
                                  details={"records": len(record_ids), "copies": copies}, at=now)

    # ------------------------------------------------------------------ verification
    def record_ids(self, actor: Actor, date_from=None, date_to=None) -> list[str]:
        """Every record id signed in the local-day range (all when no range), oldest first."""
        require(actor, "record.view")
        return self._record_ids(date_from, date_to)

    def _record_ids(self, date_from=None, date_to=None) -> list[str]:
        start, end = parse_range(date_from, date_to)
        lo, hi = local_day_bounds(start, end, self.ctx.settings().time_zone)
        stmt = select(Record.record_id)
        if lo is not None:
            stmt = stmt.where(Record.signed_at >= lo)
        if hi is not None:
            stmt = stmt.where(Record.signed_at < hi)
        with self.ctx.db.transaction(read_only=True) as s:
            return list(s.execute(stmt.order_by(Record.signed_at, Record.record_id)).scalars())

    def verify_records(self, actor: Actor, record_ids: Iterable[str] | None = None) -> Iterator[RecordCheck]:
        """Check one, a selection (``record_ids``) or every record (None); one audit event at the end
        with the counts. A generator: the caller drives it (progress, cancel by closing)."""
        require(actor, "archive.verify")
        return self._verify(actor.username, record_ids)

    def verify_all_as_operator(self) -> Iterator[RecordCheck]:
        return self._verify(OPERATOR.username, None)

    def _verify(self, actor_name: str, record_ids: Iterable[str] | None) -> Iterator[RecordCheck]:
        """Each record: its seal (the stored PDF), its stored hash, and its stored record_json against
        the sealed record.json (an edit beside the seal is INVALID with the fields that differ)."""
        from app.documents.seal_verifier import SealVerifier

        ids = list(record_ids) if record_ids is not None else self._record_ids()
        trust = self.ctx.seal.trust()
        verifier = SealVerifier(trust, demo=False)
        demo_verifier = SealVerifier(trust, demo=True)
        counts = {"records": 0, "valid": 0, "invalid": 0}
        try:
            for record_id in ids:
                with self.ctx.db.transaction(read_only=True) as s:
                    row = repo.records.get(s, record_id)
                    if row is None:
                        raise NotFound("record_missing", f"no such record: {record_id[:64]}")
                    pdf = repo.records.get_pdf(s, record_id)
                    status = self._status(s, record_id)
                    superseded = later_record(s, record_id, ("correction",))
                    withdrawn = later_record(s, record_id, ("withdrawal",))
                    kind, stored_sha, is_demo = row.kind, row.record_sha256, bool(row.is_demo)
                    stored_json = row.record_json
                # A demonstration record (so marked in the archive) may carry the demonstration seal,
                # and says so; a real record never: it must chain to the trust file.
                chosen = demo_verifier if is_demo else verifier
                check = check_record(chosen, pdf, stored_sha, record_id, stored_json)
                counts["records"] += 1
                counts["valid" if check.valid else "invalid"] += 1
                yield RecordCheck(record_id, kind, check.valid, check.reason, check.detail, status, superseded,
                                  withdrawn, level=check.level, trusted_time=check.trusted_time,
                                  signer=check.signer, anchor=check.anchor, demo=check.demo)
        finally:
            if counts["records"]:
                with self.ctx.db.transaction() as s:
                    self.ctx.audit.append(s, actor_name, "archive.verified", details=counts)


def check_record(verifier, pdf: bytes, stored_sha: str, record_id: str, stored_json: str | None = None):
    """A stored record's verdict (a VerifyResult) through ``verifier`` (a SealVerifier): the seal, the
    stored hash and the id, and with ``stored_json`` the stored record text against the sealed
    record.json (an edit beside the seal is INVALID, naming the fields that differ)."""
    from dataclasses import replace

    from app.documents.pdf_verify import UnreadablePdf, VerifyResult

    try:
        result = verifier.verify(pdf, stored_sha)
    except UnreadablePdf as exc:
        return VerifyResult(False, record_id, "pdf_unreadable", exc.message())
    if result.valid and result.record_id != record_id:
        return replace(result, valid=False, reason="record_id_mismatch",
                       detail="the sealed PDF belongs to another record", record=None)
    if stored_json is not None:
        mismatch = explain_against_seal(result, pdf, stored_json, stored_sha)
        if mismatch is not None:
            return replace(result, valid=False, reason=mismatch[0], detail=mismatch[1], record=None)
    return result


def check_pdf(verify, pdf: bytes, trusted, stored_sha: str, record_id: str,
              stored_json: str | None = None) -> tuple[bool, str, str]:
    """(valid, reason, detail) for a stored record's PDF: the seal, the stored hash and the id, and
    with ``stored_json`` the stored record text against the sealed record.json."""
    from app.documents.pdf_verify import UnreadablePdf

    try:
        result = verify(pdf, trusted, expected_sha256=stored_sha)
    except UnreadablePdf as exc:
        return False, "pdf_unreadable", exc.message()
    if result.valid and result.record_id != record_id:
        return False, "record_id_mismatch", "the sealed PDF belongs to another record"
    if stored_json is not None:
        mismatch = explain_against_seal(result, pdf, stored_json, stored_sha)
        if mismatch is not None:
            return False, mismatch[0], mismatch[1]
    return result.valid, result.reason, result.detail
