"""Where the audit checkpoints go off the desk, and how they are read back.

* A folder on another server (or write-once storage) that an administrator chose: one file per
  checkpoint, ``checkpoint-<log id>-<size>.json``, written once and never overwritten. The file is
  written whole under a temporary name and then *linked* to its final name, which fails if the name
  exists; a file already there with the same text counts as delivered, one with other text is a
  conflict (two different histories claimed the same size) and is left untouched.
* Syslog (RFC 5424) to the hospital's log collector: facility 13 ("log audit"), severity notice,
  APP-NAME ``consent-desk``, MSGID ``checkpoint``, the checkpoint as one line of JSON in MSG. Over
  UDP one datagram per message (RFC 5426), over TCP octet-counting framing (RFC 6587 3.4.1).

Reading back (``read_source``): a folder of checkpoint files, or one file holding lines (a syslog
collector's log file, or checkpoint files concatenated): every line with a checkpoint in it counts.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

SYSLOG_FACILITY_LOG_AUDIT = 13
SYSLOG_SEVERITY_NOTICE = 5
APP_NAME = "consent-desk"
MSGID = "checkpoint"
MARKER = '{"checkpoint":'
MAX_SOURCE_BYTES = 64 * 1024 * 1024


class DeliveryFailed(Exception):
    """The copy did not reach its destination (the checkpoint stays pending and is sent again)."""


class DeliveryConflict(DeliveryFailed):
    """The folder holds another checkpoint under the same name: never overwritten."""


def checkpoint_file_name(log_id: str, size: int) -> str:
    return f"checkpoint-{log_id[:16]}-{size:012d}.json"


def write_once(folder: Path, name: str, text: str) -> bool:
    """Write ``text`` to ``folder/name`` unless it exists; True when written now, False when the same
    text was already there. Raises DeliveryConflict (other text there) or DeliveryFailed."""
    folder = Path(folder)
    target = folder / name
    data = text.encode("ascii")
    if not folder.is_dir():
        raise DeliveryFailed(f"the checkpoint folder {folder} is not reachable")
    tmp = folder / f".{name}.{os.getpid()}.{secrets.token_hex(4)}.part"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, target)  # atomic and refuses an existing name: write-once
            return True
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links: exclusive create instead
            try:
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
            except FileExistsError:
                pass
            else:
                try:
                    os.write(fd, data)
                    os.fsync(fd)
                finally:
                    os.close(fd)
                return True
        if target.read_bytes() == data:
            return False
        raise DeliveryConflict(f"{target} already holds another checkpoint; it was not overwritten")
    except DeliveryFailed:
        raise
    except OSError as exc:
        raise DeliveryFailed(f"the checkpoint could not be written to {folder} ({exc.strerror or type(exc).__name__})") from None
    finally:
        try:
            tmp.unlink()
        except OSError:
            pass


def syslog_message(text: str, *, at: dt.datetime, hostname: str | None = None, pid: int | None = None) -> bytes:
    """One RFC 5424 message (ASCII; MSG is ``text``, a JSON line)."""
    pri = SYSLOG_FACILITY_LOG_AUDIT * 8 + SYSLOG_SEVERITY_NOTICE
    stamp = at.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    host = "".join(c for c in (hostname or socket.gethostname()) if 33 <= ord(c) <= 126)[:255] or "-"
    return f"<{pri}>1 {stamp} {host} {APP_NAME} {pid or os.getpid()} {MSGID} - {text}".encode("ascii")


def parse_syslog_address(address: str) -> tuple[str, str, int]:
    parts = urlsplit(address)
    if parts.scheme not in ("udp", "tcp") or not parts.hostname or not parts.port:
        raise DeliveryFailed("the syslog address must be udp://host:port or tcp://host:port")
    return parts.scheme, parts.hostname, parts.port


def send_syslog(address: str, message: bytes, *, timeout: float = 3.0) -> None:
    scheme, host, port = parse_syslog_address(address)
    try:
        family, kind, proto, _, sockaddr = socket.getaddrinfo(
            host, port, type=socket.SOCK_DGRAM if scheme == "udp" else socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as sock:
            sock.settimeout(timeout)
            if scheme == "udp":
                sock.sendto(message, sockaddr)
            else:
                sock.connect(sockaddr)
                sock.sendall(str(len(message)).encode("ascii") + b" " + message)
    except OSError as exc:
        raise DeliveryFailed(f"the syslog collector {host}:{port} did not take the checkpoint "
                             f"({exc.strerror or type(exc).__name__})") from None


@dataclass(frozen=True)
class SourceText:
    """A checkpoint as found off the desk: its JSON text and where it was found."""

    text: str
    where: str


def read_source(path: Path) -> list[SourceText]:
    """Every checkpoint line in a folder's checkpoint files, or in one file (a syslog log)."""
    path = Path(path)
    files = sorted(path.glob("checkpoint-*.json")) if path.is_dir() else [path]
    found: list[SourceText] = []
    for file in files:
        try:
            if file.stat().st_size > MAX_SOURCE_BYTES:
                continue
            content = file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for line in content.splitlines():
            start = line.find(MARKER)
            if start >= 0:
                found.append(SourceText(line[start:].strip(), str(file)))
    return found
