"""What the bundle holds, in one place: read by the PyInstaller spec, by build.py's checks and by the tests.

- the program's own files that are read at run time (forms, resources, the database migrations);
- every module of the program, and the modules that libraries import by a name computed at run time
  or from compiled code, which PyInstaller's analysis cannot see (ReportLab's barcodes: the first
  consent of a bundle built without them failed with ModuleNotFoundError; python-pkcs11's core);
- only the Qt the program uses: widgets, PDF and PDF widgets, print support, SVG icons, text to
  speech, and the plugins they need. Quick, QML, the virtual keyboard, FFmpeg, the GTK theme and the
  embedded-display platforms are left out, and so is every library that only they needed.

Nothing here imports PyInstaller at module level, so the tests read these rules without it.
"""
from __future__ import annotations

import ast
import fnmatch
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "consent-desk"  # the executable, the bundle's folder, the Debian package

# (source under the checkout, destination inside the bundle)
DATA_FOLDERS = (("forms", "forms"), ("resources", "resources"),
                ("app/storage/migrations", "app/storage/migrations"))
# Files in those folders that a bundle does not need (caches, the template alembic uses only to write
# a new migration).
DATA_SKIPPED = ("*/__pycache__/*", "*.pyc", "*/script.py.mako")

# Packages whose modules are imported by a name computed at run time, or from compiled code that
# PyInstaller's analysis cannot read (python-pkcs11's Cython core imports pkcs11.attributes and
# pkcs11.defaults; without them opening a token fails).
IMPORTED_BY_NAME = ("reportlab.graphics.barcode", "pkcs11")

# Python modules the program never imports and no library it uses needs at run time:
# - Qt bindings that hooks add because a Qt library links to theirs (speech links to Qt Multimedia,
#   which the C++ library needs, not Python: QTextToSpeech.say() never imports it);
# - Pillow's AVIF and WebP codecs (6 MB): Pillow skips an image plugin whose codec is missing;
# - lxml's objectify and HTML parts (4 MB; pyHanko and pikepdf use lxml.etree), SQLAlchemy's dialects
#   of databases the program never opens (it uses SQLite and PostgreSQL);
# - the build tools and what optional code paths of libraries would pull in (setuptools, syntax
#   highlighting for Mako and ReportLab, an interactive prompt).
EXCLUDED_MODULES = ("tkinter", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
                    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.Qt3DCore",
                    "PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets", "PySide6.QtNetwork",
                    "PySide6.QtConcurrent", "PySide6.QtDBus", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets",
                    "PIL._avif", "PIL._webp", "lxml.objectify", "lxml.html", "lxml.isoschematron",
                    "sqlalchemy.dialects.mysql", "sqlalchemy.dialects.mssql", "sqlalchemy.dialects.oracle",
                    "setuptools", "pkg_resources", "distutils", "_distutils_hack", "pip", "PyInstaller",
                    "pygments", "readline")

# Linux: psycopg's binary wheel carries its own libpq with private copies of OpenSSL, Kerberos and LDAP
# (10 MB) that would never get the system's security updates. The bundle leaves libpq to the system, as
# it does OpenSSL below: without psycopg_binary, psycopg loads the system's libpq by name (ctypes).
LINUX_EXCLUDED_MODULES = ("psycopg_binary",)
# Libraries the bundle's Python loads by name, which no ELF file links to: soname -> Debian package.
LINUX_LOADED_BY_NAME = {"libpq.so.5": "libpq5"}


def excluded_modules(platform: str = sys.platform) -> list[str]:
    """EXCLUDED_MODULES, and on Linux what the system provides instead."""
    return [*EXCLUDED_MODULES, *(LINUX_EXCLUDED_MODULES if platform.startswith("linux") else ())]


# Linux: the desktop's own libraries stay the system's (the Debian package depends on them), as X11,
# Wayland, GL, fonts, D-Bus, printing, sound and speech must match the system's services and their
# configuration files, and OpenSSL and Kerberos get their security updates from the system; the
# bundle keeps Python, Qt, ICU, SQLite and the libraries of the Python packages.
# soname pattern -> the Debian package that provides it. A library the bundle needs that is neither
# in the bundle nor here fails the build (build_deb.depends).
LINUX_SYSTEM_LIBRARIES = {
    "ld-linux*.so*": "libc6", "libc.so.*": "libc6", "libm.so.*": "libc6", "libdl.so.*": "libc6",
    "libpthread.so.*": "libc6", "librt.so.*": "libc6", "libresolv.so.*": "libc6", "libutil.so.*": "libc6",
    "libstdc++.so.*": "libstdc++6", "libgcc_s.so.*": "libgcc-s1",
    "libGL.so.*": "libgl1", "libEGL.so.*": "libegl1", "libOpenGL.so.*": "libopengl0", "libGLX.so.*": "libglx0",
    "libX11.so.*": "libx11-6", "libX11-xcb.so.*": "libx11-xcb1", "libXau.so.*": "libxau6",
    "libXdmcp.so.*": "libxdmcp6", "libxcb.so.*": "libxcb1", "libxcb-cursor.so.*": "libxcb-cursor0",
    "libxcb-glx.so.*": "libxcb-glx0", "libxcb-icccm.so.*": "libxcb-icccm4", "libxcb-image.so.*": "libxcb-image0",
    "libxcb-keysyms.so.*": "libxcb-keysyms1", "libxcb-randr.so.*": "libxcb-randr0",
    "libxcb-render-util.so.*": "libxcb-render-util0", "libxcb-render.so.*": "libxcb-render0",
    "libxcb-shape.so.*": "libxcb-shape0", "libxcb-shm.so.*": "libxcb-shm0", "libxcb-sync.so.*": "libxcb-sync1",
    "libxcb-util.so.*": "libxcb-util1", "libxcb-xfixes.so.*": "libxcb-xfixes0", "libxcb-xkb.so.*": "libxcb-xkb1",
    "libxcb-xinput.so.*": "libxcb-xinput0", "libxcb-xinerama.so.*": "libxcb-xinerama0",
    "libxkbcommon.so.*": "libxkbcommon0", "libxkbcommon-x11.so.*": "libxkbcommon-x11-0",
    "libwayland-client.so.*": "libwayland-client0", "libwayland-cursor.so.*": "libwayland-cursor0",
    "libwayland-egl.so.*": "libwayland-egl1",
    "libfontconfig.so.*": "libfontconfig1", "libfreetype.so.*": "libfreetype6",
    "libglib-2.0.so.*": "libglib2.0-0", "libgthread-2.0.so.*": "libglib2.0-0", "libgobject-2.0.so.*": "libglib2.0-0",
    "libgio-2.0.so.*": "libglib2.0-0", "libdbus-1.so.*": "libdbus-1-3",
    "libcups.so.*": "libcups2", "libpulse.so.*": "libpulse0", "libspeechd.so.*": "libspeechd2",
    "libgssapi_krb5.so.*": "libgssapi-krb5-2", "libssl.so.3": "libssl3", "libcrypto.so.3": "libssl3",
}

# Qt plugins left out, as paths inside the bundle ("/" separators, matched case-insensitively): embedded
# displays, VNC and Vulkan; the GTK theme (it brings GTK, cairo and pango along); the virtual keyboard
# (QML and Quick); evdev input (framebuffer only); network status and TLS (the program opens no
# connection through Qt); FFmpeg media (speech needs only the multimedia library); image formats no
# screen shows; on Wayland, OpenGL surfaces (the program draws without OpenGL) and the shells of cars,
# Qt's own compositor and the deprecated wl_shell (xdg-shell is every desktop's and cage's). The
# libraries only they needed go with them (``prune_libraries``).
QT_LEFT_OUT = (
    "*/plugins/egldeviceintegrations/*", "*/plugins/generic/*", "*/plugins/networkinformation/*",
    "*/plugins/tls/*", "*/plugins/multimedia/*", "*/plugins/platformthemes/*gtk*",
    "*/plugins/platforminputcontexts/*virtualkeyboard*",
    "*/plugins/platforms/*eglfs*", "*/plugins/platforms/*linuxfb*", "*/plugins/platforms/*minimalegl*",
    "*/plugins/platforms/*vnc*", "*/plugins/platforms/*vkkhrdisplay*", "*/plugins/platforms/*direct2d*",
    "*/plugins/imageformats/*tiff*", "*/plugins/imageformats/*webp*", "*/plugins/imageformats/*tga*",
    "*/plugins/imageformats/*wbmp*", "*/plugins/imageformats/*icns*", "*/plugins/imageformats/*qpdf*",
    "*/plugins/texttospeech/*mock*", "*/plugins/wayland-graphics-integration-client/*",
    "*/plugins/wayland-shell-integration/*ivi-shell*", "*/plugins/wayland-shell-integration/*fullscreen-shell*",
    "*/plugins/wayland-shell-integration/*wl-shell*", "*/plugins/wayland-shell-integration/*qt-shell*",
)
# Qt's own translations: only the languages of the interface (app/ui/common/i18n.LANGUAGES).
QT_TRANSLATIONS_KEPT = ("qtbase_ar.qm", "qtbase_en.qm")

# What the program needs of Qt at run time; build.py fails when one is missing from a bundle.
QT_REQUIRED = {
    "linux": ("plugins/platforms/libqxcb.so", "plugins/platforms/libqwayland*.so", "plugins/platforms/libqoffscreen.so",
              "plugins/wayland-shell-integration/libxdg-shell.so", "plugins/printsupport/libcupsprintersupport.so",
              "plugins/texttospeech/libqtexttospeech_speechd.so",
              "plugins/iconengines/libqsvgicon.so", "plugins/imageformats/libqsvg.so",
              "plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
              "plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
              "lib/libQt6PdfWidgets.so.6", "lib/libQt6PrintSupport.so.6", "lib/libQt6TextToSpeech.so.6",
              "lib/libQt6Svg.so.6", "translations/qtbase_ar.qm"),
    "win32": ("plugins/platforms/qwindows.dll", "plugins/texttospeech/qtexttospeech_sapi.dll",
              "plugins/iconengines/qsvgicon.dll", "plugins/imageformats/qsvg.dll", "Qt6PdfWidgets.dll",
              "Qt6PrintSupport.dll", "Qt6TextToSpeech.dll", "translations/qtbase_ar.qm"),
}


def project_version(root: Path = ROOT) -> str:
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def data_files(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source file, destination folder) for every file of DATA_FOLDERS that the bundle ships."""
    out = []
    for source, dest in DATA_FOLDERS:
        base = root / source
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and not any(fnmatch.fnmatch(rel, p) for p in DATA_SKIPPED):
                out.append((str(path), str(Path(dest) / path.parent.relative_to(base))))
    return out


def program_modules(root: Path = ROOT) -> list[str]:
    """Every module of the program (``app.*``), found from the files, without importing any.

    The migrations are not modules: alembic runs them from their files (see ``data_files``)."""
    modules = []
    for path in sorted((root / "app").rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if "migrations" in parts:
            continue
        modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


def migration_imports(root: Path = ROOT) -> list[str]:
    """What the migration files import: they run from files, so PyInstaller never reads them."""
    names: set[str] = set()
    for path in (root / "app" / "storage" / "migrations").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
    return sorted(n for n in names if n != "__future__")


def qt_left_out(dest: str) -> bool:
    """True for a Qt file the bundle does without (dest: its path inside the bundle)."""
    path = dest.replace("\\", "/").lower()
    if "pyside6/" not in path and not path.startswith("pyside6"):
        return False
    if "/translations/" in path and path.endswith(".qm"):
        return path.rsplit("/", 1)[-1] not in QT_TRANSLATIONS_KEPT
    return any(fnmatch.fnmatch(path, p) for p in QT_LEFT_OUT)


def system_package(soname: str) -> str | None:
    """Linux: the Debian package providing a library the bundle leaves to the system, else None."""
    name = soname.rsplit("/", 1)[-1]
    return next((pkg for pattern, pkg in LINUX_SYSTEM_LIBRARIES.items() if fnmatch.fnmatchcase(name, pattern)), None)


def _left_to_system(dest: str, platform: str) -> bool:
    # pillow.libs and the like carry renamed private copies (libxcb-9065bb12.so...): those stay.
    return platform == "linux" and "/" not in dest.replace("\\", "/") and system_package(dest) is not None


def _shared_library(dest: str) -> bool:
    name = dest.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return name.endswith((".dll", ".dylib")) or ".so" in name


def _root_binary(dest: str) -> bool:
    """Loaded by the interpreter or by Qt, not by another library: extensions, Qt plugins, Python itself."""
    path = dest.replace("\\", "/").lower()
    name = path.rsplit("/", 1)[-1]
    return (name.endswith(".pyd") or ".cpython-" in name or ".abi3." in name or "/plugins/" in path
            or name.startswith(("libpython", "python3")) or "/lib-dynload/" in path)


def prune_libraries(binaries: list, needed_by, platform: str | None = None) -> tuple[list, list]:
    """Drop the Qt left out and the libraries left to the system, then every shared library no kept
    binary needs any more.

    ``binaries`` is PyInstaller's TOC (dest, source, kind); ``needed_by(source)`` gives the names of
    the libraries a binary links to (PyInstaller's ``bindepend.get_imports``). Returns (kept, dropped).
    Libraries loaded with dlopen/LoadLibrary by name are kept by being roots (extensions, plugins)."""
    platform = platform or platform_key()
    out = [entry for entry in binaries if qt_left_out(entry[0]) or _left_to_system(entry[0], platform)]
    kept = [entry for entry in binaries if entry not in out]
    dropped = list(out)
    by_name: dict[str, list] = {}
    for entry in kept:
        by_name.setdefault(entry[0].replace("\\", "/").rsplit("/", 1)[-1].lower(), []).append(entry)
    reachable: set[str] = set()
    todo = [entry for entry in kept if _root_binary(entry[0]) or not _shared_library(entry[0])]
    seen = set()
    while todo:
        entry = todo.pop()
        if entry[0] in seen:
            continue
        seen.add(entry[0])
        reachable.add(entry[0])
        for name in needed_by(entry[1]):
            todo += [t for t in by_name.get(name.replace("\\", "/").rsplit("/", 1)[-1].lower(), []) if t[0] not in seen]
    final = [entry for entry in kept if entry[0] in reachable]
    dropped += [entry for entry in kept if entry[0] not in reachable]
    return final, dropped


def linked_libraries(path: str) -> list[str]:
    """The names of the libraries a binary links to directly (not those they link to in turn).

    Linux: readelf's NEEDED entries (ldd, which PyInstaller uses, answers the whole closure); elsewhere
    PyInstaller's reading of the PE or Mach-O headers, which is direct."""
    if platform_key() == "linux":
        out = subprocess.run(["readelf", "-d", "-W", path], capture_output=True, text=True).stdout
        return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)
    from PyInstaller.depend.bindepend import get_imports

    return [name for name, _resolved in get_imports(path)]


def drop_dangling_links(datas: list, binaries: list) -> list:
    """PyInstaller keeps links to libraries beside the program (kind SYMLINK, source = the link's
    target inside the bundle): keep only those whose target is still there."""
    present = {entry[0].replace("\\", "/") for entry in binaries} | {entry[0].replace("\\", "/") for entry in datas}
    return [entry for entry in datas if entry[2] != "SYMLINK" or entry[1].replace("\\", "/") in present]


def platform_key() -> str:
    return "win32" if sys.platform.startswith("win") else "darwin" if sys.platform == "darwin" else "linux"
