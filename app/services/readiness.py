"""The pre-procedure readiness check: the nurse's checklist on the consent, a physician's overrides,
reconfirmation of the consent on the day, and readiness for the procedure.

A blocking answer never stops the consent; it keeps the patient from being *ready* until it is
corrected or a physician overrides it with a reason. The completed check is sealed as its own record
(kind ``verification``, the name records, drafts, permissions and audit events keep) that refers to
the consent.
"""
from __future__ import annotations

from typing import Any, Callable

from app.domain.checklist import ChecklistResult
from app.domain.clock import parse_iso, utc_iso
from app.domain.errors import InvalidInput, InvalidState, NotFound
from app.domain.form import Form
from app.domain.readiness import ReadinessDraft
from app.domain.roles import Actor, require
from app.domain.rules import Readiness, consent_valid, readiness
from app.storage import repositories as repo

from .auth import AuthService
from .record_match import sealed_record_of, stored_record
from .seal.sealing import Sealer, SealedRecord, staff_entry


def _open_draft(session, draft_id: str) -> tuple[ReadinessDraft, bool]:
    """The open readiness-check draft and whether it belongs to a demonstration."""
    row = repo.drafts.get(session, draft_id)
    if row is None or row.kind != "verification":
        raise NotFound("draft_missing", "no such verification in progress")
    if row.status != "open":
        raise InvalidState("draft_closed", f"this verification is {row.status}")
    state = dict(row.state)
    demo = bool(state.pop("demo", False))
    return ReadinessDraft.from_state(state), demo


def overriding_physicians(session, overrides: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """The physicians who overrode, as record ``staff`` entries, so that records name them (not by username)."""
    found: dict[str, dict[str, str]] = {}
    for o in overrides:
        user = repo.users.get_by_username(session, o.get("by") or "")
        if user is not None and all(v["username"] != user.username for v in found.values()):
            key = "override_physician" if not found else f"override_physician_{len(found) + 1}"
            found[key] = {"username": user.username, "name": user.name_ar}
    return found


def _consent_signed_at(row, record: dict):
    """When the patient consented: a correction of a detail keeps the original consent's time."""
    original = (record.get("correction") or {}).get("original_signed_at")
    return parse_iso(original) if original else row.signed_at


def _open_check_of(session, consent_record_id: str) -> str | None:
    """The open readiness-check draft of this consent, if any."""
    for d in repo.drafts.list_open(session, kind="verification"):
        if d.consent_record_id == consent_record_id:
            return d.id
    return None


class ReadinessCheck:
    def __init__(self, ctx, auth: AuthService | None = None) -> None:
        self.ctx = ctx
        self.auth = auth or AuthService(ctx)
        self.sealer = Sealer(ctx)

    def _consent(self, session, record_id: str, *, sealed: bool = False) -> tuple[Any, dict]:
        """The consent record: as sealed (its PDF's record.json, ``sealed``) before anything is built
        on it, else its stored copy checked against the stored hash."""
        row = repo.records.get(session, record_id)
        record = ({} if row is None else sealed_record_of(session, row) if sealed else stored_record(row))
        corrected_consent = row is not None and row.kind == "correction" and (
            (record.get("correction") or {}).get("corrects_kind") == "consent")
        if row is None or not (row.kind == "consent" or corrected_consent):
            raise NotFound("consent_missing", "no signed consent with this record id")
        return row, record

    def start(self, actor: Actor, consent_record_id: str) -> str:
        """A readiness-check draft for a signed consent, carrying over answers given at the same visit;
        the one already open for it when there is one. Looked for under the write lock, so two desks
        starting at the same moment share one check instead of making two."""
        require(actor, "verification.answer")
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            row, consent = self._consent(s, consent_record_id, sealed=True)
            already = _open_check_of(s, consent_record_id)
            if already is not None:
                return already
            overridden = {o["item"] for o in consent.get("overrides", [])}
            draft_row = repo.drafts.create(s, kind="verification", created_by=actor.user_id, state={},
                                           patient_id=row.patient_id, consent_record_id=consent_record_id, at=now)
            draft = ReadinessDraft(
                draft_id=draft_row.id, consent_record_id=consent_record_id,
                form_sha=consent["form"]["content_sha256"], patient=consent["patient"],
                procedure=consent["procedure"], created_by=actor.username, created_at=utc_iso(now),
                answers={c["item"]: {"value": c["value"], "by": c["by"], "at": c["at"]}
                         for c in consent.get("checklist", []) if c.get("value") is not None},
                consent_warnings=[w for w in consent["procedure"].get("warnings", []) if w["code"] not in overridden],
            )
            repo.drafts.save_state(s, draft_row.id, {**draft.to_state(), "demo": bool(row.is_demo)}, at=now)
            self.ctx.audit.append(s, actor.username, "verification.started", subject=consent_record_id,
                                  details={"draft": draft_row.id}, at=now)
        return draft_row.id

    def open_draft_for(self, actor: Actor, consent_record_id: str) -> str | None:
        """The readiness check in progress for this consent, if any."""
        require(actor, "verification.answer")
        with self.ctx.db.transaction(read_only=True) as s:
            return _open_check_of(s, consent_record_id)

    def load(self, actor: Actor, draft_id: str) -> ReadinessDraft:
        require(actor, "verification.answer")
        with self.ctx.db.transaction(read_only=True) as s:
            return _open_draft(s, draft_id)[0]

    def _is_demo(self, draft_id: str) -> bool:
        with self.ctx.db.transaction(read_only=True) as s:
            return _open_draft(s, draft_id)[1]

    def form_of(self, draft: ReadinessDraft) -> Form:
        return self.ctx.forms.by_sha(draft.form_sha)

    def _step(self, actor: Actor, draft_id: str, step: str, change: Callable[[ReadinessDraft, Form, str], None],
              action: str = "verification.answer", **details: Any) -> ReadinessDraft:
        require(actor, action)
        now = self.ctx.clock.now()
        # Read, change and save under the write lock, so concurrent steps never overwrite each other.
        with self.ctx.db.transaction() as s:
            self.ctx.db.lock_writes(s)
            draft, demo = _open_draft(s, draft_id)
            change(draft, self.form_of(draft), utc_iso(now))
            repo.drafts.save_state(s, draft_id, {**draft.to_state(), "demo": demo}, at=now)
            self.ctx.audit.append(s, actor.username, f"verification.{step}", subject=draft.consent_record_id,
                                  details={"draft": draft_id, **details}, at=now)
        return draft

    def answer(self, actor: Actor, draft_id: str, item_id: str, raw: object) -> ReadinessDraft:
        return self._step(actor, draft_id, "answered",
                          lambda d, f, at: d.answer(f, item_id, raw, actor.username, at, actor.role),
                          item=item_id[:40])

    def evaluate(self, draft: ReadinessDraft) -> ChecklistResult:
        return draft.evaluate(self.form_of(draft), self.ctx.settings().thresholds)

    def open_blocks(self, draft: ReadinessDraft) -> list[str]:
        return draft.open_blocks(self.evaluate(draft))

    def override(self, actor: Actor, password: str, draft_id: str, item: str, reason: str) -> ReadinessDraft:
        """A physician overrides one blocking answer or consent warning with a reason (password re-entered)."""
        require(actor, "verification.override")
        actor = require(self.auth.confirm(actor, password, "override"), "verification.override")

        def change(d: ReadinessDraft, f: Form, at: str) -> None:
            if item not in d.open_blocks(d.evaluate(f, self.ctx.settings().thresholds)):
                raise InvalidInput("override_unknown", "this item is not blocking")
            d.override(item, reason, actor.username, at)
        return self._step(actor, draft_id, "overridden", change, action="verification.override", item=item[:40])

    def reconfirm(self, actor: Actor, draft_id: str) -> ReadinessDraft:
        """On the day: the consent is still valid and its form unchanged, or the patient consents again."""
        draft = self.load(actor, draft_id)
        problems = self._consent_problems(draft.consent_record_id, draft.form_sha)
        if problems:
            raise InvalidState(problems[0], {"consent_expired": "the consent has expired; the patient must consent again",
                                             "form_changed": "the form changed since signing; the patient must consent again"}
                               [problems[0]])

        def change(d: ReadinessDraft, f: Form, at: str) -> None:
            d.reconfirmed_by, d.reconfirmed_at = actor.username, at
        return self._step(actor, draft_id, "reconfirmed", change)

    def _consent_problems(self, consent_record_id: str, form_sha: str) -> list[str]:
        settings = self.ctx.settings()
        with self.ctx.db.transaction(read_only=True) as s:
            row, consent = self._consent(s, consent_record_id)
            signed_at = _consent_signed_at(row, consent)
        problems = []
        if not consent_valid(signed_at, self.ctx.today(), settings.consent_validity_days, settings.time_zone):
            problems.append("consent_expired")
        current = self.ctx.forms.current(consent["form"]["procedure"], consent["form"]["language"])
        if current.content_sha256 != form_sha:
            problems.append("form_changed")
        return problems

    def seal(self, actor: Actor, draft_id: str) -> SealedRecord:
        require(actor, "verification.seal")
        demo = self._is_demo(draft_id)
        draft = self.load(actor, draft_id)
        form = self.form_of(draft)
        settings = self.ctx.settings()
        result = draft.evaluate(form, settings.thresholds)
        if not result.complete:
            missing = [m.item_id for m in result.missing]
            raise InvalidState("checklist_incomplete", f"{len(missing)} required item(s) unanswered: "
                               + ", ".join(missing), missing=",".join(missing))
        if not draft.reconfirmed_by:
            raise InvalidState("consent_not_reconfirmed", "reconfirm the consent before completing the verification")
        form_info = self.ctx.forms.form_info(form)
        identity, tz = self.sealer.prepare(demo=demo)
        with self.ctx.db.transaction(read_only=True) as s:
            patient_id = self._consent(s, draft.consent_record_id)[0].patient_id
            staff = {"nurse": staff_entry(actor), **overriding_physicians(s, draft.overrides)}

        def build(head: str, record_id: str, now: str) -> dict:
            return draft.build_record(form=form, form_info=form_info, record_id=record_id,
                                      institution=settings.institution, staff=staff,
                                      thresholds=settings.thresholds, audit_head=head, created_at=draft.created_at,
                                      signed_at=now, demo=demo, verified_by={**staff_entry(actor), "at": now})

        with self.ctx.db.transaction() as s:
            sealed = self.sealer.seal(s, actor=actor, kind="verification", form=form, build=build,
                                      patient_id=patient_id, is_demo=demo, identity=identity, tz=tz,
                                      refers_to=draft.consent_record_id)
            repo.drafts.mark_sealed(s, draft_id, at=self.ctx.clock.now())
        return sealed

    def readiness(self, actor: Actor, consent_record_id: str) -> Readiness:
        """Ready = a valid consent (signed, not expired, form unchanged) + a sealed readiness check clear."""
        require(actor, "record.view")
        settings = self.ctx.settings()
        with self.ctx.db.transaction(read_only=True) as s:
            row, consent = self._consent(s, consent_record_id)
            later = [stored_record(r) for r in repo.records.list_referring(s, consent_record_id)]
            signed_at = _consent_signed_at(row, consent)
        if any(r["kind"] in ("withdrawal", "correction") for r in later):
            return Readiness(False, ("consent_superseded",))
        checks = [r for r in later if r["kind"] == "verification"]
        latest = checks[-1] if checks else None
        current = self.ctx.forms.current(consent["form"]["procedure"], consent["form"]["language"])
        return readiness(
            consent_signed_at=signed_at, consent_form_sha=consent["form"]["content_sha256"],
            current_form_sha=current.content_sha256, validity_days=settings.consent_validity_days,
            on=self.ctx.today(), open_blocks=latest["open_blocks"] if latest else (),
            overridden=(), check_complete=latest is not None, tz=settings.time_zone)
