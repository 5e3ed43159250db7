"""Watching the shared database from a thread of its own, so a screen never waits for the network.

``StationWatcher`` runs ``probe()`` (a service call that returns a snapshot) whenever another station
sends a notification (PostgreSQL ``LISTEN``) and at least every ``interval`` seconds otherwise (the
polling fallback), and hands the result to the screen through a queued Qt signal: ``changed(result)``,
or ``failed(error)`` when the database cannot be reached. ``every`` seconds it also runs ``beat()``
(the station's heartbeat).
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from app.storage.notify import Listener

log = logging.getLogger(__name__)


class StationWatcher(QObject):
    changed = Signal(object)
    failed = Signal(object)

    def __init__(self, db, probe: Callable[[], Any], *, interval: float = 1.0, beat: Callable[[], None] | None = None,
                 every: float = 5.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db, self._probe, self._beat = db, probe, beat
        self.interval, self.every = interval, every
        self._stop = threading.Event()
        self._poke = threading.Event()
        self._thread: threading.Thread | None = None
        self._listener: Listener | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._listener = Listener(self._db)
        self._thread = threading.Thread(target=self._run, name="station-watch", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        """Look again at the end of the current wait without waiting for the next one."""
        self._poke.set()

    def stop(self) -> None:
        self._stop.set()
        if self._listener is not None:
            self._listener.close()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._thread = None

    @property
    def listening(self) -> bool:
        return self._listener is not None and self._listener.listening

    def _run(self) -> None:
        assert self._listener is not None
        last_beat = 0.0
        while not self._stop.is_set():
            if self._beat is not None and time.monotonic() - last_beat >= self.every:
                try:
                    self._beat()
                    last_beat = time.monotonic()
                except Exception as exc:  # noqa: BLE001 - reported through the probe below
                    log.info("heartbeat failed (%s)", type(exc).__name__)
            try:
                result = self._probe()
            except Exception as exc:  # noqa: BLE001 - the screen says the database is unreachable
                signal, value = self.failed, exc
            else:
                signal, value = self.changed, result
            try:
                if not self._stop.is_set():
                    signal.emit(value)
            except RuntimeError:  # the screen was deleted without stopping us
                break
            if self._poke.is_set():
                self._poke.clear()
                continue
            self._listener.wait(self.interval)
        self._listener.close()
