"""The stations that share a database: registered by name and kind, seen by their heartbeat.

Every station registers itself when the desktop program starts (its name and kind come from its own
station file, :mod:`app.services.connection`) and then beats every few seconds, so that a desk
offers only tablets that are switched on. Registration and a change of kind are audited.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.domain.roles import Actor, require
from app.storage import repositories as repo

from .connection import StationFile, check_station_kind, check_station_name

HEARTBEAT_SECONDS = 5
ONLINE_SECONDS = 15  # a station not heard from for this long is shown as off (three missed beats)


@dataclass(frozen=True)
class StationInfo:
    id: int
    name: str
    kind: str
    online: bool
    busy: bool = False  # a tablet holding a consent


class StationsService:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def register(self, station: StationFile) -> int:
        """This computer's station row (created, or its kind updated); returns its id."""
        name, kind = check_station_name(station.name), check_station_kind(station.kind)
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            before = repo.stations.by_name(s, name)
            old_kind = before.kind if before is not None else None
            row, created = repo.stations.register(s, name=name, kind=kind, at=now)
            if created or old_kind != kind:
                self.ctx.audit.append(s, f"station:{name}"[:64], "station.registered", subject=f"station:{row.id}",
                                      details={"kind": kind}, at=now)
            return row.id

    def heartbeat(self, station_id: int) -> None:
        with self.ctx.db.transaction() as s:
            repo.stations.seen(s, station_id, at=self.ctx.clock.now())

    def online(self, last_seen: dt.datetime) -> bool:
        return (self.ctx.clock.now() - last_seen).total_seconds() <= ONLINE_SECONDS

    def stations(self, actor: Actor, kind: str | None = None) -> list[StationInfo]:
        """The stations (of one kind), with whether each is on and whether a tablet is busy."""
        require(actor, "record.view")
        with self.ctx.db.transaction(read_only=True) as s:
            busy = repo.stations.busy_tablets(s)
            return [StationInfo(r.id, r.name, r.kind, self.online(r.last_seen_at), r.id in busy)
                    for r in repo.stations.all_stations(s, kind)]

    def name_of(self, station_id: int) -> str:
        with self.ctx.db.transaction(read_only=True) as s:
            row = repo.stations.get(s, station_id)
            return row.name if row is not None else ""
