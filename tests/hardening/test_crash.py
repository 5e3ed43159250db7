"""SIGKILL at random moments while records are being saved; afterwards nothing is lost or half-written.

A forked worker (see ``fault_worker``) runs the demo's sealing loop on a data folder; the test kills
it after a random delay, then checks the folder as a restart sees it (``invariants.check_folder``).
Folders are reused for a chain of trials, so later kills hit a folder with history (and the first
kill of a chain may hit the migrations or the first-run certificate).

Default suite: 5 trials. ``python -m pytest -m slow tests/hardening/test_crash.py``: 200 trials.
"""
from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.backends import database_for, url_of

from . import fault_worker
from .invariants import check_folder

CHAIN = 10  # trials per data folder
MAX_DELAY = 3.0  # seconds after the worker is ready (a consent takes about a second here)


@pytest.fixture(scope="module")
def forkserver():
    mp = multiprocessing.get_context("forkserver")
    mp.set_forkserver_preload(fault_worker.PRELOAD)
    return mp


def run_trials(mp, root: Path, trials: int, seed: int, max_delay: float = MAX_DELAY) -> dict:
    rng = random.Random(seed)
    stats: Counter = Counter()
    delays: list[float] = []
    verified: dict[Path, set] = {}
    started = time.monotonic()
    # A private copy of the forms: the shared working tree may change during a long run.
    forms = root / "forms"
    shutil.copytree(Path(__file__).resolve().parents[2] / "forms", forms)
    for trial in range(trials):
        data_dir = root / f"data-{trial // CHAIN}"
        out_dir = root / f"out-{trial // CHAIN}"
        ready = mp.Event()
        database = database_for(data_dir)  # PostgreSQL runs: the folder's database on the server
        url = url_of(database) if database is not None else None
        if database is not None:
            database.close()
        proc = mp.Process(target=fault_worker.run, args=(str(data_dir), str(out_dir), trial, ready, str(forms), url),
                           daemon=True)
        proc.start()
        if rng.random() < 0.15:  # while the program starts: migrations, forms, staff accounts
            delay = rng.uniform(0.0, 0.6)
            stats["killed_at_start"] += 1
        else:
            assert ready.wait(60), "the worker did not start"
            delay = rng.uniform(0.0, max_delay)
        time.sleep(delay)
        delays.append(delay)
        if proc.is_alive():
            os.kill(proc.pid, 9)  # SIGKILL
            stats["killed"] += 1
        proc.join(30)
        assert proc.exitcode is not None
        if proc.exitcode not in (-9,):
            stats[f"exit_{proc.exitcode}"] += 1  # the worker failed on its own: a finding
        report = check_folder(data_dir, out_dir, verified.setdefault(data_dir, set()), forms_dir=forms)
        stats["stale_copy_parts"] += report.stale_copy_parts
        stats["stale_seal_parts"] += report.stale_seal_parts
        verified[data_dir] = report.verified
        stats[f"last_records_{data_dir.name}"] = report.records
        stats[f"last_drafts_{data_dir.name}"] = report.drafts_open
    total_records = sum(v for k, v in stats.items() if k.startswith("last_records_"))
    total_drafts = sum(v for k, v in stats.items() if k.startswith("last_drafts_"))
    return {"trials": trials, "killed": stats["killed"], "killed_at_start": stats["killed_at_start"],
            "worker_failures": {k: v for k, v in stats.items() if k.startswith("exit_")},
            "records_checked": total_records, "open_drafts_recovered": total_drafts,
            "stale_copy_parts": stats["stale_copy_parts"], "stale_seal_parts": stats["stale_seal_parts"],
            "seconds": round(time.monotonic() - started, 1),
            "mean_delay": round(sum(delays) / len(delays), 2)}


def _report(name: str, figures: dict) -> None:
    print(f"\n[reliability] {name}: {figures}")


def test_sigkill_while_saving_short(forkserver, tmp_path):
    figures = run_trials(forkserver, tmp_path, 5, seed=20261128, max_delay=0.8)
    _report("sigkill-short", figures)
    assert figures["worker_failures"] == {}
    assert figures["killed"] >= 4  # the worker never stops on its own; a trial may end before it started


@pytest.mark.slow
def test_sigkill_while_saving_200_trials(forkserver, tmp_path):
    figures = run_trials(forkserver, tmp_path, int(os.environ.get("CONSENT_CRASH_TRIALS", "200")), seed=7)
    _report("sigkill-200", figures)
    assert figures["worker_failures"] == {}
    assert figures["records_checked"] > 0
