"""The built bundle (``python packaging/build.py``) for the tests that run it: where it is, and whether
it stands for this checkout. Shared by the bundle's start-up benchmarks and its PostgreSQL test."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = Path(os.environ.get("CONSENT_DESK_BUNDLE", ROOT / "dist" / "consent-desk"))
PROGRAM = BUNDLE / ("consent-desk.exe" if os.name == "nt" else "consent-desk")
# Set by .ci/run after .ci/bundle has built it: there a missing or stale bundle fails instead of skipping.
REQUIRED = os.environ.get("CONSENT_DESK_BUNDLE_REQUIRED", "") == "1"


def stale_bundle() -> str | None:
    """Why the bundle cannot stand for this checkout (none, or built from another commit), else None.

    An older bundle may not know the newest migration and would stop at "database too new".
    """
    from app.build_info import git_commit

    if not PROGRAM.is_file():
        return f"no bundle at {BUNDLE} (python packaging/build.py)"
    done = subprocess.run([str(PROGRAM), "--version"], capture_output=True, text=True, timeout=120)
    built = next((line.split()[1] for line in done.stdout.splitlines() if line.startswith("commit ")), "")
    here = git_commit(ROOT).removesuffix("-dirty")
    if not built or built.removesuffix("-dirty") != here:
        return f"the bundle was built from commit {built or '?'}, the checkout is at {here}: python packaging/build.py"
    return None


def skip_unless_current() -> None:
    """Skip (fail where the bundle is required) when the bundle is missing or stale."""
    reason = stale_bundle()
    if reason and REQUIRED:
        pytest.fail(reason, pytrace=False)
    if reason:
        pytest.skip(reason)
