"""About: which program this is (version, the commit it was built from, the consent forms it ships,
the Qt and Python under it), for the nurse who calls IT and for IT. Opened from the header or F1.

The same facts as ``consent-desk --version`` (``app.build_info``); the text can be selected and copied.
"""
from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEvent, Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.build_info import BuildInfo, build_info

from ..common.words import isolate, procedure_word


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, info: BuildInfo | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.info = info or build_info()
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.version, self.commit, self.forms, self.libraries = (QLabel() for _ in range(4))
        for label in (self.version, self.commit, self.forms, self.libraries):
            label.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.form = QFormLayout()
        self.rows = [QLabel() for _ in range(4)]
        for caption, value in zip(self.rows, (self.version, self.commit, self.forms, self.libraries)):
            caption.setBuddy(value)
            self.form.addRow(caption, value)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addLayout(self.form)
        box.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        title = self.tr("About the consent desk")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.title.setText(self.tr("Vertebroplasty and kyphoplasty consent desk"))
        for caption, text in zip(self.rows, (self.tr("Version"), self.tr("Source revision"), self.tr("Consent forms"),
                                             self.tr("Libraries"))):
            caption.setText(text)
        self.version.setText(isolate(self.info.version))
        self.commit.setText(isolate(self.info.commit))
        self.forms.setText("\n".join(self.form_line(f) for f in self.info.forms) or self.tr("None found"))
        self.libraries.setText(
            isolate(f"Qt {qVersion()} · PySide6 {pyside_version} · Python {platform.python_version()}"))
        close = self.buttons.button(QDialogButtonBox.Close)
        close.setAccessibleName(close.text())

    def form_line(self, form) -> str:
        language = {"ar": self.tr("Arabic"), "en": self.tr("English")}.get(form.language, form.language)
        return (self.tr("%1 (%2): version %3, %4").replace("%1", procedure_word(form.procedure))
                .replace("%2", language).replace("%3", isolate(form.version))
                .replace("%4", isolate(form.content_sha256[:16])))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
