"""The pre-procedure readiness check: normalising answers and evaluating them against the form.

A blocking answer does not stop the patient from consenting; it stops the patient from being
*ready* until it is corrected or a physician overrides it with a reason (see ``rules.readiness``).
Numbers use the form's thresholds, which a hospital may set locally within each threshold's range.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Mapping

from .errors import InvalidInput
from .form import ChecklistItem, Form, Threshold
from .text import ascii_digits, find_forbidden

STATUSES = ("ok", "blocking", "missing", "not_applicable")
MAX_TEXT_ANSWER = 500

_YES = frozenset({"yes", "نعم", "true"})
_NO = frozenset({"no", "لا", "false"})
_NUMBER_RE = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Arabic decimal separator, minus sign and other dashes read as the ASCII ones.
_NUMBER_MARKS = str.maketrans({"\u066b": ".", "\u2212": "-", "\u2012": "-", "\u2013": "-"})


def _invalid(item: ChecklistItem, problem: str, **params: Any) -> InvalidInput:
    # Never the value itself in the message: it may be patient data.
    return InvalidInput("checklist_answer_invalid", f"checklist answer '{item.id}': {problem}",
                        item=item.id, kind=item.kind, problem=problem, **params)


def _plain(item: ChecklistItem, raw: str) -> str:
    text = unicodedata.normalize("NFC", raw).strip()
    bad = find_forbidden(text)
    if bad:
        raise _invalid(item, f"contains an invisible or control character ({bad})", character=bad)
    return text


def is_blank(raw: object) -> bool:
    """An unanswered item: nothing, or text of only spaces."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def parse_number(raw: object) -> float:
    """A finite number from a number or from text (Arabic-Indic/Persian digits, '٫' accepted).

    Raises ValueError; callers turn it into their own typed error.
    """
    if isinstance(raw, bool):
        raise ValueError("true/false is not a number")
    if isinstance(raw, (int, float, Decimal)):
        value = float(raw)
    elif isinstance(raw, str):
        text = ascii_digits(unicodedata.normalize("NFC", raw).strip()).translate(_NUMBER_MARKS)
        if not _NUMBER_RE.match(text):
            raise ValueError("not a number")
        value = float(text)
    else:
        raise ValueError("not a number")
    if not math.isfinite(value):
        raise ValueError("not a finite number")
    return value


def normalise_answer(item: ChecklistItem, raw: object) -> object:
    """The stored form of one answer, or InvalidInput(code="checklist_answer_invalid").

    yesno -> "yes"/"no"; number -> float; choice -> choice id; date -> "YYYY-MM-DD";
    datetime -> ISO 8601 with its UTC offset; text -> NFC, trimmed, at most 500 characters.
    """
    if is_blank(raw):
        raise _invalid(item, "no answer")
    kind = item.kind
    if kind == "yesno":
        if isinstance(raw, bool):
            return "yes" if raw else "no"
        if isinstance(raw, str):
            word = _plain(item, raw).casefold()
            if word in _YES:
                return "yes"
            if word in _NO:
                return "no"
        raise _invalid(item, "must be yes or no")
    if kind == "number":
        try:
            return parse_number(raw)
        except ValueError as exc:
            raise _invalid(item, str(exc)) from None
    if kind == "choice":
        if isinstance(raw, str):
            choice = _plain(item, raw)
            if any(c.id == choice for c in item.choices):
                return choice
        raise _invalid(item, "not one of the item's choices")
    if kind == "date":
        if isinstance(raw, dt.datetime):
            raise _invalid(item, "a date is expected, not a date and time")
        if isinstance(raw, dt.date):
            return raw.isoformat()
        if isinstance(raw, str):
            text = ascii_digits(_plain(item, raw))
            if _DATE_RE.match(text):
                try:
                    return dt.date.fromisoformat(text).isoformat()
                except ValueError:
                    pass
        raise _invalid(item, "must be a date YYYY-MM-DD")
    if kind == "datetime":
        value: dt.datetime | None = None
        if isinstance(raw, dt.datetime):
            value = raw
        elif isinstance(raw, str):
            text = ascii_digits(_plain(item, raw))
            if _DATE_RE.match(text[:10]) and len(text) > 10 and text[10] in "T ":
                try:
                    value = dt.datetime.fromisoformat(text)
                except ValueError:
                    value = None
        if value is None:
            raise _invalid(item, "must be an ISO 8601 date and time")
        if value.tzinfo is None or value.utcoffset() is None:
            raise _invalid(item, "the date and time needs its UTC offset")
        return value.isoformat()
    if kind == "text":
        if not isinstance(raw, str):
            raise _invalid(item, "must be text")
        text = unicodedata.normalize("NFC", raw).strip()
        bad = find_forbidden(text)
        if bad:
            raise _invalid(item, f"contains an invisible or control character ({bad})",
                           character=bad)
        if len(text) > MAX_TEXT_ANSWER:
            raise _invalid(item, f"longer than {MAX_TEXT_ANSWER} characters",
                           max_len=MAX_TEXT_ANSWER)
        return text
    raise _invalid(item, f"unknown kind {kind!r}")


def _as_condition_value(value: object) -> object:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    return value


def applies(item: ChecklistItem, answers: Mapping[str, object], sex: str | None) -> bool:
    """Whether ``item`` is asked, given the (normalised) answers so far and the patient's sex.

    An item that depends on another item's answer does not apply while that answer is missing
    (the other item is then itself missing). An unknown sex asks sex-specific items.
    """
    cond = item.applies_when
    if cond is None:
        return True
    if cond.sex is not None:
        if not sex:
            return True
        return str(sex).strip().upper() == cond.sex
    if cond.item is None:
        return True
    raw = answers.get(cond.item)
    if is_blank(raw):
        return False
    value = _as_condition_value(raw)
    if cond.in_:
        return value in cond.in_
    return value not in cond.not_in


@dataclass(frozen=True)
class ItemStatus:
    item_id: str
    status: str  # "ok" | "blocking" | "missing" | "not_applicable"
    value: object = None
    reason: str = ""  # the item's blocking_reason when blocking


@dataclass(frozen=True)
class ChecklistResult:
    items: tuple[ItemStatus, ...]
    thresholds: dict[str, float] = field(default_factory=dict)  # the values in force

    @property
    def blocks(self) -> tuple[ItemStatus, ...]:
        return tuple(s for s in self.items if s.status == "blocking")

    @property
    def missing(self) -> tuple[ItemStatus, ...]:
        return tuple(s for s in self.items if s.status == "missing")

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def clear(self) -> bool:
        """Complete and nothing blocking."""
        return self.complete and not self.blocks

    def status(self, item_id: str) -> ItemStatus:
        for s in self.items:
            if s.item_id == item_id:
                return s
        raise KeyError(item_id)


def effective_thresholds(form: Form, local: Mapping[str, object] | None = None) -> dict[str, float]:
    """The form's default thresholds, overridden by local values that lie within each range."""
    values = {tid: t.value for tid, t in form.thresholds.items()}
    for tid, raw in (local or {}).items():
        threshold: Threshold | None = form.thresholds.get(tid)
        if threshold is None:
            raise InvalidInput("threshold_unknown", f"threshold '{tid}': not in this form",
                               threshold=tid)
        if raw is None:
            continue
        try:
            value = parse_number(raw)
        except ValueError:
            raise InvalidInput("threshold_invalid", f"threshold '{tid}': not a number",
                               threshold=tid) from None
        if not threshold.minimum <= value <= threshold.maximum:
            raise InvalidInput(
                "threshold_out_of_range",
                f"threshold '{tid}': {value:g} lies outside {threshold.minimum:g}.."
                f"{threshold.maximum:g}",
                threshold=tid, value=value, minimum=threshold.minimum, maximum=threshold.maximum)
        values[tid] = value
    return values


def is_blocking(item: ChecklistItem, value: object, thresholds: Mapping[str, float]) -> bool:
    """Whether a normalised answer keeps the patient from being ready."""
    rule = item.blocking
    if rule is None or value is None:
        return False
    op, operand = rule.op, rule.operand
    if op == "equals":
        return value == operand
    if op == "not_equals":
        return value != operand
    if op == "in":
        return value in tuple(operand)  # type: ignore[arg-type]
    limit = thresholds[str(operand)]
    number = float(value)  # type: ignore[arg-type]
    if op == "above":
        return number > limit
    if op == "below":
        return number < limit
    if op == "at_least":
        return number >= limit
    raise ValueError(f"unknown blocking rule {op!r}")


def evaluate(form: Form, answers: Mapping[str, object], sex: str | None,
             thresholds: Mapping[str, object] | None = None) -> ChecklistResult:
    """Every item's status, in the form's order.

    ``answers`` may be raw (as typed) or already normalised; unknown item ids and invalid answers
    raise InvalidInput. ``thresholds`` are the hospital's local values (None: the form's defaults).
    """
    in_force = effective_thresholds(form, thresholds)
    known = {item.id for item in form.checklist}
    for key in answers:
        if key not in known:
            raise InvalidInput("checklist_item_unknown", f"checklist answer '{key}': not in this form",
                               item=key)
    normalised: dict[str, object] = {}
    statuses: list[ItemStatus] = []
    for item in form.checklist:
        if not applies(item, normalised, sex):
            statuses.append(ItemStatus(item.id, "not_applicable"))
            continue
        raw = answers.get(item.id)
        if is_blank(raw):
            statuses.append(ItemStatus(item.id, "missing" if item.required else "ok"))
            continue
        value = normalise_answer(item, raw)
        normalised[item.id] = value
        if is_blocking(item, value, in_force):
            statuses.append(ItemStatus(item.id, "blocking", value, item.blocking_reason))
        else:
            statuses.append(ItemStatus(item.id, "ok", value))
    return ChecklistResult(items=tuple(statuses), thresholds=in_force)
