"""The command line: the headless face of the program (contract in DESIGN.md).

Exit status: 0 success; 1 a check failed (verify, audit verify); 2 bad input or unreadable file, with
one clear line on stderr and no traceback. Heavy modules are imported inside the commands so that
``python main.py --help`` and the desktop start stay light.
"""
from __future__ import annotations

import argparse
import getpass
import logging
import sys
from pathlib import Path
from typing import Callable, Sequence

from app.domain.errors import ConsentError, one_line as _one_line

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
log = logging.getLogger(__name__)


class BadUsage(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2 (argparse prints usage + error)
        raise BadUsage(message)


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


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="consent-desk", description="Vertebroplasty / kyphoplasty consent desk")
    p.add_argument("--version", action=_VersionAction, nargs=0,
                   help="print the version, the build's commit and the form versions, then exit")
    signed = _sign_in_options()
    p.add_argument("--data-dir", help="folder for the database, settings and certificate "
                                      "(default: $CONSENT_DESK_DATA or the user data folder)")
    p.add_argument("--database", help="a shared PostgreSQL database: postgresql://ROLE@HOST:PORT/DATABASE "
                                      "(default: $CONSENT_DESK_DATABASE, the station file, else SQLite "
                                      "in the data folder)")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

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
    forms_sub = forms.add_subparsers(dest="forms_command", parser_class=_Parser)
    approve = forms_sub.add_parser("approve", help="a physician approves a form version", parents=[signed])
    approve.add_argument("file", help="the form file (forms/*.yaml)")
    forms_sub.add_parser("list", help="list the known form versions")

    audit = sub.add_parser("audit", help="the audit trail")
    audit_sub = audit.add_subparsers(dest="audit_command", parser_class=_Parser)
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
    users_sub = users.add_subparsers(dest="users_command", parser_class=_Parser)
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
    archive_sub = archive.add_subparsers(dest="archive_command", parser_class=_Parser)
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
    settings_sub = settings.add_subparsers(dest="settings_command", parser_class=_Parser)
    settings_sub.add_parser("show", help="every setting and its value", parents=[signed])
    set_one = settings_sub.add_parser("set", help="change one setting", parents=[signed])
    set_one.add_argument("key")
    set_one.add_argument("value")
    from app.cli_stations import add_station_commands

    add_station_commands(sub, signed)
    return p


def _read_password(args: argparse.Namespace, prompt: str) -> str:
    """One password: a line of standard input with ``--password-stdin``, else asked at the terminal."""
    if getattr(args, "password_stdin", False):
        line = sys.stdin.readline() if sys.stdin is not None else ""
        return line.rstrip("\r\n")
    if sys.stdin is None or not sys.stdin.isatty():
        raise BadUsage("no terminal to ask the password: give --password-stdin and the password on standard input")
    return getpass.getpass(prompt)


def _sign_in(args: argparse.Namespace, ctx, action: str):
    """The staff member named by ``--user``, signed in like at the desk (audited, back-off) and allowed
    ``action`` by the same role rules; ConsentError (exit 2) otherwise."""
    from app.domain.roles import require
    from app.services.auth import AuthService

    if not getattr(args, "user", None):
        raise BadUsage(f"{args.command}: sign in with --user NAME (password asked, or --password-stdin)")
    password = _read_password(args, f"Password for {args.user}: ")
    return require(AuthService(ctx).login(args.user, password, purpose="cli"), action)


def _context(args: argparse.Namespace, *, require_protection: bool = True):
    from app.paths import resolve_data_dir
    from app.services.connection import open_station_context

    return open_station_context(resolve_data_dir(args.data_dir), getattr(args, "database", None),
                                trust_file=getattr(args, "trust", None), require_protection=require_protection)


def cmd_demo(args: argparse.Namespace) -> int:
    from app.services.demo import DemoService, load_patient_file

    if not 1 <= args.count <= 500:
        raise BadUsage("--count must be between 1 and 500")
    patient = None
    if args.patient:
        import datetime as dt

        from app.domain.form_loader import load_form
        from app.paths import forms_dir
        from app.services.demo import check_patient

        patient = load_patient_file(Path(args.patient))
        # Before the data folder is even opened: bad input leaves no trace.
        check_patient(patient, dt.date.today(), lambda proc: load_form(forms_dir() / f"{proc}.ar.yaml"))
    ctx = _context(args)
    try:
        for record_id, path in DemoService(ctx).run(Path(args.out), args.count, patient, args.verification):
            print(f"{record_id}\t{path}", flush=True)
    finally:
        ctx.close()
    return EXIT_OK


def cmd_verify_all(args: argparse.Namespace) -> int:
    from collections import Counter

    from app.services.archive import ArchiveService

    ctx = _context(args, require_protection=False)  # a check that changes nothing; 'audit verify' names triggers
    valid = invalid = 0
    levels: Counter = Counter()
    anchors: set[str] = set()
    signers: set[str] = set()
    try:
        for check in ArchiveService(ctx).verify_all_as_operator():
            print(check.line(), flush=True)
            if check.valid:
                valid += 1
                levels[check.level + (" demonstration" if check.demo else "")] += 1
                if check.anchor and not check.demo:
                    anchors.add(check.anchor)
                    signers.add(check.signer or "?")
            else:
                invalid += 1
        trust = ctx.seal.describe()["trust_file"] or "none"
    finally:
        ctx.close()
    shown = ", ".join(f"{level} {n}" for level, n in sorted(levels.items())) or "-"
    print(f"{'OK' if not invalid else 'FAILED'} {valid + invalid} records: {valid} valid, {invalid} invalid; "
          f"levels: {shown}; signers: {', '.join(sorted(signers)) or '-'}; anchors: {', '.join(sorted(anchors)) or '-'}; "
          f"trust file: {trust}")
    return EXIT_OK if not invalid else EXIT_FAILED


def cmd_verify(args: argparse.Namespace) -> int:
    """A file against the trust file; with the data folder at hand (it exists), also against the
    archive's stored hash. A machine with only the program and the trust file needs nothing else."""
    from app.paths import resolve_data_dir
    from app.services.seal.verify import VerifyService, read_pdf, verify_file

    if args.all and args.file:
        raise BadUsage("verify: give a file or --all, not both")
    if args.all:
        return cmd_verify_all(args)
    if not args.file:
        raise BadUsage("verify: give the PDF to check, or --all")
    data = read_pdf(Path(args.file))
    data_dir = resolve_data_dir(args.data_dir)
    note = ""
    if (data_dir / "consent.db").exists():
        ctx = _context(args, require_protection=False)  # open to anyone, and it changes no record
        try:
            result = VerifyService(ctx).verify_bytes(data, demo=args.demo, fetch=not args.offline)
        finally:
            ctx.close()
        if result.valid:
            note = _later_note(args, result.record_id)
    else:
        from app.documents.trust import find_trust_file, load_trust

        result = verify_file(data, load_trust(find_trust_file(args.trust)), demo=args.demo, fetch=not args.offline)
    if result.valid:
        demo = " (demonstration seal)" if result.demo else ""
        print(f"VALID {result.record_id}{note}{demo}")
        print(f"  {result.summary()}")
        return EXIT_OK
    print(f"INVALID {result.record_id or '-'}: {result.reason}: {result.detail}")
    return EXIT_FAILED


def _later_note(args: argparse.Namespace, record_id: str | None) -> str:
    """" (superseded by X)" / " (withdrawn by X)" for an archived record changed later, " (not in this
    archive)" for a record id the data folder does not hold, else ""."""
    if not record_id:
        return ""
    from app.services.archive import later_record
    from app.storage import repositories as repo

    ctx = _context(args, require_protection=False)
    try:
        with ctx.db.transaction(read_only=True) as s:
            if repo.records.get(s, record_id) is None:
                return " (not in this archive)"
            superseded = later_record(s, record_id, ("correction",))
            withdrawn = None if superseded else later_record(s, record_id, ("withdrawal",))
    finally:
        ctx.close()
    if superseded:
        return f" (superseded by {superseded})"
    return f" (withdrawn by {withdrawn})" if withdrawn else ""


def cmd_forms(args: argparse.Namespace) -> int:
    from app.services.forms import FormsService

    if args.forms_command is None:
        raise BadUsage("forms: choose a command (approve, list)")
    ctx = _context(args)
    try:
        service = FormsService(ctx)
        if args.forms_command == "list":
            for row in service.list_versions():
                print("\t".join(row))
            return EXIT_OK
        if not args.user:
            raise BadUsage("forms approve: sign in with --user NAME (the approving physician)")
        password = _read_password(args, f"Password for {args.user}: ")
        version = service.approve_file(Path(args.file), args.user, password)
        print(f"APPROVED {version.procedure} {version.version} {version.content_sha256}")
    finally:
        ctx.close()
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    from app.services.audit import AuditService

    if args.audit_command is None:
        raise BadUsage("audit: choose a command (verify, checkpoint, protect, prove)")
    if args.audit_command == "protect":
        return cmd_audit_protect(args)
    if args.audit_command == "checkpoint":
        return cmd_audit_checkpoint(args)
    if args.audit_command == "prove":
        return cmd_audit_prove(args)
    sources = [Path(p) for p in args.checkpoints] if args.checkpoints else None
    ctx = _context(args, require_protection=False)  # a missing trigger is one of the things it reports
    try:
        report = AuditService(ctx).verify_chain(sources, demo=args.demo)
        with ctx.db.transaction() as s:
            ctx.audit.append(s, "cli", "audit.verified", details={
                "ok": report.ok, "events": report.events, "problems": len(report.findings), "demo": args.demo})
    finally:
        ctx.close()
    for finding in report.findings:
        print(f"PROBLEM {finding.line()}")
    for note in report.notes:
        print(f"NOTE {note}")
    print(report.summary())
    return EXIT_OK if report.ok else EXIT_FAILED


def cmd_audit_protect(args: argparse.Namespace) -> int:
    from app.storage.dialect import install_immutability_triggers, protection_problems

    ctx = _context(args, require_protection=False)
    try:
        actor = _sign_in(args, ctx, "settings.manage")
        with ctx.db.engine.connect() as conn:
            before = protection_problems(conn)
        with ctx.db.transaction() as s:
            tables = install_immutability_triggers(s.connection())
            ctx.audit.append(s, actor.username, "audit.protection_restored",
                             details={"problems": len(before), "tables": tables})
        with ctx.db.engine.connect() as conn:
            after = protection_problems(conn)
    finally:
        ctx.close()
    if after:
        print(f"FAILED {after[0]}")
        return EXIT_FAILED
    print(f"PROTECTED {len(tables)} tables ({len(before)} problem(s) repaired); run 'audit verify' for what changed")
    return EXIT_OK


def cmd_audit_checkpoint(args: argparse.Namespace) -> int:
    ctx = _context(args)
    try:
        actor = _sign_in(args, ctx, "settings.manage")
        made = ctx.checkpoints.make(force=True)
        sent = ctx.checkpoints.deliver_pending()
        problems = dict(ctx.checkpoints.last_delivery_problems)
        with ctx.db.transaction() as s:
            ctx.audit.append(s, actor.username, "audit.checkpoint_requested",
                             details={"size": made.size if made else None, "sent": sent})
    finally:
        ctx.close()
    print(f"CHECKPOINT {made.size} events, root {made.merkle_root}" if made else "CHECKPOINT none needed")
    for destination, why in problems.items():
        print(f"NOT SENT to the {destination}: {why}")
    return EXIT_OK if not problems else EXIT_FAILED


def cmd_audit_prove(args: argparse.Namespace) -> int:
    import json

    from app.services.proofs import ProofService

    ctx = _context(args)
    try:
        if bool(args.record_id) == (args.consistency_from is not None):
            raise BadUsage("audit prove: give a record id or --consistency-from SIZE")
        actor = _sign_in(args, ctx, "audit.view")
        proof = (ProofService(ctx).record_inclusion(actor, args.record_id) if args.record_id
                 else ProofService(ctx).consistency(actor, args.consistency_from))
    finally:
        ctx.close()
    print(json.dumps(proof, sort_keys=True, indent=1, ensure_ascii=False))
    return EXIT_OK


def cmd_users(args: argparse.Namespace) -> int:
    from app.services.users import AdminUsersService, UsersService

    if args.users_command is None:
        raise BadUsage("users: choose a command (add, unlock, resolve)")
    ctx = _context(args)
    try:
        if args.users_command == "add":
            fields = dict(username=args.username, role=args.role, name_ar=args.name_ar, name_latin=args.name_latin)
            if not args.user:  # only the first administrator of an empty data folder
                password = _read_password(args, f"Password for the new account {args.username}: ")
                user = UsersService(ctx).add_first_admin(password=password, **fields)
            else:
                actor = _sign_in(args, ctx, "users.manage")
                password = _read_password(args, f"Password for the new account {args.username}: ")
                user = UsersService(ctx).add(actor, password=password, **fields)
            print(f"ADDED {user.username} {user.role}")
            return EXIT_OK
        actor = _sign_in(args, ctx, "users.manage")
        admin = AdminUsersService(ctx)
        if args.users_command == "unlock":
            admin.unlock(actor, args.username)
            print(f"UNLOCKED {args.username}")
            return EXIT_OK
        try:
            fields = admin.resolve(actor, args.username)
        except ConsentError as exc:
            if exc.code != "password_required":
                raise
            fields = admin.resolve(actor, args.username, _read_password(args, f"New password for {args.username}: "))
        print(f"RESOLVED {args.username}: {', '.join(fields) if fields else 'nothing differed'}")
        return EXIT_OK
    finally:
        ctx.close()


def cmd_archive(args: argparse.Namespace) -> int:
    from app.services.archive import ArchiveService

    if args.archive_command is None:
        raise BadUsage("archive: choose a command (search, export)")
    if args.archive_command == "export":
        return cmd_archive_export(args)
    if args.archive_command == "timestamp":
        return cmd_archive_timestamp(args)
    from app.services.archive import MAX_LIMIT, ArchiveQuery

    ctx = _context(args)
    try:
        actor = _sign_in(args, ctx, "archive.search")
        result = ArchiveService(ctx).find(actor, ArchiveQuery(
            text=args.query, date_from=args.date_from, date_to=args.date_to, status=args.status,
            procedure=args.procedure, limit=MAX_LIMIT), require_text=True)
    finally:
        ctx.close()
    for r in result.rows:
        print("\t".join((r.record_id, r.kind, r.signed_at, r.mrn, r.name_ar, r.procedure)))
    return EXIT_OK


def cmd_archive_export(args: argparse.Namespace) -> int:
    from app.services.export import ExportService, run_to_end

    ctx = _context(args)
    try:
        actor = _sign_in(args, ctx, "archive.export")
        job = ExportService(ctx).export_range(
            actor, args.date_from, args.date_to, Path(args.out), Path(args.manifest) if args.manifest else None,
            check=args.check)
        step = max(1, job.total // 20)

        def progress(done: int, total: int) -> None:
            if done == total or done % step == 0:
                print(f"exporting {done}/{total}", file=sys.stderr, flush=True)

        result = run_to_end(job, progress)
    finally:
        ctx.close()
    assert result is not None
    print(f"EXPORTED {result.records} records, {result.pages} pages, {result.valid} valid, "
          f"{result.invalid} invalid: {result.pdf_path}")
    if result.manifest_path:
        print(f"MANIFEST {result.manifest_path}")
    return EXIT_OK if not result.invalid else EXIT_FAILED


def cmd_archive_timestamp(args: argparse.Namespace) -> int:
    from app.services.long_term import LongTermService

    if not 0 <= args.within_days <= 3650:
        raise BadUsage("--within-days must be between 0 and 3650")
    ctx = _context(args)
    try:
        actor = _sign_in(args, ctx, "certificates.manage")
        report = LongTermService(ctx).renew(actor, within_days=args.within_days)
    finally:
        ctx.close()
    for record_id, outcome in report.lines:
        print(f"{outcome} {record_id}", flush=True)
    print(f"{'OK' if not report.failed else 'FAILED'} {report.stamped} timestamped, {report.current} already "
          f"current, {report.failed} failed")
    return EXIT_OK if not report.failed else EXIT_FAILED


def cmd_backup(args: argparse.Namespace) -> int:
    from app.services.backup import BackupService

    ctx = _context(args)
    try:
        actor = _sign_in(args, ctx, "archive.export")
        result = BackupService(ctx).backup(actor, Path(args.out))
    finally:
        ctx.close()
    print(f"BACKUP {result.path}\t{result.records} records, {result.audit_events} audit events, "
          f"{result.bytes} bytes, sha256 {result.sha256}")
    print("NOTE the seal's private key (the data folder's seal/ folder) is not in the backup; keep its own copy")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from app.paths import resolve_data_dir
    from app.services.backup import restore

    if not args.user:
        raise BadUsage("restore: sign in with --user NAME (an administrator of the backed-up archive)")
    password = _read_password(args, f"Password for {args.user}: ")

    def sign_in(ctx):
        from app.domain.roles import require
        from app.services.auth import AuthService

        return require(AuthService(ctx).login(args.user, password, purpose="cli"), "backup.restore")

    from app.services.connection import resolve_database_url

    sources = [Path(p) for p in args.checkpoints] if args.checkpoints else None
    data_dir = resolve_data_dir(args.data_dir)
    result = restore(Path(args.source), data_dir, sign_in=sign_in, sources=sources,
                     database=resolve_database_url(args.database, data_dir))
    print(f"RESTORED {result.data_dir}\t{result.records} records, {result.audit_events} audit events; "
          f"{result.summary}")
    return EXIT_OK


def cmd_settings(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from app.services.settings import SettingsService, parse_setting_text

    if args.settings_command is None:
        raise BadUsage("settings: choose a command (show, set)")
    ctx = _context(args)
    try:
        actor = _sign_in(args, ctx, "settings.manage")
        service = SettingsService(ctx)
        if args.settings_command == "show":
            values = asdict(service.current())
            with ctx.db.transaction() as s:
                ctx.audit.append(s, actor.username, "settings.viewed")
            for key in sorted(values):
                print(f"{key}\t{values[key]}")
            return EXIT_OK
        service.update(actor, **{args.key: parse_setting_text(args.key, args.value)})
        print(f"SET {args.key}")
        return EXIT_OK
    finally:
        ctx.close()


def cmd_station(args: argparse.Namespace) -> int:
    from app.cli_stations import cmd_station as run

    return run(args, lambda prompt: _read_password(args, prompt), BadUsage)


def cmd_migrate(args: argparse.Namespace) -> int:
    from app.cli_stations import cmd_migrate as run

    if not args.user:
        raise BadUsage("migrate: sign in with --user NAME (an administrator of this data folder's archive)")
    return run(args, _read_password(args, f"Password for {args.user}: "))


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
        args = _parser().parse_args(argv)
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
