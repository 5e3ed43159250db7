"""Form versions: a physician approves the exact content of a form file before real patients see it."""
from __future__ import annotations

from pathlib import Path

from app.domain.clock import utc_iso
from app.domain.errors import InvalidInput, InvalidState
from app.domain.form import Form
from app.domain.form_loader import load_form
from app.domain.roles import require
from app.storage import repositories as repo

from .auth import AuthService


class FormsService:
    def __init__(self, ctx, auth: AuthService | None = None) -> None:
        self.ctx = ctx
        self.auth = auth or AuthService(ctx)

    def approve_file(self, path: Path, username: str, password: str) -> Form:
        if not path.is_file():
            raise InvalidInput("file_unreadable", f"{path}: no such form file")
        form = load_form(path)  # FormInvalid (exit 2) names file, path and problem
        actor = self.auth.login(username, password, purpose="forms.approve")
        require(actor, "forms.approve")
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            row = repo.form_versions.add_if_missing(
                s, form.procedure, form.language, form.version, form.content_sha256, form.source_text, at=now)
            if row.approved_by_user_id is not None:
                raise InvalidState("form_already_approved", "this form version is already approved")
            if row.retired_at is not None:
                raise InvalidState("form_retired", "this form version has been retired")
            repo.form_versions.approve(s, form.content_sha256, actor.user_id, at=now)
            self.ctx.audit.append(s, actor.username, "form.approved", subject=f"form:{form.content_sha256}",
                                  details={"procedure": form.procedure, "version": form.version}, at=now)
        return form

    def list_versions(self) -> list[tuple[str, ...]]:
        with self.ctx.db.transaction(read_only=True) as s:
            rows = []
            for v in repo.form_versions.list_versions(s):
                approver = repo.users.get(s, v.approved_by_user_id) if v.approved_by_user_id else None
                status = "retired" if v.retired_at else ("approved" if approver else "not-approved")
                rows.append((v.procedure, v.language, v.version_label, v.content_sha256[:16], status,
                             approver.username if approver else "-",
                             utc_iso(v.approved_at) if v.approved_at else "-"))
            return rows
