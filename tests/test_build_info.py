"""Which program this is: the version of pyproject.toml (or of a bundle's build_info.json), the commit,
the form files it ships."""
from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from app import build_info as bi
from app.domain.form_loader import load_form

ROOT = Path(__file__).resolve().parents[1]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_a_checkout_reports_pyproject_s_version_its_commit_and_its_forms():
    info = bi.build_info(ROOT)
    assert info.version == VERSION
    if shutil.which("git") and (ROOT / ".git").exists():
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True).stdout.strip()
        assert info.commit.removesuffix("-dirty") == head
    files = sorted((ROOT / "forms").glob("*.yaml"))
    assert [(f.procedure, f.language, f.version, f.content_sha256) for f in info.forms] == sorted(
        (form.procedure, form.language, form.version, form.content_sha256) for form in map(load_form, files))


def test_a_bundle_reports_what_its_build_recorded(tmp_path):
    (tmp_path / bi.BUILD_INFO_FILE).write_text(json.dumps({"version": "9.8.7", "commit": "0123456789ab"}))
    shutil.copytree(ROOT / "forms", tmp_path / "forms")
    info = bi.build_info(tmp_path)
    assert (info.version, info.commit, len(info.forms)) == ("9.8.7", "0123456789ab", 2)
    assert info.lines()[:2] == ["consent-desk 9.8.7", "commit 0123456789ab"]
    assert all(line.startswith("form ") and len(line.split()) == 5 for line in info.lines()[2:])


def test_without_git_nor_a_record_the_commit_is_unknown_and_a_broken_form_is_left_out(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "1.2.3"\n')
    (tmp_path / "forms").mkdir()
    (tmp_path / "forms" / "vertebroplasty.ar.yaml").write_text("not: a form\n")
    info = bi.build_info(tmp_path)
    assert (info.version, info.commit, info.forms) == ("1.2.3", "unknown", ())


def test_the_spec_records_pyproject_s_version_for_the_bundle():
    assert bi.record_for_bundle(ROOT)["version"] == VERSION


@pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")
def test_a_changed_file_marks_the_commit_dirty(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    run = lambda *a: subprocess.run(["git", *a], cwd=repo, check=True, capture_output=True)  # noqa: E731
    run("init", "-q")
    (repo / "f.txt").write_text("one")
    run("add", "f.txt")
    run("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one")
    clean = bi.git_commit(repo)
    (repo / "f.txt").write_text("two")
    assert len(clean) == 12 and bi.git_commit(repo) == clean + "-dirty"
