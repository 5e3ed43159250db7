"""The operating system's key store, through ``keyring``: Windows Credential Manager, the macOS
Keychain, the Secret Service on Linux. What a station keeps there (the database password, the seal
token's PIN) stays with the computer's signed-in account, outside the data folder and the database.

Every call answers, whatever the computer has: without a key store (a headless server, a backend that
fails) reading gives None and storing gives False, and the caller asks for the secret instead. What
failed is logged by its type only, never with the secret or its entry.
"""
from __future__ import annotations

import logging

log = logging.getLogger(__name__)

SERVICE = "consent-desk"


def _keyring():
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:  # an installation without it: nothing is kept
        return None, Exception
    return keyring, KeyringError


def read_secret(entry: str) -> str | None:
    """The secret kept under ``entry``; None when there is none or no key store answers."""
    keyring, error = _keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(SERVICE, entry)
    except error as exc:
        log.info("no OS key store here (%s)", type(exc).__name__)
    except Exception as exc:  # noqa: BLE001 - a broken key store backend must not stop the desk
        log.warning("the OS key store failed (%s)", type(exc).__name__)
    return None


def store_secret(entry: str, secret: str) -> bool:
    """Keep ``secret`` under ``entry``; True only when the key store gives it back as written."""
    keyring, error = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(SERVICE, entry, secret)
        return keyring.get_password(SERVICE, entry) == secret
    except error as exc:
        log.info("no OS key store here (%s)", type(exc).__name__)
    except Exception as exc:  # noqa: BLE001
        log.warning("the OS key store failed (%s)", type(exc).__name__)
    return False


def forget_secret(entry: str) -> None:
    """Remove what is kept under ``entry``, if anything (a missing entry or key store is no error)."""
    keyring, error = _keyring()
    if keyring is None:
        return
    try:
        keyring.delete_password(SERVICE, entry)
    except error:
        pass  # nothing kept, or no key store: nothing to remove
    except Exception as exc:  # noqa: BLE001
        log.warning("the OS key store failed (%s)", type(exc).__name__)
