"""Clinical and consent rules that do not depend on storage or screens.

- Eight-week window: for a fracture indication, a fracture older than eight weeks on the planned date
  is a warning a physician must override with a reason.
- A fracture indication also needs its justification recorded: conservative treatment failed, or an
  immediate criterion (pain needing admission; cannot take pain medicine or rest).
- The risk figure follows the indication; for "other" the physician states it.
- Who must sign, and readiness (valid consent + a readiness check clear or overridden).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from .errors import InvalidInput
from .form import Form
from .patient import Patient, ProcedurePlan

EIGHT_WEEKS = dt.timedelta(weeks=8)
ADULT_AGE = 18
FRACTURE_WINDOW_ITEM = "fracture_older_than_8_weeks"
JUSTIFICATION_ITEM = "fracture_justification_missing"


@dataclass(frozen=True)
class Warning:
    code: str
    params: dict

    def to_record(self) -> dict:
        return {"code": self.code, **self.params}


def fracture_age_days(plan: ProcedurePlan) -> int | None:
    if plan.fracture_date is None:
        return None
    return (plan.planned_date - plan.fracture_date).days


def indication_warnings(form: Form, plan: ProcedurePlan) -> list[Warning]:
    """Warnings that need a physician's override with a reason before the patient is ready."""
    indication = form.indications[plan.indication]
    if not indication.fracture:
        return []
    warnings: list[Warning] = []
    age = fracture_age_days(plan)
    if age is not None and dt.timedelta(days=age) > EIGHT_WEEKS:
        warnings.append(Warning(FRACTURE_WINDOW_ITEM, {"days": age, "weeks": age // 7}))
    if not plan.conservative_failed and not plan.immediate_criteria:
        warnings.append(Warning(JUSTIFICATION_ITEM, {}))
    return warnings


def check_justification_ids(form: Form, plan: ProcedurePlan) -> None:
    known_c = {c.id for c in form.conservative_treatments}
    known_i = {c.id for c in form.immediate_criteria}
    for cid in plan.conservative_failed:
        if cid not in known_c:
            raise InvalidInput("conservative_unknown", f"conservative_failed: unknown treatment '{cid}'")
    for cid in plan.immediate_criteria:
        if cid not in known_i:
            raise InvalidInput("immediate_unknown", f"immediate_criteria: unknown criterion '{cid}'")


def risk_figure(form: Form, plan: ProcedurePlan) -> str:
    """The complication figure printed for this patient, e.g. "1-3%"."""
    figure = form.indications[plan.indication].risk
    if figure is not None:
        return figure.as_text()
    if not plan.stated_risk:
        raise InvalidInput("risk_figure_required",
                           "risk_figure: the physician must state the figure for this indication",
                           field="risk_figure")
    return plan.stated_risk


def representative_required(patient: Patient, today: dt.date, has_capacity: bool = True) -> bool:
    return patient.age_on(today) < ADULT_AGE or not has_capacity


def required_roles(*, representative: bool, patient_mark: bool, interpreter: bool,
                   refusal: bool = False) -> tuple[str, ...]:
    """The roles that must have signed before a consent (or refusal) can be sealed."""
    roles = ["representative" if representative else "patient"]
    if patient_mark:
        roles.append("witness")
    if interpreter:
        roles.append("interpreter")
    roles.append("physician")
    return tuple(roles)


def missing_roles(required: Iterable[str], signed: Iterable[str]) -> list[str]:
    have = set(signed)
    return [r for r in required if r not in have]


@dataclass(frozen=True)
class Readiness:
    ready: bool
    reasons: tuple[str, ...]  # codes: consent_missing, consent_expired, form_changed, blocked:<item>...


def consent_valid(signed_at: dt.datetime, on: dt.date, validity_days: int, tz: str = "UTC") -> bool:
    """Valid through the local calendar day ``validity_days`` after the local day of signing."""
    from zoneinfo import ZoneInfo

    signed_day = signed_at.astimezone(ZoneInfo(tz)).date()
    return on <= signed_day + dt.timedelta(days=validity_days)


def readiness(*, consent_signed_at: dt.datetime | None, consent_form_sha: str | None,
              current_form_sha: str | None, validity_days: int, on: dt.date,
              open_blocks: Iterable[str], overridden: Iterable[str],
              check_complete: bool, tz: str = "UTC") -> Readiness:
    reasons: list[str] = []
    if consent_signed_at is None:
        reasons.append("consent_missing")
    else:
        if not consent_valid(consent_signed_at, on, validity_days, tz):
            reasons.append("consent_expired")
        if current_form_sha is not None and consent_form_sha != current_form_sha:
            reasons.append("form_changed")
    if not check_complete:
        reasons.append("verification_incomplete")
    done = set(overridden)
    reasons.extend(f"blocked:{item}" for item in open_blocks if item not in done)
    return Readiness(not reasons, tuple(reasons))
