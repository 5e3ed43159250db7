"""The pre-procedure readiness check: normalising answers and evaluating them against the form.

A blocking answer does not stop the patient from consenting; it stops the patient from being
*ready* until it is corrected or a physician overrides it with a reason (see ``rules.readiness``).
Numbers use the form's thresholds, which a hospital may set locally within each threshold's range
(and within the safe bounds of ``thresholds.SAFE_BOUNDS``).

Answers are refused (``InvalidInput``), not merely flagged, when they cannot be true: a number
outside the item's plausible range (a temperature of 375 is a typing error), a choice the item does
not offer for this patient (imaging "not a fracture" for a fracture indication), an entry of a
repeatable item with a field missing or the same drug twice.
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
from .form import BlockingRule, ChecklistItem, Choice, Form, Threshold
from .text import ascii_digits, find_forbidden

STATUSES = ("ok", "blocking", "missing", "not_applicable")
MAX_TEXT_ANSWER = 500

_YES = frozenset({"yes", "نعم", "true"})
_NO = frozenset({"no", "لا", "false"})
_NUMBER_RE = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Arabic decimal separator, minus sign and other dashes read as the ASCII ones.
_NUMBER_MARKS = str.maketrans({"\u066b": ".", "\u2212": "-", "\u2012": "-", "\u2013": "-"})


def _invalid(item: ChecklistItem, problem: str, code: str = "checklist_answer_invalid",
             **params: Any) -> InvalidInput:
    # Never the value itself in the message: it may be patient data.
    return InvalidInput(code, f"checklist answer '{item.id}': {problem}",
                        item=item.id, kind=item.kind, problem=problem, **params)


def _fmt(value: float) -> str:
    return f"{value:g}"


def choice_offered(choice: Choice, fracture: bool | None) -> bool:
    """Whether a choice is offered for this patient (None: the indication is not known here)."""
    cond = choice.offered_when
    if cond is None or cond.fracture is None or fracture is None:
        return True
    return cond.fracture == fracture


def offered_choices(item: ChecklistItem, fracture: bool | None) -> tuple[Choice, ...]:
    return tuple(c for c in item.choices if choice_offered(c, fracture))


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


def normalise_answer(item: ChecklistItem, raw: object, fracture: bool | None = None) -> object:
    """The stored form of one answer, or InvalidInput(code="checklist_answer_invalid", or
    "checklist_answer_out_of_range" for a number outside the item's plausible range, or
    "checklist_choice_not_offered" for a choice this patient's indication does not allow).

    yesno -> "yes"/"no"; number -> float; choice -> choice id; date -> "YYYY-MM-DD";
    datetime -> ISO 8601 with its UTC offset; text -> NFC, trimmed, at most 500 characters;
    entries -> "none", or a list of entries {field id: normalised value} (at most 10).
    ``fracture``: whether this patient's indication is a fracture (None: not known here).
    """
    if is_blank(raw):
        raise _invalid(item, "no answer")
    kind = item.kind
    if kind == "entries":
        return _normalise_entries(item, raw, fracture)
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
            number = parse_number(raw)
        except ValueError as exc:
            raise _invalid(item, str(exc)) from None
        if item.low is not None and item.high is not None and not item.low <= number <= item.high:
            unit = f" {item.unit}" if item.unit else ""
            raise _invalid(item, f"outside the plausible range {_fmt(item.low)} to {_fmt(item.high)}{unit}",
                           code="checklist_answer_out_of_range", minimum=item.low, maximum=item.high,
                           unit=item.unit)
        return number
    if kind == "choice":
        if isinstance(raw, str):
            choice = _plain(item, raw)
            found = next((c for c in item.choices if c.id == choice), None)
            if found is not None:
                if not choice_offered(found, fracture):
                    raise _invalid(item, f"'{found.id}' is not an answer for this patient's indication",
                                   code="checklist_choice_not_offered", choice=found.id)
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


MAX_ENTRIES = 10
NONE = "none"


def _normalise_entries(item: ChecklistItem, raw: object, fracture: bool | None) -> object:
    """"none", or a list of complete entries (every required field), no entry repeated."""
    if isinstance(raw, str):
        if _plain(item, raw) == NONE:
            return NONE
        raise _invalid(item, "must be \"none\" or a list of entries")
    if not isinstance(raw, (list, tuple)) or not raw:
        raise _invalid(item, "must be \"none\" or a list of entries")
    if len(raw) > MAX_ENTRIES:
        raise _invalid(item, f"more than {MAX_ENTRIES} entries", max_entries=MAX_ENTRIES)
    out: list[dict[str, object]] = []
    for n, entry in enumerate(raw, start=1):
        if not isinstance(entry, Mapping):
            raise _invalid(item, f"entry {n} must be a mapping of fields")
        unknown = sorted(str(k) for k in entry if k not in {f.id for f in item.fields})
        if unknown:
            raise _invalid(item, f"entry {n}: unknown field '{unknown[0][:40]}'")
        clean: dict[str, object] = {}
        for f in item.fields:
            value = entry.get(f.id)
            if is_blank(value):
                if f.required:
                    raise _invalid(item, f"entry {n}: '{f.id}' is missing", code="checklist_entry_incomplete",
                                   entry=n, field=f.id)
                continue
            clean[f.id] = normalise_answer(f, value, fracture)
        if clean in out:
            raise _invalid(item, f"entry {n} repeats an earlier entry", code="checklist_entry_repeated", entry=n)
        out.append(clean)
    first = item.fields[0].id
    firsts = [e.get(first) for e in out]
    if len(set(map(str, firsts))) != len(firsts):
        raise _invalid(item, f"the same '{first}' is listed twice", code="checklist_entry_repeated")
    return out


def _as_condition_value(value: object) -> object:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    if isinstance(value, (list, tuple)):
        return "entries"
    return value


def applies(item: ChecklistItem, answers: Mapping[str, object], sex: str | None,
            fracture: bool | None = None) -> bool:
    """Whether ``item`` is asked, given the (normalised) answers so far, the patient's sex and
    whether the indication is a fracture.

    An item that depends on another item's answer does not apply while that answer is missing
    (the other item is then itself missing). An unknown sex asks sex-specific items; an unknown
    indication asks fracture-specific ones.
    """
    cond = item.applies_when
    if cond is None:
        return True
    if cond.fracture is not None:
        return fracture is None or cond.fracture == fracture
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
    """Whether a normalised answer keeps the patient from being ready (an entries item: whether any
    entry's field answers the rule)."""
    rule = item.blocking
    if rule is None or value is None:
        return False
    if rule.field:
        if not isinstance(value, (list, tuple)):
            return False
        field = next(f for f in item.fields if f.id == rule.field)
        inner = ChecklistItem(id=field.id, label=field.label, kind=field.kind,
                              blocking=BlockingRule(rule.op, rule.operand))
        return any(is_blocking(inner, entry.get(rule.field), thresholds) for entry in value)
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
             thresholds: Mapping[str, object] | None = None, fracture: bool | None = None) -> ChecklistResult:
    """Every item's status, in the form's order.

    ``answers`` may be raw (as typed) or already normalised; unknown item ids and invalid answers
    raise InvalidInput. ``thresholds`` are the hospital's local values (None: the form's defaults).
    ``fracture``: whether the patient's indication is a fracture (None: not known).
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
        if not applies(item, normalised, sex, fracture):
            statuses.append(ItemStatus(item.id, "not_applicable"))
            continue
        raw = answers.get(item.id)
        if is_blank(raw):
            statuses.append(ItemStatus(item.id, "missing" if item.required else "ok"))
            continue
        value = normalise_answer(item, raw, fracture)
        normalised[item.id] = value
        if is_blocking(item, value, in_force):
            statuses.append(ItemStatus(item.id, "blocking", value, item.blocking_reason))
        else:
            statuses.append(ItemStatus(item.id, "ok", value))
    return ChecklistResult(items=tuple(statuses), thresholds=in_force)
