"""The Debian package, built with dpkg-deb from the checked bundle (called by ``packaging/build.py --deb``).

    /opt/consent-desk/                     the bundle (consent-desk and _internal/)
    /usr/bin/consent-desk                  a link to it: the desk, and the command line
    /usr/share/applications/consent-desk.desktop, /usr/share/icons/hicolor/*/apps/consent-desk.*
    /etc/consent-desk/                     where IT puts the trust file (trust.pem): root's, mode 0755;
                                           the package ships no trust file, and removing the package
                                           leaves one that IT put there
    /usr/share/doc/consent-desk/copyright

The version is pyproject.toml's, as the bundle reports it. Depends is read off the bundle: every
library a bundled binary links to that is not in the bundle must be one the bundle leaves to the
system on purpose (``bundle_rules.LINUX_SYSTEM_LIBRARIES``); any other fails the build.
"""
from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import bundle_rules as rules  # noqa: E402

PACKAGE = rules.NAME
INSTALL_DIR = Path("opt") / PACKAGE
TRUST_DIR = Path("etc") / PACKAGE
# Linked by optional parts only (speech): recommended, not required.
OPTIONAL_PACKAGES = {"libspeechd2"}
RECOMMENDS = ["libspeechd2", "speech-dispatcher", "fonts-dejavu-core"]
MAINTAINER = os.environ.get("CONSENT_DESK_MAINTAINER", "Consent Desk <consent-desk@localhost>")
DESCRIPTION = """Vertebroplasty and kyphoplasty consent desk (Arabic, right to left)
 The pre-procedure desk of an interventional radiology department: the patient
 is registered and identified, the consent is discussed section by section and
 signed by the patient, a witness and the physician, and every consent ends as
 a sealed, verifiable PDF record. Works offline.
 .
 IT installs the institution's trust file as /etc/consent-desk/trust.pem
 (owned by root, mode 0644)."""


class PackagingFailed(Exception):
    pass


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()


def _elf_files(bundle: Path) -> list[Path]:
    out = []
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    out.append(path)
    return out


def depends(bundle: Path) -> tuple[list[str], list[str]]:
    """(Depends, problems): the Debian packages of the libraries the bundle leaves to the system."""
    present = {p.name for p in bundle.rglob("*") if p.is_file() or p.is_symlink()}
    packages: set[str] = set()
    problems = []
    for path in _elf_files(bundle):
        for name in rules.linked_libraries(str(path)):
            if name in present:
                continue
            package = rules.system_package(name)
            if package is None:
                problems.append(f"{path.relative_to(bundle)} links to {name}, which is neither in the bundle "
                                "nor a library left to the system (bundle_rules.LINUX_SYSTEM_LIBRARIES)")
            elif package not in OPTIONAL_PACKAGES:
                packages.add(package)
    packages.update(rules.LINUX_LOADED_BY_NAME.values())
    glibc = platform.libc_ver()[1]
    listed = sorted(packages - {"libc6"})
    return ([f"libc6 (>= {glibc})" if glibc else "libc6"] + listed), problems


def _tree_size_kib(root: Path) -> int:
    return sum(p.lstat().st_size for p in root.rglob("*")) // 1024 + 1


def control(version: str, arch: str, depends_on: list[str], size_kib: int) -> str:
    return "\n".join([
        f"Package: {PACKAGE}", f"Version: {version}", f"Architecture: {arch}", f"Maintainer: {MAINTAINER}",
        f"Installed-Size: {size_kib}", f"Depends: {', '.join(depends_on)}", f"Recommends: {', '.join(RECOMMENDS)}",
        "Section: misc", "Priority: optional",
        f"Description: {DESCRIPTION}", "",
    ])


def _copyright() -> str:
    fonts = sorted(p.name for p in (rules.ROOT / "resources" / "fonts").glob("OFL-*.txt"))
    return (f"Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
            f"Upstream-Name: {PACKAGE}\n\nFiles: *\nLicense: Proprietary\n\n"
            f"Files: opt/{PACKAGE}/_internal/resources/fonts/*\nLicense: OFL-1.1\n"
            f" The fonts' licences: /opt/{PACKAGE}/_internal/resources/fonts/{', '.join(fonts)}\n\n"
            f"Files: opt/{PACKAGE}/_internal/*\nLicense: various\n"
            " Python, Qt (LGPL-3.0), PySide6 (LGPL-3.0) and the Python packages of packaging/lock/app.txt,\n"
            " each under its own licence, shipped in the folders beside it.\n")


def _modes(root: Path) -> None:
    """What dpkg installs: folders 0755, files 0644, programs and libraries 0755 (owners: root)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def build(bundle: Path, out_dir: Path, icons: Path) -> Path:
    """Stage the tree under build/deb and pack it; returns the .deb's path."""
    version = rules.project_version()
    arch = architecture()
    needs, problems = depends(bundle)
    if problems:
        raise PackagingFailed("the bundle links to libraries nobody provides:\n  " + "\n  ".join(problems))
    stage = rules.ROOT / "build" / "deb" / f"{PACKAGE}_{version}_{arch}"
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(bundle, stage / INSTALL_DIR, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / PACKAGE).symlink_to(f"/{INSTALL_DIR}/{PACKAGE}")
    applications = stage / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copy2(HERE / f"{PACKAGE}.desktop", applications / f"{PACKAGE}.desktop")
    hicolor = stage / "usr" / "share" / "icons" / "hicolor"
    (hicolor / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(rules.ROOT / "resources" / "icons" / f"{PACKAGE}.svg",
                 hicolor / "scalable" / "apps" / f"{PACKAGE}.svg")
    for png in sorted(icons.glob(f"{PACKAGE}-*.png")):
        size = png.stem.rsplit("-", 1)[1]
        (hicolor / f"{size}x{size}" / "apps").mkdir(parents=True)
        shutil.copy2(png, hicolor / f"{size}x{size}" / "apps" / f"{PACKAGE}.png")
    doc = stage / "usr" / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(_copyright(), encoding="utf-8")
    (stage / TRUST_DIR).mkdir(parents=True)  # empty: the trust file is IT's, never the package's
    _modes(stage)
    debian = stage / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(control(version, arch, needs, _tree_size_kib(stage)), encoding="utf-8")
    _modes(debian)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PACKAGE}_{version}_{arch}.deb"
    # zstd: 12 s and 63 MB here, where xz took 3 minutes for 53 MB; every dpkg that can run the bundle
    # (glibc 2.36: Debian 12, Ubuntu 24.04 and newer) reads it.
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zzstd", "-z9", "--build", str(stage), str(target)],
                   check=True, stdout=subprocess.DEVNULL)
    return target


def system_packages() -> list[str]:
    """Every Debian package the bundle may leave a library to (CI installs them before the smoke test)."""
    return sorted({*rules.LINUX_SYSTEM_LIBRARIES.values(), *rules.LINUX_LOADED_BY_NAME.values()})


if __name__ == "__main__":
    if sys.argv[1:] == ["--system-packages"]:
        print(" ".join(system_packages()))
    else:
        sys.exit("usage: build_deb.py --system-packages   (the package is built by packaging/build.py --deb)")
