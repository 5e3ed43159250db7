"""The patient's reading: one section at a time ("understood" or "I have a question"), then the
review of what will be printed, with the certification sentence, before signing or declining.

Views only: the patient screen (``window.py``) loads the draft and calls the services.
The form's own text keeps the form's direction, whatever the interface language.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from app.domain.form import Form
from app.services.patient_session import ReviewSummary

from ..common.wrapping import WholeText
from .language import SpeaksPatientLanguage


RISK_SECTIONS = ("risks", "permanent_risks")


def _dir(form: Form) -> str:
    return "rtl" if form.language == "ar" else "ltr"


def section_html(form: Form, indication_id: str, index: int) -> str:
    """A section in the form's words; this patient's indication where the section has one."""
    s = form.sections[index]
    ind = form.indications[indication_id]
    parts = [f"<div dir='{_dir(form)}'>"]
    parts += [f"<p>{html.escape(p)}</p>" for p in s.paragraphs]
    if s.bullets:
        parts.append("<ul>" + "".join(f"<li>{html.escape(b)}</li>" for b in s.bullets) + "</ul>")
    extra = {"expected_results": ind.benefits, "risks": ind.risks}.get(s.id, ())
    if extra:
        parts.append(f"<h3>{html.escape(ind.label)}</h3><ul>"
                     + "".join(f"<li>{html.escape(b)}</li>" for b in extra) + "</ul>")
    parts.append("</div>")
    return "".join(parts)


def section_plain(form: Form, indication_id: str, index: int) -> str:
    """The same section as plain text, for reading aloud."""
    s = form.sections[index]
    ind = form.indications[indication_id]
    lines = [s.title, *s.paragraphs, *s.bullets]
    extra = {"expected_results": ind.benefits, "risks": ind.risks}.get(s.id, ())
    if extra:
        lines += [ind.label, *extra]
    return "\n".join(lines)


class RiskBox(SpeaksPatientLanguage, QFrame):
    """The complication figure for the patient's indication, in plain words and large."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientRisk")
        self.text = QLabel(self)
        self.text.setObjectName("riskText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.PlainText)
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)

    def show_figure(self, summary: ReviewSummary) -> None:
        if summary.risk_in_100:
            low, high = summary.risk_in_100
            words = (self.tr("For your condition, about %1 in every 100 patients have a complication that causes "
                             "symptoms.").replace("%1", low) if low == high else
                     self.tr("For your condition, %1 to %2 in every 100 patients have a complication that causes "
                             "symptoms.").replace("%1", low).replace("%2", high))
        else:
            words = self.tr("For your condition, complications that cause symptoms: %1").replace(
                "%1", summary.risk_figure or "?")
        # Said one way, "X in every 100"; a figure the physician stated in words stays as written,
        # isolated so that it keeps its order inside an Arabic sentence.
        self.text.setText(words if summary.risk_in_100 or not summary.risk_figure
                          else words.replace(summary.risk_figure, f"\u2066{summary.risk_figure}\u2069"))
        self.setAccessibleName(self.text.text())


class SectionPage(SpeaksPatientLanguage, QWidget):
    previous = Signal()
    following = Signal()
    understood = Signal()
    question = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sectionPage")
        self.progress = QLabel(self)
        self.progress.setObjectName("patientProgress")
        self.title = QLabel(self)
        self.title.setObjectName("patientTitle")
        self.title.setWordWrap(True)
        self.risk = RiskBox(self)
        self.reader = QTextBrowser(self)
        self.reader.setObjectName("patientReader")
        self.reader.setOpenLinks(False)
        self.reader.setAccessibleName(self.tr("Section text"))
        self.status = QLabel(self)
        self.status.setObjectName("patientStatus")
        self.status.setWordWrap(True)
        self.back_button = QPushButton(self.tr("Previous"), self)
        self.back_button.setAccessibleName(self.tr("Previous section"))
        self.question_button = QPushButton(self.tr("I have a question"), self)
        self.question_button.setObjectName("questionButton")
        self.question_button.setAccessibleName(self.tr("I have a question: the team is told"))
        self.understood_button = QPushButton(self.tr("I understood"), self)
        self.understood_button.setObjectName("understoodButton")
        self.understood_button.setAccessibleName(self.tr("I understood this section"))
        self.next_button = QPushButton(self.tr("Next"), self)
        self.next_button.setAccessibleName(self.tr("Next section"))
        box = QVBoxLayout(self)
        box.setSpacing(12)
        box.addWidget(self.progress)
        box.addWidget(self.title)
        box.addWidget(self.risk)
        box.addWidget(self.reader, 1)
        box.addWidget(self.status)
        self.action_row = QWidget(self)  # kept in view under the page by the patient screen
        row = QHBoxLayout(self.action_row)
        row.setSpacing(16)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.understood_button)
        row.addWidget(self.question_button)
        row.addStretch(1)
        row.addWidget(self.next_button)
        box.addWidget(self.action_row)
        self.back_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.following)
        self.understood_button.clicked.connect(self.understood)
        self.question_button.clicked.connect(self.question)

    def show_section(self, form: Form, indication_id: str, index: int, summary: ReviewSummary, *,
                     understood: bool, asked: bool) -> None:
        s = form.sections[index]
        self.progress.setText(self.tr("Part %1 of %2").replace("%1", str(index + 1))
                              .replace("%2", str(len(form.sections))))
        self.title.setText(s.title)
        self.title.setAccessibleName(s.title)
        self.reader.setHtml(section_html(form, indication_id, index))
        self.reader.verticalScrollBar().setValue(0)
        self.risk.setVisible(s.id in RISK_SECTIONS)
        self.risk.show_figure(summary)
        if understood:
            self.status.setText("✓ " + self.tr("You said that you understood this part."))
        elif asked:
            self.status.setText("? " + self.tr("The team has been told about your question. Someone will come to "
                                               "answer it. Then press \u201cI understood\u201d."))
        else:
            self.status.setText(self.tr("Read this part, or ask for it to be read to you. Then press "
                                        "\u201cI understood\u201d or \u201cI have a question\u201d."))
        self.status.setAccessibleName(self.status.text())
        self.understood_button.setText(("✓ " if understood else "") + self.tr("I understood"))
        self.back_button.setEnabled(index > 0)
        # Each part needs an answer (understood or a question) before the next one.
        self.next_button.setEnabled(understood or asked)
        self.next_button.setText(self.tr("Next") if index < len(form.sections) - 1 else self.tr("Summary"))
        self.next_button.setAccessibleName(self.tr("Next section") if index < len(form.sections) - 1
                                           else self.tr("Go to the summary before signing"))


class ChoiceQuestion(SpeaksPatientLanguage, QFrame):
    """One of the patient's own yes/no questions (a biopsy, an extra level), with two large buttons."""

    chose = Signal(str, str)  # choice id, "yes" | "no"

    def __init__(self, choice_id: str, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientChoice")
        self.choice_id = choice_id
        self.question = QLabel(question, self)
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.PlainText)
        self.yes = QPushButton(self.tr("Yes, I agree"), self)
        self.no = QPushButton(self.tr("No, I do not agree"), self)
        for value, b in (("yes", self.yes), ("no", self.no)):
            b.setCheckable(True)
            b.setAccessibleName(b.text())  # the interface's words; the question is its description
            b.setAccessibleDescription(question)
            b.clicked.connect(lambda _=False, v=value: self.chose.emit(self.choice_id, v))
        box = QVBoxLayout(self)
        box.addWidget(self.question)
        row = QHBoxLayout()
        row.addWidget(self.yes)
        row.addWidget(self.no)
        row.addStretch(1)
        box.addLayout(row)

    def show_answer(self, answer: str) -> None:
        """The chosen answer is checked and marked, so that it shows in any contrast and size."""
        for value, b, words in (("yes", self.yes, self.tr("Yes, I agree")), ("no", self.no, self.tr("No, I do not agree"))):
            b.setChecked(answer == value)
            b.setText(("✓ " if answer == value else "") + words)
            b.setAccessibleName(b.text())
            b.setObjectName("understoodButton" if answer == value else "")
            b.style().unpolish(b)
            b.style().polish(b)


class ReviewPage(SpeaksPatientLanguage, QWidget):
    """What will be printed: procedure, levels, the planned anaesthesia and the consultant, risks for
    the indication, the patient's questions, the numbers to call, the form's reference, and the
    certification sentence; the patient's own yes/no questions; then agree (and sign) or decline."""

    agree = Signal()
    decline = Signal()
    back = Signal()
    go_to_section = Signal(str)
    chose = Signal(str, str)  # the patient answered one of the yes/no questions

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPage")
        self._first_missing = ""
        self.title = QLabel(self.tr("Before you sign"), self)
        self.title.setObjectName("patientTitle")
        self.risk = RiskBox(self)
        # Shown whole (the page scrolls), never a small box whose last lines hide under its edge.
        self.summary = WholeText(self)
        self.summary.setObjectName("patientReader")
        self.summary.setAccessibleName(self.tr("Summary that will be printed, with what you declare"))
        self.choices_box = QVBoxLayout()
        self.choice_widgets: dict[str, ChoiceQuestion] = {}
        self.missing = QLabel(self)
        self.missing.setObjectName("patientStatus")
        self.missing.setWordWrap(True)
        self.missing_button = QPushButton(self.tr("Go to that part"), self)
        self.missing_button.setAccessibleName(self.tr("Go to the first part not yet understood"))
        self.back_button = QPushButton(self.tr("Back to the parts"), self)
        self.back_button.setAccessibleName(self.tr("Back to the parts of the form"))
        self.decline_button = QPushButton(self.tr("I do not want the procedure"), self)
        self.decline_button.setObjectName("declineButton")
        self.decline_button.setAccessibleName(self.tr("I do not want the procedure (refuse)"))
        self.agree_button = QPushButton(self.tr("I agree: go to signing"), self)
        self.agree_button.setObjectName("understoodButton")
        self.agree_button.setAccessibleName(self.tr("I agree: go to signing"))
        box = QVBoxLayout(self)
        box.setSpacing(12)
        box.addWidget(self.title)
        box.addWidget(self.risk)
        # The patient's own questions first, where they are seen as the page opens; then what is printed.
        box.addLayout(self.choices_box)
        box.addWidget(self.summary)
        box.addStretch(1)
        # Kept in view under the page by the patient screen: the actions, and why "I agree" waits.
        self.action_row = QWidget(self)
        column = QVBoxLayout(self.action_row)
        column.setContentsMargins(0, 0, 0, 0)
        miss = QHBoxLayout()
        miss.addWidget(self.missing, 1)
        miss.addWidget(self.missing_button)
        column.addLayout(miss)
        row = QHBoxLayout()
        column.addLayout(row)
        row.setSpacing(16)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.decline_button)
        row.addWidget(self.agree_button)
        box.addWidget(self.action_row)
        self.agree_button.clicked.connect(self.agree)
        self.decline_button.clicked.connect(self.decline)
        self.back_button.clicked.connect(self.back)
        self.missing_button.clicked.connect(lambda: self.go_to_section.emit(self._first_missing))

    def show_summary(self, form: Form, summary: ReviewSummary) -> None:
        d = _dir(form)
        esc = html.escape
        rows = [
            (self.tr("Procedure"), esc(summary.procedure_name)),
            (self.tr("Level(s) of the spine"), "\u2066" + esc("، ".join(summary.levels) if d == "rtl"
                                                              else ", ".join(summary.levels)) + "\u2069"),
            (self.tr("Your condition"), esc(summary.indication)),
        ]
        if summary.anaesthesia:
            rows.append((self.tr("Anaesthesia planned for you"), esc(summary.anaesthesia)))
        if summary.consultant:
            rows.append((self.tr("Consultant responsible"), "\u2068" + esc(summary.consultant) + "\u2069"))
        # Paragraphs, not a table: Qt's rich text lays table columns left to right even in Arabic.
        parts = [f"<div dir='{d}'>"]
        parts += [f"<p><b>{esc(k)}:</b> {v}</p>" for k, v in rows]
        risks_title = self.tr("Risks for your condition")
        questions_title = self.tr("Your questions")
        no_questions = self.tr("No questions were recorded.")
        declare_title = self.tr("What you declare when you sign")
        parts.append(f"<h3>{esc(risks_title)}</h3><ul>"
                     + "".join(f"<li>{esc(r)}</li>" for r in summary.risks) + "</ul>")
        parts.append(f"<h3>{esc(questions_title)}</h3>")
        if summary.questions:
            parts.append("<ul>" + "".join(
                f"<li>{esc(q['text'])}" + (f"<br/>→ {esc(q['answer'])}" if q.get("answer") else "") + "</li>"
                for q in summary.questions) + "</ul>")
        else:
            parts.append(f"<p>{esc(no_questions)}</p>")
        phones = [(self.tr("Emergency (ambulance)"), summary.phones.get("emergency_number")),
                  (self.tr("The team, in working hours"), summary.phones.get("team_phone_day")),
                  (self.tr("The team, after hours"), summary.phones.get("team_phone_after_hours"))]
        if any(number for _, number in phones):
            parts.append(f"<h3>{esc(self.tr('Numbers to call'))}</h3>")
            parts += [f"<p><b>{esc(k)}:</b> \u2066{esc(v)}\u2069</p>" for k, v in phones if v]
        # The certification sentence, as printed above the signatures.
        parts.append(f"<h3>{esc(declare_title)}</h3><p><b>{esc(summary.certification)}</b></p>")
        if summary.reference:
            parts.append("<p><small>" + esc(self.tr("Form %1, reviewed until %2")).replace("%1", f"\u2066{esc(summary.reference)}\u2069")
                         .replace("%2", f"\u2066{esc(summary.review_date)}\u2069") + "</small></p>")
        parts.append("</div>")
        self._show_choices(summary)
        self.summary.setHtml("".join(parts))
        self.risk.show_figure(summary)
        titles = {s.id: s.title for s in form.sections}
        if summary.not_understood:
            self._first_missing = summary.not_understood[0]
            names = "، ".join(titles[i] for i in summary.not_understood[:3]) if d == "rtl" else \
                ", ".join(titles[i] for i in summary.not_understood[:3])
            more = len(summary.not_understood) - 3
            self.missing.setText(self.tr("Before you agree, say that you understood every part. Not yet: %1")
                                 .replace("%1", names + (f" (+{more})" if more > 0 else "")))
        else:
            self._first_missing = ""
            self.missing.setText("")
        unanswered = [q for _, q, answer in summary.choices if not answer]
        if not summary.not_understood and unanswered:
            self.missing.setText(self.tr("Before you agree, answer the questions above with yes or no."))
        self.missing.setVisible(bool(summary.not_understood) or bool(unanswered))
        self.missing_button.setVisible(bool(summary.not_understood))
        self.agree_button.setEnabled(not summary.not_understood and not unanswered)

    def _show_choices(self, summary: ReviewSummary) -> None:
        ids = [c for c, _, _ in summary.choices]
        if list(self.choice_widgets) != ids:
            for w in self.choice_widgets.values():
                w.hide()
                w.deleteLater()
            self.choice_widgets = {}
            for choice_id, question, _ in summary.choices:
                w = ChoiceQuestion(choice_id, question, self)
                w.chose.connect(self.chose)
                self.choices_box.addWidget(w)
                self.choice_widgets[choice_id] = w
        for choice_id, _, answer in summary.choices:
            self.choice_widgets[choice_id].show_answer(answer)


class DeclinePage(SpeaksPatientLanguage, QWidget):
    """The patient declines: a calm confirmation, then the refusal is signed like a consent."""

    confirmed = Signal()
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("declinePage")
        title = QLabel(self.tr("You do not want the procedure"), self)
        title.setObjectName("patientTitle")
        text = QLabel(self.tr("That is your right. Your decision is recorded and kept like a consent, and you sign "
                              "it. You can change your mind later by talking to your doctor."), self)
        text.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("Yes, I refuse the procedure"), self)
        self.confirm_button.setObjectName("declineButton")
        self.confirm_button.setAccessibleName(self.tr("Yes, I refuse the procedure"))
        self.back_button = QPushButton(self.tr("Go back"), self)
        self.back_button.setAccessibleName(self.tr("Go back to the summary"))
        box = QVBoxLayout(self)
        box.addStretch(1)
        box.addWidget(title)
        box.addWidget(text)
        box.addSpacing(24)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.confirm_button)
        box.addLayout(row)
        box.addStretch(2)
        self.confirm_button.clicked.connect(self.confirmed)
        self.back_button.clicked.connect(self.back)
