"""The core (domain, storage, documents, services, cli) never imports PySide6; only app/ui may."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            names.add("." * node.level + (node.module or ""))
    return names


def test_only_ui_imports_pyside6():
    offenders = [
        str(p.relative_to(APP.parent))
        for p in APP.rglob("*.py")
        if "ui" not in p.relative_to(APP).parts[:1]
        and any(n.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6") for n in _imports(p))
    ]
    assert offenders == []


def test_domain_imports_nothing_of_the_app_outside_domain():
    offenders = []
    for p in (APP / "domain").rglob("*.py"):
        for name in _imports(p):
            if name.startswith("app.") and not name.startswith("app.domain"):
                offenders.append((p.name, name))
            if name.startswith(".."):
                offenders.append((p.name, name))
    assert offenders == []


ALLOWED = {
    "domain": {"domain"},
    "storage": {"domain", "storage"},
    "documents": {"domain", "documents"},
    "services": {"domain", "storage", "documents", "services"},
}


def test_imports_point_down():
    offenders = []
    for layer, allowed in ALLOWED.items():
        for p in (APP / layer).rglob("*.py"):
            for name in _imports(p):
                parts = name.split(".")
                if parts[0] == "app" and len(parts) > 1 and parts[1] != "paths" and parts[1] not in allowed:
                    offenders.append((str(p.relative_to(APP)), name))
    assert offenders == []


def test_ui_common_serves_every_screen_and_imports_none():
    """app/ui/common is what the desk, patient, archive and admin packages share: it imports none of them."""
    offenders = []
    for p in (APP / "ui" / "common").rglob("*.py"):
        for name in _imports(p):
            absolute = name if not name.startswith(".") else (
                "app.ui" + ("." + name.lstrip(".") if name.lstrip(".") else "") if name.startswith("..")
                else "app.ui.common." + name.lstrip("."))
            if absolute.startswith("app.ui.") and not absolute.startswith("app.ui.common"):
                offenders.append((p.name, name))
    assert offenders == []


def test_core_runs_without_qt_installed_import():
    """Importing the whole core and running the CLI help must not load PySide6."""
    code = (
        "import sys, importlib, pkgutil, app\n"
        "for m in pkgutil.walk_packages(app.__path__, 'app.'):\n"
        "    if m.name.startswith('app.ui') or 'migrations' in m.name: continue\n"
        "    importlib.import_module(m.name)\n"
        "assert not any(k.startswith('PySide6') for k in sys.modules), 'PySide6 loaded by the core'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=APP.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
