"""Build the installable program in one command: translations, icons, the PyInstaller bundle, its checks.

    python packaging/build.py            # dist/consent-desk/, checked and smoke-tested
    python packaging/build.py --deb      # and dist/consent-desk_<version>_<arch>.deb (Linux)
    python packaging/build.py --no-smoke # only the static checks (quicker, for trying spec changes)

Needs the build tools of the lock (``pip install --require-hashes -r packaging/lock/build.txt``).
The checks fail the build when a file the program reads at run time is missing or differs, when a Qt
part the program needs is missing, when a Qt library needs another that is not there, or when the
bundle reports another version than pyproject.toml. The smoke test (smoke_test.py) then runs the
bundle from a copy, in an empty environment: a demonstration consent sealed, its seal verified, the
desk started to its first window.
"""
from __future__ import annotations

import argparse
import fnmatch
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bundle_rules as rules  # noqa: E402

ROOT = rules.ROOT
DIST = ROOT / "dist"
WORK = ROOT / "build"
ICONS = WORK / "icons"
BUNDLE = DIST / rules.NAME


class BuildFailed(Exception):
    pass


def step(title: str):
    print(f"== {title}", flush=True)
    return time.monotonic()


def render_icons(target: Path = ICONS, sizes=(48, 128, 256)) -> dict[int, Path]:
    """PNG (and a Windows .ico) from resources/icons/consent-desk.svg, drawn by Qt."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - QImage painting needs it
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / f"{rules.NAME}.svg"))
    if not renderer.isValid():
        raise BuildFailed("the icon resources/icons/consent-desk.svg cannot be read")
    target.mkdir(parents=True, exist_ok=True)
    out = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format_ARGB32)
        image.fill(Qt.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        out[size] = target / f"{rules.NAME}-{size}.png"
        image.save(str(out[size]))
    from PIL import Image  # ReportLab's image library, already in the lock

    Image.open(out[max(sizes)]).save(target / f"{rules.NAME}.ico", sizes=[(s, s) for s in (16, 32, 48, 256)])
    return out


def run_pyinstaller() -> None:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--workpath", str(WORK / "pyinstaller"), "--distpath", str(DIST),
                    str(HERE / f"{rules.NAME}.spec")], cwd=ROOT, check=True)


def internal(bundle: Path) -> Path:
    return bundle / "_internal"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_program_files(bundle: Path) -> list[str]:
    """Every form, font, style, translation, icon and migration is in the bundle, byte for byte."""
    problems = []
    for source, dest in rules.data_files():
        shipped = internal(bundle) / dest / Path(source).name
        if not shipped.is_file():
            problems.append(f"missing from the bundle: {Path(source).relative_to(ROOT)}")
        elif sha256(shipped) != sha256(Path(source)):
            problems.append(f"differs in the bundle: {Path(source).relative_to(ROOT)}")
    for ts in (ROOT / "resources" / "i18n").glob("*.ts"):
        if not (internal(bundle) / "resources" / "i18n" / ts.with_suffix(".qm").name).is_file():
            problems.append(f"no compiled translation in the bundle for {ts.name}")
    return problems


def check_version(bundle: Path) -> list[str]:
    from app.build_info import BUILD_INFO_FILE

    try:
        recorded = json.loads((internal(bundle) / BUILD_INFO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [f"the bundle has no readable {BUILD_INFO_FILE}"]
    expected = rules.project_version()
    return [] if recorded.get("version") == expected else [
        f"the bundle says version {recorded.get('version')}, pyproject.toml {expected}"]


def _qt_files(bundle: Path) -> list[str]:
    base = internal(bundle) / "PySide6"
    return [p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()]


def check_qt(bundle: Path) -> list[str]:
    """The Qt the program needs is there, the Qt it does without is not, and no Qt library lacks another."""
    files = _qt_files(bundle)
    problems = []
    for required in rules.QT_REQUIRED.get(rules.platform_key(), ()):
        if not any(fnmatch.fnmatch(f, required) or fnmatch.fnmatch(f, "*/" + required) for f in files):
            problems.append(f"Qt part missing: {required}")
    for f in files:
        if rules.qt_left_out("PySide6/" + f):
            problems.append(f"Qt part that should be left out: {f}")
    if rules.platform_key() == "linux":
        problems += _missing_qt_links(bundle)
    return problems


def _missing_qt_links(bundle: Path) -> list[str]:
    """Linux: a Qt library or plugin that links to a Qt library the bundle does not have."""
    present = {p.name for p in internal(bundle).rglob("*.so*")}
    problems = []
    for path in internal(bundle).rglob("*.so*"):
        for name in rules.linked_libraries(str(path)):
            if name.startswith("libQt6") and name not in present:
                problems.append(f"{path.relative_to(bundle)} needs {name}, which is not in the bundle")
    return problems


def size_mb(path: Path) -> float:
    """As ``du -sh`` says it (MiB), the unit of the README's figures."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def check(bundle: Path) -> None:
    problems = check_program_files(bundle) + check_version(bundle) + check_qt(bundle)
    if problems:
        raise BuildFailed("the bundle is incomplete:\n  " + "\n  ".join(problems))
    print(f"bundle checked: {bundle.relative_to(ROOT) if bundle.is_relative_to(ROOT) else bundle}, "
          f"{size_mb(bundle):.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deb", action="store_true", help="also build the Debian package (Linux)")
    parser.add_argument("--no-smoke", action="store_true", help="skip the smoke test of the bundle")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    timings = {}
    try:
        started = step("translations")
        import build_translations

        build_translations.build()
        timings["translations"] = time.monotonic() - started

        started = step("icons")
        render_icons()
        timings["icons"] = time.monotonic() - started

        started = step("PyInstaller")
        run_pyinstaller()
        timings["PyInstaller"] = time.monotonic() - started

        started = step("checks")
        check(BUNDLE)
        timings["checks"] = time.monotonic() - started

        if not args.no_smoke:
            started = step("smoke test")
            import smoke_test

            if smoke_test.run(BUNDLE) != 0:
                raise BuildFailed("the smoke test failed (above)")
            timings["smoke test"] = time.monotonic() - started

        if args.deb:
            started = step("Debian package")
            sys.path.insert(0, str(HERE / "linux"))
            import build_deb

            try:
                package = build_deb.build(BUNDLE, DIST, ICONS)
            except build_deb.PackagingFailed as exc:
                raise BuildFailed(str(exc)) from None
            print(f"{package.relative_to(ROOT)}: {package.stat().st_size / 1e6:.0f} MB")
            timings["Debian package"] = time.monotonic() - started
    except BuildFailed as exc:
        print(f"BUILD FAILED: {exc}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as exc:
        print(f"BUILD FAILED: {exc}", file=sys.stderr)
        return 1
    print("build: " + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
