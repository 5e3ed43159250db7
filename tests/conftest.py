"""Every test gets a fresh, private data folder; Qt never needs a display; randomized tests repeat.

Hypothesis draws the same examples on every run (``derandomize``), so a submission never fails on
luck and a failure is reproduced by running the test again. The wide random search is a run of its
own, not part of the suite: ``HYPOTHESIS_PROFILE=wide python -m pytest tests/domain tests/storage
tests/hardening`` (new examples every time, many more of them; a failure prints how to reproduce it).
"""
from __future__ import annotations

import os

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

settings.register_profile("deterministic", derandomize=True, database=None, print_blob=True)
settings.register_profile("wide", max_examples=1000, derandomize=False, database=None, print_blob=True,
                          deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("CONSENT_DESK_DATA", str(data))
    return data
