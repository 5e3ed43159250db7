"""The start-up check of the Qt bindings: sound bindings pass, a fault like 6.12.0's is caught and the
desk refuses to start with a message, before any window or data folder."""
from __future__ import annotations

import ctypes
import sys

import pytest

from app.ui.qt_health import PROBE_CALLS, binding_problem, none_references_lost
from tests.ui.test_launch import PATCHED, run


def test_the_installed_bindings_keep_none_alive():
    assert none_references_lost() == 0
    assert binding_problem() is None


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12: nothing can be lost")
def test_a_call_that_loses_a_reference_to_none_is_caught():
    taken = 0

    def leaky():
        nonlocal taken
        ctypes.pythonapi.Py_DecRef(ctypes.py_object(None))
        taken += 1

    try:
        assert none_references_lost(leaky) == PROBE_CALLS
        assert binding_problem(leaky) is not None
    finally:
        for _ in range(taken):  # give back what the fake fault took
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    assert none_references_lost(lambda: None) == 0


def test_unsafe_bindings_refuse_to_start_with_a_message(tmp_path):
    data = tmp_path / "data"
    code = PATCHED + (
        "launch.binding_problem = lambda: ('6.12.0', '3.11.7')\n"
        f"print('RC', launch.run_desktop({str(data)!r}))\n"
    )
    done = run(code, tmp_path)
    assert "RC 1" in done.stdout, done.stdout + done.stderr
    assert "BOX 1 " in done.stdout and "6.12.0" in done.stdout and "3.11.7" in done.stdout
    assert "packaging/lock/app.txt" in done.stdout  # says what to do, in Arabic, naming the lock file
    assert "تثبيت" in done.stdout
    assert "PySide6 6.12.0 on Python 3.11.7" in done.stderr and "Traceback" not in done.stderr
    assert not data.exists()  # no window, no data folder: nothing was started
