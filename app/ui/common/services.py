"""What every screen receives: the services, built once, and the signed-in staff member."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.domain.roles import Actor
from app.services.archive import ArchiveService
from app.services.audit import AuditViewer
from app.services.auth import AuthService
from app.services.consent import ConsentDesk
from app.services.export import ExportService
from app.services.first_run import SetupService
from app.services.forms import FormAdmin
from app.services.handoff import HandoffDesk
from app.services.institution import InstitutionAdmin
from app.services.outcomes import OutcomesService
from app.services.readiness import ReadinessCheck
from app.services.records import RecordsService
from app.services.settings import SettingsService
from app.services.stations import StationsService
from app.services.today import TodayService
from app.services.users import AdminUsersService, UsersService


@dataclass
class DeskServices:
    ctx: object
    auth: AuthService
    consent: ConsentDesk
    readiness: ReadinessCheck
    today: TodayService
    records: RecordsService
    settings: SettingsService
    setup: SetupService
    users: UsersService
    # Archive and administration (issue 5); defaults keep older callers of the constructor working.
    archive: ArchiveService | None = None
    export: ExportService | None = None
    outcomes: OutcomesService | None = None
    admin_users: AdminUsersService | None = None
    institution: InstitutionAdmin | None = None
    forms_admin: FormAdmin | None = None
    audit_view: AuditViewer | None = None
    # Several stations (issue 16): this computer's station, the tablet hand-off, the station registry.
    station_id: int | None = None
    station: object | None = None  # app.services.connection.StationFile
    handoff: object | None = None  # app.services.handoff.HandoffDesk
    stations: object | None = None  # app.services.stations.StationsService

    @classmethod
    def build(cls, ctx) -> "DeskServices":
        auth = AuthService(ctx)
        return cls(ctx=ctx, auth=auth, consent=ConsentDesk(ctx, auth), readiness=ReadinessCheck(ctx, auth),
                   today=TodayService(ctx), records=RecordsService(ctx), settings=SettingsService(ctx),
                   setup=SetupService(ctx), users=UsersService(ctx, auth.hashing),
                   archive=ArchiveService(ctx), export=ExportService(ctx), outcomes=OutcomesService(ctx, auth),
                   admin_users=AdminUsersService(ctx, auth.hashing), institution=InstitutionAdmin(ctx),
                   forms_admin=FormAdmin(ctx, auth), audit_view=AuditViewer(ctx),
                   handoff=HandoffDesk(ctx), stations=StationsService(ctx))


class StaffSession(QObject):
    """The signed-in staff member; screens read ``actor`` and listen for changes."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._actor: Actor | None = None

    @property
    def actor(self) -> Actor | None:
        return self._actor

    def sign_in(self, actor: Actor) -> None:
        self._actor = actor
        self.changed.emit()

    def sign_out(self) -> None:
        self._actor = None
        self.changed.emit()
