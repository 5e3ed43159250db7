"""Schema 2 of the form files: placeholders, number style, English twins, safe bounds, the patient's
choices, the anaesthesia types, review notes; and schema 1 still read for records sealed with it."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from app.domain.errors import FormInvalid
from app.domain.form import text_for
from app.domain.form_loader import load_form, number_style_problem, parse_form

ROOT = Path(__file__).resolve().parents[2]
VP = ROOT / "forms" / "vertebroplasty.ar.yaml"
LEGACY = ROOT / "tests" / "fixtures" / "forms_2026.11-1"
NAME = "forms/test.ar.yaml"


@pytest.fixture(scope="module")
def base() -> dict:
    return yaml.safe_load(VP.read_text(encoding="utf-8"))


def dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def sidx(data: dict, section_id: str) -> int:
    return next(i for i, s in enumerate(data["sections"]) if s["id"] == section_id)


def idx(data: dict, item_id: str) -> int:
    return next(i for i, it in enumerate(data["checklist"]) if it["id"] == item_id)


def refused(data: dict) -> str:
    with pytest.raises(FormInvalid) as info:
        parse_form(dump(data), NAME)
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"{NAME}: ")
    return message


def mutated(base: dict, fn) -> dict:
    data = copy.deepcopy(base)
    fn(data)
    return data


# --- placeholders and forms of address ---------------------------------------------------------------
def test_unknown_placeholder_is_refused(base: dict) -> None:
    data = mutated(base, lambda d: d["sections"][sidx(d, "aftercare")]["paragraphs"].append(
        "اتصل بالرقم {hotline}."))
    message = refused(data)
    assert "unknown placeholder '{hotline}'" in message and "sections[10].paragraphs[11]" in message


@pytest.mark.parametrize("text,problem", [
    ("{أخبر|أخبري|أخبروا} الفريق.", "exactly two forms"),
    ("{|} الفريق.", "two empty forms"),
    ("{Emergency} الفريق.", "neither a placeholder name"),
    ("اتصل {emergency_number الفريق.", "a brace without its pair"),
])
def test_malformed_templates_are_refused(base: dict, text: str, problem: str) -> None:
    data = mutated(base, lambda d: d["sections"][0]["paragraphs"].append(text))
    assert problem in refused(data)


def test_known_placeholders_are_accepted_everywhere_in_patient_text(base: dict) -> None:
    def add(d):
        d["sections"][0]["paragraphs"].append("الصيام {fasting_hours_min} ساعات، والحمّى {fever_celsius}.")
        d["indications"]["other"]["risks"].append("{اتصل|اتصلي} على {team_phone_day}.")
        d["teach_back"][0]["question"] = "ما رقم الإسعاف؟ {emergency_number}"
    form = parse_form(dump(mutated(base, add)), NAME)
    assert "{fasting_hours_min}" in form.sections[0].paragraphs[-1]


def test_a_signature_meaning_is_stored_word_for_word(base: dict) -> None:
    data = mutated(base, lambda d: d["signature_meanings"].__setitem__("patient", "{المريض|المريضة}: أوافق."))
    assert "signature_meanings.patient: a signature's meaning is stored word for word" in refused(data)


def test_unknown_condition_on_a_paragraph_is_refused(base: dict) -> None:
    data = mutated(base, lambda d: d["sections"][1]["paragraphs"].append({"text": "نص.", "when": "students"}))
    assert "unknown condition 'students'" in refused(data)


# --- number style --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,fragment", [
    ("تحدث عند ٧ من كل 100 مريض.", "Arabic-Indic digit '٧'"),
    ("تحدث عند ۷ من كل 100 مريض.", "Arabic-Indic digit '۷'"),
    ("تحدث عند 7% من المرضى.", "'%' in patient text"),
    ("تحدث عند 7٪ من المرضى.", "'٪' in patient text"),
    ("تحدث عند 7 في المئة من المرضى.", "'في المئة' in patient text"),
])
def test_number_style_in_patient_text(base: dict, text: str, fragment: str) -> None:
    assert fragment in number_style_problem(text)
    data = mutated(base, lambda d: d["indications"]["malignant"]["risks"].__setitem__(0, text))
    message = refused(data)
    assert "indications.malignant.risks[0]" in message and fragment in message


def test_number_style_is_for_patient_text_only(base: dict) -> None:
    """Staff help may say "SpO2 97%"; the checklist is not read by the patient."""
    data = mutated(base, lambda d: d["checklist"][idx(d, "inr")].__setitem__("staff_help", "الهدف 50% من ١٠٠"))
    parse_form(dump(data), NAME)
    assert number_style_problem("من 1 إلى 3 من كل 100 مريض") == ""


# --- English twins ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("path,key", [
    (["checklist", "inr"], "label_en"),
    (["checklist", "inr"], "blocking_reason_en"),
    (["checklist", "inr"], "staff_help_en"),
    (["thresholds", "inr_max"], "label_en"),
    (["sections", "risks"], "title_en"),
    (["indications", "malignant"], "label_en"),
    (["conservative_treatments", "brace"], "label_en"),
    (["teach_back", "chest_pain"], "question_en"),
    ([], "title_en"),
])
def test_every_staff_text_needs_its_english_twin(base: dict, path: list, key: str) -> None:
    def remove(d):
        node = d
        for part in path:
            node = next(e for e in node if e["id"] == part) if isinstance(node, list) else node[part]
        del node[key]
    message = refused(mutated(base, remove))
    assert f".{key}: required: the English twin" in message or f": {key}: required" in message


def test_a_choice_needs_its_english_twin(base: dict) -> None:
    data = mutated(base, lambda d: d["checklist"][idx(d, "pregnancy")]["choices"][0].pop("label_en"))
    assert "choices[0].label_en: required" in refused(data)


@pytest.mark.parametrize("value", ["رقم INR", "1.5", "   "])
def test_an_english_twin_is_english(base: dict, value: str) -> None:
    data = mutated(base, lambda d: d["checklist"][idx(d, "inr")].__setitem__("label_en", value))
    message = refused(data)
    assert "label_en" in message and ("must be English text" in message or "must not be empty" in message)


def test_twin_without_its_text_is_refused(base: dict) -> None:
    data = mutated(base, lambda d: d["checklist"][idx(d, "iv_line")].__setitem__("staff_help_en", "Help"))
    assert "staff_help_en: given without staff_help" in refused(data)


def test_text_for_gives_the_twin_or_the_forms_own_language() -> None:
    form = load_form(VP)
    inr = form.item("inr")
    assert text_for(inr, "label", "en") == "INR"
    assert text_for(inr, "label", "ar") == inr.label
    assert text_for(inr, "label", "fr") == inr.label  # no French twin: the form's language
    assert text_for(inr, "blocking_reason", "en").startswith("The INR is above")
    assert text_for(form.section("risks"), "title", "en") == "Possible risks"
    assert text_for(form.thresholds["platelets_min"], "label", "en") == "Lowest acceptable platelet count"
    pregnancy = form.item("pregnancy")
    assert [text_for(c, "label", "en") for c in pregnancy.choices][0] == "Pregnancy ruled out"
    assert text_for(form.indications["malignant"], "label", "en").startswith("Vertebral collapse")
    assert text_for(form, "procedure_name", "en").startswith("Percutaneous vertebroplasty")


# --- safe bounds of the thresholds --------------------------------------------------------------------------
@pytest.mark.parametrize("tid,key,value,bounds", [
    ("inr_max", "max", 2.0, "1..1.8"),
    ("platelets_min", "min", 20, "50..150"),
    ("fasting_hours_min", "min", 2, "6..8"),
    ("fever_celsius", "max", 39, "37.5..38.5"),
])
def test_a_form_cannot_offer_a_range_beyond_the_safe_bounds(base: dict, tid, key, value, bounds) -> None:
    def widen(d):
        d["thresholds"][tid][key] = value
    message = refused(mutated(base, widen))
    assert f"thresholds.{tid}: the range" in message and f"safe bounds" in message and bounds in message


# --- the patient's choices, anaesthesia, reference, review notes ---------------------------------------------
def test_both_patient_choices_are_required(base: dict) -> None:
    data = mutated(base, lambda d: d["patient_choices"].pop(1))
    assert "patient_choices: missing the patient choice 'extra_level'" in refused(data)
    data = mutated(base, lambda d: d["patient_choices"][0].__setitem__("id", "photo"))
    assert "unknown patient choice 'photo'" in refused(data)


def test_anaesthesia_types_are_known_ones(base: dict) -> None:
    data = mutated(base, lambda d: d["anaesthesia"][0].__setitem__("id", "spinal"))
    assert "anaesthesia[0].id: unknown anaesthesia 'spinal'" in refused(data)


@pytest.mark.parametrize("key,value,problem", [
    ("reference", "vp form", "must be a reference"),
    ("review_date", "2027-13-01", "must be a date YYYY-MM-DD"),
    ("review_date", 20271201, "must be a date in quotes"),
])
def test_reference_and_review_date(base: dict, key, value, problem) -> None:
    assert problem in refused(mutated(base, lambda d: d.__setitem__(key, value)))


def test_an_unquoted_review_date_is_refused() -> None:
    text = VP.read_text(encoding="utf-8").replace('review_date: "2027-12-01"', "review_date: 2027-12-01")
    with pytest.raises(FormInvalid, match="review_date: write the date in quotes"):
        parse_form(text, NAME)


def test_review_notes_point_at_real_places(base: dict) -> None:
    data = mutated(base, lambda d: d["review_notes"].append({"where": "checklist.vital_signs", "note": "Check."}))
    assert "is not a place in this form" in refused(data)
    form = load_form(VP)
    places = {n.where for n in form.review_notes}
    assert {"indications.haemangioma.risk", "checklist.blood_thinners", "thresholds",
            "indications.malignant.alternatives"} <= places


def test_alternatives_are_required_per_indication(base: dict) -> None:
    data = mutated(base, lambda d: d["indications"]["malignant"].pop("alternatives"))
    assert "indications.malignant.alternatives: required" in refused(data)


# --- checklist rules of schema 2 ---------------------------------------------------------------------------
def test_range_only_on_numbers_and_in_order(base: dict) -> None:
    data = mutated(base, lambda d: d["checklist"][idx(d, "iv_line")].__setitem__("range", {"min": 1, "max": 2}))
    assert "a range is only allowed for number items" in refused(data)
    data = mutated(base, lambda d: d["checklist"][idx(d, "temperature")].__setitem__("range", {"min": 45, "max": 30}))
    assert "must be below max" in refused(data)


def test_entries_item_blocks_through_one_of_its_fields(base: dict) -> None:
    data = mutated(base, lambda d: d["checklist"][idx(d, "blood_thinners")].__setitem__(
        "blocking", {"where": "dose", "in": ["not_held"]}))
    assert "'dose' is not a field of this item" in refused(data)
    data = mutated(base, lambda d: d["checklist"][idx(d, "blood_thinners")].__setitem__(
        "blocking", {"where": "hold", "in": ["forgot"]}))
    assert "unknown choice 'forgot'" in refused(data)
    data = mutated(base, lambda d: d["checklist"][idx(d, "blood_thinners")].pop("none_label"))
    assert "none_label: required for an entries item" in refused(data)


def test_offered_when_takes_a_fracture_flag(base: dict) -> None:
    def change(d):
        d["checklist"][idx(d, "recent_fracture_imaging")]["choices"][2]["offered_when"] = {"sex": "F"}
    assert "offered_when.sex: unknown key" in refused(mutated(base, change))


# --- schema 1 stays readable -------------------------------------------------------------------------------
def test_the_first_shipped_forms_still_load_with_their_own_hash_and_text() -> None:
    for name in ("vertebroplasty.ar.yaml", "kyphoplasty.ar.yaml"):
        form = load_form(LEGACY / name)
        assert form.schema == 1 and form.version == "2026.11-1"
        assert form.patient_choices == () and form.reference == ""
        risks = " ".join(form.indications["malignant"].risks)
        assert "٧٪" in risks  # its text exactly as it was, Arabic-Indic digits and all
    assert load_form(LEGACY / "vertebroplasty.ar.yaml").content_sha256.startswith("f66241540502")


def test_schema_1_does_not_take_schema_2_keys() -> None:
    data = yaml.safe_load((LEGACY / "vertebroplasty.ar.yaml").read_text(encoding="utf-8"))
    data["reference"] = "IR-VP-AR-01"
    with pytest.raises(FormInvalid, match="reference: unknown key"):
        parse_form(dump(data), NAME)
