"""Interface translations: every ``resources/i18n/*_<lang>.ts`` compiled to ``.qm`` and installed.

The program's strings are English in the source (``tr()``); Arabic is the default interface.
``.qm`` files are built, never committed: a packaged program ships them next to the ``.ts``
(``packaging/build_translations.py``); otherwise a missing or stale one is compiled at start-up with
``pyside6-lrelease`` into the user cache folder. Qt's own strings (OK, Cancel...) come from Qt's
``qtbase_<lang>.qm``.
"""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from app.paths import APP_NAME, resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("ar", "en")
DEFAULT_LANGUAGE = "ar"


def ts_sources(language: str, folder: Path | None = None) -> list[Path]:
    folder = folder or resource_path("i18n")
    return sorted(folder.glob(f"*_{language}.ts"))


def cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False)) / "i18n"


def _fresh(qm: Path, ts: Path) -> bool:
    try:
        return qm.stat().st_mtime >= ts.stat().st_mtime
    except OSError:
        return False


def lrelease_command() -> list[str] | None:
    """How to run lrelease here: the pyside6-lrelease script, or PySide6's bundled binary."""
    script = shutil.which("pyside6-lrelease")
    if script:
        return [script]
    try:
        import PySide6

        base = Path(PySide6.__file__).parent
        for candidate in (base / "lrelease", base / "lrelease.exe", base / "Qt" / "libexec" / "lrelease"):
            if candidate.exists():
                return [str(candidate)]
    except ImportError:  # pragma: no cover
        pass
    return None


def compile_ts(ts: Path, qm: Path) -> bool:
    cmd = lrelease_command()
    if cmd is None:
        log.warning("lrelease not found; the interface stays in English")
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    tmp = qm.with_name(qm.name + ".part")
    try:
        subprocess.run([*cmd, "-silent", str(ts), "-qm", str(tmp)], check=True, capture_output=True, timeout=60)
        os.replace(tmp, qm)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not compile %s: %s", ts.name, type(exc).__name__)
        tmp.unlink(missing_ok=True)
        return False
    return True


def qm_files(language: str, folder: Path | None = None, cache: Path | None = None) -> list[Path]:
    """The up-to-date ``.qm`` of every ``*_<language>.ts``: shipped beside it, or built into the cache."""
    found: list[Path] = []
    for ts in ts_sources(language, folder):
        shipped = ts.with_suffix(".qm")
        if _fresh(shipped, ts) or (shipped.exists() and getattr(sys, "frozen", False)):
            found.append(shipped)
            continue
        cached = (cache or cache_dir()) / shipped.name
        if _fresh(cached, ts) or compile_ts(ts, cached):
            found.append(cached)
    return found


class Translations:
    """The translators installed in the application; ``switch()`` changes the language live.

    Installing a translator sends every widget a LanguageChange event; the shell's screens answer it
    by setting their texts again (``retranslate()``).
    """

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.language = ""
        self._installed: list[QTranslator] = []

    def switch(self, language: str) -> str:
        if language not in LANGUAGES:
            language = DEFAULT_LANGUAGE
        if language == self.language:
            return language
        for tr in self._installed:
            self.app.removeTranslator(tr)
        self._installed = []
        self.language = language
        # The default QLocale is left alone on purpose: numbers stay in ASCII digits, as the records do.
        if language != "en":  # English is the source language: only its plural forms (plurals_en.ts)
            qt_dir = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
            self._load(Path(qt_dir) / f"qtbase_{language}.qm")
        for qm in qm_files(language):
            self._load(qm)
        return language

    def release(self) -> None:
        """Remove every translator this object installed (the source's English remains)."""
        for tr in self._installed:
            self.app.removeTranslator(tr)
        self._installed = []
        self.language = ""

    def _load(self, path: Path) -> None:
        tr = QTranslator(self.app)
        if path.exists() and tr.load(str(path)):
            self.app.installTranslator(tr)
            self._installed.append(tr)
        else:
            log.warning("translation %s could not be loaded", path.name)


def interface_language() -> str:
    """The interface language in force ("ar" or "en"): staff texts of the forms are shown in it
    (``app.domain.form.text_for``); the patient's text stays in the form's language."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    return "ar" if QGuiApplication.layoutDirection() == Qt.RightToLeft else "en"
