"""Refresh the lock files: the exact versions, with hashes, that CI, installers and hospitals install.

    python packaging/lock/refresh.py

Three files, each universal (one file for every Python from 3.11 and every platform; environment
markers choose per machine):
- ``app.txt``: what the program needs to run (installers, ``pip install`` on a desk);
- ``dev.txt``: the same plus the test tools (CI, developers);
- ``build.txt``: the same as ``app.txt`` plus PyInstaller: what ``packaging/build.py`` makes the
  bundle, the Debian package and the Windows installer from (``.ci/bundle``).
Versions already in a lock are kept unless pyproject.toml no longer allows them; delete a file to
take the newest releases. Needs ``uv`` (``python -m pip install uv``). Review the diff, run the suite
(``tests/test_lock.py`` checks the locks against pyproject.toml), then commit: an upstream release
reaches a hospital only through a commit that changed these files.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
LOCKS = {"app.txt": [], "dev.txt": ["--extra", "test"], "build.txt": ["--extra", "build"]}


def main() -> int:
    uv = shutil.which("uv")
    if uv is None:
        print("uv is needed: python -m pip install uv", file=sys.stderr)
        return 2
    for name, extras in LOCKS.items():
        target = HERE / name
        subprocess.run([uv, "pip", "compile", "pyproject.toml", *extras, "--universal", "--python-version", "3.11",
                        "--generate-hashes", "--quiet", "--custom-compile-command",
                        "python packaging/lock/refresh.py", "-o", str(target)], cwd=ROOT, check=True)
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
