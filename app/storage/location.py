"""Refuse a data folder on a network share: SQLite's locking is not safe over network file systems.

The detection is split into pure functions (mount table text in, verdict out) so that tests can
feed sample ``/proc/self/mountinfo`` lines and Windows paths on any platform.
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path, PurePosixPath, PureWindowsPath

from app.domain.errors import InvalidInput

NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "fuse.sshfs", "afs",
     # also cluster/remote file systems where SQLite locking is unreliable
     "smb2", "ncpfs", "ceph", "glusterfs", "fuse.glusterfs", "lustre", "davfs", "fuse.rclone"}
)

DRIVE_REMOTE = 4  # GetDriveTypeW result for a mapped network drive

_OCTAL_ESCAPE = re.compile(r"\\([0-7]{3})")


def _unescape_mount_field(field: str) -> str:
    # mountinfo escapes space, tab, newline and backslash as \040, \011, \012, \134
    return _OCTAL_ESCAPE.sub(lambda m: chr(int(m.group(1), 8)), field)


def parse_mountinfo(text: str) -> list[tuple[str, str]]:
    """(mount point, file system type) for each line of ``/proc/self/mountinfo``, in file order."""
    mounts: list[tuple[str, str]] = []
    for line in text.splitlines():
        fields = line.split()
        if " - " not in line or len(fields) < 7:
            continue
        try:
            sep = fields.index("-", 6)
        except ValueError:
            continue
        if sep + 1 >= len(fields):
            continue
        mounts.append((_unescape_mount_field(fields[4]), fields[sep + 1]))
    return mounts


def _is_within(path: PurePosixPath, mount_point: PurePosixPath) -> bool:
    return path == mount_point or mount_point in path.parents


def filesystem_type(path: str | os.PathLike[str], mountinfo_text: str) -> str | None:
    """The type of the file system holding ``path`` (absolute), by the longest matching mount point.

    Among equal mount points the last line wins (a later mount hides an earlier one).
    """
    target = PurePosixPath(os.fspath(path))
    best: tuple[int, str] | None = None
    for mount_point, fstype in parse_mountinfo(mountinfo_text):
        mp = PurePosixPath(mount_point)
        if _is_within(target, mp):
            depth = len(mp.parts)
            if best is None or depth >= best[0]:
                best = (depth, fstype)
    return None if best is None else best[1]


def network_filesystem(path: str | os.PathLike[str], mountinfo_text: str) -> str | None:
    """The network file system type holding ``path``, or None when it is local."""
    fstype = filesystem_type(path, mountinfo_text)
    if fstype is None:
        return None
    return fstype if fstype.lower() in NETWORK_FILESYSTEMS else None


def windows_network_path(path: str, drive_type: Callable[[str], int] | None = None) -> str | None:
    """Why a Windows path is on the network ("unc" or "mapped drive"), or None when it is local.

    ``drive_type`` is ``GetDriveTypeW`` (injected for tests); without it only UNC paths are found.
    """
    p = path.replace("/", "\\")
    upper = p.upper()
    if upper.startswith("\\\\?\\UNC\\"):
        return "unc"
    if upper.startswith("\\\\?\\") or upper.startswith("\\\\.\\"):
        p = p[4:]  # local long-path or device prefix: look at the drive after it
    elif p.startswith("\\\\"):
        return "unc"
    drive = PureWindowsPath(p).drive
    if drive_type is not None and len(drive) == 2 and drive[1] == ":":
        if drive_type(drive + "\\") == DRIVE_REMOTE:
            return "mapped drive"
    return None


def _windows_drive_type() -> Callable[[str], int] | None:  # pragma: no cover - Windows only
    try:
        import ctypes

        return ctypes.windll.kernel32.GetDriveTypeW  # type: ignore[attr-defined]
    except (ImportError, AttributeError):
        return None


def _read_mountinfo() -> str | None:
    try:
        return Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def refuse_network_share(
    data_dir: Path,
    *,
    platform: str | None = None,
    mountinfo_text: str | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> None:
    """Raise ``InvalidInput(code="data_dir_network_share")`` when ``data_dir`` is on a network share.

    ``platform``, ``mountinfo_text`` and ``drive_type`` default to the running system's.
    """
    platform = platform or sys.platform
    kind: str | None
    if platform.startswith("win"):
        if drive_type is None and sys.platform.startswith("win"):
            drive_type = _windows_drive_type()
        kind = windows_network_path(str(data_dir), drive_type)
    else:
        if mountinfo_text is None:
            mountinfo_text = _read_mountinfo() if platform.startswith("linux") else None
        kind = None if mountinfo_text is None else network_filesystem(data_dir, mountinfo_text)
    if kind:
        raise InvalidInput(
            "data_dir_network_share",
            f"The data folder {data_dir} is on a network share ({kind}); the embedded SQLite database "
            "must live on a local disk. Choose a local folder, or set the PostgreSQL database URL "
            "setting to share one database between several desks.",
            path=str(data_dir),
            filesystem=kind,
        )
