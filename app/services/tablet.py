"""The patient tablet's side of a hand-off: what it may show, and the patient's steps kept until sent.

A tablet shows nothing of any patient until a desk hands it a consent; then only that consent, and
only while the hand-off lasts. Each step the patient takes (understood, a question, the decision, a
signature) is first written to this computer's outbox (``<data>/outbox/``, one file per step, 0600,
written whole or not at all) with an id of its own, then sent: applied to the draft in one
transaction with its ``handoff_steps`` row. A step sent again after a lost connection is recognised
by its id and not applied twice. While the server cannot be reached the step stays in the outbox,
the screen says so, and :meth:`TabletStation.deliver_pending` sends it when the server is back: even
after the tablet was switched off or killed (:meth:`TabletStation.recover`, at start-up, sends the
outbox before anything else, then gives back any consent it still had).

A step that can no longer be applied (the nurse released the tablet, the consent moved on) is kept
in ``handoff_steps`` with what the patient did and why, for the desk to see: never lost.

The actor of the patient's steps is the staff member who handed the consent over (as on the desk's
own patient screen); the audit names the tablet's station in its own events.
"""
from __future__ import annotations

import json
import logging
import os
import threading
import time
import uuid
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Callable

from app.domain.clock import utc_iso
from app.domain.consent import ConsentDraft
from app.domain.errors import ConsentError, InvalidState, NotFound, StorageFailure
from app.domain.form import Form
from app.domain.roles import Actor
from app.storage import repositories as repo
from app.storage.notify import notify

from .consent import ConsentDesk
from .files import write_atomically
from .patient_session import Notice, PatientSession

log = logging.getLogger(__name__)
OUTBOX = "outbox"
# The server is away or busy: the step waits in the outbox and is sent again.
RETRY_CODES = {"database_unreachable", "database_busy", "database_login_failed", "database_tls_failed",
               "storage_failure", "database_missing"}
STEP_KINDS = ("understood", "question", "choice", "decision", "signed")


@dataclass(frozen=True)
class PatientStep:
    step_id: str
    handoff_id: str
    draft_id: str
    kind: str
    args: dict[str, Any]
    taken_at: str
    order: int = 0  # set by the outbox: the steps are sent in the order they were taken

    def section(self) -> str | None:
        return self.args.get("section")

    def role(self) -> str | None:
        return self.args.get("role")


@dataclass(frozen=True)
class TabletHandoff:
    """What the tablet knows of the consent it was handed (no patient data)."""

    handoff_id: str
    draft_id: str
    status: str
    actor: Actor


class StepKept(StorageFailure):
    """The server could not be reached: the step is kept on this tablet and will be sent."""

    def __init__(self, step: PatientStep, cause: ConsentError) -> None:
        super().__init__("step_kept_offline", "the database cannot be reached; the step is kept on this tablet "
                                              "and sent when the connection is back", cause=cause.code)
        self.step = step


class Outbox:
    """The patient's steps not yet confirmed by the server, on this computer's disk."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._last = 0

    def _path(self, step: PatientStep) -> Path:
        return self.folder / f"{step.order:020d}-{step.step_id}.json"

    def put(self, step: PatientStep) -> PatientStep:
        """Write the step (whole, 0600, synced) and return it with its place in the queue."""
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(self.folder, 0o700)
        if not step.order:
            newest = max((p.name.split("-", 1)[0] for p in self.folder.glob("*.json")), default="0")
            self._last = max(time.time_ns(), self._last + 1, int(newest) + 1 if newest.isdigit() else 0)
            step = replace(step, order=self._last)
        write_atomically(self._path(step), json.dumps(asdict(step), ensure_ascii=False, sort_keys=True).encode())
        return step

    def remove(self, step: PatientStep) -> None:
        self._path(step).unlink(missing_ok=True)

    def pending(self) -> list[PatientStep]:
        if not self.folder.is_dir():
            return []
        out = []
        for path in sorted(self.folder.glob("*.json")):  # names start with the time: oldest first
            try:
                out.append(PatientStep(**json.loads(path.read_text(encoding="utf-8"))))
            except FileNotFoundError:  # sent and removed by the other thread since the listing
                continue
            except (OSError, ValueError, TypeError):
                log.warning("an unreadable step file was left in the outbox: %s", path.name)
        return out


class _StepHook:
    """Inside ConsentDesk._step's transaction: a step once, only during its hand-off, recorded."""

    def __init__(self, step: PatientStep, tablet_id: int) -> None:
        self.step, self.tablet_id = step, tablet_id
        self.recorded = False
        self.desk_id: int | None = None

    def check(self, s, draft_id: str) -> ConsentDraft | None:
        if repo.stations.step(s, self.step.step_id) is not None:
            self.recorded = True
            row = repo.drafts.get(s, draft_id)
            return ConsentDraft.from_state(row.state)
        handoff = repo.stations.get_handoff(s, self.step.handoff_id)
        if handoff.tablet_id != self.tablet_id or handoff.draft_id != draft_id or draft_id != self.step.draft_id:
            raise InvalidState("handoff_not_here", "this consent was not handed to this tablet")
        if handoff.status not in ("active", "returning"):
            raise InvalidState("handoff_ended", "the consent was taken back by the desk")
        self.desk_id = handoff.desk_id
        return None

    before = check

    def after(self, s, draft_id: str, draft: ConsentDraft) -> None:
        record_step(s, self.step, "applied", desk_id=self.desk_id)
        self.recorded = True


def record_step(s, step: PatientStep, outcome: str, *, reason: str | None = None, desk_id: int | None = None) -> None:
    payload: Any = None
    if outcome == "kept":
        payload = step.args  # what the patient did, kept for the desk (a signature's strokes too)
    elif step.kind == "decision":
        payload = {"outcome": step.args.get("outcome")}
    elif step.kind == "choice":
        payload = {"outcome": step.args.get("value")}
    repo.stations.add_step(s, step_id=step.step_id, handoff_id=step.handoff_id, kind=step.kind, outcome=outcome,
                           taken_at=step.taken_at, section=step.section(), role=step.role(), payload=payload,
                           reason=reason)
    notify(s, station=desk_id, handoff=step.handoff_id, event="step")


class TabletStation:
    """One tablet: its hand-offs, the patient's steps, its outbox."""

    def __init__(self, ctx, station_id: int, *, outbox: Outbox | None = None) -> None:
        self.ctx = ctx
        self.station_id = station_id
        self.outbox = outbox or Outbox(Path(ctx.data_dir) / OUTBOX)
        self.name = f"station:{station_id}"
        self.unreachable = False  # the last attempt could not reach the server
        # The screen's thread takes steps while the watcher's thread sends the outbox: one at a time.
        self._sending = threading.RLock()

    # --- what the tablet was handed ---------------------------------------------------------------
    def current(self) -> TabletHandoff | None:
        """The consent handed to this tablet (offered, active or being taken back), if any."""
        with self.ctx.db.transaction(read_only=True) as s:
            rows = repo.stations.open_for_tablet(s, self.station_id)
            if not rows:
                return None
            row = rows[-1]
            return TabletHandoff(row.id, row.draft_id, row.status, self._actor(s, row.handed_by))

    @staticmethod
    def _actor(s, user_id: int) -> Actor:
        user = repo.users.get(s, user_id)
        if user is None:
            raise NotFound("user_missing", "the staff member who handed the consent over is unknown")
        return Actor(user.id, user.username, user.role, user.name_ar)

    def open(self, handoff_id: str) -> TabletHandoff:
        """The tablet shows the patient screen: ``offered`` becomes ``active`` (the desk is told)."""
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            row = repo.stations.get_handoff(s, handoff_id)
            if row.tablet_id != self.station_id:
                raise InvalidState("handoff_not_here", "this consent was not handed to this tablet")
            if row.status == "offered":
                repo.stations.move(s, handoff_id, "active", at=now)
                self.ctx.audit.append(s, self.name, "handoff.opened", subject=f"draft:{row.draft_id}",
                                      details={"handoff": handoff_id}, at=now)
                notify(s, station=row.desk_id, handoff=handoff_id, event="opened")
            elif row.status != "active":
                raise InvalidState("handoff_ended", "the consent was taken back by the desk")
            return TabletHandoff(row.id, row.draft_id, row.status, self._actor(s, row.handed_by))

    def give_back(self, handoff_id: str, reason: str) -> bool:
        """Close the hand-off (``finished``, ``taken_back``, ``left``, ``interrupted``) once every step
        of it has been sent; False when some could not be sent yet (the server is away)."""
        if any(step.handoff_id == handoff_id for step in self.outbox.pending()):
            self.deliver_pending()
            if any(step.handoff_id == handoff_id for step in self.outbox.pending()):
                return False
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            row = repo.stations.get_handoff(s, handoff_id)
            if row.status == "closed":
                return True
            repo.stations.move(s, handoff_id, "closed", reason=reason, at=now)
            self.ctx.audit.append(s, self.name, "handoff.returned", subject=f"draft:{row.draft_id}",
                                  details={"handoff": handoff_id, "reason": reason}, at=now)
            notify(s, station=row.desk_id, handoff=handoff_id, event=reason)
        return True

    def recover(self) -> int:
        """At start-up: send what the outbox holds, then give back any consent this tablet still had
        (a restart interrupted it: the patient's signatures stay in the draft). Returns how many
        steps are still waiting for the server."""
        left = self.deliver_pending()
        with self.ctx.db.transaction(read_only=True) as s:
            open_ids = [r.id for r in repo.stations.open_for_tablet(s, self.station_id)]
        for handoff_id in open_ids:
            self.give_back(handoff_id, "interrupted")
        return left

    def heartbeat(self) -> None:
        with self.ctx.db.transaction() as s:
            repo.stations.seen(s, self.station_id, at=self.ctx.clock.now())

    # --- the patient's steps ----------------------------------------------------------------------
    def session(self, handoff: TabletHandoff) -> TabletPatientSession:
        return TabletPatientSession(self, handoff)

    def new_step(self, handoff: TabletHandoff, kind: str, **args: Any) -> PatientStep:
        if kind not in STEP_KINDS:
            raise ValueError(kind)
        return PatientStep(uuid.uuid4().hex, handoff.handoff_id, handoff.draft_id, kind, args,
                           utc_iso(self.ctx.clock.now()))

    def take(self, step: PatientStep, actor: Actor) -> ConsentDraft:
        """Keep the step on disk, then send it. Raises ``StepKept`` when the server cannot be reached
        (the step stays in the outbox), or the domain's error when the step itself is refused (a
        blank signature: nothing is kept, the patient tries again)."""
        with self._sending:
            return self._take(step, actor)

    def _take(self, step: PatientStep, actor: Actor) -> ConsentDraft:
        step = self.outbox.put(step)
        try:
            draft = self._deliver(step, actor)
        except ConsentError as exc:
            if exc.code in RETRY_CODES:
                self.unreachable = True
                raise StepKept(step, exc) from exc
            self.outbox.remove(step)
            if exc.code == "handoff_ended":
                self._keep(step, actor, exc.code)
            raise
        self.outbox.remove(step)
        return draft

    def deliver_pending(self, on_delivered: Callable[[PatientStep], None] | None = None) -> int:
        """Send the outbox, oldest first; stop at the first step the server cannot take yet. A step
        that can no longer be applied is kept in the database with its reason. Returns how many wait."""
        with self._sending:
            return self._deliver_pending(on_delivered)

    def _deliver_pending(self, on_delivered: Callable[[PatientStep], None] | None) -> int:
        pending = self.outbox.pending()
        for index, step in enumerate(pending):
            try:
                with self.ctx.db.transaction(read_only=True) as s:
                    handoff = repo.stations.get_handoff(s, step.handoff_id)
                    actor = self._actor(s, handoff.handed_by)
                self._deliver(step, actor)
            except ConsentError as exc:
                if exc.code in RETRY_CODES:
                    self.unreachable = True
                    return len(pending) - index
                try:
                    self._keep(step, None, exc.code)
                except ConsentError as again:
                    if again.code in RETRY_CODES:
                        self.unreachable = True
                        return len(pending) - index
                    raise
            self.outbox.remove(step)
            if on_delivered is not None:
                on_delivered(step)
        self.unreachable = False
        return 0

    def _keep(self, step: PatientStep, actor: Actor | None, reason: str) -> None:
        """The step could not be applied: kept in the database with what the patient did (once)."""
        with self.ctx.db.transaction() as s:
            if repo.stations.step(s, step.step_id) is not None:
                return
            handoff = repo.stations.get_handoff(s, step.handoff_id)
            record_step(s, step, "kept", reason=reason[:32], desk_id=handoff.desk_id)
            self.ctx.audit.append(s, self.name, "handoff.step_kept", subject=f"draft:{step.draft_id}",
                                  details={"handoff": step.handoff_id, "kind": step.kind, "reason": reason[:32]},
                                  at=self.ctx.clock.now())
        log.warning("a patient step was kept, not applied: %s (%s)", step.kind, reason)

    def _deliver(self, step: PatientStep, actor: Actor) -> ConsentDraft:
        desk = ConsentDesk(self.ctx)
        hook = _StepHook(step, self.station_id)
        desk.step_hook = hook
        patients = PatientSession(desk)
        args = step.args
        if step.kind == "understood":
            draft = patients.understand(actor, step.draft_id, args["section"])
        elif step.kind == "question":
            draft = patients.ask(actor, step.draft_id, args["section"])
        elif step.kind == "choice":
            draft = patients.choose(actor, step.draft_id, args["section"], args["value"])
        elif step.kind == "decision":
            draft = patients.decide(actor, step.draft_id, args["outcome"])
        else:
            draft = patients.sign(actor, step.draft_id, **args)
        if not hook.recorded:  # the step changed nothing (a question asked twice): recorded all the same
            with self.ctx.db.transaction() as s:
                if hook.check(s, step.draft_id) is None:
                    record_step(s, step, "applied", desk_id=hook.desk_id)
        self.unreachable = False
        return draft


class TabletPatientSession:
    """``PatientSession``'s interface for the patient screen on a tablet: reads through the hand-off,
    every step through the tablet's outbox."""

    def __init__(self, tablet: TabletStation, handoff: TabletHandoff) -> None:
        self.tablet = tablet
        self.handoff = handoff
        self._plain = PatientSession(ConsentDesk(tablet.ctx))

    def listen(self, callback: Callable[[Notice], None]) -> Callable[[], None]:
        """Notices of this screen's own steps (``finished`` once the patient's side has signed)."""
        return self._plain.listen(callback)

    def load(self, actor: Actor, draft_id: str) -> tuple[ConsentDraft, Form]:
        self._check(draft_id)
        with self.tablet.ctx.db.transaction(read_only=True) as s:
            row = repo.stations.get_handoff(s, self.handoff.handoff_id)
            if row.status not in ("offered", "active") or row.tablet_id != self.tablet.station_id:
                raise InvalidState("handoff_ended", "the consent was taken back by the desk")
        return self._plain.load(actor, draft_id)

    def _check(self, draft_id: str) -> None:
        if draft_id != self.handoff.draft_id:
            raise InvalidState("handoff_not_here", "this consent was not handed to this tablet")

    # pure helpers: the same as on the desk's patient screen
    def summary(self, draft, form):
        return self._plain.summary(draft, form)

    understood = staticmethod(PatientSession.understood)
    asked = staticmethod(PatientSession.asked)
    next_signer = staticmethod(PatientSession.next_signer)
    meaning_for = staticmethod(PatientSession.meaning_for)

    def _take(self, actor: Actor, draft_id: str, kind: str, **args: Any) -> ConsentDraft:
        self._check(draft_id)
        return self.tablet.take(self.tablet.new_step(self.handoff, kind, **args), actor)

    def understand(self, actor: Actor, draft_id: str, section_id: str) -> ConsentDraft:
        return self._take(actor, draft_id, "understood", section=section_id)

    def ask(self, actor: Actor, draft_id: str, section_id: str) -> ConsentDraft:
        return self._take(actor, draft_id, "question", section=section_id)

    def choose(self, actor: Actor, draft_id: str, choice_id: str, value: str) -> ConsentDraft:
        return self._take(actor, draft_id, "choice", section=choice_id, value=value)

    def decide(self, actor: Actor, draft_id: str, outcome: str) -> ConsentDraft:
        return self._take(actor, draft_id, "decision", outcome=outcome)

    def sign(self, actor: Actor, draft_id: str, **kwargs: Any) -> ConsentDraft:
        draft = self._take(actor, draft_id, "signed", **kwargs)
        if self.next_signer(draft) is None:
            self._plain._tell(Notice("finished", draft_id, outcome=draft.outcome))
        return draft
