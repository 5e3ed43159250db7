"""Read-aloud of the patient's text with QtTextToSpeech, when an Arabic voice is on the machine.

``ReadAloud.available`` is False when the module cannot load (no speech library), when no engine is
installed, or when no engine has a voice for the language: the patient screen then hides its
control. An engine object can be passed in (tests use a small fake). Engines that start
asynchronously report later through ``availability_changed``.
"""
from __future__ import annotations

import logging
import os

from PySide6.QtCore import QLocale, QObject, Signal

log = logging.getLogger(__name__)
DISABLE_ENV = "CONSENT_DESK_NO_SPEECH"


def _language(code: str) -> QLocale.Language:
    return {"ar": QLocale.Language.Arabic, "en": QLocale.Language.English}.get(code, QLocale.Language.Arabic)


class ReadAloud(QObject):
    availability_changed = Signal(bool)
    speaking_changed = Signal(bool)

    def __init__(self, language: str = "ar", parent: QObject | None = None, engine=None) -> None:
        super().__init__(parent)
        self.language = _language(language)
        self.engine = engine
        self.available = False
        self.speaking = False
        if engine is not None:
            self.available = True
        elif not os.environ.get(DISABLE_ENV):
            self._find_engine()

    def _find_engine(self) -> None:
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except (ImportError, OSError) as exc:  # e.g. the speech library of the system is missing
            log.info("text to speech is not available: %s", type(exc).__name__)
            return
        for name in QTextToSpeech.availableEngines():
            try:
                tts = QTextToSpeech(name, self)
            except Exception:  # noqa: BLE001 - a broken engine plug-in: try the next
                continue
            if tts.state() == QTextToSpeech.State.Error:
                tts.deleteLater()
                continue
            self.engine = tts
            tts.stateChanged.connect(self._state_changed)
            if tts.state() == QTextToSpeech.State.Ready:
                self._choose_voice()
            if self.available:
                return
        log.info("no %s voice for text to speech", QLocale.languageToString(self.language))

    def _choose_voice(self) -> None:
        tts = self.engine
        voices = [v for v in tts.availableVoices() if v.locale().language() == self.language]
        locales = [loc for loc in tts.availableLocales() if loc.language() == self.language]
        if not voices and not locales:
            self.available = False
            return
        if locales:
            tts.setLocale(locales[0])
        if voices:
            tts.setVoice(voices[0])
        was, self.available = self.available, True
        if not was:
            self.availability_changed.emit(True)

    def _state_changed(self, state) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if state == QTextToSpeech.State.Ready and not self.available:
            self._choose_voice()
        speaking = state == QTextToSpeech.State.Speaking
        if speaking != self.speaking:
            self.speaking = speaking
            self.speaking_changed.emit(speaking)

    def speak(self, text: str) -> None:
        if self.available and self.engine is not None and text.strip():
            self.engine.say(text)
            if not hasattr(self.engine, "stateChanged"):
                self.speaking = True
                self.speaking_changed.emit(True)

    def stop(self) -> None:
        if self.engine is not None:
            self.engine.stop()
        if self.speaking:
            self.speaking = False
            self.speaking_changed.emit(False)
