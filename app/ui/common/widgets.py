"""Small widgets shared by every screen (first made for the consent-flow pages): banners with icon
and text, labelled rows, headings. Spacing constants live here (as git-cola's widgets/defs.py)."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QWidget,
)


SPACING = 10
MARGIN = 16
BIG_FONT_POINTS = 11

# kind -> (standard icon, background, border); colour is never the only signal: icon and words too.
_KINDS = {
    "info": (QStyle.SP_MessageBoxInformation, "#eef4fb", "#5b8ccf"),
    "ok": (QStyle.SP_DialogApplyButton, "#eef8f0", "#3c8d52"),
    "warning": (QStyle.SP_MessageBoxWarning, "#fff6e0", "#c98a00"),
    "error": (QStyle.SP_MessageBoxCritical, "#fdecec", "#c0392b"),
}


# The messages this flow added to app/ui/common/messages.py, listed here so that consent_flow_ar.ts carries
# their Arabic until the shell's translation file does (a duplicate entry there is harmless).
FLOW_MESSAGES = (
    QT_TRANSLATE_NOOP("Messages", "Please choose the indication."),
    QT_TRANSLATE_NOOP("Messages", "Please choose the procedure."),
    QT_TRANSLATE_NOOP("Messages", "Signatures have been collected; the decision can no longer be changed."),
    QT_TRANSLATE_NOOP("Messages", "Only the patient or the representative may sign with a mark."),
    QT_TRANSLATE_NOOP("Messages", "Too many questions are recorded for one consent."),
    QT_TRANSLATE_NOOP("Messages", "Please choose a file name, not a folder."),
    QT_TRANSLATE_NOOP("Messages", "The file could not be written there. Please choose another place."),
    QT_TRANSLATE_NOOP("Messages", "This record could not be found."),
    QT_TRANSLATE_NOOP("Messages", "This consent in progress could not be found."),
    QT_TRANSLATE_NOOP("Messages", "No signed consent was found for this verification."),
    QT_TRANSLATE_NOOP("Messages", "Complication figure"),
    QT_TRANSLATE_NOOP("Messages", "Answer"),
    QT_TRANSLATE_NOOP("Messages", "Teach-back answer"),
    QT_TRANSLATE_NOOP("Messages", "Name of the signer"),
    QT_TRANSLATE_NOOP("Messages", "Relationship to the patient"),
    QT_TRANSLATE_NOOP("Messages", "Why the patient cannot decide"),
    QT_TRANSLATE_NOOP("Messages", "Language interpreted"),
    QT_TRANSLATE_NOOP("Messages", "Reason"),
)


def kind_word(kind: str) -> str:
    """The word that says what a banner is, so that colour is never the only signal."""
    return {"info": QCoreApplication.translate("FlowWidgets", "Note"),
            "ok": QCoreApplication.translate("FlowWidgets", "Done"),
            "warning": QCoreApplication.translate("FlowWidgets", "Warning"),
            "error": QCoreApplication.translate("FlowWidgets", "Problem")}[kind]


class Banner(QFrame):
    """A message with an icon and a leading word; hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flowBanner")
        self.icon = QLabel(self)
        self.icon.setFixedSize(28, 28)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.PlainText)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.text.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        row = QHBoxLayout(self)
        row.setContentsMargins(SPACING, SPACING // 2, SPACING, SPACING // 2)
        row.addWidget(self.icon, 0, Qt.AlignTop)
        row.addWidget(self.text, 1)
        self.kind = ""
        self.hide()

    def show_message(self, kind: str, message: str, word: str = "") -> None:
        icon, background, border = _KINDS[kind]
        self.kind = kind
        self.icon.setPixmap(self.style().standardIcon(icon).pixmap(24, 24))
        self.icon.setAccessibleName(kind_word(kind))
        self.text.setText(f"{word or kind_word(kind)}: {message}")
        self.setAccessibleName(self.text.text())
        self.text.setAccessibleName(self.text.text())
        self.setStyleSheet(f"QFrame#flowBanner {{ background: {background}; border: 2px solid {border};"
                           f" border-radius: 4px; }}"
                           f" QFrame#flowBanner QLabel {{ color: #1d1d1d; background: transparent; border: none; }}")
        self.show()

    def clear(self) -> None:
        self.kind = ""
        self.text.clear()
        self.hide()

    def message(self) -> str:
        return self.text.text() if self.isVisible() or self.kind else ""


def warning_text(warning: dict) -> str:
    """A consent warning (from the core, as a code with parameters) in the interface language."""
    code = warning.get("code", "")
    if code == "fracture_older_than_8_weeks":
        return QCoreApplication.translate(
            "FlowWidgets", "The fracture will be %1 weeks old on the planned date (more than eight weeks)."
        ).replace("%1", str(warning.get("weeks", "?")))
    if code == "fracture_justification_missing":
        return QCoreApplication.translate(
            "FlowWidgets", "No failed conservative treatment and no immediate criterion is recorded.")
    return QCoreApplication.translate("FlowWidgets", "Warning: %1").replace("%1", code)


def heading(text: str, parent: QWidget | None = None, size: float = 1.35) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(max(font.pointSizeF(), 9.0) * size)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def note(text: str, parent: QWidget | None = None) -> QLabel:
    """A small secondary line (hints, staff notes)."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet("color: #4a4a4a;")
    label.setAccessibleName(text)
    return label


def add_row(form: QFormLayout, text: str, widget: QWidget, name: str | None = None) -> QLabel:
    """A labelled form row: the label is the widget's buddy and its accessible name."""
    label = QLabel(text)
    label.setBuddy(widget)
    label.setWordWrap(True)
    widget.setAccessibleName(name or text.replace("&", ""))
    form.addRow(label, widget)
    return label


def name(widget: QWidget, text: str) -> QWidget:
    widget.setAccessibleName(text)
    return widget


def form_content(widget: QWidget) -> QWidget:
    """Mark a control named by the form's own text (Arabic patient content in any interface language)."""
    widget.setProperty("a11y_any_language", True)
    if widget.focusProxy() is not None:  # a composite control (a date field): its editor says the same
        widget.focusProxy().setProperty("a11y_any_language", True)
    return widget


def hline(parent: QWidget | None = None) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.HLine)
    line.setFrameShadow(QFrame.Sunken)
    return line
