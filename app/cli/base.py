"""What every command shares: exit statuses, one-line bad usage, reading a password, the staff
sign-in, and opening the station's database."""
from __future__ import annotations

import argparse
import getpass
import sys

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class BadUsage(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2 (argparse prints usage + error)
        raise BadUsage(message)


def read_password(args: argparse.Namespace, prompt: str) -> str:
    """One password: a line of standard input with ``--password-stdin``, else asked at the terminal."""
    if getattr(args, "password_stdin", False):
        line = sys.stdin.readline() if sys.stdin is not None else ""
        return line.rstrip("\r\n")
    if sys.stdin is None or not sys.stdin.isatty():
        raise BadUsage("no terminal to ask the password: give --password-stdin and the password on standard input")
    return getpass.getpass(prompt)


def sign_in(args: argparse.Namespace, ctx, action: str):
    """The staff member named by ``--user``, signed in like at the desk (audited, back-off) and allowed
    ``action`` by the same role rules; ConsentError (exit 2) otherwise."""
    from app.domain.roles import require
    from app.services.auth import AuthService

    if not getattr(args, "user", None):
        raise BadUsage(f"{args.command}: sign in with --user NAME (password asked, or --password-stdin)")
    password = read_password(args, f"Password for {args.user}: ")
    return require(AuthService(ctx).login(args.user, password, purpose="cli"), action)


def open_context(args: argparse.Namespace, *, require_protection: bool = True):
    from app.paths import resolve_data_dir
    from app.services.connection import open_station_context

    return open_station_context(resolve_data_dir(args.data_dir), getattr(args, "database", None),
                                trust_file=getattr(args, "trust", None), require_protection=require_protection)
