"""The safe bounds of the hospital's local checklist thresholds.

A hospital may set its own INR limit, platelet limit, fasting time and fever threshold, but only
inside bounds that keep a high-bleeding-risk procedure safe (clinical facts: INR limit at most 1.8,
platelet limit at least 50 x 10^9/L, solid-food fasting 6 to 8 hours). The bounds are checked in
three places with this one table: a form (schema 2) may not offer a wider range, the settings refuse
a value outside them with a clear message, and a value stored before the bounds existed is ignored
(the form's default applies) instead of being trusted.
"""
from __future__ import annotations

import math

from .errors import InvalidInput

# id -> (lowest, highest, what it is, unit): the widest range any hospital may choose.
SAFE_BOUNDS: dict[str, tuple[float, float, str, str]] = {
    "inr_max": (1.0, 1.8, "the INR limit", ""),
    "platelets_min": (50.0, 150.0, "the platelet limit", "x10^9/L"),
    "fasting_hours_min": (6.0, 8.0, "the solid-food fasting time", "hours"),
    "fever_celsius": (37.5, 38.5, "the fever threshold", "°C"),
}


def check_local_threshold(threshold_id: str, value: object) -> float:
    """A local threshold value as a float, or InvalidInput(code="threshold_out_of_range") with a
    message that says the allowed range."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(float(value)):
        raise InvalidInput("threshold_invalid", f"threshold '{str(threshold_id)[:40]}': must be a number",
                           threshold=str(threshold_id)[:40])
    value = float(value)
    bounds = SAFE_BOUNDS.get(threshold_id)
    if bounds is not None:
        lo, hi, what, unit = bounds
        if not lo <= value <= hi:
            unit_text = f" {unit}" if unit else ""
            raise InvalidInput(
                "threshold_out_of_range",
                f"{threshold_id}: {value:g} is outside the safe range for {what} "
                f"({lo:g} to {hi:g}{unit_text})",
                threshold=threshold_id, value=value, minimum=lo, maximum=hi)
    return value


def within_safe_bounds(threshold_id: str, value: object) -> bool:
    try:
        check_local_threshold(threshold_id, value)
    except InvalidInput:
        return False
    return True
