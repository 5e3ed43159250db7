"""The pre-procedure checklist: answers, blocking rules, local thresholds, applies_when.

The generic rules are exercised with the first shipped form (schema 1, kept in tests/fixtures: records
sealed with it must keep evaluating); the rules of the current forms (entries, plausible ranges,
choices by indication, physician items) are in test_checklist_current.py."""
from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, strategies as st

from app.domain.checklist import (
    ChecklistResult,
    applies,
    evaluate,
    normalise_answer,
)
from app.domain.errors import InvalidInput
from app.domain.form import Form
from app.domain.form_loader import load_form, parse_form

FORMS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "forms_2026.11-1"
AR_DIGITS = str.maketrans("0123456789.", "٠١٢٣٤٥٦٧٨٩٫")
FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@pytest.fixture(scope="module")
def form() -> Form:
    return load_form(FORMS / "vertebroplasty.ar.yaml")


def clear_answers() -> dict[str, object]:
    """Answers with which a woman on apixaban is ready."""
    return {
        "identity_two_identifiers": "yes",
        "levels_confirmed": "yes",
        "recent_fracture_imaging": "mri_stir",
        "inr": 1.1,
        "platelets": 220,
        "anticoagulant": "apixaban",
        "anticoagulant_last_dose": "2026-11-01",
        "anticoagulant_hold": "held_as_instructed",
        "fasting_hours": 8,
        "allergy_cement_or_contrast": "no",
        "other_allergies": "",
        "pregnancy": "not_possible",
        "active_infection_or_fever": "no",
        "temperature": 36.8,
        "can_lie_prone": "yes",
        "escort_and_companion": "yes",
        "iv_line": "yes",
        "vital_signs": "BP 130/80, HR 78, SpO2 97%",
        "antibiotic_prophylaxis": None,
    }


def statuses(result: ChecklistResult) -> dict[str, str]:
    return {s.item_id: s.status for s in result.items}


def test_clear_answers_are_complete_and_unblocked(form: Form) -> None:
    result = evaluate(form, clear_answers(), "F")
    assert [s.item_id for s in result.items] == [it.id for it in form.checklist]
    assert result.blocks == ()
    assert result.missing == ()
    assert result.complete and result.clear
    assert set(statuses(result).values()) == {"ok"}
    assert result.status("inr").value == 1.1
    assert result.status("other_allergies").value is None  # optional, unanswered: fine


# --- each blocking rule -----------------------------------------------------------------------------
@pytest.mark.parametrize("item,value,blocks", [
    ("inr", 1.5, False),            # above: strictly greater than 1.5
    ("inr", 1.51, True),
    ("inr", "2", True),
    ("platelets", 50, False),       # below: strictly less than 50
    ("platelets", 49.9, True),
    ("fasting_hours", 6, False),
    ("fasting_hours", 5.5, True),
    ("temperature", 37.9, False),   # at_least: 38 and above is a fever
    ("temperature", 38, True),
    ("temperature", 39.2, True),
    ("allergy_cement_or_contrast", "yes", True),   # equals "yes"
    ("allergy_cement_or_contrast", "نعم", True),
    ("allergy_cement_or_contrast", False, False),
    ("active_infection_or_fever", True, True),
    ("can_lie_prone", "no", True),  # equals "no"
    ("can_lie_prone", "لا", True),
    ("identity_two_identifiers", "no", True),
    ("levels_confirmed", "no", True),
    ("recent_fracture_imaging", "not_confirmed", True),  # in [...]
    ("recent_fracture_imaging", "bone_scan", False),
    ("pregnancy", "not_ruled_out", True),
    ("pregnancy", "ruled_out", False),
    ("anticoagulant_hold", "not_held", True),
    ("anticoagulant_hold", "continued_on_physician_advice", False),
    ("escort_and_companion", "no", False),  # not a blocking item
])
def test_blocking_rules(form: Form, item: str, value: object, blocks: bool) -> None:
    answers = clear_answers()
    answers[item] = value
    result = evaluate(form, answers, "F")
    status = result.status(item)
    assert status.status == ("blocking" if blocks else "ok")
    assert [s.item_id for s in result.blocks] == ([item] if blocks else [])
    if blocks:
        assert status.reason == form.item(item).blocking_reason
        assert status.reason  # every blocking item explains itself
        assert result.complete and not result.clear
    else:
        assert status.reason == ""


def test_not_equals_rule() -> None:
    data = yaml.safe_load((FORMS / "vertebroplasty.ar.yaml").read_text(encoding="utf-8"))
    item = next(it for it in data["checklist"] if it["id"] == "iv_line")
    item["blocking"] = {"not_equals": "yes"}
    item["blocking_reason"] = "لا يوجد خط وريدي."
    custom = parse_form(yaml.safe_dump(data, allow_unicode=True))
    answers = clear_answers()
    assert evaluate(custom, answers, "F").status("iv_line").status == "ok"
    answers["iv_line"] = "no"
    assert evaluate(custom, answers, "F").status("iv_line").status == "blocking"


@given(value=st.floats(min_value=0, max_value=10, allow_nan=False),
       limit=st.floats(min_value=1.0, max_value=2.0, allow_nan=False))
def test_above_threshold_property(value: float, limit: float) -> None:
    form = _FORM_CACHE.setdefault("vp", load_form(FORMS / "vertebroplasty.ar.yaml"))
    answers = clear_answers()
    answers["inr"] = value
    result = evaluate(form, answers, "F", {"inr_max": limit})
    assert (result.status("inr").status == "blocking") == (value > limit)
    assert result.thresholds["inr_max"] == limit


_FORM_CACHE: dict[str, Form] = {}


# --- thresholds ---------------------------------------------------------------------------------------
def test_local_threshold_overrides_form_default(form: Form) -> None:
    answers = clear_answers()
    answers["inr"] = 1.7
    assert evaluate(form, answers, "F").status("inr").status == "blocking"
    relaxed = evaluate(form, answers, "F", {"inr_max": 1.8})
    assert relaxed.status("inr").status == "ok"
    assert relaxed.thresholds["inr_max"] == 1.8
    assert relaxed.thresholds["platelets_min"] == 50  # others keep the form's default
    answers["platelets"] = 90
    strict = evaluate(form, answers, "F", {"platelets_min": 100, "inr_max": "١٫٨"})
    assert strict.status("platelets").status == "blocking"
    assert strict.status("inr").status == "ok"


@pytest.mark.parametrize("local", [{"inr_max": 1.0}, {"inr_max": 2.0}, {"fever_celsius": 37.5},
                                   {"platelets_min": 150}, {"fasting_hours_min": 2}])
def test_local_threshold_at_range_edges_is_accepted(form: Form, local: dict) -> None:
    result = evaluate(form, clear_answers(), "F", local)
    for key, value in local.items():
        assert result.thresholds[key] == value


@pytest.mark.parametrize("local,code", [
    ({"inr_max": 2.01}, "threshold_out_of_range"),
    ({"inr_max": 0.9}, "threshold_out_of_range"),
    ({"platelets_min": 10}, "threshold_out_of_range"),
    ({"fever_celsius": 40}, "threshold_out_of_range"),
    ({"fasting_hours_min": 13}, "threshold_out_of_range"),
    ({"inr": 1.5}, "threshold_unknown"),
    ({"inr_max": "high"}, "threshold_invalid"),
    ({"inr_max": float("nan")}, "threshold_invalid"),
])
def test_local_threshold_outside_range_is_refused(form: Form, local: dict, code: str) -> None:
    with pytest.raises(InvalidInput) as info:
        evaluate(form, clear_answers(), "F", local)
    assert info.value.code == code


def test_local_fever_threshold_changes_temperature_rule(form: Form) -> None:
    answers = clear_answers()
    answers["temperature"] = 37.6
    assert evaluate(form, answers, "F").status("temperature").status == "ok"
    assert evaluate(form, answers, "F", {"fever_celsius": 37.5}).status("temperature").status \
        == "blocking"


# --- applies_when ----------------------------------------------------------------------------------
def test_pregnancy_applies_to_women_only(form: Form) -> None:
    answers = clear_answers()
    del answers["pregnancy"]
    men = evaluate(form, answers, "M")
    assert men.status("pregnancy").status == "not_applicable"
    assert men.complete
    women = evaluate(form, answers, "F")
    assert women.status("pregnancy").status == "missing"
    assert [s.item_id for s in women.missing] == ["pregnancy"]
    assert not women.complete


def test_pregnancy_answer_ignored_for_men(form: Form) -> None:
    answers = clear_answers()
    answers["pregnancy"] = "not_ruled_out"
    result = evaluate(form, answers, "M")
    assert result.status("pregnancy").status == "not_applicable"
    assert result.blocks == ()


def test_anticoagulant_follow_up_items(form: Form) -> None:
    answers = clear_answers()
    answers["anticoagulant"] = "none"
    answers["anticoagulant_hold"] = "not_held"  # stale answer: no longer applies
    del answers["anticoagulant_last_dose"]
    result = evaluate(form, answers, "F")
    assert result.status("anticoagulant_last_dose").status == "not_applicable"
    assert result.status("anticoagulant_hold").status == "not_applicable"
    assert result.clear

    answers = clear_answers()
    answers["anticoagulant"] = "warfarin"
    del answers["anticoagulant_last_dose"], answers["anticoagulant_hold"]
    result = evaluate(form, answers, "F")
    assert {s.item_id for s in result.missing} == {"anticoagulant_last_dose", "anticoagulant_hold"}


def test_follow_up_items_wait_for_the_controlling_answer(form: Form) -> None:
    answers = clear_answers()
    del answers["anticoagulant"]
    result = evaluate(form, answers, "F")
    assert result.status("anticoagulant").status == "missing"
    assert result.status("anticoagulant_hold").status == "not_applicable"
    assert not result.complete


def test_applies_directly(form: Form) -> None:
    hold = form.item("anticoagulant_hold")
    assert applies(hold, {"anticoagulant": "apixaban"}, "M")
    assert not applies(hold, {"anticoagulant": "none"}, "M")
    assert not applies(hold, {}, "M")
    preg = form.item("pregnancy")
    assert applies(preg, {}, "F") and applies(preg, {}, "f")
    assert not applies(preg, {}, "M")
    assert applies(form.item("inr"), {}, "M")


# --- missing / complete --------------------------------------------------------------------------
@pytest.mark.parametrize("blank", [None, "", "   "])
def test_required_unanswered_is_missing(form: Form, blank: object) -> None:
    answers = clear_answers()
    answers["inr"] = blank
    result = evaluate(form, answers, "F")
    assert result.status("inr").status == "missing"
    assert [s.item_id for s in result.missing] == ["inr"]
    assert not result.complete and not result.clear


def test_optional_unanswered_is_not_missing(form: Form) -> None:
    answers = clear_answers()
    answers.pop("antibiotic_prophylaxis")
    answers.pop("other_allergies")
    result = evaluate(form, answers, "F")
    assert result.complete
    assert result.status("antibiotic_prophylaxis").status == "ok"


def test_empty_answers_list_every_required_item(form: Form) -> None:
    result = evaluate(form, {}, "F")
    expected = [it.id for it in form.checklist
                if it.required and it.applies_when is None or it.id == "pregnancy"]
    assert [s.item_id for s in result.missing] == expected
    assert result.blocks == ()


def test_unknown_answer_key_is_refused(form: Form) -> None:
    with pytest.raises(InvalidInput) as info:
        evaluate(form, {"inr_value": 1.2}, "F")
    assert info.value.code == "checklist_item_unknown"


def test_invalid_answer_raises_with_item(form: Form) -> None:
    answers = clear_answers()
    answers["platelets"] = "many"
    with pytest.raises(InvalidInput) as info:
        evaluate(form, answers, "F")
    assert info.value.code == "checklist_answer_invalid"
    assert info.value.params["item"] == "platelets"
    assert "many" not in str(info.value)  # the value is never echoed


# --- Arabic-Indic and Persian digits ----------------------------------------------------------------
def test_arabic_indic_digits_in_evaluation(form: Form) -> None:
    answers = clear_answers()
    answers["inr"] = "١٫٦"
    answers["platelets"] = "۲۰۰"
    answers["temperature"] = "٣٨"
    answers["fasting_hours"] = " ٧ "
    answers["anticoagulant_last_dose"] = "٢٠٢٦-١١-٠١"
    result = evaluate(form, answers, "F")
    assert result.status("inr").value == 1.6
    assert result.status("inr").status == "blocking"
    assert result.status("platelets").value == 200.0
    assert result.status("temperature").status == "blocking"
    assert result.status("fasting_hours").value == 7.0
    assert result.status("anticoagulant_last_dose").value == "2026-11-01"


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=99))
def test_arabic_and_persian_digits_parse_like_ascii(whole: int, frac: int) -> None:
    form = _FORM_CACHE.setdefault("vp", load_form(FORMS / "vertebroplasty.ar.yaml"))
    item = form.item("platelets")
    ascii_text = f"{whole}.{frac:02d}"
    expected = float(ascii_text)
    assert normalise_answer(item, ascii_text.translate(AR_DIGITS)) == expected
    assert normalise_answer(item, ascii_text.translate(FA_DIGITS)) == expected
    assert normalise_answer(item, ascii_text) == expected


# --- normalise_answer, kind by kind -------------------------------------------------------------
@pytest.mark.parametrize("item,raw,expected", [
    ("iv_line", True, "yes"),
    ("iv_line", False, "no"),
    ("iv_line", "yes", "yes"),
    ("iv_line", " YES ", "yes"),
    ("iv_line", "No", "no"),
    ("iv_line", "نعم", "yes"),
    ("iv_line", "لا", "no"),
    ("inr", 1, 1.0),
    ("inr", "1.25", 1.25),
    ("inr", "١٫٢٥", 1.25),
    ("inr", "+1.2", 1.2),
    ("inr", ".5", 0.5),
    ("temperature", "−1", -1.0),
    ("anticoagulant", "warfarin", "warfarin"),
    ("anticoagulant", " lmwh ", "lmwh"),
    ("anticoagulant_last_dose", "2026-02-28", "2026-02-28"),
    ("anticoagulant_last_dose", dt.date(2026, 3, 1), "2026-03-01"),
    ("anticoagulant_last_dose", "۲۰۲۶-۰۳-۰۱", "2026-03-01"),
    ("other_allergies", "  لاتكس  ", "لاتكس"),
    ("other_allergies", "e\u0301", "\u00e9"),  # NFC
    ("other_allergies", "x" * 500, "x" * 500),
    ("vital_signs", "BP 130/80, HR 78, SpO2 97%", "BP 130/80, HR 78, SpO2 97%"),
])
def test_normalise_answer_accepts(form: Form, item: str, raw: object, expected: object) -> None:
    assert normalise_answer(form.item(item), raw) == expected


@pytest.mark.parametrize("item,raw", [
    ("iv_line", "maybe"),
    ("iv_line", 1),
    ("iv_line", None),
    ("iv_line", "نعم\u200f"),
    ("inr", "nan"),
    ("inr", "inf"),
    ("inr", float("nan")),
    ("inr", float("inf")),
    ("inr", "1e3"),
    ("inr", "1,5"),
    ("inr", "١٬٥"),
    ("inr", True),
    ("inr", ""),
    ("inr", "1.2 mg"),
    ("inr", [1.2]),
    ("anticoagulant", "Warfarin"),
    ("anticoagulant", "وارفارين"),
    ("anticoagulant", 3),
    ("anticoagulant_last_dose", "2026-02-30"),
    ("anticoagulant_last_dose", "01/03/2026"),
    ("anticoagulant_last_dose", "2026-3-1"),
    ("anticoagulant_last_dose", dt.datetime(2026, 3, 1, 8, 0)),
    ("other_allergies", "x" * 501),
    ("other_allergies", "لاتكس\u202e"),
    ("other_allergies", "لا\u200bتكس"),
    ("other_allergies", "a\x00b"),
    ("other_allergies", 42),
])
def test_normalise_answer_refuses(form: Form, item: str, raw: object) -> None:
    with pytest.raises(InvalidInput) as info:
        normalise_answer(form.item(item), raw)
    assert info.value.code == "checklist_answer_invalid"
    assert info.value.params["item"] == item


def _datetime_item(form: Form):
    data = yaml.safe_load(form.source_text)
    data["checklist"].append({"id": "arrived_at", "label": "وقت الوصول", "kind": "datetime"})
    return parse_form(yaml.safe_dump(data, allow_unicode=True)).item("arrived_at")


def test_datetime_answers(form: Form) -> None:
    item = _datetime_item(form)
    riyadh = dt.timezone(dt.timedelta(hours=3))
    assert normalise_answer(item, "2026-11-03T08:15:00+03:00") == "2026-11-03T08:15:00+03:00"
    assert normalise_answer(item, "2026-11-03T05:15:00Z") == "2026-11-03T05:15:00+00:00"
    assert normalise_answer(item, "٢٠٢٦-١١-٠٣T08:15:00+03:00") == "2026-11-03T08:15:00+03:00"
    assert normalise_answer(item, dt.datetime(2026, 11, 3, 8, 15, tzinfo=riyadh)) \
        == "2026-11-03T08:15:00+03:00"
    for bad in ("2026-11-03T08:15:00", dt.datetime(2026, 11, 3, 8, 15), "2026-11-03",
                "tomorrow", "2026-11-03T25:00:00+03:00"):
        with pytest.raises(InvalidInput):
            normalise_answer(item, bad)


def test_normalising_is_idempotent(form: Form) -> None:
    answers = clear_answers()
    answers.update(inr="١٫٦", iv_line=True, anticoagulant_last_dose=dt.date(2026, 11, 1))
    for item in form.checklist:
        raw = answers.get(item.id)
        if raw in (None, ""):
            continue
        once = normalise_answer(item, raw)
        assert normalise_answer(item, once) == once


def test_checklist_result_is_frozen(form: Form) -> None:
    result = evaluate(form, clear_answers(), "F")
    with pytest.raises(AttributeError):
        result.items = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        result.items[0].status = "blocking"  # type: ignore[misc]


def test_evaluate_does_not_change_answers(form: Form) -> None:
    answers = clear_answers()
    answers["inr"] = "١٫٦"
    before = copy.deepcopy(answers)
    evaluate(form, answers, "F")
    assert answers == before
