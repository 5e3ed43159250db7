"""Patient and procedure: identity, two identifiers verified, procedure, levels on the spine picture,
indication, dates with the eight-week banner, treatment history or the immediate criterion.

What is typed is kept from the first keystroke (``ConsentDesk.save_intake``): going back to Today, an
interruption or a crash loses nothing, and Today lists the consent being registered. ``ConsentDesk.start``
checks everything when the nurse continues (nothing is started on an error, which is shown under the
form). A started consent cannot change its patient or plan: resumed before identity verification, the
page shows the saved data read-only.

Dates are typed as digits (or chosen on the calendar) and refused when implausible before they are used.
"""
from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.consent import ConsentDraft
from app.domain.errors import ConsentError, InvalidInput
from app.domain.form import INDICATIONS, USUAL_ANAESTHESIA, text_for
from app.domain.intake import is_empty
from app.domain.levels import normalise_levels
from app.domain.patient import patient_from_mapping, plan_from_mapping
from app.domain.rules import EIGHT_WEEKS

from ..common.date_field import DateField, first_day_of_week
from ..common.i18n import interface_language
from ..common.layouts import ActionBar, ReflowGrid, scrolling
from ..common.messages import message_for
from ..common.widgets import MARGIN, SPACING, Banner, add_row, form_content, heading, name, note
from ..common.wrapping import ChoiceButtons, WrappingCheckBox
from .spine_picker import SpinePicker

log = logging.getLogger(__name__)
PROCEDURES = ("vertebroplasty", "kyphoplasty")
OLDEST_FRACTURE_DAYS = 3 * 365 + 1  # an older "fracture date" is a slip of the finger, not a history
AUTOSAVE_MS = 400


class PatientPage(QWidget):
    started = Signal(str)  # draft id, once started and the identity verified
    saved = Signal(str)  # the draft id, each time what is typed has been kept

    def __init__(self, services, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.session = services, session
        self.draft_id: str | None = None  # the started consent
        self.intake_id: str | None = None  # the draft of what is typed, before the start
        self._loading = False
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.flush)
        self._build()
        self._fill_form_lists()
        self._update_visibility()
        self._watch_typing()

    # --- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(MARGIN, MARGIN // 2, MARGIN, MARGIN // 2)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACING)
        column.addWidget(heading(self.tr("Patient and procedure"), body))
        self.approval = Banner(body)
        column.addWidget(self.approval)
        boxes = ReflowGrid(2, 1150, body)
        column.addWidget(boxes)
        outer.addWidget(scrolling(body, self), 1)
        settings = self.services.settings.current()
        first_day = first_day_of_week(settings)
        today = self.services.ctx.today()

        identity = QGroupBox(self.tr("Identity"), body)
        form = QFormLayout(identity)
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.name_ar = QLineEdit(identity)
        add_row(form, self.tr("Name (&Arabic)"), self.name_ar)
        self.name_latin = QLineEdit(identity)
        self.name_latin.setLayoutDirection(Qt.LeftToRight)
        add_row(form, self.tr("Name (&Latin)"), self.name_latin)
        self.mrn = QLineEdit(identity)
        self.mrn.setLayoutDirection(Qt.LeftToRight)
        add_row(form, self.tr("&Medical record number"), self.mrn)
        self.national_id = QLineEdit(identity)
        self.national_id.setLayoutDirection(Qt.LeftToRight)
        add_row(form, self.tr("National &ID"), self.national_id)
        self.birth_date = DateField(identity, minimum=dt.date(1900, 1, 1), maximum=today, first_day=first_day)
        add_row(form, self.tr("&Birth date"), self.birth_date)
        sex_box = QWidget(identity)
        sex_row = QHBoxLayout(sex_box)
        sex_row.setContentsMargins(0, 0, 0, 0)
        self.sex_f = name(QRadioButton(self.tr("&Female"), sex_box), self.tr("Female"))
        self.sex_m = name(QRadioButton(self.tr("M&ale"), sex_box), self.tr("Male"))
        for button in (self.sex_f, self.sex_m):
            sex_row.addWidget(button)
        sex_row.addStretch(1)
        add_row(form, self.tr("Sex"), sex_box)
        self.identity_checked = name(WrappingCheckBox(self.tr("&Two identifiers verified with the patient"),
                                                      identity), self.tr("Two identifiers verified"))
        form.addRow(self.identity_checked)
        form.addRow(note(self.tr("Full name with the record number or the birth date."), identity))
        boxes.add(identity)

        plan = QGroupBox(self.tr("Procedure"), body)
        plan_row = QHBoxLayout(plan)
        plan_row.setSpacing(SPACING * 2)
        fields = QWidget(plan)
        pform = QFormLayout(fields)
        pform.setContentsMargins(0, 0, 0, 0)
        pform.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.procedure = ChoiceButtons(fields)
        self.procedure.addItem(self.tr("Vertebroplasty"), "vertebroplasty")
        self.procedure.addItem(self.tr("Kyphoplasty"), "kyphoplasty")
        self.procedure.setCurrentIndex(0)
        add_row(pform, self.tr("&Procedure"), self.procedure)
        self.indication = ChoiceButtons(fields)
        self.indication_label = add_row(pform, self.tr("I&ndication"), self.indication)
        self.levels_text = QLineEdit(fields)
        self.levels_text.setLayoutDirection(Qt.LeftToRight)
        self.levels_text.setPlaceholderText(self.tr("e.g. T12, L1 (or tap the picture)"))
        add_row(pform, self.tr("&Levels"), self.levels_text, self.tr("Levels"))
        self.fracture_date = DateField(fields, minimum=today - dt.timedelta(days=OLDEST_FRACTURE_DAYS), maximum=today,
                                       first_day=first_day)
        self.fracture_label = add_row(pform, self.tr("&Fracture date"), self.fracture_date)
        self.planned_date = DateField(fields, minimum=today, maximum=today + dt.timedelta(days=730), first_day=first_day,
                                      value=today)
        add_row(pform, self.tr("Planned procedure &date"), self.planned_date)
        # The planned anaesthesia: one tap on the form's choices (the staff member chooses it, none is assumed).
        self.anaesthesia = ChoiceButtons(fields)
        self.anaesthesia_label = add_row(pform, self.tr("Planned &anaesthesia"), self.anaesthesia)
        self.consultant = QLineEdit(fields)
        self.consultant.setPlaceholderText(self.tr("The consultant responsible, e.g. Khalid Alshammari"))
        add_row(pform, self.tr("Responsible &consultant"), self.consultant)
        self.stated_risk = QLineEdit(fields)
        self.stated_risk.setPlaceholderText(self.tr("e.g. 2-4%"))
        self.risk_label = add_row(pform, self.tr("Complication figure stated by the &physician"), self.stated_risk)
        self.age_banner = Banner(fields)
        pform.addRow(self.age_banner)
        plan_row.addWidget(fields, 1)
        # The spine beside the procedure: a finger-sized row per vertebra (the page scrolls when short).
        spine_column = QVBoxLayout()
        self.spine = SpinePicker(plan)
        self.spine.setAccessibleName(self.tr("Levels on the spine"))
        spine_column.addWidget(note(self.tr("Levels on the spine"), plan))
        spine_column.addWidget(self.spine, 1)
        spine_column.addWidget(note(self.tr("Tap a vertebra, or use the arrow keys and Space."), plan))
        plan_row.addLayout(spine_column)
        boxes.add(plan)

        self.history = QGroupBox(self.tr("Why now: treatment tried, or an immediate criterion"), body)
        hist = QVBoxLayout(self.history)
        hist.addWidget(note(self.tr("Conservative treatment tried without enough relief:"), self.history))
        self.conservative: dict[str, WrappingCheckBox] = {}
        self.conservative_box = QVBoxLayout()
        hist.addLayout(self.conservative_box)
        hist.addWidget(note(self.tr("Or a reason to act at once:"), self.history))
        self.immediate: dict[str, WrappingCheckBox] = {}
        self.immediate_box = QVBoxLayout()
        hist.addLayout(self.immediate_box)
        self.history_banner = Banner(self.history)
        hist.addWidget(self.history_banner)
        boxes.add(self.history, 2)
        column.addStretch(1)

        # The error and the actions stay in view, under the scrolling form.
        self.error = Banner(self)
        outer.addWidget(self.error)
        actions = ActionBar(self)
        self.training = name(WrappingCheckBox(
            self.tr("T&raining mode (not a real patient; the record is watermarked)"), self), self.tr("Training mode"))
        actions.add(self.training)
        actions.stretch()
        self.continue_button = QPushButton(self.tr("&Continue to the discussion"), self)
        self.continue_button.setObjectName("primary")
        self.continue_button.setAccessibleName(self.tr("Continue to the discussion"))
        self.continue_button.setDefault(True)
        actions.add(self.continue_button)
        outer.addWidget(actions)

        self.procedure.currentIndexChanged.connect(self._fill_form_lists)
        self.indication.currentIndexChanged.connect(self._update_visibility)
        self.fracture_date.dateChanged.connect(self._update_banners)
        self.planned_date.dateChanged.connect(self._update_banners)
        self.spine.levelsChanged.connect(self._levels_from_picture)
        self.levels_text.editingFinished.connect(self._levels_from_text)
        self.continue_button.clicked.connect(self.submit)
        self.training.toggled.connect(self._update_approval)

    def _fill_form_lists(self) -> None:
        """Indication labels, treatment lists and anaesthesia types come from the current form, in the
        interface language (the form's English twins when the interface is English)."""
        try:
            form = self.services.ctx.forms.current(self.procedure.currentData())
        except ConsentError as exc:
            self.error.show_message("error", message_for(exc))
            return
        self.form = form
        language = interface_language()
        chosen = self.indication.currentData()
        self.indication.blockSignals(True)
        self.indication.clear()
        self.indication.addItem(self.tr("Choose the indication"), None)
        for key in INDICATIONS:
            if key in form.indications:
                self.indication.addItem(text_for(form.indications[key], "label", language), key)
        for button in self.indication.buttons():  # the form's words (its English twins in an English interface)
            form_content(button)
        self.indication.setCurrentIndex(max(0, self.indication.findData(chosen)))
        self.indication.blockSignals(False)
        for boxes, layout, items in ((self.conservative, self.conservative_box, form.conservative_treatments),
                                     (self.immediate, self.immediate_box, form.immediate_criteria)):
            checked = {k for k, b in boxes.items() if b.isChecked()}
            for b in boxes.values():
                b.deleteLater()
            boxes.clear()
            for c in items:
                label = text_for(c, "label", language)
                box = form_content(name(WrappingCheckBox(label, self.history), label))
                box.setChecked(c.id in checked)
                box.toggled.connect(self._update_banners)
                box.toggled.connect(self._typed)
                layout.addWidget(box)
                boxes[c.id] = box
        planned = self.anaesthesia.currentData()
        self.anaesthesia.clear()
        self.anaesthesia.addItem(self.tr("Choose the anaesthesia"), None)
        for a in form.anaesthesia:
            self.anaesthesia.addItem(text_for(a, "label", language), a.id)
        for button in self.anaesthesia.buttons():
            form_content(button)
        self.anaesthesia.setCurrentIndex(max(0, self.anaesthesia.findData(planned)))
        for w in (self.anaesthesia_label, self.anaesthesia):
            w.setVisible(bool(form.anaesthesia))
        self._update_approval()
        self._update_visibility()

    def _update_approval(self) -> None:
        approved = self.services.ctx.forms.approval(self.form.content_sha256)[0] is not None
        if not approved and not self.training.isChecked():
            self.approval.show_message("warning", self.tr(
                "This form version is not approved by a physician yet. Turn on training mode to practise with it."))
        elif self.training.isChecked():
            self.approval.show_message("info", self.tr("Training mode: the record is marked as a demonstration."))
        else:
            self.approval.clear()

    def _indication(self):
        key = self.indication.currentData()
        return self.form.indications.get(key) if key else None

    def _update_visibility(self) -> None:
        ind = self._indication()
        fracture = bool(ind and ind.fracture)
        for w in (self.fracture_label, self.fracture_date, self.history):
            w.setVisible(fracture)
        other = bool(ind) and ind.risk is None
        self.risk_label.setVisible(other)
        self.stated_risk.setVisible(other)
        self._update_banners()

    def _update_banners(self) -> None:
        ind = self._indication()
        fracture = self.fracture_date.value() if ind and ind.fracture else None
        planned = self.planned_date.value()
        if fracture and planned and planned - fracture > EIGHT_WEEKS:
            weeks = (planned - fracture).days // 7
            self.age_banner.show_message("warning", self.tr(
                "The fracture will be %1 weeks old on the planned date: older than eight weeks. The chance of "
                "benefit is lower, and a physician must accept this with a reason.").replace("%1", str(weeks)))
        else:
            self.age_banner.clear()
        if ind and ind.fracture and not any(b.isChecked() for b in (*self.conservative.values(),
                                                                  *self.immediate.values())):
            self.history_banner.show_message("info", self.tr(
                "Tick the treatment tried or the immediate criterion; without either, a physician must accept it."))
        else:
            self.history_banner.clear()

    def _levels_from_picture(self, levels: list) -> None:
        self.levels_text.setText(", ".join(levels))

    def _levels_from_text(self) -> None:
        text = self.levels_text.text().strip()
        if not text:
            self.spine.setLevels([])
            return
        try:
            levels = normalise_levels(text)
        except ConsentError as exc:
            self.error.show_message("error", message_for(exc))
            return
        self.error.clear()
        self.spine.setLevels(levels)
        self.levels_text.setText(", ".join(self.spine.levels()))

    # --- what is typed, kept at once -----------------------------------------------------------
    def _watch_typing(self) -> None:
        for edit in (self.name_ar, self.name_latin, self.mrn, self.national_id, self.levels_text, self.stated_risk,
                     self.consultant, self.birth_date.edit, self.fracture_date.edit, self.planned_date.edit):
            edit.textEdited.connect(self._typed)
        for button in (self.sex_f, self.sex_m, self.training):
            button.toggled.connect(self._typed)
        for choice in (self.procedure, self.indication, self.anaesthesia):
            choice.currentIndexChanged.connect(self._typed)
        for field in (self.birth_date, self.fracture_date, self.planned_date):
            field.dateChanged.connect(self._typed)
        self.spine.levelsChanged.connect(self._typed)
        # Enter (the on-screen keyboard's "next") goes on to the next field: no tap to reach it.
        for edit in (self.name_ar, self.name_latin, self.mrn, self.national_id, self.birth_date.edit,
                     self.levels_text, self.fracture_date.edit, self.planned_date.edit, self.consultant,
                     self.stated_risk):
            edit.returnPressed.connect(lambda e=edit: self._next_field(e))

    def _next_field(self, edit: QLineEdit) -> None:
        if edit.hasFocus():
            self.focusNextChild()

    def _typed(self, *_args) -> None:
        """Something changed: the first change is kept at once, the following ones a moment later."""
        if self._loading or self.draft_id is not None:
            return
        if self.intake_id is None:
            self.flush()
        else:
            self._autosave.start()

    def fields(self) -> dict:
        """What the page shows, as typed (for the draft of a consent not started yet)."""
        sex = "F" if self.sex_f.isChecked() else "M" if self.sex_m.isChecked() else ""
        conservative = [k for k, b in self.conservative.items() if b.isChecked()]
        immediate = [k for k, b in self.immediate.items() if b.isChecked()]
        return {"name_ar": self.name_ar.text(), "name_latin": self.name_latin.text(), "mrn": self.mrn.text(),
                "national_id": self.national_id.text(), "birth_date": self.birth_date.edit.text(), "sex": sex,
                "procedure": self.procedure.currentData() or "", "indication": self.indication.currentData() or "",
                "levels": self.levels_text.text(), "fracture_date": self.fracture_date.edit.text(),
                "planned_date": self.planned_date.edit.text(), "risk_figure": self.stated_risk.text(),
                "conservative_failed": conservative, "immediate_criteria": immediate,
                "anaesthesia": self.anaesthesia.currentData() or "", "consultant": self.consultant.text(),
                "training": self.training.isChecked()}

    def flush(self) -> bool:
        """Keep what is typed now (also when leaving the page); a page emptied again leaves no draft."""
        self._autosave.stop()
        actor = self.session.actor
        if self.draft_id is not None or actor is None or not actor.may("consent.start"):
            return False
        fields = self.fields()
        try:
            if is_empty(fields):
                if self.intake_id is not None:
                    self.services.consent.discard(actor, self.intake_id)
                    self.intake_id = None
                return False
            self.intake_id = self.services.consent.save_intake(actor, self.intake_id, fields)
        except ConsentError as exc:
            self.error.show_message("error", message_for(exc))
            return False
        self.saved.emit(self.intake_id)
        return True

    def show_intake(self, draft_id: str, fields: dict) -> None:
        """A consent being registered (resumed): what was typed, to go on typing."""
        self._loading = True
        try:
            self.intake_id = draft_id
            self.name_ar.setText(fields.get("name_ar", ""))
            self.name_latin.setText(fields.get("name_latin", ""))
            self.mrn.setText(fields.get("mrn", ""))
            self.national_id.setText(fields.get("national_id", ""))
            if fields.get("sex") in ("F", "M"):
                (self.sex_f if fields["sex"] == "F" else self.sex_m).setChecked(True)
            self.training.setChecked(bool(fields.get("training")))
            if fields.get("procedure"):
                self.procedure.setCurrentIndex(max(0, self.procedure.findData(fields["procedure"])))
            if fields.get("indication"):
                self.indication.setCurrentIndex(max(0, self.indication.findData(fields["indication"])))
            if fields.get("anaesthesia"):
                self.anaesthesia.setCurrentIndex(max(0, self.anaesthesia.findData(fields["anaesthesia"])))
            self.consultant.setText(fields.get("consultant", ""))
            self.levels_text.setText(fields.get("levels", ""))
            self._levels_from_text()
            for field, key in ((self.birth_date, "birth_date"), (self.fracture_date, "fracture_date"),
                               (self.planned_date, "planned_date")):
                field.set_text(fields.get(key, ""))
            self.stated_risk.setText(fields.get("risk_figure", ""))
            for key, box in self.conservative.items():
                box.setChecked(key in fields.get("conservative_failed", []))
            for key, box in self.immediate.items():
                box.setChecked(key in fields.get("immediate_criteria", []))
        finally:
            self._loading = False
        self._update_banners()

    # --- data ----------------------------------------------------------------------------------
    def collect(self) -> tuple[dict, dict]:
        sex = "F" if self.sex_f.isChecked() else "M" if self.sex_m.isChecked() else ""
        birth = self.birth_date.value()
        patient = {"name_ar": self.name_ar.text(), "name_latin": self.name_latin.text(), "mrn": self.mrn.text(),
                   "national_id": self.national_id.text(),
                   "birth_date": birth.isoformat() if birth else self.birth_date.edit.text(), "sex": sex}
        ind = self._indication()
        fracture = bool(ind and ind.fracture)
        fdate = self.fracture_date.value() if fracture else None
        pdate = self.planned_date.value()
        plan = {
            "procedure": self.procedure.currentData(), "indication": self.indication.currentData(),
            "levels": self.spine.levels() or self.levels_text.text(),
            "fracture_date": fdate.isoformat() if fdate else None,
            "planned_date": pdate.isoformat() if pdate else None,
            "conservative_failed": [k for k, b in self.conservative.items() if b.isChecked()] if fracture else [],
            "immediate_criteria": [k for k, b in self.immediate.items() if b.isChecked()] if fracture else [],
            "anaesthesia": self.anaesthesia.currentData(), "consultant": self.consultant.text(),
        }
        if ind is not None and ind.risk is None:
            plan["risk_figure"] = self.stated_risk.text()
        return patient, plan

    def submit(self) -> None:
        self.error.clear()
        actor = self.session.actor
        if self.draft_id is None and self._date_problem():
            return
        try:
            if not self.identity_checked.isChecked():
                raise InvalidInput("identity_not_verified", "two identifiers not confirmed")
            if self.draft_id is None:
                if self.levels_text.text().strip() and not self.spine.levels():
                    self._levels_from_text()
                patient, plan = self.collect()
                if self.form.anaesthesia and not plan["anaesthesia"]:  # the staff member chooses it,
                    today = self.services.ctx.today()  # once the rest is right (errors in the form's order)
                    patient_from_mapping(patient, today)
                    plan_from_mapping(plan, today)
                    raise InvalidInput("anaesthesia_required", "choose the planned anaesthesia",
                                       field="anaesthesia")
                self.flush()
                self.draft_id = self.services.consent.start(actor, patient, plan, demo=self.training.isChecked(),
                                                            draft_id=self.intake_id)
                self.intake_id = None
                self._lock()
            self.services.consent.confirm_identity(actor, self.draft_id)
        except ConsentError as exc:
            self.error.show_message("error", message_for(exc))
            self._focus_field(exc)
            return
        self.started.emit(self.draft_id)

    def _date_problem(self) -> bool:
        """A date typed wrong or implausible is refused here, before anything uses it."""
        fields = [(self.birth_date, self.tr("Birth date")), (self.planned_date, self.tr("Planned procedure date"))]
        if self.fracture_date.isVisibleTo(self):
            fields.insert(1, (self.fracture_date, self.tr("Fracture date")))
        for field, label in fields:
            if field.state() in ("invalid", "out_of_range"):
                self.error.show_message("error", f"{label}: {field.problem()}")
                field.setFocus(Qt.OtherFocusReason)
                return True
        return False

    def _focus_field(self, exc: ConsentError) -> None:
        field = (exc.params or {}).get("field") or {"identity_not_verified": "identity",
                                                   "levels_required": "levels", "level_invalid": "levels",
                                                   "levels_too_many": "levels"}.get(exc.code, "")
        widgets = {"name_ar": self.name_ar, "name_latin": self.name_latin, "mrn": self.mrn,
                   "national_id": self.national_id, "birth_date": self.birth_date, "sex": self.sex_f,
                   "fracture_date": self.fracture_date, "planned_date": self.planned_date,
                   "risk_figure": self.stated_risk, "indication": self.indication, "procedure": self.procedure,
                   "levels": self.levels_text, "identity": self.identity_checked,
                   "anaesthesia": self.anaesthesia, "consultant": self.consultant}
        if field in widgets:
            widgets[field].setFocus(Qt.OtherFocusReason)

    def show_draft(self, draft: ConsentDraft) -> None:
        """A started consent (resumed): the saved data, read-only; only the identity check remains."""
        self.draft_id = draft.draft_id
        p, plan = draft.patient, draft.plan
        self.name_ar.setText(p["name_ar"])
        self.name_latin.setText(p.get("name_latin", ""))
        self.mrn.setText(p["mrn"])
        self.national_id.setText(p.get("national_id", ""))
        self.birth_date.set_value(dt.date.fromisoformat(p["birth_date"]))
        (self.sex_f if p["sex"] == "F" else self.sex_m).setChecked(True)
        self.training.setChecked(draft.demo)
        self.procedure.setCurrentIndex(max(0, self.procedure.findData(plan["procedure"])))
        self.indication.setCurrentIndex(max(0, self.indication.findData(plan["indication"])))
        self.spine.setLevels(plan["levels"])
        if plan.get("fracture_date"):
            self.fracture_date.set_range(self.fracture_date.minimum - dt.timedelta(days=3650), self.fracture_date.maximum)
            self.fracture_date.set_value(dt.date.fromisoformat(plan["fracture_date"]))
        self.planned_date.set_range(self.planned_date.minimum - dt.timedelta(days=3650), self.planned_date.maximum)
        self.planned_date.set_value(dt.date.fromisoformat(plan["planned_date"]))
        self.stated_risk.setText(plan.get("stated_risk", ""))
        self.anaesthesia.setCurrentIndex(max(0, self.anaesthesia.findData(
            plan.get("anaesthesia") or USUAL_ANAESTHESIA.get(plan["procedure"]))))
        self.consultant.setText(plan.get("consultant", ""))
        for key, box in (*self.conservative.items(), *self.immediate.items()):
            box.setChecked(key in plan.get("conservative_failed", []) or key in plan.get("immediate_criteria", []))
        self.identity_checked.setChecked(bool(draft.identity_verified_by))
        self._lock()

    def _lock(self) -> None:
        self._autosave.stop()
        for w in (self.name_ar, self.name_latin, self.mrn, self.national_id, self.birth_date):
            w.setReadOnly(True)
        self.consultant.setReadOnly(True)
        for w in (self.sex_f, self.sex_m, self.procedure, self.indication, self.levels_text, self.fracture_date,
                  self.planned_date, self.stated_risk, self.spine, self.history, self.training, self.anaesthesia):
            w.setEnabled(False)
        self.approval.clear()
