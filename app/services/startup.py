"""What the desk checks when it starts, after the data folder is open (``open_context`` has already
refused a database whose immutability triggers are missing or altered):

* the accounts that differ from their audited history, which the sign-in screen names (and the
  sign-in refuses until an administrator resolves them);
* a signed checkpoint of the audit log when one is due (at least daily while the desk is used) and
  the copies still to send off the desk, on a background thread so that an unreachable collector
  never delays the first screen.
"""
from __future__ import annotations

import logging
import threading

from .accounts import account_problems

log = logging.getLogger(__name__)


def unresolved_accounts(ctx) -> list[str]:
    with ctx.db.transaction(read_only=True) as s:
        names = sorted({p.username for p in account_problems(s) if p.problem in ("differs", "not_audited")})
    if names:
        log.warning("%d account(s) differ from their audited history", len(names))
    return names


def start_desk(ctx, *, background: bool = True) -> list[str]:
    """The start-up checks; returns the usernames to name on the sign-in screen."""
    names = unresolved_accounts(ctx)
    if background:
        threading.Thread(target=ctx.checkpoints.run, name="audit-checkpoint", daemon=True).start()
    else:
        ctx.checkpoints.run()
    return names
