"""The command line: the headless face of the program (contract in DESIGN.md).

Exit status: 0 success; 1 a check failed (verify, audit verify); 2 bad input or unreadable file, with
one clear line on stderr and no traceback. Heavy modules are imported inside the commands so that
``python main.py --help`` and the desktop start stay light.

The commands live by subject: ``records`` (demo, verify, archive, backup, restore), ``admin`` (forms,
audit, users, settings), ``stations`` (station, migrate); ``parser`` is the grammar, ``base`` what
they share.
"""
from __future__ import annotations

import argparse
import logging
import sys
from typing import Callable, Sequence

from app.domain.errors import ConsentError, one_line as _one_line

from .admin import cmd_audit, cmd_forms, cmd_settings, cmd_users
from .base import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, BadUsage
from .parser import build_parser
from .records import cmd_archive, cmd_backup, cmd_demo, cmd_restore, cmd_verify
from .stations import cmd_migrate, cmd_station

__all__ = ["main", "COMMANDS", "BadUsage", "EXIT_OK", "EXIT_FAILED", "EXIT_BAD_INPUT"]
log = logging.getLogger(__name__)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": cmd_demo, "verify": cmd_verify, "forms": cmd_forms, "audit": cmd_audit,
    "users": cmd_users, "archive": cmd_archive, "backup": cmd_backup, "restore": cmd_restore,
    "settings": cmd_settings, "station": cmd_station, "migrate": cmd_migrate,
}


def _configure_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # pyHanko logs recoverable validation details (with tracebacks) at WARNING; the verdict is ours.
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logging.getLogger(name).setLevel(logging.ERROR)


def main(argv: Sequence[str] | None = None) -> int:
    _configure_logging()
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            from app.ui.launch import run_desktop  # only the desktop face needs Qt

            return run_desktop(args.data_dir, args.database)
        # A command answers in one line; warnings meant for the desktop's log stay out of stderr.
        app_log = logging.getLogger("app")
        previous = app_log.level
        app_log.setLevel(logging.ERROR)
        try:
            return COMMANDS[args.command](args)
        finally:
            app_log.setLevel(previous)
    except BadUsage as exc:
        print(f"error: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ConsentError as exc:
        print(f"error: {_one_line(exc.message())}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:  # a file or folder the operator named cannot be used
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        print(_one_line(f"error: {exc.strerror or type(exc).__name__}{where}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback; details stay out of the log
        log.debug("unexpected failure", exc_info=True)
        # A module missing from an installed bundle is named: it says what to fix and carries no patient data.
        missing = f" {exc.name}" if isinstance(exc, ModuleNotFoundError) and exc.name else ""
        print(f"error: unexpected failure ({type(exc).__name__}{missing}); the operation stopped", file=sys.stderr)
        return EXIT_FAILED
