"""pyHanko's signing and validation are coroutines; the desk and the command line call them from
plain code, sometimes from a thread that already runs an event loop (Qt's asyncio bridge, a test)."""
from __future__ import annotations

import asyncio
import threading
from typing import Any


def run_coroutine(coro, *, thread_name: str = "pyhanko-worker") -> Any:
    """The coroutine's result, run to completion from sync code: in this thread when no event loop
    runs here, else in a short-lived thread of its own (a running loop cannot be re-entered)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coro)
        except BaseException as exc:  # re-raised in the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=target, name=thread_name)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]
