"""The sentences for the errors of several stations on one database (issue 16), context "Messages".

Merged into ``messages.message_for``'s table; the Arabic is in ``resources/i18n/stations_ar.ts``.
"""
from __future__ import annotations

from typing import Callable


def station_messages(_t: Callable[[str], str]) -> dict[str, str]:
    return {
        "database_unreachable": _t("The database server cannot be reached. Nothing was saved by this action; "
                                   "try again when the network is back."),
        "step_kept_offline": _t("The connection to the database is lost. This step is kept on the tablet and "
                                "sent as soon as the connection is back; nothing is lost."),
        "database_login_failed": _t("The database server refused the sign-in of this computer. Ask IT to check "
                                    "the role and its password."),
        "database_missing": _t("The database server has no database of that name."),
        "database_tls_failed": _t("The encrypted connection to the database server failed: check the hospital's "
                                  "CA certificate and the server's name."),
        "invalid_database_url": _t("The database address is not valid."),
        "unsupported_database": _t("Only a PostgreSQL database can be shared by several computers."),
        "consent_on_tablet": _t("The consent is on a patient tablet. Take it back before sealing or discarding."),
        "tablet_busy": _t("This tablet is showing another patient's consent. Choose another tablet."),
        "tablet_offline": _t("This tablet is not switched on or not connected."),
        "tablet_unknown": _t("There is no such patient tablet."),
        "handoff_ended": _t("The consent was taken back by the desk. The step is kept and shown at the desk."),
        "handoff_not_here": _t("This consent was not handed to this tablet."),
        "handoff_not_returning": _t("Take the consent back first."),
        "handoff_moved": _t("The tablet's session changed meanwhile. Look at its state and try again."),
        "tablet_steps_kept": _t("Steps from the tablet arrived after the consent was given back. They are kept "
                                "and shown, not added to the consent."),
        "station_name_invalid": _t("The station name: 1 to 64 visible characters."),
        "station_kind_invalid": _t("Choose what this computer is: a desk, a patient tablet or the records office."),
        "draft_changed_elsewhere": _t("This consent was changed at another station meanwhile. Look at it again, "
                                      "then make your correction."),
        "copy_target_not_empty": _t("The target database already holds data. Use an empty database."),
    }
