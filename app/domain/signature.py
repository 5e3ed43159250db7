"""Signatures as vector strokes, the same data for the screen and the PDF.

A stroke is a list of points ``[x, y, t_ms, pressure]``: x and y normalised to 0..1 of the pad
(y down), t in milliseconds from the signature's first point, pressure 0..1 (0.5 when the device
reports none). A blank or near-blank pad (a dot, a tiny scribble) is not a signature.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .errors import InvalidInput
from .text import clean_name, clean_text

SIGNER_ROLES = ("patient", "representative", "witness", "interpreter", "physician")
METHODS = ("drawn", "mark")
MAX_POINTS = 20_000
# A real signature (or a deliberate mark) has some ink and some extent.
MIN_INK_LENGTH = 0.25  # in pad widths, summed over strokes
MIN_EXTENT = 0.12  # the larger side of the bounding box, in pad units
MIN_POINTS = 8

Stroke = list[list[float]]


def _point(raw: Any) -> list[float]:
    if not isinstance(raw, (list, tuple)) or len(raw) != 4:
        raise InvalidInput("signature_point_invalid", "signature: each point is [x, y, t_ms, pressure]")
    try:
        x, y, t, p = (float(v) for v in raw)
    except (TypeError, ValueError):
        raise InvalidInput("signature_point_invalid", "signature: point values must be numbers") from None
    if not all(math.isfinite(v) for v in (x, y, t, p)):
        raise InvalidInput("signature_point_invalid", "signature: point values must be finite")
    if not (0 <= x <= 1 and 0 <= y <= 1 and 0 <= p <= 1 and t >= 0):
        raise InvalidInput("signature_point_out_of_range",
                           "signature: x, y and pressure must lie in 0..1 and time must not be negative")
    return [round(x, 4), round(y, 4), int(round(t)), round(p, 3)]


def normalise_strokes(raw: Any) -> list[Stroke]:
    if not isinstance(raw, (list, tuple)):
        raise InvalidInput("signature_invalid", "signature: strokes must be a list")
    strokes = [[_point(pt) for pt in stroke] for stroke in raw if isinstance(stroke, (list, tuple)) and stroke]
    if sum(len(s) for s in strokes) > MAX_POINTS:
        raise InvalidInput("signature_too_large", "signature: too many points")
    if strokes:  # t counts from the signature's first point
        t0 = strokes[0][0][2]
        strokes = [[[x, y, t - t0, p] for x, y, t, p in stroke] for stroke in strokes]
    last_t = -1
    for stroke in strokes:
        for pt in stroke:
            if pt[2] < last_t:
                raise InvalidInput("signature_time_order", "signature: point times must not go backwards")
            last_t = pt[2]
    return strokes


def ink_length(strokes: list[Stroke]) -> float:
    total = 0.0
    for stroke in strokes:
        for a, b in zip(stroke, stroke[1:]):
            total += math.hypot(b[0] - a[0], b[1] - a[1])
    return total


def extent(strokes: list[Stroke]) -> float:
    xs = [p[0] for s in strokes for p in s]
    ys = [p[1] for s in strokes for p in s]
    if not xs:
        return 0.0
    return max(max(xs) - min(xs), max(ys) - min(ys))


def is_blank(strokes: list[Stroke]) -> bool:
    points = sum(len(s) for s in strokes)
    return points < MIN_POINTS or ink_length(strokes) < MIN_INK_LENGTH or extent(strokes) < MIN_EXTENT


NO_PRESSURE = 0.5
PAD_ASPECT = 3.0  # width / height of the signing box, on screen and on paper


def pressure_width(pressure: float) -> float:
    """Width factor for a pen's pressure (0.45..1.55)."""
    p = min(max(float(pressure), 0.0), 1.0)
    return 0.45 + 1.1 * p


def has_pressure(stroke) -> bool:
    return any(len(pt) > 3 and abs(float(pt[3]) - NO_PRESSURE) > 1e-6 for pt in stroke)


def next_speed_width(factor: float, a, b) -> float:
    """The width factor of the piece from point ``a`` to point ``b``, after a piece of ``factor``.

    Slow is wide, fast is thin; speed in pad widths per second. Points with no time between them
    (replayed or synthetic input) aim at the neutral width. Smoothed with the previous piece so
    neighbouring pieces never jump; it looks only backwards, so a pad can draw each piece once,
    as it arrives.
    """
    dt = b[2] - a[2]
    if dt > 0:
        speed = math.hypot(b[0] - a[0], b[1] - a[1]) / PAD_ASPECT * 1000.0 / dt
        target = min(1.3, max(0.55, 1.3 - 0.45 * speed))
    else:
        target = 1.0
    return 0.6 * factor + 0.4 * target


FIRST_SPEED_WIDTH = 1.0  # the factor "before" a stroke's first piece


def speed_widths(stroke) -> list[float]:
    """Width factors for a stroke without pressure: slow is wide, fast is thin, smoothed."""
    out: list[float] = []
    factor = FIRST_SPEED_WIDTH
    for a, b in zip(stroke, stroke[1:]):
        factor = next_speed_width(factor, a, b)
        out.append(factor)
    return out


def piece_widths(stroke) -> list[float]:
    """The width factor of each piece after the first point: pressure for a pen, else speed.

    The screen and the PDF both draw with these, so a signature looks the same on both.
    """
    if has_pressure(stroke):
        return [pressure_width(pt[3]) for pt in stroke[1:]]
    return speed_widths(stroke)


@dataclass(frozen=True)
class Signature:
    role: str
    name: str
    meaning: str
    signed_at: str  # ISO 8601 UTC with offset
    method: str
    strokes: tuple
    relationship: str = ""
    reason: str = ""
    language: str = ""
    username: str = ""  # staff signers only

    def to_record(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "role": self.role, "name": self.name, "meaning": self.meaning,
            "signed_at": self.signed_at, "method": self.method,
            "strokes": [list(map(list, s)) for s in self.strokes],
        }
        for key in ("relationship", "reason", "language", "username"):
            value = getattr(self, key)
            if value:
                data[key] = value
        return data


def make_signature(*, role: str, name: str, meaning: str, signed_at: str, method: str,
                   strokes: Any, relationship: str = "", reason: str = "", language: str = "",
                   username: str = "") -> Signature:
    if role not in SIGNER_ROLES:
        raise InvalidInput("signer_role_invalid", f"signature: unknown role '{str(role)[:20]}'")
    if method not in METHODS:
        raise InvalidInput("signature_method_invalid", "signature: method must be drawn or mark")
    if method == "mark" and role not in ("patient", "representative"):
        raise InvalidInput("mark_not_allowed", "signature: only the patient or representative may sign by mark")
    name = clean_name(name, f"{role}.name")
    clean = normalise_strokes(strokes)
    if is_blank(clean):
        raise InvalidInput("signature_blank", f"{role}: the pad is blank or holds only a dot; please sign again",
                           role=role)
    if role == "representative":
        relationship = clean_text(relationship, "representative.relationship", max_len=60)
        reason = clean_text(reason, "representative.reason", max_len=200)
    if role == "interpreter":
        language = clean_text(language, "interpreter.language", max_len=40)
    return Signature(role=role, name=name, meaning=clean_text(meaning, "meaning", max_len=600),
                     signed_at=signed_at, method=method, strokes=tuple(tuple(map(tuple, s)) for s in clean),
                     relationship=relationship, reason=reason, language=language, username=username)
