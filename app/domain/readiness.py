"""The pre-procedure readiness check in progress: the nurse's checklist answers with who and when,
and a physician's overrides. It becomes its own sealed record (kind ``verification``), linked to the
consent."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

from .checklist import ChecklistResult, evaluate, is_blank, normalise_answer
from .errors import AccessDenied, InvalidInput
from .form import Form
from .record import RECORD_SCHEMA
from .text import clean_text


def fracture_of(form: Form, indication: str | None) -> bool | None:
    """Whether this indication is a fracture in this form (None when unknown)."""
    ind = form.indications.get(indication or "")
    return None if ind is None else ind.fracture


def answer_item(form: Form, answers: dict[str, dict[str, Any]], item_id: str, raw: object,
                by: str, at: str, fracture: bool | None = None, role: str = "") -> object:
    """Store one normalised answer with who and when (a blank answer clears the item).

    A physician item (the baseline neurological examination, how the level was located...) is
    answered by a physician: ``role`` is the answering staff member's role.
    """
    try:
        item = form.item(item_id)
    except KeyError:
        raise InvalidInput("checklist_item_unknown", f"checklist: unknown item '{item_id[:40]}'") from None
    if item.physician and role != "physician":
        raise AccessDenied("physician_item", f"checklist: a physician answers '{item.id}'", item=item.id,
                           role=role)
    value = None if is_blank(raw) else normalise_answer(item, raw, fracture)
    if value is None:
        answers.pop(item_id, None)
    else:
        answers[item_id] = {"value": value, "by": by, "at": at}
    return value


def checklist_rows(result: ChecklistResult, answers: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The checklist as the record keeps it: every item with value, status, who and when."""
    rows = []
    for status in result.items:
        answered = answers.get(status.item_id, {})
        rows.append({"item": status.item_id, "value": status.value, "status": status.status,
                     "reason": status.reason or "", "by": answered.get("by", ""), "at": answered.get("at", "")})
    return rows


def with_override(overrides: list[dict[str, Any]], item: str, reason: str, by: str, at: str) -> list[dict[str, Any]]:
    """The overrides with a physician's reason for ``item`` (replacing an earlier one for it)."""
    reason = clean_text(reason, "override.reason", max_len=500, allow_newlines=True)
    if len(reason) < 5:
        raise InvalidInput("override_reason_short", "override: give the reason in a few words")
    return [o for o in overrides if o["item"] != item] + [{"item": item, "reason": reason, "by": by, "at": at}]


@dataclass
class ReadinessDraft:
    draft_id: str
    consent_record_id: str
    form_sha: str
    patient: dict[str, Any]
    procedure: dict[str, Any]
    created_by: str
    created_at: str
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)  # item -> {value, by, at}
    overrides: list[dict[str, Any]] = field(default_factory=list)
    consent_warnings: list[dict[str, Any]] = field(default_factory=list)  # open at consent signing
    reconfirmed_by: str = ""
    reconfirmed_at: str = ""

    def to_state(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> "ReadinessDraft":
        return cls(**state)

    def answer(self, form: Form, item_id: str, raw: object, by: str, at: str, role: str = "") -> object:
        return answer_item(form, self.answers, item_id, raw, by, at,
                           fracture_of(form, self.procedure.get("indication")), role)

    def values(self) -> dict[str, object]:
        return {k: v["value"] for k, v in self.answers.items()}

    def evaluate(self, form: Form, thresholds: Mapping[str, float] | None) -> ChecklistResult:
        return evaluate(form, self.values(), self.patient.get("sex"), thresholds,
                        fracture_of(form, self.procedure.get("indication")))

    def override(self, item: str, reason: str, by: str, at: str) -> None:
        self.overrides = with_override(self.overrides, item, reason, by, at)

    def open_blocks(self, result: ChecklistResult) -> list[str]:
        done = {o["item"] for o in self.overrides}
        items = [s.item_id for s in result.blocks] + [w["code"] for w in self.consent_warnings]
        return [i for i in items if i not in done]

    def build_record(self, *, form: Form, form_info: dict[str, Any], record_id: str,
                     institution: dict[str, str], staff: dict[str, Any], thresholds: Mapping[str, float] | None,
                     audit_head: str, created_at: str, signed_at: str, demo: bool,
                     verified_by: dict[str, str]) -> dict[str, Any]:
        result = self.evaluate(form, thresholds)
        blocks = self.open_blocks(result)
        return {
            "schema": RECORD_SCHEMA,
            "record_id": record_id,
            "kind": "verification",
            "refers_to": self.consent_record_id,
            "demo": demo,
            "institution": dict(institution),
            "form": dict(form_info),
            "patient": dict(self.patient),
            "procedure": dict(self.procedure),
            "checklist": checklist_rows(result, self.answers),
            "overrides": list(self.overrides),
            "open_blocks": blocks,
            "ready": result.complete and not blocks,
            "reconfirmed": {"by": self.reconfirmed_by, "at": self.reconfirmed_at},
            "verified_by": dict(verified_by),
            "signatures": [],
            "discussion": {"acknowledged": [], "questions": [], "teach_back": []},
            "staff": staff,
            "thresholds": dict(result.thresholds),
            "audit_head": audit_head,
            "created_at": created_at,
            "signed_at": signed_at,
        }
