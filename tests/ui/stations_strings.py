"""The interface strings of the stations' screens (issue 16), found in their sources: every
``_t("...")`` of a module whose ``_t`` translates in one context, and every literal
``QCoreApplication.translate("Context", "...")``. Their Arabic is ``resources/i18n/stations_ar.ts``."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULES = {  # module: the context of its _t()
    "app/ui/patient/tablet.py": "Stations",
    "app/ui/desk/handoff.py": "Handoff",
    "app/ui/desk/station_setup.py": "StationSetup",
    "app/ui/station_start.py": "Stations",
    "app/ui/archive/records_office.py": "RecordsOffice",
    "app/ui/common/station_messages.py": "Messages",
}
TS = ROOT / "resources" / "i18n" / "stations_ar.ts"


def _text(node) -> str | None:
    """A string literal, also one split over several lines (implicit concatenation is one Constant)."""
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def strings() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for module, context in MODULES.items():
        tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id == "_t" and _text(node.args[0]) is not None:
                found.add((context, _text(node.args[0])))
            elif isinstance(func, ast.Attribute) and func.attr == "translate" and len(node.args) >= 2:
                ctx, text = _text(node.args[0]), _text(node.args[1])
                if ctx and text is not None:
                    found.add((ctx, text))
    return found
