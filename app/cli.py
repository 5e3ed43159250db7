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


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="consent-desk", description="Vertebroplasty / kyphoplasty consent desk")
    p.add_argument("--data-dir", help="folder for the database, settings and certificate "
                                      "(default: $CONSENT_DESK_DATA or the user data folder)")
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
    approve = forms_sub.add_parser("approve", help="a physician approves a form version")
    approve.add_argument("file", help="the form file (forms/*.yaml)")
    approve.add_argument("--by", required=True, help="the approving physician's username")
    forms_sub.add_parser("list", help="list the known form versions")

    audit = sub.add_parser("audit", help="the audit trail")
    audit_sub = audit.add_subparsers(dest="audit_command", parser_class=_Parser)
    audit_sub.add_parser("verify", help="walk the hash chain")

    users = sub.add_parser("users", help="staff accounts")
    users_sub = users.add_subparsers(dest="users_command", parser_class=_Parser)
    add = users_sub.add_parser("add", help="add a staff member")
    add.add_argument("--username", required=True)
    add.add_argument("--role", required=True, choices=["nurse", "physician", "admin"])
    add.add_argument("--name-ar", required=True)
    add.add_argument("--name-latin", default="")
    add.add_argument("--password-stdin", action="store_true", required=True,
                     help="read the password from standard input (one line)")

    archive = sub.add_parser("archive", help="the consent archive")
    archive_sub = archive.add_subparsers(dest="archive_command", parser_class=_Parser)
    search = archive_sub.add_parser("search", help="find records by name, MRN or national ID")
    search.add_argument("query")
    search.add_argument("--from", dest="date_from")
    search.add_argument("--to", dest="date_to")
    search.add_argument("--status", help="signed, refused, withdrawn, superseded, verified, expired...")
    search.add_argument("--procedure", choices=["vertebroplasty", "kyphoplasty"])
    export = archive_sub.add_parser("export", help="a date range to one print-ready PDF (+ CSV manifest)")
    export.add_argument("--from", dest="date_from", required=True, help="first day (YYYY-MM-DD)")
    export.add_argument("--to", dest="date_to", required=True, help="last day (YYYY-MM-DD)")
    export.add_argument("--out", required=True, help="the PDF to write")
    export.add_argument("--manifest", help="also write a CSV manifest here")
    export.add_argument("--check", choices=["full", "archive"], default="full",
                        help="integrity per record: full seal verification (default) or the archive's hashes")
    stamp = archive_sub.add_parser("timestamp", help="validation data and archive timestamps (B-LT, B-LTA)")
    stamp.add_argument("--renew", action="store_true", required=True,
                       help="timestamp the queued records, bring every record to B-LTA, and re-stamp those "
                            "whose last timestamp's certificate nears its end")
    stamp.add_argument("--within-days", type=int, default=365,
                       help="re-stamp when the last timestamp's certificate ends within this many days")
    stamp.add_argument("--trust", help="the trust file (default: $CONSENT_DESK_TRUST or the installed one)")

    backup = sub.add_parser("backup", help="copy the database (records, PDFs, audit) to one file")
    backup.add_argument("--out", required=True, help="the backup file to write (replaced atomically)")
    restore = sub.add_parser("restore", help="fill an empty data folder from a backup file")
    restore.add_argument("--from", dest="source", required=True, help="a file written by backup")
    return p


def _read_password(prompt: str) -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def _context(args: argparse.Namespace):
    from app.paths import resolve_data_dir
    from app.services.context import open_context

    return open_context(resolve_data_dir(args.data_dir), trust_file=getattr(args, "trust", None))


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

    ctx = _context(args)
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
        ctx = _context(args)
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
    """" (superseded by X)" / " (withdrawn by X)" for an archived record changed later, else ""."""
    if not record_id:
        return ""
    from app.services.archive import later_record

    ctx = _context(args)
    try:
        with ctx.db.transaction(read_only=True) as s:
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
        password = _read_password(f"Password for {args.by}: ")
        version = service.approve_file(Path(args.file), args.by, password)
        print(f"APPROVED {version.procedure} {version.version} {version.content_sha256}")
    finally:
        ctx.close()
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    from app.services.audit import AuditService

    if args.audit_command is None:
        raise BadUsage("audit: choose a command (verify)")
    ctx = _context(args)
    try:
        report = AuditService(ctx).verify_chain()
    finally:
        ctx.close()
    if report.ok:
        print(f"OK {report.events} events")
        return EXIT_OK
    print(f"BROKEN at event {report.first_bad_seq}: {report.problem}")
    return EXIT_FAILED


def cmd_users(args: argparse.Namespace) -> int:
    from app.services.users import UsersService

    if args.users_command is None:
        raise BadUsage("users: choose a command (add)")
    password = _read_password("")
    ctx = _context(args)
    try:
        user = UsersService(ctx).add_from_operator(
            username=args.username, role=args.role, name_ar=args.name_ar, name_latin=args.name_latin,
            password=password)
    finally:
        ctx.close()
    print(f"ADDED {user.username} {user.role}")
    return EXIT_OK


def cmd_archive(args: argparse.Namespace) -> int:
    from app.services.archive import ArchiveService

    if args.archive_command is None:
        raise BadUsage("archive: choose a command (search, export)")
    if args.archive_command == "export":
        return cmd_archive_export(args)
    if args.archive_command == "timestamp":
        return cmd_archive_timestamp(args)
    ctx = _context(args)
    try:
        rows = ArchiveService(ctx).search_as_operator(args.query, args.date_from, args.date_to,
                                                      status=args.status, procedure=args.procedure)
    finally:
        ctx.close()
    for row in rows:
        print("\t".join(row))
    return EXIT_OK


def cmd_archive_export(args: argparse.Namespace) -> int:
    from app.services.export import ExportService, run_to_end

    ctx = _context(args)
    try:
        job = ExportService(ctx).export_as_operator(
            args.date_from, args.date_to, Path(args.out), Path(args.manifest) if args.manifest else None,
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
        report = LongTermService(ctx).renew_as_operator(within_days=args.within_days)
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
        result = BackupService(ctx).backup_as_operator(Path(args.out))
    finally:
        ctx.close()
    print(f"BACKUP {result.path}\t{result.records} records, {result.audit_events} audit events, "
          f"{result.bytes} bytes, sha256 {result.sha256}")
    print("NOTE the seal's private key (the data folder's seal/ folder) is not in the backup; keep its own copy")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from app.paths import resolve_data_dir
    from app.services.backup import restore

    result = restore(Path(args.source), resolve_data_dir(args.data_dir))
    print(f"RESTORED {result.data_dir}\t{result.records} records, {result.audit_events} audit events")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": cmd_demo, "verify": cmd_verify, "forms": cmd_forms, "audit": cmd_audit,
    "users": cmd_users, "archive": cmd_archive, "backup": cmd_backup, "restore": cmd_restore,
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

            return run_desktop(args.data_dir)
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
        print(f"error: unexpected failure ({type(exc).__name__}); the operation stopped", file=sys.stderr)
        return EXIT_FAILED
