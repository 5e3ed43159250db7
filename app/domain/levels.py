"""Vertebral levels: names, order and validation (C1-C7, T1-T12, L1-L5, S1)."""
from __future__ import annotations

from .errors import InvalidInput
from .text import ascii_digits

LEVELS: tuple[str, ...] = (
    tuple(f"C{i}" for i in range(1, 8))
    + tuple(f"T{i}" for i in range(1, 13))
    + tuple(f"L{i}" for i in range(1, 6))
    + ("S1",)
)
# The levels the desk's spine picture offers (vertebral augmentation is done from T1 to L5).
TREATABLE_LEVELS: tuple[str, ...] = LEVELS[LEVELS.index("T1"):LEVELS.index("L5") + 1]
_ORDER = {name: i for i, name in enumerate(LEVELS)}
MAX_LEVELS = 6


def normalise_level(raw: object) -> str:
    if not isinstance(raw, str):
        raise InvalidInput("level_invalid", "level: must be text such as T12 or L1")
    text = ascii_digits(raw.strip()).upper().replace(" ", "")
    if text.startswith("TH"):
        text = "T" + text[2:]
    if text not in _ORDER:
        raise InvalidInput("level_invalid", f"level: '{raw[:10]}' is not a vertebral level (for example T12 or L1)",
                           level=raw[:10])
    return text


def normalise_levels(raw: object) -> tuple[str, ...]:
    """Validated, de-duplicated levels in head-to-tail order."""
    if isinstance(raw, str):
        raw = [p for p in raw.replace("،", ",").split(",") if p.strip()]
    if not isinstance(raw, (list, tuple)) or not raw:
        raise InvalidInput("levels_required", "levels: at least one vertebral level is required")
    levels = sorted({normalise_level(x) for x in raw}, key=_ORDER.__getitem__)
    if len(levels) > MAX_LEVELS:
        raise InvalidInput("levels_too_many", f"levels: at most {MAX_LEVELS} levels in one procedure",
                           max_levels=MAX_LEVELS)
    return tuple(levels)
