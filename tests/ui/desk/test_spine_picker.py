"""The spine picture: levels chosen by mouse and by keyboard, announced to assistive technology."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.ui.desk.spine_picker import SpinePicker


def make(qtbot, direction=Qt.LeftToRight) -> SpinePicker:
    picker = SpinePicker()
    picker.setLayoutDirection(direction)
    picker.resize(240, 520)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    return picker


def test_click_a_vertebra_to_choose_and_again_to_unchoose(qtbot):
    picker = make(qtbot)
    with qtbot.waitSignal(picker.levelsChanged) as sig:
        QTest.mouseClick(picker, Qt.LeftButton, Qt.NoModifier, picker.level_rect("L1").center().toPoint())
    assert sig.args == [["L1"]]
    QTest.mouseClick(picker, Qt.LeftButton, Qt.NoModifier, picker.level_rect("T12").center().toPoint())
    assert picker.levels() == ["T12", "L1"]  # head-to-tail order, whatever the click order
    assert "T12" in picker.accessibleDescription() and "L1" in picker.accessibleDescription()
    QTest.mouseClick(picker, Qt.LeftButton, Qt.NoModifier, picker.level_rect("L1").center().toPoint())
    assert picker.levels() == ["T12"]


def test_keyboard_moves_the_focus_ring_and_space_toggles(qtbot):
    picker = make(qtbot, Qt.RightToLeft)
    picker.setFocus()
    QTest.keyClick(picker, Qt.Key_Home)
    assert picker.current_level() == "T1"
    QTest.keyClick(picker, Qt.Key_Down)
    QTest.keyClick(picker, Qt.Key_Down)
    QTest.keyClick(picker, Qt.Key_Space)
    assert picker.levels() == ["T3"]
    QTest.keyClick(picker, Qt.Key_End)
    QTest.keyClick(picker, Qt.Key_Return)
    QTest.keyClick(picker, Qt.Key_Up)
    QTest.keyClick(picker, Qt.Key_Space)
    assert picker.levels() == ["T3", "L4", "L5"]
    QTest.keyClick(picker, Qt.Key_Space)
    assert picker.levels() == ["T3", "L5"]
    assert picker.accessibleName()
    assert "L4" in picker.accessibleDescription()  # the focused vertebra is announced too


def test_set_levels_ignores_levels_outside_the_picture_and_paints(qtbot):
    picker = make(qtbot)
    picker.setLevels(["C5", "L2"])
    assert picker.levels() == ["L2"]
    image = picker.grab().toImage()
    assert not image.isNull()


def test_every_vertebra_is_a_fingers_target(qtbot):
    picker = make(qtbot)
    rows = [picker.level_rect(level) for level in picker._levels]
    pitch = (rows[-1].center().y() - rows[0].center().y()) / (len(rows) - 1)
    assert pitch >= 44  # was about 17 px
    for level, rect in zip(picker._levels, rows):  # the whole row answers, across the picture
        for dy in (-pitch / 2 + 2, pitch / 2 - 2):
            for x in (2, picker.width() - 2):
                assert picker.level_at(rect.center().__class__(x, rect.center().y() + dy)) == level
