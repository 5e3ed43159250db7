"""Data folder: network shares refused, file permissions."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.domain.errors import InvalidInput
from app.storage.database import DB_FILENAME, Database
from app.storage.location import (
    filesystem_type,
    network_filesystem,
    parse_mountinfo,
    refuse_network_share,
    windows_network_path,
)

MOUNTINFO = r"""
22 27 0:21 / /proc rw,relatime shared:12 - proc proc rw
27 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw
80 27 0:45 / /mnt/clinic rw,relatime shared:40 - nfs4 fileserver:/export/clinic rw,vers=4.2
81 27 0:46 / /srv/share rw,relatime shared:41 - cifs //winserver/desk rw,vers=3.1.1
82 81 259:3 / /srv/share/local rw,relatime shared:42 - ext4 /dev/nvme0n1p3 rw
83 27 0:47 / /home/nurse/remote rw,nosuid,nodev,relatime shared:43 - fuse.sshfs nurse@host: rw
84 27 0:48 / /mnt/c rw,noatime - 9p C:\134 rw,dirsync
85 27 0:49 / /mnt/my\040share rw,relatime - smb3 //srv/x rw
86 27 259:4 / /data rw,relatime master:1 - xfs /dev/sdb1 rw
87 86 0:50 / /data rw,relatime - afs AFS rw
"""


def test_parse_mountinfo() -> None:
    mounts = dict(parse_mountinfo(MOUNTINFO))
    assert mounts["/mnt/clinic"] == "nfs4"
    assert mounts["/mnt/my share"] == "smb3"  # octal escapes decoded
    assert ("/", "ext4") in parse_mountinfo(MOUNTINFO)


@pytest.mark.parametrize(
    "path,expected",
    [
        ("/home/nurse/consent", None),
        ("/mnt/clinic/consent-desk", "nfs4"),
        ("/mnt/clinic", "nfs4"),
        ("/mnt/clinicx/data", None),  # prefix of a name is not a parent folder
        ("/srv/share/desk", "cifs"),
        ("/srv/share/local/desk", None),  # a local disk mounted inside the share
        ("/home/nurse/remote/data", "fuse.sshfs"),
        ("/mnt/c/Users/nurse/consent", "9p"),
        ("/mnt/my share/desk", "smb3"),
        ("/data/desk", "afs"),  # the later mount on the same point wins
    ],
)
def test_network_filesystem(path: str, expected: str | None) -> None:
    assert network_filesystem(path, MOUNTINFO) == expected


def test_filesystem_type_of_local_path() -> None:
    assert filesystem_type("/var/lib/x", MOUNTINFO) == "ext4"
    assert filesystem_type("/anything", "") is None


@pytest.mark.parametrize(
    "path,expected",
    [
        (r"\\server\share\consent", "unc"),
        ("//server/share/consent", "unc"),
        (r"\\?\UNC\server\share\consent", "unc"),
        (r"C:\Users\nurse\AppData\Local\consent-desk", None),
        (r"\\?\C:\Users\nurse\consent", None),
        (r"Z:\consent", "mapped drive"),
        (r"\\?\Z:\consent", "mapped drive"),
    ],
)
def test_windows_network_path(path: str, expected: str | None) -> None:
    def drive_type(root: str) -> int:
        return 4 if root.upper() == "Z:\\" else 3  # DRIVE_REMOTE for Z:, DRIVE_FIXED otherwise

    assert windows_network_path(path, drive_type) == expected


def test_windows_without_drive_type_only_finds_unc() -> None:
    assert windows_network_path(r"Z:\consent") is None
    assert windows_network_path(r"\\server\share") == "unc"


def test_refusal_is_a_typed_error_pointing_to_postgresql() -> None:
    with pytest.raises(InvalidInput) as info:
        refuse_network_share(Path("/mnt/clinic/desk"), platform="linux", mountinfo_text=MOUNTINFO)
    assert info.value.code == "data_dir_network_share"
    assert info.value.params["filesystem"] == "nfs4"
    assert "PostgreSQL" in info.value.message()
    with pytest.raises(InvalidInput) as info:
        refuse_network_share(Path(r"\\server\share\desk"), platform="win32")
    assert info.value.params["filesystem"] == "unc"
    refuse_network_share(Path("/home/nurse/desk"), platform="linux", mountinfo_text=MOUNTINFO)


def test_for_data_dir_refuses_network_share(tmp_path: Path) -> None:
    mountinfo = f"27 1 259:2 / / rw - ext4 /dev/root rw\n90 27 0:60 / {tmp_path} rw - nfs srv:/x rw\n"
    with pytest.raises(InvalidInput) as info:
        Database.for_data_dir(tmp_path / "data", mountinfo_text=mountinfo)
    assert info.value.code == "data_dir_network_share"
    assert not (tmp_path / "data").exists()  # refused before anything was created


def test_for_data_dir_checks_the_real_mount_table(tmp_path: Path) -> None:
    """Without an injected table the running system's is read (here: a local temp folder)."""
    real = Path("/proc/self/mountinfo")
    if not real.exists():
        pytest.skip("no /proc/self/mountinfo")
    if network_filesystem(tmp_path, real.read_text()):
        pytest.skip("the temp folder itself is on a network file system")
    Database.for_data_dir(tmp_path / "data").close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_permissions(tmp_path: Path) -> None:
    data_dir = tmp_path / "new" / "data"
    old_umask = os.umask(0o022)  # a typical permissive umask must not loosen the modes
    try:
        database = Database.for_data_dir(data_dir, mountinfo_text="")
    finally:
        os.umask(old_umask)
    try:
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
        assert stat.S_IMODE((data_dir / DB_FILENAME).stat().st_mode) == 0o600
        database.upgrade()  # writes: the WAL and shared-memory files now exist
        with database.transaction():
            wal = data_dir / (DB_FILENAME + "-wal")
            assert wal.exists()
            assert stat.S_IMODE(wal.stat().st_mode) == 0o600
    finally:
        database.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_existing_db_file_is_tightened(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    data_dir.mkdir(mode=0o700)
    db_path = data_dir / DB_FILENAME
    db_path.touch()
    os.chmod(db_path, 0o644)
    Database.for_data_dir(data_dir, mountinfo_text="").close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
