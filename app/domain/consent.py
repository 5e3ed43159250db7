"""A consent session in progress (the draft) and the canonical record it becomes.

The draft is plain data so that it can be autosaved as JSON after every step and resumed after a
crash. Nothing here touches storage: services load and save it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from .errors import InvalidInput, InvalidState
from .form import USUAL_ANAESTHESIA, Form
from .patient import Patient, ProcedurePlan, parse_date
from .record import RECORD_SCHEMA
from .rules import (
    check_justification_ids,
    fracture_age_days,
    indication_warnings,
    missing_roles,
    required_roles,
    risk_figure,
)
from .checklist import evaluate
from .readiness import answer_item, checklist_rows, fracture_of, with_override
from .signature import Signature
from .text import clean_text

MAX_QUESTIONS = 50


@dataclass
class ConsentDraft:
    draft_id: str
    form_sha: str
    patient: dict[str, Any]
    plan: dict[str, Any]
    created_by: str
    created_at: str
    step: str = "discussion"
    identity_verified_by: str = ""
    representative: bool = False
    patient_mark: bool = False
    interpreter: bool = False
    acknowledged: list[dict[str, Any]] = field(default_factory=list)
    questions: list[dict[str, Any]] = field(default_factory=list)
    teach_back: list[dict[str, Any]] = field(default_factory=list)
    overrides: list[dict[str, Any]] = field(default_factory=list)
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)  # checklist at the same visit
    # The patient's own yes/no choices (a biopsy through the same needle; treating a level not
    # written on the form): choice id -> {value: "yes"|"no", by: "patient"|"staff", staff, at}.
    choices: dict[str, dict[str, Any]] = field(default_factory=dict)
    signatures: list[dict[str, Any]] = field(default_factory=list)
    outcome: str = "consent"  # or "refusal"
    demo: bool = False  # a demonstration or training session (unapproved forms allowed, watermarked)
    patient_id: int | None = None

    # --- persistence -------------------------------------------------------------------------
    def to_state(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> "ConsentDraft":
        return cls(**state)

    # --- steps ---------------------------------------------------------------------------------
    def acknowledge(self, form: Form, section_id: str, by: str, staff: str, at: str) -> None:
        form.section(section_id)  # KeyError -> unknown section
        if by not in ("staff", "patient"):
            raise InvalidInput("acknowledge_by_invalid", "acknowledged by must be staff or patient")
        if any(a["section"] == section_id and a["by"] == by for a in self.acknowledged):
            return
        self.acknowledged.append({"section": section_id, "by": by, "staff": staff, "at": at})

    def unacknowledged(self, form: Form, by: str = "staff") -> list[str]:
        done = {a["section"] for a in self.acknowledged if a["by"] == by}
        return [s.id for s in form.sections if s.id not in done]

    def add_question(self, text: str, at: str, answer: str = "") -> None:
        if len(self.questions) >= MAX_QUESTIONS:
            raise InvalidInput("too_many_questions", "questions: too many recorded for one consent")
        self.questions.append({
            "text": clean_text(text, "question", max_len=1000, allow_newlines=True),
            "answer": clean_text(answer, "answer", max_len=2000, required=False, allow_newlines=True),
            "at": at,
        })

    def add_teach_back(self, form: Form, item_id: str, answer: str, by: str, at: str) -> None:
        if item_id not in {t.id for t in form.teach_back}:
            raise InvalidInput("teach_back_unknown", f"teach-back: unknown question '{item_id[:40]}'")
        self.teach_back = [t for t in self.teach_back if t["id"] != item_id]
        self.teach_back.append({"id": item_id, "answer": clean_text(answer, "teach_back", max_len=1000,
                                                                   allow_newlines=True),
                                "by": by, "at": at})

    def add_override(self, item: str, reason: str, by: str, at: str) -> None:
        self.overrides = with_override(self.overrides, item, reason, by, at)

    def answer(self, form: Form, item_id: str, raw: object, by: str, at: str, role: str = "") -> object:
        return answer_item(form, self.answers, item_id, raw, by, at,
                           fracture_of(form, self.plan.get("indication")), role)

    def choose(self, form: Form, choice_id: str, value: object, by: str, staff: str, at: str) -> None:
        """The patient's answer to one of the form's separate yes/no questions."""
        try:
            form.patient_choice(choice_id)
        except KeyError:
            raise InvalidInput("patient_choice_unknown", f"unknown choice '{str(choice_id)[:40]}'") from None
        if value not in ("yes", "no"):
            raise InvalidInput("patient_choice_invalid", "a patient's choice is yes or no")
        if by not in ("patient", "staff"):
            raise InvalidInput("choice_by_invalid", "a choice is recorded by the patient or by staff")
        if self.signatures:
            raise InvalidState("already_signing", "signatures have been collected; start again to change")
        self.choices[choice_id] = {"value": value, "by": by, "staff": staff, "at": at}

    def unanswered_choices(self, form: Form) -> list[str]:
        return [c.id for c in form.patient_choices if c.id not in self.choices]

    def add_signature(self, signature: Signature) -> None:
        if any(s["role"] == signature.role for s in self.signatures):
            raise InvalidState("already_signed", f"{signature.role} has already signed", role=signature.role)
        if signature.role in ("patient", "representative"):
            self.patient_mark = signature.method == "mark"
            self.representative = signature.role == "representative"
        self.signatures.append(signature.to_record())

    def required_roles(self) -> tuple[str, ...]:
        return required_roles(representative=self.representative, patient_mark=self.patient_mark,
                              interpreter=self.interpreter, refusal=self.outcome == "refusal")

    def missing_signatures(self) -> list[str]:
        return missing_roles(self.required_roles(), (s["role"] for s in self.signatures))

    # --- the record ----------------------------------------------------------------------------
    def plan_obj(self) -> ProcedurePlan:
        p = self.plan
        return ProcedurePlan(
            procedure=p["procedure"], levels=tuple(p["levels"]), indication=p["indication"],
            fracture_date=parse_date(p.get("fracture_date"), "fracture_date", required=False),
            planned_date=parse_date(p["planned_date"], "planned_date"),
            stated_risk=p.get("stated_risk", ""),
            conservative_failed=tuple(p.get("conservative_failed", ())),
            immediate_criteria=tuple(p.get("immediate_criteria", ())),
            anaesthesia=p.get("anaesthesia", ""), consultant=p.get("consultant", ""),
        )

    def open_warnings(self, form: Form) -> list[dict[str, Any]]:
        """Warnings (eight weeks, missing justification) not yet overridden by a physician."""
        done = {o["item"] for o in self.overrides}
        return [w.to_record() for w in indication_warnings(form, self.plan_obj()) if w.code not in done]

    def check_ready_to_seal(self, form: Form) -> None:
        if not self.identity_verified_by:
            raise InvalidState("identity_not_verified", "the patient's identity has not been verified")
        if self.outcome == "consent":
            missing = self.unacknowledged(form)
            if missing:
                raise InvalidState("sections_not_acknowledged",
                                   f"{len(missing)} section(s) not yet explained", sections=len(missing))
            unanswered = self.unanswered_choices(form)
            if unanswered:
                raise InvalidState("patient_choices_missing", "the patient has not answered: " + ", ".join(unanswered),
                                   choices=",".join(unanswered))
        missing_sig = self.missing_signatures()
        if missing_sig:
            raise InvalidState("signatures_missing", "missing signature(s): " + ", ".join(missing_sig),
                               roles=",".join(missing_sig))

    def build_record(self, *, form: Form, form_info: dict[str, Any], record_id: str,
                     institution: dict[str, str], staff: dict[str, Any], thresholds: dict[str, float],
                     audit_head: str, created_at: str, signed_at: str, demo: bool,
                     local_settings: dict[str, Any] | None = None) -> dict[str, Any]:
        """The canonical record. ``local_settings``: the institution's values the patient text was
        filled with (phone numbers, trainee policy), kept so the PDF can always be rebuilt."""
        plan = self.plan_obj()
        result = evaluate(form, {k: v["value"] for k, v in self.answers.items()}, self.patient["sex"],
                          thresholds, fracture_of(form, plan.indication))
        check_justification_ids(form, plan)
        procedure = {
            "name": plan.procedure,
            "levels": list(plan.levels),
            "indication": plan.indication,
            "fracture_date": plan.fracture_date.isoformat() if plan.fracture_date else None,
            "planned_date": plan.planned_date.isoformat(),
            "fracture_age_days": fracture_age_days(plan),
            "risk_figure": risk_figure(form, plan),
            "conservative_failed": list(plan.conservative_failed),
            "immediate_criteria": list(plan.immediate_criteria),
            "warnings": [w.to_record() for w in indication_warnings(form, plan)],
        }
        extra: dict[str, Any] = {}
        if form.schema >= 2:  # a record of a schema-1 form keeps exactly the keys it always had
            procedure["anaesthesia"] = plan.anaesthesia
            procedure["consultant"] = plan.consultant
            extra["choices"] = [{"id": c.id, **self.choices[c.id]} for c in form.patient_choices
                                if c.id in self.choices]
            extra["local_settings"] = dict(local_settings or {})
        return {
            **extra,
            "schema": RECORD_SCHEMA,
            "record_id": record_id,
            "kind": self.outcome,
            "refers_to": None,
            "demo": demo,
            "institution": dict(institution),
            "form": dict(form_info),
            "patient": dict(self.patient),
            "procedure": procedure,
            "identity_verified_by": self.identity_verified_by,
            "checklist": checklist_rows(result, self.answers),
            "overrides": list(self.overrides),
            "discussion": {
                "acknowledged": list(self.acknowledged),
                "questions": list(self.questions),
                "teach_back": list(self.teach_back),
            },
            "signatures": list(self.signatures),
            "staff": staff,
            "thresholds": dict(result.thresholds),
            "audit_head": audit_head,
            "created_at": created_at,
            "signed_at": signed_at,
        }


def signature_meaning(form: Form, role: str, *, patient_mark: bool, refusal: bool) -> str:
    """The words a signature carries: what this signer attests, for a consent or a refusal."""
    meanings = form.signature_meanings
    if refusal and role in ("patient", "representative", "witness"):
        return meanings[{"patient": "refusal", "representative": "refusal_representative",
                         "witness": "refusal_witness"}[role]]
    if role == "witness" and patient_mark:
        return meanings["witness_mark"]
    return meanings.get(role, "")


def new_draft(*, draft_id: str, form: Form, patient: Patient, plan: ProcedurePlan, created_by: str,
              created_at: str, interpreter: bool = False) -> ConsentDraft:
    check_justification_ids(form, plan)
    risk_figure(form, plan)  # "other" needs the physician's stated figure up front
    if not plan.anaesthesia:  # a plan built in code without one: what is usual for the procedure
        plan = replace(plan, anaesthesia=USUAL_ANAESTHESIA.get(plan.procedure, ""))
    if form.anaesthesia and plan.anaesthesia not in {a.id for a in form.anaesthesia}:
        raise InvalidInput("anaesthesia_invalid", "anaesthesia: this form does not offer it", field="anaesthesia")
    return ConsentDraft(
        draft_id=draft_id, form_sha=form.content_sha256, patient=patient.to_record(),
        plan={
            "procedure": plan.procedure, "levels": list(plan.levels), "indication": plan.indication,
            "fracture_date": plan.fracture_date.isoformat() if plan.fracture_date else None,
            "planned_date": plan.planned_date.isoformat(), "stated_risk": plan.stated_risk,
            "conservative_failed": list(plan.conservative_failed),
            "immediate_criteria": list(plan.immediate_criteria),
            "anaesthesia": plan.anaesthesia, "consultant": plan.consultant,
        },
        created_by=created_by, created_at=created_at, interpreter=interpreter,
    )
