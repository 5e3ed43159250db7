"""Clinical and consent rules (app.domain.rules), checked against the real form files."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from app.domain.errors import InvalidInput
from app.domain.form_loader import load_form
from app.domain.patient import Patient, ProcedurePlan
from app.domain.rules import (
    FRACTURE_WINDOW_ITEM,
    JUSTIFICATION_ITEM,
    check_justification_ids,
    consent_valid,
    fracture_age_days,
    indication_warnings,
    missing_roles,
    readiness,
    representative_required,
    required_roles,
    risk_figure,
)

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "forms"
PLANNED = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def form():
    return load_form(FORMS / "vertebroplasty.ar.yaml")


def plan(indication="osteoporotic", *, fracture_days=None, conservative=("analgesia",), immediate=(),
         stated_risk="", planned=PLANNED):
    fracture = planned - dt.timedelta(days=fracture_days) if fracture_days is not None else None
    return ProcedurePlan(procedure="vertebroplasty", levels=("L1",), indication=indication, fracture_date=fracture,
                         planned_date=planned, stated_risk=stated_risk, conservative_failed=tuple(conservative),
                         immediate_criteria=tuple(immediate))


def codes(form, p):
    return [w.code for w in indication_warnings(form, p)]


# --- the eight-week window -----------------------------------------------------------------------
@pytest.mark.parametrize("indication", ["osteoporotic", "malignant"])
def test_fracture_of_exactly_eight_weeks_is_fine(form, indication):
    p = plan(indication, fracture_days=56)
    assert fracture_age_days(p) == 56
    assert codes(form, p) == []


@pytest.mark.parametrize("indication", ["osteoporotic", "malignant"])
def test_fracture_one_day_past_eight_weeks_warns(form, indication):
    warnings = indication_warnings(form, plan(indication, fracture_days=57))
    assert [w.code for w in warnings] == [FRACTURE_WINDOW_ITEM]
    assert warnings[0].to_record() == {"code": FRACTURE_WINDOW_ITEM, "days": 57, "weeks": 8}


@pytest.mark.parametrize("indication", ["haemangioma", "other"])
def test_non_fracture_indications_never_warn_about_the_window(form, indication):
    p = plan(indication, fracture_days=400, conservative=(), stated_risk="4%")
    assert codes(form, p) == []


def test_window_is_counted_to_the_planned_date(form):
    fracture = PLANNED - dt.timedelta(days=54)
    on_time = plan(fracture_days=54)
    postponed = plan(fracture_days=None, planned=PLANNED + dt.timedelta(days=5))
    postponed = ProcedurePlan(**{**postponed.__dict__, "fracture_date": fracture})
    assert codes(form, on_time) == []
    assert fracture_age_days(postponed) == 59
    assert codes(form, postponed) == [FRACTURE_WINDOW_ITEM]


def test_no_fracture_date_means_no_age(form):
    p = plan("haemangioma", fracture_days=None, conservative=())
    assert fracture_age_days(p) is None
    assert codes(form, p) == []


# --- justification ------------------------------------------------------------------------------
@pytest.mark.parametrize("indication", ["osteoporotic", "malignant"])
def test_missing_justification_warns_for_fractures(form, indication):
    assert codes(form, plan(indication, fracture_days=10, conservative=())) == [JUSTIFICATION_ITEM]


def test_immediate_criterion_alone_is_a_justification(form):
    p = plan(fracture_days=10, conservative=(), immediate=("pain_needs_admission",))
    assert codes(form, p) == []


def test_both_warnings_together(form):
    assert codes(form, plan(fracture_days=90, conservative=())) == [FRACTURE_WINDOW_ITEM, JUSTIFICATION_ITEM]


def test_unknown_justification_ids_are_refused(form):
    with pytest.raises(InvalidInput) as err:
        check_justification_ids(form, plan(conservative=("acupuncture",)))
    assert err.value.code == "conservative_unknown"
    with pytest.raises(InvalidInput) as err:
        check_justification_ids(form, plan(conservative=(), immediate=("bored",)))
    assert err.value.code == "immediate_unknown"
    check_justification_ids(form, plan(conservative=("rest", "brace"), immediate=("pain_needs_admission",)))


# --- risk figure ----------------------------------------------------------------------------------
@pytest.mark.parametrize("indication,expected", [
    ("osteoporotic", "1-3%"), ("malignant", "7-10%"), ("haemangioma", "2-5%"),
])
def test_risk_figure_follows_the_indication(form, indication, expected):
    assert risk_figure(form, plan(indication, fracture_days=10)) == expected


@pytest.mark.parametrize("name", ["vertebroplasty.ar.yaml", "kyphoplasty.ar.yaml"])
def test_risk_figures_match_the_form_files(name):
    form = load_form(FORMS / name)
    raw = yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))["indications"]
    for indication, entry in raw.items():
        p = plan(indication, fracture_days=10)
        if entry["risk"] is None:
            with pytest.raises(InvalidInput):
                risk_figure(form, p)
            continue
        low, high = entry["risk"]["low"], entry["risk"]["high"]
        fmt = lambda v: str(int(v)) if float(v).is_integer() else str(v)  # noqa: E731
        assert risk_figure(form, p) == f"{fmt(low)}-{fmt(high)}%"


def test_other_needs_the_physicians_stated_figure(form):
    with pytest.raises(InvalidInput) as err:
        risk_figure(form, plan("other", conservative=()))
    assert err.value.code == "risk_figure_required"
    assert err.value.params["field"] == "risk_figure"
    assert risk_figure(form, plan("other", conservative=(), stated_risk="4-6%")) == "4-6%"


def test_stated_figure_does_not_replace_the_forms_figure(form):
    assert risk_figure(form, plan("osteoporotic", fracture_days=10, stated_risk="50%")) == "1-3%"


# --- who signs ------------------------------------------------------------------------------------
def test_default_signers():
    assert required_roles(representative=False, patient_mark=False, interpreter=False) == ("patient", "physician")


def test_representative_replaces_the_patient():
    roles = required_roles(representative=True, patient_mark=False, interpreter=False)
    assert "representative" in roles and "patient" not in roles and "physician" in roles


def test_mark_needs_a_witness():
    assert "witness" in required_roles(representative=False, patient_mark=True, interpreter=False)
    assert "witness" not in required_roles(representative=False, patient_mark=False, interpreter=False)


def test_interpreter_signs_when_used():
    assert "interpreter" in required_roles(representative=False, patient_mark=False, interpreter=True)
    assert set(required_roles(representative=True, patient_mark=True, interpreter=True)) == {
        "representative", "witness", "interpreter", "physician"}


def test_refusal_is_signed_by_the_same_people():
    assert required_roles(representative=False, patient_mark=False, interpreter=False, refusal=True) == (
        "patient", "physician")


def test_missing_roles_keeps_order():
    assert missing_roles(("patient", "witness", "physician"), ["physician"]) == ["patient", "witness"]
    assert missing_roles(("patient", "physician"), ["physician", "patient", "witness"]) == []


def test_representative_required_for_minors_and_without_capacity():
    minor = Patient("ليان", "", "1", "", dt.date(2010, 1, 1), "F")
    adult = Patient("ليان", "", "1", "", dt.date(1950, 1, 1), "F")
    today = dt.date(2026, 1, 1)
    assert representative_required(minor, today)
    assert not representative_required(adult, today)
    assert representative_required(adult, today, has_capacity=False)
    # The eighteenth birthday itself makes an adult.
    assert not representative_required(Patient("ليان", "", "1", "", dt.date(2008, 1, 1), "F"), today)


# --- validity and readiness ---------------------------------------------------------------------
SIGNED = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.timezone.utc)


def test_consent_valid_for_the_configured_days():
    assert consent_valid(SIGNED, dt.date(2026, 3, 31), 30)
    assert not consent_valid(SIGNED, dt.date(2026, 4, 1), 30)


def ready(**changes):
    args = dict(consent_signed_at=SIGNED, consent_form_sha="a", current_form_sha="a", validity_days=30,
                on=dt.date(2026, 3, 2), open_blocks=(), overridden=(), check_complete=True)
    args.update(changes)
    return readiness(**args)


def test_ready_when_everything_is_in_order():
    r = ready()
    assert r.ready and r.reasons == ()


@pytest.mark.parametrize("changes,reason", [
    ({"consent_signed_at": None}, "consent_missing"),
    ({"on": dt.date(2026, 4, 5)}, "consent_expired"),
    ({"current_form_sha": "b"}, "form_changed"),
    ({"check_complete": False}, "verification_incomplete"),
    ({"open_blocks": ("inr",)}, "blocked:inr"),
])
def test_each_reason_stops_readiness(changes, reason):
    r = ready(**changes)
    assert not r.ready
    assert r.reasons == (reason,)


def test_override_clears_a_block_but_not_others():
    r = ready(open_blocks=("inr", "platelets"), overridden=("inr",))
    assert not r.ready and r.reasons == ("blocked:platelets",)
    assert ready(open_blocks=("inr",), overridden=("inr",)).ready


def test_several_reasons_are_all_given():
    r = ready(on=dt.date(2026, 5, 1), current_form_sha="b", check_complete=False, open_blocks=("x",))
    assert r.reasons == ("consent_expired", "form_changed", "verification_incomplete", "blocked:x")
