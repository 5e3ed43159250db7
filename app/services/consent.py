"""The consent at the desk: start, discuss, sign, seal. Every step autosaves the draft.

Each method takes the signed-in staff member first and checks the role; the screens only mirror
what these methods allow. Audit events carry draft and record ids, never patient data.
"""
from __future__ import annotations

import logging
from typing import Any, Callable, Mapping

from app.domain.clock import utc_iso
from app.domain.consent import ConsentDraft, new_draft, signature_meaning
from app.domain.errors import InvalidInput, InvalidState, NotFound
from app.domain.intake import clean_intake
from app.domain.form import Form
from app.domain.form_text import patient_form, patient_values
from app.domain.patient import Patient, patient_from_mapping, plan_from_mapping
from app.domain.roles import Actor, require
from app.domain.signature import make_signature
from app.domain.text import fold_for_search
from app.storage import repositories as repo

from .auth import AuthService
from .readiness import overriding_physicians
from .seal.sealing import Sealer, SealedRecord

log = logging.getLogger(__name__)
INTAKE_STEP = "intake"  # a draft holding what is typed on the patient page, before the consent starts


def upsert_patient(session, patient: Patient, at, *, correcting: bool = False) -> int:
    """The patient's row: created, or completed (an empty Latin name or national ID filled in).

    A registered identity never changes silently: a different name, birth date or sex for the same
    MRN is refused; only a correction record (``correcting``) changes it, with its own audit trail.
    """
    existing = repo.patients.get_by_mrn(session, patient.mrn)
    if existing is not None and not correcting:
        differs = (existing.name_ar != patient.name_ar or existing.birth_date != patient.birth_date
                   or existing.sex != patient.sex
                   or (existing.name_latin and patient.name_latin and existing.name_latin != patient.name_latin)
                   or (existing.national_id and patient.national_id and existing.national_id != patient.national_id))
        if differs:
            raise InvalidInput("patient_mismatch", "a patient with this MRN is registered with other details")
        patient = Patient(patient.name_ar, patient.name_latin or existing.name_latin or "", patient.mrn,
                          patient.national_id or existing.national_id or "", patient.birth_date, patient.sex)
    words = fold_for_search(f"{patient.name_ar} {patient.name_latin}").split()
    row = repo.patients.upsert(session, mrn=patient.mrn, name_ar=patient.name_ar,
                               name_latin=patient.name_latin or None, birth_date=patient.birth_date,
                               sex=patient.sex, search_words=words, national_id=patient.national_id or None,
                               at=at)
    return row.id


def _open_row_state(session, draft_id: str) -> dict:
    row = repo.drafts.get(session, draft_id)
    if row is None or row.kind != "consent":
        raise NotFound("draft_missing", "no such consent in progress")
    if row.status != "open":
        raise InvalidState("draft_closed", f"this consent is {row.status}")
    return row.state


def _open_state(session, draft_id: str) -> dict:
    state = _open_row_state(session, draft_id)
    if state.get("step") == INTAKE_STEP:
        raise InvalidState("consent_not_started", "the patient's details are still being typed")
    return state


def _is_minor(draft: ConsentDraft, today) -> bool:
    """Under 18 on the day: a legal representative signs instead of the patient."""
    from app.domain.patient import parse_date
    from app.domain.rules import representative_required

    fields = {**draft.patient, "birth_date": parse_date(draft.patient["birth_date"], "birth_date")}
    return representative_required(Patient(**fields), today)


def _thresholds_for(form: Form, local: Mapping[str, Any]) -> dict[str, Any]:
    """The local thresholds this form knows (a setting for another form's threshold is not its concern)."""
    return {k: v for k, v in (local or {}).items() if k in form.thresholds}


class ConsentDesk:
    def __init__(self, ctx, auth: AuthService | None = None) -> None:
        self.ctx = ctx
        self.auth = auth or AuthService(ctx)
        self.sealer = Sealer(ctx)
        # Runs inside each step's transaction (a patient tablet's step: recorded once, refused after
        # its hand-off ended; app.services.handoff). None at the desk.
        self.step_hook = None

    # --- drafts -----------------------------------------------------------------------------------
    def save_intake(self, actor: Actor, draft_id: str | None, fields: Mapping[str, Any]) -> str:
        """Keep what is typed on the patient page, from the first keystroke: a draft of a consent not yet
        started (checked only by ``start``). Returns the draft id (a new one when ``draft_id`` is None).

        Only its creation is audited (one event, not one per keystroke); it carries no patient data.
        """
        require(actor, "consent.start")
        fields = clean_intake(fields)
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            if draft_id is None:
                row = repo.drafts.create(s, kind="consent", created_by=actor.user_id,
                                         state={"step": INTAKE_STEP, "intake": fields}, at=now)
                self.ctx.audit.append(s, actor.username, "consent.intake_started", subject=f"draft:{row.id}", at=now)
                return row.id
            if _open_row_state(s, draft_id).get("step") != INTAKE_STEP:
                raise InvalidState("consent_started", "this consent has started; its details are kept in it")
            repo.drafts.save_state(s, draft_id, {"step": INTAKE_STEP, "intake": fields}, at=now)
        return draft_id

    def intake(self, actor: Actor, draft_id: str) -> dict[str, Any] | None:
        """What was typed for a consent not started yet; None once the consent has started."""
        require(actor, "consent.discuss")
        with self.ctx.db.transaction(read_only=True) as s:
            state = _open_row_state(s, draft_id)
        return dict(state.get("intake") or {}) if state.get("step") == INTAKE_STEP else None

    def start(self, actor: Actor, patient_data: Mapping[str, Any], plan_data: Mapping[str, Any], *,
              interpreter: bool = False, demo: bool = False, draft_id: str | None = None) -> str:
        """Start the consent (everything checked); ``draft_id``: the typed draft it grows from."""
        require(actor, "consent.start")
        today = self.ctx.today()
        patient = patient_from_mapping(patient_data, today)
        plan = plan_from_mapping(plan_data, today)
        form = self.ctx.forms.current(plan.procedure)
        if not demo and self.ctx.forms.approval(form.content_sha256)[0] is None:
            raise InvalidState("form_not_approved",
                               "this form version is not approved by a physician; use it for training only")
        if not demo:
            self._require_phones()
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            patient_id = upsert_patient(s, patient, now)
            if draft_id is not None:
                if _open_row_state(s, draft_id).get("step") != INTAKE_STEP:
                    raise InvalidState("consent_started", "this consent has already started")
            else:
                draft_id = repo.drafts.create(s, kind="consent", created_by=actor.user_id, state={},
                                              patient_id=patient_id, at=now).id
            draft = new_draft(draft_id=draft_id, form=form, patient=patient, plan=plan, created_by=actor.username,
                              created_at=utc_iso(now), interpreter=interpreter)
            draft.demo, draft.patient_id = demo, patient_id
            repo.drafts.save_state(s, draft_id, draft.to_state(), patient_id=patient_id, at=now)
            self.ctx.audit.append(s, actor.username, "consent.started", subject=f"draft:{draft_id}",
                                  details={"procedure": plan.procedure, "demo": demo}, at=now)
        return draft_id

    def update_details(self, actor: Actor, draft_id: str, patient_data: Mapping[str, Any],
                       plan_data: Mapping[str, Any]) -> ConsentDraft:
        """Correct the patient or procedure before the discussion starts (a typo, a level)."""
        require(actor, "consent.start")
        today = self.ctx.today()
        patient = patient_from_mapping(patient_data, today)
        plan = plan_from_mapping(plan_data, today)
        draft = self.load(actor, draft_id)
        if draft.acknowledged or draft.signatures:
            raise InvalidState("discussion_started", "the discussion has started; start a new consent to change details")
        form = self.ctx.forms.current(plan.procedure)
        fresh = new_draft(draft_id=draft_id, form=form, patient=patient, plan=plan, created_by=draft.created_by,
                          created_at=draft.created_at, interpreter=draft.interpreter)
        fresh.demo = draft.demo
        # The patient's questions and the answers given stay with the consent whatever the details say;
        # what rests on the old details (identity confirmed, the form's items) is asked again.
        fresh.questions = [dict(q) for q in draft.questions]
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            self.ctx.db.lock_writes(s)
            # Another station (a desk, the tablet) may have taken a step since the draft was read:
            # replacing the draft now would lose it.
            if _open_state(s, draft_id) != draft.to_state():
                raise InvalidState("draft_changed_elsewhere",
                                   "the consent changed meanwhile at another station; look at it again")
            fresh.patient_id = upsert_patient(s, patient, now)
            repo.drafts.save_state(s, draft_id, fresh.to_state(), patient_id=fresh.patient_id, at=now)
            self.ctx.audit.append(s, actor.username, "consent.details_corrected", subject=f"draft:{draft_id}", at=now)
        return fresh

    def load(self, actor: Actor, draft_id: str) -> ConsentDraft:
        require(actor, "consent.discuss")
        with self.ctx.db.transaction(read_only=True) as s:
            return ConsentDraft.from_state(_open_state(s, draft_id))

    def form_of(self, draft: ConsentDraft) -> Form:
        return self.ctx.forms.by_sha(draft.form_sha)

    def patient_form(self, draft: ConsentDraft) -> Form:
        """The draft's form as this patient reads it: placeholders filled from the settings in force
        (phone numbers, fasting hours, fever threshold), addressed by the patient's sex, with the
        alternatives of the patient's indication. The sealed record keeps these values."""
        form = self.form_of(draft)
        settings = self.ctx.settings()
        plan = draft.plan
        return patient_form(form, patient_values(
            form, sex=draft.patient.get("sex"), indication=plan["indication"], anaesthesia=plan.get("anaesthesia", ""),
            thresholds=_thresholds_for(form, settings.thresholds), local=settings.local))

    def _require_phones(self) -> None:
        missing = self.ctx.settings().phones_missing
        if missing:
            raise InvalidState("team_phones_missing", "the numbers the patient must be given are not set: "
                               + ", ".join(missing), settings=",".join(missing))

    def open_drafts(self, actor: Actor) -> list[dict[str, Any]]:
        require(actor, "consent.discuss")
        with self.ctx.db.transaction(read_only=True) as s:
            return [{"draft_id": d.id, "updated_at": d.updated_at, "state": d.state}
                    for d in repo.drafts.list_open(s, kind="consent")]

    def _step(self, actor: Actor, draft_id: str, step: str, change: Callable[[ConsentDraft, Form, str], None],
              action: str = "consent.discuss", **audit_details: Any) -> ConsentDraft:
        """Apply one step and autosave it, in one transaction."""
        require(actor, action)
        now = self.ctx.clock.now()
        # Read, change and save under the write lock: two screens working on the same consent
        # (the desk and the patient's tablet) never overwrite each other's steps.
        with self.ctx.db.transaction() as s:
            self.ctx.db.lock_writes(s)
            hook = self.step_hook
            if hook is not None and (done := hook.before(s, draft_id)) is not None:
                return done  # a step sent again after a lost connection: already applied
            draft = ConsentDraft.from_state(_open_state(s, draft_id))
            change(draft, self.form_of(draft), utc_iso(now))
            draft.step = step
            repo.drafts.save_state(s, draft_id, draft.to_state(), at=now)
            self.ctx.audit.append(s, actor.username, f"consent.{step}", subject=f"draft:{draft_id}",
                                  details=audit_details or None, at=now)
            if hook is not None:
                hook.after(s, draft_id, draft)
        return draft

    # --- discussion -------------------------------------------------------------------------------
    def confirm_identity(self, actor: Actor, draft_id: str) -> ConsentDraft:
        def change(d: ConsentDraft, f: Form, at: str) -> None:
            d.identity_verified_by = actor.username
        return self._step(actor, draft_id, "identity_verified", change)

    def acknowledge(self, actor: Actor, draft_id: str, section_id: str, by: str = "staff") -> ConsentDraft:
        def change(d: ConsentDraft, f: Form, at: str) -> None:
            try:
                d.acknowledge(f, section_id, by, actor.username, at)
            except KeyError:
                raise InvalidInput("section_unknown", f"unknown section '{section_id[:40]}'") from None
        return self._step(actor, draft_id, "acknowledged", change, section=section_id[:40], by=by)

    def add_question(self, actor: Actor, draft_id: str, text: str, answer: str = "") -> ConsentDraft:
        return self._step(actor, draft_id, "question", lambda d, f, at: d.add_question(text, at, answer))

    def teach_back(self, actor: Actor, draft_id: str, item_id: str, answer: str) -> ConsentDraft:
        return self._step(actor, draft_id, "teach_back",
                          lambda d, f, at: d.add_teach_back(f, item_id, answer, actor.username, at),
                          item=item_id[:40])

    def answer_checklist(self, actor: Actor, draft_id: str, item_id: str, raw: object) -> ConsentDraft:
        return self._step(actor, draft_id, "checklist",
                          lambda d, f, at: d.answer(f, item_id, raw, actor.username, at, actor.role),
                          action="verification.answer", item=item_id[:40])

    def choose(self, actor: Actor, draft_id: str, choice_id: str, value: str, by: str = "staff") -> ConsentDraft:
        """The patient's yes or no to one of the form's separate questions (a biopsy through the same
        needle; treating a level not written on the form), on the patient screen (``by="patient"``)
        or told to the staff member at the desk."""
        return self._step(actor, draft_id, "choice",
                          lambda d, f, at: d.choose(f, choice_id, value, by, actor.username, at),
                          choice=str(choice_id)[:40], by=by)

    def set_interpreter(self, actor: Actor, draft_id: str, used: bool) -> ConsentDraft:
        def change(d: ConsentDraft, f: Form, at: str) -> None:
            d.interpreter = bool(used)
        return self._step(actor, draft_id, "interpreter", change, used=bool(used))

    def set_outcome(self, actor: Actor, draft_id: str, outcome: str) -> ConsentDraft:
        if outcome not in ("consent", "refusal"):
            raise InvalidInput("outcome_invalid", "outcome: consent or refusal")

        def change(d: ConsentDraft, f: Form, at: str) -> None:
            if d.signatures:
                raise InvalidState("already_signing", "signatures have been collected; start again to change")
            d.outcome = outcome
        return self._step(actor, draft_id, "outcome", change, outcome=outcome)

    def override_warning(self, actor: Actor, password: str, draft_id: str, item: str, reason: str) -> ConsentDraft:
        """A physician accepts a warning (e.g. fracture older than eight weeks) with a reason."""
        require(actor, "verification.override")
        actor = require(self.auth.confirm(actor, password, "override"), "verification.override")

        def change(d: ConsentDraft, f: Form, at: str) -> None:
            known = {w["code"] for w in d.open_warnings(f)} | {o["item"] for o in d.overrides}
            if item not in known:
                raise InvalidInput("override_unknown", "there is no such warning to override")
            d.add_override(item, reason, actor.username, at)
        return self._step(actor, draft_id, "override", change, action="verification.override", item=item[:40])

    # --- signatures -------------------------------------------------------------------------------
    def sign(self, actor: Actor, draft_id: str, *, role: str, strokes: Any, name: str = "", method: str = "drawn",
             relationship: str = "", reason: str = "", language: str = "", password: str | None = None) -> ConsentDraft:
        """Add one signature. The physician signs as themself and re-enters their password."""
        username = ""
        if role == "physician":
            require(actor, "consent.sign_physician")
            actor = self.auth.confirm(actor, password or "", "sign")
            require(actor, "consent.sign_physician")
            name, username = actor.name_ar, actor.username

        def change(d: ConsentDraft, f: Form, at: str) -> None:
            if role == "patient" and _is_minor(d, self.ctx.today()):
                raise InvalidState("representative_required",
                                   "the patient is under 18: a legal representative signs for them")
            if role == "witness" and not any(s["role"] in ("patient", "representative") for s in d.signatures):
                # What the witness attests depends on how the patient signed (a mark: the reading).
                raise InvalidState("patient_signs_first", "the patient or representative signs before the witness")
            meaning = signature_meaning(f, role, patient_mark=d.patient_mark or method == "mark",
                                        refusal=d.outcome == "refusal")
            d.add_signature(make_signature(role=role, name=name, meaning=meaning, signed_at=at, method=method,
                                           strokes=strokes, relationship=relationship, reason=reason,
                                           language=language, username=username))
        return self._step(actor, draft_id, "signed", change, role=role, method=method)

    # --- sealing ----------------------------------------------------------------------------------
    def seal(self, actor: Actor, draft_id: str) -> SealedRecord:
        require(actor, "consent.seal")
        draft = self.load(actor, draft_id)
        form = self.form_of(draft)
        draft.check_ready_to_seal(form)
        if _is_minor(draft, self.ctx.today()) and not any(s["role"] == "representative" for s in draft.signatures):
            raise InvalidState("representative_required",
                               "the patient is under 18: a legal representative signs for them")
        form_info = self.ctx.forms.form_info(form)
        if not draft.demo and form_info["approved_by"] is None:
            raise InvalidState("form_not_approved", "this form version is not approved by a physician")
        if not draft.demo:
            self._require_phones()
        settings = self.ctx.settings()
        identity, tz = self.sealer.prepare(demo=draft.demo)
        staff = self._staff(draft)

        def build(head: str, record_id: str, now: str) -> dict:
            return draft.build_record(form=form, form_info=form_info, record_id=record_id,
                                      institution=settings.institution, staff=staff,
                                      thresholds=settings.thresholds, audit_head=head, created_at=draft.created_at,
                                      signed_at=now, demo=draft.demo, local_settings=settings.local)

        with self.ctx.db.transaction() as s:
            self.ctx.db.lock_writes(s)
            if _open_state(s, draft_id) != draft.to_state():  # a step landed since it was read
                raise InvalidState("draft_changed", "the consent changed while sealing; try again")
            if repo.stations.open_for_draft(s, draft_id) is not None:  # the tablet may hold steps
                raise InvalidState("consent_on_tablet", "the consent is on a patient tablet; take it back first")
            sealed = self.sealer.seal(s, actor=actor, kind=draft.outcome, form=form, build=build,
                                      patient_id=draft.patient_id, is_demo=draft.demo, identity=identity, tz=tz)
            repo.drafts.mark_sealed(s, draft_id, at=self.ctx.clock.now())
        return sealed

    def _staff(self, draft: ConsentDraft) -> dict[str, Any]:
        names: dict[str, Any] = {}
        with self.ctx.db.transaction(read_only=True) as s:
            creator = repo.users.get_by_username(s, draft.created_by)
            if creator is not None:
                names[creator.role if creator.role != "admin" else "nurse"] = {
                    "username": creator.username, "name": creator.name_ar}
            overriders = overriding_physicians(s, draft.overrides)
        for sig in draft.signatures:
            if sig["role"] == "physician" and sig.get("username"):
                names["physician"] = {"username": sig["username"], "name": sig["name"]}
        known = {v["username"] for v in names.values()}
        names.update({k: v for k, v in overriders.items() if v["username"] not in known})
        return names

    def discard(self, actor: Actor, draft_id: str) -> None:
        require(actor, "consent.discuss")
        with self.ctx.db.transaction() as s:
            if repo.stations.open_for_draft(s, draft_id) is not None:
                raise InvalidState("consent_on_tablet", "the consent is on a patient tablet; take it back first")
            repo.drafts.discard(s, draft_id, at=self.ctx.clock.now())
            self.ctx.audit.append(s, actor.username, "consent.discarded", subject=f"draft:{draft_id}",
                                  at=self.ctx.clock.now())

    def record_copy(self, actor: Actor, record_id: str, given: bool) -> None:
        """The patient was offered a copy: given or declined is recorded."""
        require(actor, "consent.record_copy")
        with self.ctx.db.transaction() as s:
            if repo.records.get(s, record_id) is None:
                raise NotFound("record_missing", "no such record")
            kind = "copy_given" if given else "copy_declined"
            repo.record_events.add(s, record_id=record_id, kind=kind, by_user_id=actor.user_id,
                                   at=self.ctx.clock.now())
            self.ctx.audit.append(s, actor.username, f"record.{kind}", subject=record_id, at=self.ctx.clock.now())
