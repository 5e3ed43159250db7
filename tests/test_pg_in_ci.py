"""The PostgreSQL variants need a server: skipped on a developer's machine without one, a failure in CI
(``CI=true``, set by .ci/run), so a CI image that lost its PostgreSQL cannot pass by skipping."""
from __future__ import annotations

import pytest

import tests.pg as pg


@pytest.fixture
def no_postgresql(monkeypatch):
    monkeypatch.setattr(pg, "_bindir", lambda: None)  # initdb nowhere: as on a machine without the package


def test_in_ci_a_missing_server_fails_the_run(no_postgresql, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="PostgreSQL is required in CI: initdb was not found"):
        pg.start_or_skip()


def test_elsewhere_a_missing_server_skips_with_the_reason(no_postgresql, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="PostgreSQL not available: initdb was not found"):
        pg.start_or_skip()


def test_ci_run_installs_postgresql_and_sets_ci():
    from pathlib import Path

    script = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "postgresql" in script.split("apt-get install", 2)[2].split("\n")[0]
    assert "export CI=true" in script
