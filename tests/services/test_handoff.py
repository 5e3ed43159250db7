"""A consent handed from a desk to a patient tablet: offer, open, the patient's steps once each, the
desk's live view, taking back, releasing, a restarted tablet, and what a tablet may show.

Desk and tablet are two contexts on one database (two data folders, as two computers): on
PostgreSQL two stations of one server, on SQLite two processes' worth of connections to one file.
"""
from __future__ import annotations

import pytest

from app.domain.errors import InvalidInput, InvalidState
from app.services.connection import StationFile
from app.services.demo import synthetic_signature
from app.services.handoff import HandoffDesk
from app.services.stations import ONLINE_SECONDS, StationsService
from app.services.tablet import Outbox, StepKept, TabletStation
from app.storage.database import Database
from tests.backends import url_of

from .conftest import Env, PASSWORDS, make_env, sign_all, start_discussed


class Pair:
    """A desk and a tablet sharing the desk's database."""

    def __init__(self, env: Env, tmp_path) -> None:
        from app.services.context import open_context

        self.env = env
        self.desk_id = StationsService(env.ctx).register(StationFile("Desk 1", "desk"))
        self.tablet_ctx = open_context(tmp_path / "tablet", clock=env.clock,
                                       database=Database.open(url_of(env.ctx.db)))
        self.tablet_id = StationsService(self.tablet_ctx).register(StationFile("Tablet A", "tablet"))
        self.tablet = TabletStation(self.tablet_ctx, self.tablet_id)
        self.handoffs = HandoffDesk(env.ctx)

    def close(self) -> None:
        self.tablet_ctx.close()

    def hand_over(self, draft_id: str) -> str:
        return self.handoffs.hand_over(self.env.nurse, draft_id, self.tablet_id, self.desk_id)

    def open_on_tablet(self):
        current = self.tablet.current()
        assert current is not None
        handoff = self.tablet.open(current.handoff_id)
        return handoff, self.tablet.session(handoff)


@pytest.fixture
def pair(env, tmp_path):
    p = Pair(env, tmp_path)
    yield p
    p.close()


def discussed_by_staff_only(env) -> str:
    """Identity confirmed, every section explained by the nurse: the patient reads on the tablet."""
    return start_discussed(env)


def test_hand_over_patient_signs_on_the_tablet_desk_sees_it_and_seals(pair):
    env = pair.env
    draft_id = discussed_by_staff_only(env)
    assert [(t.name, t.online, t.free) for t in pair.handoffs.tablets(env.nurse)] == [("Tablet A", True, True)]
    handoff_id = pair.hand_over(draft_id)
    assert pair.handoffs.tablets(env.nurse)[0].free is False
    assert pair.tablet.current().handoff_id == handoff_id
    handoff, patient = pair.open_on_tablet()
    assert handoff.actor.username == env.nurse.username  # the steps are the handing nurse's session
    draft, form = patient.load(handoff.actor, draft_id)
    for section in form.sections:
        draft = patient.understand(handoff.actor, draft_id, section.id)
    patient.ask(handoff.actor, draft_id, form.sections[1].id)
    for choice in form.patient_choices:
        patient.choose(handoff.actor, draft_id, choice.id, "no")
    patient.decide(handoff.actor, draft_id, "consent")
    draft = patient.sign(handoff.actor, draft_id, role="patient", strokes=synthetic_signature(3),
                         name=draft.patient["name_ar"])
    assert patient.next_signer(draft) is None
    progress = pair.handoffs.progress(env.nurse, draft_id)
    kinds = [n.kind for n in progress.notices]
    assert kinds == (["understood"] * len(form.sections) + ["question"] + ["choice"] * len(form.patient_choices)
                     + ["decision", "signed"])
    question = progress.notices[len(form.sections)]
    assert (question.section, question.section_title) == (form.sections[1].id, form.sections[1].title)
    assert progress.status == "active" and progress.tablet == "Tablet A" and progress.tablet_online
    # Only what came after what the desk has seen.
    assert pair.handoffs.progress(env.nurse, draft_id, after_seq=progress.last_seq).notices == []
    # The physician signs at the desk meanwhile; the consent is not sealed while the tablet has it.
    desk = env.desk()
    desk.sign(env.physician, draft_id, role="physician", strokes=synthetic_signature(5, 2),
              password=PASSWORDS["physician"])
    with pytest.raises(InvalidState) as info:
        desk.seal(env.nurse, draft_id)
    assert info.value.code == "consent_on_tablet"
    assert pair.tablet.give_back(handoff.handoff_id, "finished")
    closed = pair.handoffs.progress(env.nurse, draft_id)
    assert (closed.status, closed.closed_reason) == ("closed", "finished")
    assert pair.tablet.current() is None
    sealed = desk.seal(env.nurse, draft_id)
    record = sealed.record
    assert {a["section"] for a in record["discussion"]["acknowledged"] if a["by"] == "patient"} == {
        s.id for s in form.sections}
    assert [s["role"] for s in record["signatures"]] == ["patient", "physician"]


def test_a_step_sent_twice_is_applied_once(pair):
    env = pair.env
    draft_id = discussed_by_staff_only(env)
    pair.hand_over(draft_id)
    handoff, patient = pair.open_on_tablet()
    draft, form = patient.load(handoff.actor, draft_id)
    step = pair.tablet.new_step(handoff, "signed", role="patient", strokes=synthetic_signature(4),
                                name=draft.patient["name_ar"])
    first = pair.tablet.take(step, handoff.actor)
    again = pair.tablet.take(step, handoff.actor)  # the answer was lost: the tablet sends it again
    assert [s["role"] for s in again.signatures] == ["patient"] == [s["role"] for s in first.signatures]
    assert len(pair.handoffs.progress(env.nurse, draft_id).notices) == 1
    assert pair.tablet.outbox.pending() == []


def test_take_back_then_late_steps_are_kept_not_lost(pair):
    env = pair.env
    draft_id = discussed_by_staff_only(env)
    handoff_id = pair.hand_over(draft_id)
    handoff, patient = pair.open_on_tablet()
    draft, form = patient.load(handoff.actor, draft_id)
    assert pair.handoffs.take_back(env.nurse, handoff_id) == "returning"
    # While returning, a step the tablet still sends is the patient's and is applied.
    step = pair.tablet.new_step(handoff, "understood", section=form.sections[0].id)
    pair.tablet.take(step, handoff.actor)
    with pytest.raises(InvalidState):  # the screen may not show the consent any more
        patient.load(handoff.actor, draft_id)
    assert pair.tablet.give_back(handoff_id, "taken_back")
    # A step that arrives after the hand-off ended is kept with what the patient did.
    late = pair.tablet.new_step(handoff, "signed", role="patient", strokes=synthetic_signature(6),
                                name=draft.patient["name_ar"])
    with pytest.raises(InvalidState) as info:
        pair.tablet.take(late, handoff.actor)
    assert info.value.code == "handoff_ended"
    progress = pair.handoffs.progress(env.nurse, draft_id)
    assert [n.kind for n in progress.notices] == ["understood"]
    assert [(k["kind"], k["reason"]) for k in progress.kept] == [("signed", "handoff_ended")]
    assert progress.kept[0]["payload"]["strokes"] == synthetic_signature(6)
    assert env.desk().load(env.nurse, draft_id).signatures == []  # not applied behind the nurse's back
    # The nurse continues at the desk, and seals.
    sign_all(env, draft_id)
    assert env.desk().seal(env.nurse, draft_id).record_id


def test_release_a_tablet_that_does_not_answer(pair):
    env = pair.env
    draft_id = discussed_by_staff_only(env)
    handoff_id = pair.hand_over(draft_id)
    pair.open_on_tablet()
    with pytest.raises(InvalidState) as info:
        pair.handoffs.release(env.nurse, handoff_id)
    assert info.value.code == "handoff_not_returning"
    pair.handoffs.take_back(env.nurse, handoff_id)
    with pytest.raises(InvalidState):
        env.desk().seal(env.nurse, draft_id)  # still returning: the tablet may hold steps
    pair.handoffs.release(env.nurse, handoff_id)
    assert pair.handoffs.progress(env.nurse, draft_id).closed_reason == "released"
    sign_all(env, draft_id)
    assert env.desk().seal(env.nurse, draft_id).record_id


def test_only_tablets_that_are_on_and_free(pair):
    env = pair.env
    first, second = discussed_by_staff_only(env), discussed_by_staff_only(env)
    pair.hand_over(first)
    with pytest.raises(InvalidState) as info:
        pair.hand_over(second)
    assert info.value.code == "tablet_busy"
    with pytest.raises(InvalidState) as info:
        pair.hand_over(first)
    assert info.value.code in ("tablet_busy", "consent_on_tablet")
    env.clock.advance(seconds=ONLINE_SECONDS + 1)  # no heartbeat since
    assert pair.handoffs.tablets(env.nurse)[0].online is False
    pair.tablet.heartbeat()
    assert pair.handoffs.tablets(env.nurse)[0].online is True
    with pytest.raises(InvalidInput):
        pair.handoffs.hand_over(env.nurse, second, pair.desk_id)  # a desk is not a tablet


def test_a_tablet_shows_only_the_consent_it_was_handed(pair):
    env = pair.env
    mine, other = discussed_by_staff_only(env), discussed_by_staff_only(env)
    pair.hand_over(mine)
    handoff, patient = pair.open_on_tablet()
    with pytest.raises(InvalidState) as info:
        patient.load(handoff.actor, other)
    assert info.value.code == "handoff_not_here"
    with pytest.raises(InvalidState):
        patient.understand(handoff.actor, other, "risks")
    assert env.desk().load(env.nurse, other).acknowledged == env.desk().load(env.nurse, mine).acknowledged


def test_a_restarted_tablet_sends_its_outbox_and_gives_the_consent_back(pair):
    """Killed with a signature in its outbox: the next start sends it, then gives the consent back."""
    env = pair.env
    draft_id = discussed_by_staff_only(env)
    pair.hand_over(draft_id)
    handoff, patient = pair.open_on_tablet()
    draft, _ = patient.load(handoff.actor, draft_id)
    step = pair.tablet.new_step(handoff, "signed", role="patient", strokes=synthetic_signature(8),
                                name=draft.patient["name_ar"])
    pair.tablet.outbox.put(step)  # written, then the process died before sending it
    restarted = TabletStation(pair.tablet_ctx, pair.tablet_id, outbox=Outbox(pair.tablet.outbox.folder))
    assert restarted.recover() == 0
    assert restarted.current() is None
    progress = pair.handoffs.progress(env.nurse, draft_id)
    assert (progress.status, progress.closed_reason) == ("closed", "interrupted")
    assert [n.kind for n in progress.notices] == ["signed"]
    assert [s["role"] for s in env.desk().load(env.nurse, draft_id).signatures] == ["patient"]
    # The session resumes: handed over again, the tablet opens where the patient was.
    pair.hand_over(draft_id)
    handoff2 = restarted.open(restarted.current().handoff_id)
    draft2, _ = restarted.session(handoff2).load(handoff2.actor, draft_id)
    assert [s["role"] for s in draft2.signatures] == ["patient"]


@pytest.mark.postgresql_only
def test_server_unreachable_the_step_is_kept_and_sent_later(env, tmp_path):
    """The network between the tablet and the server is cut mid-session: the step stays on the
    tablet (StepKept), nothing reaches the draft, the seal waits; back, it is sent exactly once."""
    from tests.netcut import NetCut

    url = env.ctx.db.engine.url
    with NetCut(url.host, url.port) as cut:
        pair = Pair(env, tmp_path)
        pair.tablet_ctx.db.close()
        from app.services.context import AppContext

        through = Database.open(url.set(host="127.0.0.1", port=cut.port).render_as_string(hide_password=False))
        ctx = pair.tablet_ctx
        pair.tablet_ctx = AppContext(ctx.data_dir, through, ctx.clock, ctx.forms, ctx.seal)
        pair.tablet = TabletStation(pair.tablet_ctx, pair.tablet_id)
        try:
            draft_id = discussed_by_staff_only(env)
            pair.hand_over(draft_id)
            handoff, patient = pair.open_on_tablet()
            draft, _ = patient.load(handoff.actor, draft_id)
            cut.cut()
            with pytest.raises(StepKept) as info:
                patient.sign(handoff.actor, draft_id, role="patient", strokes=synthetic_signature(9),
                             name=draft.patient["name_ar"])
            assert info.value.code == "step_kept_offline" and info.value.params["cause"] == "database_unreachable"
            assert len(pair.tablet.outbox.pending()) == 1
            assert pair.tablet.deliver_pending() == 1  # still away
            assert env.desk().load(env.nurse, draft_id).signatures == []
            with pytest.raises(InvalidState):
                env.desk().seal(env.nurse, draft_id)
            cut.restore()
            assert pair.tablet.deliver_pending() == 0
            assert pair.tablet.deliver_pending() == 0
            assert [s["role"] for s in env.desk().load(env.nurse, draft_id).signatures] == ["patient"]
            assert [n.kind for n in pair.handoffs.progress(env.nurse, draft_id).notices] == ["signed"]
        finally:
            pair.close()
