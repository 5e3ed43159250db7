"""Two stations on the same consent: two desks opening the same draft, a desk correcting details while
another took a step, two desks sealing it at the same moment, two desks starting its readiness check
at the same moment. Each ends in a clear, typed error or in
both steps kept; never a lost step, never two records.

The second desk is a context of its own on the same database (its own connections and data folder,
as a second computer has): on PostgreSQL two stations of one server, on SQLite two connections to one
file.
"""
from __future__ import annotations

import threading
from typing import Callable

import pytest

from app.domain.errors import ConsentError, InvalidState
from app.services.audit import AuditService
from app.services.consent import ConsentDesk
from app.services.context import open_context
from app.services.readiness import ReadinessCheck
from app.storage.database import Database
from app.storage.models import AuditEvent, Record
from tests.backends import url_of

from .conftest import PATIENT, plan, sign_all, start_discussed


@pytest.fixture
def second_desk(env, tmp_path):
    """Demonstration consents: each desk seals them with a demonstration key of its own, in memory."""
    ctx = open_context(tmp_path / "desk-2", clock=env.clock, database=Database.open(url_of(env.ctx.db)))
    yield ConsentDesk(ctx)
    ctx.close()


def at_once(calls: dict[str, Callable[[], object]]) -> dict[str, object]:
    """Each call in a thread of its own, released together; what each returned, or its ConsentError."""
    gate = threading.Barrier(len(calls))
    outcome: dict[str, object] = {}

    def run(name: str) -> None:
        gate.wait()
        try:
            outcome[name] = calls[name]()
        except ConsentError as exc:
            outcome[name] = exc

    threads = [threading.Thread(target=run, args=(name,)) for name in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return outcome


def test_two_desks_on_the_same_draft_each_see_the_others_steps(env, second_desk):
    draft_id = start_discussed(env)
    first, second = env.desk(), second_desk
    assert first.load(env.nurse, draft_id) == second.load(env.nurse, draft_id)  # both opened it
    first.add_question(env.nurse, draft_id, "هل أستطيع الاستحمام بعد الإجراء؟", "بعد يومين.")
    seen = second.add_question(env.nurse, draft_id, "متى أعود إلى العمل؟", "خلال أسبوع.")
    assert [q["text"] for q in seen.questions] == ["هل أستطيع الاستحمام بعد الإجراء؟", "متى أعود إلى العمل؟"]
    back = first.teach_back(env.nurse, draft_id, "main_aim", "تخفيف الألم")
    assert len(back.questions) == 2 and back.teach_back  # nothing overwritten either way


def test_correcting_details_after_another_station_took_a_step(env, second_desk, monkeypatch):
    desk = env.desk()
    draft_id = desk.start(env.nurse, PATIENT, plan(env.ctx.today()), demo=True)
    real_load = desk.load

    def load_then_the_other_desk_asks(actor, draft):
        loaded = real_load(actor, draft)
        second_desk.add_question(env.nurse, draft_id, "هل الإجراء مؤلم؟")  # between reading and saving
        return loaded

    monkeypatch.setattr(desk, "load", load_then_the_other_desk_asks)
    corrected = {**PATIENT, "name_latin": "Fatima Alzahrani"}
    with pytest.raises(InvalidState) as info:
        desk.update_details(env.nurse, draft_id, corrected, plan(env.ctx.today()))
    assert info.value.code == "draft_changed_elsewhere"
    monkeypatch.undo()
    kept = desk.load(env.nurse, draft_id)
    assert [q["text"] for q in kept.questions] == ["هل الإجراء مؤلم؟"] and kept.patient["name_latin"] == PATIENT[
        "name_latin"]


def test_two_desks_sealing_the_same_consent_at_once(env, second_desk):
    draft_id = start_discussed(env)
    sign_all(env, draft_id)
    desks = {"desk 1": env.desk(), "desk 2": second_desk}
    outcome = at_once({name: (lambda d=desk: d.seal(env.nurse, draft_id)) for name, desk in desks.items()})
    refused = [o for o in outcome.values() if isinstance(o, ConsentError)]
    sealed = [o for o in outcome.values() if not isinstance(o, ConsentError)]
    assert len(sealed) == 1 and len(refused) == 1, outcome
    # The one that lost is told the consent is already completed (or changed: try again), nothing more.
    assert refused[0].code in ("draft_closed", "draft_changed"), refused[0]
    with env.ctx.db.transaction(read_only=True) as s:
        records = s.query(Record.record_id).all()
    assert [r.record_id for r in records] == [sealed[0].record_id]
    assert AuditService(env.ctx).verify_chain().ok


def test_two_desks_starting_the_readiness_check_at_once_share_one(env, second_desk):
    draft_id = start_discussed(env)
    sign_all(env, draft_id)
    consent_id = env.desk().seal(env.nurse, draft_id).record_id
    checks = {"desk 1": env.readiness_check(), "desk 2": ReadinessCheck(second_desk.ctx)}
    started = at_once({name: (lambda c=check: c.start(env.nurse, consent_id)) for name, check in checks.items()})
    assert started["desk 1"] == started["desk 2"] and isinstance(started["desk 1"], str), started
    assert checks["desk 2"].open_draft_for(env.nurse, consent_id) == started["desk 1"]
    with env.ctx.db.transaction(read_only=True) as s:
        started_events = s.query(AuditEvent.seq).filter(AuditEvent.action == "verification.started").count()
    assert started_events == 1
