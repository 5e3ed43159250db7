"""What the bundle holds (packaging/bundle_rules.py): the program's files, its modules, what its
migrations import, only the Qt it uses, no library that nothing needs."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))  # the build scripts are scripts, not a package
import bundle_rules as rules  # noqa: E402


def test_every_form_font_style_translation_icon_and_migration_is_shipped():
    shipped = {Path(src).relative_to(ROOT).as_posix(): dest for src, dest in rules.data_files()}
    expected = [*ROOT.glob("forms/*.yaml"), *ROOT.glob("resources/fonts/*"), *ROOT.glob("resources/styles/*.qss"),
                *ROOT.glob("resources/i18n/*.ts"), *ROOT.glob("resources/icons/*.svg"),
                *ROOT.glob("app/storage/migrations/versions/*.py"), ROOT / "app/storage/migrations/env.py"]
    assert len(expected) > 20
    for path in expected:
        rel = path.relative_to(ROOT).as_posix()
        assert shipped.get(rel) == str(Path(rel).parent), rel  # same place inside the bundle
    assert not [p for p in shipped if "__pycache__" in p or p.endswith((".pyc", ".mako"))]


def test_every_module_of_the_program_is_collected_but_the_migrations_are_files():
    modules = set(rules.program_modules())
    assert {"app.cli", "app.build_info", "app.ui.launch", "app.ui.desk.about", "app.services.demo",
            "app.documents", "app.storage.database"} <= modules
    assert not [m for m in modules if "migrations" in m]
    assert len(modules) == len([p for p in (ROOT / "app").rglob("*.py") if "migrations" not in p.parts])


def test_what_the_migrations_import_is_collected():
    imports = rules.migration_imports()
    assert {"alembic", "sqlalchemy", "app.storage.dialect"} <= set(imports) and "__future__" not in imports


@pytest.mark.parametrize("dest, out", [
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", True),
    ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", True),
    ("PySide6/Qt/translations/qtbase_de.qm", True),
    ("PySide6/Qt/translations/qt_ar.qm", True),
    ("PySide6/Qt/translations/qtbase_ar.qm", False),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", False),
    ("PySide6\\plugins\\platforms\\qwindows.dll", False),
    ("PySide6\\plugins\\platforms\\qdirect2d.dll", True),
    ("resources/i18n/desk_ar.qm", False),
])
def test_qt_left_out(dest, out):
    assert rules.qt_left_out(dest) is out


def test_nothing_the_program_needs_of_qt_is_left_out():
    for platform, required in rules.QT_REQUIRED.items():
        for path in required:
            assert not rules.qt_left_out("PySide6/Qt/" + path), (platform, path)


LINKS = {  # source -> what it links to (a small Linux bundle)
    "ext/QtWidgets.abi3.so": ["libQt6Widgets.so.6", "libpython3.11.so.1.0"],
    "qt/libQt6Widgets.so.6": ["libQt6Gui.so.6", "libstdc++.so.6"],
    "qt/libQt6Gui.so.6": ["libQt6Core.so.6", "libfontconfig.so.1"],
    "qt/libQt6Core.so.6": ["libicuuc.so.73"],
    "qt/libicuuc.so.73": [],
    "qt/libqxcb.so": ["libQt6XcbQpa.so.6", "libxcb-icccm.so.4"],
    "qt/libQt6XcbQpa.so.6": ["libQt6Gui.so.6"],
    "qt/libqgtk3.so": ["libgtk-3.so.0", "libQt6Gui.so.6"],
    "sys/libgtk-3.so.0": ["libcairo.so.2"],
    "sys/libcairo.so.2": [],
    "sys/libfontconfig.so.1": [],
    "sys/libstdc++.so.6": [],
    "sys/libxcb-icccm.so.4": [],
    "py/libpython3.11.so.1.0": [],
    "qt/libQt6Quick.so.6": ["libQt6Gui.so.6"],
}
TOC = [
    ("PySide6/QtWidgets.abi3.so", "ext/QtWidgets.abi3.so", "EXTENSION"),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", "qt/libQt6Widgets.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6Gui.so.6", "qt/libQt6Gui.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6Core.so.6", "qt/libQt6Core.so.6", "BINARY"),
    ("PySide6/Qt/lib/libicuuc.so.73", "qt/libicuuc.so.73", "BINARY"),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", "qt/libqxcb.so", "BINARY"),
    ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "qt/libQt6XcbQpa.so.6", "BINARY"),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "qt/libqgtk3.so", "BINARY"),
    ("libgtk-3.so.0", "sys/libgtk-3.so.0", "BINARY"),
    ("libcairo.so.2", "sys/libcairo.so.2", "BINARY"),
    ("libfontconfig.so.1", "sys/libfontconfig.so.1", "BINARY"),
    ("libstdc++.so.6", "sys/libstdc++.so.6", "BINARY"),
    ("libxcb-icccm.so.4", "sys/libxcb-icccm.so.4", "BINARY"),
    ("libpython3.11.so.1.0", "py/libpython3.11.so.1.0", "BINARY"),
    ("PySide6/Qt/lib/libQt6Quick.so.6", "qt/libQt6Quick.so.6", "BINARY"),
]


def test_pruning_keeps_what_is_needed_and_drops_what_only_the_left_out_needed():
    kept, dropped = rules.prune_libraries(TOC, LINKS.__getitem__, "linux")
    kept_names = {dest.rsplit("/", 1)[-1] for dest, *_ in kept}
    assert kept_names == {"QtWidgets.abi3.so", "libQt6Widgets.so.6", "libQt6Gui.so.6", "libQt6Core.so.6",
                          "libicuuc.so.73", "libqxcb.so", "libQt6XcbQpa.so.6", "libpython3.11.so.1.0"}
    # the GTK theme and what only it needed; Quick, which nothing needs; the desktop's own libraries
    assert {dest.rsplit("/", 1)[-1] for dest, *_ in dropped} == {
        "libqgtk3.so", "libgtk-3.so.0", "libcairo.so.2", "libQt6Quick.so.6", "libfontconfig.so.1",
        "libstdc++.so.6", "libxcb-icccm.so.4"}


def test_on_windows_no_library_is_left_to_the_system():
    kept, _ = rules.prune_libraries(TOC, LINKS.__getitem__, "win32")
    assert {"libfontconfig.so.1", "libstdc++.so.6"} <= {dest for dest, *_ in kept}


def test_links_to_pruned_libraries_go_too():
    datas = [("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
             ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
             ("forms/vertebroplasty.ar.yaml", "/src/forms/vertebroplasty.ar.yaml", "DATA")]
    kept, _ = rules.prune_libraries(TOC, LINKS.__getitem__, "linux")
    assert [d[0] for d in rules.drop_dangling_links(datas, kept)] == ["libQt6Gui.so.6", "forms/vertebroplasty.ar.yaml"]


@pytest.mark.parametrize("soname, package", [("libxcb-icccm.so.4", "libxcb-icccm4"), ("libcups.so.2", "libcups2"),
                                             ("libssl.so.3", "libssl3"), ("libc.so.6", "libc6"),
                                             ("libQt6Core.so.6", None), ("libicudata.so.73", None),
                                             ("libxcb-9065bb12.so.1.1.0", None)])
def test_system_packages(soname, package):
    assert rules.system_package(soname) == package


@pytest.mark.skipif(sys.platform != "linux" or not shutil.which("readelf"), reason="reads ELF files with readelf")
def test_linked_libraries_are_the_direct_ones():
    import PySide6

    widgets = Path(PySide6.__file__).parent / "Qt" / "lib" / "libQt6Widgets.so.6"
    links = rules.linked_libraries(str(widgets))
    assert "libQt6Gui.so.6" in links and "libQt6Core.so.6" in links
    assert "libicudata.so.73" not in links  # Core's, not Widgets' own


def test_the_linux_bundle_leaves_libpq_to_the_system_and_windows_keeps_the_drivers_own():
    assert "psycopg_binary" in rules.excluded_modules("linux")
    assert "psycopg_binary" not in rules.excluded_modules("win32")
    assert set(rules.EXCLUDED_MODULES) <= set(rules.excluded_modules("win32"))


@pytest.mark.skipif(sys.platform != "linux", reason="the system's libpq is the Linux bundle's")
def test_the_locked_psycopg_runs_on_the_systems_libpq():
    """What the Linux bundle does (no psycopg_binary): psycopg's ctypes wrapper finds and drives the
    system's libpq (Debian libpq5, which the package depends on and .ci/run installs). A psycopg
    release that no longer could would fail here, not at a hospital's first shared database."""
    probe = ("import psycopg; from psycopg import pq; "
             "print(pq.__impl__, pq.version()); "
             "psycopg.connect('host=127.0.0.1 port=9 dbname=none user=none connect_timeout=3')")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PSYCOPG_IMPL": "python"})
    impl, version = done.stdout.split()
    assert impl == "python" and int(version) >= 130000
    assert "OperationalError" in done.stderr and "127.0.0.1" in done.stderr  # libpq itself tried the port
