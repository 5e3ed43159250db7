"""Commands on the consent records: the demonstration workflow, verification of one file or the whole
archive, archive search, export and timestamps, backup and restore."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .base import EXIT_FAILED, EXIT_OK, BadUsage, open_context, read_password, sign_in


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
    ctx = open_context(args)
    try:
        for record_id, path in DemoService(ctx).run(Path(args.out), args.count, patient, args.verification):
            print(f"{record_id}\t{path}", flush=True)
    finally:
        ctx.close()
    return EXIT_OK


def cmd_verify_all(args: argparse.Namespace) -> int:
    from collections import Counter

    from app.services.archive import ArchiveService

    ctx = open_context(args, require_protection=False)  # a check that changes nothing; 'audit verify' names triggers
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
        ctx = open_context(args, require_protection=False)  # open to anyone, and it changes no record
        try:
            result = VerifyService(ctx).verify_bytes(data, demo=args.demo, fetch=not args.offline)
        finally:
            ctx.close()
        if result.valid:
            note = later_note(args, result.record_id)
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


def later_note(args: argparse.Namespace, record_id: str | None) -> str:
    """" (superseded by X)" / " (withdrawn by X)" for an archived record changed later, " (not in this
    archive)" for a record id the data folder does not hold, else ""."""
    if not record_id:
        return ""
    from app.storage import repositories as repo
    from app.storage.archive_sql import later_record

    ctx = open_context(args, require_protection=False)
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


def cmd_archive(args: argparse.Namespace) -> int:
    from app.services.archive import ArchiveService

    if args.archive_command is None:
        raise BadUsage("archive: choose a command (search, export)")
    if args.archive_command == "export":
        return cmd_archive_export(args)
    if args.archive_command == "timestamp":
        return cmd_archive_timestamp(args)
    from app.services.archive import MAX_LIMIT, ArchiveQuery

    ctx = open_context(args)
    try:
        actor = sign_in(args, ctx, "archive.search")
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

    ctx = open_context(args)
    try:
        actor = sign_in(args, ctx, "archive.export")
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
    ctx = open_context(args)
    try:
        actor = sign_in(args, ctx, "certificates.manage")
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

    ctx = open_context(args)
    try:
        actor = sign_in(args, ctx, "archive.export")
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
    password = read_password(args, f"Password for {args.user}: ")

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
