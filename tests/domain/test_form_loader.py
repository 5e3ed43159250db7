"""Form loading: the shipped forms load, every schema violation is one clear line, hashes are stable."""
from __future__ import annotations

import copy
import hashlib
import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml

from app.domain.errors import FormInvalid, InvalidInput
from app.domain.form import Form
from app.domain.form_loader import (
    MAX_FORM_BYTES,
    SECTION_IDS,
    canonical_content,
    load_form,
    load_forms,
    parse_form,
)

FORMS = Path(__file__).resolve().parents[2] / "forms"
VP = FORMS / "vertebroplasty.ar.yaml"
KP = FORMS / "kyphoplasty.ar.yaml"
NAME = "forms/test.ar.yaml"


@pytest.fixture(scope="module")
def vp_text() -> str:
    return VP.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def base(vp_text: str) -> dict:
    return yaml.safe_load(vp_text)


def dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def idx(data: dict, item_id: str) -> int:
    return next(i for i, it in enumerate(data["checklist"]) if it["id"] == item_id)


def sidx(data: dict, section_id: str) -> int:
    return next(i for i, s in enumerate(data["sections"]) if s["id"] == section_id)


# --- the shipped forms ---------------------------------------------------------------------------
@pytest.mark.parametrize("path,procedure", [(VP, "vertebroplasty"), (KP, "kyphoplasty")])
def test_shipped_form_loads(path: Path, procedure: str) -> None:
    form = load_form(path)
    assert isinstance(form, Form)
    assert form.procedure == procedure
    assert form.language == "ar"
    assert form.schema == 2
    assert form.version == "2026.12-1"
    assert re.fullmatch(r"IR-(VP|KP)-AR-02", form.reference) and form.review_date == "2027-12-01"
    assert re.fullmatch(r"[0-9a-f]{64}", form.content_sha256)
    assert form.source_file == str(path)
    assert form.source_text == path.read_text(encoding="utf-8")
    assert tuple(s.id for s in form.sections) == SECTION_IDS
    assert set(form.indications) == {"osteoporotic", "malignant", "haemangioma", "other"}
    assert form.indications["other"].risk is None
    assert form.indications["osteoporotic"].risk.as_text() == "1-3%"
    assert form.thresholds["inr_max"].value == 1.5
    assert form.item("inr").blocking.op == "above"
    assert form.item("high_clot_risk").applies_when.not_in == ("none",)
    assert form.item("blood_thinners").kind == "entries"
    assert form.item("blood_thinners").blocking.field == "hold"
    assert form.item("pregnancy").applies_when.sex == "F"
    assert [c.id for c in form.patient_choices] == ["biopsy", "extra_level"]
    assert [a.id for a in form.anaesthesia] == ["local_sedation", "general_anaesthesia"]
    assert len(form.review_notes) >= 10


def test_two_shipped_forms_differ_in_hash() -> None:
    assert load_form(VP).content_sha256 != load_form(KP).content_sha256


def test_form_strings_are_nfc_and_trimmed(base: dict) -> None:
    data = copy.deepcopy(base)
    # shadda then fatha is not NFC (NFC puts the fatha, class 30, before the shadda, class 33)
    data["title"] = "  نموذج مُدّ\u0651\u064e  "
    form = parse_form(dump(data), NAME)
    assert form.title == unicodedata.normalize("NFC", data["title"]).strip()
    assert unicodedata.is_normalized("NFC", form.title)


# --- schema violations: one line, file: path: problem --------------------------------------------
def _set(path: list, value):
    def mutate(d: dict) -> None:
        target = d
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return mutate


def _del(path: list):
    def mutate(d: dict) -> None:
        target = d
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return mutate


def _item(item_id: str, **changes):
    def mutate(d: dict) -> None:
        it = d["checklist"][idx(d, item_id)]
        for k, v in changes.items():
            if v is _DELETE:
                it.pop(k, None)
            else:
                it[k] = v
    return mutate


_DELETE = object()


def _swap_sections(a: str, b: str):
    def mutate(d: dict) -> None:
        i, j = sidx(d, a), sidx(d, b)
        d["sections"][i], d["sections"][j] = d["sections"][j], d["sections"][i]
    return mutate


def _move_item_first(item_id: str):
    def mutate(d: dict) -> None:
        it = d["checklist"].pop(idx(d, item_id))
        d["checklist"].insert(0, it)
    return mutate


def _dup_item(item_id: str):
    def mutate(d: dict) -> None:
        d["checklist"].append(copy.deepcopy(d["checklist"][idx(d, item_id)]))
    return mutate


# (case id, mutation, expected path ("{inr}": that item's index), problem fragment)
BROKEN = [
    ("missing_title", _del(["title"]), "title", "required key is missing"),
    ("unknown_top_key", _set(["titel"], "عنوان"), "titel", "unknown key"),
    ("schema_3", _set(["schema"], 3), "schema", "unsupported schema 3"),
    ("schema_text", _set(["schema"], "2"), "schema", "must be the number 2"),
    ("procedure_unknown", _set(["procedure"], "discectomy"), "procedure", "unknown procedure"),
    ("language_bad", _set(["language"], "Arabic"), "language", "invalid language code"),
    ("version_float", _set(["version"], 2026.11), "version", "must be text in quotes"),
    ("version_spaces", _set(["version"], "v 1"), "version", "invalid version label"),
    ("title_empty", _set(["title"], "   "), "title", "must not be empty"),
    ("title_not_arabic", _set(["title"], "Consent form"), "title", "must be Arabic text"),
    ("title_bidi_override", _set(["title"], "نموذج\u202eالموافقة"), "title",
     "invisible or control character (U+202E)"),
    ("title_zero_width", _set(["title"], "نموذج\u200bالموافقة"), "title", "(U+200B)"),
    ("certification_list", _set(["certification"], ["أوافق"]), "certification", "must be text"),
    ("sections_not_list", _set(["sections"], {"a": 1}), "sections", "must be a list"),
    ("section_missing", lambda d: d["sections"].pop(sidx(d, "risks")), "sections",
     "missing section 'risks'"),
    ("section_order", _swap_sections("risks", "steps"), "sections[6].id",
     "section 'expected_results' must come after 'steps'"),
    ("section_dup", lambda d: d["sections"].append(copy.deepcopy(d["sections"][0])),
     "sections[12].id", "duplicate section id 'what_and_why'"),
    ("section_bad_id", _set(["sections", 0, "id"], "What-And-Why"), "sections[0].id",
     "invalid id"),
    ("section_unknown_key", _set(["sections", 0, "note"], "ملاحظة"), "sections[0].note",
     "unknown key"),
    ("section_no_paragraphs", _set(["sections", 1, "paragraphs"], []),
     "sections[1].paragraphs", "at least 1 entry"),
    ("section_paragraph_number", _set(["sections", 1, "paragraphs", 0], 5),
     "sections[1].paragraphs[0]", "must be text, not a number"),
    ("section_bullet_null", _set(["sections", 2, "bullets", 1], None),
     "sections[2].bullets[1]", "must be text, not null"),
    ("section_missing_title", _del(["sections", 3, "title"]), "sections[3].title",
     "required key is missing"),
    ("indication_missing", _del(["indications", "haemangioma"]), "indications.haemangioma",
     "required key is missing"),
    ("indication_extra", _set(["indications", "trauma"], {}), "indications.trauma", "unknown key"),
    ("risk_low_gt_high", _set(["indications", "osteoporotic", "risk"], {"low": 3, "high": 1}),
     "indications.osteoporotic.risk", "low (3) is greater than high (1)"),
    ("risk_over_100", _set(["indications", "malignant", "risk", "high"], 150),
     "indications.malignant.risk.high", "within 0..100"),
    ("risk_negative", _set(["indications", "malignant", "risk", "low"], -1),
     "indications.malignant.risk.low", "within 0..100"),
    ("risk_text", _set(["indications", "osteoporotic", "risk", "low"], "1"),
     "indications.osteoporotic.risk.low", "must be a number"),
    ("risk_missing_high", _del(["indications", "haemangioma", "risk", "high"]),
     "indications.haemangioma.risk.high", "required key is missing"),
    ("risk_nan", _set(["indications", "haemangioma", "risk", "high"], float("nan")),
     "indications.haemangioma.risk.high", "finite"),
    ("fracture_text", _set(["indications", "osteoporotic", "fracture"], "yes"),
     "indications.osteoporotic.fracture", "must be true or false"),
    ("benefits_empty", _set(["indications", "other", "benefits"], []),
     "indications.other.benefits", "at least 1"),
    ("risk_note_english", _set(["indications", "other", "risks", 0], "ask the doctor"),
     "indications.other.risks[0]", "must be Arabic text"),
    ("immediate_empty", _set(["immediate_criteria"], []), "immediate_criteria", "at least 1"),
    ("conservative_dup", lambda d: d["conservative_treatments"].append(
        dict(d["conservative_treatments"][0])), "conservative_treatments[4].id",
     "duplicate id 'rest'"),
    ("teach_back_no_question", _del(["teach_back", 2, "question"]), "teach_back[2].question",
     "required key is missing"),
    ("meaning_missing", _del(["signature_meanings", "witness_mark"]),
     "signature_meanings.witness_mark", "required key is missing"),
    ("meaning_unknown", _set(["signature_meanings", "notary"], "كاتب العدل"),
     "signature_meanings.notary", "unknown key"),
    ("threshold_outside", _set(["thresholds", "inr_max", "value"], 2.5),
     "thresholds.inr_max.value", "outside min..max"),
    ("threshold_min_gt_max", _set(["thresholds", "platelets_min", "min"], 200),
     "thresholds.platelets_min", "min (200) is greater than max (150)"),
    ("threshold_bad_id",
     lambda d: d["thresholds"].update({"INR": copy.deepcopy(d["thresholds"]["inr_max"])}),
     "thresholds.INR", "invalid id"),
    ("threshold_bool", _set(["thresholds", "fever_celsius", "value"], True),
     "thresholds.fever_celsius.value", "must be a number, not true/false"),
    ("threshold_missing_label", _del(["thresholds", "fever_celsius", "label"]),
     "thresholds.fever_celsius.label", "required key is missing"),
    ("unknown_threshold", _item("inr", blocking={"above": "inr"}), "checklist[{inr}].blocking.above",
     "unknown threshold 'inr'"),
    ("kind_unknown", _item("inr", kind="slider"), "checklist[{inr}].kind", "unknown kind 'slider'"),
    ("item_dup", _dup_item("iv_line"), "checklist[{_count}].id", "duplicate item id 'iv_line'"),
    ("item_bad_id", _item("iv_line", id="1iv"), "checklist[{iv_line}].id", "invalid id"),
    ("item_unknown_key", _item("iv_line", hint="x"), "checklist[{iv_line}].hint", "unknown key"),
    ("item_no_label", _item("iv_line", label=_DELETE), "checklist[{iv_line}].label",
     "required key is missing"),
    ("choice_without_choices", _item("pregnancy", choices=_DELETE), "checklist[{pregnancy}].choices",
     "required for a choice item"),
    ("choices_on_yesno", _item("iv_line", choices=[{"id": "a", "label": "أ"},
                                                   {"id": "b", "label": "ب"}]),
     "checklist[{iv_line}].choices", "only a choice item has choices"),
    ("one_choice", _item("pregnancy", choices=[{"id": "ruled_out", "label": "مستبعد"}]),
     "checklist[{pregnancy}].choices", "at least 2 entries"),
    ("dup_choice", _item("pregnancy", choices=[{"id": "a", "label": "أ", "label_en": "A"},
                                               {"id": "a", "label": "ب", "label_en": "B"}],
                         blocking={"in": ["a"]}),
     "checklist[{pregnancy}].choices[1].id", "duplicate choice id 'a'"),
    ("yesno_above", _item("iv_line", blocking={"above": "inr_max"}, blocking_reason="سبب"),
     "checklist[{iv_line}].blocking.above", "'above' is not valid for a yesno item"),
    ("number_equals", _item("inr", blocking={"equals": "yes"}), "checklist[{inr}].blocking.equals",
     "'equals' is not valid for a number item"),
    ("yesno_bare_bool", _item("allergy_cement_or_contrast", blocking={"equals": True}),
     "checklist[{allergy_cement_or_contrast}].blocking.equals", "in quotes"),
    ("yesno_bad_value", _item("allergy_cement_or_contrast", blocking={"equals": "maybe"}),
     "checklist[{allergy_cement_or_contrast}].blocking.equals", "must be \"yes\" or \"no\""),
    ("choice_in_unknown", _item("pregnancy", blocking={"in": ["pregnant"]}),
     "checklist[{pregnancy}].blocking.in[0]", "unknown choice 'pregnant'"),
    ("choice_in_all", _item("pregnancy", blocking={"in": ["ruled_out", "not_possible",
                                                          "not_ruled_out"]}),
     "checklist[{pregnancy}].blocking.in", "every choice blocks"),
    ("choice_equals_unknown", _item("pregnancy", blocking={"equals": "x"}),
     "checklist[{pregnancy}].blocking.equals", "unknown choice 'x'"),
    ("text_blocking", _item("other_allergies", blocking={"equals": "x"}, blocking_reason="سبب"),
     "checklist[{other_allergies}].blocking", "a text item cannot block"),
    ("two_rules", _item("inr", blocking={"above": "inr_max", "below": "platelets_min"}),
     "checklist[{inr}].blocking", "exactly one rule"),
    ("no_reason", _item("inr", blocking_reason=_DELETE), "checklist[{inr}].blocking_reason",
     "required when the item has blocking"),
    ("reason_without_blocking", _item("iv_line", blocking_reason="سبب"),
     "checklist[{iv_line}].blocking_reason", "given without blocking"),
    ("reason_english", _item("inr", blocking_reason="INR too high"),
     "checklist[{inr}].blocking_reason", "must be Arabic text"),
    ("required_text", _item("iv_line", required="no"), "checklist[{iv_line}].required",
     "must be true or false"),
    ("unit_on_yesno", _item("iv_line", unit="ml"), "checklist[{iv_line}].unit",
     "only allowed for number items"),
    ("applies_later_item", _move_item_first("high_clot_risk"),
     "checklist[0].applies_when.item", "refers to 'blood_thinners', which is not an earlier"),
    ("applies_self", _item("iv_line", applies_when={"item": "iv_line", "in": ["yes"]}),
     "checklist[{iv_line}].applies_when.item", "not an earlier checklist item"),
    ("applies_bad_value", _item("high_clot_risk",
                                applies_when={"item": "blood_thinners", "not_in": ["nothing"]}),
     "checklist[{high_clot_risk}].applies_when.not_in[0]", "'nothing' is not a value of 'blood_thinners'"),
    ("applies_both", _item("high_clot_risk",
                           applies_when={"item": "blood_thinners", "in": ["entries"],
                                         "not_in": ["none"]}),
     "checklist[{high_clot_risk}].applies_when", "either 'in' or 'not_in'"),
    ("applies_number_item", _item("iv_line", applies_when={"item": "inr", "in": ["yes"]}),
     "checklist[{iv_line}].applies_when.item", "only refer to a choice, yesno or entries item"),
    ("applies_sex_bad", _item("pregnancy", applies_when={"sex": "female"}),
     "checklist[{pregnancy}].applies_when.sex", "must be \"F\" or \"M\""),
    ("applies_sex_extra", _item("pregnancy", applies_when={"sex": "F", "item": "iv_line"}),
     "checklist[{pregnancy}].applies_when.item", "unknown key"),
    ("checklist_empty", _set(["checklist"], []), "checklist", "at least 1"),
]


@pytest.mark.parametrize("case,mutate,path,problem", BROKEN, ids=[b[0] for b in BROKEN])
def test_schema_violation_is_one_clear_line(base: dict, case: str, mutate, path: str,
                                            problem: str) -> None:
    data = copy.deepcopy(base)
    # "{inr}" in an expected path: the index of that item before the mutation
    expected_path = path.format_map({**{it["id"]: i for i, it in enumerate(data["checklist"])},
                                     "_count": len(data["checklist"])})
    mutate(data)
    with pytest.raises(FormInvalid) as info:
        parse_form(dump(data), NAME)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{NAME}: {expected_path}: "), message
    assert problem in message, message
    assert info.value.params["file"] == NAME
    assert info.value.params["path"] == expected_path
    assert info.value.code == "form_invalid"
    assert isinstance(info.value, InvalidInput)


def test_unknown_threshold_message_exactly(base: dict) -> None:
    data = copy.deepcopy(base)
    i = idx(data, "inr")
    data["checklist"][i]["blocking"] = {"above": "inr"}
    with pytest.raises(FormInvalid) as info:
        parse_form(dump(data), "forms/vertebroplasty.ar.yaml")
    assert str(info.value) == (f"forms/vertebroplasty.ar.yaml: checklist[{i}].blocking.above: "
                               "unknown threshold 'inr'")


def test_valid_variants_are_accepted(base: dict) -> None:
    """The validator is not simply refusing everything: legal variations load."""
    data = copy.deepcopy(base)
    data["sections"].insert(3, {"id": "local_note", "title": "ملاحظة", "title_en": "Note", "paragraphs": ["نص."]})
    data["thresholds"]["inr_max"]["value"] = 1.8
    data["checklist"][idx(data, "iv_line")]["required"] = False
    data["checklist"][idx(data, "iv_line")]["blocking"] = {"not_equals": "yes"}
    data["checklist"][idx(data, "iv_line")]["blocking_reason"] = "لا يوجد خط وريدي."
    data["checklist"][idx(data, "iv_line")]["blocking_reason_en"] = "No IV line."
    data["indications"]["haemangioma"]["risk"] = None
    form = parse_form(dump(data), NAME)
    assert form.section("local_note").title == "ملاحظة"
    assert form.thresholds["inr_max"].value == 1.8
    assert form.item("iv_line").blocking.op == "not_equals"
    assert form.indications["haemangioma"].risk is None


# --- YAML-level refusals ------------------------------------------------------------------------------
@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['echo pwned']",
    "!!python/name:os.system",
    "!!binary aGVsbG8=",
    "!custom value",
])
def test_yaml_tags_are_refused(vp_text: str, tag: str) -> None:
    text = vp_text.replace('title: "الموافقة', f"title: {tag}\nx_title: \"الموافقة", 1)
    with pytest.raises(FormInvalid) as info:
        parse_form(text, NAME)
    message = str(info.value)
    assert "\n" not in message
    assert re.match(rf"^{re.escape(NAME)}: line \d+, column \d+: YAML tag '.+' is not allowed",
                    message), message


def test_yaml_aliases_are_refused(vp_text: str) -> None:
    text = vp_text.replace('version: "2026.12-1"', 'version: &v "2026.12-1"\nextra: *v', 1)
    assert text != vp_text
    with pytest.raises(FormInvalid, match=r"YAML (anchors|aliases)"):
        parse_form(text, NAME)


def test_duplicate_keys_are_refused(vp_text: str) -> None:
    text = vp_text.replace("language: ar\n", "language: ar\nlanguage: ar\n", 1)
    with pytest.raises(FormInvalid, match=r": line \d+, column 1: duplicate key 'language'$"):
        parse_form(text, NAME)


def test_yaml_syntax_error_is_one_line(vp_text: str) -> None:
    text = vp_text.replace("schema: 2\n", "schema: [2\n", 1)
    assert text != vp_text
    with pytest.raises(FormInvalid) as info:
        parse_form(text, NAME)
    assert "\n" not in str(info.value)
    assert re.match(rf"^{re.escape(NAME)}: line \d+, column \d+: YAML syntax error", str(info.value))


@pytest.mark.parametrize("text", ["", "# only a comment\n", "- a\n- b\n", "just text\n"])
def test_document_must_be_a_mapping(text: str) -> None:
    with pytest.raises(FormInvalid, match=rf"^{re.escape(NAME)}: <root>: the document must be a "
                                          "mapping"):
        parse_form(text, NAME)


def test_huge_text_refused() -> None:
    with pytest.raises(FormInvalid, match=r"^x\.yaml: <file>: larger than 1 MiB"):
        parse_form("#" * (MAX_FORM_BYTES + 1), "x.yaml")


def test_huge_file_refused(tmp_path: Path, vp_text: str) -> None:
    path = tmp_path / "vertebroplasty.ar.yaml"
    path.write_text(vp_text + "#" * MAX_FORM_BYTES, encoding="utf-8")
    with pytest.raises(FormInvalid, match=r": <file>: larger than 1 MiB$"):
        load_form(path)


def test_non_utf8_file_refused(tmp_path: Path, vp_text: str) -> None:
    path = tmp_path / "vertebroplasty.ar.yaml"
    path.write_bytes(vp_text.encode("utf-8") + "# é\n".encode("latin-1"))
    with pytest.raises(FormInvalid, match=r": <file>: not valid UTF-8 \(byte \d+\)$"):
        load_form(path)
    path.write_bytes(vp_text.encode("cp1256", errors="replace"))
    with pytest.raises(FormInvalid, match="not valid UTF-8"):
        load_form(path)


def test_file_name_must_match_procedure(tmp_path: Path, vp_text: str) -> None:
    path = tmp_path / "kyphoplasty.ar.yaml"
    path.write_text(vp_text, encoding="utf-8")
    with pytest.raises(FormInvalid, match=r": procedure: 'vertebroplasty' does not match the file"):
        load_form(path)


# --- hashes --------------------------------------------------------------------------------------------
def test_hash_is_sha256_of_canonical_content(vp_text: str) -> None:
    form = parse_form(vp_text, NAME)
    canon = canonical_content(form)
    assert hashlib.sha256(canon).hexdigest() == form.content_sha256
    assert canon == canonical_content(yaml.safe_load(vp_text))
    decoded = json.loads(canon.decode("utf-8"))
    assert decoded["procedure"] == "vertebroplasty"
    assert list(decoded) == sorted(decoded)
    assert "رأب" in canon.decode("utf-8")  # ensure_ascii=False
    assert canon == json.dumps(decoded, sort_keys=True, ensure_ascii=False,
                               separators=(",", ":")).encode("utf-8")


def test_hash_stable_under_crlf(vp_text: str) -> None:
    crlf = vp_text.replace("\n", "\r\n")
    assert crlf != vp_text
    assert parse_form(crlf).content_sha256 == parse_form(vp_text).content_sha256


def test_hash_stable_under_reformatting(vp_text: str, base: dict) -> None:
    original = parse_form(vp_text).content_sha256
    variants = [
        yaml.safe_dump(base, allow_unicode=True, sort_keys=True, width=40),
        yaml.safe_dump(base, allow_unicode=False, default_flow_style=True),
        json.dumps(base, ensure_ascii=True, indent=3),  # JSON is YAML too
        "\n".join(line for line in vp_text.splitlines() if not line.lstrip().startswith("#")),
    ]
    for text in variants:
        assert text != vp_text
        assert parse_form(text).content_sha256 == original


def test_hash_stable_under_unicode_normalisation(base: dict) -> None:
    a, b = copy.deepcopy(base), copy.deepcopy(base)
    a["sections"][0]["paragraphs"][0] += " مدّ\u0651\u064e"  # not NFC
    b["sections"][0]["paragraphs"][0] += " " + unicodedata.normalize("NFC", "مدّ\u0651\u064e")
    assert dump(a) != dump(b)
    assert parse_form(dump(a)).content_sha256 == parse_form(dump(b)).content_sha256


def test_hash_changes_when_a_word_changes(vp_text: str) -> None:
    changed = vp_text.replace("عند أقل من 1 من كل 100 مريض. وتكون الجراحة", "عند أقل من 2 من كل 100 مريض. وتكون الجراحة", 1)
    assert changed != vp_text
    assert parse_form(changed).content_sha256 != parse_form(vp_text).content_sha256
    reordered = vp_text.replace('      - "ألم في الصدر."\n      - "ضيق في التنفس."\n',
                                '      - "ضيق في التنفس."\n      - "ألم في الصدر."\n', 1)
    assert reordered != vp_text
    assert parse_form(reordered).content_sha256 != parse_form(vp_text).content_sha256


def test_canonical_content_refuses_what_json_cannot_hold() -> None:
    with pytest.raises(ValueError):
        canonical_content({"a": float("nan")})
    with pytest.raises(TypeError):
        canonical_content(["not", "a", "mapping"])  # type: ignore[arg-type]


# --- load_forms ----------------------------------------------------------------------------------------
def test_load_forms_keeps_going_past_a_broken_file(tmp_path: Path, vp_text: str) -> None:
    shutil.copy(VP, tmp_path / VP.name)
    shutil.copy(KP, tmp_path / KP.name)
    (tmp_path / "aaa-broken.ar.yaml").write_text(vp_text.replace("schema: 2", "schema: 9"),
                                                 encoding="utf-8")
    (tmp_path / "bbb-tagged.yaml").write_text("a: !!python/name:os.system\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a form", encoding="utf-8")
    forms, problems = load_forms(tmp_path)
    assert set(forms) == {("vertebroplasty", "ar"), ("kyphoplasty", "ar")}
    assert [p.params["file"] for p in problems] == [str(tmp_path / "aaa-broken.ar.yaml"),
                                                    str(tmp_path / "bbb-tagged.yaml")]
    assert "unsupported schema 9" in str(problems[0])
    assert "YAML tag" in str(problems[1])


def test_load_forms_reports_a_second_form_for_the_same_procedure(tmp_path: Path) -> None:
    shutil.copy(VP, tmp_path / VP.name)
    shutil.copy(VP, tmp_path / "zz-copy.yaml")
    forms, problems = load_forms(tmp_path)
    assert list(forms) == [("vertebroplasty", "ar")]
    assert len(problems) == 1
    assert "already loaded from" in str(problems[0])


def test_load_forms_missing_folder(tmp_path: Path) -> None:
    forms, problems = load_forms(tmp_path / "nope")
    assert forms == {} and len(problems) == 1


def test_shipped_folder_loads_cleanly() -> None:
    forms, problems = load_forms(FORMS)
    assert problems == []
    assert {("vertebroplasty", "ar"), ("kyphoplasty", "ar")} <= set(forms)
