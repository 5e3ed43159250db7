"""A procedure's consent form: patient-facing sections, indications, checklist, thresholds.

Plain frozen dataclasses built from ``forms/<procedure>.<language>.yaml`` by
``app.domain.form_loader``. A version is identified by the SHA-256 of the canonical JSON of its parsed
content, so line endings or YAML formatting do not make a new version.
"""
from __future__ import annotations

from dataclasses import dataclass, field

PROCEDURES = ("vertebroplasty", "kyphoplasty")
INDICATIONS = ("osteoporotic", "malignant", "haemangioma", "other")
CHECKLIST_KINDS = ("yesno", "number", "choice", "date", "datetime", "text")
SIGNER_ROLES = ("patient", "representative", "witness", "interpreter", "physician")


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    paragraphs: tuple[str, ...]
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class RiskFigure:
    """Percent of patients with complications that cause symptoms, e.g. 1 to 3."""

    low: float
    high: float

    def as_text(self) -> str:
        def fmt(v: float) -> str:
            return str(int(v)) if float(v).is_integer() else str(v)

        return f"{fmt(self.low)}-{fmt(self.high)}%"


@dataclass(frozen=True)
class Indication:
    id: str
    label: str
    fracture: bool  # the eight-week window and the conservative/immediate criterion apply
    risk: RiskFigure | None  # None: the physician states the figure for this patient
    benefits: tuple[str, ...]
    risks: tuple[str, ...]


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str


@dataclass(frozen=True)
class TeachBack:
    id: str
    question: str


@dataclass(frozen=True)
class Threshold:
    """A local policy value with its default and the range a hospital may set."""

    id: str
    label: str
    value: float
    minimum: float
    maximum: float
    unit: str = ""


@dataclass(frozen=True)
class Choice:
    id: str
    label: str


@dataclass(frozen=True)
class BlockingRule:
    """When an answer keeps the patient from being ready.

    ``op`` is one of: ``equals``/``not_equals`` (operand: an answer value such as "no"),
    ``above``/``below``/``at_least`` (operand: a threshold id), ``in`` (operand: tuple of choice ids).
    """

    op: str
    operand: object


@dataclass(frozen=True)
class Condition:
    """When an item applies: another item's answer (``item`` + ``in``/``not_in``) or the patient's sex."""

    item: str | None = None
    in_: tuple[str, ...] = ()
    not_in: tuple[str, ...] = ()
    sex: str | None = None


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    label: str
    kind: str
    required: bool = True
    unit: str = ""
    choices: tuple[Choice, ...] = ()
    blocking: BlockingRule | None = None
    blocking_reason: str = ""
    staff_help: str = ""  # staff-only guidance (drug-hold intervals): never printed for the patient
    applies_when: Condition | None = None


@dataclass(frozen=True)
class Form:
    procedure: str
    language: str
    version: str  # the human label, e.g. "2026.11-1"
    title: str
    procedure_name: str
    sections: tuple[Section, ...]
    indications: dict[str, Indication]
    immediate_criteria: tuple[Criterion, ...]
    conservative_treatments: tuple[Criterion, ...]
    teach_back: tuple[TeachBack, ...]
    certification: str
    signature_meanings: dict[str, str]
    thresholds: dict[str, Threshold]
    checklist: tuple[ChecklistItem, ...]
    content_sha256: str = ""
    source_text: str = field(default="", repr=False, compare=False)
    source_file: str = field(default="", compare=False)

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def item(self, item_id: str) -> ChecklistItem:
        for it in self.checklist:
            if it.id == item_id:
                return it
        raise KeyError(item_id)
