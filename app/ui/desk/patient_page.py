"""Patient and procedure: identity, two identifiers verified, procedure, levels on the spine picture,
indication, dates with the eight-week banner, treatment history or the immediate criterion.

The page only collects; ConsentDesk.start validates and stores (nothing is stored on an error,
which is shown next to the form). A started consent cannot change its patient or plan: resumed
before identity verification, the page shows the saved data read-only.
"""
from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.consent import ConsentDraft
from app.domain.errors import ConsentError, InvalidInput
from app.domain.form import INDICATIONS, USUAL_ANAESTHESIA, text_for
from app.domain.levels import normalise_levels
from app.domain.patient import patient_from_mapping, plan_from_mapping
from app.domain.rules import EIGHT_WEEKS

from ..common.i18n import interface_language
from ..common.messages import message_for
from ..common.widgets import MARGIN, SPACING, Banner, OptionalDateEdit, add_row, form_content, heading, name, note
from .spine_picker import SpinePicker

log = logging.getLogger(__name__)
PROCEDURES = ("vertebroplasty", "kyphoplasty")


class PatientPage(QWidget):
    started = Signal(str)  # draft id, once started and the identity verified

    def __init__(self, services, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.session = services, session
        self.draft_id: str | None = None
        self._build()
        self._fill_form_lists()
        self._update_visibility()

    # --- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        outer.addWidget(heading(self.tr("Patient and procedure"), self))
        self.approval = Banner(self)
        outer.addWidget(self.approval)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setSpacing(SPACING * 2)
        scroll.setWidget(body)
        middle = QHBoxLayout()
        middle.setSpacing(SPACING * 2)
        middle.addWidget(scroll, 1)
        outer.addLayout(middle, 1)

        identity = QGroupBox(self.tr("Identity"), body)
        form = QFormLayout(identity)
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
        self.birth_date = QLineEdit(identity)
        self.birth_date.setPlaceholderText(self.tr("year-month-day, e.g. 1950-03-21"))
        add_row(form, self.tr("&Birth date"), self.birth_date)
        sex_box = QWidget(identity)
        sex_row = QHBoxLayout(sex_box)
        sex_row.setContentsMargins(0, 0, 0, 0)
        self.sex_group = QButtonGroup(self)
        self.sex_f = name(QRadioButton(self.tr("&Female"), sex_box), self.tr("Female"))
        self.sex_m = name(QRadioButton(self.tr("M&ale"), sex_box), self.tr("Male"))
        for button in (self.sex_f, self.sex_m):
            self.sex_group.addButton(button)
            sex_row.addWidget(button)
        sex_row.addStretch(1)
        add_row(form, self.tr("Sex"), sex_box)
        self.identity_checked = name(QCheckBox(self.tr("&Two identifiers verified with the patient"), identity),
                                     self.tr("Two identifiers verified"))
        form.addRow(self.identity_checked)
        form.addRow(note(self.tr("Full name with the record number or the birth date."), identity))
        grid.addWidget(identity, 0, 0)

        plan = QGroupBox(self.tr("Procedure"), body)
        pform = QFormLayout(plan)
        self.procedure = QComboBox(plan)
        self.procedure.addItem(self.tr("Vertebroplasty"), "vertebroplasty")
        self.procedure.addItem(self.tr("Kyphoplasty"), "kyphoplasty")
        add_row(pform, self.tr("&Procedure"), self.procedure)
        self.indication = QComboBox(plan)
        self.indication.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.indication.setMinimumContentsLength(16)
        add_row(pform, self.tr("I&ndication"), self.indication)
        self.levels_text = QLineEdit(plan)
        self.levels_text.setLayoutDirection(Qt.LeftToRight)
        self.levels_text.setPlaceholderText(self.tr("e.g. T12, L1"))
        add_row(pform, self.tr("&Levels (or choose on the picture)"), self.levels_text, self.tr("Levels"))
        today = self.services.ctx.today()
        self.fracture_date = OptionalDateEdit(plan, minimum=dt.date(1990, 1, 1), maximum=today)
        self.fracture_label = add_row(pform, self.tr("&Fracture date"), self.fracture_date)
        for w in (self.fracture_date,):
            w.setLayoutDirection(Qt.LeftToRight)  # ISO dates read the same in both languages
        self.planned_date = OptionalDateEdit(plan, minimum=today, maximum=today + dt.timedelta(days=730))
        self.planned_date.set_value(today)
        self.planned_date.setLayoutDirection(Qt.LeftToRight)
        add_row(pform, self.tr("Planned procedure &date"), self.planned_date)
        self.anaesthesia = QComboBox(plan)
        add_row(pform, self.tr("Planned &anaesthesia"), self.anaesthesia)
        self.consultant = QLineEdit(plan)
        self.consultant.setPlaceholderText(self.tr("The consultant responsible, e.g. Khalid Alshammari"))
        add_row(pform, self.tr("Responsible &consultant"), self.consultant)
        self.stated_risk = QLineEdit(plan)
        self.stated_risk.setPlaceholderText(self.tr("e.g. 2-4%"))
        self.risk_label = add_row(pform, self.tr("Complication figure stated by the &physician"), self.stated_risk)
        self.age_banner = Banner(plan)
        pform.addRow(self.age_banner)
        grid.addWidget(plan, 0, 1)

        self.history = QGroupBox(self.tr("Why now: treatment tried, or an immediate criterion"), body)
        hist = QVBoxLayout(self.history)
        hist.addWidget(note(self.tr("Conservative treatment tried without enough relief:"), self.history))
        self.conservative: dict[str, QCheckBox] = {}
        self.conservative_box = QVBoxLayout()
        hist.addLayout(self.conservative_box)
        hist.addWidget(note(self.tr("Or a reason to act at once:"), self.history))
        self.immediate: dict[str, QCheckBox] = {}
        self.immediate_box = QVBoxLayout()
        hist.addLayout(self.immediate_box)
        self.history_banner = Banner(self.history)
        hist.addWidget(self.history_banner)
        grid.addWidget(self.history, 1, 0, 1, 2)

        # The spine stays in view beside the scrolling form.
        spine_box = QGroupBox(self.tr("Levels on the spine"), self)
        self.spine = SpinePicker(spine_box)
        sl = QVBoxLayout(spine_box)
        sl.addWidget(self.spine, 1)
        sl.addWidget(note(self.tr("Click a vertebra, or use the arrow keys and Space."), spine_box))
        spine_box.setFixedWidth(260)
        middle.addWidget(spine_box)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)

        self.error = Banner(self)
        outer.addWidget(self.error)
        actions = QHBoxLayout()
        self.training = name(QCheckBox(self.tr("T&raining mode (not a real patient; the record is watermarked)"), self),
                             self.tr("Training mode"))
        actions.addWidget(self.training)
        actions.addStretch(1)
        self.continue_button = QPushButton(self.tr("&Continue to the discussion"), self)
        self.continue_button.setAccessibleName(self.tr("Continue to the discussion"))
        self.continue_button.setDefault(True)
        actions.addWidget(self.continue_button)
        outer.addLayout(actions)

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
                box = form_content(name(QCheckBox(label, self.history), label))
                box.setChecked(c.id in checked)
                box.toggled.connect(self._update_banners)
                layout.addWidget(box)
                boxes[c.id] = box
        planned = self.anaesthesia.currentData()
        self.anaesthesia.clear()
        self.anaesthesia.addItem(self.tr("Choose the anaesthesia"), None)
        for a in form.anaesthesia:
            self.anaesthesia.addItem(text_for(a, "label", language), a.id)
        self.anaesthesia.setCurrentIndex(max(0, self.anaesthesia.findData(planned)))
        self.anaesthesia.setVisible(bool(form.anaesthesia))
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

    # --- data ----------------------------------------------------------------------------------
    def collect(self) -> tuple[dict, dict]:
        sex = "F" if self.sex_f.isChecked() else "M" if self.sex_m.isChecked() else ""
        patient = {"name_ar": self.name_ar.text(), "name_latin": self.name_latin.text(), "mrn": self.mrn.text(),
                   "national_id": self.national_id.text(), "birth_date": self.birth_date.text(), "sex": sex}
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
                self.draft_id = self.services.consent.start(actor, patient, plan, demo=self.training.isChecked())
                self._lock()
            self.services.consent.confirm_identity(actor, self.draft_id)
        except ConsentError as exc:
            self.error.show_message("error", message_for(exc))
            self._focus_field(exc)
            return
        self.started.emit(self.draft_id)

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
        self.birth_date.setText(p["birth_date"])
        (self.sex_f if p["sex"] == "F" else self.sex_m).setChecked(True)
        self.training.setChecked(draft.demo)
        self.procedure.setCurrentIndex(max(0, self.procedure.findData(plan["procedure"])))
        self.indication.setCurrentIndex(max(0, self.indication.findData(plan["indication"])))
        self.spine.setLevels(plan["levels"])
        if plan.get("fracture_date"):
            self.fracture_date.set_value(dt.date.fromisoformat(plan["fracture_date"]))
        self.planned_date.setMinimumDate(self.planned_date.minimumDate().addDays(-3650))
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
        for w in (self.name_ar, self.name_latin, self.mrn, self.national_id, self.birth_date):
            w.setReadOnly(True)
        self.consultant.setReadOnly(True)
        for w in (self.sex_f, self.sex_m, self.procedure, self.indication, self.levels_text, self.fracture_date,
                  self.planned_date, self.stated_risk, self.spine, self.history, self.training, self.anaesthesia):
            w.setEnabled(False)
        self.approval.clear()
