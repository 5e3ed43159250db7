"""Patient text for one patient: a form's templates filled from the settings and the plan.

Patient-facing texts in a form (schema 2) are templates with two kinds of braces:

- ``{emergency_number}``: a placeholder. Numbers that are hospital settings (the emergency and team
  phone numbers, the fasting hours and the fever threshold in force) reach the patient only this
  way, never typed into the YAML, so the printed number is always the one the hospital set. The
  loader refuses an unknown name.
- ``{أخبر|أخبري}``: the masculine and the feminine form of a word or phrase. Arabic addresses a man
  and a woman differently in nearly every instruction (تأكل/تأكلين); impersonal wording that fits
  both (يُرجى عدم الأكل) reads as an official notice and is harder for an elderly reader, while the
  form always knows the patient's sex. So the text addresses the patient as who they are. Without a
  known sex both forms are shown ("أخبر/أخبري").

A paragraph or bullet may also carry a condition (``when: trainees``): shown only when it holds.

:func:`patient_form` returns the form with every patient text filled (same version and hash): the
screens and the PDF read that, so what the patient read and what is printed are the same words.
A record carries every value it was filled with (thresholds, local settings, sex, indication,
anaesthesia), so its PDF is rebuilt from the record and its own form version alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from .form import Form, Indication, Section

# Placeholders filled from the institution's settings (the thresholds in force are placeholders too,
# under their own ids) and from this patient's plan.
SETTING_PLACEHOLDERS = ("emergency_number", "team_phone_day", "team_phone_after_hours")
PLAN_PLACEHOLDERS = ("anaesthesia",)
# Conditions a paragraph or bullet may carry.
CONDITIONS = ("trainees", "general_anaesthesia", "local_sedation")
MISSING = "—"  # a value the settings do not have yet (real consents refuse to start without it)

_BRACES = re.compile(r"\{([^{}]*)\}")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def template_problem(text: str, allowed: set[str] | frozenset[str]) -> str:
    """Why ``text`` is not a valid template ("" when it is): braces unbalanced, an unknown
    placeholder, or a masculine|feminine pair that is not exactly two forms."""
    for match in _BRACES.finditer(text):
        inner = match.group(1)
        if "|" in inner:
            parts = inner.split("|")
            if len(parts) != 2:
                return f"'{{{inner}}}' must hold exactly two forms: masculine|feminine"
            if not (parts[0].strip() or parts[1].strip()):
                return f"'{{{inner}}}' has two empty forms"
            continue
        if not _NAME.match(inner):
            return f"'{{{inner}}}' is neither a placeholder name nor masculine|feminine"
        if inner not in allowed:
            return f"unknown placeholder '{{{inner}}}' (known: {', '.join(sorted(allowed))})"
    rest = _BRACES.sub("", text)
    if "{" in rest or "}" in rest:
        return "a brace without its pair ({ or })"
    return ""


def fill(text: str, values: Mapping[str, str], sex: str | None) -> str:
    """A template with its placeholders and forms of address resolved."""
    def one(match: re.Match[str]) -> str:
        inner = match.group(1)
        if "|" in inner:
            masculine, feminine = inner.split("|", 1)
            if sex == "F":
                return feminine
            if sex == "M":
                return masculine
            return "/".join(p for p in (masculine, feminine) if p)
        return str(values.get(inner, MISSING)) if inner in values else MISSING

    return _BRACES.sub(one, text)


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class PatientValues:
    """Everything one patient's text is filled with."""

    sex: str | None
    indication: str
    values: dict[str, str] = field(default_factory=dict)
    conditions: frozenset[str] = frozenset()


def patient_values(form: Form, *, sex: str | None, indication: str, anaesthesia: str = "",
                   thresholds: Mapping[str, Any] | None = None,
                   local: Mapping[str, Any] | None = None) -> PatientValues:
    """The values for one patient: the thresholds in force (the form's defaults where none is given),
    the local settings (phone numbers, trainee policy) and the planned anaesthesia."""
    local = local or {}
    values: dict[str, str] = {tid: _number(t.value) for tid, t in form.thresholds.items()}
    for tid, value in (thresholds or {}).items():
        if tid in form.thresholds and value is not None:
            values[tid] = _number(value)
    for key in SETTING_PLACEHOLDERS:
        if str(local.get(key) or "").strip():
            values[key] = str(local[key]).strip()
    conditions: set[str] = set()
    if local.get("trainees_take_part"):
        conditions.add("trainees")
    if anaesthesia:
        try:
            values["anaesthesia"] = form.anaesthesia_choice(anaesthesia).label
        except KeyError:
            pass
        if anaesthesia in ("general_anaesthesia", "local_sedation"):
            conditions.add(anaesthesia)
    return PatientValues(sex=sex, indication=indication, values=values, conditions=frozenset(conditions))


def values_from_record(form: Form, record: Mapping[str, Any]) -> PatientValues:
    """The values a sealed record's text was filled with (the record carries them all)."""
    patient = record.get("patient") or {}
    procedure = record.get("procedure") or {}
    return patient_values(form, sex=patient.get("sex"), indication=procedure.get("indication") or "",
                          anaesthesia=procedure.get("anaesthesia") or "", thresholds=record.get("thresholds"),
                          local=record.get("local_settings"))


def _kept(texts: tuple[str, ...], when: tuple[str, ...], pv: PatientValues) -> tuple[str, ...]:
    out = []
    for i, text in enumerate(texts):
        condition = when[i] if i < len(when) else ""
        if condition and condition not in pv.conditions:
            continue
        filled = fill(text, pv.values, pv.sex).strip()
        if filled:
            out.append(filled)
    return tuple(out)


def _section(s: Section, pv: PatientValues, extra_bullets: tuple[str, ...] = ()) -> Section:
    return replace(s, title=fill(s.title, pv.values, pv.sex),
                   paragraphs=_kept(s.paragraphs, s.paragraph_when, pv),
                   bullets=_kept(s.bullets, s.bullet_when, pv) + extra_bullets,
                   paragraph_when=(), bullet_when=())


def _indication(ind: Indication, pv: PatientValues) -> Indication:
    def many(texts: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(fill(t, pv.values, pv.sex) for t in texts)
    return replace(ind, label=fill(ind.label, pv.values, pv.sex), benefits=many(ind.benefits),
                   risks=many(ind.risks), alternatives=many(ind.alternatives))


def patient_form(form: Form, pv: PatientValues) -> Form:
    """The form as this patient reads it: every patient text filled, conditional entries kept or
    dropped, and the indication's own alternatives after the alternatives section's bullets.
    Staff texts (checklist, thresholds, twins) are unchanged; so are the version and its hash."""
    def one(text: str) -> str:
        return fill(text, pv.values, pv.sex)

    indications = {k: _indication(v, pv) for k, v in form.indications.items()}
    own = indications.get(pv.indication)
    sections = tuple(_section(s, pv, own.alternatives if (own and s.id == "alternatives") else ())
                     for s in form.sections)
    return replace(
        form, title=one(form.title), procedure_name=one(form.procedure_name), sections=sections,
        indications=indications,
        teach_back=tuple(replace(t, question=one(t.question)) for t in form.teach_back),
        certification=one(form.certification),
        signature_meanings={k: one(v) for k, v in form.signature_meanings.items()},
        patient_choices=tuple(replace(c, question=one(c.question)) for c in form.patient_choices),
    )
