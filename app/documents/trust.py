"""What a seal is checked against: the trust file, never the data folder or the database.

The trust file is a PEM file holding the institution's CA certificate(s) (a pinned seal certificate,
being its own anchor, works as well), installed with the program by IT where only administrators
can write. ``find_trust_file`` looks, in this order, at:

1. an explicit path (``verify --trust FILE``, ``open_context(trust_file=...)``);
2. the ``CONSENT_DESK_TRUST`` environment variable (for IT and tests: the environment is not the
   data folder);
3. the platform's place: ``/etc/consent-desk/trust.pem`` (Linux and other POSIX),
   ``%ProgramData%\\ConsentDesk\\trust.pem`` (Windows), then ``trust.pem`` beside the installed program.

A trust file inside the data folder is refused whichever way it was named: whoever can write the
data folder must not be able to decide what is trusted. At the platform's place, a file (or its
folder) that users other than the administrator can write is refused too (POSIX).

The **demonstration seal** is a self-signed certificate carrying ``DEMO_MARK`` in its subject. It
is never an anchor; ``verify --demo`` accepts it, and only as a demonstration.
"""
from __future__ import annotations

import hashlib
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import x509 as asn1_x509

from app.domain.errors import InvalidInput

__all__ = ["DEMO_MARK", "TRUST_ENV", "TrustAnchors", "find_trust_file", "is_demo_certificate", "load_trust",
           "platform_trust_paths", "NO_TRUST"]

TRUST_ENV = "CONSENT_DESK_TRUST"
TRUST_NAME = "trust.pem"
MAX_TRUST_BYTES = 1024 * 1024
# In the organisational unit of the demonstration certificate; verify recognises it by this mark.
DEMO_MARK = "DEMONSTRATION SEAL - NOT FOR PATIENT RECORDS"


@dataclass(frozen=True)
class TrustAnchors:
    """The anchors a seal (and a timestamp) must chain to, and where they came from."""

    certificates: tuple[asn1_x509.Certificate, ...] = field(default=(), repr=False)
    source: str = ""  # the trust file's path, for messages and `verify`'s output

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(hashlib.sha256(c.dump()).hexdigest() for c in self.certificates)

    def __bool__(self) -> bool:
        return bool(self.certificates)

    def key(self) -> frozenset[str]:
        return self.fingerprints


NO_TRUST = TrustAnchors((), "")


def platform_trust_paths() -> list[Path]:
    """Where IT installs the trust file, in the order looked at."""
    paths: list[Path] = []
    if sys.platform.startswith("win"):
        program_data = os.environ.get("ProgramData") or r"C:\ProgramData"
        paths.append(Path(program_data) / "ConsentDesk" / TRUST_NAME)
    else:
        paths.append(Path("/etc/consent-desk") / TRUST_NAME)
    program = Path(sys.executable).resolve().parent if getattr(sys, "frozen", False) else None
    if program is not None:
        paths.append(program / TRUST_NAME)
    return paths


def find_trust_file(explicit: str | os.PathLike | None = None, data_dir: Path | None = None) -> Path | None:
    """The trust file in force (see the module docstring), or None when there is none."""
    if explicit:
        return _outside_data(Path(explicit), data_dir)
    env = os.environ.get(TRUST_ENV)
    if env:
        return _outside_data(Path(env), data_dir)
    for path in platform_trust_paths():
        if path.is_file():
            _admin_only(path)
            return _outside_data(path, data_dir)
    return None


def load_trust(path: Path | None) -> TrustAnchors:
    """The anchors in ``path`` (PEM certificates); no path: no anchors (nothing verifies but a demo)."""
    if path is None:
        return NO_TRUST
    from cryptography.hazmat.primitives import serialization

    from app.documents.certificates import load_certificates

    try:
        if path.stat().st_size > MAX_TRUST_BYTES:
            raise InvalidInput("trust_file_unreadable", f"{path}: too large for a trust file")
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput("trust_file_unreadable", f"the trust file {path} cannot be read "
                                                    f"({exc.strerror or type(exc).__name__})") from None
    try:
        certs = load_certificates(data)
    except InvalidInput:
        raise InvalidInput("trust_file_unreadable", f"the trust file {path} holds no readable certificate") from None
    anchors = []
    for cert in certs:
        der = cert.public_bytes(serialization.Encoding.DER)
        parsed = asn1_x509.Certificate.load(der)
        if is_demo_certificate(parsed):
            raise InvalidInput("trust_file_unreadable",
                               f"the trust file {path} holds the demonstration certificate, which is never trusted")
        anchors.append(parsed)
    return TrustAnchors(tuple(anchors), str(path))


def is_demo_certificate(cert: asn1_x509.Certificate) -> bool:
    """The program's demonstration certificate: self-signed and marked (see DEMO_MARK)."""
    try:
        unit = cert.subject.native.get("organizational_unit_name")
    except Exception:  # a damaged name is no demonstration mark
        return False
    units = unit if isinstance(unit, list) else [unit]
    return DEMO_MARK in units and cert.self_signed != "no"


def _outside_data(path: Path, data_dir: Path | None) -> Path:
    path = path.expanduser()
    if data_dir is not None:
        try:
            inside = path.resolve().is_relative_to(Path(data_dir).resolve())
        except OSError:
            inside = False
        if inside:
            raise InvalidInput("trust_file_in_data_folder",
                               f"the trust file {path} is inside the data folder; what is trusted must come "
                               "from outside it (see the README: the trust file)")
    if not path.is_file():
        raise InvalidInput("trust_file_unreadable", f"the trust file {path} does not exist")
    return path


def _admin_only(path: Path) -> None:
    """POSIX: the file and its folder belong to root and only root can write them."""
    if os.name != "posix":
        return  # Windows: %ProgramData%\ConsentDesk gets its ACL from the installer
    for item in (path, path.parent):
        info = item.stat()
        if info.st_uid != 0 or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            raise InvalidInput("trust_file_unsafe",
                               f"{item} can be changed by users other than the administrator; "
                               "IT installs it owned by root, mode 0644 (folder 0755)")
