"""The patient screen speaks the patient's language (the form's), whatever language the desk uses.

The desk's translators are installed in the application and follow the staff's setting; the patient
screen keeps its own, loaded for the form's language and never installed. Every widget of the patient
screen takes ``SpeaksPatientLanguage`` before QWidget: its ``tr()`` (lupdate finds it as usual) asks
the nearest ``PatientScreen`` above it, so "I understood" stays Arabic beside an Arabic form when the
desk is in English. Outside a patient screen (the signature pad on the desk) it is the desk's ``tr()``.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QObject, Qt, QTranslator

from ..common.i18n import qm_files

log = logging.getLogger(__name__)


class PatientLanguage(QObject):
    """Translations for one language, kept apart from the application's."""

    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self._translators: list[QTranslator] = []
        if language != "en":  # English is the source language
            qt = Path(QLibraryInfo.path(QLibraryInfo.TranslationsPath)) / f"qtbase_{language}.qm"
            for path in (qt, *qm_files(language)):
                translator = QTranslator(self)
                if path.exists() and translator.load(str(path)):
                    self._translators.append(translator)
                else:
                    log.warning("patient-screen translation %s could not be loaded", path.name)

    @property
    def direction(self) -> Qt.LayoutDirection:
        return Qt.RightToLeft if self.language in ("ar", "fa", "ur", "he") else Qt.LeftToRight

    def translate(self, context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        for translator in reversed(self._translators):
            found = translator.translate(context, text, disambiguation, n)
            if found:
                text = found
                break
        return text.replace("%n", str(n)) if n >= 0 else text


def patient_language_of(obj: QObject | None) -> PatientLanguage | None:
    while obj is not None:
        language = getattr(obj, "patient_language", None)
        if isinstance(language, PatientLanguage):
            return language
        obj = obj.parent()
    return None


def patient_translate(obj: QObject | None, context: str, text: str, disambiguation: str | None = None,
                      n: int = -1) -> str:
    """``QCoreApplication.translate`` in the patient's language when ``obj`` is on a patient screen."""
    language = patient_language_of(obj)
    if language is None:
        return QCoreApplication.translate(context, text, disambiguation, n)
    return language.translate(context, text, disambiguation, n)


class SpeaksPatientLanguage:
    """Mixin (before the Qt class): ``tr()`` in the patient's language on a patient screen."""

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:  # noqa: D401
        return patient_translate(self, type(self).__name__, text, disambiguation, n)
