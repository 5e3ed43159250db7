"""Typed errors of the core.

Every error carries a stable ``code`` and plain ``params``; the desk translates the code for people
and the command line prints ``message()`` as one line. The core never calls Qt's ``tr()``.
"""
from __future__ import annotations

from typing import Any


class ConsentError(Exception):
    """Base of every error the core raises on purpose."""

    code = "error"

    def __init__(self, code: str | None = None, message: str | None = None, **params: Any) -> None:
        self.code = code or self.code
        self.params = params
        self._message = message
        super().__init__(self.message())

    def message(self) -> str:
        """One line in English for operators and logs (never patient data in params)."""
        if self._message:
            return one_line(self._message)
        if not self.params:
            return self.code
        details = ", ".join(f"{k}={v}" for k, v in sorted(self.params.items()))
        return one_line(f"{self.code}: {details}")


def one_line(text: str) -> str:
    """Messages may quote what someone typed: one line, invisible characters shown as \\uXXXX."""
    text = " ".join(str(text).split())
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)


class InvalidInput(ConsentError):
    """Input a person typed or a file supplied is not acceptable; nothing was stored."""

    code = "invalid_input"


class FormInvalid(InvalidInput):
    """A form file breaks the schema: ``file``, ``path`` and ``problem`` say where and what."""

    code = "form_invalid"

    def __init__(self, file: str, path: str, problem: str) -> None:
        super().__init__(None, f"{file}: {path}: {problem}", file=file, path=path, problem=problem)


class AccessDenied(ConsentError):
    code = "access_denied"


class NotFound(ConsentError):
    code = "not_found"


class InvalidState(ConsentError):
    """The action does not fit the state of the record or session (e.g. signing twice)."""

    code = "invalid_state"


class StorageFailure(ConsentError):
    code = "storage_failure"
