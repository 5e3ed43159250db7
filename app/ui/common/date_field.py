"""A date typed as digits, checked as it is typed, with a calendar beside it.

The field is a plain line edit, left to right in both languages: ``2026-05-17`` (or ``17/05/2026``, or
``20260517``; Arabic-Indic digits too) becomes a date when it is whole and valid, and is written back as
year-month-day when the person leaves the field. A date outside the plausible range (a fracture older
than three years, a procedure in the past) is refused with a sentence under the field, and the page sees
no date until it is put right. Arrow keys never change a date; only typing or the calendar does.

The calendar speaks the interface language, with the institution's week: Friday and Saturday are the
weekend, and the week starts on Sunday or Saturday as set (``Settings.week_starts_on``).
"""
from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QRegularExpressionValidator, QTextCharFormat
from PySide6.QtWidgets import (
    QApplication, QCalendarWidget, QFrame, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QToolButton, QVBoxLayout,
    QWidget,
)

from app.domain.text import ascii_digits

WEEKEND = (Qt.Friday, Qt.Saturday)
WEEK_STARTS = {"sunday": Qt.Sunday, "saturday": Qt.Saturday}
# Arabic month and day names with the digits the records use (ASCII): the Emirates' locale has both.
CALENDAR_LOCALES = {"ar": QLocale(QLocale.Arabic, QLocale.UnitedArabEmirates), "en": QLocale(QLocale.English,
                                                                                            QLocale.UnitedKingdom)}
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_ISO_WHOLE = re.compile(r"(\d{4})[-/.](\d{2})[-/.](\d{2})")  # while typing: "2026-09-2" is not yet the 2nd
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_TIME = re.compile(r"(\d{1,2}):(\d{2})")
ALLOWED = "[0-9\u0660-\u0669\u06f0-\u06f9\\-/. :]"


def first_day_of_week(settings) -> Qt.DayOfWeek:
    """The institution's first day of the week (a ``Settings``; Sunday when it has none)."""
    return WEEK_STARTS.get(getattr(settings, "week_starts_on", "sunday"), Qt.Sunday)


def parse_typed(text: str, with_time: bool = False, *, typing: bool = False) -> dt.date | dt.datetime | None:
    """What a person typed, as a date (or date and time); None when it is not one (yet).

    ``typing``: the person is still typing, so "2026-09-2" is not read as the 2nd of September (the 21st
    may be on its way); once they leave the field, a one-digit month or day is read."""
    text = " ".join(ascii_digits(text).split())
    if not text:
        return None
    date_part, _, time_part = text.partition(" ")
    if with_time and not time_part:
        return None
    if not with_time and time_part:
        return None
    for pattern, order in ((_ISO_WHOLE if typing else _ISO, (0, 1, 2)), (_DAY_FIRST, (2, 1, 0)),
                           (_COMPACT, (0, 1, 2))):
        m = pattern.fullmatch(date_part)
        if m:
            year, month, day = (int(m.group(i + 1)) for i in order)
            try:
                day_value = dt.date(year, month, day)
            except ValueError:
                return None
            break
    else:
        return None
    if not with_time:
        return day_value
    m = _TIME.fullmatch(time_part)
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        return None
    return dt.datetime(day_value.year, day_value.month, day_value.day, int(m.group(1)), int(m.group(2)))


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def written(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def calendar_icon(size: int = 22) -> QIcon:
    """A small page of a calendar, drawn (no icon font or file needed)."""
    pix = QPixmap(size, size)
    pix.fill(Qt.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.Antialiasing)
    p.setPen(QPen(QColor("#1f2933"), 1.6))
    p.setBrush(QColor("#ffffff"))
    p.drawRoundedRect(2, 4, size - 4, size - 6, 2, 2)
    p.fillRect(3, 5, size - 6, 4, QColor("#0b6e8a"))
    p.setPen(QPen(QColor("#1f2933"), 1.2))
    for row in range(2):
        for col in range(3):
            p.drawPoint(6 + col * (size - 12) // 2, 12 + row * 4)
    p.end()
    return QIcon(pix)


class CalendarPopup(QFrame):
    """The month to choose from, under the field."""

    chosen = Signal(QDate)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.Popup)
        self.setFrameShape(QFrame.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.NoVerticalHeader)
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        box.addWidget(self.calendar)
        self.calendar.clicked.connect(self._chosen)
        self.calendar.activated.connect(self._chosen)

    def prepare(self, language: str, first_day: Qt.DayOfWeek, minimum: QDate, maximum: QDate, current: QDate) -> None:
        cal = self.calendar
        cal.setLocale(CALENDAR_LOCALES.get(language, CALENDAR_LOCALES["en"]))
        self.setLayoutDirection(Qt.RightToLeft if language == "ar" else Qt.LeftToRight)
        cal.setFirstDayOfWeek(first_day)
        normal, weekend = QTextCharFormat(), QTextCharFormat()
        weekend.setForeground(QColor("#a11d12"))
        for day in (Qt.Monday, Qt.Tuesday, Qt.Wednesday, Qt.Thursday, Qt.Friday, Qt.Saturday, Qt.Sunday):
            cal.setWeekdayTextFormat(day, weekend if day in WEEKEND else normal)
        cal.setDateRange(minimum, maximum)
        cal.setSelectedDate(current)
        cal.setCurrentPage(current.year(), current.month())
        cal.setAccessibleName(self.tr("Calendar"))

    def _chosen(self, day: QDate) -> None:
        self.hide()
        self.chosen.emit(day)


class DateField(QWidget):
    """A date (or date and time) typed as digits, or chosen on the calendar; empty means "not entered"."""

    dateChanged = Signal(object)  # the date (datetime.date / datetime), or None
    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None, *, minimum: dt.date | None = None,
                 maximum: dt.date | None = None, with_time: bool = False, first_day: Qt.DayOfWeek = Qt.Sunday,
                 value: dt.date | None = None) -> None:
        super().__init__(parent)
        self.with_time = with_time
        self.minimum = minimum or dt.date(1900, 1, 1)
        self.maximum = maximum or dt.date(2100, 12, 31)
        self.first_day = first_day
        self._value: dt.date | dt.datetime | None = None
        self.edit = QLineEdit(self)
        self.edit.setObjectName("dateText")
        self.edit.setLayoutDirection(Qt.LeftToRight)  # year-month-day reads the same in both languages
        self.edit.setAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(ALLOWED + "{0,22}"), self.edit))
        self.edit.setInputMethodHints(Qt.ImhPreferNumbers)
        self.button = QToolButton(self)
        self.button.setObjectName("calendarButton")
        self.button.setIcon(calendar_icon())
        self.button.setIconSize(QSize(22, 22))
        self.button.setFocusPolicy(Qt.StrongFocus)
        self.hint = QLabel(self)
        self.hint.setObjectName("dateProblem")
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.popup: CalendarPopup | None = None
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(row)
        box.addWidget(self.hint)
        self.setFocusProxy(self.edit)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        self.button.clicked.connect(self.open_calendar)
        self.edit.installEventFilter(self)
        self.retranslate()
        if value is not None:
            self.set_value(value)

    def retranslate(self) -> None:
        example = self.tr("e.g. 2026-05-17 14:30") if self.with_time else self.tr("e.g. 2026-05-17")
        self.edit.setPlaceholderText(example)
        self.button.setAccessibleName(self.tr("Choose on the calendar"))
        self.button.setToolTip(self.tr("Choose on the calendar (Alt+Down)"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def setAccessibleName(self, text: str) -> None:  # noqa: N802 - the editor says the same
        super().setAccessibleName(text)
        self.edit.setAccessibleName(text)

    def sizeHint(self) -> QSize:  # noqa: N802 - wide enough for the date, not more
        base = super().sizeHint()
        text = self.edit.fontMetrics().horizontalAdvance("0000-00-00 00:00" if self.with_time else "0000-00-000")
        return QSize(min(base.width(), text + 90), base.height())

    # --- the value -----------------------------------------------------------------------------
    def value(self) -> dt.date | dt.datetime | None:
        """The date entered, or None (nothing entered, or not a valid and plausible date)."""
        return self._value

    def state(self, *, typing: bool = False) -> str:
        """"empty", "ok", "invalid" (not a date) or "out_of_range" (a date, but not a plausible one)."""
        text = self.edit.text().strip()
        if not text:
            return "empty"
        parsed = parse_typed(text, self.with_time, typing=typing)
        if parsed is None:
            return "invalid"
        day = parsed.date() if isinstance(parsed, dt.datetime) else parsed
        return "ok" if self.minimum <= day <= self.maximum else "out_of_range"

    def problem(self) -> str:
        """The sentence under the field ('' when the field is empty or right)."""
        state = self.state()
        if state == "invalid":
            return (self.tr("Not a date and time: type year-month-day and the time, e.g. 2026-05-17 14:30")
                    if self.with_time else self.tr("Not a date: type year-month-day, e.g. 2026-05-17"))
        if state == "out_of_range":
            return self.tr("The date must lie between %1 and %2.").replace(
                "%1", "\u2066" + self.minimum.isoformat() + "\u2069").replace(
                "%2", "\u2066" + self.maximum.isoformat() + "\u2069")
        return ""

    def set_value(self, value: dt.date | dt.datetime | None) -> None:
        if value is not None and self.with_time and not isinstance(value, dt.datetime):
            value = dt.datetime(value.year, value.month, value.day)
        if value is not None and not self.with_time and isinstance(value, dt.datetime):
            value = value.date()
        self.edit.setText(written(value))
        self._update(show_problem=True)

    def set_text(self, text: str) -> None:
        """Text as typed (a resumed draft): written as a date when it is one, else shown with its problem."""
        self.edit.setText(text)
        if self.state() == "ok":
            self.edit.setText(written(parse_typed(text, self.with_time)))
        self._update(show_problem=True)

    def set_range(self, minimum: dt.date, maximum: dt.date) -> None:
        self.minimum, self.maximum = minimum, maximum
        self._update(show_problem=bool(self.edit.text()))

    def clear(self) -> None:
        self.set_value(None)

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802
        self.edit.setReadOnly(read_only)
        self.button.setEnabled(not read_only)

    # --- typing --------------------------------------------------------------------------------
    def _typed(self, _text: str) -> None:
        self._update(show_problem=False, typing=True)

    def _finished(self) -> None:
        if self.state() == "ok":
            self.edit.setText(written(self._value))  # 17/5/2026 -> 2026-05-17
        self._update(show_problem=True)
        self.editingFinished.emit()

    def _update(self, *, show_problem: bool, typing: bool = False) -> None:
        state = self.state(typing=typing)
        value = parse_typed(self.edit.text(), self.with_time, typing=typing) if state == "ok" else None
        problem = self.problem() if show_problem or state == "out_of_range" else ""
        self.hint.setText(problem)
        self.hint.setVisible(bool(problem))
        self.edit.setProperty("problem", bool(problem))
        self.edit.setAccessibleDescription(problem)
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)
        if value != self._value:
            self._value = value
            self.dateChanged.emit(value)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.edit and event.type() == QEvent.KeyPress:
            if (event.key() == Qt.Key_Down and event.modifiers() & Qt.AltModifier) or event.key() == Qt.Key_F4:
                self.open_calendar()
                return True
        return super().eventFilter(obj, event)

    # --- the calendar --------------------------------------------------------------------------
    def open_calendar(self) -> None:
        if self.edit.isReadOnly():
            return
        if self.popup is None:
            self.popup = CalendarPopup(self)
            self.popup.chosen.connect(self._picked)
        language = "ar" if QApplication.layoutDirection() == Qt.RightToLeft else "en"
        current = self._value.date() if isinstance(self._value, dt.datetime) else self._value
        today = dt.date.today()
        start = current or min(max(today, self.minimum), self.maximum)
        self.popup.prepare(language, self.first_day, _qdate(self.minimum), _qdate(self.maximum), _qdate(start))
        self.popup.adjustSize()
        below = self.mapToGlobal(QPoint(0, self.edit.height()))
        screen = (self.screen() or QApplication.primaryScreen()).availableGeometry()
        x = min(max(screen.left(), below.x()), screen.right() - self.popup.width())
        y = below.y() if below.y() + self.popup.height() <= screen.bottom() else \
            self.mapToGlobal(QPoint(0, 0)).y() - self.popup.height()
        self.popup.move(x, max(screen.top(), y))
        self.popup.show()
        self.popup.calendar.setFocus(Qt.PopupFocusReason)

    def _picked(self, day: QDate) -> None:
        chosen = day.toPython()
        if self.with_time:
            old = self._value if isinstance(self._value, dt.datetime) else None
            hour, minute = (old.hour, old.minute) if old else (dt.datetime.now().hour, 0)
            chosen = dt.datetime(chosen.year, chosen.month, chosen.day, hour, minute)
        self.set_value(chosen)
        self.edit.setFocus(Qt.OtherFocusReason)
        self.editingFinished.emit()
