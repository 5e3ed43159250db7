"""Sealing: canonical record -> SHA-256 -> PDF -> institution seal -> stored with its audit event,
all in one transaction, so a crash never leaves a record without its PDF or its audit event.

The write lock is held from reading the audit head to the commit, so the ``audit_head`` a record
carries is exactly the event before its own.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable

from app.domain.clock import utc_iso
from app.domain.errors import ConsentError, InvalidState
from app.domain.form import Form
from app.domain.record import canonical_json, new_record_id, sha256_hex
from app.domain.roles import Actor
from app.storage import repositories as repo

log = logging.getLogger(__name__)

RecordBuilder = Callable[[str, str, str], dict]  # (audit_head, record_id, now_iso) -> record


@dataclass(frozen=True)
class SealedRecord:
    record_id: str
    kind: str
    record_sha256: str
    pdf: bytes
    record: dict


class Sealer:
    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.timestamp_url: str | None = None
        self.timestamp_unusable = False  # a server is set but is down or untrusted: B-B now, queued

    def prepare(self, demo: bool = False) -> tuple[Any, str]:
        """Everything that needs its own transaction, done before the write lock is taken: the
        signer (the demonstration seal for a demonstration, else the institution's, which must chain
        to the trust file) and the timestamp server (with one, seals are PAdES B-T; a demonstration
        gets no timestamp)."""
        settings = self.ctx.settings()
        signer = self.ctx.seal.signer(demo=demo, institution_name=settings.institution_name_en or "Consent Desk")
        url = (settings.timestamp_url or None) if not demo else None
        self.timestamp_unusable = bool(url) and not self.ctx.seal.timestamp_server_usable(url)
        self.timestamp_url = None if self.timestamp_unusable else url
        return signer, settings.time_zone

    def seal(self, session, *, actor: Actor, kind: str, form: Form, build: RecordBuilder, patient_id: int,
             is_demo: bool, identity: Any, tz: str, refers_to: str | None = None) -> SealedRecord:
        from app.documents.record_pdf import render_record_pdf
        from app.documents.seal import seal_pdf

        self.ctx.db.lock_writes(session)
        now = self.ctx.clock.now()
        record_id = new_record_id(kind, now.year)
        record = build(self.ctx.audit.head(session), record_id, utc_iso(now))
        data = canonical_json(record)
        sha = sha256_hex(data)
        rendered = render_record_pdf(record, sha, form, tz=tz)
        queued = self.timestamp_unusable
        try:
            try:
                pdf = seal_pdf(rendered, data, sha, record_id, identity, timestamp_url=self.timestamp_url)
            except ConsentError as exc:
                if exc.code != "timestamp_unavailable":
                    raise
                # The desk must not stop: seal B-B now, the timestamp follows (``archive timestamp``).
                pdf = seal_pdf(rendered, data, sha, record_id, identity)
                queued = True
        except ConsentError:
            raise
        except Exception as exc:
            if identity.source != "pkcs11":
                raise
            # The token was pulled out, its session closed, the HSM unreachable: open it again next time.
            self.ctx.seal.forget()
            raise InvalidState("pkcs11_unavailable",
                               f"the seal's token did not sign ({type(exc).__name__}); check it is plugged in "
                               "and try again") from None
        repo.records.add(
            session, record_id=record_id, kind=kind, patient_id=patient_id,
            form_version_id=self.ctx.forms.version_id(session, form.content_sha256),
            record_json=data.decode("utf-8"), record_sha256=sha, pdf=pdf, is_demo=is_demo,
            created_by=actor.user_id, signed_at=now, refers_to=refers_to, at=now)
        if queued:
            repo.records.queue_timestamp(session, record_id, at=now)
        level = "B-T" if self.timestamp_url and not queued else "B-B"
        self.ctx.audit.append(session, actor.username, "record.sealed", subject=record_id,
                              details={"kind": kind, "sha256": sha, "refers_to": refers_to, "demo": is_demo,
                                       "level": level, "seal": identity.fingerprint_sha256[:16]},
                              at=now)
        log.info("sealed a %s record", kind)
        return SealedRecord(record_id, kind, sha, pdf, record)


def staff_entry(actor: Actor) -> dict[str, str]:
    return {"username": actor.username, "name": actor.name_ar}
