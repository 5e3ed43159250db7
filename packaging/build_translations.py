"""Build every ``resources/i18n/*.ts`` into ``.qm`` beside it (for packaging), with pyside6-lrelease.

    python packaging/build_translations.py            # .ts -> .qm (what the installer ships)
    python packaging/build_translations.py --update   # refresh desk_*.ts from the shell's sources

``--update`` runs pyside6-lupdate over the shell's modules. ``app/ui/common/messages.py`` translates through a
small wrapper ``_t(text)`` in the context "Messages", which lupdate does not know: it is given as an
alias of ``tr`` (which lupdate files under an empty context), and the empty context is renamed to
"Messages" afterwards (and back before the next run, so existing translations are kept).
The .qm files are build output (.gitignore); at run time app/ui/common/i18n.py builds any missing or stale
one into the user cache folder.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
SHELL_SOURCES = ["launch.py", "desk/window.py", "desk/about.py", "desk/first_run.py", "desk/login.py",
                 "desk/idle_lock.py", "desk/today_page.py", "desk/settings_dialog.py", "common/messages.py",
                 "common/worker.py"]
SHELL_LANGUAGES = ["ar"]


def tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        sys.exit(f"error: {name} not found (it comes with PySide6)")
    return found


def build(folder: Path = I18N) -> list[Path]:
    lrelease = tool("pyside6-lrelease")
    built = []
    for ts in sorted(folder.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
        print(qm.relative_to(ROOT))
    return built


def update() -> None:
    lupdate = tool("pyside6-lupdate")
    sources = [str(ROOT / "app" / "ui" / name) for name in SHELL_SOURCES]
    for language in SHELL_LANGUAGES:
        ts = I18N / f"desk_{language}.ts"
        if ts.exists():
            ts.write_text(ts.read_text(encoding="utf-8").replace("<name>Messages</name>", "<name></name>"),
                          encoding="utf-8")
        subprocess.run([lupdate, "-tr-function-alias", "tr+=_t", "-locations", "none", *sources,
                        "-ts", str(ts), "-target-language", language], check=True)
        ts.write_text(ts.read_text(encoding="utf-8").replace("<name></name>", "<name>Messages</name>"),
                      encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="refresh the shell's .ts from the sources first")
    args = parser.parse_args(argv)
    if args.update:
        update()
    build()
    return 0


if __name__ == "__main__":
    sys.exit(main())
