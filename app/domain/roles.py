"""Staff roles and who may do what. Every service action checks the caller's role here."""
from __future__ import annotations

from dataclasses import dataclass

from .errors import AccessDenied

ROLES = ("nurse", "physician", "admin")

# action -> roles allowed. Screens only mirror this; the services enforce it.
PERMISSIONS: dict[str, frozenset[str]] = {
    "consent.start": frozenset({"nurse", "physician"}),
    "consent.discuss": frozenset({"nurse", "physician"}),
    "consent.sign_physician": frozenset({"physician"}),
    "consent.seal": frozenset({"nurse", "physician"}),
    "consent.record_copy": frozenset({"nurse", "physician"}),
    "verification.answer": frozenset({"nurse", "physician"}),
    "verification.override": frozenset({"physician"}),
    "verification.seal": frozenset({"nurse", "physician"}),
    "record.view": frozenset({"nurse", "physician", "admin"}),
    "record.print": frozenset({"nurse", "physician", "admin"}),
    "archive.search": frozenset({"nurse", "physician", "admin"}),
    "archive.export": frozenset({"admin"}),
    "archive.verify": frozenset({"physician", "admin"}),
    "forms.approve": frozenset({"physician"}),
    "users.manage": frozenset({"admin"}),
    "settings.manage": frozenset({"admin"}),
    "audit.view": frozenset({"admin"}),
    # Archive and administration (issue 5).
    "record.withdraw": frozenset({"nurse", "physician"}),
    "record.correct": frozenset({"physician"}),
    "forms.view": frozenset({"physician", "admin"}),
    "forms.retire": frozenset({"physician", "admin"}),
    "certificates.manage": frozenset({"admin"}),
    # The seal's PIN given at the sealing station's sign-in, for that session: whoever seals consents,
    # and the administrators who manage the key (keeping it in the OS key store stays certificates.manage).
    "seal.unlock": frozenset({"nurse", "physician", "admin"}),
    # Restoring a backup into an empty data folder: one of the backup's administrators (issue 13).
    "backup.restore": frozenset({"admin"}),
}


@dataclass(frozen=True)
class Actor:
    """An authenticated staff member (or the command line acting for the operator)."""

    user_id: int | None
    username: str
    role: str
    name_ar: str = ""

    def may(self, action: str) -> bool:
        return self.role in PERMISSIONS[action]


def require(actor: Actor | None, action: str) -> Actor:
    if actor is None:
        raise AccessDenied("not_logged_in", "this action needs a signed-in staff member", action=action)
    if not actor.may(action):
        raise AccessDenied("role_not_allowed", f"a {actor.role} may not do {action}",
                           action=action, role=actor.role)
    return actor
