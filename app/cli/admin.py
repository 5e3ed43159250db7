"""Administration from the command line: form versions, the audit trail, staff accounts, settings."""
from __future__ import annotations

import argparse
from pathlib import Path

from app.domain.errors import ConsentError

from .base import EXIT_FAILED, EXIT_OK, BadUsage, open_context, read_password, sign_in


def cmd_forms(args: argparse.Namespace) -> int:
    from app.services.forms import FormsService

    if args.forms_command is None:
        raise BadUsage("forms: choose a command (approve, list)")
    ctx = open_context(args)
    try:
        service = FormsService(ctx)
        if args.forms_command == "list":
            for row in service.list_versions():
                print("\t".join(row))
            return EXIT_OK
        if not args.user:
            raise BadUsage("forms approve: sign in with --user NAME (the approving physician)")
        password = read_password(args, f"Password for {args.user}: ")
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
    ctx = open_context(args, require_protection=False)  # a missing trigger is one of the things it reports
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

    ctx = open_context(args, require_protection=False)
    try:
        actor = sign_in(args, ctx, "settings.manage")
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
    ctx = open_context(args)
    try:
        actor = sign_in(args, ctx, "settings.manage")
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

    ctx = open_context(args)
    try:
        if bool(args.record_id) == (args.consistency_from is not None):
            raise BadUsage("audit prove: give a record id or --consistency-from SIZE")
        actor = sign_in(args, ctx, "audit.view")
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
    ctx = open_context(args)
    try:
        if args.users_command == "add":
            fields = dict(username=args.username, role=args.role, name_ar=args.name_ar, name_latin=args.name_latin)
            if not args.user:  # only the first administrator of an empty data folder
                password = read_password(args, f"Password for the new account {args.username}: ")
                user = UsersService(ctx).add_first_admin(password=password, **fields)
            else:
                actor = sign_in(args, ctx, "users.manage")
                password = read_password(args, f"Password for the new account {args.username}: ")
                user = UsersService(ctx).add(actor, password=password, **fields)
            print(f"ADDED {user.username} {user.role}")
            return EXIT_OK
        actor = sign_in(args, ctx, "users.manage")
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
            fields = admin.resolve(actor, args.username, read_password(args, f"New password for {args.username}: "))
        print(f"RESOLVED {args.username}: {', '.join(fields) if fields else 'nothing differed'}")
        return EXIT_OK
    finally:
        ctx.close()


def cmd_settings(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from app.services.settings import SettingsService, parse_setting_text

    if args.settings_command is None:
        raise BadUsage("settings: choose a command (show, set)")
    ctx = open_context(args)
    try:
        actor = sign_in(args, ctx, "settings.manage")
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
