"""Shared set-up for the archive and administration screens: an institution with staff and three
demonstration records, a signed-in session, a fake print queue."""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.services.demo import DemoService
from app.ui.common.services import StaffSession


@dataclass
class ArchiveEnv:
    services: object
    staff: dict
    records: list[str]
    tmp: Path

    @property
    def ctx(self):
        return self.services.ctx

    def session(self, role: str) -> StaffSession:
        session = StaffSession()
        session.sign_in(self.staff[role])
        return session

    def audit_actions(self, subject: str | None = None) -> list[str]:
        from sqlalchemy import select

        from app.storage.models import AuditEvent

        stmt = select(AuditEvent.action).order_by(AuditEvent.seq)
        if subject is not None:
            stmt = stmt.where(AuditEvent.subject == subject)
        with self.ctx.db.transaction(read_only=True) as s:
            return list(s.execute(stmt).scalars())


@pytest.fixture
def archive_env(services, staffed, tmp_path):
    out = tmp_path / "demo"
    records = [rid for rid, _ in DemoService(services.ctx).run(out, 3)]
    return ArchiveEnv(services, staffed, records, tmp_path)


@dataclass
class FakeQueue:
    """A print queue that keeps what it was given (no CUPS in tests)."""

    name: str = "fake"
    queue_names: tuple = ("Ward-3", "Records-Office")
    jobs: list = field(default_factory=list)
    fail: bool = False

    def queues(self) -> list[str]:
        return list(self.queue_names)

    def default_queue(self) -> str:
        return self.queue_names[1]

    def submit(self, pdf: Path, queue: str, copies: int, title: str) -> str:
        from app.ui.archive.printing import PrintFailed

        if self.fail:
            raise PrintFailed("print_failed", "the queue is paused")
        kept = Path(str(pdf) + f".job{len(self.jobs)}")
        shutil.copyfile(pdf, kept)
        self.jobs.append({"queue": queue, "copies": copies, "title": title, "data": kept.read_bytes()})
        kept.unlink()
        return f"{queue}-{len(self.jobs)}"
