"""``consent-desk --version``, and a module missing from a bundle named in the one-line error."""
from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from app import cli

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_version_names_the_program_the_commit_and_each_form():
    done = subprocess.run([sys.executable, "main.py", "--version"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0] == f"consent-desk {VERSION}"
    assert lines[1].startswith("commit ") and lines[1] != "commit "
    forms = [line.split() for line in lines[2:]]
    assert sorted(f[1] for f in forms) == sorted(p.name.split(".")[0] for p in (ROOT / "forms").glob("*.yaml"))
    assert all(f[0] == "form" and f[2] == "ar" and len(f[4]) == 16 for f in forms)


def test_a_missing_module_is_named_in_one_line(monkeypatch, capsys):
    def broken(args):
        raise ModuleNotFoundError("No module named 'reportlab.graphics.barcode.code128'",
                                  name="reportlab.graphics.barcode.code128")

    monkeypatch.setitem(cli.COMMANDS, "audit", broken)
    assert cli.main(["audit", "verify"]) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert err == ("error: unexpected failure (ModuleNotFoundError reportlab.graphics.barcode.code128); "
                   "the operation stopped\n")


def test_other_unexpected_failures_still_name_only_their_kind(monkeypatch, capsys):
    def broken(args):
        raise ValueError("patient Fatimah Alzahrani 1023456789")

    monkeypatch.setitem(cli.COMMANDS, "audit", broken)
    assert cli.main(["audit", "verify"]) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert err == "error: unexpected failure (ValueError); the operation stopped\n" and "Fatimah" not in err
