"""A station in a process of its own, for the several-stations tests: ``python -m
tests.hardening.station_worker ROLE DATA_DIR DATABASE_URL [ARGS...]``; one line per event on stdout.

* ``desk-handover PATIENT_MRN TABLET``: starts and explains a consent, hands it to the tablet, waits
  until the tablet gives it back, then the physician signs and it is sealed (``SEALED record_id``).
* ``desk-busy COUNT QUESTION_FOR_MRN``: seals COUNT consents of its own while the other desk's
  consent is on the tablet, and adds a question to that consent meanwhile (a desk editing while the
  tablet is signing): ``QUESTION draft_id``, ``SEALED record_id`` each.
* ``tablet-dies TABLET``: the tablet's side without a screen: opens the consent it was handed, the
  patient understands every part and agrees, then a signature is kept in the outbox and the process
  waits to be killed (``KEPT step_id``): the patient pressed "accept" as the tablet died.

Staff accounts and passwords are those of tests.services.conftest.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path


def say(*words: object) -> None:
    print(" ".join(str(w) for w in words), flush=True)


def _context(data_dir: str, url: str):
    from app.services.context import open_context
    from app.storage.database import Database

    return open_context(Path(data_dir), database=Database.open(url))


def _env(ctx):
    from app.domain.clock import SystemClock
    from app.domain.roles import Actor
    from app.storage import repositories as repo
    from tests.services.conftest import STAFF, Env

    env = Env(ctx, SystemClock())
    with ctx.db.transaction(read_only=True) as s:
        for key, (username, role, name_ar) in STAFF.items():
            user = repo.users.get_by_username(s, username)
            if user is not None:
                env.staff[key] = Actor(user.id, username, role, name_ar)
    return env


def desk_handover(data_dir: str, url: str, mrn: str, tablet: str) -> None:
    from app.services.connection import StationFile
    from app.services.demo import synthetic_signature
    from app.services.handoff import HandoffDesk
    from app.services.stations import StationsService
    from tests.services.conftest import PASSWORDS, PATIENT, plan, start_discussed

    ctx = _context(data_dir, url)
    env = _env(ctx)
    desk_id = StationsService(ctx).register(StationFile("Desk 1", "desk"))
    handoffs = HandoffDesk(ctx)
    draft_id = start_discussed(env, demo=False, patient={**PATIENT, "mrn": mrn}, plan_data=plan(ctx.today()))
    tablet_id = next(t.id for t in handoffs.tablets(env.nurse) if t.name == tablet)
    handoff_id = handoffs.hand_over(env.nurse, draft_id, tablet_id, desk_id)
    say("HANDED", draft_id, handoff_id)
    seen = 0
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        progress = handoffs.progress(env.nurse, draft_id, after_seq=seen)
        for notice in progress.notices:
            say("NOTICE", notice.kind, notice.section or notice.role or notice.outcome)
        seen = progress.last_seq
        if not progress.on_tablet:
            say("RETURNED", progress.closed_reason)
            break
        time.sleep(0.2)
    desk = env.desk()
    desk.sign(env.physician, draft_id, role="physician", strokes=synthetic_signature(11, 2),
              password=PASSWORDS["physician"])
    sealed = desk.seal(env.nurse, draft_id)
    say("SEALED", sealed.record_id)
    ctx.close()


def desk_busy(data_dir: str, url: str, count: str, mrn: str) -> None:
    from app.domain.errors import ConsentError
    from app.services.connection import StationFile
    from app.services.stations import StationsService
    from app.storage import repositories as repo
    from app.storage.models import Draft, Patient
    from sqlalchemy import select
    from tests.services.conftest import PATIENT, seal_consent

    ctx = _context(data_dir, url)
    env = _env(ctx)
    StationsService(ctx).register(StationFile("Desk 2", "desk"))
    asked = False
    for n in range(int(count)):
        sealed = None
        for attempt in range(5):  # the write lock is busy while the other desk seals: try again
            try:
                _, sealed = seal_consent(env, demo=False, seed=100 + n,
                                         patient={**PATIENT, "mrn": f"B-{n}-{attempt}", "national_id": ""})
                break
            except ConsentError as exc:
                say("RETRY", exc.code)
        say("SEALED", sealed.record_id if sealed else "-")
        if not asked:
            with ctx.db.transaction(read_only=True) as s:
                draft = s.execute(select(Draft.id).join(Patient, Patient.id == Draft.patient_id)
                                  .where(Patient.mrn == mrn, Draft.status == "open")).scalar()
                on_tablet = draft is not None and repo.stations.open_for_draft(s, draft) is not None
            if on_tablet:
                env.desk().add_question(env.nurse, draft, "سؤال من المكتب الثاني أثناء التوقيع", "نعم")
                say("QUESTION", draft)
                asked = True
    ctx.close()


def tablet_dies(data_dir: str, url: str, tablet: str) -> None:
    from app.services.connection import StationFile
    from app.services.demo import synthetic_signature
    from app.services.stations import StationsService
    from app.services.tablet import TabletStation

    ctx = _context(data_dir, url)
    station_id = StationsService(ctx).register(StationFile(tablet, "tablet"))
    station = TabletStation(ctx, station_id)
    say("WAITING")
    while (current := station.current()) is None:
        station.heartbeat()
        time.sleep(0.1)
    handoff = station.open(current.handoff_id)
    patient = station.session(handoff)
    draft, form = patient.load(handoff.actor, handoff.draft_id)
    for section in form.sections:
        patient.understand(handoff.actor, handoff.draft_id, section.id)
    for choice in form.patient_choices:
        patient.choose(handoff.actor, handoff.draft_id, choice.id, "no")
    patient.decide(handoff.actor, handoff.draft_id, "consent")
    step = station.new_step(handoff, "signed", role="patient", strokes=synthetic_signature(13),
                            name=draft.patient["name_ar"])
    step = station.outbox.put(step)  # kept on disk ... and the process dies before sending it
    say("KEPT", step.step_id)
    time.sleep(600)


ROLES = {"desk-handover": desk_handover, "desk-busy": desk_busy, "tablet-dies": tablet_dies}

if __name__ == "__main__":
    ROLES[sys.argv[1]](*sys.argv[2:])
