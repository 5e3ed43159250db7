"""Long work off the UI thread: one function with a busy indicator, or a core generator with progress.

``run_in_background`` (rendering, sealing, printing): the function runs in a QThreadPool worker; its
result or error comes back on the UI thread, while an indeterminate progress dialog shows.

``GeneratorThread`` (export, print bundle, verification of records): the services do long work as
generators that yield progress (``ExportJob.run()`` yields ``Progress(done, total)``,
``ArchiveService.verify_records`` yields one ``RecordCheck`` per record). ``GeneratorThread`` iterates
one in a QThread and hands every item back to the UI thread as a signal; ``cancel()`` asks the job to
stop (``ExportJob.cancel``) and closes the generator at the next step, so the core's own clean-up
(temporary files removed, a "cancelled" audit event) runs.
"""
from __future__ import annotations

import logging
import threading
from typing import Any, Callable, Iterator

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThread, QThreadPool, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QProgressDialog, QPushButton, QWidget

log = logging.getLogger(__name__)


class GeneratorThread(QThread):
    step = Signal(object)  # each item the generator yields
    succeeded = Signal()  # ran to its end
    cancelled = Signal()  # stopped by cancel(); the generator has cleaned up
    failed = Signal(object)  # the exception

    def __init__(self, make: Callable[[], Iterator[Any]], on_cancel: Callable[[], None] | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self._make = make
        self._on_cancel = on_cancel
        self._stop = threading.Event()
        self.outcome = ""  # "done" | "cancelled" | "failed"

    def cancel(self) -> None:
        """Thread-safe; the generator stops at its next step."""
        self._stop.set()
        if self._on_cancel is not None:
            self._on_cancel()

    @property
    def cancelling(self) -> bool:
        return self._stop.is_set()

    def run(self) -> None:  # the worker thread
        try:
            gen = self._make()
            try:
                for item in gen:
                    if self._stop.is_set():
                        break
                    self.step.emit(item)
            finally:
                close = getattr(gen, "close", None)
                if close is not None:
                    close()  # GeneratorExit inside: the core removes what it started
        except Exception as exc:  # noqa: BLE001 - handed to the UI thread, which shows it
            log.warning("background job failed: %s", type(exc).__name__)
            self.outcome = "failed"
            self.failed.emit(exc)
            return
        if self._stop.is_set():
            self.outcome = "cancelled"
            self.cancelled.emit()
        else:
            self.outcome = "done"
            self.succeeded.emit()

    def stop_and_wait(self, ms: int = 30000) -> None:
        """Cancel and wait for the thread (closing a dialog while it works)."""
        if self.isRunning():
            self.cancel()
            self.wait(ms)


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


class GeneratorDialog(QDialog):
    """A dialog that runs one ``GeneratorThread`` (``self.thread``): Cancel first stops the work, then
    closes; closing waits for the thread, so nothing runs on after the dialog, and ``_cleanup`` runs.
    Its row of actions (``action_row``) ends with that Cancel, which reads Close once the work is done."""

    thread: GeneratorThread | None
    cancel_button: QPushButton

    def action_row(self, *actions: QPushButton) -> QHBoxLayout:
        """The dialog's own actions at the end of one row, then Cancel (``self.cancel_button``)."""
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel)
        self._name_cancel(QCoreApplication.translate("GeneratorDialog", "Cancel"))
        row = QHBoxLayout()
        row.addStretch(1)
        for button in (*actions, self.cancel_button):
            row.addWidget(button)
        return row

    def work_done(self) -> None:
        """Nothing is left to stop: Cancel becomes Close."""
        self._name_cancel(QCoreApplication.translate("GeneratorDialog", "Close"))

    def _name_cancel(self, text: str) -> None:
        self.cancel_button.setText(text)
        self.cancel_button.setAccessibleName(text)

    @property
    def busy(self) -> bool:
        return self.thread is not None and self.thread.isRunning()

    def cancel(self) -> None:
        if self.busy:
            self.thread.cancel()
            return
        self.reject()

    def reject(self) -> None:
        if self.thread is not None:
            self.thread.stop_and_wait()
        self._cleanup()
        super().reject()

    def _cleanup(self) -> None:
        """What the dialog leaves behind when it closes (temporary files): nothing by default."""
