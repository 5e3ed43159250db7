"""The command line's grammar: global options before the command, then each command's options."""
from __future__ import annotations

import argparse

from .base import EXIT_OK, Parser
from .stations import add_station_commands


class _VersionAction(argparse.Action):
    """``--version``: the program's version, the commit it was built from, the form versions it ships."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from app.build_info import build_info

        print("\n".join(build_info().lines()))
        parser.exit(EXIT_OK)


def _sign_in_options() -> argparse.ArgumentParser:
    """``--user`` and ``--password-stdin``: the staff sign-in of every command that changes or reveals data."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--user", help="your staff username (the password is asked, or read from standard input)")
    parent.add_argument("--password-stdin", action="store_true",
                        help="read the password from standard input (one line; a second line for a new password)")
    return parent


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="consent-desk", description="Vertebroplasty / kyphoplasty consent desk")
    p.add_argument("--version", action=_VersionAction, nargs=0,
                   help="print the version, the build's commit and the form versions, then exit")
    signed = _sign_in_options()
    p.add_argument("--data-dir", help="folder for the database, settings and certificate "
                                      "(default: $CONSENT_DESK_DATA or the user data folder)")
    p.add_argument("--database", help="a shared PostgreSQL database: postgresql://ROLE@HOST:PORT/DATABASE "
                                      "(default: $CONSENT_DESK_DATABASE, the station file, else SQLite "
                                      "in the data folder)")
    sub = p.add_subparsers(dest="command", parser_class=Parser)

    demo = sub.add_parser("demo", help="run the whole workflow headless with synthetic signatures")
    demo.add_argument("--out", required=True, help="folder that receives copies of the sealed PDFs")
    demo.add_argument("--count", type=int, default=1, help="number of consents (1-500)")
    demo.add_argument("--patient", help="patient JSON file (see README)")
    demo.add_argument("--verification", action="store_true",
                      help="also complete and seal the pre-procedure verification of each consent")

    verify = sub.add_parser("verify", help="check a sealed PDF, or every record of the archive (--all)")
    verify.add_argument("file", nargs="?", help="the PDF to check")
    verify.add_argument("--all", action="store_true", help="check every record stored in the archive")
    verify.add_argument("--trust", help="the trust file (the institution's CA certificates, PEM); default: "
                                        "$CONSENT_DESK_TRUST or the one installed with the program")
    verify.add_argument("--demo", action="store_true", help="accept the demonstration seal (as such)")
    verify.add_argument("--offline", action="store_true", help="do not fetch revocation data (OCSP, CRL)")

    forms = sub.add_parser("forms", help="form versions")
    forms_sub = forms.add_subparsers(dest="forms_command", parser_class=Parser)
    approve = forms_sub.add_parser("approve", help="a physician approves a form version", parents=[signed])
    approve.add_argument("file", help="the form file (forms/*.yaml)")
    forms_sub.add_parser("list", help="list the known form versions")

    audit = sub.add_parser("audit", help="the audit trail")
    audit_sub = audit.add_subparsers(dest="audit_command", parser_class=Parser)
    audit_verify = audit_sub.add_parser("verify", help="chain, signed checkpoints, records and their sealed events, "
                                                       "accounts, the database's protection")
    audit_verify.add_argument("--checkpoints", action="append", default=None, metavar="PATH",
                              help="an off-desk checkpoint folder or syslog file (repeatable; default: the "
                                   "configured checkpoint folder)")
    audit_verify.add_argument("--trust", help="the trust file checkpoints are checked against (default: "
                                              "$CONSENT_DESK_TRUST or the one installed with the program)")
    audit_verify.add_argument("--demo", action="store_true",
                              help="also check checkpoints signed with the demonstration seal (as such)")
    audit_sub.add_parser("checkpoint", help="sign a checkpoint of the audit log now and send it off the desk",
                         parents=[signed])
    audit_sub.add_parser("protect", help="reinstall the database's immutability triggers from the migrations",
                         parents=[signed])
    prove = audit_sub.add_parser("prove", help="JSON proofs from the signed checkpoints' Merkle tree: a record's "
                                               "inclusion, or two checkpoints' consistency", parents=[signed])
    prove.add_argument("record_id", nargs="?", help="the record whose 'record sealed' event is proven")
    prove.add_argument("--consistency-from", type=int, metavar="SIZE",
                       help="prove the checkpoint of SIZE events a prefix of the newest one")

    users = sub.add_parser("users", help="staff accounts")
    users_sub = users.add_subparsers(dest="users_command", parser_class=Parser)
    add = users_sub.add_parser("add", help="add a staff member (the first administrator of an empty data folder "
                                           "needs no --user)", parents=[signed])
    add.add_argument("--username", required=True)
    add.add_argument("--role", required=True, choices=["nurse", "physician", "admin"])
    add.add_argument("--name-ar", required=True)
    add.add_argument("--name-latin", default="")
    unlock = users_sub.add_parser("unlock", help="end an account's sign-in back-off", parents=[signed])
    unlock.add_argument("username")
    resolve = users_sub.add_parser("resolve", help="put an account changed outside the program back to its audited "
                                                   "state (a new password on the next line when needed)",
                                   parents=[signed])
    resolve.add_argument("username")

    archive = sub.add_parser("archive", help="the consent archive")
    archive_sub = archive.add_subparsers(dest="archive_command", parser_class=Parser)
    search = archive_sub.add_parser("search", help="find records by name, MRN or national ID", parents=[signed])
    search.add_argument("query")
    search.add_argument("--from", dest="date_from")
    search.add_argument("--to", dest="date_to")
    search.add_argument("--status", help="signed, refused, withdrawn, superseded, verified, expired...")
    search.add_argument("--procedure", choices=["vertebroplasty", "kyphoplasty"])
    export = archive_sub.add_parser("export", help="a date range to one print-ready PDF (+ CSV manifest)",
                                    parents=[signed])
    export.add_argument("--from", dest="date_from", required=True, help="first day (YYYY-MM-DD)")
    export.add_argument("--to", dest="date_to", required=True, help="last day (YYYY-MM-DD)")
    export.add_argument("--out", required=True, help="the PDF to write")
    export.add_argument("--manifest", help="also write a CSV manifest here")
    export.add_argument("--check", choices=["full", "archive"], default="full",
                        help="integrity per record: full seal verification (default) or the archive's hashes")
    stamp = archive_sub.add_parser("timestamp", help="validation data and archive timestamps (B-LT, B-LTA)",
                                   parents=[signed])
    stamp.add_argument("--renew", action="store_true", required=True,
                       help="timestamp the queued records, bring every record to B-LTA, and re-stamp those "
                            "whose last timestamp's certificate nears its end")
    stamp.add_argument("--within-days", type=int, default=365,
                       help="re-stamp when the last timestamp's certificate ends within this many days")
    stamp.add_argument("--trust", help="the trust file (default: $CONSENT_DESK_TRUST or the installed one)")

    backup = sub.add_parser("backup", help="copy the database (records, PDFs, audit) to one file", parents=[signed])
    backup.add_argument("--out", required=True, help="the backup file to write (replaced atomically)")
    restore = sub.add_parser("restore", help="fill an empty data folder from a backup file (sign in as one of its "
                                             "administrators)", parents=[signed])
    restore.add_argument("--from", dest="source", required=True, help="a file written by backup")
    restore.add_argument("--checkpoints", action="append", default=None, metavar="PATH",
                         help="an off-desk checkpoint folder or syslog file to check the backup against")

    settings = sub.add_parser("settings", help="the institution's settings")
    settings_sub = settings.add_subparsers(dest="settings_command", parser_class=Parser)
    settings_sub.add_parser("show", help="every setting and its value", parents=[signed])
    set_one = settings_sub.add_parser("set", help="change one setting", parents=[signed])
    set_one.add_argument("key")
    set_one.add_argument("value")

    add_station_commands(sub, signed)
    return p
