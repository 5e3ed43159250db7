"""Dates are typed as digits and checked: typing, select-all-and-type and backspace-and-type all work
(they reverted to "not entered" before), a stray arrow key changes nothing, an implausible date is
refused with a sentence under the field, and the calendar speaks the interface language with the
local week (Friday and Saturday the weekend, the first day as set)."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QEvent, QLocale, Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QApplication

from app.ui.common.date_field import DateField, parse_typed
from app.ui.common.style import direction_for

TODAY = dt.date.today()


def field(qtbot, **kwargs) -> DateField:
    widget = DateField(**kwargs)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def type_in(qtbot, f: DateField, text: str) -> None:
    qtbot.keyClicks(f.edit, text)


def test_typed_digits_make_a_date(qtbot, look):
    f = field(qtbot)
    type_in(qtbot, f, "2026-05-17")
    assert f.value() == dt.date(2026, 5, 17) and f.state() == "ok"


def test_select_all_and_type_replaces_the_date(qtbot, look):
    f = field(qtbot, value=dt.date(2025, 1, 2))
    qtbot.keyClick(f.edit, Qt.Key_A, Qt.ControlModifier)
    type_in(qtbot, f, "2026-06-01")
    assert f.value() == dt.date(2026, 6, 1)


def test_backspace_and_type_corrects_the_day(qtbot, look):
    f = field(qtbot)
    type_in(qtbot, f, "2026-06-01")
    qtbot.keyClick(f.edit, Qt.Key_Backspace)
    qtbot.keyClick(f.edit, Qt.Key_Backspace)
    assert f.value() is None and f.state() == "invalid"  # half a date is no date (and says nothing yet)
    assert not f.hint.isVisible()
    type_in(qtbot, f, "15")
    assert f.value() == dt.date(2026, 6, 15)


def test_day_first_and_compact_dates_are_written_back_as_year_month_day(qtbot, look):
    f = field(qtbot)
    type_in(qtbot, f, "17/5/2026")
    qtbot.keyClick(f.edit, Qt.Key_Return)
    assert f.value() == dt.date(2026, 5, 17) and f.edit.text() == "2026-05-17"
    f.clear()
    type_in(qtbot, f, "20260518")
    assert f.value() == dt.date(2026, 5, 18)


def test_arabic_indic_digits_are_read(qtbot, look):
    f = field(qtbot)
    for ch in "٢٠٢٦-٠٥-١٧":  # typed on an Arabic keyboard
        key = Qt.Key_Minus if ch == "-" else Qt.Key_unknown
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(f.edit, QKeyEvent(kind, key, Qt.NoModifier, ch))
    assert f.value() == dt.date(2026, 5, 17)


def test_a_stray_arrow_key_changes_nothing(qtbot, look):
    f = field(qtbot, value=dt.date(2026, 5, 17))
    for key in (Qt.Key_Up, Qt.Key_Down, Qt.Key_PageUp, Qt.Key_PageDown):
        qtbot.keyClick(f.edit, key)
    assert f.value() == dt.date(2026, 5, 17)


def test_an_implausible_date_is_refused_before_it_is_used(qtbot, look):
    seen = []
    f = field(qtbot, minimum=TODAY - dt.timedelta(days=3 * 365), maximum=TODAY)
    f.dateChanged.connect(seen.append)
    type_in(qtbot, f, "1990-12-31")
    assert f.value() is None and f.state() == "out_of_range"
    assert f.hint.isVisible() and "1990" not in f.hint.text() and str(TODAY.year) in f.hint.text()
    assert seen == []  # nothing downstream ever saw 1990 (no "fracture 1,874 weeks old")
    f.clear()
    type_in(qtbot, f, "2026-02-30")  # no such day
    qtbot.keyClick(f.edit, Qt.Key_Tab)
    f.edit.editingFinished.emit()
    assert f.value() is None and f.state() == "invalid" and f.hint.isVisible()


def test_time_is_typed_too(qtbot, look):
    f = field(qtbot, with_time=True)
    type_in(qtbot, f, "2026-05-17 08:30")
    assert f.value() == dt.datetime(2026, 5, 17, 8, 30)
    assert parse_typed("2026-05-17", with_time=True) is None


@pytest.mark.parametrize("language, first", [("ar", Qt.Saturday), ("en", Qt.Sunday)])
def test_the_calendar_speaks_the_interface_language_with_the_local_week(qtbot, translations, language, first):
    translations.switch(language)
    QApplication.instance().setLayoutDirection(direction_for(language))
    f = field(qtbot, first_day=first, minimum=dt.date(2020, 1, 1), maximum=dt.date(2030, 1, 1))
    qtbot.mouseClick(f.button, Qt.LeftButton)
    calendar = f.popup.calendar
    assert f.popup.isVisible()
    assert calendar.locale().language() == (QLocale.Arabic if language == "ar" else QLocale.English)
    assert calendar.locale().toString(17) == "17"  # the digits the records use
    assert calendar.firstDayOfWeek() == first
    red = QColor("#a11d12")
    weekend = {day for day in (Qt.Friday, Qt.Saturday, Qt.Sunday)
               if calendar.weekdayTextFormat(day).foreground().color() == red}
    assert weekend == {Qt.Friday, Qt.Saturday}
    calendar.clicked.emit(QDate(2026, 5, 17))
    assert f.value() == dt.date(2026, 5, 17) and not f.popup.isVisible()
