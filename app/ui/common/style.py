"""The desk's look: the bundled Arabic font, the stylesheet and the layout direction.

Everything here is cheap (no services, no database) so that it can run before the first window.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from app.paths import resource_path

log = logging.getLogger(__name__)

FONT_FILES = ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf")
BASE_POINT_SIZE = 12  # generous: the desk is read at arm's length, often standing
_loaded_family: str | None = None


def load_fonts() -> str | None:
    """Register the bundled Noto Sans Arabic; returns its family name (None if it could not load)."""
    global _loaded_family
    if _loaded_family:
        return _loaded_family
    family = None
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        if font_id < 0:
            log.warning("could not load the font %s", name)
            continue
        families = QFontDatabase.applicationFontFamilies(font_id)
        family = family or (families[0] if families else None)
    _loaded_family = family
    return family


def app_font(family: str | None) -> QFont:
    font = QFont(family) if family else QFont()
    if family:
        # Latin letters and digits fall back to the system sans-serif (Noto Sans Arabic has none).
        font.setFamilies([family, "Noto Sans", "DejaVu Sans", "Sans Serif"])
    font.setPointSize(BASE_POINT_SIZE)
    font.setStyleHint(QFont.SansSerif)
    return font


def palette() -> QPalette:
    """Calm colours; Highlight is the focus colour Fusion uses for combo and spin boxes."""
    pal = QPalette()
    for role, colour in ((QPalette.Window, "#f4f6f8"), (QPalette.WindowText, "#1f2933"), (QPalette.Base, "#ffffff"),
                         (QPalette.AlternateBase, "#f3f6f9"), (QPalette.Text, "#1f2933"), (QPalette.Button, "#ffffff"),
                         (QPalette.ButtonText, "#1f2933"), (QPalette.Highlight, "#1565c0"),
                         (QPalette.HighlightedText, "#ffffff"), (QPalette.PlaceholderText, "#6b7785")):
        pal.setColor(role, QColor(colour))
    pal.setColor(QPalette.Disabled, QPalette.Text, QColor("#7b8794"))
    pal.setColor(QPalette.Disabled, QPalette.ButtonText, QColor("#7b8794"))
    return pal


def stylesheet() -> str:
    try:
        return resource_path("styles", "desk.qss").read_text(encoding="utf-8")
    except OSError:
        log.warning("the stylesheet is missing; using the plain style")
        return ""


def direction_for(language: str) -> Qt.LayoutDirection:
    return Qt.RightToLeft if language == "ar" else Qt.LeftToRight


def apply_look(app: QApplication, language: str) -> None:
    """Fusion style (same look on every desk), the font, the stylesheet and the direction."""
    app.setStyle("Fusion")
    app.setPalette(palette())
    app.setFont(app_font(load_fonts()))
    app.setStyleSheet(stylesheet())
    app.setLayoutDirection(direction_for(language))
