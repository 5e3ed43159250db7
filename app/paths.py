"""Where the program's own files and the user's data live.

One helper for bundled resources that also works inside a PyInstaller bundle, and one rule for the
data folder (``--data-dir`` > ``CONSENT_DESK_DATA`` > the platform's user data folder).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "consent-desk"
DATA_ENV = "CONSENT_DESK_DATA"


def project_root() -> Path:
    """The folder holding ``resources/`` and ``forms/`` (the bundle's temp folder when frozen)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, e.g. ``resource_path("fonts", "Amiri-Regular.ttf")``."""
    return project_root().joinpath("resources", *parts)


def forms_dir() -> Path:
    return project_root() / "forms"


def default_data_dir() -> Path:
    # platformdirs is imported here so that importing app.paths stays cheap.
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()
