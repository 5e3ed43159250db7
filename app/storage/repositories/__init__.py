"""Thin data-access functions for the service layer, one module per idea.

Every function takes the ``Session`` of the caller's transaction first (from
``Database.transaction()``), flushes what it writes, and never commits: the service decides the
transaction. Functions return ORM objects (usable after the commit, detached) or plain values.
Lookups return ``None`` when nothing matches; actions on a missing row raise ``NotFound``; actions
that do not fit the row's state raise ``InvalidState``; bad arguments raise ``InvalidInput``.

Usage::

    from app.storage.repositories import users, patients, records
    with db.transaction() as s:
        user = users.get_by_username(s, "nurse1")
"""
from app.storage.repositories import (  # noqa: F401
    certificates,
    drafts,
    form_versions,
    patients,
    record_events,
    records,
    settings,
    stations,
    users,
)

__all__ = [
    "certificates",
    "drafts",
    "form_versions",
    "patients",
    "record_events",
    "records",
    "settings",
    "stations",
    "users",
]
