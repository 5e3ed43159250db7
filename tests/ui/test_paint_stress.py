"""Long signatures and every self-painted widget, through the event loop, on the installed Qt bindings.

PySide6 6.12.0 on Python 3.11 lost a reference to ``None`` on every drawing call, and the desk died
during the patient's first signature; no test painted a long stroke through the event loop. This one
signs ten 300-point signatures (mouse, then pen) on the real pad, clicks the spine picture, draws
the Today icons and prints a PDF, in a separate process (a fault like that aborts the interpreter),
and checks that the process survives and ``None`` never loses a reference. (Some releases *gain* a
few references per painter; that only grows a counter and harms nothing.)
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ten_long_signatures_and_every_painted_widget_leave_none_alone(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "tests.ui.paint_stress_worker", "10", "300"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"the painting process died ({done.returncode}):\n{done.stderr[-2000:]}"
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(report) == {"signature_pad", "spine_picker", "readiness_icons", "record_printing"}
    assert report["signature_pad"]["count"] == 3000
    for part, figures in report.items():
        assert figures["lost"] <= 20, f"{part} lost {figures['lost']} references to None in {figures['count']} steps"
