"""pyHanko's coroutines run to completion from plain code, inside or outside a running event loop."""
from __future__ import annotations

import asyncio
import threading

import pytest

from app.documents.run_async import run_coroutine


async def _where() -> str:
    await asyncio.sleep(0)
    return threading.current_thread().name


async def _fails() -> None:
    raise ValueError("from the coroutine")


def test_without_a_loop_it_runs_in_this_thread():
    assert run_coroutine(_where()) == threading.current_thread().name


def test_inside_a_running_loop_it_runs_in_a_thread_of_its_own():
    async def caller() -> str:
        return run_coroutine(_where(), thread_name="seal-check")

    assert asyncio.run(caller()) == "seal-check"


def test_an_error_reaches_the_caller_from_either_path():
    with pytest.raises(ValueError, match="from the coroutine"):
        run_coroutine(_fails())

    async def caller() -> None:
        run_coroutine(_fails())

    with pytest.raises(ValueError, match="from the coroutine"):
        asyncio.run(caller())
