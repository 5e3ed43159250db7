"""The installers agree with the program: the Windows script (which cannot be built here) with the
spec, pyproject.toml and where the program reads its trust file; the Debian package's control file,
its dependencies read off the binaries, and its desktop entry."""
from __future__ import annotations

import os
import re
import shutil
import sys
import tomllib
from pathlib import Path, PureWindowsPath

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
sys.path.insert(0, str(ROOT / "packaging" / "linux"))
import build  # noqa: E402
import build_deb  # noqa: E402
import bundle_rules as rules  # noqa: E402

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
ISS = ROOT / "packaging" / "windows" / "consent-desk.iss"


def iss() -> tuple[dict[str, str], dict[str, str], dict[str, list[str]]]:
    """(#defines, [Setup] keys, section -> its entry lines), with the defines expanded."""
    text = ISS.read_text(encoding="utf-8")
    defines = dict(re.findall(r'^#define\s+(\w+)\s+"([^"]*)"', text, re.M))
    for name, value in defines.items():
        text = text.replace("{#" + name + "}", value)
    sections: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith((";", "#")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections[current] = []
        elif current:
            sections[current].append(line)
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    return defines, setup, sections


def entries(lines: list[str]) -> list[dict[str, str]]:
    """Inno Setup entries ('Name: "x"; Flags: a b') as dictionaries."""
    out = []
    for line in lines:
        fields = {}
        for part in re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]+)', line):
            key, value = part
            fields[key] = value[1:-1].replace('""', '"') if value.startswith('"') else value.strip()
        out.append(fields)
    return out


def test_the_windows_installer_has_pyproject_s_version():
    defines, setup, _ = iss()
    assert defines["AppVersion"] == VERSION == setup["AppVersion"] == setup["VersionInfoVersion"]
    assert setup["OutputBaseFilename"] == f"{rules.NAME}-setup-{VERSION}"


def test_the_windows_installer_ships_the_spec_s_folder_and_starts_its_program():
    _, setup, sections = iss()
    here = ISS.parent
    (files,) = entries(sections["Files"])
    source = Path(os.path.normpath(here / Path(*PureWindowsPath(files["Source"]).parts)))
    assert source == build.BUNDLE / "*" and build.BUNDLE == ROOT / "dist" / rules.NAME  # what build.py makes
    assert files["DestDir"] == "{app}" and {"recursesubdirs", "createallsubdirs"} <= set(files["Flags"].split())
    for icon in entries(sections["Icons"]):
        assert icon["Filename"] == f"{{app}}\\{rules.NAME}.exe"  # the spec's EXE name
    assert setup["UninstallDisplayIcon"] == f"{{app}}\\{rules.NAME}.exe"
    assert Path(os.path.normpath(here / Path(*PureWindowsPath(setup["SetupIconFile"]).parts))) == \
        build.ICONS / f"{rules.NAME}.ico"  # drawn by build.py
    spec = (ROOT / "packaging" / "consent-desk.spec").read_text(encoding="utf-8")
    assert "name=rules.NAME" in spec and "COLLECT(" in spec


def test_the_windows_installer_is_per_machine_under_program_files_with_an_optional_desktop_shortcut():
    _, setup, sections = iss()
    assert setup["PrivilegesRequired"] == "admin"
    assert setup["DefaultDirName"].startswith("{autopf}\\")
    assert setup["ArchitecturesInstallIn64BitMode"] == "x64compatible"  # Program Files, not (x86)
    assert setup["AppId"].startswith("{{")  # a fixed id: an upgrade replaces, never duplicates
    (task,) = entries(sections["Tasks"])
    desktop = [e for e in entries(sections["Icons"]) if e["Name"].startswith("{autodesktop}")]
    assert desktop and desktop[0]["Tasks"] == task["Name"]
    assert [e["Name"] for e in entries(sections["Languages"])] == ["arabic", "english"]


def test_the_trust_folder_is_kept_on_uninstall_and_writable_by_administrators_only():
    defines, _, sections = iss()
    folder = "{commonappdata}\\" + defines["TrustFolder"]
    (trust,) = [e for e in entries(sections["Dirs"]) if e["Name"] == folder]
    assert "uninsneveruninstall" in trust["Flags"].split()
    (acl,) = [e for e in entries(sections["Run"]) if e["Filename"].endswith("icacls.exe")]
    params = acl["Parameters"]
    assert params.startswith(f'"{folder}"') and "/inheritance:r" in params  # nothing from ProgramData's Users
    grants = dict(re.findall(r"\*(S-1-5-[\d-]+):\(OI\)\(CI\)(\w+)", params))
    assert grants == {"S-1-5-32-544": "F", "S-1-5-18": "F", "S-1-5-32-545": "RX"}  # admins, SYSTEM; users read
    assert not [e for e in entries(sections["Files"]) if "trust" in e.get("Source", "").lower()]


def test_the_windows_trust_folder_is_where_the_program_reads_its_trust_file(monkeypatch):
    from app.documents import trust

    defines, _, _ = iss()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("ProgramData", r"C:\ProgramData")
    first = PureWindowsPath(str(trust.platform_trust_paths()[0]))
    assert first.parent == PureWindowsPath(r"C:\ProgramData") / defines["TrustFolder"]


def test_the_debian_control_file_has_pyproject_s_version_and_what_the_bundle_needs():
    text = build_deb.control(rules.project_version(), "amd64", ["libc6 (>= 2.36)", "libcups2"], 1234)
    fields = dict(line.split(": ", 1) for line in text.splitlines() if line and not line.startswith(" "))
    assert fields["Package"] == rules.NAME and fields["Version"] == VERSION
    assert fields["Depends"] == "libc6 (>= 2.36), libcups2" and fields["Installed-Size"] == "1234"
    assert "speech-dispatcher" in fields["Recommends"]
    assert "/etc/consent-desk/trust.pem" in text


@pytest.mark.skipif(sys.platform != "linux" or not shutil.which("readelf"), reason="reads ELF files with readelf")
def test_the_debian_dependencies_are_read_off_the_binaries(tmp_path):
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt" / "lib"
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    shutil.copy2(qt / "libQt6PrintSupport.so.6", bundle)
    needs, problems = build_deb.depends(bundle)
    assert problems and all("libQt6" in p for p in problems)  # Qt must be in the bundle, never the system's
    for name in ("libQt6Widgets.so.6", "libQt6Gui.so.6", "libQt6Core.so.6"):
        (bundle / name).write_bytes(b"")  # present (not an ELF file: its own links are not read)
    needs, problems = build_deb.depends(bundle)
    assert problems == []
    assert needs[0].startswith("libc6 (>= ") and {"libgl1", "libxkbcommon0", "libstdc++6"} <= set(needs)
    assert "libpq5" in needs  # loaded by name by psycopg: no ELF file says so


def test_every_library_left_to_the_system_has_its_package_installed_by_ci():
    ci = (ROOT / ".ci" / "bundle").read_text(encoding="utf-8")
    assert "build_deb.py --system-packages" in ci and "dpkg -i" in ci and "dpkg -r" in ci
    assert set(build_deb.system_packages()) == {*rules.LINUX_SYSTEM_LIBRARIES.values(),
                                                *rules.LINUX_LOADED_BY_NAME.values()}


def test_the_desktop_entry_starts_the_program_with_its_icon():
    lines = (ROOT / "packaging" / "linux" / f"{rules.NAME}.desktop").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    entry = dict(line.split("=", 1) for line in lines[1:] if "=" in line)
    assert entry["Type"] == "Application" and entry["Exec"] == rules.NAME == entry["Icon"]
    assert entry["StartupWMClass"] == rules.NAME  # app.ui.launch: setDesktopFileName("consent-desk")
    assert (ROOT / "resources" / "icons" / f"{entry['Icon']}.svg").is_file()
    assert entry["Name[ar]"] and entry["Categories"].endswith(";")
