"""Files the program writes outside the database: whole or not at all.

Each is written to a unique temporary name beside its target (``.<name>.<random>.part``), flushed
to disk and renamed over the target, so a crash, a kill or a full disk never leaves a half-written
key, certificate or PDF copy under the real name.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes, mode: int = 0o600) -> Path:
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
