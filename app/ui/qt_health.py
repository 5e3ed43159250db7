"""Refuse to start on Qt bindings that would crash the desk later, with a message that says why.

PySide6 6.12.0 on Python 3.11 takes one reference from ``None`` on every call of a method that
returns nothing (``QPainter.setPen``, ``drawPath``, ``QWidget.update``...) and never gives it back.
On Python 3.11 ``None`` is an ordinary object, so after some thousands of such calls the interpreter
aborts ("deallocating None"): the first long signature on the pad was enough. From Python 3.12
``None`` is immortal and the same calls do no harm.

``pyproject.toml`` and the lock files exclude that combination; this check catches it (and any later
release with the same fault) in an environment installed some other way, by measuring instead of
trusting a list of versions: a few hundred calls of a void method must leave ``None``'s reference
count where it was.
"""
from __future__ import annotations

import sys
from collections.abc import Callable

PROBE_CALLS = 400


def _void_call() -> Callable[[], None]:
    from PySide6.QtGui import QPen  # a value type: no QApplication needed

    pen = QPen()
    return lambda: pen.setWidthF(1.5)


def none_references_lost(call: Callable[[], object] | None = None, times: int = PROBE_CALLS) -> int:
    """How many references to ``None`` ``times`` calls took and did not give back (0 when sound)."""
    call = call or _void_call()
    call()  # anything created once on the first call is not a loss
    before = sys.getrefcount(None)
    for _ in range(times):
        call()
    return max(0, before - sys.getrefcount(None))


def binding_problem(call: Callable[[], object] | None = None) -> tuple[str, str] | None:
    """(PySide6 version, Python version) when these bindings are unsafe, else None."""
    if none_references_lost(call) < PROBE_CALLS // 2:
        return None
    import PySide6

    return PySide6.__version__, ".".join(map(str, sys.version_info[:3]))
