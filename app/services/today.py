"""Today at the desk: consents in progress, waiting for signatures, signed and waiting for the
procedure with their readiness, and those about to expire; and finding a patient."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from app.domain.clock import utc_iso
from app.domain.roles import Actor, require
from app.domain.text import ascii_digits, clean_text, fold_for_search
from app.storage import repositories as repo

EXPIRY_NOTICE_DAYS = 7


@dataclass(frozen=True)
class DraftSummary:
    draft_id: str
    kind: str
    name_ar: str
    mrn: str
    procedure: str
    step: str
    updated_at: str
    waiting_for_signature: bool


@dataclass(frozen=True)
class ConsentSummary:
    record_id: str
    name_ar: str
    mrn: str
    procedure: str
    levels: tuple[str, ...]
    planned_date: str
    signed_at: str
    expires_on: str
    readiness: str  # clear | overridden | blocked | not_verified | expired
    demo: bool
    seal_level: str = ""  # B-B | B-T | B-LTA as sealed and extended ("" for a demonstration)


@dataclass(frozen=True)
class Overview:
    in_progress: tuple[DraftSummary, ...]
    waiting_for_signature: tuple[DraftSummary, ...]
    signed: tuple[ConsentSummary, ...]
    expiring_soon: tuple[ConsentSummary, ...]


class TodayService:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def overview(self, actor: Actor) -> Overview:
        require(actor, "record.view")
        settings = self.ctx.settings()
        today = self.ctx.today()
        validity = dt.timedelta(days=settings.consent_validity_days)
        drafts: list[DraftSummary] = []
        signed: list[ConsentSummary] = []
        with self.ctx.db.transaction(read_only=True) as s:
            for d in repo.drafts.list_open(s):
                state = d.state or {}
                patient = state.get("patient") or state.get("intake") or {}  # intake: still being typed
                plan = state.get("plan") or state.get("procedure") or state.get("intake") or {}
                sections_done = d.kind == "consent" and state.get("step") in ("signed", "outcome") or bool(
                    state.get("signatures"))
                drafts.append(DraftSummary(d.id, d.kind, patient.get("name_ar", ""), patient.get("mrn", ""),
                                           plan.get("procedure") or plan.get("name", ""), state.get("step", ""),
                                           utc_iso(d.updated_at), bool(sections_done)))
            start = self.ctx.clock.now() - validity - dt.timedelta(days=1)
            for r in repo.records.list_signed_between(s, start, self.ctx.clock.now() + dt.timedelta(days=1),
                                                      kinds=("consent",)):
                later = repo.records.list_referring(s, r.record_id)
                if any(x.kind in ("withdrawal", "correction") for x in later):
                    continue
                if repo.record_events.list_for_record(s, r.record_id, kind="performed"):
                    continue
                data = json.loads(r.record_json)
                expires = r.signed_at.date() + validity
                signed.append(ConsentSummary(
                    r.record_id, data["patient"]["name_ar"], data["patient"]["mrn"], data["procedure"]["name"],
                    tuple(data["procedure"]["levels"]), data["procedure"]["planned_date"], utc_iso(r.signed_at),
                    expires.isoformat(), _readiness(today, expires, [json.loads(x.record_json) for x in later
                                                                      if x.kind == "verification"]),
                    bool(r.is_demo), "" if r.is_demo else _seal_level(s, r.record_id)))
        signed.sort(key=lambda c: c.planned_date)
        soon = tuple(c for c in signed if c.readiness != "expired"
                     and dt.date.fromisoformat(c.expires_on) <= today + dt.timedelta(days=EXPIRY_NOTICE_DAYS))
        return Overview(
            in_progress=tuple(d for d in drafts if not d.waiting_for_signature),
            waiting_for_signature=tuple(d for d in drafts if d.waiting_for_signature),
            signed=tuple(c for c in signed if c.readiness != "expired"),
            expiring_soon=soon,
        )

    def find_patients(self, actor: Actor, query: str, limit: int = 50) -> list[dict]:
        """By any word of the name (Arabic spelling variants fold), MRN or national ID."""
        require(actor, "archive.search")
        words = fold_for_search(clean_text(query, "query", max_len=120)).split()
        if not words:
            return []
        with self.ctx.db.transaction() as s:
            patients = repo.patients.search(s, words, limit=limit)
            # Identifiers are stored upper-case ASCII; the folded words are lower-case.
            by_mrn = repo.patients.get_by_mrn(s, ascii_digits(query.strip()).upper())
            if by_mrn is not None and all(p.id != by_mrn.id for p in patients):
                patients.insert(0, by_mrn)
            found = [{"patient_id": p.id, "name_ar": p.name_ar, "name_latin": p.name_latin or "", "mrn": p.mrn,
                      "national_id": p.national_id or "", "birth_date": p.birth_date.isoformat(), "sex": p.sex}
                     for p in patients]
            self.ctx.audit.append(s, actor.username, "patients.searched", details={"results": len(found)},
                                  at=self.ctx.clock.now())
        return found


def _readiness(today: dt.date, expires: dt.date, checks: list[dict]) -> str:
    if today > expires:
        return "expired"
    if not checks:
        return "not_verified"
    latest = checks[-1]
    if latest.get("open_blocks"):
        return "blocked"
    return "overridden" if latest.get("overrides") else "clear"


def _seal_level(session, record_id: str) -> str:
    """The level the record was sealed at (its ``record.sealed`` event), B-LTA once ``archive
    timestamp`` extended it; a queued record (the TSA was down) stays B-B until then. For the
    worklist: ``verify`` checks the level itself."""
    from sqlalchemy import select

    from app.storage.models import AuditEvent, RecordExtension

    if session.execute(select(RecordExtension.id).where(RecordExtension.record_id == record_id).limit(1)).first():
        return "B-LTA"
    details = session.execute(select(AuditEvent.details_json).where(
        AuditEvent.action == "record.sealed", AuditEvent.subject == record_id).limit(1)).scalar_one_or_none()
    try:
        return json.loads(details or "{}").get("level", "B-B")
    except ValueError:
        return "B-B"
