"""Start-up: the first window before the data folder; heavy modules stay unloaded; a folder that
cannot be opened gives a message, not a traceback."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(code: str, tmp_path, **env) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(tmp_path / "cache"), **env}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=full_env, capture_output=True, text=True,
                          timeout=120)


def test_desktop_opens_the_folder_after_the_window_without_heavy_imports(tmp_path):
    code = (
        "import sys\n"
        "from app.cli import main\n"
        f"rc = main(['--data-dir', {str(tmp_path / 'data')!r}])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules if m.startswith(('reportlab', 'pyhanko'))}"
        " | {m for m in sys.modules if m.startswith('app.documents')})\n"
        "print('RC', rc, 'HEAVY', heavy)\n"
    )
    done = run(code, tmp_path, CONSENT_DESK_EXIT_AFTER_SHOW="ready")
    assert "RC 0 HEAVY []" in done.stdout, done.stdout + done.stderr
    assert (tmp_path / "data" / "consent.db").exists()
    assert "Traceback" not in done.stderr


def test_exit_after_show_does_not_open_the_folder(tmp_path):
    done = run(f"from app.cli import main; print('RC', main(['--data-dir', {str(tmp_path / 'd')!r}]))", tmp_path,
               CONSENT_DESK_EXIT_AFTER_SHOW="1")
    assert "RC 0" in done.stdout, done.stderr
    assert not (tmp_path / "d").exists()


PATCHED = (
    "from PySide6.QtWidgets import QMessageBox\n"
    "QMessageBox.exec = lambda box: print('BOX', int(box.icon() == QMessageBox.Critical), "
    "box.text().replace(chr(10), ' '), flush=True) or 0\n"
    "from app.ui import launch\n"
)


def test_unreadable_data_folder_gives_a_clear_message(tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    done = run(PATCHED + f"print('RC', launch.run_desktop({str(not_a_folder)!r}))", tmp_path,
               CONSENT_DESK_EXIT_AFTER_SHOW="ready")
    assert "RC 1" in done.stdout, done.stdout + done.stderr
    assert "BOX 1 " in done.stdout and str(not_a_folder) in done.stdout
    assert "Traceback" not in done.stderr


def test_network_share_is_named(tmp_path):
    code = PATCHED + (
        "from app.domain.errors import InvalidInput\n"
        "def refuse(data_dir, database=None):\n"
        "    raise InvalidInput('data_dir_network_share', 'on a network share')\n"
        "launch.open_services = refuse\n"
        f"print('RC', launch.run_desktop({str(tmp_path)!r}))\n"
    )
    done = run(code, tmp_path, CONSENT_DESK_EXIT_AFTER_SHOW="ready")
    assert "RC 1" in done.stdout, done.stdout + done.stderr
    assert "مشاركة شبكية" in done.stdout and str(tmp_path) in done.stdout  # said in Arabic, with the folder


def test_ready_names_the_first_screen(tmp_path):
    """The bundle's smoke test reads this line: set-up on a new folder."""
    done = run(f"from app.cli import main; print('RC', main(['--data-dir', {str(tmp_path / 'd')!r}]))", tmp_path,
               CONSENT_DESK_EXIT_AFTER_SHOW="ready")
    assert "ready FirstRunPage\n" in done.stdout and "RC 0" in done.stdout, done.stdout + done.stderr


def test_a_missing_protection_trigger_stops_the_desk_with_a_clear_message(tmp_path):
    """A trigger dropped from the database: the desk does not start on it, and says why (in Arabic)."""
    import sqlite3

    from app.storage.database import Database

    db = Database.for_data_dir(tmp_path / "data")
    db.upgrade()
    db.close()
    con = sqlite3.connect(tmp_path / "data" / "consent.db")
    con.execute("DROP TRIGGER trg_records_no_delete")
    con.commit()
    con.close()
    done = run(PATCHED + f"print('RC', launch.run_desktop({str(tmp_path / 'data')!r}))", tmp_path,
               CONSENT_DESK_EXIT_AFTER_SHOW="ready")
    assert "RC 1" in done.stdout, done.stdout + done.stderr
    assert "BOX 1 " in done.stdout and "مشغّلات الحماية" in done.stdout and "audit protect" in done.stdout
    assert "Traceback" not in done.stderr
