"""Helpers for the hardening tests: a context on a private folder, the flow up to the seal, mounts."""
from __future__ import annotations

import contextlib
import subprocess
from pathlib import Path

import pytest

from tests.services.conftest import PATIENT, make_env, plan, seal_consent, sign_all, start_discussed  # noqa: F401


@pytest.fixture(autouse=True)
def _both_engines(backend):
    """Every hardening test runs on SQLite and on PostgreSQL (``sqlite_only`` opts out)."""
    return backend


def ready_to_seal(env) -> str:
    """A consent draft with everything but the seal: the work a fault must not lose."""
    draft_id = start_discussed(env)
    env.desk().add_question(env.nurse, draft_id, "هل سأحتاج إلى تخدير عام؟", "لا، تخدير موضعي مع مهدئ.")
    sign_all(env, draft_id)
    return draft_id


def record_count(env) -> int:
    with env.ctx.db.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM records").scalar_one()


@contextlib.contextmanager
def tmpfs(where: Path, size: str = "4m"):
    """A small RAM file system at ``where`` (root only); skips the test where mounting is impossible."""
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()[:80]})")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def remount(where: Path, mode: str) -> None:
    done = subprocess.run(["mount", "-o", f"remount,{mode}", str(where)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
