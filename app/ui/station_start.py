"""Starting this computer as its station: a desk, a patient tablet or the records office.

``open_station_services`` opens the database the station resolves to (``--database``,
``CONSENT_DESK_DATABASE``, the station file, else SQLite in the data folder), registers the station
(name and kind from the station file; a desk named after the computer without one) and builds the
services bundle. ``start_tablet`` turns the program into the tablet's waiting screen.
``station_caption`` is the station as the title bar shows it. The records office is the desk's
main window limited to the archive (``app.ui.archive.records_office``).
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)


def kind_word(kind: str) -> str:
    return {"desk": QCoreApplication.translate("Stations", "desk"),
            "tablet": QCoreApplication.translate("Stations", "patient tablet"),
            "records": QCoreApplication.translate("Stations", "records office")}.get(kind, kind)


def station_caption(station) -> str:
    """``Pre-op desk 2 (desk)``: the name isolated so an Arabic name keeps the line's direction."""
    if station is None:
        return ""
    return f"\u2068{station.name}\u2069 ({kind_word(station.kind)})"


def open_station_services(data_dir: Path, database: str | None = None):
    """The services of this station, registered in its database."""
    from app.services.connection import open_station_context, station_of
    from app.services.stations import StationsService

    from .common.services import DeskServices

    ctx = open_station_context(Path(data_dir), database)
    try:
        station = station_of(Path(data_dir))
        station_id = StationsService(ctx).register(station)
    except BaseException:
        ctx.close()
        raise
    from app.services.startup import start_desk

    services = DeskServices.build(ctx)
    services.station, services.station_id = station, station_id
    services.unresolved_accounts = start_desk(ctx)
    return services


def start_tablet(app, main_window, services):
    """Replace the desk's window by the tablet's waiting screen (full screen, kiosk). Returns it."""
    from app.services.tablet import TabletStation

    from .patient.tablet import TabletWindow

    tablet = TabletStation(services.ctx, services.station_id)
    window = TabletWindow(services, tablet, services.station.name)
    window.quit_requested.connect(lambda: (window.stop(), app.quit()))
    app.aboutToQuit.connect(window.stop)
    main_window.hide()
    window.showFullScreen()
    window.start()
    return window
