"""An sRGB IEC 61966-2.1 ICC profile (version 2, display class), written by this program.

PDF/A needs an output intent with an embedded ICC profile. A version 2 profile is what PDF/A
validators and older readers expect; this one is built from the standard's numbers (primaries
adapted to the D50 connection space with the Bradford transform, the sRGB tone curve sampled at
1024 points), byte for byte the same on every run, so records stay reproducible.
"""
from __future__ import annotations

import struct
from functools import lru_cache

DESCRIPTION = "sRGB IEC61966-2.1"

# sRGB colorants relative to D50 (Bradford-adapted), and the D65 media white of the standard
_RED = (0.436066, 0.222488, 0.013916)
_GREEN = (0.385147, 0.716873, 0.097076)
_BLUE = (0.143066, 0.060608, 0.714096)
_WHITE = (0.950455, 1.0, 1.089050)
_D50 = (0.964203, 1.0, 0.824905)


def _s15f16(v: float) -> bytes:
    return struct.pack(">i", round(v * 65536))


def _xyz(v) -> bytes:
    return b"XYZ \0\0\0\0" + b"".join(_s15f16(c) for c in v)


def _curve(points: int = 1024) -> bytes:
    values = []
    for i in range(points):
        c = i / (points - 1)
        linear = c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        values.append(round(linear * 65535))
    return b"curv\0\0\0\0" + struct.pack(">I%dH" % points, points, *values)


def _desc(text: str) -> bytes:
    ascii_ = text.encode("ascii") + b"\0"
    return (b"desc\0\0\0\0" + struct.pack(">I", len(ascii_)) + ascii_
            + struct.pack(">II", 0, 0)  # no Unicode description
            + struct.pack(">HB", 0, 0) + b"\0" * 67)  # no ScriptCode description


def _text(text: str) -> bytes:
    return b"text\0\0\0\0" + text.encode("ascii") + b"\0"


@lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    """The profile's bytes."""
    curve = _curve()
    tags = [(b"desc", _desc(DESCRIPTION)), (b"cprt", _text("No copyright, use freely")),
            (b"wtpt", _xyz(_WHITE)), (b"rXYZ", _xyz(_RED)), (b"gXYZ", _xyz(_GREEN)),
            (b"bXYZ", _xyz(_BLUE)), (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    offset = 128 + 4 + 12 * len(tags)
    table = [struct.pack(">I", len(tags))]
    data = bytearray()
    placed: dict[bytes, int] = {}
    for sig, body in tags:
        if body not in placed:  # the three tone curves share one copy
            placed[body] = offset + len(data)
            data += body + b"\0" * (-len(body) % 4)
        table.append(sig + struct.pack(">II", placed[body], len(body)))
    size = offset + len(data)
    header = (struct.pack(">I", size) + b"none" + bytes([2, 0x10, 0, 0]) + b"mntr" + b"RGB " + b"XYZ "
              + b"\0" * 12  # creation date left empty: the same bytes on every run
              + b"acsp" + b"\0" * 4 + struct.pack(">I", 0) + b"\0" * 8 + b"\0" * 8
              + struct.pack(">I", 0)  # perceptual intent
              + b"".join(_s15f16(c) for c in _D50) + b"\0" * 4)
    header += b"\0" * (128 - len(header))
    return header + b"".join(table) + bytes(data)
