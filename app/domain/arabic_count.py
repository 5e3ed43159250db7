"""Arabic counted nouns: "يوم واحد", "يومان", "3 أيام", "11 يوماً", "100 يوم" (one helper for all).

The noun after a number takes its form from the number (simplified standard usage, digits as
given): 1 -> the singular and "one" after it; 2 -> the dual alone; 3-10 -> the plural; 11-99 ->
the singular in the accusative (tanween: "يوماً"); 100 and above follow the last two digits
(103 أيام, 111 يوماً), and a round hundred or thousand (100, 101, 102, 1000) takes the plain
singular. ``case`` matters only for the dual, whose ending changes after a preposition
("منذ يومين") or as an object.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Noun:
    singular: str  # يوم
    dual_nominative: str  # يومان
    dual_oblique: str  # يومين
    plural: str  # أيام (used with 3-10)
    accusative: str  # يوماً (used with 11-99)
    feminine: bool = False


DAY = Noun("يوم", "يومان", "يومين", "أيام", "يوماً")
WEEK = Noun("أسبوع", "أسبوعان", "أسبوعين", "أسابيع", "أسبوعاً")
MONTH = Noun("شهر", "شهران", "شهرين", "أشهر", "شهراً")
YEAR = Noun("سنة", "سنتان", "سنتين", "سنوات", "سنة", feminine=True)
HOUR = Noun("ساعة", "ساعتان", "ساعتين", "ساعات", "ساعة", feminine=True)
RECORD = Noun("سجل", "سجلان", "سجلين", "سجلات", "سجلاً")
PAGE = Noun("صفحة", "صفحتان", "صفحتين", "صفحات", "صفحة", feminine=True)
LEVEL = Noun("مستوى", "مستويان", "مستويين", "مستويات", "مستوى")


def count_noun(n: int, noun: Noun, case: str = "nominative") -> str:
    """``n`` and ``noun`` in the form the number asks for; ``case``: "nominative" or "oblique"
    (after a preposition such as منذ, or as an object)."""
    n = int(n)
    if n < 0:
        raise ValueError("a count is never negative")
    if n == 1:
        return f"{noun.singular} {'واحدة' if noun.feminine else 'واحد'}"
    if n == 2:
        return noun.dual_oblique if case == "oblique" else noun.dual_nominative
    tail = n % 100
    if n < 100 or tail > 2:
        if 3 <= tail <= 10:
            return f"{n} {noun.plural}"
        if tail >= 11:
            return f"{n} {noun.accusative}"
    return f"{n} {noun.singular}"  # 0, 100, 101, 102, 200, 1000 ...
