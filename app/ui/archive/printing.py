"""Where a print goes: the system's print queue (CUPS ``lp`` on Linux and macOS) when there is one,
otherwise a QPrinter chosen in Qt's print dialog, drawn at the printer's resolution.

A backend has ``name``, ``queues()``, ``default_queue()`` and ``submit(pdf, queue, copies, title)``,
which returns a job reference (or raises ``PrintFailed``). Tests inject a fake one; nothing here needs
CUPS to be installed: without ``lp``/``lpstat`` or without a queue, ``detect_backend()`` returns None and
the desk prints through QPrinter.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Protocol

from app.domain.errors import ConsentError

log = logging.getLogger(__name__)

LP_TIMEOUT = 20  # seconds


class PrintFailed(ConsentError):
    code = "print_failed"


class PrintBackend(Protocol):
    name: str

    def queues(self) -> list[str]: ...

    def default_queue(self) -> str: ...

    def submit(self, pdf: Path, queue: str, copies: int, title: str) -> str: ...


def _run(cmd: list[str], timeout: int = LP_TIMEOUT) -> subprocess.CompletedProcess:
    env = dict(os.environ, LC_ALL="C", LANG="C")  # parse stable English output
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, check=False)


class LpBackend:
    """CUPS (or any lp-compatible spooler): ``lpstat -e`` lists queues, ``lp -d`` prints."""

    name = "cups"

    def __init__(self, lp: str, lpstat: str) -> None:
        self.lp, self.lpstat = lp, lpstat

    def queues(self) -> list[str]:
        try:
            out = _run([self.lpstat, "-e"], timeout=5)
        except (OSError, subprocess.SubprocessError):
            return []
        if out.returncode != 0:
            return []
        return [line.strip() for line in out.stdout.splitlines() if line.strip()]

    def default_queue(self) -> str:
        try:
            out = _run([self.lpstat, "-d"], timeout=5)
        except (OSError, subprocess.SubprocessError):
            return ""
        match = re.search(r"system default destination:\s*(\S+)", out.stdout)
        return match.group(1) if match else ""

    def submit(self, pdf: Path, queue: str, copies: int, title: str) -> str:
        if not queue or queue.startswith("-"):
            raise PrintFailed("print_failed", "no print queue chosen")
        cmd = [self.lp, "-d", queue, "-n", str(int(copies)), "-t", title[:80] or "consent", "--", str(pdf)]
        try:
            out = _run(cmd)
        except (OSError, subprocess.SubprocessError) as exc:
            raise PrintFailed("print_failed", f"lp could not run ({type(exc).__name__})") from None
        if out.returncode != 0:
            # lp's message names the queue and the problem, never patient data (the title is a count)
            raise PrintFailed("print_failed", f"lp: {(out.stderr or out.stdout).strip()[:200]}")
        match = re.search(r"request id is (\S+)", out.stdout)
        return match.group(1) if match else ""


def detect_backend() -> LpBackend | None:
    """The system's print queue when ``lp`` and ``lpstat`` exist and at least one queue is set up."""
    lp, lpstat = shutil.which("lp"), shutil.which("lpstat")
    if not lp or not lpstat:
        return None
    backend = LpBackend(lp, lpstat)
    return backend if backend.queues() else None


class QtPrinterBackend:
    """A QPrinter (from Qt's print dialog): every page rendered at the printer's resolution."""

    name = "qprinter"

    def __init__(self, printer) -> None:
        self.printer = printer

    def queues(self) -> list[str]:
        return []

    def default_queue(self) -> str:
        return self.printer.printerName()

    def submit(self, pdf: Path, queue: str, copies: int, title: str) -> str:
        from ..common.pdf_printing import render_to_printer

        self.printer.setDocName(title)
        self.printer.setCopyCount(max(1, int(copies)))
        try:
            pages = render_to_printer(Path(pdf).read_bytes(), self.printer)
        except OSError as exc:
            raise PrintFailed("print_failed", str(exc)[:200]) from None
        return f"{pages}"

    def printer_label(self) -> str:
        return self.printer.printerName() or self.printer.outputFileName() or "printer"
