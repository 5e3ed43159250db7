"""A finished answer stays readable: a disabled radio button or check box keeps its mark (a completed
checklist showed every "Yes" as unanswered, and "who signs for the patient" looked blank after she
signed); and every box is a finger's target (44 px)."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QRadioButton, QStyle, QStyleOptionButton, QVBoxLayout, QWidget

from app.ui.common.wrapping import WrappingCheckBox, WrappingRadioButton


def centre_of_indicator(button) -> int:
    """The lightness (0 dark .. 255 light) at the middle of the button's box or circle, as drawn."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    element = QStyle.SE_RadioButtonIndicator if isinstance(button, QRadioButton) else QStyle.SE_CheckBoxIndicator
    rect = button.style().subElementRect(element, option, button)
    return button.grab().toImage().pixelColor(rect.center()).lightness()


@pytest.mark.parametrize("kind", [QRadioButton, QCheckBox, WrappingRadioButton, WrappingCheckBox])
def test_a_disabled_answer_keeps_its_mark(qtbot, look, kind):
    holder = QWidget()
    qtbot.addWidget(holder)
    box = QVBoxLayout(holder)
    chosen, other = kind("Yes", holder), kind("No", holder)
    if kind in (QCheckBox, WrappingCheckBox):
        chosen.setChecked(True)
    else:
        chosen.setChecked(True)
        other.setChecked(False)
    box.addWidget(chosen)
    box.addWidget(other)
    holder.show()
    qtbot.waitExposed(holder)
    for b in (chosen, other):
        b.setEnabled(False)  # the step is finished
    assert centre_of_indicator(chosen) < 120, "a checked answer must stay visibly marked when finished"
    assert centre_of_indicator(other) > 200
    assert chosen.height() >= 44 and other.height() >= 44
