"""The process that gets killed: the demo's sealing loop against one data folder, forever.

Started by :mod:`tests.hardening.test_crash` through a ``forkserver`` that has already imported the
program, so each trial costs a fork instead of a fresh interpreter (the imports take seconds on the
shared CI machine). The child is a separate process like any other: SIGKILL ends it without
``finally`` blocks, atexit handlers or SQLite's clean close.

Each loop seals a consent (every third one also its readiness check) and writes the operator's copy,
then leaves a consent draft open half-way through the discussion, so that drafts, records, audit
events, copies and the first-run certificate are all being written when the kill comes.
"""
from __future__ import annotations

from pathlib import Path

PRELOAD = [
    "app.services.context", "app.services.demo", "app.services.consent", "app.services.readiness",
    "app.documents.seal", "app.documents.record_pdf", "app.documents.pdf_verify", "app.services.audit",
]


def run(data_dir: str, out_dir: str, seed: int, ready, forms_dir: str | None = None,
        database_url: str | None = None) -> None:  # pragma: no cover - runs in the child
    from app.services.consent import ConsentDesk
    from app.services.context import open_context
    from app.services.demo import DemoService, _write_copy, synthetic_patient
    from app.storage.database import Database

    Path(out_dir).mkdir(parents=True, exist_ok=True)
    database = Database.open(database_url) if database_url else None  # a station of a PostgreSQL server
    ctx = open_context(Path(data_dir), forms_dir=Path(forms_dir) if forms_dir else None, database=database)
    demo = DemoService(ctx)
    nurse, physician, password = demo._staff()
    ready.set()
    today = ctx.today()
    n = seed * 1000
    while True:
        data = synthetic_patient(n, today)
        sealed = demo.one_consent(nurse, physician, password, data, seed=n)
        _write_copy(Path(out_dir), sealed.record_id, sealed.pdf)
        if n % 3 == 0:
            ver = demo.one_readiness_check(nurse, sealed.record_id, physician)
            _write_copy(Path(out_dir), ver.record_id, ver.pdf)
        desk = ConsentDesk(ctx, demo.auth)
        patient, plan = demo._split(synthetic_patient(n + 1, today))
        draft_id = desk.start(nurse, patient, plan, demo=True)
        desk.confirm_identity(nurse, draft_id)
        desk.add_question(nurse, draft_id, f"سؤال رقم {n} عن الألم بعد الإجراء", "")
        n += 1
