"""Settings, first version: interface language (anyone), and for administrators the idle-lock
minutes, the patient's screen, the time zone, the local emergency number, the team's numbers for
working hours and after hours (printed wherever the patient is told to call), and whether trainees
take part (the patients are told).

The service enforces who may change what; the dialog mirrors it by disabling what the signed-in
role may not change, and sends only the values that changed.
"""
from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import available_timezones

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget,
)

from ..common.messages import message_for
from ..common.screen_fit import available
from ..common.wrapping import WrappingCheckBox

if TYPE_CHECKING:
    from ..common.services import DeskServices, StaffSession


class SettingsDialog(QDialog):
    def __init__(self, services: "DeskServices", session: "StaffSession", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.session = services, session
        self.setObjectName("settingsDialog")
        # Wide enough for the phone numbers as dialled beside their names; never wider than the screen.
        self.setMinimumWidth(min(760, available(self).width() - 40))
        self.saved = None  # the Settings after a successful save
        self.changed_keys: set[str] = set()
        current = services.settings.current()
        self.original = current
        actor = session.actor
        self.is_admin = bool(actor and actor.may("settings.manage"))

        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("العربية", "ar")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(current.language)))
        self.idle = QSpinBox()
        self.idle.setObjectName("idleMinutes")
        self.idle.setRange(1, 240)
        self.idle.setValue(current.idle_lock_minutes)
        self.patient_idle = QSpinBox()
        self.patient_idle.setObjectName("patientIdleMinutes")
        self.patient_idle.setRange(1, 60)
        self.patient_idle.setValue(current.patient_idle_minutes)
        self.screen = QComboBox()
        self.screen.setObjectName("patientScreen")
        self.screen.addItem("", "")
        for scr in QGuiApplication.screens():
            self.screen.addItem(scr.name(), scr.name())
        if current.patient_screen and self.screen.findData(current.patient_screen) < 0:
            self.screen.addItem(current.patient_screen, current.patient_screen)  # not connected now
        self.screen.setCurrentIndex(max(0, self.screen.findData(current.patient_screen)))
        self.zone = QComboBox()
        self.zone.setObjectName("timeZone")
        self.zone.setEditable(False)
        zones = sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
        if current.time_zone not in zones:
            zones.insert(0, current.time_zone)
        for z in zones:
            self.zone.addItem(z, z)
        self.zone.setCurrentIndex(max(0, self.zone.findData(current.time_zone)))
        self.zone.setLayoutDirection(Qt.LeftToRight)
        self.week = QComboBox()
        self.week.setObjectName("weekStartsOn")
        self.week.addItem("", "sunday")
        self.week.addItem("", "saturday")
        self.week.setCurrentIndex(max(0, self.week.findData(current.week_starts_on)))
        self.emergency = QLineEdit(current.emergency_number)
        self.emergency.setObjectName("emergencyNumber")
        self.emergency.setLayoutDirection(Qt.LeftToRight)
        self.emergency.setMaxLength(16)
        self.team_day = QLineEdit(current.team_phone_day)
        self.team_day.setObjectName("teamPhoneDay")
        self.team_after = QLineEdit(current.team_phone_after_hours)
        self.team_after.setObjectName("teamPhoneAfterHours")
        for w in (self.team_day, self.team_after):
            w.setLayoutDirection(Qt.LeftToRight)
            w.setMaxLength(20)
        self.trainees = WrappingCheckBox()  # its own words, across the dialog: the longest setting's name
        self.trainees.setObjectName("traineesTakePart")
        self.trainees.setChecked(current.trainees_take_part)

        self.labels = {k: QLabel() for k in ("language", "idle", "screen", "patient_idle", "zone", "week",
                                              "emergency", "team_day", "team_after", "trainees")}
        for key, w in self._fields():
            self.labels[key].setBuddy(w)
        self.admin_only = (self.idle, self.screen, self.patient_idle, self.zone, self.week, self.emergency,
                           self.team_day, self.team_after, self.trainees)
        for w in self.admin_only:
            w.setEnabled(self.is_admin)

        self.note = QLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(12)
        form.addRow(self.labels["language"], self.language)
        form.addRow(self.labels["idle"], self.idle)
        form.addRow(self.labels["screen"], self.screen)
        form.addRow(self.labels["patient_idle"], self.patient_idle)
        form.addRow(self.labels["zone"], self.zone)
        form.addRow(self.labels["week"], self.week)
        form.addRow(self.labels["emergency"], self.emergency)
        form.addRow(self.labels["team_day"], self.team_day)
        form.addRow(self.labels["team_after"], self.team_after)
        form.addRow(self.trainees)
        box = QVBoxLayout(self)
        box.setSpacing(14)
        box.addLayout(form)
        box.addWidget(self.note)
        box.addWidget(self.error)
        box.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.labels["language"].setText(self.tr("Interface &language"))
        self.labels["idle"].setText(self.tr("Lock the screen after (&minutes without use)"))
        self.labels["screen"].setText(self.tr("Screen for the &patient"))
        self.labels["zone"].setText(self.tr("&Time zone"))
        self.labels["emergency"].setText(self.tr("Local &emergency number"))
        self.labels["week"].setText(self.tr("Calendars start the &week on"))
        self.week.setItemText(0, self.tr("Sunday"))
        self.week.setItemText(1, self.tr("Saturday"))
        self.labels["patient_idle"].setText(self.tr("Patient screen rests after (minutes without use)"))
        self.labels["team_day"].setText(self.tr("The team's number in &working hours"))
        self.labels["team_after"].setText(self.tr("The team's number &after hours"))
        self.labels["trainees"].setText(self.tr("&Trainees may take part under supervision (patients are told)"))
        self.trainees.setText(self.labels["trainees"].text())
        for w in (self.team_day, self.team_after):
            w.setPlaceholderText(self.tr("as dialled, e.g. 011-234-5678"))
        for key, w in self._fields():
            w.setAccessibleName(self.labels[key].text().replace("&", ""))
        self.idle.setSuffix(" " + self.tr("min"))
        self.patient_idle.setSuffix(" " + self.tr("min"))
        self.screen.setItemText(0, self.tr("The same screen as the desk"))
        self.note.setText(self.tr("Only an administrator can change the settings other than the language.")
                          if not self.is_admin else
                          self.tr("The language applies at once; the other settings apply to everyone at this desk."))
        save, cancel = self.buttons.button(QDialogButtonBox.Save), self.buttons.button(QDialogButtonBox.Cancel)
        save.setText(self.tr("Save"))
        cancel.setText(self.tr("Cancel"))

    def _fields(self):
        return (("language", self.language), ("idle", self.idle), ("screen", self.screen),
                ("patient_idle", self.patient_idle), ("zone", self.zone), ("week", self.week),
                ("emergency", self.emergency), ("team_day", self.team_day), ("team_after", self.team_after),
                ("trainees", self.trainees))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def changes(self) -> dict:
        values = {"language": self.language.currentData()}
        if self.is_admin:
            values.update(idle_lock_minutes=self.idle.value(), patient_screen=self.screen.currentData() or "",
                          patient_idle_minutes=self.patient_idle.value(),
                          time_zone=self.zone.currentData(), emergency_number=self.emergency.text().strip(),
                          week_starts_on=self.week.currentData(),
                          team_phone_day=self.team_day.text().strip(),
                          team_phone_after_hours=self.team_after.text().strip(),
                          trainees_take_part=self.trainees.isChecked())
        return {k: v for k, v in values.items() if getattr(self.original, k) != v}

    def save(self) -> None:
        changes = self.changes()
        if changes:
            try:
                self.saved = self.services.settings.update(self.session.actor, **changes)
            except Exception as exc:  # noqa: BLE001
                self.error.setText(message_for(exc))
                self.error.show()
                return
        self.changed_keys = set(changes)
        self.accept()
