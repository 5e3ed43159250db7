"""Read and validate ``forms/<procedure>.<language>.yaml`` into a frozen :class:`Form`.

Safe YAML only (``yaml.SafeLoader`` semantics; no tags, no aliases, no duplicate keys), at most
1 MiB of UTF-8. Every schema violation raises :class:`FormInvalid` whose message is one line:
``<file>: <path>: <problem>``, e.g. ``forms/x.ar.yaml: checklist[3].blocking.above: unknown
threshold 'inr'``. Unknown keys are refused, so a misspelt key never silently drops content.

The version identity is ``content_sha256``: the SHA-256 of :func:`canonical_content`, the canonical
JSON (sorted keys, UTF-8, NFC, no whitespace) of the parsed mapping. Line endings, comments, quoting
and YAML layout therefore do not make a new version; changing a word does.

Two schemas are read. Schema 1 is the first shipped content: it stays readable so that every record
sealed with it is shown with its own text. Schema 2 (the current forms) adds, and requires:
English twins of every staff text (``label_en``...); patient texts as templates (placeholders from
the settings and masculine|feminine forms, ``app.domain.form_text``) with Western digits and
"X من كل 100" only; the alternatives of each indication; the anaesthesia types; the patient's own
yes/no choices (biopsy, an extra level); the form's reference and review date; thresholds inside
the safe bounds; and the review notes for the approving physician.
"""
from __future__ import annotations

import datetime as dt
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


from .digits import digit_problem
from .errors import FormInvalid
from .form import (
    ANAESTHESIA_IDS,
    INDICATIONS,
    PATIENT_CHOICES,
    PROCEDURES,
    Choice,
    Criterion,
    Form,
    Indication,
    PatientChoice,
    ReviewNote,
    RiskFigure,
    Section,
    TeachBack,
)
from .form_loader_checklist import ChecklistRules
from .form_text import CONDITIONS, PLAN_PLACEHOLDERS, SETTING_PLACEHOLDERS, template_problem
from .form_yaml import FILE, join as _join, kind_of as _kind, load_yaml, one_line, show
from .text import find_forbidden

log = logging.getLogger(__name__)

MAX_FORM_BYTES = 1024 * 1024
SCHEMA_VERSION = 2  # what this program writes; it reads SCHEMA_VERSIONS
SCHEMA_VERSIONS = (1, 2)
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}$")
VERSION_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$")
REFERENCE_RE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{2,39}$")
ARABIC_LETTER_RE = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
LATIN_LETTER_RE = re.compile("[A-Za-z]")

# The sections every form carries, in this order (a form may add its own between them).
SECTION_IDS = (
    "what_and_why", "who_and_where", "indications", "contraindications", "preparation", "steps",
    "expected_results", "risks", "permanent_risks", "alternatives", "aftercare", "rights",
)
SIGNATURE_MEANINGS = ("patient", "representative", "witness", "witness_mark", "interpreter",
                      "physician", "refusal", "refusal_representative", "refusal_witness")

_TOP_REQUIRED = ("schema", "procedure", "language", "version", "title", "procedure_name",
                 "sections", "indications", "immediate_criteria", "conservative_treatments",
                 "teach_back", "certification", "signature_meanings", "thresholds", "checklist")
_TOP_SCHEMA_2 = ("title_en", "procedure_name_en", "reference", "review_date", "anaesthesia",
                 "patient_choices", "review_notes")
ROOT = "<root>"

# Patient text: Western digits, and "X من كل 100" rather than a percent.
_PERCENT = re.compile("[%\u066a]|في المئة|في المائة|بالمئة|بالمائة")


def number_style_problem(text: str) -> str:
    """Why a patient text breaks the number style ("" when it does not): a percent where the forms
    say "X من كل 100", or a digit outside the one digit policy (``app.domain.digits``)."""
    percent = _PERCENT.search(text)
    if percent:
        return f"'{percent.group()}' in patient text: write the figure as 'X من كل 100'"
    digit = digit_problem(text)
    if digit:
        return (f"Arabic-Indic digit '{chr(int(digit[2:], 16))}' ({digit}) in patient text: write Western "
                "digits (0-9), as everywhere else in the forms and on the record")
    return ""


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


def _resolves(data: Any, where: str) -> bool:
    """Whether a dotted place (``indications.haemangioma.risk``, ``checklist.blood_thinners``,
    ``sections.alternatives``) exists in the document; list entries are found by their id."""
    node = data
    for part in where.split("."):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list):
            found = [e for e in node if isinstance(e, dict) and e.get("id") == part]
            if not found:
                return False
            node = found[0]
        else:
            return False
    return True


# --- validation ------------------------------------------------------------------------------------
class _Validator(ChecklistRules):
    def __init__(self, file: str) -> None:
        self.file = file
        self.arabic = True
        self.schema = 1
        self.placeholders: frozenset[str] = frozenset()

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

    def english(self, value: Any, path: str) -> str:
        """A staff text's English twin: Latin letters, no Arabic."""
        text = self.text(value, path, arabic=False)
        if ARABIC_LETTER_RE.search(text) or not LATIN_LETTER_RE.search(text):
            self.fail(path, f"must be English text, found {show(text)}")
        return text

    def patient(self, value: Any, path: str) -> str:
        """A patient text: from schema 2 a template (known placeholders, masculine|feminine pairs)
        in the number style of the forms."""
        text = self.text(value, path)
        if self.schema >= 2:
            problem = template_problem(text, self.placeholders) or number_style_problem(text)
            if problem:
                self.fail(path, problem)
        return text

    def texts(self, value: Any, path: str) -> tuple[str, ...]:
        items = self.seq(value, path)
        return tuple(self.patient(v, _join(path, i)) for i, v in enumerate(items))

    def conditional_texts(self, value: Any, path: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Paragraphs or bullets: text, or (schema 2) {text, when: <condition>}."""
        texts, when = [], []
        for i, raw in enumerate(self.seq(value, path)):
            p = _join(path, i)
            if isinstance(raw, dict) and self.schema >= 2:
                m = self.mapping(raw, p, ("text", "when"))
                if m["when"] not in CONDITIONS:
                    self.fail(_join(p, "when"), f"unknown condition {show(m['when'])} (expected one of "
                                                f"{', '.join(CONDITIONS)})")
                texts.append(self.patient(m["text"], _join(p, "text")))
                when.append(m["when"])
            else:
                texts.append(self.patient(raw, p))
                when.append("")
        return tuple(texts), (tuple(when) if any(when) else ())

    # the document
    def form(self, data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            self.fail(ROOT, f"the document must be a mapping, not {_kind(data)}")
        schema = data.get("schema")
        if isinstance(schema, bool) or not isinstance(schema, int):
            if "schema" in data:
                self.fail("schema", f"must be the number {SCHEMA_VERSION}, not {_kind(schema)}")
        elif schema not in SCHEMA_VERSIONS:
            self.fail("schema", f"unsupported schema {schema} (this program reads schema "
                                f"{', '.join(str(v) for v in SCHEMA_VERSIONS)})")
        self.schema = schema if isinstance(schema, int) and not isinstance(schema, bool) else 1
        self.mapping(data, "", _TOP_REQUIRED + (_TOP_SCHEMA_2 if self.schema >= 2 else ()))
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
        self.placeholders = frozenset(SETTING_PLACEHOLDERS) | frozenset(PLAN_PLACEHOLDERS) | frozenset(thresholds)
        twins: list[tuple[str, str, str]] = []
        self.twin(data, "title", "", twins)
        self.twin(data, "procedure_name", "", twins)
        fields: dict[str, Any] = {
            "procedure": procedure,
            "language": language,
            "version": version,
            "schema": self.schema,
            "title": self.patient(data["title"], "title"),
            "procedure_name": self.patient(data["procedure_name"], "procedure_name"),
            "sections": self.sections(data["sections"], "sections"),
            "indications": self.indications(data["indications"], "indications"),
            "immediate_criteria": self.criteria(data["immediate_criteria"], "immediate_criteria"),
            "conservative_treatments": self.criteria(data["conservative_treatments"],
                                                     "conservative_treatments"),
            "teach_back": self.teach_back(data["teach_back"], "teach_back"),
            "certification": self.patient(data["certification"], "certification"),
            "signature_meanings": self.signature_meanings(data["signature_meanings"],
                                                          "signature_meanings"),
            "thresholds": thresholds,
            "checklist": self.checklist(data["checklist"], "checklist", thresholds),
            "twins": tuple(twins),
        }
        if self.schema >= 2:
            fields.update(
                reference=self.reference(data["reference"], "reference"),
                review_date=self.review_date(data["review_date"], "review_date"),
                anaesthesia=self.anaesthesia(data["anaesthesia"], "anaesthesia"),
                patient_choices=self.patient_choices(data["patient_choices"], "patient_choices"),
                review_notes=self.review_notes(data["review_notes"], "review_notes", data),
            )
        return fields

    def reference(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or not REFERENCE_RE.match(value):
            self.fail(path, f"must be a reference such as \"IR-VP-AR-01\" (capitals, digits, '.', '-', '_'), "
                            f"not {show(value)}")
        return value

    def review_date(self, value: Any, path: str) -> str:
        if isinstance(value, dt.date):
            self.fail(path, "write the date in quotes, e.g. \"2027-12-01\"")
        if not isinstance(value, str):
            self.fail(path, f"must be a date in quotes, not {_kind(value)}")
        try:
            if len(value) != 10:
                raise ValueError
            dt.date.fromisoformat(value)
        except ValueError:
            self.fail(path, f"must be a date YYYY-MM-DD, not {show(value)}")
        return value

    def anaesthesia(self, value: Any, path: str) -> tuple[Choice, ...]:
        out = []
        for i, raw in enumerate(self.seq(value, path)):
            p = _join(path, i)
            m = self.mapping(raw, p, ("id", "label", "label_en"))
            if m["id"] not in ANAESTHESIA_IDS:
                self.fail(_join(p, "id"), f"unknown anaesthesia {show(m['id'])} (expected one of "
                                          f"{', '.join(ANAESTHESIA_IDS)})")
            out.append(Choice(id=m["id"], label=self.patient(m["label"], _join(p, "label")),
                              twins=(("en", "label", self.english(m["label_en"], _join(p, "label_en"))),)))
        self.unique([c.id for c in out], path)
        return tuple(out)

    def patient_choices(self, value: Any, path: str) -> tuple[PatientChoice, ...]:
        out = []
        for i, raw in enumerate(self.seq(value, path)):
            p = _join(path, i)
            m = self.mapping(raw, p, ("id", "question", "label", "label_en"))
            if m["id"] not in PATIENT_CHOICES:
                self.fail(_join(p, "id"), f"unknown patient choice {show(m['id'])} (expected "
                                          f"{', '.join(PATIENT_CHOICES)})")
            out.append(PatientChoice(id=m["id"], question=self.patient(m["question"], _join(p, "question")),
                                     label=self.text(m["label"], _join(p, "label")),
                                     twins=(("en", "label", self.english(m["label_en"], _join(p, "label_en"))),)))
        self.unique([c.id for c in out], path)
        missing = [c for c in PATIENT_CHOICES if c not in {o.id for o in out}]
        if missing:
            self.fail(path, f"missing the patient choice '{missing[0]}'")
        return tuple(out)

    def review_notes(self, value: Any, path: str, data: dict[str, Any]) -> tuple[ReviewNote, ...]:
        out = []
        for i, raw in enumerate(self.seq(value, path)):
            p = _join(path, i)
            m = self.mapping(raw, p, ("where", "note"))
            where = self.text(m["where"], _join(p, "where"), arabic=False)
            if not _resolves(data, where):
                self.fail(_join(p, "where"), f"{show(where)} is not a place in this form")
            out.append(ReviewNote(where=where, note=self.english(m["note"], _join(p, "note"))))
        return tuple(out)

    def sections(self, value: Any, path: str) -> tuple[Section, ...]:
        out = []
        for i, raw in enumerate(self.seq(value, path)):
            p = _join(path, i)
            m = self.mapping(raw, p, ("id", "title", "paragraphs"), ("bullets", "title_en"))
            paragraphs, p_when = self.conditional_texts(m["paragraphs"], _join(p, "paragraphs"))
            bullets, b_when = ((), ())
            if "bullets" in m:
                bullets, b_when = self.conditional_texts(m["bullets"], _join(p, "bullets"))
            twins: list[tuple[str, str, str]] = []
            self.twin(m, "title", p, twins)
            out.append(Section(
                id=self.ident(m["id"], _join(p, "id")),
                title=self.patient(m["title"], _join(p, "title")),
                paragraphs=paragraphs, bullets=bullets, paragraph_when=p_when, bullet_when=b_when,
                twins=tuple(twins),
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
            raw = self.mapping(m[ind_id], p, ("label", "fracture", "risk", "benefits", "risks"),
                               ("label_en", "alternatives"))
            if self.schema >= 2 and "alternatives" not in raw:
                self.fail(_join(p, "alternatives"), "required: the alternatives for this indication")
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
            twins: list[tuple[str, str, str]] = []
            self.twin(raw, "label", p, twins)
            out[ind_id] = Indication(
                id=ind_id,
                label=self.patient(raw["label"], _join(p, "label")),
                fracture=self.boolean(raw["fracture"], _join(p, "fracture")),
                risk=risk,
                benefits=self.texts(raw["benefits"], _join(p, "benefits")),
                risks=self.texts(raw["risks"], _join(p, "risks")),
                alternatives=(self.texts(raw["alternatives"], _join(p, "alternatives"))
                              if "alternatives" in raw else ()),
                twins=tuple(twins),
            )
        return out

    def criteria(self, value: Any, path: str) -> tuple[Criterion, ...]:
        out = []
        for i, raw in enumerate(self.seq(value, path)):
            p = _join(path, i)
            m = self.mapping(raw, p, ("id", "label"), ("label_en",))
            twins: list[tuple[str, str, str]] = []
            self.twin(m, "label", p, twins)
            out.append(Criterion(id=self.ident(m["id"], _join(p, "id")),
                                 label=self.patient(m["label"], _join(p, "label")), twins=tuple(twins)))
        self.unique([c.id for c in out], path)
        return tuple(out)

    def teach_back(self, value: Any, path: str) -> tuple[TeachBack, ...]:
        out = []
        for i, raw in enumerate(self.seq(value, path)):
            p = _join(path, i)
            m = self.mapping(raw, p, ("id", "question"), ("question_en",))
            twins: list[tuple[str, str, str]] = []
            self.twin(m, "question", p, twins)
            out.append(TeachBack(id=self.ident(m["id"], _join(p, "id")),
                                 question=self.patient(m["question"], _join(p, "question")),
                                 twins=tuple(twins)))
        self.unique([t.id for t in out], path)
        return tuple(out)

    def signature_meanings(self, value: Any, path: str) -> dict[str, str]:
        m = self.mapping(value, path, SIGNATURE_MEANINGS)
        out = {k: self.patient(m[k], _join(path, k)) for k in SIGNATURE_MEANINGS}
        for k, text in out.items():
            if "{" in text:  # a signature stores these words as they are: nothing left to fill
                self.fail(_join(path, k), "a signature's meaning is stored word for word: no placeholders or "
                                          "masculine|feminine forms")
        return out


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
