"""The patient and the planned procedure, validated from people's input or patient JSON."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

from .errors import InvalidInput
from .form import ANAESTHESIA_IDS, INDICATIONS, PROCEDURES, USUAL_ANAESTHESIA
from .levels import normalise_levels
from .text import ascii_digits, clean_identifier, clean_name, clean_text

PATIENT_KEYS = frozenset({
    "name_ar", "name_latin", "mrn", "national_id", "birth_date", "sex", "procedure", "levels",
    "indication", "fracture_date", "planned_date", "risk_figure", "conservative_failed",
    "immediate_criteria", "anaesthesia", "consultant",
})
OLDEST_BIRTH_YEAR = 1900
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(value: object, field: str, *, required: bool = True) -> dt.date | None:
    if value in (None, ""):
        if required:
            raise InvalidInput("field_required", f"{field}: is required (YYYY-MM-DD)", field=field)
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise InvalidInput("date_invalid", f"{field}: must be a date written YYYY-MM-DD", field=field)
    text = ascii_digits(value.strip())
    try:
        if not _ISO_DATE.fullmatch(text):  # not the ISO week or ordinal forms fromisoformat also takes
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput("date_invalid", f"{field}: not a date written YYYY-MM-DD", field=field) from None


@dataclass(frozen=True)
class Patient:
    name_ar: str
    name_latin: str
    mrn: str
    national_id: str
    birth_date: dt.date
    sex: str

    def age_on(self, day: dt.date) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    def to_record(self) -> dict[str, Any]:
        data = asdict(self)
        data["birth_date"] = self.birth_date.isoformat()
        return data


@dataclass(frozen=True)
class ProcedurePlan:
    procedure: str
    levels: tuple[str, ...]
    indication: str
    fracture_date: dt.date | None
    planned_date: dt.date
    stated_risk: str = ""  # the physician's figure when the indication is "other"
    conservative_failed: tuple[str, ...] = ()
    immediate_criteria: tuple[str, ...] = field(default=())
    anaesthesia: str = ""  # local_sedation | general_anaesthesia: planned for this patient
    consultant: str = ""  # the named consultant responsible for the procedure


def patient_from_mapping(data: Mapping[str, Any], today: dt.date) -> Patient:
    name_ar = clean_name(data.get("name_ar"), "name_ar")
    name_latin = clean_name(data.get("name_latin"), "name_latin", required=False)
    mrn = clean_identifier(data.get("mrn"), "mrn")
    national_id = clean_identifier(data.get("national_id"), "national_id", required=False)
    birth = parse_date(data.get("birth_date"), "birth_date")
    assert birth is not None
    if birth > today or birth.year < OLDEST_BIRTH_YEAR:
        raise InvalidInput("birth_date_out_of_range", "birth_date: must lie between 1900 and today",
                           field="birth_date")
    sex = clean_text(data.get("sex"), "sex", max_len=1).upper()
    if sex not in ("F", "M"):
        raise InvalidInput("sex_invalid", "sex: must be F or M", field="sex")
    return Patient(name_ar, name_latin, mrn, national_id, birth, sex)


def _ids(value: object, field: str) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise InvalidInput("field_not_list", f"{field}: must be a list of ids", field=field)
    return tuple(clean_text(v, field, max_len=64) for v in value)


def plan_from_mapping(data: Mapping[str, Any], today: dt.date) -> ProcedurePlan:
    procedure = data.get("procedure")
    if procedure not in PROCEDURES:
        raise InvalidInput("procedure_invalid", "procedure: must be vertebroplasty or kyphoplasty",
                           field="procedure")
    indication = data.get("indication")
    if indication not in INDICATIONS:
        raise InvalidInput("indication_invalid",
                           "indication: must be osteoporotic, malignant, haemangioma or other",
                           field="indication")
    levels = normalise_levels(data.get("levels"))
    planned = parse_date(data.get("planned_date"), "planned_date", required=False) or today
    fracture = parse_date(data.get("fracture_date"), "fracture_date", required=False)
    if indication in ("osteoporotic", "malignant") and fracture is None:
        raise InvalidInput("fracture_date_required",
                           "fracture_date: is required for a fracture (osteoporotic or malignant collapse)",
                           field="fracture_date")
    if fracture is not None and fracture > planned:
        raise InvalidInput("fracture_after_procedure",
                           "fracture_date: cannot be after the planned procedure date", field="fracture_date")
    if fracture is not None and fracture > today:
        raise InvalidInput("fracture_in_future", "fracture_date: cannot be in the future",
                           field="fracture_date")
    if planned < today:
        raise InvalidInput("planned_in_past", "planned_date: cannot be in the past", field="planned_date")
    stated = clean_text(data.get("risk_figure"), "risk_figure", max_len=80, required=False)
    anaesthesia = data.get("anaesthesia") or USUAL_ANAESTHESIA[procedure]
    if anaesthesia not in ANAESTHESIA_IDS:
        raise InvalidInput("anaesthesia_invalid", "anaesthesia: must be local_sedation or general_anaesthesia",
                           field="anaesthesia")
    consultant = clean_name(data.get("consultant"), "consultant", required=False)
    return ProcedurePlan(
        procedure=procedure, levels=levels, indication=indication, fracture_date=fracture,
        planned_date=planned, stated_risk=stated,
        conservative_failed=_ids(data.get("conservative_failed"), "conservative_failed"),
        immediate_criteria=_ids(data.get("immediate_criteria"), "immediate_criteria"),
        anaesthesia=anaesthesia, consultant=consultant,
    )


def parse_patient_json(data: object, today: dt.date) -> tuple[Patient, ProcedurePlan]:
    """Patient JSON (DESIGN.md): unknown keys refused, every field validated."""
    if not isinstance(data, Mapping):
        raise InvalidInput("patient_json_invalid", "patient JSON: must be an object")
    unknown = sorted(set(data) - PATIENT_KEYS)
    if unknown:
        raise InvalidInput("patient_json_unknown_key", f"patient JSON: unknown key '{unknown[0][:40]}'",
                           key=unknown[0][:40])
    return patient_from_mapping(data, today), plan_from_mapping(data, today)
