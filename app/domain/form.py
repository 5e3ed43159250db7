"""A procedure's consent form: patient-facing sections, indications, checklist, thresholds.

Plain frozen dataclasses built from ``forms/<procedure>.<language>.yaml`` by
``app.domain.form_loader``. A version is identified by the SHA-256 of the canonical JSON of its parsed
content, so line endings or YAML formatting do not make a new version.

Staff-facing texts (checklist labels, choices, blocking reasons, staff help, threshold labels,
treatment choices, section titles as staff see them) carry twins in other languages (``label_en``
in the YAML, ``twins`` here); :func:`text_for` is the one way to read them. Patient-facing texts
exist in the form's own language only, as templates: ``app.domain.form_text`` fills them for one
patient (placeholders from the settings, forms of address by the patient's sex).
"""
from __future__ import annotations

from dataclasses import dataclass, field

PROCEDURES = ("vertebroplasty", "kyphoplasty")
PATIENT_CHOICES = ("biopsy", "extra_level")  # what the patient agrees to, or refuses, on its own
ANAESTHESIA_IDS = ("local_sedation", "general_anaesthesia")
# When a plan does not say (patient JSON, older callers): what is usual for each procedure.
# The desk asks the staff member to choose; these only fill the gap for headless input.
USUAL_ANAESTHESIA = {"vertebroplasty": "local_sedation", "kyphoplasty": "general_anaesthesia"}

Twins = tuple[tuple[str, str, str], ...]  # (language, field, text), e.g. ("en", "label", "Platelet count")


def text_for(obj: object, field: str, language: str) -> str:
    """``obj.<field>`` in ``language`` when the form carries that twin, else in the form's own language."""
    for lang, name, text in getattr(obj, "twins", ()):
        if lang == language and name == field:
            return text
    return getattr(obj, field)
INDICATIONS = ("osteoporotic", "malignant", "haemangioma", "other")
CHECKLIST_KINDS = ("yesno", "number", "choice", "date", "datetime", "text", "entries")
SIGNER_ROLES = ("patient", "representative", "witness", "interpreter", "physician")


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    paragraphs: tuple[str, ...]
    bullets: tuple[str, ...] = ()
    # A condition per paragraph/bullet ("" = always shown; e.g. "trainees": only when the hospital's
    # policy lets trainees take part). Empty tuples: every entry is shown.
    paragraph_when: tuple[str, ...] = ()
    bullet_when: tuple[str, ...] = ()
    twins: Twins = ()


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
    alternatives: tuple[str, ...] = ()  # shown after the alternatives section's own bullets
    twins: Twins = ()


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str
    twins: Twins = ()


@dataclass(frozen=True)
class TeachBack:
    id: str
    question: str
    twins: Twins = ()


@dataclass(frozen=True)
class PatientChoice:
    """A separate yes/no the patient answers (a biopsy through the same needle; an extra level)."""

    id: str
    question: str  # patient text (a template)
    label: str  # staff text: what is being agreed to
    twins: Twins = ()


@dataclass(frozen=True)
class ReviewNote:
    """For the approving physician: a clinical statement that needs local sign-off, and where it is."""

    where: str
    note: str


@dataclass(frozen=True)
class Threshold:
    """A local policy value with its default and the range a hospital may set."""

    id: str
    label: str
    value: float
    minimum: float
    maximum: float
    unit: str = ""
    twins: Twins = ()


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    twins: Twins = ()
    offered_when: "Condition | None" = None  # e.g. {fracture: false}: not offered for a fracture


@dataclass(frozen=True)
class BlockingRule:
    """When an answer keeps the patient from being ready.

    ``op`` is one of: ``equals``/``not_equals`` (operand: an answer value such as "no"),
    ``above``/``below``/``at_least`` (operand: a threshold id), ``in`` (operand: tuple of choice ids).
    For an ``entries`` item, ``field`` names the entry field the rule looks at (any entry blocks).
    """

    op: str
    operand: object
    field: str = ""


@dataclass(frozen=True)
class Condition:
    """When an item applies: another item's answer (``item`` + ``in``/``not_in``), the patient's sex,
    or whether the indication is a fracture."""

    item: str | None = None
    in_: tuple[str, ...] = ()
    not_in: tuple[str, ...] = ()
    sex: str | None = None
    fracture: bool | None = None


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
    physician: bool = False  # answered by a physician (e.g. the baseline neurological examination)
    low: float | None = None  # number items: plausible range; a value outside is a typing error
    high: float | None = None
    fields: tuple["ChecklistItem", ...] = ()  # entries items: the fields of one entry
    none_label: str = ""  # entries items: the explicit "none" answer
    twins: Twins = ()


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
    schema: int = 1
    reference: str = ""  # the form's reference number, printed where the patient reads it
    review_date: str = ""  # YYYY-MM-DD: when the content is next reviewed
    anaesthesia: tuple[Choice, ...] = ()  # the types a physician may plan (label: patient words)
    patient_choices: tuple[PatientChoice, ...] = ()
    review_notes: tuple[ReviewNote, ...] = ()
    twins: Twins = ()
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

    def patient_choice(self, choice_id: str) -> PatientChoice:
        for c in self.patient_choices:
            if c.id == choice_id:
                return c
        raise KeyError(choice_id)

    def anaesthesia_choice(self, anaesthesia_id: str) -> Choice:
        for c in self.anaesthesia:
            if c.id == anaesthesia_id:
                return c
        raise KeyError(anaesthesia_id)
