"""Outcomes after signing: a withdrawal before the procedure, and a correction of a wrong detail.

Both are new sealed records that refer to the original, which stays untouched (signed rows are
immutable in the database). The original then shows as *withdrawn* or *superseded* (derived from the
records that refer to it, see :mod:`app.services.archive`).

* Withdrawal: the patient (or representative) signs, by pen or mark, and a second staff member
  witnesses: the witness is not the one entering it, confirms with their own password, and the
  witness signature is theirs (strokes passed in like ``ConsentDesk.sign``). Not after the procedure
  was performed, and not of a record already withdrawn or superseded (withdraw the correcting record
  instead).
* Correction: a physician (password re-entered) gives a reason and the corrected fields, and a second
  staff member witnesses with their own password; the new record (kind "correction") is the original
  with those fields changed, a ``correction`` block (reason, each change old -> new, who, witness,
  when) and the original's signatures carried over.
"""
from __future__ import annotations

import copy
import logging
from typing import Any, Mapping

from app.domain.errors import InvalidInput, InvalidState, NotFound
from app.domain.levels import normalise_levels
from app.domain.patient import parse_date, patient_from_mapping
from app.domain.record import RECORD_SCHEMA
from app.domain.roles import Actor, require
from app.domain.signature import make_signature
from app.domain.text import clean_text
from app.storage import repositories as repo
from app.storage.archive_sql import later_record

from .auth import AuthService
from .consent import upsert_patient
from .record_match import sealed_record_of
from .seal.sealing import Sealer, SealedRecord, staff_entry

log = logging.getLogger(__name__)

WITHDRAWAL_STATEMENT = (
    "أُقرّ بأنني أعدل، بإرادتي الحرة وقبل إجراء العملية، عن موافقتي على الإجراء الموثقة في السجل "
    "المشار إليه، وقد شُرحت لي عواقب عدم إجرائه والبدائل المتاحة، وأعلم أنه يمكنني طلب الإجراء لاحقاً "
    "بموافقة جديدة."
)
MEANING_PATIENT = "أعدل عن موافقتي على الإجراء"
MEANING_REPRESENTATIVE = "أعدل، بصفتي الممثل النظامي للمريض، عن الموافقة على الإجراء"
MEANING_WITNESS = "شهدتُ عدول المريض عن موافقته، وقد قُرئ عليه نص العدول"

PATIENT_FIELDS = ("name_ar", "name_latin", "mrn", "national_id", "birth_date", "sex")
PROCEDURE_FIELDS = ("levels", "planned_date", "fracture_date")
CORRECTABLE = tuple(f"patient.{f}" for f in PATIENT_FIELDS) + tuple(f"procedure.{f}" for f in PROCEDURE_FIELDS)
WITHDRAWABLE = ("consent", "correction")
CORRECTABLE_KINDS = ("consent", "refusal", "correction")


def _recompute_derived(form, procedure: dict) -> None:
    """What follows from the corrected values: the fracture's age, the warnings, the risk figure."""
    from app.domain.patient import ProcedurePlan, parse_date
    from app.domain.rules import fracture_age_days, indication_warnings, risk_figure

    indication = form.indications[procedure["indication"]]
    plan = ProcedurePlan(
        procedure=procedure["name"], levels=tuple(procedure["levels"]), indication=procedure["indication"],
        fracture_date=parse_date(procedure.get("fracture_date"), "fracture_date", required=False),
        planned_date=parse_date(procedure["planned_date"], "planned_date"),
        stated_risk="" if indication.risk is not None else str(procedure.get("risk_figure") or ""),
        conservative_failed=tuple(procedure.get("conservative_failed") or ()),
        immediate_criteria=tuple(procedure.get("immediate_criteria") or ()))
    if indication.fracture and plan.fracture_date is None:
        raise InvalidInput("fracture_date_required",
                           "fracture_date: is required for a fracture (osteoporotic or malignant collapse)")
    procedure["fracture_age_days"] = fracture_age_days(plan)
    procedure["warnings"] = [w.to_record() for w in indication_warnings(form, plan)]
    procedure["risk_figure"] = risk_figure(form, plan)


class OutcomesService:
    def __init__(self, ctx, auth: AuthService | None = None) -> None:
        self.ctx = ctx
        self.auth = auth or AuthService(ctx)
        self.sealer = Sealer(ctx)

    # ------------------------------------------------------------------ shared
    def _original(self, session, record_id: str) -> tuple[Any, dict]:
        row = repo.records.get(session, record_id)
        if row is None:
            raise NotFound("record_missing", "no such record")
        return row, sealed_record_of(session, row)

    def _refuse_if_changed(self, session, record_id: str) -> None:
        superseded = later_record(session, record_id, ("correction",))
        if superseded:
            raise InvalidState("record_superseded", f"this record was superseded by {superseded}; act on that one",
                               by=superseded)
        withdrawn = later_record(session, record_id, ("withdrawal",))
        if withdrawn:
            raise InvalidState("record_withdrawn", f"this consent was already withdrawn ({withdrawn})", by=withdrawn)

    # ------------------------------------------------------------------ withdrawal
    def withdraw(self, actor: Actor, record_id: str, *, patient_strokes: Any, witness_strokes: Any,
                 witness_username: str = "", witness_password: str = "",
                 signer_role: str = "patient", name: str = "", method: str = "drawn", relationship: str = "",
                 representative_reason: str = "", reason: str = "") -> SealedRecord:
        """The patient withdraws a signed consent before the procedure; the actor enters it and a second
        staff member (``witness_username``, confirmed by ``witness_password``) witnesses and signs."""
        require(actor, "record.withdraw")
        if signer_role not in ("patient", "representative"):
            raise InvalidInput("signer_role_invalid", "the patient or the legal representative withdraws")
        reason = clean_text(reason, "withdrawal.reason", max_len=500, required=False, allow_newlines=True)
        with self.ctx.db.transaction(read_only=True) as s:
            row, original = self._original(s, record_id)
        kind = original.get("kind")
        if kind not in WITHDRAWABLE or (kind == "correction" and original.get("correction", {}).get("corrects_kind")
                                         not in (None, "consent")):
            raise InvalidState("not_withdrawable", "only a signed consent can be withdrawn")
        form = self.ctx.forms.by_sha(original["form"]["content_sha256"])
        identity, tz = self.sealer.prepare(demo=bool(row.is_demo))
        settings = self.ctx.settings()
        # Blank pads are refused before a witness's password is tried.
        make_signature(role=signer_role, name="-", meaning=MEANING_PATIENT, signed_at="1970-01-01T00:00:00+00:00",
                       method=method, strokes=patient_strokes, relationship=relationship,
                       reason=representative_reason)
        make_signature(role="witness", name="-", meaning=MEANING_WITNESS, signed_at="1970-01-01T00:00:00+00:00",
                       method="drawn", strokes=witness_strokes)
        witness = self.auth.witness(actor, witness_username, witness_password, "withdrawal_witness")

        def signatures(now: str) -> list[dict]:
            meaning = MEANING_PATIENT if signer_role == "patient" else MEANING_REPRESENTATIVE
            patient_sig = make_signature(role=signer_role, name=name or original["patient"]["name_ar"],
                                         meaning=meaning, signed_at=now, method=method, strokes=patient_strokes,
                                         relationship=relationship, reason=representative_reason)
            witness_sig = make_signature(role="witness", name=witness.name_ar or witness.username,
                                         meaning=MEANING_WITNESS, signed_at=now, method="drawn",
                                         strokes=witness_strokes, username=witness.username)
            return [patient_sig.to_record(), witness_sig.to_record()]

        signatures("1970-01-01T00:00:00+00:00")  # refuse a blank pad before anything is locked

        def build(head: str, new_id: str, now: str) -> dict:
            return {
                "schema": RECORD_SCHEMA, "record_id": new_id, "kind": "withdrawal", "refers_to": record_id,
                "demo": bool(row.is_demo), "institution": settings.institution, "form": dict(original["form"]),
                "patient": dict(original["patient"]), "procedure": dict(original["procedure"]),
                "withdrawal": {"statement": WITHDRAWAL_STATEMENT, "reason": reason,
                               "original_signed_at": original.get("signed_at")},
                "checklist": [], "overrides": [],
                "discussion": {"acknowledged": [], "questions": [], "teach_back": []},
                "signatures": signatures(now),
                "staff": {"witness": staff_entry(witness), "entered_by": staff_entry(actor)},
                "audit_head": head, "created_at": now, "signed_at": now,
            }

        with self.ctx.db.transaction() as s:
            self.ctx.db.lock_writes(s)
            self._refuse_if_changed(s, record_id)
            if repo.record_events.list_for_record(s, record_id, kind="performed"):
                raise InvalidState("procedure_performed", "the procedure was performed; consent can no longer be withdrawn")
            sealed = self.sealer.seal(s, actor=actor, kind="withdrawal", form=form, build=build,
                                      patient_id=row.patient_id, is_demo=bool(row.is_demo), identity=identity, tz=tz,
                                      refers_to=record_id)
            self.ctx.audit.append(s, actor.username, "record.withdrawn", subject=record_id,
                                  details={"by_record": sealed.record_id, "signer": signer_role, "method": method,
                                           "witness": witness.username})
        log.info("consent withdrawn")
        return sealed

    # ------------------------------------------------------------------ correction
    def correct(self, actor: Actor, password: str, record_id: str, *, reason: str,
                changes: Mapping[str, Any], witness_username: str = "", witness_password: str = "") -> SealedRecord:
        """A physician supersedes a record with a wrong detail by a corrected one (reason required),
        witnessed by a second staff member who confirms with their own password."""
        require(actor, "record.correct")
        reason = clean_text(reason, "correction.reason", max_len=500, allow_newlines=True)
        if len(reason) < 5:
            raise InvalidInput("correction_reason_short", "correction: give the reason in a few words")
        if not changes:
            raise InvalidInput("correction_empty", "correction: change at least one field")
        unknown = sorted(set(changes) - set(CORRECTABLE))
        if unknown:
            raise InvalidInput("correction_field_invalid",
                               f"correction: '{unknown[0][:40]}' cannot be corrected; allowed: {', '.join(CORRECTABLE)}")
        self.auth.confirm(actor, password, "correct")
        witness = self.auth.witness(actor, witness_username, witness_password, "correction_witness")
        with self.ctx.db.transaction(read_only=True) as s:
            row, original = self._original(s, record_id)
        if original.get("kind") not in CORRECTABLE_KINDS:
            raise InvalidState("not_correctable", "only a consent, a refusal or a correction can be corrected")
        today = self.ctx.today()
        patient = dict(original["patient"])
        procedure = dict(original["procedure"])
        diffs: list[dict] = []
        for field, value in sorted(changes.items()):
            section, key = field.split(".", 1)
            target = patient if section == "patient" else procedure
            old = target.get(key)
            if section == "procedure":
                value = self._procedure_value(key, value)
            target[key] = value
            diffs.append({"field": field, "old": old, "new": value})
        checked = patient_from_mapping(patient, today)  # every patient field re-validated
        patient = checked.to_record()
        for d in diffs:
            if d["field"].startswith("patient."):
                d["new"] = patient[d["field"].split(".", 1)[1]]
        diffs = [d for d in diffs if d["new"] != d["old"]]
        if not diffs:
            raise InvalidInput("correction_no_change", "correction: the new values equal the recorded ones")
        fracture, planned = procedure.get("fracture_date"), procedure.get("planned_date")
        if fracture and planned and fracture > planned:
            raise InvalidInput("fracture_after_procedure", "fracture_date: cannot be after the planned procedure date")
        form = self.ctx.forms.by_sha(original["form"]["content_sha256"])
        _recompute_derived(form, procedure)
        identity, tz = self.sealer.prepare(demo=bool(row.is_demo))
        corrects_kind = (original.get("correction") or {}).get("corrects_kind") or original["kind"]

        def build(head: str, new_id: str, now: str) -> dict:
            record = copy.deepcopy(original)
            record.update({
                "record_id": new_id, "kind": "correction", "refers_to": record_id, "patient": patient,
                "procedure": procedure, "audit_head": head, "created_at": now, "signed_at": now,
                "correction": {"reason": reason, "changes": diffs, "by": staff_entry(actor),
                               "witness": staff_entry(witness), "at": now,
                               "corrects_kind": corrects_kind, "original_signed_at": original.get("signed_at")},
            })
            record["staff"] = {**(original.get("staff") or {}), "corrector": staff_entry(actor)}
            return record

        with self.ctx.db.transaction() as s:
            self.ctx.db.lock_writes(s)
            self._refuse_if_changed(s, record_id)
            patient_id = upsert_patient(s, checked, self.ctx.clock.now(), correcting=True) if any(
                d["field"].startswith("patient.") for d in diffs) else row.patient_id
            sealed = self.sealer.seal(s, actor=actor, kind="correction", form=form, build=build,
                                      patient_id=patient_id, is_demo=bool(row.is_demo), identity=identity, tz=tz,
                                      refers_to=record_id)
            self.ctx.audit.append(s, actor.username, "record.superseded", subject=record_id,
                                  details={"by_record": sealed.record_id, "fields": [d["field"] for d in diffs],
                                           "witness": witness.username})
        log.info("record corrected")
        return sealed

    @staticmethod
    def _procedure_value(key: str, value: Any) -> Any:
        if key == "levels":
            return list(normalise_levels(value))
        day = parse_date(value, f"procedure.{key}", required=key == "planned_date")
        return day.isoformat() if day else None
