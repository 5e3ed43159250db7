"""Read and validate ``forms/<procedure>.<language>.yaml`` into a frozen :class:`Form`.

Safe YAML only (``yaml.SafeLoader`` semantics; no tags, no aliases, no duplicate keys), at most
1 MiB of UTF-8. Every schema violation raises :class:`FormInvalid` whose message is one line:
``<file>: <path>: <problem>``, e.g. ``forms/x.ar.yaml: checklist[3].blocking.above: unknown
threshold 'inr'``. Unknown keys are refused, so a misspelt key never silently drops content.

The version identity is ``content_sha256``: the SHA-256 of :func:`canonical_content`, the canonical
JSON (sorted keys, UTF-8, NFC, no whitespace) of the parsed mapping. Line endings, comments, quoting
and YAML layout therefore do not make a new version; changing a word does.
"""
from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any


from .errors import FormInvalid
from .form import (
    CHECKLIST_KINDS,
    INDICATIONS,
    PROCEDURES,
    BlockingRule,
    ChecklistItem,
    Choice,
    Condition,
    Criterion,
    Form,
    Indication,
    RiskFigure,
    Section,
    TeachBack,
    Threshold,
)
from .form_yaml import FILE, load_yaml, one_line, show
from .text import find_forbidden

log = logging.getLogger(__name__)

MAX_FORM_BYTES = 1024 * 1024
SCHEMA_VERSION = 1
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}$")
VERSION_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$")
ARABIC_LETTER_RE = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")

# The sections every form carries, in this order (a form may add its own between them).
SECTION_IDS = (
    "what_and_why", "who_and_where", "indications", "contraindications", "preparation", "steps",
    "expected_results", "risks", "permanent_risks", "alternatives", "aftercare", "rights",
)
SIGNATURE_MEANINGS = ("patient", "representative", "witness", "witness_mark", "interpreter",
                      "physician", "refusal", "refusal_representative", "refusal_witness")
BLOCKING_OPS = {
    "yesno": ("equals", "not_equals"),
    "number": ("above", "below", "at_least"),
    "choice": ("in", "equals", "not_equals"),
    "date": (),
    "datetime": (),
    "text": (),
}
YESNO = ("yes", "no")
SEXES = ("F", "M")

_TOP_REQUIRED = ("schema", "procedure", "language", "version", "title", "procedure_name",
                 "sections", "indications", "immediate_criteria", "conservative_treatments",
                 "teach_back", "certification", "signature_meanings", "thresholds", "checklist")
ROOT = "<root>"


# --- canonical content -----------------------------------------------------------------------------
def _nfc_tree(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, Mapping):
        return {_nfc_tree(k): _nfc_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_nfc_tree(v) for v in value]
    return value


def canonical_content(form_or_mapping: Form | Mapping[str, Any]) -> bytes:
    """Canonical JSON of a form's parsed content: sorted keys, UTF-8, NFC, no spaces.

    Given a :class:`Form`, its ``source_text`` is parsed again (a Form carries its text).
    """
    if isinstance(form_or_mapping, Form):
        if not form_or_mapping.source_text:
            raise ValueError("canonical_content: the form has no source text")
        mapping = load_yaml(form_or_mapping.source_text, form_or_mapping.source_file or "<memory>")
    elif isinstance(form_or_mapping, Mapping):
        mapping = form_or_mapping
    else:
        raise TypeError("canonical_content needs a Form or a mapping")
    try:
        return json.dumps(_nfc_tree(mapping), sort_keys=True, ensure_ascii=False,
                          separators=(",", ":"), allow_nan=False).encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise ValueError(f"canonical_content: not plain JSON data ({exc})") from None


def content_sha256(form_or_mapping: Form | Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_content(form_or_mapping)).hexdigest()


# --- validation ------------------------------------------------------------------------------------
def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class _Validator:
    def __init__(self, file: str) -> None:
        self.file = file
        self.arabic = True

    def fail(self, path: str, problem: str) -> None:
        raise FormInvalid(self.file, path or ROOT, one_line(problem))

    # generic shapes
    def mapping(self, value: Any, path: str, required: tuple[str, ...],
                optional: tuple[str, ...] = ()) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(path, f"must be a mapping, not {_kind(value)}")
        for key in value:
            if not isinstance(key, str):
                self.fail(path, f"keys must be text, found {show(key)}")
        allowed = set(required) | set(optional)
        unknown = sorted(k for k in value if k not in allowed)
        if unknown:
            self.fail(_join(path, unknown[0]), "unknown key")
        for key in required:
            if key not in value:
                self.fail(_join(path, key), "required key is missing")
        return value

    def seq(self, value: Any, path: str, *, min_len: int = 1) -> list[Any]:
        if not isinstance(value, list):
            self.fail(path, f"must be a list, not {_kind(value)}")
        if len(value) < min_len:
            self.fail(path, f"must have at least {min_len} entr{'y' if min_len == 1 else 'ies'}")
        return value

    def text(self, value: Any, path: str, *, arabic: bool = True, allow_empty: bool = False) -> str:
        if not isinstance(value, str):
            self.fail(path, f"must be text, not {_kind(value)}")
        text = unicodedata.normalize("NFC", value).strip()
        if not text:
            if allow_empty:
                return ""
            self.fail(path, "must not be empty")
        bad = find_forbidden(text.replace("\n", "").replace("\t", ""))
        if bad:
            self.fail(path, f"contains an invisible or control character ({bad})")
        if arabic and self.arabic and not ARABIC_LETTER_RE.search(text):
            self.fail(path, f"must be Arabic text, found {show(text)}")
        return text

    def ident(self, value: Any, path: str) -> str:
        if not isinstance(value, str):
            self.fail(path, f"id must be text, not {_kind(value)}")
        if not ID_RE.match(value):
            self.fail(path, f"invalid id {show(value)} (lower-case letters, digits, '_'; "
                            "starting with a letter)")
        return value

    def unique(self, ids: list[str], path: str, what: str = "id") -> None:
        seen: set[str] = set()
        for i, ident in enumerate(ids):
            if ident in seen:
                self.fail(_join(_join(path, i), "id"), f"duplicate {what} {show(ident)}")
            seen.add(ident)

    def number(self, value: Any, path: str) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(path, f"must be a number, not {_kind(value)}")
        if not math.isfinite(value):
            self.fail(path, "must be a finite number")
        return float(value)

    def boolean(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            self.fail(path, f"must be true or false, not {_kind(value)}")
        return value

    def texts(self, value: Any, path: str) -> tuple[str, ...]:
        items = self.seq(value, path)
        return tuple(self.text(v, _join(path, i)) for i, v in enumerate(items))

    # the document
    def form(self, data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            self.fail(ROOT, f"the document must be a mapping, not {_kind(data)}")
        self.mapping(data, "", _TOP_REQUIRED)
        schema = data["schema"]
        if isinstance(schema, bool) or not isinstance(schema, int):
            self.fail("schema", f"must be the number {SCHEMA_VERSION}, not {_kind(schema)}")
        if schema != SCHEMA_VERSION:
            self.fail("schema", f"unsupported schema {schema} (this program reads schema "
                                f"{SCHEMA_VERSION})")
        procedure = data["procedure"]
        if procedure not in PROCEDURES:
            self.fail("procedure", f"unknown procedure {show(procedure)} (expected one of "
                                   f"{', '.join(PROCEDURES)})")
        language = data["language"]
        if not isinstance(language, str) or not LANGUAGE_RE.match(language):
            self.fail("language", f"invalid language code {show(language)}")
        self.arabic = language == "ar"
        version = data["version"]
        if not isinstance(version, str):
            self.fail("version", f"must be text in quotes, e.g. \"2026.11-1\", not {_kind(version)}")
        if not VERSION_RE.match(version):
            self.fail("version", f"invalid version label {show(version)}")

        thresholds = self.thresholds(data["thresholds"], "thresholds")
        return {
            "procedure": procedure,
            "language": language,
            "version": version,
            "title": self.text(data["title"], "title"),
            "procedure_name": self.text(data["procedure_name"], "procedure_name"),
            "sections": self.sections(data["sections"], "sections"),
            "indications": self.indications(data["indications"], "indications"),
            "immediate_criteria": self.criteria(data["immediate_criteria"], "immediate_criteria"),
            "conservative_treatments": self.criteria(data["conservative_treatments"],
                                                     "conservative_treatments"),
            "teach_back": self.teach_back(data["teach_back"], "teach_back"),
            "certification": self.text(data["certification"], "certification"),
            "signature_meanings": self.signature_meanings(data["signature_meanings"],
                                                          "signature_meanings"),
            "thresholds": thresholds,
            "checklist": self.checklist(data["checklist"], "checklist", thresholds),
        }

    def sections(self, value: Any, path: str) -> tuple[Section, ...]:
        out = []
        for i, raw in enumerate(self.seq(value, path)):
            p = _join(path, i)
            m = self.mapping(raw, p, ("id", "title", "paragraphs"), ("bullets",))
            bullets = self.texts(m["bullets"], _join(p, "bullets")) if "bullets" in m else ()
            out.append(Section(
                id=self.ident(m["id"], _join(p, "id")),
                title=self.text(m["title"], _join(p, "title")),
                paragraphs=self.texts(m["paragraphs"], _join(p, "paragraphs")),
                bullets=bullets,
            ))
        ids = [s.id for s in out]
        self.unique(ids, path, "section id")
        position, previous = -1, ""
        for required in SECTION_IDS:
            if required not in ids:
                self.fail(path, f"missing section '{required}'")
            here = ids.index(required)
            if here < position:
                self.fail(_join(_join(path, here), "id"),
                          f"section '{required}' must come after '{previous}'")
            position, previous = here, required
        return tuple(out)

    def indications(self, value: Any, path: str) -> dict[str, Indication]:
        m = self.mapping(value, path, INDICATIONS)
        out: dict[str, Indication] = {}
        for ind_id in INDICATIONS:
            p = _join(path, ind_id)
            raw = self.mapping(m[ind_id], p, ("label", "fracture", "risk", "benefits", "risks"))
            risk = None
            if raw["risk"] is not None:
                rp = _join(p, "risk")
                r = self.mapping(raw["risk"], rp, ("low", "high"))
                low = self.number(r["low"], _join(rp, "low"))
                high = self.number(r["high"], _join(rp, "high"))
                if not 0 <= low <= 100:
                    self.fail(_join(rp, "low"), f"must lie within 0..100, found {r['low']}")
                if not 0 <= high <= 100:
                    self.fail(_join(rp, "high"), f"must lie within 0..100, found {r['high']}")
                if low > high:
                    self.fail(rp, f"low ({r['low']}) is greater than high ({r['high']})")
                risk = RiskFigure(low=low, high=high)
            out[ind_id] = Indication(
                id=ind_id,
                label=self.text(raw["label"], _join(p, "label")),
                fracture=self.boolean(raw["fracture"], _join(p, "fracture")),
                risk=risk,
                benefits=self.texts(raw["benefits"], _join(p, "benefits")),
                risks=self.texts(raw["risks"], _join(p, "risks")),
            )
        return out

    def criteria(self, value: Any, path: str) -> tuple[Criterion, ...]:
        out = []
        for i, raw in enumerate(self.seq(value, path)):
            p = _join(path, i)
            m = self.mapping(raw, p, ("id", "label"))
            out.append(Criterion(id=self.ident(m["id"], _join(p, "id")),
                                 label=self.text(m["label"], _join(p, "label"))))
        self.unique([c.id for c in out], path)
        return tuple(out)

    def teach_back(self, value: Any, path: str) -> tuple[TeachBack, ...]:
        out = []
        for i, raw in enumerate(self.seq(value, path)):
            p = _join(path, i)
            m = self.mapping(raw, p, ("id", "question"))
            out.append(TeachBack(id=self.ident(m["id"], _join(p, "id")),
                                 question=self.text(m["question"], _join(p, "question"))))
        self.unique([t.id for t in out], path)
        return tuple(out)

    def signature_meanings(self, value: Any, path: str) -> dict[str, str]:
        m = self.mapping(value, path, SIGNATURE_MEANINGS)
        return {k: self.text(m[k], _join(path, k)) for k in SIGNATURE_MEANINGS}

    def thresholds(self, value: Any, path: str) -> dict[str, Threshold]:
        if not isinstance(value, dict):
            self.fail(path, f"must be a mapping, not {_kind(value)}")
        out: dict[str, Threshold] = {}
        for key, raw in value.items():
            p = _join(path, key) if isinstance(key, str) else path
            self.ident(key, p)
            m = self.mapping(raw, p, ("label", "value", "min", "max"), ("unit",))
            val = self.number(m["value"], _join(p, "value"))
            lo = self.number(m["min"], _join(p, "min"))
            hi = self.number(m["max"], _join(p, "max"))
            if lo > hi:
                self.fail(p, f"min ({m['min']}) is greater than max ({m['max']})")
            if not lo <= val <= hi:
                self.fail(_join(p, "value"), f"{m['value']} lies outside min..max "
                                             f"({m['min']}..{m['max']})")
            unit = self.text(m.get("unit", ""), _join(p, "unit"), arabic=False, allow_empty=True)
            out[key] = Threshold(id=key, label=self.text(m["label"], _join(p, "label")),
                                 value=val, minimum=lo, maximum=hi, unit=unit)
        return out

    def checklist(self, value: Any, path: str,
                  thresholds: dict[str, Threshold]) -> tuple[ChecklistItem, ...]:
        items: list[ChecklistItem] = []
        by_id: dict[str, ChecklistItem] = {}
        for i, raw in enumerate(self.seq(value, path)):
            p = _join(path, i)
            m = self.mapping(raw, p, ("id", "label", "kind"),
                             ("required", "unit", "choices", "blocking", "blocking_reason",
                              "staff_help", "applies_when"))
            item_id = self.ident(m["id"], _join(p, "id"))
            if item_id in by_id:
                self.fail(_join(p, "id"), f"duplicate item id {show(item_id)}")
            kind = m["kind"]
            if kind not in CHECKLIST_KINDS:
                self.fail(_join(p, "kind"), f"unknown kind {show(kind)} (expected one of "
                                            f"{', '.join(CHECKLIST_KINDS)})")
            label = self.text(m["label"], _join(p, "label"))
            required = self.boolean(m["required"], _join(p, "required")) if "required" in m else True
            unit = ""
            if "unit" in m:
                if kind != "number":
                    self.fail(_join(p, "unit"), f"a unit is only allowed for number items, "
                                                f"not {kind}")
                unit = self.text(m["unit"], _join(p, "unit"), arabic=False, allow_empty=True)
            choices: tuple[Choice, ...] = ()
            if kind == "choice":
                if "choices" not in m:
                    self.fail(_join(p, "choices"), "required for a choice item")
                choices = self.choices(m["choices"], _join(p, "choices"))
            elif "choices" in m:
                self.fail(_join(p, "choices"), f"only a choice item has choices, not {kind}")
            blocking = None
            if "blocking" in m:
                blocking = self.blocking(m["blocking"], _join(p, "blocking"), kind, choices,
                                         thresholds)
                if "blocking_reason" not in m:
                    self.fail(_join(p, "blocking_reason"), "required when the item has blocking")
                reason = self.text(m["blocking_reason"], _join(p, "blocking_reason"))
            elif "blocking_reason" in m:
                self.fail(_join(p, "blocking_reason"), "given without blocking")
            else:
                reason = ""
            staff_help = ""
            if "staff_help" in m:
                staff_help = self.text(m["staff_help"], _join(p, "staff_help"), arabic=False)
            applies = None
            if "applies_when" in m:
                applies = self.condition(m["applies_when"], _join(p, "applies_when"), by_id)
            item = ChecklistItem(id=item_id, label=label, kind=kind, required=required, unit=unit,
                                 choices=choices, blocking=blocking, blocking_reason=reason,
                                 staff_help=staff_help, applies_when=applies)
            items.append(item)
            by_id[item_id] = item
        return tuple(items)

    def choices(self, value: Any, path: str) -> tuple[Choice, ...]:
        out = []
        for i, raw in enumerate(self.seq(value, path, min_len=2)):
            p = _join(path, i)
            m = self.mapping(raw, p, ("id", "label"))
            out.append(Choice(id=self.ident(m["id"], _join(p, "id")),
                              label=self.text(m["label"], _join(p, "label"))))
        self.unique([c.id for c in out], path, "choice id")
        return tuple(out)

    def blocking(self, value: Any, path: str, kind: str, choices: tuple[Choice, ...],
                 thresholds: dict[str, Threshold]) -> BlockingRule:
        if not isinstance(value, dict) or len(value) != 1:
            self.fail(path, "must be a mapping with exactly one rule, e.g. {equals: \"yes\"}")
        op, operand = next(iter(value.items()))
        allowed = BLOCKING_OPS[kind]
        if not allowed:
            self.fail(path, f"a {kind} item cannot block")
        if op not in allowed:
            self.fail(_join(path, str(op)), f"'{op}' is not valid for a {kind} item "
                                            f"(use {', '.join(allowed)})")
        p = _join(path, op)
        choice_ids = [c.id for c in choices]
        if kind == "yesno":
            if isinstance(operand, bool):
                self.fail(p, "write \"yes\" or \"no\" in quotes (bare yes/no are read as "
                             "true/false)")
            if operand not in YESNO:
                self.fail(p, f"must be \"yes\" or \"no\", not {show(operand)}")
            return BlockingRule(op, operand)
        if kind == "number":
            if not isinstance(operand, str):
                self.fail(p, f"must name a threshold, not {_kind(operand)}")
            if operand not in thresholds:
                self.fail(p, f"unknown threshold {show(operand)}")
            return BlockingRule(op, operand)
        # choice
        if op == "in":
            ids = self.seq(operand, p)
            for i, cid in enumerate(ids):
                if not isinstance(cid, str) or cid not in choice_ids:
                    self.fail(_join(p, i), f"unknown choice {show(cid)}")
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
            self.fail(path, f"must be a mapping, not {_kind(value)}")
        if "sex" in value:
            self.mapping(value, path, ("sex",))
            if value["sex"] not in SEXES:
                self.fail(_join(path, "sex"), f"must be \"F\" or \"M\", not {show(value['sex'])}")
            return Condition(sex=value["sex"])
        if "in" in value and "not_in" in value:
            self.fail(path, "give either 'in' or 'not_in', not both")
        op = "not_in" if "not_in" in value else "in"
        self.mapping(value, path, ("item", op))
        ref = value["item"]
        if not isinstance(ref, str) or ref not in earlier:
            self.fail(_join(path, "item"), f"refers to {show(ref)}, which is not an earlier "
                                           "checklist item")
        target = earlier[ref]
        if target.kind == "choice":
            valid = tuple(c.id for c in target.choices)
        elif target.kind == "yesno":
            valid = YESNO
        else:
            self.fail(_join(path, "item"), f"a condition can only refer to a choice or yesno "
                                           f"item, not {target.kind}")
        values = self.seq(value[op], _join(path, op))
        for i, v in enumerate(values):
            if isinstance(v, bool):
                self.fail(_join(_join(path, op), i), "write \"yes\" or \"no\" in quotes")
            if v not in valid:
                self.fail(_join(_join(path, op), i), f"{show(v)} is not a value of '{ref}'")
        if len(set(values)) != len(values):
            self.fail(_join(path, op), "lists a value twice")
        if op == "in":
            return Condition(item=ref, in_=tuple(values))
        return Condition(item=ref, not_in=tuple(values))


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


# --- public API ------------------------------------------------------------------------------------
def parse_form(text: str, source_file: str = "<memory>") -> Form:
    """Validate a form's YAML text and build the :class:`Form` (raises :class:`FormInvalid`)."""
    if isinstance(text, (bytes, bytearray)):
        if len(text) > MAX_FORM_BYTES:
            raise FormInvalid(source_file, FILE, f"larger than 1 MiB ({len(text)} bytes)")
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FormInvalid(source_file, FILE, f"not valid UTF-8 (byte {exc.start})") from None
    if not isinstance(text, str):
        raise FormInvalid(source_file, FILE, f"expected text, not {type(text).__name__}")
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_FORM_BYTES:
        raise FormInvalid(source_file, FILE, f"larger than 1 MiB ({size} bytes)")
    data = load_yaml(text, source_file)
    fields = _Validator(source_file).form(data)
    digest = hashlib.sha256(canonical_content(data)).hexdigest()
    return Form(**fields, content_sha256=digest, source_text=text, source_file=source_file)


def load_form(path: str | os.PathLike[str]) -> Form:
    """Read one form file (at most 1 MiB of UTF-8) and validate it."""
    path = Path(path)
    name = str(path)
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_FORM_BYTES + 1)
    except OSError as exc:
        raise FormInvalid(name, FILE, f"cannot be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_FORM_BYTES:
        raise FormInvalid(name, FILE, "larger than 1 MiB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormInvalid(name, FILE, f"not valid UTF-8 (byte {exc.start})") from None
    form = parse_form(text, name)
    parts = path.name.split(".")
    if len(parts) == 3 and parts[0] in PROCEDURES and parts[2] == "yaml":
        if form.procedure != parts[0]:
            raise FormInvalid(name, "procedure", f"'{form.procedure}' does not match the file "
                                                 f"name (expected '{parts[0]}')")
        if form.language != parts[1]:
            raise FormInvalid(name, "language", f"'{form.language}' does not match the file "
                                                f"name (expected '{parts[1]}')")
    return form


def load_forms(directory: str | os.PathLike[str]
               ) -> tuple[dict[tuple[str, str], Form], list[FormInvalid]]:
    """Every ``*.yaml`` in ``directory``, keyed by (procedure, language); broken files are listed
    in the second element and the others still load."""
    directory = Path(directory)
    forms: dict[tuple[str, str], Form] = {}
    problems: list[FormInvalid] = []
    if not directory.is_dir():
        return forms, [FormInvalid(str(directory), FILE, "folder not found")]
    for path in sorted(directory.glob("*.yaml")):
        try:
            form = load_form(path)
        except FormInvalid as exc:
            log.warning("form file refused: %s", exc.message())
            problems.append(exc)
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file never stops the others (or the program)
            problems.append(FormInvalid(str(path), FILE, f"cannot be loaded ({type(exc).__name__})"))
            log.warning("form file refused: %s", problems[-1].message())
            continue
        key = (form.procedure, form.language)
        if key in forms:
            exc = FormInvalid(str(path), "procedure", f"a {key[0]}/{key[1]} form is already "
                                                      f"loaded from {forms[key].source_file}")
            log.warning("form file refused: %s", exc.message())
            problems.append(exc)
            continue
        forms[key] = form
    return forms, problems
