"""The form catalogue: the forms on disk, each registered as a stored version in the database.

A version's identity is its canonical-content hash; the text of every version is stored, so a record
can always be shown with the exact version it was signed with, even after the file changed.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from app.domain.clock import utc_iso
from app.domain.errors import FormInvalid, InvalidState, NotFound
from app.domain.form import Form
from app.domain.form_loader import load_forms, parse_form
from app.storage import repositories as repo
from app.storage.database import Database

log = logging.getLogger(__name__)


class FormCatalog:
    def __init__(self, directory: Path, db: Database, clock: Any) -> None:
        self.directory = Path(directory)
        self._db = db
        self._clock = clock
        self._current: dict[tuple[str, str], Form] = {}
        self._by_sha: dict[str, Form] = {}
        self.errors: list[FormInvalid] = []

    def load(self) -> None:
        """Load every form file; a broken one is reported in ``errors`` and the others still load."""
        forms, errors = load_forms(self.directory)
        self.errors = errors
        for err in errors:
            log.error("form not loaded: %s", err.message())
        with self._db.transaction() as s:
            for (procedure, language), form in sorted(forms.items()):
                repo.form_versions.add_if_missing(s, procedure, language, form.version, form.content_sha256,
                                                  form.source_text, at=self._clock.now())
        self._current = dict(forms)
        self._by_sha = {f.content_sha256: f for f in forms.values()}

    def current(self, procedure: str, language: str = "ar") -> Form:
        try:
            return self._current[(procedure, language)]
        except KeyError:
            raise NotFound("form_missing", f"no valid form for {procedure} ({language})",
                           procedure=procedure, language=language) from None

    def by_sha(self, sha: str) -> Form:
        """The exact version with this content hash, from the files or the stored text."""
        if sha in self._by_sha:
            return self._by_sha[sha]
        with self._db.transaction(read_only=True) as s:
            row = repo.form_versions.get_by_hash(s, sha)
            if row is None:
                raise NotFound("form_version_missing", "form version not found", sha=sha[:16])
            text, label = row.source_text, row.version_label
        form = parse_form(text, f"<stored {label}>")
        self._by_sha[sha] = form
        return form

    def approval(self, sha: str) -> tuple[str | None, str | None]:
        """(approving physician's username, ISO time) or (None, None) for an unapproved version."""
        with self._db.transaction(read_only=True) as s:
            row = repo.form_versions.get_by_hash(s, sha)
            if row is None or row.approved_by_user_id is None:
                return None, None
            if row.retired_at is not None:
                raise InvalidState("form_retired", "this form version has been retired")
            user = repo.users.get(s, row.approved_by_user_id)
            return (user.username if user else None), utc_iso(row.approved_at)

    def form_info(self, form: Form) -> dict[str, Any]:
        approved_by, approved_at = self.approval(form.content_sha256)
        return {"procedure": form.procedure, "language": form.language, "version": form.version,
                "content_sha256": form.content_sha256, "approved_by": approved_by, "approved_at": approved_at}

    def version_id(self, session, sha: str) -> int:
        row = repo.form_versions.get_by_hash(session, sha)
        if row is None:
            raise NotFound("form_version_missing", "form version not found", sha=sha[:16])
        return row.id
