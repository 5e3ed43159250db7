"""Amiri for every PDF the desk draws: registered with ReportLab once per process.

Every style, table and canvas call in ``app.documents`` names one of these constants; nothing falls
back to ReportLab's built-in Helvetica (checked by the tests with ``pdffonts``/pdfplumber).
"""
from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.paths import resource_path

REGULAR = "Amiri"
BOLD = "Amiri-Bold"
FAMILY = "Amiri"

_FILES = {REGULAR: "Amiri-Regular.ttf", BOLD: "Amiri-Bold.ttf"}
_lock = threading.Lock()
_registered = False


def register_fonts() -> tuple[str, str]:
    """Register Amiri regular and bold (idempotent; a dictionary lookup after the first call).

    Returns ``(REGULAR, BOLD)`` so callers can write ``regular, bold = register_fonts()``.
    """
    global _registered
    if _registered:
        return REGULAR, BOLD
    with _lock:
        if not _registered:
            registered = set(pdfmetrics.getRegisteredFontNames())
            for name, filename in _FILES.items():
                if name not in registered:
                    pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
            # <b> inside any ReportLab markup maps to Amiri-Bold, never to Helvetica-Bold.
            addMapping(FAMILY, 0, 0, REGULAR)
            addMapping(FAMILY, 1, 0, BOLD)
            addMapping(FAMILY, 0, 1, REGULAR)
            addMapping(FAMILY, 1, 1, BOLD)
            _registered = True
    return REGULAR, BOLD


def bold_of(font_name: str) -> str:
    """The bold face of one of our fonts (the name itself when it is already bold)."""
    return BOLD if font_name in (REGULAR, BOLD) else font_name
