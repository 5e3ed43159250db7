"""The pre-procedure readiness check: the form's checklist with inputs fitting each kind, every answer
saved at once (ReadinessCheck.answer), blocking answers and carried-over consent warnings shown
with their reason, a physician's override, reconfirmation of the consent, and sealing.

The form's staff texts (labels, choices, reasons, staff help) are shown in the interface language
(their English twins when the interface is English). A physician's item answered at a nurse's desk
asks for the physician's own sign-in; a repeatable entry (blood thinners) has its own editor.
"""
from __future__ import annotations

import datetime as dt
import html
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.domain.checklist import offered_choices
from app.domain.errors import ConsentError
from app.domain.form import text_for

from ..common.date_field import DateField, first_day_of_week
from ..common.i18n import interface_language
from ..common.layouts import ActionBar, scrolling
from ..common.messages import message_for
from ..common.widgets import MARGIN, SPACING, Banner, form_content, heading, warning_text
from ..common.worker import run_in_background
from .checklist_entries import EntriesEditor
from .override_dialog import ask_physician


def staff_note(text: str, parent: QWidget) -> QWidget:
    """Staff-only guidance under an item: a drawn information sign (not a character the font may lack),
    "Staff only" and the text, at a readable size; each paragraph keeps its own direction."""
    box = QWidget(parent)
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    icon = QLabel(box)
    icon.setPixmap(box.style().standardIcon(QStyle.SP_MessageBoxInformation).pixmap(20, 20))
    row.addWidget(icon, 0, Qt.AlignTop)
    words = QLabel(box)
    words.setObjectName("staffHelp")
    words.setTextFormat(Qt.RichText)
    words.setWordWrap(True)
    words.setText(f"<p><b>{html.escape(QCoreApplication.translate('ReadinessPage', 'Staff only'))}</b></p>"
                  f"<p>{html.escape(text)}</p>")
    row.addWidget(words, 1)
    box.setToolTip(QCoreApplication.translate("ReadinessPage", "Staff guidance; not shown to the patient"))
    box.setAccessibleName(QCoreApplication.translate("ReadinessPage", "Staff only") + ": " + text)
    return box


class ItemEditor(QWidget):
    """One checklist item's input; ``answered(item_id, raw)`` when the staff member gives an answer."""

    answered = Signal(str, object)

    def __init__(self, item, tz: str, parent: QWidget | None = None, *, language: str = "ar",
                 fracture: bool | None = None, today: dt.date,
                 first_day: Qt.DayOfWeek = Qt.Sunday) -> None:
        super().__init__(parent)
        self.item, self.tz = item, tz
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        label = text_for(item, "label", language)
        self.setAccessibleName(label)
        kind = item.kind
        if kind == "yesno":
            self.group = QButtonGroup(self)
            self.yes = QRadioButton(self.tr("Yes"), self)
            self.no = QRadioButton(self.tr("No"), self)
            for value, b in (("yes", self.yes), ("no", self.no)):
                b.setAccessibleName(b.text())
                b.setAccessibleDescription(label)
                self.group.addButton(b)
                row.addWidget(b)
                # The state, not the click: a screen reader's "press" toggles without a click.
                b.toggled.connect(lambda on, v=value: on and self.answered.emit(item.id, v))
            row.addStretch(1)
            self.focus_widget = self.yes
        elif kind == "choice":
            self.combo = QComboBox(self)
            # The column decides its width (the list that opens shows every answer whole): a long answer
            # never pushes the item's words into a narrow strip.
            self.combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            self.combo.setMinimumContentsLength(20)
            self.combo.addItem(self.tr("Choose…"), None)
            for c in offered_choices(item, fracture):  # e.g. "not a fracture" only for other indications
                self.combo.addItem(text_for(c, "label", language), c.id)
            form_content(self.combo).setAccessibleName(label)
            self.combo.activated.connect(self._choice)
            row.addWidget(self.combo, 1)
            self.focus_widget = self.combo
        elif kind == "entries":
            self.entries = EntriesEditor(item, language, fracture, self, today=today, first_day=first_day)
            self.entries.answered.connect(lambda value: self.answered.emit(item.id, value))
            row.addWidget(self.entries, 1)
            self.focus_widget = self.entries.focus_widget
        elif kind in ("date", "datetime"):
            # A checklist date is of the last year (a last dose, a last meal): anything else is a slip.
            self.date = DateField(self, with_time=kind == "datetime", minimum=today - dt.timedelta(days=366),
                                  maximum=today + dt.timedelta(days=1), first_day=first_day)
            form_content(self.date).setAccessibleName(label)
            self.date.editingFinished.connect(self._date)
            row.addWidget(self.date)
            row.addStretch(1)
            self.focus_widget = self.date
        else:  # number, text
            self.edit = QLineEdit(self)
            form_content(self.edit).setAccessibleName(label)
            if kind == "number":
                self.edit.setMaximumWidth(140)
                self.edit.setLayoutDirection(Qt.LeftToRight)
            self.edit.editingFinished.connect(self._text)
            row.addWidget(self.edit, 1 if kind == "text" else 0)
            if kind == "number":
                row.addStretch(1)
            self.focus_widget = self.edit
        self._last: object = None
        self.setFocusProxy(self.focus_widget)

    def _choice(self, index: int) -> None:
        value = self.combo.itemData(index)
        if value is not None:
            self.answered.emit(self.item.id, value)

    def _date(self) -> None:
        value = self.date.value()
        if value is None:
            return
        if isinstance(value, dt.datetime):
            value = value.replace(second=0, microsecond=0, tzinfo=ZoneInfo(self.tz)).isoformat()
        else:
            value = value.isoformat()
        if value != self._last:
            self._last = value
            self.answered.emit(self.item.id, value)

    def _text(self) -> None:
        text = self.edit.text().strip()
        if text and text != self._last:
            self._last = text
            self.answered.emit(self.item.id, text)

    def clear_value(self) -> None:
        """Show no answer (one given but not saved: the physician did not sign in for it)."""
        self.blockSignals(True)
        kind = self.item.kind
        if kind == "yesno":
            self.group.setExclusive(False)
            self.yes.setChecked(False)
            self.no.setChecked(False)
            self.group.setExclusive(True)
        elif kind == "choice":
            self.combo.setCurrentIndex(0)
        elif kind == "entries":
            self.entries.set_value("")
        elif kind in ("date", "datetime"):
            self.date.set_value(None)
        else:
            self.edit.clear()
        self._last = None
        self.blockSignals(False)

    def set_value(self, value: object) -> None:
        """Show a saved answer without saving it again."""
        self.blockSignals(True)
        kind = self.item.kind
        if kind == "yesno":
            (self.yes if value == "yes" else self.no).setChecked(True)
        elif kind == "entries":
            self.entries.set_value(value)
        elif kind == "choice":
            self.combo.setCurrentIndex(max(0, self.combo.findData(value)))
        elif kind == "date":
            self.date.set_value(dt.date.fromisoformat(str(value)))
            self._last = str(value)
        elif kind == "datetime":
            self.date.set_value(dt.datetime.fromisoformat(str(value)).astimezone(ZoneInfo(self.tz)).replace(tzinfo=None))
            self._last = str(value)
        else:
            text = f"{value:g}" if isinstance(value, float) else str(value)
            self.edit.setText(text)
            self._last = text
        self.blockSignals(False)


class ReadinessPage(QWidget):
    sealed = Signal(str)  # the sealed check's record id
    show_record = Signal(str)

    def __init__(self, services, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.session = services, session
        self.draft = None
        self.form = None
        self.record_id = ""
        self.busy = False
        self.rows: dict[str, tuple[QLabel, QLabel, ItemEditor, QLabel, QLabel]] = {}
        self._build()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(MARGIN, MARGIN // 2, MARGIN, MARGIN // 2)
        # The blocks, the checklist and the heading scroll; the banners and the actions stay in view.
        self.body = QWidget()
        content = QVBoxLayout(self.body)
        content.setContentsMargins(0, 0, 0, 0)
        content.addWidget(heading(self.tr("Pre-procedure verification"), self.body))
        self.patient_line = QLabel(self.body)
        self.patient_line.setWordWrap(True)
        content.addWidget(self.patient_line)
        self.blocks_area = QVBoxLayout()
        content.addLayout(self.blocks_area)
        self.blocks_box: QWidget | None = None
        self.blocks = QVBoxLayout()
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(SPACING * 2)
        self.grid.setVerticalSpacing(SPACING)
        self.grid.setColumnStretch(0, 5)
        self.grid.setColumnStretch(1, 4)
        self.grid.setColumnStretch(2, 3)
        content.addLayout(self.grid)
        content.addStretch(1)
        self.scroll = scrolling(self.body, self)
        self.scroll.setAccessibleName(self.tr("Checklist"))
        outer.addWidget(self.scroll, 1)
        self.error = Banner(self)
        outer.addWidget(self.error)
        self.result = Banner(self)
        outer.addWidget(self.result)
        row = ActionBar(self)
        self.reconfirm_button = QPushButton(self.tr("&Reconfirm the consent"), self)
        self.reconfirm_button.setAccessibleName(self.tr("Reconfirm the consent (still valid, form unchanged)"))
        self.reconfirmed = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(self.tr("Sealing in progress"))
        self.progress.hide()
        self.record_button = QPushButton(self.tr("Show the verification &record"), self)
        self.record_button.setAccessibleName(self.tr("Show the verification record"))
        self.record_button.hide()
        self.complete_button = QPushButton(self.tr("&Complete the verification"), self)
        self.complete_button.setObjectName("primary")
        self.complete_button.setAccessibleName(self.tr("Complete the verification"))
        row.add(self.reconfirm_button, self.reconfirmed)
        row.stretch()
        row.add(self.progress, self.record_button, self.complete_button)
        outer.addWidget(row)
        self.reconfirm_button.clicked.connect(self.reconfirm)
        self.complete_button.clicked.connect(self.complete)
        self.record_button.clicked.connect(lambda: self.show_record.emit(self.record_id))

    # --- state ---------------------------------------------------------------------------------
    def load(self, draft_id: str) -> None:
        self.draft = self.services.readiness.load(self.session.actor, draft_id)
        self.form = self.services.readiness.form_of(self.draft)
        self.record_id = ""
        self.result.clear()
        self.record_button.hide()
        self.complete_button.setEnabled(True)
        p = self.draft.patient
        levels = ", ".join(self.draft.procedure.get("levels", []))
        mark = "\u200f" if self.layoutDirection() == Qt.RightToLeft else "\u200e"  # the line's own direction
        self.patient_line.setText(f"{mark}\u2068{p.get('name_ar', '')}\u2069 · {p.get('mrn', '')} · {levels}")
        self.patient_line.setAccessibleName(self.patient_line.text())
        self._build_rows()
        self._refresh()

    def _build_rows(self) -> None:
        while self.grid.count():
            w = self.grid.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.rows.clear()
        settings = self.services.ctx.settings()
        tz, first_day, today = settings.time_zone, first_day_of_week(settings), self.services.ctx.today()
        self.language = interface_language()
        indication = self.form.indications.get(self.draft.procedure.get("indication", ""))
        fracture = indication.fracture if indication else None
        for i, item in enumerate(self.form.checklist):
            text = self.text(item, "label")
            if item.physician:
                text += " " + self.tr("(physician)")
            label = QLabel(text + ("" if item.required else " " + self.tr("(optional)")), self.body)
            label.setWordWrap(True)
            editor = ItemEditor(item, tz, self.body, language=self.language, fracture=fracture, today=today,
                                first_day=first_day)
            label.setBuddy(editor.focus_widget)
            editor.answered.connect(self.answer)
            staff = (staff_note(self.text(item, "staff_help"), self.body) if item.staff_help
                     else QWidget(self.body))
            hint = QLabel(self.body)
            hint.setWordWrap(True)
            status = QLabel(self.body)
            status.setWordWrap(True)
            box = QWidget(self.body)
            col = QVBoxLayout(box)
            col.setContentsMargins(0, 0, 0, 0)
            col.addWidget(label)
            if item.staff_help:
                col.addWidget(staff)
            self.grid.addWidget(box, i, 0)
            right = QWidget(self.body)
            rcol = QVBoxLayout(right)
            rcol.setContentsMargins(0, 0, 0, 0)
            rcol.addWidget(editor)
            rcol.addWidget(hint)
            self.grid.addWidget(right, i, 1)
            self.grid.addWidget(status, i, 2)
            self.rows[item.id] = (label, staff, editor, hint, status)
            if item.id in self.draft.answers:
                editor.set_value(self.draft.answers[item.id]["value"])

    def text(self, obj, field: str) -> str:
        """A staff text of the form in the interface language (the form's own when no twin)."""
        return text_for(obj, field, getattr(self, "language", "ar"))

    def _hint(self, item, thresholds: dict) -> str:
        unit = item.unit.strip()
        rule = item.blocking
        if item.kind != "number":
            return ""
        # Isolated left to right, so that "50 ×10⁹/L" keeps its order inside an Arabic sentence.
        parts = []
        if item.low is not None and item.high is not None:
            parts.append(self.tr("range %1").replace("%1", f"\u2066{item.low:g}–{item.high:g} {unit}".strip() + "\u2069"))
        elif unit:
            parts.append(f"\u2066{unit}\u2069")
        if rule is not None:
            limit = thresholds.get(str(rule.operand))
            value = f"\u2066{limit:g} {unit}".strip() + "\u2069" if isinstance(limit, (int, float)) else "?"
            parts.append({"above": self.tr("blocks above %1"), "below": self.tr("blocks below %1"),
                          "at_least": self.tr("blocks at %1 or more")}.get(rule.op, "%1").replace("%1", value))
        return " · ".join(parts)

    def _refresh(self) -> None:
        result = self.services.readiness.evaluate(self.draft)
        overridden = {o["item"]: o for o in self.draft.overrides}
        for status in result.items:
            label, staff, editor, hint, mark = self.rows[status.item_id]
            item = editor.item
            visible = status.status != "not_applicable"
            for w in (label.parentWidget(), editor.parentWidget(), mark):
                w.setVisible(visible)
            hint.setText(self._hint(item, result.thresholds))
            hint.setVisible(bool(hint.text()))
            if status.item_id in overridden and status.status == "blocking":
                text = "✓ " + self.tr("Blocking, overridden by the physician")
            elif status.status == "blocking":
                text = "⛔ " + self.tr("Blocking: %1").replace("%1", self.text(item, "blocking_reason"))
            elif status.status == "missing":
                text = "○ " + self.tr("Not answered yet")
            elif status.value is not None:
                text = "✓ " + self.tr("Saved")
            else:
                text = ""
            mark.setText(text)
            mark.setStyleSheet("color: #a11d12; font-weight: bold;" if text.startswith("⛔") else "")
            mark.setAccessibleName(text or self.tr("No answer needed"))
        self._show_blocks()
        who = self.draft.reconfirmed_by
        self.reconfirmed.setText("✓ " + self.tr("Consent reconfirmed by %1").replace("%1", who) if who
                                 else self.tr("Consent not reconfirmed yet"))
        self.reconfirmed.setAccessibleName(self.reconfirmed.text())

    def _show_blocks(self) -> None:
        """Open blocks (with the override button) and overrides, rebuilt in a fresh container."""
        if self.blocks_box is not None:
            self.blocks_box.hide()
            self.blocks_box.deleteLater()
        self.blocks_box = QWidget(self)
        self.blocks = QVBoxLayout(self.blocks_box)
        self.blocks.setContentsMargins(0, 0, 0, 0)
        self.blocks_area.addWidget(self.blocks_box)
        warnings = {w["code"]: w for w in self.draft.consent_warnings}
        for code in self.services.readiness.open_blocks(self.draft):
            if code in warnings:
                text = self.tr("Carried over from the consent: %1").replace("%1", warning_text(warnings[code]))
            else:
                item = self.form.item(code)
                text = f"{self.text(item, 'label')}: {self.text(item, 'blocking_reason')}"
            row = QHBoxLayout()
            banner = Banner(self.blocks_box)
            banner.show_message("error", text, word=self.tr("Blocking"))
            row.addWidget(banner, 1)
            button = QPushButton(self.tr("Physician override…"), self.blocks_box)
            button.setAccessibleName(self.tr("Physician override: %1").replace("%1", text))
            button.setProperty("item", code)
            button.clicked.connect(lambda _=False, c=code, t=text: self.override(c, t))
            row.addWidget(button, 0, Qt.AlignTop)
            self.blocks.addLayout(row)
        for o in self.draft.overrides:
            banner = Banner(self.blocks_box)
            what = (warning_text(warnings[o["item"]]) if o["item"] in warnings
                    else self.text(self.form.item(o["item"]), "label"))
            banner.show_message("ok", self.tr("Overridden by %1: %2 (reason: %3)").replace("%1", self._name_of(o["by"]))
                                .replace("%2", what).replace("%3", o["reason"]))
            self.blocks.addWidget(banner)

    def _name_of(self, username: str) -> str:
        """A physician by name, as the sealed record will print them."""
        try:
            return self.services.users.name_of(self.session.actor, username)
        except ConsentError:
            return username

    # --- actions -------------------------------------------------------------------------------
    def _call(self, fn, *args) -> bool:
        try:
            self.draft = fn(*args)
        except ConsentError as exc:
            self.error.show_message("error", message_for(exc))
            return False
        self.error.clear()
        self._refresh()
        return True

    def answer(self, item_id: str, raw: object) -> bool:
        """Save one answer. A physician's item at a nurse's desk: the physician signs in for it."""
        actor = self.session.actor
        item = self.form.item(item_id)
        if item.physician and actor is not None and actor.role != "physician":
            label = self.text(item, "label")
            confirmation = ask_physician(self.services.auth, self, title=self.tr("A physician's item"),
                                         subject=self.tr("Answered by a physician: %1").replace("%1", label),
                                         need_reason=False, purpose="physician_item")
            if confirmation is None:  # not answered: show the saved answer again
                saved = self.draft.answers.get(item_id)
                editor = self.rows[item_id][2]
                if saved is not None:
                    editor.set_value(saved["value"])
                else:  # nothing saved: no answer shows as given
                    editor.clear_value()
                return False
            actor = confirmation.actor
        return self._call(self.services.readiness.answer, actor, self.draft.draft_id, item_id, raw)

    def override(self, item: str, text: str) -> bool:
        actor = self.session.actor
        confirmation = ask_physician(self.services.auth, self, title=self.tr("Physician override"), subject=text,
                                     username=actor.username if actor.role == "physician" else "",
                                     lock_username=actor.role == "physician")
        if confirmation is None:
            return False
        done = self._call(self.services.readiness.override, confirmation.actor, confirmation.password,
                          self.draft.draft_id, item, confirmation.reason)
        if done:  # its button is gone: the keyboard goes on to the next block, or to "Complete"
            remaining = [b for b in self.blocks_box.findChildren(QPushButton)]
            (remaining[0] if remaining else self.complete_button).setFocus(Qt.OtherFocusReason)
        return done

    def reconfirm(self) -> bool:
        return self._call(self.services.readiness.reconfirm, self.session.actor, self.draft.draft_id)

    def complete(self) -> None:
        if self.busy:
            return
        self.busy = True
        self.complete_button.setEnabled(False)
        self.progress.show()
        actor, draft_id = self.session.actor, self.draft.draft_id
        run_in_background(self, lambda: self.services.readiness.seal(actor, draft_id), self._sealed,
                          self._failed, label=self.tr("Sealing the verification…"))

    def _sealed(self, record) -> None:
        self.busy = False
        self.progress.hide()
        self.record_id = record.record_id
        for _, _, editor, _, _ in self.rows.values():
            editor.setEnabled(False)
        self.reconfirm_button.setEnabled(False)
        for i in range(self.blocks.count()):
            lay = self.blocks.itemAt(i).layout()
            for j in range(lay.count() if lay else 0):
                w = lay.itemAt(j).widget()
                if isinstance(w, QPushButton):
                    w.setEnabled(False)
        self.record_button.show()
        self.show_readiness()
        self.sealed.emit(record.record_id)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.progress.hide()
        self.complete_button.setEnabled(True)
        self.error.show_message("error", message_for(exc))

    def show_readiness(self) -> None:
        try:
            ready = self.services.readiness.readiness(self.session.actor, self.draft.consent_record_id)
        except ConsentError as exc:
            self.error.show_message("error", message_for(exc))
            return
        if ready.ready:
            self.result.show_message("ok", self.tr("Ready for the procedure."))
            return
        reasons = []
        for code in ready.reasons:
            if code.startswith("blocked:"):
                item = code.split(":", 1)[1]
                try:
                    reasons.append(self.text(self.form.item(item), "label"))
                except KeyError:
                    reasons.append(warning_text({"code": item}))
            else:
                reasons.append({"consent_expired": self.tr("the consent has expired"),
                                "form_changed": self.tr("the form changed since signing"),
                                "verification_incomplete": self.tr("the verification is not complete"),
                                "consent_superseded": self.tr("the consent was withdrawn or corrected"),
                                "consent_missing": self.tr("there is no signed consent")}.get(code, code))
        self.result.show_message("error", self.tr("Not ready for the procedure: %1").replace("%1", "; ".join(reasons)))
