"""Build every ``resources/i18n/*.ts`` into ``.qm`` beside it (for packaging), with pyside6-lrelease.

    python packaging/build_translations.py            # .ts -> .qm (what the installer ships)
    python packaging/build_translations.py --update   # refresh every .ts from its sources first

``--update`` runs pyside6-lupdate over each file's modules (``TS_SOURCES``), keeps the existing
translations and drops the strings the sources no longer have; new strings come in "unfinished" until
someone translates them (the i18n tests refuse an unfinished one). ``plurals_en.ts`` holds only the
English plural forms ("1 record found.", "3 records found."): English is the source language, so it
needs no other translation. ``app/ui/common/messages.py`` translates through a small wrapper ``_t(text)`` in
the context "Messages", which lupdate does not know: it is given as an alias of ``tr`` (which lupdate
files under an empty context), and the empty context is renamed to "Messages" afterwards (and back
before the next run, so existing translations are kept).
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
# The other translation files and the modules each one covers (desk_<lang>.ts is the shell's, above).
TS_SOURCES = {
    "consent_flow": ["common/widgets.py", "common/date_field.py", "common/file_dialogs.py", "desk/consent_flow.py",
                     "desk/discussion_page.py", "desk/override_dialog.py", "desk/patient_page.py",
                     "desk/readiness_page.py", "desk/record_page.py", "desk/signing_page.py", "desk/spine_picker.py",
                     "patient/signature_pad.py"],
    "patient_screen": ["patient/window.py", "patient/review.py", "patient/signing.py", "patient/kiosk.py",
                       "patient/read_aloud.py", "patient/screens.py"],
    "archive": ["admin/audit_page.py", "admin/form_reader.py", "admin/forms_page.py", "admin/institution_page.py",
                "admin/users_page.py", "admin/window.py", "archive/export_dialog.py", "archive/outcome_dialogs.py",
                "archive/preview.py", "archive/print_dialog.py", "archive/search.py", "archive/verify.py",
                "archive/window.py", "common/words.py"],
}


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
    ui = ROOT / "app" / "ui"
    sources = [str(ui / name) for name in SHELL_SOURCES]
    for language in SHELL_LANGUAGES:
        ts = I18N / f"desk_{language}.ts"
        if ts.exists():
            ts.write_text(ts.read_text(encoding="utf-8").replace("<name>Messages</name>", "<name></name>"),
                          encoding="utf-8")
        subprocess.run([lupdate, "-tr-function-alias", "tr+=_t", "-locations", "none", "-no-obsolete", *sources,
                        "-ts", str(ts), "-target-language", language], check=True)
        ts.write_text(ts.read_text(encoding="utf-8").replace("<name></name>", "<name>Messages</name>"),
                      encoding="utf-8")
        for name, modules in TS_SOURCES.items():
            subprocess.run([lupdate, "-locations", "relative", "-no-obsolete", *[str(ui / m) for m in modules],
                            "-ts", str(I18N / f"{name}_{language}.ts"), "-target-language", language], check=True)
    every = sorted(str(p) for p in ui.rglob("*.py"))
    subprocess.run([lupdate, "-pluralonly", "-locations", "none", "-no-obsolete", *every,
                    "-ts", str(I18N / "plurals_en.ts"), "-source-language", "en", "-target-language", "en"],
                   check=True)


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
