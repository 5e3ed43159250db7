"""What a nurse has typed on the patient page before the consent is started: kept as typed, so that
nothing is lost when she goes back to Today, is interrupted or the program stops. It is checked only
when the consent starts (``patient_from_mapping``); until then it is only kept, within sensible sizes.
"""
from __future__ import annotations

import unicodedata
from typing import Any, Mapping

from .errors import InvalidInput

TEXT_FIELDS = ("name_ar", "name_latin", "mrn", "national_id", "birth_date", "sex", "procedure", "indication",
               "levels", "fracture_date", "planned_date", "risk_figure", "anaesthesia", "consultant")
LIST_FIELDS = ("conservative_failed", "immediate_criteria")
FLAG_FIELDS = ("training",)
MAX_TEXT, MAX_ITEMS = 200, 30


def clean_intake(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The known fields, as typed (NFC, NUL removed), within sizes; unknown keys are dropped."""
    if not isinstance(fields, Mapping):
        raise InvalidInput("intake_invalid", "the typed fields must be a mapping")
    kept: dict[str, Any] = {}
    for key in TEXT_FIELDS:
        value = fields.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InvalidInput("intake_invalid", f"{key}: must be text", field=key)
        kept[key] = unicodedata.normalize("NFC", value.replace("\x00", ""))[:MAX_TEXT]
    for key in LIST_FIELDS:
        values = fields.get(key) or []
        if not isinstance(values, (list, tuple)) or not all(isinstance(v, str) for v in values):
            raise InvalidInput("intake_invalid", f"{key}: must be a list of ids", field=key)
        kept[key] = [v[:60] for v in values[:MAX_ITEMS]]
    for key in FLAG_FIELDS:
        kept[key] = bool(fields.get(key, False))
    return kept


def is_empty(fields: Mapping[str, Any]) -> bool:
    """Nothing typed or chosen by the person (the page's own defaults do not count)."""
    defaults = {"procedure", "planned_date", "training"}
    return not any(v for k, v in fields.items() if k not in defaults)
