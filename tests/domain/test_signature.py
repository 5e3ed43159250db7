import math

import pytest

from app.domain.errors import InvalidInput
from app.domain.signature import is_blank, make_signature, normalise_strokes


def wave(n=40, y=0.5, amp=0.2, x0=0.1, x1=0.9, t0=0):
    return [[x0 + (x1 - x0) * i / (n - 1), y + amp * math.sin(i / 3), t0 + i * 15, 0.4 + 0.3 * (i % 5) / 5]
            for i in range(n)]


def test_a_real_signature_is_accepted():
    sig = make_signature(role="patient", name="فاطمة الزهراني", meaning="أوافق", signed_at="2026-11-28T05:00:00+00:00",
                         method="drawn", strokes=[wave(), wave(t0=1000, y=0.6)])
    assert sig.to_record()["strokes"][0][0] == [0.1, 0.5, 0, 0.4]


@pytest.mark.parametrize("strokes", [
    [],
    [[[0.5, 0.5, 0, 0.5]]],                                  # a dot
    [[[0.5, 0.5, i * 10, 0.5] for i in range(30)]],           # pen held still
    [wave(n=20, x0=0.50, x1=0.55, amp=0.01)],                 # a tiny scribble
])
def test_blank_or_near_blank_pads_are_not_signatures(strokes):
    assert is_blank(normalise_strokes(strokes))
    with pytest.raises(InvalidInput) as err:
        make_signature(role="patient", name="فاطمة", meaning="m", signed_at="t", method="drawn", strokes=strokes)
    assert err.value.code == "signature_blank"


@pytest.mark.parametrize("point", [[1.2, 0.5, 0, 0.5], [0.5, 0.5, -1, 0.5], [0.5, 0.5, 0, 2],
                                   [float("nan"), 0.5, 0, 0.5], ["a", 0, 0, 0], [0.5, 0.5, 0]])
def test_points_out_of_range_are_refused(point):
    with pytest.raises(InvalidInput):
        normalise_strokes([[point]])


def test_time_must_not_go_backwards():
    with pytest.raises(InvalidInput):
        normalise_strokes([[[0.1, 0.1, 100, 0.5], [0.2, 0.2, 50, 0.5]]])


def test_representative_needs_relationship_and_reason():
    with pytest.raises(InvalidInput):
        make_signature(role="representative", name="خالد", meaning="m", signed_at="t", method="drawn",
                       strokes=[wave()])
    sig = make_signature(role="representative", name="خالد", meaning="m", signed_at="t", method="drawn",
                         strokes=[wave()], relationship="ابن", reason="المريضة لا تستطيع التوقيع بسبب الخرف")
    assert sig.to_record()["relationship"] == "ابن"


def test_only_patient_or_representative_may_sign_by_mark():
    with pytest.raises(InvalidInput):
        make_signature(role="physician", name="د. أحمد", meaning="m", signed_at="t", method="mark",
                       strokes=[wave()])
