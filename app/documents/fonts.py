"""Amiri for every PDF the desk draws: registered with ReportLab once per process.

The registered fonts are :class:`cid_font.ShapedTTFont`: shaped with HarfBuzz, embedded with a
ToUnicode map that gives back real Arabic letters.

Every style, table and canvas call in ``app.documents`` names one of these constants; nothing falls
back to ReportLab's built-in Helvetica (checked by the tests with ``pdffonts``/pdfplumber).
"""
from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics

from .cid_font import ShapedTTFont

REGULAR = "Amiri"
BOLD = "Amiri-Bold"
FAMILY = "Amiri"

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
            for name in (REGULAR, BOLD):
                if name not in registered:
                    pdfmetrics.registerFont(ShapedTTFont(name))
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
