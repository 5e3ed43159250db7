"""The staff side of a form file: thresholds and checklist items, validated (part of the form loader).

A mixin of the loader's validator (``form_loader._Validator``): it uses the validator's generic
checks (``fail``, ``mapping``, ``text``, ``english``...) and adds the rules of the checklist:
kinds, blocking rules against thresholds or choices, conditions, plausible ranges of numbers,
physician items, repeatable entries (several blood thinners, each with its own last dose), and the
English twins of every staff text (schema 2).
"""
from __future__ import annotations

from typing import Any

from .form import (
    CHECKLIST_KINDS,
    BlockingRule,
    ChecklistItem,
    Choice,
    Condition,
    Threshold,
)
from .form_yaml import join, kind_of, show
from .thresholds import SAFE_BOUNDS

BLOCKING_OPS = {
    "yesno": ("equals", "not_equals"),
    "number": ("above", "below", "at_least"),
    "choice": ("in", "equals", "not_equals"),
    "date": (),
    "datetime": (),
    "text": (),
    "entries": (),  # an entries item blocks through one of its fields: {where: field, in: [...]}
}
FIELD_KINDS = ("yesno", "number", "choice", "date", "text")
YESNO = ("yes", "no")
SEXES = ("F", "M")
ENTRIES_VALUES = ("none", "entries")  # what a condition on an entries item can test

_ITEM_REQUIRED = ("id", "label", "kind")
_ITEM_OPTIONAL = ("required", "unit", "choices", "blocking", "blocking_reason", "staff_help", "applies_when",
                  "label_en", "blocking_reason_en", "staff_help_en", "physician", "range", "fields",
                  "none_label", "none_label_en")


class ChecklistRules:
    """Validation of ``thresholds`` and ``checklist`` (mixed into the loader's validator)."""

    schema: int

    def twin(self, m: dict[str, Any], key: str, path: str, twins: list[tuple[str, str, str]],
             field: str | None = None) -> None:
        """``<key>_en`` beside a staff text: required from schema 2 on, English only."""
        en_key = f"{key}_en"
        if en_key in m:
            twins.append(("en", field or key, self.english(m[en_key], join(path, en_key))))
        elif self.schema >= 2:
            self.fail(join(path, en_key), f"required: the English twin of '{key}' (staff see it in English)")

    def thresholds(self, value: Any, path: str) -> dict[str, Threshold]:
        if not isinstance(value, dict):
            self.fail(path, f"must be a mapping, not {kind_of(value)}")
        out: dict[str, Threshold] = {}
        for key, raw in value.items():
            p = join(path, key) if isinstance(key, str) else path
            self.ident(key, p)
            m = self.mapping(raw, p, ("label", "value", "min", "max"), ("unit", "label_en"))
            val = self.number(m["value"], join(p, "value"))
            lo = self.number(m["min"], join(p, "min"))
            hi = self.number(m["max"], join(p, "max"))
            if lo > hi:
                self.fail(p, f"min ({m['min']}) is greater than max ({m['max']})")
            if not lo <= val <= hi:
                self.fail(join(p, "value"), f"{m['value']} lies outside min..max ({m['min']}..{m['max']})")
            if self.schema >= 2 and key in SAFE_BOUNDS:
                safe_lo, safe_hi, what, _ = SAFE_BOUNDS[key]
                if lo < safe_lo or hi > safe_hi:
                    self.fail(p, f"the range {m['min']}..{m['max']} goes beyond the safe bounds for {what} "
                                 f"({safe_lo:g}..{safe_hi:g})")
            unit = self.text(m.get("unit", ""), join(p, "unit"), arabic=False, allow_empty=True)
            twins: list[tuple[str, str, str]] = []
            self.twin(m, "label", p, twins)
            out[key] = Threshold(id=key, label=self.text(m["label"], join(p, "label")), value=val, minimum=lo,
                                 maximum=hi, unit=unit, twins=tuple(twins))
        return out

    def checklist(self, value: Any, path: str, thresholds: dict[str, Threshold]) -> tuple[ChecklistItem, ...]:
        items: list[ChecklistItem] = []
        by_id: dict[str, ChecklistItem] = {}
        for i, raw in enumerate(self.seq(value, path)):
            p = join(path, i)
            item = self.item(raw, p, thresholds, by_id)
            if item.id in by_id:
                self.fail(join(p, "id"), f"duplicate item id {show(item.id)}")
            items.append(item)
            by_id[item.id] = item
        return tuple(items)

    def item(self, raw: Any, p: str, thresholds: dict[str, Threshold], earlier: dict[str, ChecklistItem],
             *, in_entry: bool = False) -> ChecklistItem:
        m = self.mapping(raw, p, _ITEM_REQUIRED, _ITEM_OPTIONAL)
        item_id = self.ident(m["id"], join(p, "id"))
        kind = m["kind"]
        kinds = FIELD_KINDS if in_entry else CHECKLIST_KINDS
        if kind not in kinds:
            self.fail(join(p, "kind"), f"unknown kind {show(kind)} (expected one of {', '.join(kinds)})")
        if in_entry:
            for key in ("applies_when", "blocking", "blocking_reason", "physician", "fields"):
                if key in m:
                    self.fail(join(p, key), "not allowed on a field of an entry (put it on the entries item)")
        twins: list[tuple[str, str, str]] = []
        label = self.text(m["label"], join(p, "label"))
        self.twin(m, "label", p, twins)
        required = self.boolean(m["required"], join(p, "required")) if "required" in m else True
        physician = self.boolean(m["physician"], join(p, "physician")) if "physician" in m else False
        unit = ""
        if "unit" in m:
            if kind != "number":
                self.fail(join(p, "unit"), f"a unit is only allowed for number items, not {kind}")
            unit = self.text(m["unit"], join(p, "unit"), arabic=False, allow_empty=True)
        low = high = None
        if "range" in m:
            if kind != "number":
                self.fail(join(p, "range"), f"a range is only allowed for number items, not {kind}")
            rp = join(p, "range")
            r = self.mapping(m["range"], rp, ("min", "max"))
            low, high = self.number(r["min"], join(rp, "min")), self.number(r["max"], join(rp, "max"))
            if low >= high:
                self.fail(rp, f"min ({r['min']}) must be below max ({r['max']})")
        choices: tuple[Choice, ...] = ()
        if kind == "choice":
            if "choices" not in m:
                self.fail(join(p, "choices"), "required for a choice item")
            choices = self.choices(m["choices"], join(p, "choices"))
        elif "choices" in m:
            self.fail(join(p, "choices"), f"only a choice item has choices, not {kind}")
        fields: tuple[ChecklistItem, ...] = ()
        none_label = ""
        if kind == "entries":
            for key in ("fields", "none_label"):
                if key not in m:
                    self.fail(join(p, key), "required for an entries item")
            fp = join(p, "fields")
            fields = tuple(self.item(f, join(fp, k), thresholds, {}, in_entry=True)
                           for k, f in enumerate(self.seq(m["fields"], fp)))
            self.unique([f.id for f in fields], fp, "field id")
            none_label = self.text(m["none_label"], join(p, "none_label"))
            self.twin(m, "none_label", p, twins)
        else:
            for key in ("fields", "none_label", "none_label_en"):
                if key in m:
                    self.fail(join(p, key), f"only an entries item has {key}, not {kind}")
        blocking = None
        reason = ""
        if "blocking" in m:
            blocking = self.blocking(m["blocking"], join(p, "blocking"), kind, choices, thresholds, fields)
            if "blocking_reason" not in m:
                self.fail(join(p, "blocking_reason"), "required when the item has blocking")
            reason = self.text(m["blocking_reason"], join(p, "blocking_reason"))
            self.twin(m, "blocking_reason", p, twins)
        elif "blocking_reason" in m or "blocking_reason_en" in m:
            self.fail(join(p, "blocking_reason"), "given without blocking")
        staff_help = ""
        if "staff_help" in m:
            staff_help = self.text(m["staff_help"], join(p, "staff_help"), arabic=False)
            self.twin(m, "staff_help", p, twins)
        elif "staff_help_en" in m:
            self.fail(join(p, "staff_help_en"), "given without staff_help")
        applies = None
        if "applies_when" in m:
            applies = self.condition(m["applies_when"], join(p, "applies_when"), earlier)
        return ChecklistItem(id=item_id, label=label, kind=kind, required=required, unit=unit, choices=choices,
                             blocking=blocking, blocking_reason=reason, staff_help=staff_help,
                             applies_when=applies, physician=physician, low=low, high=high, fields=fields,
                             none_label=none_label, twins=tuple(twins))

    def choices(self, value: Any, path: str) -> tuple[Choice, ...]:
        out = []
        for i, raw in enumerate(self.seq(value, path, min_len=2)):
            p = join(path, i)
            m = self.mapping(raw, p, ("id", "label"), ("label_en", "offered_when"))
            twins: list[tuple[str, str, str]] = []
            self.twin(m, "label", p, twins)
            offered = None
            if "offered_when" in m:
                op = join(p, "offered_when")
                cond = self.mapping(m["offered_when"], op, ("fracture",))
                offered = Condition(fracture=self.boolean(cond["fracture"], join(op, "fracture")))
            out.append(Choice(id=self.ident(m["id"], join(p, "id")), label=self.text(m["label"], join(p, "label")),
                              twins=tuple(twins), offered_when=offered))
        self.unique([c.id for c in out], path, "choice id")
        return tuple(out)

    def blocking(self, value: Any, path: str, kind: str, choices: tuple[Choice, ...],
                 thresholds: dict[str, Threshold], fields: tuple[ChecklistItem, ...] = ()) -> BlockingRule:
        if kind == "entries":
            if not isinstance(value, dict) or "where" not in value or len(value) != 2:
                self.fail(path, "an entries item blocks through one field: {where: <field id>, in: [...]}")
            target = value["where"]
            field = next((f for f in fields if f.id == target), None)
            if field is None:
                self.fail(join(path, "where"), f"{show(target)} is not a field of this item")
            rule = self.blocking({k: v for k, v in value.items() if k != "where"}, path, field.kind,
                                 field.choices, thresholds)
            return BlockingRule(rule.op, rule.operand, field=field.id)
        if not isinstance(value, dict) or len(value) != 1:
            self.fail(path, "must be a mapping with exactly one rule, e.g. {equals: \"yes\"}")
        op, operand = next(iter(value.items()))
        allowed = BLOCKING_OPS[kind]
        if not allowed:
            self.fail(path, f"a {kind} item cannot block")
        if op not in allowed:
            self.fail(join(path, str(op)), f"'{op}' is not valid for a {kind} item (use {', '.join(allowed)})")
        p = join(path, op)
        choice_ids = [c.id for c in choices]
        if kind == "yesno":
            if isinstance(operand, bool):
                self.fail(p, "write \"yes\" or \"no\" in quotes (bare yes/no are read as true/false)")
            if operand not in YESNO:
                self.fail(p, f"must be \"yes\" or \"no\", not {show(operand)}")
            return BlockingRule(op, operand)
        if kind == "number":
            if not isinstance(operand, str):
                self.fail(p, f"must name a threshold, not {kind_of(operand)}")
            if operand not in thresholds:
                self.fail(p, f"unknown threshold {show(operand)}")
            return BlockingRule(op, operand)
        # choice
        if op == "in":
            ids = self.seq(operand, p)
            for i, cid in enumerate(ids):
                if not isinstance(cid, str) or cid not in choice_ids:
                    self.fail(join(p, i), f"unknown choice {show(cid)}")
            if len(set(ids)) != len(ids):
                self.fail(p, "lists a choice twice")
            if len(ids) == len(choice_ids):
                self.fail(p, "every choice blocks: the item could never be answered clear")
            return BlockingRule(op, tuple(ids))
        if not isinstance(operand, str) or operand not in choice_ids:
            self.fail(p, f"unknown choice {show(operand)}")
        return BlockingRule(op, operand)

    def condition(self, value: Any, path: str, earlier: dict[str, ChecklistItem]) -> Condition:
        if not isinstance(value, dict):
            self.fail(path, f"must be a mapping, not {kind_of(value)}")
        if "sex" in value:
            self.mapping(value, path, ("sex",))
            if value["sex"] not in SEXES:
                self.fail(join(path, "sex"), f"must be \"F\" or \"M\", not {show(value['sex'])}")
            return Condition(sex=value["sex"])
        if "fracture" in value:
            self.mapping(value, path, ("fracture",))
            return Condition(fracture=self.boolean(value["fracture"], join(path, "fracture")))
        if "in" in value and "not_in" in value:
            self.fail(path, "give either 'in' or 'not_in', not both")
        op = "not_in" if "not_in" in value else "in"
        self.mapping(value, path, ("item", op))
        ref = value["item"]
        if not isinstance(ref, str) or ref not in earlier:
            self.fail(join(path, "item"), f"refers to {show(ref)}, which is not an earlier checklist item")
        target = earlier[ref]
        if target.kind == "choice":
            valid = tuple(c.id for c in target.choices)
        elif target.kind == "yesno":
            valid = YESNO
        elif target.kind == "entries":
            valid = ENTRIES_VALUES
        else:
            self.fail(join(path, "item"), f"a condition can only refer to a choice, yesno or entries item, "
                                          f"not {target.kind}")
        values = self.seq(value[op], join(path, op))
        for i, v in enumerate(values):
            if isinstance(v, bool):
                self.fail(join(join(path, op), i), "write \"yes\" or \"no\" in quotes")
            if v not in valid:
                self.fail(join(join(path, op), i), f"{show(v)} is not a value of '{ref}'")
        if len(set(values)) != len(values):
            self.fail(join(path, op), "lists a value twice")
        if op == "in":
            return Condition(item=ref, in_=tuple(values))
        return Condition(item=ref, not_in=tuple(values))
