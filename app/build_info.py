"""Which program this is: its version, the commit it was built from, and the form versions it ships.

One answer for ``consent-desk --version``, the desk's About box and the installers. The version
comes from ``pyproject.toml`` (the one place it is written); a bundle carries it, with the commit, in
``build_info.json``, which the PyInstaller spec writes at build time. A checkout asks git for the
commit. Nothing here is imported at start-up: only when someone asks.
"""
from __future__ import annotations

import json
import subprocess
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from app.paths import APP_NAME, forms_dir, project_root

BUILD_INFO_FILE = "build_info.json"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class FormShipped:
    procedure: str
    language: str
    version: str
    content_sha256: str


@dataclass(frozen=True)
class BuildInfo:
    version: str
    commit: str
    forms: tuple[FormShipped, ...]

    def lines(self) -> list[str]:
        """What ``--version`` prints: the program, the commit, one line per form version."""
        out = [f"{APP_NAME} {self.version}", f"commit {self.commit}"]
        out += [f"form {f.procedure} {f.language} {f.version} {f.content_sha256[:16]}" for f in self.forms]
        return out


def _bundled(root: Path) -> dict:
    try:
        return json.loads((root / BUILD_INFO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def program_version(root: Path | None = None) -> str:
    """The bundle's recorded version, else pyproject.toml beside the code, else the installed metadata."""
    root = root or project_root()
    recorded = _bundled(root).get("version")
    if recorded:
        return str(recorded)
    try:
        return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        pass
    try:
        return metadata.version(APP_NAME)
    except metadata.PackageNotFoundError:
        return UNKNOWN


def git_commit(root: Path) -> str:
    """The short commit of a checkout, with ``-dirty`` when files differ from it; ``unknown`` without git."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=root, capture_output=True,
                              text=True, timeout=10)
        if head.returncode != 0:
            return UNKNOWN
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return UNKNOWN
    return head.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")


def commit(root: Path | None = None) -> str:
    root = root or project_root()
    recorded = _bundled(root).get("commit")
    if recorded:
        return str(recorded)
    return git_commit(root) if (root / ".git").exists() else UNKNOWN


def shipped_forms(directory: Path | None = None) -> tuple[FormShipped, ...]:
    """The form files beside the program (a broken one is left out: the desk reports it on its own)."""
    from app.domain.form_loader import load_forms

    forms, _problems = load_forms(directory or forms_dir())
    return tuple(FormShipped(f.procedure, f.language, f.version, f.content_sha256)
                 for _key, f in sorted(forms.items()))


def build_info(root: Path | None = None) -> BuildInfo:
    root = root or project_root()
    return BuildInfo(program_version(root), commit(root), shipped_forms(root / "forms"))


def record_for_bundle(root: Path) -> dict:
    """What the PyInstaller spec writes into the bundle's ``build_info.json``."""
    return {"version": program_version(root), "commit": commit(root)}
