"""One helper for every number that meets an Arabic noun."""
from __future__ import annotations

import pytest

from app.domain.arabic_count import DAY, PAGE, RECORD, WEEK, count_noun


@pytest.mark.parametrize("n, text", [
    (1, "يوم واحد"), (2, "يومان"), (3, "3 أيام"), (8, "8 أيام"), (10, "10 أيام"), (11, "11 يوماً"),
    (62, "62 يوماً"), (99, "99 يوماً"), (100, "100 يوم"), (102, "102 يوم"), (103, "103 أيام"),
    (111, "111 يوماً"), (200, "200 يوم"), (1000, "1000 يوم"),
])
def test_days(n, text):
    assert count_noun(n, DAY) == text


def test_the_cases_the_issue_found():
    assert f"({count_noun(11, WEEK)})" == "(11 أسبوعاً)"
    assert f"(منذ {count_noun(8, DAY, 'oblique')})" == "(منذ 8 أيام)"


def test_dual_after_a_preposition_and_feminine_one():
    assert count_noun(2, DAY, "oblique") == "يومين"
    assert count_noun(2, WEEK) == "أسبوعان"
    assert count_noun(1, PAGE) == "صفحة واحدة"
    assert count_noun(3, RECORD) == "3 سجلات" and count_noun(25, RECORD) == "25 سجلاً"


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        count_noun(-1, DAY)
