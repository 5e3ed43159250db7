"""Start-up: time to the first window, a bare PySide6 QMainWindow against ``python main.py``.

Both run as subprocesses with QT_QPA_PLATFORM=offscreen and quit as soon as their first window is
shown (``CONSENT_DESK_EXIT_AFTER_SHOW=1`` for the desk). The goal is the desk ≤ 2× bare. A third
figure, ``=ready``, runs until the data folder is open and the sign-in screen is up (services imported,
database migrated, forms loaded). A bench, not a timed assertion:

    python -m pytest tests/bench/bench_startup.py --benchmark-enable -p no:cacheprovider
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BARE = (
    "import sys\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv[:1])\n"
    "w = QMainWindow()\n"
    "w.resize(1280, 820)\n"
    "w.show()\n"
    "QTimer.singleShot(0, app.quit)\n"
    "sys.exit(app.exec())\n"
)


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    data = tmp_path_factory.mktemp("data")
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(cache),
                   "CONSENT_DESK_DATA": str(data)}
    # warm up: compile the translations into the cache and migrate the database once
    subprocess.run([sys.executable, "main.py"], cwd=ROOT, check=True, capture_output=True,
                   env={**environment, "CONSENT_DESK_EXIT_AFTER_SHOW": "ready"})
    return environment


def _run(args: list[str], env: dict) -> None:
    subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True)


def test_bare_pyside6_first_window(benchmark, env):
    benchmark.pedantic(_run, args=([sys.executable, "-c", BARE], env), rounds=7, warmup_rounds=1)


def test_desk_first_window(benchmark, env):
    benchmark.pedantic(_run, args=([sys.executable, "main.py"], {**env, "CONSENT_DESK_EXIT_AFTER_SHOW": "1"}),
                       rounds=7, warmup_rounds=1)


def test_desk_ready_to_sign_in(benchmark, env):
    benchmark.pedantic(_run, args=([sys.executable, "main.py"], {**env, "CONSENT_DESK_EXIT_AFTER_SHOW": "ready"}),
                       rounds=5, warmup_rounds=1)
