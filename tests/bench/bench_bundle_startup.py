"""Start-up of the installed program: the PyInstaller bundle (``python packaging/build.py``), not the
checkout. Time to the first window (``CONSENT_DESK_EXIT_AFTER_SHOW=1``) and to the sign-in screen of
a data folder that is set up (``=ready``: services imported, database opened, forms loaded), each
in a new process under QT_QPA_PLATFORM=offscreen.

*Cold* is the first start after the machine booted or the program was installed: nothing of it in the
operating system's file cache. As root on Linux the cold benches drop the page cache before every
round (``/proc/sys/vm/drop_caches``); elsewhere they are skipped. *Warm* is every later start.

    python -m pytest tests/bench/bench_bundle_startup.py --benchmark-enable -p no:cacheprovider

Skipped when there is no bundle (``dist/consent-desk``, or ``CONSENT_DESK_BUNDLE``).
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.bundle import BUNDLE, PROGRAM, stale_bundle

DROP_CACHES = Path("/proc/sys/vm/drop_caches")

pytestmark = pytest.mark.skipif(not PROGRAM.is_file(), reason=f"no bundle at {BUNDLE} (python packaging/build.py)")


def can_drop_caches() -> bool:
    return DROP_CACHES.exists() and os.access(DROP_CACHES, os.W_OK)


def drop_caches() -> None:
    os.sync()
    DROP_CACHES.write_text("3\n")


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """A data folder that is set up (so ``ready`` is the sign-in screen) and an empty environment."""
    stale = stale_bundle()
    if stale:
        pytest.skip(stale)
    from app.services.context import open_context
    from app.services.first_run import SetupService

    data = tmp_path_factory.mktemp("data")
    ctx = open_context(data)
    try:
        SetupService(ctx).complete(institution_ar="مستشفى الشفاء", institution_en="Al Shifa Hospital",
                                   admin_username="admin.one", admin_name_ar="مدير النظام",
                                   admin_password="Kb7-desk-admin")
    finally:
        ctx.close()
    home = tmp_path_factory.mktemp("home")
    environment = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
                   "XDG_RUNTIME_DIR": str(home), "CONSENT_DESK_DATA": str(data)}
    if os.name == "nt":
        environment.update({k: v for k, v in os.environ.items() if k.upper() in ("SYSTEMROOT", "WINDIR", "PATH")})
    done = subprocess.run([str(PROGRAM)], env={**environment, "CONSENT_DESK_EXIT_AFTER_SHOW": "ready"},
                          capture_output=True, text=True, timeout=120)
    assert "ready LoginPage" in done.stdout, done.stdout + done.stderr
    return environment


def start(env: dict, mode: str) -> None:
    subprocess.run([str(PROGRAM)], env={**env, "CONSENT_DESK_EXIT_AFTER_SHOW": mode}, check=True,
                   capture_output=True, timeout=120)


@pytest.mark.parametrize("mode", ["1", "ready"], ids=["first_window", "sign_in_ready"])
def test_bundle_warm(benchmark, env, mode):
    benchmark.pedantic(start, args=(env, mode), rounds=5, warmup_rounds=1)


@pytest.mark.skipif(not can_drop_caches(), reason="dropping the page cache needs root on Linux")
@pytest.mark.parametrize("mode", ["1", "ready"], ids=["first_window", "sign_in_ready"])
def test_bundle_cold(benchmark, env, mode):
    # The normal suite (benchmarks disabled) only checks that it runs: it leaves the machine's cache alone.
    benchmark.pedantic(start, args=(env, mode), setup=None if benchmark.disabled else drop_caches, rounds=3)
