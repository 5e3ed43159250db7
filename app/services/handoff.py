"""Handing a consent from a desk to a patient tablet, and taking it back: the desk's side.

From the signing step the nurse picks a free tablet (on, not holding another consent); the tablet
is woken (``NOTIFY``; it also polls) and opens that consent's patient screen. While it has the
consent the desk sees each step the patient takes there (:meth:`HandoffDesk.progress`: the same
``Notice`` kinds as the patient screen on the desk's own second monitor), and may take the consent
back at any time. The consent cannot be sealed while a tablet has it: the tablet may still hold a
step it could not send yet. A tablet that does not answer a take-back (switched off, network lost)
can be *released* by the nurse; a step it sends afterwards is kept, not applied, and shown.

Audit events name draft and station ids, never patient data.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from app.domain.errors import InvalidInput, InvalidState, NotFound
from app.domain.roles import Actor, require
from app.storage import repositories as repo
from app.storage.notify import notify

from .patient_session import Notice
from .stations import ONLINE_SECONDS

# Step kinds on the tablet, and the patient-screen notice each one is for the desk.
STEP_NOTICES = {"understood": "understood", "question": "question", "choice": "choice", "decision": "decision",
                "signed": "signed"}


@dataclass(frozen=True)
class TabletChoice:
    id: int
    name: str
    online: bool
    free: bool


@dataclass
class HandoffProgress:
    """Where a consent handed to a tablet stands, for the desk's live view."""

    handoff_id: str
    draft_id: str
    tablet: str
    status: str  # offered | active | returning | closed
    closed_reason: str | None
    tablet_online: bool
    seconds_since_seen: float
    notices: list[Notice] = field(default_factory=list)  # the steps after ``after_seq``, in order
    kept: list[dict[str, Any]] = field(default_factory=list)  # steps that could not be applied
    last_seq: int = 0

    @property
    def on_tablet(self) -> bool:
        return self.status != "closed"


class HandoffDesk:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def _online(self, last_seen) -> tuple[bool, float]:
        age = (self.ctx.clock.now() - last_seen).total_seconds()
        return age <= ONLINE_SECONDS, max(0.0, age)

    def tablets(self, actor: Actor) -> list[TabletChoice]:
        """The patient tablets, with whether each can take a consent now."""
        require(actor, "consent.discuss")
        with self.ctx.db.transaction(read_only=True) as s:
            busy = repo.stations.busy_tablets(s)
            out = []
            for row in repo.stations.all_stations(s, "tablet"):
                online, _ = self._online(row.last_seen_at)
                out.append(TabletChoice(row.id, row.name, online, online and row.id not in busy))
            return out

    def hand_over(self, actor: Actor, draft_id: str, tablet_id: int, desk_station_id: int | None = None) -> str:
        """Offer the consent to the tablet; returns the hand-off id."""
        require(actor, "consent.discuss")
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            draft = repo.drafts.get(s, draft_id)
            if draft is None or draft.kind != "consent":
                raise NotFound("draft_missing", "no such consent in progress")
            if draft.status != "open" or (draft.state or {}).get("step") == "intake":
                raise InvalidState("draft_closed", "this consent is not in progress")
            tablet = repo.stations.get(s, tablet_id)
            if tablet is None or tablet.kind != "tablet" or not tablet.active:
                raise InvalidInput("tablet_unknown", "there is no such patient tablet")
            if not self._online(tablet.last_seen_at)[0]:
                raise InvalidState("tablet_offline", "this tablet is not switched on or not connected")
            if repo.stations.open_for_tablet(s, tablet_id):
                raise InvalidState("tablet_busy", "this tablet is showing another consent")
            if repo.stations.open_for_draft(s, draft_id) is not None:
                raise InvalidState("consent_on_tablet", "the consent is already on a patient tablet")
            row = repo.stations.offer(s, draft_id=draft_id, tablet_id=tablet_id, desk_id=desk_station_id,
                                      handed_by=actor.user_id, at=now)
            self.ctx.audit.append(s, actor.username, "handoff.offered", subject=f"draft:{draft_id}",
                                  details={"tablet": tablet_id, "handoff": row.id}, at=now)
            notify(s, station=tablet_id, handoff=row.id, event="offered")
            return row.id

    def take_back(self, actor: Actor, handoff_id: str) -> str:
        """The nurse takes the consent back: at once if the tablet had not opened it, else the tablet
        is asked to send what it holds and give it back (``returning``). Returns the new status."""
        require(actor, "consent.discuss")
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            row = repo.stations.get_handoff(s, handoff_id)
            if row.status == "offered":
                repo.stations.move(s, handoff_id, "closed", reason="cancelled", at=now)
            elif row.status == "active":
                repo.stations.move(s, handoff_id, "returning", at=now)
            elif row.status == "closed":
                return "closed"
            self.ctx.audit.append(s, actor.username, "handoff.taken_back", subject=f"draft:{row.draft_id}",
                                  details={"handoff": handoff_id, "status": row.status}, at=now)
            notify(s, station=row.tablet_id, handoff=handoff_id, event="take_back")
            return row.status

    def release(self, actor: Actor, handoff_id: str) -> None:
        """End a take-back the tablet does not answer (off, out of the network). A step it still
        holds is kept when it comes back, not applied (the desk sees it)."""
        require(actor, "consent.discuss")
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            row = repo.stations.get_handoff(s, handoff_id)
            if row.status == "closed":
                return
            if row.status != "returning":
                raise InvalidState("handoff_not_returning", "take the consent back first")
            repo.stations.move(s, handoff_id, "closed", reason="released", at=now)
            self.ctx.audit.append(s, actor.username, "handoff.released", subject=f"draft:{row.draft_id}",
                                  details={"handoff": handoff_id}, at=now)
            notify(s, station=row.tablet_id, handoff=handoff_id, event="released")

    def progress(self, actor: Actor, draft_id: str, after_seq: int = 0) -> HandoffProgress | None:
        """The newest hand-off of this consent and the patient's steps after ``after_seq``."""
        require(actor, "consent.discuss")
        with self.ctx.db.transaction(read_only=True) as s:
            row = repo.stations.latest_for_draft(s, draft_id)
            if row is None:
                return None
            tablet = repo.stations.get(s, row.tablet_id)
            online, age = self._online(tablet.last_seen_at)
            out = HandoffProgress(row.id, draft_id, tablet.name, row.status, row.closed_reason, online, age,
                                  last_seq=after_seq)
            steps = repo.stations.steps_after(s, row.id, after_seq)
            titles = self._section_titles(s, draft_id) if any(st.section for st in steps) else {}
            for step in steps:
                out.last_seq = step.seq
                if step.outcome == "kept":
                    payload = json.loads(step.payload_json) if step.payload_json else {}
                    out.kept.append({"kind": step.kind, "reason": step.reason, "role": step.role,
                                     "section": step.section, "taken_at": step.taken_at, "payload": payload})
                    continue
                kind = STEP_NOTICES.get(step.kind, step.kind)
                payload = json.loads(step.payload_json) if step.payload_json else {}
                out.notices.append(Notice(kind, draft_id, section=step.section or "",
                                          section_title=titles.get(step.section or "", ""), role=step.role or "",
                                          outcome=str(payload.get("outcome", "")), at=step.taken_at))
            return out

    def _section_titles(self, s, draft_id: str) -> dict[str, str]:
        """The section titles of the consent's own form version (for the desk's notices)."""
        row = repo.drafts.get(s, draft_id)
        sha = (row.state or {}).get("form_sha") if row is not None else None
        if not sha:
            return {}
        try:
            form = self.ctx.forms.by_sha(sha)
        except Exception:  # noqa: BLE001 - a title is a nicety; the notice stands without it
            return {}
        return {section.id: section.title for section in form.sections}
