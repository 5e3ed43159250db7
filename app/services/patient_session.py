"""The patient's side of a consent: what the patient screen may do, and the desk being told.

An addition beside ConsentDesk (which it calls; nothing there changes). The patient screen runs in
the staff member's session (the nurse who handed the screen over is the actor of every step), but
what it records is the patient's own: acknowledgements ``by="patient"``, questions, a refusal, and
the signatures made on the patient's screen (patient or representative, the witness of a mark, the
interpreter). The physician never signs here: that needs the physician's password at the desk.

``listen(callback)`` lets the desk hear what happens on the patient's screen (a question raised, a
decision, a signature) without the core knowing about Qt; the desk turns the notices into a banner.
No patient data goes into the log.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from app.domain.consent import ConsentDraft, signature_meaning
from app.domain.errors import ConsentError, InvalidInput, InvalidState
from app.domain.form import Form
from app.domain.roles import Actor
from app.domain.rules import risk_figure

from .consent import ConsentDesk

log = logging.getLogger(__name__)

PATIENT_SCREEN_ROLES = ("patient", "representative", "witness", "interpreter")
# The question recorded when the patient presses "I have a question" on a section, in the form's
# language (the record's language, whatever the interface language is).
QUESTION_TEMPLATES = {"ar": "لدي سؤال عن: {title}", "en": "I have a question about: {title}"}
_RANGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*%\s*$")
_SINGLE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")


@dataclass(frozen=True)
class Notice:
    """Something the desk should know: kind is question | understood | choice | decision | signed | finished."""

    kind: str
    draft_id: str
    section: str = ""
    section_title: str = ""
    role: str = ""
    outcome: str = ""
    at: str = ""


@dataclass
class ReviewSummary:
    """What the review page shows before signing: the same facts the record (and the PDF) hold."""

    procedure_name: str
    levels: list[str]
    indication: str
    risk_figure: str
    risk_in_100: tuple[str, str] | None  # ("1", "3") for "1-3%": "1 to 3 in every 100 patients"
    risks: list[str]
    benefits: list[str]
    questions: list[dict[str, Any]]
    certification: str
    not_understood: list[str] = field(default_factory=list)  # section ids without the patient's "understood"
    outcome: str = "consent"
    anaesthesia: str = ""  # the planned type, in the patient's words
    consultant: str = ""
    # The patient's own yes/no questions: (choice id, question, answer "yes"/"no"/"").
    choices: list[tuple[str, str, str]] = field(default_factory=list)
    phones: dict[str, str] = field(default_factory=dict)  # emergency_number, team_phone_day, team_phone_after_hours
    reference: str = ""  # the form's reference number and review date, for the patient to read
    review_date: str = ""


def risk_in_100(figure: str) -> tuple[str, str] | None:
    """"1-3%" -> ("1", "3"); "2%" -> ("2", "2"); anything else (a stated phrase) -> None."""
    m = _RANGE.match(figure or "")
    if m:
        return m.group(1), m.group(2)
    m = _SINGLE.match(figure or "")
    if m:
        return m.group(1), m.group(1)
    return None


class PatientSession:
    """The patient screen's use cases, over ConsentDesk."""

    def __init__(self, desk: ConsentDesk) -> None:
        self.desk = desk
        self._listeners: list[Callable[[Notice], None]] = []

    # --- the desk being told ----------------------------------------------------------------------
    def listen(self, callback: Callable[[Notice], None]) -> Callable[[], None]:
        self._listeners.append(callback)
        return lambda: self._listeners.remove(callback) if callback in self._listeners else None

    def _tell(self, notice: Notice) -> None:
        for callback in list(self._listeners):
            try:
                callback(notice)
            except Exception:  # noqa: BLE001 - a listener's failure must not undo the patient's step
                log.exception("a patient-screen listener failed on %s", notice.kind)

    # --- reading --------------------------------------------------------------------------------
    def load(self, actor: Actor, draft_id: str) -> tuple[ConsentDraft, Form]:
        """The draft and its form as this patient reads it (filled in, addressed by sex)."""
        draft = self.desk.load(actor, draft_id)
        return draft, self.desk.patient_form(draft)

    @staticmethod
    def understood(draft: ConsentDraft) -> set[str]:
        return {a["section"] for a in draft.acknowledged if a["by"] == "patient"}

    @staticmethod
    def asked(draft: ConsentDraft, form: Form) -> set[str]:
        """Sections the patient asked about (by the recorded question text)."""
        template = QUESTION_TEMPLATES.get(form.language, QUESTION_TEMPLATES["en"])
        texts = {q["text"] for q in draft.questions}
        return {s.id for s in form.sections if template.format(title=s.title) in texts}

    def summary(self, draft: ConsentDraft, form: Form) -> ReviewSummary:
        ind = form.indications[draft.plan["indication"]]
        try:
            figure = risk_figure(form, draft.plan_obj())
        except ConsentError:
            figure = ""
        done = self.understood(draft)
        anaesthesia = ""
        try:
            anaesthesia = form.anaesthesia_choice(draft.plan.get("anaesthesia", "")).label
        except KeyError:
            pass
        settings = self.desk.ctx.settings()
        return ReviewSummary(
            procedure_name=form.procedure_name, levels=list(draft.plan["levels"]), indication=ind.label,
            risk_figure=figure, risk_in_100=risk_in_100(figure), risks=list(ind.risks), benefits=list(ind.benefits),
            questions=[dict(q) for q in draft.questions], certification=form.certification,
            not_understood=[s.id for s in form.sections if s.id not in done], outcome=draft.outcome,
            anaesthesia=anaesthesia, consultant=draft.plan.get("consultant", ""),
            choices=[(c.id, c.question, (draft.choices.get(c.id) or {}).get("value", ""))
                     for c in form.patient_choices],
            phones={k: v for k, v in settings.local.items() if k != "trainees_take_part" and v},
            reference=form.reference, review_date=form.review_date)

    # --- the patient's answers ------------------------------------------------------------------
    def understand(self, actor: Actor, draft_id: str, section_id: str) -> ConsentDraft:
        """The patient pressed "understood": the patient's own acknowledgement, beside the staff's."""
        draft = self.desk.acknowledge(actor, draft_id, section_id, by="patient")
        self._tell(Notice("understood", draft_id, section=section_id, at=_last_at(draft)))
        return draft

    def ask(self, actor: Actor, draft_id: str, section_id: str) -> ConsentDraft:
        """The patient pressed "I have a question": recorded as a question, and the desk is told."""
        draft, form = self.load(actor, draft_id)
        try:
            section = form.section(section_id)
        except KeyError:
            raise InvalidInput("section_unknown", f"unknown section '{section_id[:40]}'") from None
        template = QUESTION_TEMPLATES.get(form.language, QUESTION_TEMPLATES["en"])
        text = template.format(title=section.title)
        if text not in {q["text"] for q in draft.questions}:  # a second press does not repeat it
            draft = self.desk.add_question(actor, draft_id, text)
        self._tell(Notice("question", draft_id, section=section_id, section_title=section.title,
                          at=draft.questions[-1]["at"] if draft.questions else ""))
        return draft

    def choose(self, actor: Actor, draft_id: str, choice_id: str, value: str) -> ConsentDraft:
        """The patient answered one of the separate yes/no questions on the patient screen."""
        draft = self.desk.choose(actor, draft_id, choice_id, value, by="patient")
        self._tell(Notice("choice", draft_id, section=choice_id, outcome=value))
        return draft

    def decide(self, actor: Actor, draft_id: str, outcome: str) -> ConsentDraft:
        """Consent or refusal, chosen before anyone signs (ConsentDesk refuses it afterwards)."""
        draft = self.desk.load(actor, draft_id)
        if draft.signatures and draft.outcome != outcome:
            raise InvalidState("already_signing", "signatures have been collected; start again to change")
        if draft.outcome != outcome:
            draft = self.desk.set_outcome(actor, draft_id, outcome)
        self._tell(Notice("decision", draft_id, outcome=outcome))
        return draft

    def sign(self, actor: Actor, draft_id: str, *, role: str, strokes: Any, name: str, method: str = "drawn",
             relationship: str = "", reason: str = "", language: str = "", attested: bool = False) -> ConsentDraft:
        """A signature made on the patient's screen.

        The witness of a mark and the interpreter must attest (``attested``) what their signature
        means (the content was read to the patient; the translation was faithful) before signing.
        """
        if role not in PATIENT_SCREEN_ROLES:
            raise InvalidInput("role_not_on_patient_screen", "this person signs at the desk", role=role)
        draft = self.desk.load(actor, draft_id)
        if role == "witness" and draft.patient_mark and not attested:
            raise InvalidInput("witness_attestation_required",
                               "the witness attests that the content was read to the patient")
        if role == "interpreter" and not attested:
            raise InvalidInput("interpreter_attestation_required", "the interpreter attests the translation")
        draft = self.desk.sign(actor, draft_id, role=role, strokes=strokes, name=name, method=method,
                               relationship=relationship, reason=reason, language=language)
        self._tell(Notice("signed", draft_id, role=role, outcome=draft.outcome,
                          at=draft.signatures[-1]["signed_at"]))
        if self.next_signer(draft) is None:
            self._tell(Notice("finished", draft_id, outcome=draft.outcome))
        return draft

    @staticmethod
    def next_signer(draft: ConsentDraft, representative: bool = False) -> str | None:
        """Who signs next on the patient's screen; None when only the desk's signatures remain."""
        signed = {s["role"] for s in draft.signatures}
        if not signed & {"patient", "representative"}:
            return "representative" if representative else "patient"
        for role in draft.missing_signatures():
            if role in PATIENT_SCREEN_ROLES:
                return role
        return None

    @staticmethod
    def meaning_for(draft: ConsentDraft, form: Form, role: str, mark: bool = False) -> str:
        """The words the signature carries (as ConsentDesk.sign records them)."""
        return signature_meaning(form, role, patient_mark=draft.patient_mark or mark,
                                 refusal=draft.outcome == "refusal")


def _last_at(draft: ConsentDraft) -> str:
    return draft.acknowledged[-1]["at"] if draft.acknowledged else ""
