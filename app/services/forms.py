"""Form versions: the catalogue of forms, a physician's approval, and their administration.

``FormCatalog``: the forms on disk, each registered as a stored version in the database. A version's
identity is its canonical-content hash; the text of every version is stored, so a record can always
be shown with the exact version it was signed with, even after the file changed.

``FormsService`` (the command line): a physician approves the exact content of a form file before real
patients see it; the known versions with their approval.

``FormAdmin`` (the administration screens): form versions and local checklist thresholds, for
administrators and physicians.

* list every stored version (status: approved / not-approved / retired; which one the files offer);
* what changed between two versions, section by section and paragraph by paragraph (also the
  certification, signature meanings, checklist items and thresholds);
* approve a version (a physician, password re-entered), retire one (it is no longer offered; records
  that used it keep pointing at it);
* set a local threshold within the range the form allows.
Every action is audited (form hashes and ids, no text).
"""
from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.clock import utc_iso
from app.domain.errors import FormInvalid, InvalidInput, InvalidState, NotFound
from app.domain.form import Form, text_for
from app.domain.form_loader import load_form, load_forms, parse_form
from app.domain.roles import Actor, require
from app.storage import repositories as repo
from app.storage.database import Database

from .auth import AuthService

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


@dataclass(frozen=True)
class FormVersionInfo:
    content_sha256: str
    procedure: str
    language: str
    version: str
    status: str  # approved | not-approved | retired
    approved_by: str | None
    approved_at: str | None
    retired_at: str | None
    offered: bool  # the version the form files currently offer


@dataclass(frozen=True)
class Change:
    """One difference: ``what`` is "added" | "removed" | "changed"; ``where`` e.g. "section:risks/paragraph 2"."""

    what: str
    where: str
    old: str
    new: str


def _text_blocks(form: Form) -> dict[str, list[tuple[str, str]]]:
    """Named groups of (label, text) in reading order."""
    groups: dict[str, list[tuple[str, str]]] = {}
    groups["title"] = [("title", form.title), ("procedure_name", form.procedure_name)]
    for s in form.sections:
        items = [("title", s.title)]
        items += [(f"paragraph {i}", p) for i, p in enumerate(s.paragraphs, start=1)]
        items += [(f"bullet {i}", b) for i, b in enumerate(s.bullets, start=1)]
        groups[f"section:{s.id}"] = items
    groups["certification"] = [("text", form.certification)]
    groups["signature_meanings"] = sorted(form.signature_meanings.items())
    for ind_id, ind in sorted(form.indications.items()):
        groups[f"indication:{ind_id}"] = ([("label", ind.label)] + [(f"benefit {i}", b) for i, b in
                                                                     enumerate(ind.benefits, start=1)]
                                          + [(f"risk {i}", r) for i, r in enumerate(ind.risks, start=1)])
    groups["checklist"] = [(item.id, item.label) for item in form.checklist]
    groups["thresholds"] = [(t.id, f"{t.value} ({t.minimum}..{t.maximum}) {t.unit}".strip())
                            for t in form.thresholds.values()]
    return groups


def diff_forms(old: Form, new: Form) -> list[Change]:
    """Section and paragraph level differences, in the new version's order."""
    a, b = _text_blocks(old), _text_blocks(new)
    out: list[Change] = []
    for group in list(b) + [g for g in a if g not in b]:
        if group not in a:
            out.append(Change("added", group, "", "\n".join(t for _, t in b[group])))
            continue
        if group not in b:
            out.append(Change("removed", group, "\n".join(t for _, t in a[group]), ""))
            continue
        old_items, new_items = a[group], b[group]
        keyed = group in ("signature_meanings", "checklist", "thresholds")
        if keyed:
            oldd, newd = dict(old_items), dict(new_items)
            for key in list(newd) + [k for k in oldd if k not in newd]:
                if key not in oldd:
                    out.append(Change("added", f"{group}/{key}", "", newd[key]))
                elif key not in newd:
                    out.append(Change("removed", f"{group}/{key}", oldd[key], ""))
                elif oldd[key] != newd[key]:
                    out.append(Change("changed", f"{group}/{key}", oldd[key], newd[key]))
            continue
        old_texts, new_texts = [t for _, t in old_items], [t for _, t in new_items]
        matcher = difflib.SequenceMatcher(a=old_texts, b=new_texts, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            if op == "replace" and i2 - i1 == j2 - j1:
                for k in range(i2 - i1):
                    out.append(Change("changed", f"{group}/{new_items[j1 + k][0]}", old_texts[i1 + k], new_texts[j1 + k]))
                continue
            for k in range(i1, i2):
                out.append(Change("removed", f"{group}/{old_items[k][0]}", old_texts[k], ""))
            for k in range(j1, j2):
                out.append(Change("added", f"{group}/{new_items[k][0]}", "", new_texts[k]))
    return out


class FormAdmin:
    def __init__(self, ctx, auth: AuthService | None = None) -> None:
        self.ctx = ctx
        self.auth = auth or AuthService(ctx)

    def list_versions(self, actor: Actor) -> list[FormVersionInfo]:
        require(actor, "forms.view")
        offered = set()
        for procedure in ("vertebroplasty", "kyphoplasty"):
            for language in ("ar", "en"):
                try:
                    offered.add(self.ctx.forms.current(procedure, language).content_sha256)
                except NotFound:
                    pass
        with self.ctx.db.transaction(read_only=True) as s:
            out = []
            for v in repo.form_versions.list_versions(s):
                approver = repo.users.get(s, v.approved_by_user_id) if v.approved_by_user_id else None
                status = "retired" if v.retired_at else ("approved" if v.approved_at else "not-approved")
                out.append(FormVersionInfo(v.content_sha256, v.procedure, v.language, v.version_label, status,
                                           approver.username if approver else None,
                                           utc_iso(v.approved_at) if v.approved_at else None,
                                           utc_iso(v.retired_at) if v.retired_at else None,
                                           v.content_sha256 in offered))
            return out

    def _sha(self, session, prefix: str) -> str:
        """A full content hash from a hash or an unambiguous prefix (at least 8 hex digits)."""
        prefix = (prefix or "").strip().lower()
        if len(prefix) < 8:
            raise InvalidInput("form_hash_short", "give at least 8 hex digits of the form version's hash")
        matches = [v.content_sha256 for v in repo.form_versions.list_versions(session)
                   if v.content_sha256.startswith(prefix)]
        if not matches:
            raise NotFound("form_version_missing", "no form version with this hash")
        if len(matches) > 1:
            raise InvalidInput("form_hash_ambiguous", "several versions start with these digits; give more")
        return matches[0]

    def diff(self, actor: Actor, old_sha: str, new_sha: str) -> list[Change]:
        require(actor, "forms.view")
        with self.ctx.db.transaction(read_only=True) as s:
            a, b = self._sha(s, old_sha), self._sha(s, new_sha)
        forms = self.ctx.forms
        return diff_forms(forms.by_sha(a), forms.by_sha(b))

    def read(self, actor: Actor, sha: str) -> tuple[str, list[tuple[str, list[tuple[str, str]]]]]:
        """A version's whole text in reading order, to read before approving it: (language, groups)."""
        require(actor, "forms.view")
        with self.ctx.db.transaction(read_only=True) as s:
            full = self._sha(s, sha)
        form = self.ctx.forms.by_sha(full)
        return form.language, list(_text_blocks(form).items())

    def review_notes(self, actor: Actor, sha: str) -> list[tuple[str, str]]:
        """What the approving physician confirms locally before approving this version: (where, note)."""
        require(actor, "forms.view")
        with self.ctx.db.transaction(read_only=True) as s:
            full = self._sha(s, sha)
        return [(n.where, n.note) for n in self.ctx.forms.by_sha(full).review_notes]

    def approve(self, actor: Actor, password: str, sha: str) -> FormVersionInfo:
        """A physician approves a stored version (password re-entered)."""
        require(actor, "forms.approve")
        self.auth.confirm(actor, password, "forms.approve")
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            full = self._sha(s, sha)
            row = repo.form_versions.get_by_hash(s, full)
            if row.retired_at is not None:
                raise InvalidState("form_retired", "this form version has been retired")
            if row.approved_at is not None:
                raise InvalidState("form_already_approved", "this form version is already approved")
            repo.form_versions.approve(s, full, actor.user_id, at=now)
            self.ctx.audit.append(s, actor.username, "form.approved", subject=f"form:{full}",
                                  details={"procedure": row.procedure, "version": row.version_label}, at=now)
        return next(v for v in self.list_versions(actor)
                    if v.content_sha256 == full)

    def retire(self, actor: Actor, sha: str) -> None:
        """Stop offering a version for new consents; records that used it keep pointing at it."""
        require(actor, "forms.retire")
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            full = self._sha(s, sha)
            row = repo.form_versions.get_by_hash(s, full)
            if row.retired_at is not None:
                return
            repo.form_versions.retire(s, full, at=now)
            self.ctx.audit.append(s, actor.username, "form.retired", subject=f"form:{full}",
                                  details={"procedure": row.procedure, "version": row.version_label}, at=now)

    # ------------------------------------------------------------------ thresholds
    def thresholds(self, actor: Actor, procedure: str = "vertebroplasty") -> list[dict[str, Any]]:
        """The form's thresholds with the local value in force."""
        require(actor, "settings.manage")
        local = self.ctx.settings().thresholds
        form = self.ctx.forms.current(procedure)
        return [{"id": t.id, "label": t.label, "label_en": text_for(t, "label", "en"), "default": t.value,
                 "minimum": t.minimum, "maximum": t.maximum, "unit": t.unit, "value": local.get(t.id, t.value)}
                for t in form.thresholds.values()]

    def set_threshold(self, actor: Actor, threshold_id: str, value: float) -> None:
        """A local value within the range every current form allows for this threshold."""
        require(actor, "settings.manage")
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise InvalidInput("threshold_invalid", "threshold: a number") from None
        specs = []
        for procedure in ("vertebroplasty", "kyphoplasty"):
            try:
                form = self.ctx.forms.current(procedure)
            except NotFound:
                continue
            if threshold_id in form.thresholds:
                specs.append(form.thresholds[threshold_id])
        if not specs:
            raise InvalidInput("threshold_unknown", f"no form defines the threshold '{str(threshold_id)[:40]}'")
        lo, hi = max(t.minimum for t in specs), min(t.maximum for t in specs)
        if not lo <= value <= hi:
            raise InvalidInput("threshold_out_of_range", f"{threshold_id}: must lie between {lo:g} and {hi:g}",
                               minimum=lo, maximum=hi)
        current = dict(self.ctx.settings().thresholds)
        current[threshold_id] = value
        with self.ctx.db.transaction() as s:
            self.ctx.set_setting(s, "thresholds", current, actor.username)
