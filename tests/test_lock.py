"""The lock files agree with pyproject.toml, carry hashes, and are what this environment runs.

An upstream release must reach a hospital only through a commit that changes a lock file
(``python packaging/lock/refresh.py``); these tests fail when the locks and pyproject.toml drift
apart, or when the installed packages are not the locked ones.
"""
from __future__ import annotations

import os
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker, default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
LOCKS = ROOT / "packaging" / "lock"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
UNLOCKED = os.environ.get("CONSENT_DESK_UNLOCKED") == "1"  # the newest-releases run (.ci/newest)
# Machines a hospital or CI runs: each lock must pin everything pyproject asks for on each of them.
ENVIRONMENTS = [
    {**default_environment(), "python_version": py, "python_full_version": f"{py}.1", "sys_platform": plat,
     "platform_system": system, "os_name": os_name}
    for py in ("3.11", "3.12", "3.13")
    for plat, system, os_name in (("linux", "Linux", "posix"), ("win32", "Windows", "nt"), ("darwin", "Darwin", "posix"))
]


def read_lock(name: str) -> list[tuple[str, Version, Marker | None, list[str]]]:
    """(name, version, marker, hashes) for each pinned line of a lock file."""
    text = (LOCKS / name).read_text(encoding="utf-8")
    entries = []
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        head = block.split("\\")[0].strip()
        if not head or head.startswith("#"):
            continue
        spec, _, marker = head.partition(";")
        pkg, _, version = spec.strip().partition("==")
        entries.append((canonicalize_name(pkg), Version(version.strip()),
                        Marker(marker.strip()) if marker.strip() else None,
                        re.findall(r"--hash=sha256:([0-9a-f]{64})", block)))
    return entries


def pins_for(entries, env) -> dict[str, Version]:
    return {name: version for name, version, marker, _ in entries if marker is None or marker.evaluate(env)}


def required(extras: list[str]) -> list[Requirement]:
    reqs = [Requirement(r) for r in PYPROJECT["dependencies"]]
    for extra in extras:
        reqs += [Requirement(r) for r in PYPROJECT["optional-dependencies"][extra]]
    return reqs


@pytest.mark.parametrize("lock, extras", [("app.txt", []), ("dev.txt", ["test"]), ("build.txt", ["build"])])
def test_every_requirement_is_pinned_with_hashes_on_every_machine(lock, extras):
    entries = read_lock(lock)
    assert entries and all(hashes for *_, hashes in entries), "every pin carries its hashes"
    for env in ENVIRONMENTS:
        pins = pins_for(entries, env)
        for req in required(extras):
            if req.marker is not None and not req.marker.evaluate(env):
                continue
            name = canonicalize_name(req.name)
            assert name in pins, f"{lock}: {req.name} is not pinned for Python {env['python_version']} on {env['sys_platform']}"
            assert req.specifier.contains(pins[name], prereleases=True), \
                f"{lock}: {req.name}=={pins[name]} does not satisfy {req.specifier} (run python packaging/lock/refresh.py)"


def test_python_3_11_never_gets_the_pyside_release_that_loses_references_to_none():
    for lock in ("app.txt", "dev.txt", "build.txt"):
        for env in ENVIRONMENTS:
            pins = pins_for(read_lock(lock), env)
            if env["python_version"] == "3.11":
                assert pins["pyside6-essentials"] < Version("6.12") and pins["shiboken6"] < Version("6.12")


def test_the_app_lock_is_the_dev_lock_without_the_test_tools():
    app = {(n, v, str(m)) for n, v, m, _ in read_lock("app.txt")}
    dev = {(n, v, str(m)) for n, v, m, _ in read_lock("dev.txt")}
    # a package the program needs on one platform only may be needed everywhere by a test tool
    # (tzdata: Windows for the program, every platform for certomancer): the same version, unmarked
    assert {(n, v, m) for n, v, m in app if (n, v, m) not in dev and (n, v, "None") not in dev} == set()


def test_the_bundle_is_built_from_the_app_lock_plus_the_build_tools():
    """What the installers carry is exactly what app.txt pins: the build lock adds tools, changes nothing."""
    app = {(n, v, str(m)) for n, v, m, _ in read_lock("app.txt")}
    build = {(n, v, str(m)) for n, v, m, _ in read_lock("build.txt")}
    assert app <= build
    assert {n for n, *_ in build - app} >= {"pyinstaller", "pyinstaller-hooks-contrib"}


@pytest.mark.skipif(UNLOCKED, reason="the newest-releases run installs without the lock on purpose")
def test_this_environment_runs_the_locked_versions():
    env = default_environment()
    pins = pins_for(read_lock("dev.txt"), env)
    drift = {}
    for name, version in pins.items():
        try:
            installed = Version(metadata.version(name))
        except metadata.PackageNotFoundError:
            drift[name] = "missing"
            continue
        if installed != version:
            drift[name] = f"{installed} installed, {version} locked"
    assert not drift, (f"install the lock: {sys.executable} -m pip install --require-hashes -r "
                       f"packaging/lock/dev.txt ({drift})")
