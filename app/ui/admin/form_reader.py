"""Reading a form version whole before approving it: every section, the certification sentence, the
signature meanings, each indication's benefits and risks, the checklist and the thresholds, in the
form's own language and direction (the differences alone do not show what is being approved)."""
from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..common.screen_fit import fit_to_screen


def form_html(language: str, groups: list[tuple[str, list[tuple[str, str]]]]) -> str:
    direction = "rtl" if language == "ar" else "ltr"
    parts = [f"<div dir='{direction}'>"]
    for group, items in groups:
        parts.append(f"<h3 dir='ltr'>{html.escape(group)}</h3>")
        for label, text in items:
            parts.append(f"<p><span dir='ltr' style='color:#52606d'>{html.escape(label)}</span><br/>"
                         f"{html.escape(text)}</p>")
    parts.append("</div>")
    return "".join(parts)


class FormReader(QDialog):
    def __init__(self, title: str, language: str, groups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formReader")
        self.setWindowTitle(title)
        self.text = QTextBrowser(self)
        self.text.setObjectName("formText")
        self.text.setAccessibleName(self.tr("The whole text of the version"))
        self.text.setHtml(form_html(language, groups))
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        close = buttons.button(QDialogButtonBox.Close)
        close.setText(self.tr("Close"))
        close.setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.text, 1)
        box.addWidget(buttons)
        self.setAttribute(Qt.WA_DeleteOnClose, True)
        fit_to_screen(self, QSize(900, 800))
