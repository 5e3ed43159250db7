"""Long work (rendering, sealing, printing) off the UI thread, with a busy indicator.

The function runs in a QThreadPool worker; its result or error comes back on the UI thread.
"""
from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - handed to the UI thread, which shows it
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


_running: set[_Job] = set()  # keep jobs (and their signal objects) alive until they report


def run_in_background(parent: QWidget, fn: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None], label: str = "") -> QProgressDialog:
    """Run ``fn`` off the UI thread; show an indeterminate progress dialog until it finishes."""
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(300)
    dialog.setAccessibleName(label)
    job = _Job(fn)
    _running.add(job)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        _running.discard(job)
        dialog.reset()
        dialog.deleteLater()
        callback(value)

    job.signals.done.connect(lambda r: finish(on_done, r), Qt.QueuedConnection)
    job.signals.failed.connect(lambda e: finish(on_error, e), Qt.QueuedConnection)
    QThreadPool.globalInstance().start(job)
    return dialog
