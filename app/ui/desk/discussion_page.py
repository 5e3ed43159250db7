"""The consent discussion: the form's sections (patient text from the form, in its own language),
each acknowledged by the staff member who explained it; the risk figure for this patient's
indication; the patient's questions; teach-back answers; interpreter; consent or refusal.

Every action calls ConsentDesk at once, which autosaves the draft.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ConsentError, InvalidState
from app.domain.form import text_for
from app.domain.rules import risk_figure

from ..common.i18n import interface_language
from ..common.layouts import ActionBar, scrolling
from ..common.messages import message_for
from ..common.widgets import MARGIN, SPACING, Banner, add_row, form_content, name, note
from ..common.wrapping import WrappingRadioButton

READING_POINTS = 16
MIN_POINTS, MAX_POINTS = 10, 40


class DiscussionPage(QWidget):
    done = Signal(str)  # draft id: go on to signing

    def __init__(self, services, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.session = services, session
        self.draft = None
        self.form = None  # the form version (ids, staff texts)
        self.read = None  # the same form as this patient reads it (filled in, by sex)
        self.points = READING_POINTS
        self._teach: dict[str, tuple[QLineEdit, QLabel]] = {}
        self._choices: dict[str, tuple[QRadioButton, QRadioButton, QLabel]] = {}
        self._showing = False
        self._build()

    # --- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(MARGIN, MARGIN // 2, MARGIN, MARGIN // 2)
        # No heading: the step bar above says "2 Discussion", and the reading needs the height.
        self.setAccessibleName(self.tr("Consent discussion"))
        split = QSplitter(Qt.Horizontal, self)
        split.setChildrenCollapsible(False)
        outer.addWidget(split, 1)

        self.sections = QListWidget(split)
        self.sections.setAccessibleName(self.tr("Sections of the form"))
        self.sections.setMinimumWidth(180)
        self.sections.setWordWrap(True)

        reading = QWidget(split)
        rl = QVBoxLayout(reading)
        rl.setContentsMargins(SPACING, 0, SPACING, 0)
        self.risk = QFrame(reading)
        self.risk.setObjectName("riskBox")
        self.risk.setStyleSheet("QFrame#riskBox { border: 2px solid #1f4e79; border-radius: 6px; background: #f3f7fc; }"
                                " QFrame#riskBox QLabel { border: none; background: transparent; }")
        risk_row = QHBoxLayout(self.risk)
        icon = QLabel(self.risk)
        icon.setPixmap(self.style().standardIcon(QStyle.SP_MessageBoxInformation).pixmap(28, 28))
        icon.setAccessibleName(self.tr("Risk figure"))
        risk_row.addWidget(icon, 0, Qt.AlignTop)
        self.risk_text = QLabel(self.risk)
        self.risk_text.setWordWrap(True)
        self.risk_text.setTextFormat(Qt.RichText)
        risk_row.addWidget(self.risk_text, 1)
        rl.addWidget(self.risk)
        self.reader = QTextBrowser(reading)
        self.reader.setAccessibleName(self.tr("Section text"))
        self.reader.setOpenLinks(False)
        rl.addWidget(self.reader, 1)
        row = QHBoxLayout()
        self.smaller = QPushButton(self.tr("A−"), reading)
        self.smaller.setAccessibleName(self.tr("Smaller text (Ctrl+-)"))
        self.smaller.setToolTip(self.smaller.accessibleName())
        self.larger = QPushButton(self.tr("A+"), reading)
        self.larger.setAccessibleName(self.tr("Larger text (Ctrl+=)"))
        self.larger.setToolTip(self.larger.accessibleName())
        row.addWidget(self.smaller)
        row.addWidget(self.larger)
        self.progress = QLabel(reading)
        self.progress.setWordWrap(True)  # two lines rather than a wider window
        row.addWidget(self.progress, 1)
        self.explained = QPushButton(self.tr("&Explained"), reading)
        self.explained.setAccessibleName(self.tr("Explained: mark this section as explained"))
        row.addWidget(self.explained)
        rl.addLayout(row)

        self.side = QTabWidget(split)
        self.side.setAccessibleName(self.tr("Questions, teach-back and decision"))
        self.side.addTab(self._questions_tab(), self.tr("Questions"))
        self.side.addTab(self._teach_tab(), self.tr("Teach-back"))
        self.side.addTab(self._decision_tab(), self.tr("Decision"))
        # Every tab in view (the decision must never hide behind a scroll arrow).
        self.side.tabBar().setUsesScrollButtons(False)
        self.side.setMinimumWidth(self.side.tabBar().sizeHint().width() + 8)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setStretchFactor(2, 3)
        split.setSizes([240, 600, 380])

        self.error = Banner(self)
        outer.addWidget(self.error)
        bottom = ActionBar(self)
        bottom.stretch()
        self.continue_button = QPushButton(self.tr("&Continue to signing"), self)
        self.continue_button.setObjectName("primary")
        self.continue_button.setAccessibleName(self.tr("Continue to signing"))
        bottom.add(self.continue_button)
        outer.addWidget(bottom)

        self.sections.currentRowChanged.connect(self._show_section)
        self.explained.clicked.connect(self.acknowledge_current)
        self.smaller.clicked.connect(lambda: self.zoom(-2))
        self.larger.clicked.connect(lambda: self.zoom(2))
        for seq, step in ((QKeySequence.ZoomIn, 2), (QKeySequence("Ctrl+="), 2), (QKeySequence.ZoomOut, -2)):
            QShortcut(seq, self, lambda s=step: self.zoom(s), context=Qt.WidgetWithChildrenShortcut)
        self.continue_button.clicked.connect(self.go_on)

    def _questions_tab(self) -> QWidget:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        self.question_list = QListWidget(tab)
        self.question_list.setWordWrap(True)
        self.question_list.setAccessibleName(self.tr("Questions recorded"))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.WrapAllRows)  # the label above its box: the column is narrow
        self.question = QPlainTextEdit(tab)
        self.question.setTabChangesFocus(True)
        self.question.setFixedHeight(70)
        add_row(form, self.tr("The patient's &question"), self.question)
        self.answer = QPlainTextEdit(tab)
        self.answer.setTabChangesFocus(True)
        self.answer.setFixedHeight(70)
        add_row(form, self.tr("&Answer given"), self.answer)
        lay.addLayout(form)
        self.add_question_button = QPushButton(self.tr("Record the &question"), tab)
        self.add_question_button.setAccessibleName(self.tr("Record the question"))
        self.add_question_button.clicked.connect(self.record_question)
        lay.addWidget(self.add_question_button, 0, Qt.AlignTrailing)
        lay.addWidget(self.question_list, 1)  # what was recorded, under the boxes to type in
        self.question_list.setMinimumHeight(80)
        return scrolling(tab)  # a short screen scrolls the tab, never squeezes its boxes

    def _teach_tab(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName(self.tr("Teach-back"))
        body = QWidget()
        self.teach_layout = QVBoxLayout(body)
        self.teach_layout.addWidget(note(self.tr("Ask in your own words; write what the patient answered. "
                                                 "Each answer is saved when you leave the field."), body))
        self.teach_layout.addStretch(1)
        scroll.setWidget(body)
        return scroll

    def _decision_tab(self) -> QWidget:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        self.interpreter = name(QCheckBox(self.tr("An &interpreter was used"), tab), self.tr("An interpreter was used"))
        self.interpreter.toggled.connect(self.set_interpreter)
        lay.addWidget(self.interpreter)
        lay.addWidget(note(self.tr("The patient's decision:"), tab))
        self.outcome_group = QButtonGroup(self)
        self.consents = name(QRadioButton(self.tr("The patient &consents"), tab), self.tr("The patient consents"))
        self.refuses = name(QRadioButton(self.tr("The patient &refuses"), tab), self.tr("The patient refuses"))
        for b in (self.consents, self.refuses):
            self.outcome_group.addButton(b)
            lay.addWidget(b)
        self.consents.setChecked(True)
        lay.addWidget(note(self.tr("A refusal is signed and sealed too; it records that the risks of not "
                                   "treating were explained."), tab))
        lay.addWidget(note(self.tr("The patient's own yes or no (also asked on the patient screen):"), tab))
        self.choices_box = QVBoxLayout()
        lay.addLayout(self.choices_box)
        lay.addStretch(1)
        self.decision_scroll = scrolling(tab)
        return self.decision_scroll

    # --- data ----------------------------------------------------------------------------------
    def load(self, draft_id: str) -> None:
        if self.draft is None or self.draft.draft_id != draft_id:
            # A question typed but not yet recorded stays for its own consent (back from Today), never
            # for another patient's.
            self.question.clear()
            self.answer.clear()
        self.draft = self.services.consent.load(self.session.actor, draft_id)
        self.form = self.services.consent.form_of(self.draft)
        self.read = self.services.consent.patient_form(self.draft)
        self.language = interface_language()
        # Section titles: the staff's English twins in an English interface (left to right), the
        # patient's own words in an Arabic one.
        self.sections.setLayoutDirection(Qt.RightToLeft if self.language == "ar" else Qt.LeftToRight)
        self._fill_teach_back()
        self._fill_choices()
        self.interpreter.blockSignals(True)
        self.interpreter.setChecked(self.draft.interpreter)
        self.interpreter.blockSignals(False)
        (self.refuses if self.draft.outcome == "refusal" else self.consents).setChecked(True)
        self._refresh()
        todo = self.draft.unacknowledged(self.form)
        ids = [s.id for s in self.form.sections]
        self.sections.setCurrentRow(ids.index(todo[0]) if todo else 0)

    def _refresh(self) -> None:
        form, draft = self.form, self.draft
        done = {a["section"] for a in draft.acknowledged if a["by"] == "staff"}
        row = self.sections.currentRow()
        self.sections.blockSignals(True)
        self.sections.clear()
        for i, (s, read) in enumerate(zip(form.sections, self.read.sections), 1):
            mark = "✓ " if s.id in done else ""  # one mark, in words' place: no icon beside it
            title = text_for(s, "title", self.language) if self.language != form.language else read.title
            item = QListWidgetItem(f"{mark}{i}. {title}")
            if s.id in done:
                item.setToolTip(self.tr("Explained"))
            self.sections.addItem(item)
        self.sections.setCurrentRow(max(0, row))
        self.sections.blockSignals(False)
        self.progress.setText(self.tr("%1 of %n sections explained", "", len(form.sections))
                              .replace("%1", str(len(done))))
        self.progress.setAccessibleName(self.progress.text())
        ind = form.indications[draft.plan["indication"]]
        label = text_for(ind, "label", self.language)
        try:
            figure = risk_figure(form, draft.plan_obj())
        except ConsentError:
            figure = "?"
        direction = "rtl" if self.language == "ar" else "ltr"
        self.risk_text.setText(
            "<div>" + html.escape(self.tr("Complications that cause symptoms, for this patient's indication:"))
            + f" <b style='font-size:15pt'>\u2066{html.escape(figure)}\u2069</b><br/>"
            + f"<span dir='{direction}'>{html.escape(label)}</span></div>")
        self.risk_text.setAccessibleName(self.tr("Risk figure") + ": " + figure + " " + label)
        self.question_list.clear()
        for q in draft.questions:
            text = q["text"] + (f"\n→ {q['answer']}" if q.get("answer") else "")
            self.question_list.addItem(text)
        self._show_section(self.sections.currentRow())

    def _show_section(self, row: int) -> None:
        if self.form is None or row < 0:
            return
        s = self.read.sections[row]  # the patient's text, as the patient reads it
        ind = self.read.indications[self.draft.plan["indication"]]
        direction = "rtl" if self.form.language == "ar" else "ltr"
        parts = [f"<div dir='{direction}'><h2>{html.escape(s.title)}</h2>"]
        parts += [f"<p>{html.escape(p)}</p>" for p in s.paragraphs]
        bullets = list(s.bullets)
        extra = {"expected_results": ind.benefits, "risks": ind.risks}.get(s.id, ())
        if bullets:
            parts.append("<ul>" + "".join(f"<li>{html.escape(b)}</li>" for b in bullets) + "</ul>")
        if extra:  # this patient's indication, in the form's own words
            parts.append(f"<h3>{html.escape(ind.label)}</h3><ul>"
                         + "".join(f"<li>{html.escape(b)}</li>" for b in extra) + "</ul>")
        parts.append("</div>")
        self.reader.setHtml("".join(parts))
        self._apply_zoom()
        done = any(a["section"] == s.id and a["by"] == "staff" for a in self.draft.acknowledged)
        self.explained.setText(self.tr("✓ Explained") if done else self.tr("&Explained"))

    def _apply_zoom(self) -> None:
        font = QFont(self.reader.font())
        font.setPointSize(self.points)
        self.reader.document().setDefaultFont(font)

    def zoom(self, step: int) -> None:
        self.points = max(MIN_POINTS, min(MAX_POINTS, self.points + step))
        self._apply_zoom()

    def _fill_teach_back(self) -> None:
        for edit, label in self._teach.values():
            edit.parentWidget().deleteLater()
        self._teach.clear()
        saved = {t["id"]: t["answer"] for t in self.draft.teach_back}
        for tb, read in zip(self.form.teach_back, self.read.teach_back):
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, SPACING)
            # Asked in the patient's words; in an English interface the staff's English comes first.
            words = read.question if self.language == self.form.language else \
                f"{text_for(tb, 'question', self.language)}\n{read.question}"
            question = QLabel(words, box)
            question.setWordWrap(True)
            font = QFont(question.font())
            font.setBold(True)
            question.setFont(font)
            edit = QLineEdit(saved.get(tb.id, ""), box)
            question.setBuddy(edit)
            form_content(edit).setAccessibleName(words.split("\n")[0])
            status = QLabel(self.tr("✓ Saved") if tb.id in saved else "", box)
            lay.addWidget(question)
            lay.addWidget(edit)
            lay.addWidget(status)
            edit.editingFinished.connect(lambda i=tb.id: self.save_teach_back(i))
            self.teach_layout.insertWidget(self.teach_layout.count() - 1, box)
            self._teach[tb.id] = (edit, status)

    def _fill_choices(self) -> None:
        """The patient's yes/no questions (a biopsy, an extra level), answered here or on the patient screen."""
        for yes, _, _ in self._choices.values():
            yes.parentWidget().deleteLater()
        self._choices.clear()
        for choice in self.form.patient_choices:
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, SPACING)
            label = text_for(choice, "label", self.language)
            title = QLabel(label, box)
            title.setWordWrap(True)
            row = QHBoxLayout()
            group = QButtonGroup(box)
            # Words that wrap in the narrow column; the state, not the click, is what counts (a screen
            # reader's "press" toggles without a click).
            yes = name(WrappingRadioButton(self.tr("Yes, agrees"), box), self.tr("Agrees: %1").replace("%1", label))
            no = name(WrappingRadioButton(self.tr("No, does not agree"), box),
                      self.tr("Does not agree: %1").replace("%1", label))
            for value, b in (("yes", yes), ("no", no)):
                group.addButton(b)
                row.addWidget(b)
                b.toggled.connect(lambda on, c=choice.id, v=value: on and not self._showing and self.set_choice(c, v))
            row.addStretch(1)
            status = QLabel(box)
            lay.addWidget(title)
            lay.addLayout(row)
            lay.addWidget(status)
            self.choices_box.addWidget(box)
            self._choices[choice.id] = (yes, no, status)
        self._show_choices()

    def _show_choices(self) -> None:
        self._showing = True  # the saved answers, shown without saving them again
        try:
            self._show_saved_choices()
        finally:
            self._showing = False

    def _show_saved_choices(self) -> None:
        for choice_id, (yes, no, status) in self._choices.items():
            answer = self.draft.choices.get(choice_id)
            for b in (yes, no):
                b.setEnabled(not self.draft.signatures)
            if answer:
                (yes if answer["value"] == "yes" else no).setChecked(True)
                status.setText(self.tr("✓ Answered on the patient screen") if answer["by"] == "patient"
                               else self.tr("✓ Recorded by %1").replace("%1", answer.get("staff", "")))
            else:  # nothing saved (or saving was refused): no answer shows as given
                group = yes.group()
                group.setExclusive(False)
                yes.setChecked(False)
                no.setChecked(False)
                group.setExclusive(True)
                status.setText(self.tr("Not answered yet"))

    def set_choice(self, choice_id: str, value: str) -> None:
        self._call(self.services.consent.choose, choice_id, value)
        self._show_choices()

    # --- actions -------------------------------------------------------------------------------
    def _call(self, fn, *args, **kwargs) -> bool:
        try:
            self.draft = fn(self.session.actor, self.draft.draft_id, *args, **kwargs)
        except ConsentError as exc:
            self.error.show_message("error", message_for(exc))
            return False
        self.error.clear()
        return True

    def acknowledge_current(self) -> None:
        row = self.sections.currentRow()
        if row < 0 or not self._call(self.services.consent.acknowledge, self.form.sections[row].id):
            return
        self._refresh()
        todo = self.draft.unacknowledged(self.form)
        if todo:
            ids = [s.id for s in self.form.sections]
            after = [i for i in (ids.index(t) for t in todo) if i > row]
            self.sections.setCurrentRow(after[0] if after else ids.index(todo[0]))
        elif self.draft.unanswered_choices(self.form):
            # Every section explained: what comes next is the decision and the patient's own yes or no.
            self.side.setCurrentIndex(self.side.count() - 1)
            QTimer.singleShot(0, self, self._scroll_to_choices)  # dropped if the page is gone by then

    def _scroll_to_choices(self) -> None:
        """The first question not answered yet, in view in the (narrow, scrolling) decision tab."""
        unanswered = self.draft.unanswered_choices(self.form) if self.draft is not None else []
        if unanswered and unanswered[0] in self._choices:
            yes, no, status = self._choices[unanswered[0]]
            self.decision_scroll.ensureWidgetVisible(status, 0, 8)
            self.decision_scroll.ensureWidgetVisible(yes.parentWidget(), 0, 8)

    def record_question(self) -> None:
        if self._call(self.services.consent.add_question, self.question.toPlainText(), self.answer.toPlainText()):
            self.question.clear()
            self.answer.clear()
            self._refresh()

    def save_teach_back(self, item_id: str) -> None:
        edit, status = self._teach[item_id]
        text = edit.text().strip()
        before = {t["id"]: t["answer"] for t in self.draft.teach_back}.get(item_id)
        if not text or text == before:
            return
        if self._call(self.services.consent.teach_back, item_id, text):
            status.setText(self.tr("✓ Saved"))

    def set_interpreter(self, used: bool) -> None:
        self._call(self.services.consent.set_interpreter, used)

    def go_on(self) -> None:
        outcome = "refusal" if self.refuses.isChecked() else "consent"
        if outcome == "consent" and self.draft.unacknowledged(self.form):
            missing = len(self.draft.unacknowledged(self.form))
            self.error.show_message("error", message_for(InvalidState("sections_not_acknowledged", sections=missing)))
            return
        if not self.draft.signatures and not self._call(self.services.consent.set_outcome, outcome):
            return
        self.done.emit(self.draft.draft_id)
