"""The shipped forms carry the binding clinical facts, say them safely and plainly, and keep
staff-only facts away from the patient. Patient text is checked as a patient reads it: filled from
the settings, for a woman and for a man, with the alternatives of each indication."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.domain.form import Form
from app.domain.form_loader import SECTION_IDS, load_forms
from app.domain.form_text import patient_form, patient_values
from app.domain.thresholds import SAFE_BOUNDS

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "forms"
SEED = ROOT.parent / "shared" / "seed" / "vertebroplasty-article.ar.txt"
LOCAL = {"emergency_number": "997", "team_phone_day": "011-234-5678", "team_phone_after_hours": "011-234-9999",
         "trainees_take_part": True}

# Anticoagulant / antiplatelet names as they appear in Arabic text (with or without "ال").
DRUGS = ("وارفارين", "أبيكسابان", "ريفاروكسابان", "إيدوكسابان", "دابيغاتران", "كلوبيدوغريل", "تيكاغريلور",
         "براسوغريل", "أسبرين", "هيبارين", "apixaban", "warfarin", "rivaroxaban", "edoxaban", "dabigatran",
         "clopidogrel", "ticagrelor", "prasugrel", "aspirin")
DAY_COUNT = re.compile(r"\d+\s*(?:[-–]\s*\d+\s*|إلى\s*\d+\s*)?(?:أيام|يوم|يوما|يوماً)")


@pytest.fixture(scope="module")
def forms() -> dict[str, Form]:
    loaded, problems = load_forms(FORMS)
    assert problems == []
    return {procedure: form for (procedure, language), form in loaded.items() if language == "ar"}


@pytest.fixture(scope="module", params=["vertebroplasty", "kyphoplasty"])
def form(request, forms: dict[str, Form]) -> Form:
    return forms[request.param]


def read(form: Form, sex: str = "F", indication: str = "osteoporotic", anaesthesia: str = "local_sedation",
         local: dict | None = None) -> Form:
    """The form as this patient reads it."""
    return patient_form(form, patient_values(form, sex=sex, indication=indication, anaesthesia=anaesthesia,
                                             local=LOCAL if local is None else local))


def section_text(form: Form, section_id: str) -> str:
    s = form.section(section_id)
    return "\n".join((s.title, *s.paragraphs, *s.bullets))


def patient_texts(form: Form) -> list[str]:
    """Everything the patient may see or hear (of an already filled form)."""
    out = [form.title, form.procedure_name, form.certification]
    for s in form.sections:
        out += [s.title, *s.paragraphs, *s.bullets]
    for ind in form.indications.values():
        out += [ind.label, *ind.benefits, *ind.risks, *ind.alternatives]
    out += [t.question for t in form.teach_back]
    out += [c.label for c in form.immediate_criteria + form.conservative_treatments]
    out += [c.question for c in form.patient_choices] + [a.label for a in form.anaesthesia]
    out += list(form.signature_meanings.values())
    return out


def every_reading(form: Form) -> list[Form]:
    return [read(form, sex, ind, anaesthesia) for sex in ("F", "M") for ind in form.indications
            for anaesthesia in ("local_sedation", "general_anaesthesia")]


def sentences(texts: list[str]) -> list[str]:
    return [p for t in texts for p in re.split(r"[.؟?!:؛\n]", t) if p.strip()]


# --- structure -----------------------------------------------------------------------------------
def test_sections_in_order(form: Form) -> None:
    assert tuple(s.id for s in form.sections) == SECTION_IDS


def test_indications_and_risk_figures(form: Form) -> None:
    ind = form.indications
    assert (ind["osteoporotic"].fracture, ind["osteoporotic"].risk.low, ind["osteoporotic"].risk.high) == (True, 1, 3)
    assert (ind["malignant"].fracture, ind["malignant"].risk.low, ind["malignant"].risk.high) == (True, 7, 10)
    assert (ind["haemangioma"].fracture, ind["haemangioma"].risk.low, ind["haemangioma"].risk.high) == (False, 2, 5)
    assert ind["other"].fracture is False and ind["other"].risk is None
    for i in ind.values():
        assert 2 <= len(i.benefits) <= 4, i.id
        assert 2 <= len(i.risks) <= 4, i.id
        assert 3 <= len(i.alternatives) <= 8, i.id


@pytest.mark.parametrize("indication,low,high", [("osteoporotic", 1, 3), ("malignant", 7, 10), ("haemangioma", 2, 5)])
def test_risk_notes_state_the_figure_in_100(form: Form, indication: str, low: int, high: int) -> None:
    notes = " ".join(form.indications[indication].risks)
    assert re.search(rf"(?<!\d){low} إلى {high} من كل 100 مريض", notes), notes
    for other, (lo, hi) in {"osteoporotic": (1, 3), "malignant": (7, 10), "haemangioma": (2, 5)}.items():
        if other != indication:
            assert not re.search(rf"(?<!\d){lo} إلى {hi} من كل 100", notes)


def test_malignant_risk_line_says_more_complications_not_more_symptoms(form: Form) -> None:
    line = form.indications["malignant"].risks[0]
    assert "أكثر حدوثاً" in line and "أعراضاً أكثر" not in line


def test_other_indication_says_the_physician_states_the_figure(form: Form) -> None:
    notes = " ".join(form.indications["other"].risks)
    assert "طبيب" in notes and not re.search(r"\d", notes)


def test_general_risks_point_to_the_patients_own_figure(form: Form) -> None:
    text = section_text(read(form), "risks")
    assert "حسب سبب الإجراء" in text and "بشكل منفصل" in text and "أعراض" in text
    for topic in ("تسرب الإسمنت", "فقرة مجاورة", "الأضلاع", "التهدئة أو التخدير", "للأشعة السينية",
                  "أقل من 1 من كل 1000 مريض", "جذر العصب"):
        assert topic in text, topic


def test_cement_embolism_goes_to_the_lung_arteries(form: Form) -> None:
    text = section_text(read(form), "risks")
    assert "شرايين الرئة" in text and "الانصمام الرئوي" in text
    assert "أوردة" not in "\n".join(patient_texts(read(form)))
    assert "حتى نحو 25 من كل 100 مريض" in text  # "up to about a quarter", said one way


def test_rare_risks_have_their_own_calm_heading(form: Form) -> None:
    s = read(form).section("permanent_risks")
    text = section_text(read(form), "permanent_risks")
    assert s.title == "مضاعفات نادرة قد يبقى أثرها"
    assert "لا لأننا نتوقع حدوثه" in text
    assert "أقل من 1 من كل 100 مريض" in text and "جراحة" in text
    assert "إزالة الإسمنت" in text and "كسر" in text
    for rare in ("شلل", "استرواح الصدر", "نزيف كبير", "الوفاة نادرة جداً"):
        assert rare in text, rare


def test_thresholds_within_safe_bounds(form: Form) -> None:
    t = form.thresholds
    assert (t["inr_max"].value, t["inr_max"].minimum, t["inr_max"].maximum) == (1.5, 1.0, 1.8)
    assert (t["platelets_min"].value, t["platelets_min"].minimum, t["platelets_min"].maximum) == (50, 50, 150)
    assert (t["fasting_hours_min"].value, t["fasting_hours_min"].minimum, t["fasting_hours_min"].maximum) == (6, 6, 8)
    assert (t["fever_celsius"].value, t["fever_celsius"].minimum, t["fever_celsius"].maximum) == (38, 37.5, 38.5)
    for tid, threshold in t.items():
        lo, hi, _, _ = SAFE_BOUNDS[tid]
        assert lo <= threshold.minimum <= threshold.maximum <= hi


def test_checklist_items(form: Form) -> None:
    kinds = {it.id: it.kind for it in form.checklist}
    for number in ("inr", "platelets", "haemoglobin", "egfr", "glucose", "fasting_hours", "temperature",
                   "bp_systolic", "bp_diastolic", "heart_rate", "oxygen_saturation"):
        assert kinds[number] == "number", number
        item = form.item(number)
        assert item.low is not None and item.high is not None, number  # sane ranges
        assert item.unit or number == "inr", number  # and units (the INR is a ratio)
    assert kinds["blood_thinners"] == "entries"
    drugs = [c.id for c in form.item("blood_thinners").fields[0].choices]
    assert "edoxaban" in drugs and "warfarin" in drugs and "aspirin" in drugs
    assert [f.id for f in form.item("blood_thinners").fields] == ["drug", "last_dose", "hold"]
    assert {it.id for it in form.checklist if it.physician} == {
        "level_localisation", "tenderness_matches_level", "neuro_exam_baseline", "posterior_wall_canal"}
    rules = {it.id: (it.blocking.op, it.blocking.operand) for it in form.checklist if it.blocking}
    assert rules["inr"] == ("above", "inr_max")
    assert rules["platelets"] == ("below", "platelets_min")
    assert rules["fasting_hours"] == ("below", "fasting_hours_min")
    assert rules["temperature"] == ("at_least", "fever_celsius")
    assert rules["blood_thinners"] == ("in", ("not_held",))
    assert rules["high_clot_risk"] == ("equals", "yes")
    assert rules["latex_allergy"] == ("in", ("yes_not_prepared",))
    assert rules["overnight_plan"] == ("in", ("no_plan",))
    assert rules["imaging_in_room"] == ("equals", "no")
    assert form.item("allergy_status").required and [c.id for c in form.item("allergy_status").choices] == [
        "none_known", "known"]  # "not asked" is no answer: the item stays missing
    assert form.item("overnight_plan").applies_when.in_ == ("no",)
    assert form.item("glucose").applies_when.item == "diabetic"
    not_a_fracture = next(c for c in form.item("recent_fracture_imaging").choices
                          if c.id == "not_a_fracture_indication")
    assert not_a_fracture.offered_when.fracture is False
    assert "vital_signs" not in kinds and "anticoagulant" not in kinds


def test_immediate_and_conservative_ids(form: Form) -> None:
    assert [c.id for c in form.immediate_criteria] == ["pain_needs_admission", "cannot_take_analgesia_or_rest"]
    assert [c.id for c in form.conservative_treatments] == ["rest", "brace", "analgesia", "physiotherapy"]


def test_teach_back_asks_about_chest_pain_and_alternatives(form: Form) -> None:
    ids = [t.id for t in form.teach_back]
    assert {"chest_pain", "alternatives"} <= set(ids) and len(ids) <= 8
    assert "ألم في الصدر" in form.teach_back[ids.index("chest_pain")].question


# --- binding figures and safe instructions in the patient text -------------------------------------
def test_eight_week_window_and_immediate_criteria(form: Form) -> None:
    text = section_text(read(form), "indications")
    assert "ثمانية أسابيع" in text and "دخول المستشفى" in text
    assert "المسكنات" in text and "الراحة" in text
    assert len(form.section("indications").bullets) == 2


def test_expected_results_are_honest(form: Form) -> None:
    text = section_text(read(form), "expected_results")
    assert "2018" in text and "كوكرين" in text and "جهة علمية مستقلة" in text  # Cochrane, explained
    assert "وهمي" in text and "6 إلى 8 أسابيع" in text and "يهدف" in text and "لا نضمن" in text
    assert "على الأكثر" not in text and "بدرجة ثقة" not in text


def test_vertebroplasty_results_from_uncontrolled_series_said_once(forms) -> None:
    text = section_text(read(forms["vertebroplasty"]), "expected_results")
    assert "دون مجموعة أخرى للمقارنة" in text
    assert "نحو 67 من كل 100 مريض" in text and "نحو 75 من كل 100 مريض" in text
    assert text.count("لم تقارن") == 1  # the repeated paragraph is gone


def test_kyphoplasty_is_told_honestly(forms) -> None:
    kp, vp = read(forms["kyphoplasty"]), read(forms["vertebroplasty"])
    results = section_text(kp, "expected_results")
    assert "متشابهة" in results  # head-to-head trials: similar pain results
    assert "لا نعرف دراسة قارنت رأب الحدبة بإجراء وهمي" in results
    assert "صغير في الغالب" in results and "بضع درجات" in results
    assert "67 من كل 100" not in results and "75 من كل 100" not in results  # not borrowed
    assert "انفجار البالون" in section_text(kp, "risks") and "البالون" not in section_text(vp, "risks")
    steps = section_text(kp, "steps")
    assert "إبرتين" in steps or "الإبرتين" in steps
    assert "التخدير العام أكثر استخداماً" in steps
    what = section_text(kp, "what_and_why")
    assert "بالون" in what and "فراغ" in what and "ارتفاع" in what and "انحناء" in what
    assert "ليس نتيجة مضمونة" in what
    assert "بالون" not in section_text(vp, "steps") and "بالون" not in section_text(vp, "what_and_why")
    assert len(forms["kyphoplasty"].section("steps").bullets) == len(forms["vertebroplasty"].section("steps").bullets) + 1
    assert "الحدبة" in kp.title and "الحدبة" not in vp.title
    assert "رأب الحدبة" in kp.certification and "رأب الفقرات" in vp.certification


def test_aims_not_promises(form: Form) -> None:
    what = section_text(read(form), "what_and_why")
    assert "يهدف" in what and "ليس نتيجة مضمونة" in what


def test_alternatives_follow_the_indication(form: Form) -> None:
    osteo = section_text(read(form, indication="osteoporotic"), "alternatives")
    assert "عدم فعل شيء" in osteo and "مع التئام الكسر" in osteo
    assert "هشاشة العظام" in osteo and "نحو 20 من كل 100 مريض" in osteo and "سنة" in osteo
    assert "مشدّ" in osteo and "العلاج الطبيعي" in osteo
    tumour = section_text(read(form, indication="malignant"), "alternatives")
    assert "العلاج الإشعاعي" in tumour and "فريق الأورام" in tumour and "جراحة" in tumour
    assert "التئام الكسر" not in tumour and "لا يلتئم في الغالب" in tumour  # never "it settles as it heals"
    assert "العلاج الإشعاعي" in section_text(read(form, indication="haemangioma"), "alternatives")
    assert "عدم فعل شيء" in section_text(read(form, indication="other"), "alternatives")


def test_chest_pain_only_in_the_emergency_list(form: Form) -> None:
    after = read(form).section("aftercare")
    assert "ألم في الصدر." in after.bullets
    for paragraph in after.paragraphs:
        assert "الصدر" not in paragraph, paragraph  # never "contact the team" for chest pain
    for sign in ("ضيق في التنفس", "الساقين", "البول"):
        assert any(sign in b for b in after.bullets), sign


def test_every_call_prints_its_number_from_the_settings(form: Form) -> None:
    raw = section_text(form, "aftercare")
    for placeholder in ("{emergency_number}", "{team_phone_day}", "{team_phone_after_hours}", "{fever_celsius}"):
        assert placeholder in raw
    assert not re.search(r"\b(?:99[0-9]|911|112|38)\b", raw)  # hospital numbers are settings, never typed here
    filled = section_text(read(form), "aftercare")
    assert "الإسعاف على الرقم 997" in filled
    assert "011-234-5678" in filled and "011-234-9999" in filled and "حرارة 38 درجة" in filled
    other = section_text(read(form, local={**LOCAL, "emergency_number": "911", "team_phone_day": "0500"}),
                         "aftercare")
    assert "الرقم 911" in other and "0500" in other


def test_fasting_hours_come_from_the_settings(form: Form) -> None:
    raw = section_text(form, "preparation")
    assert "{fasting_hours_min} ساعات" in raw and "6 ساعات" not in raw
    filled = patient_form(form, patient_values(form, sex="F", indication="osteoporotic",
                                               thresholds={"fasting_hours_min": 8}, local=LOCAL))
    assert "لمدة 8 ساعات على الأقل" in section_text(filled, "preparation")


def test_blood_thinners_restart_is_a_date_to_keep_not_a_prohibition(form: Form) -> None:
    after = section_text(read(form, "M"), "aftercare")
    assert "لا تعد إلى مميعات الدم إلا" not in after
    assert "لا تبدأ قبله ولا تتأخر عنه" in after and "يخبرك الفريق بيوم عودتك" in after


def test_one_term_for_blood_thinners_with_examples(form: Form) -> None:
    prep = section_text(read(form), "preparation")
    assert "مميعات الدم" in prep and "الوارفارين" in prep and "الأسبرين" in prep
    joined = "\n".join(patient_texts(read(form)))
    assert "مضادات التخثر" not in joined and "منع الجلطات" not in joined and "تمييع الدم" not in joined


def test_plain_words_for_an_elderly_reader(form: Form) -> None:
    for reading in every_reading(form):
        joined = "\n".join(patient_texts(reading))
        for jargon in ("PMMA", "طفيف التوغل", "نعمل فتحة", "بدرجة ثقة", "على الأكثر", "الاستقلاب", "الأفيونات",
                       "Cochrane"):
            assert jargon not in joined, jargon
        assert not re.search("[\u0660-\u0669\u06f0-\u06f9%\u066a]", joined)
        assert "{" not in joined and "}" not in joined and "—" not in joined  # every placeholder filled


def test_what_real_consent_forms_also_carry(form: Form) -> None:
    general = read(form, anaesthesia="general_anaesthesia")
    local = read(form, anaesthesia="local_sedation")
    assert "نوع التخدير المخطط لك: تخدير عام (نوم كامل)." in general.section("preparation").paragraphs
    assert any("طبيب التخدير" in p for p in general.section("preparation").paragraphs)
    assert not any("طبيب التخدير" in p for p in local.section("preparation").paragraphs)
    who = read(form).section("who_and_where").paragraphs
    assert any("طبيب متدرب" in p for p in who) and any("الاستشاري المسؤول" in p for p in who)
    nobody = read(form, local={**LOCAL, "trainees_take_part": False}).section("who_and_where").paragraphs
    assert not any("متدرب" in p for p in nobody)  # the policy setting decides
    steps = section_text(local, "steps")
    assert "ما ستشعرين به" in steps and "عينة من العظم" in steps
    prep = section_text(local, "preparation")
    assert "صور الأشعة السابقة" in prep and "قائمة بكل الأدوية" in prep and "رشفة ماء" in prep
    after = section_text(local, "aftercare")
    assert "المشي" in after and "الإمساك" in after and "سيتصل بك الفريق" in after
    rights = section_text(local, "rights")
    assert "رقم هذا النموذج وتاريخ مراجعته" in rights and "الفقرات المكتوبة في هذا النموذج فقط" in rights


def test_a_woman_is_addressed_as_a_woman_and_a_man_as_a_man(form: Form) -> None:
    woman = "\n".join(patient_texts(read(form, "F")))
    man = "\n".join(patient_texts(read(form, "M")))
    for masculine, feminine in (("أخبر الفريق", "أخبري الفريق"), ("لا تأكل ", "لا تأكلي "),
                                ("لا توقف ", "لا توقفي "), ("ستستلقي على", "ستستلقين على"),
                                ("إذا كنت مريضاً", "إذا كنت مريضة"), ("اتصل فوراً", "اتصلي فوراً"),
                                ("أن ترفض الإجراء", "أن ترفضي الإجراء")):
        assert feminine in woman and masculine not in woman, masculine
        assert masculine in man and feminine not in man, feminine
    assert "حاملاً" in woman and "حاملاً" not in man  # the pregnancy line is for women only


def test_rights(form: Form) -> None:
    text = section_text(read(form, "M"), "rights")
    assert "ترفض" in text and "تسحب موافقتك في أي وقت قبل الإجراء" in text
    assert "دون أن يؤثر ذلك على رعايتك" in text and "نسخة" in text


def test_certification_and_signature_meanings(form: Form) -> None:
    assert "سحب موافقتي" in form.certification
    assert "قُرئ" in form.signature_meanings["witness_mark"] and "علامته" in form.signature_meanings["witness_mark"]
    assert "ترجمت" in form.signature_meanings["interpreter"]
    assert "نيابة" in form.signature_meanings["representative"]


def test_patient_choices_ask_yes_or_no(form: Form) -> None:
    questions = {c.id: c.question for c in read(form, "F").patient_choices}
    assert "عينة" in questions["biopsy"] and "هل توافقين" in questions["biopsy"]
    assert "فقرة أخرى" in questions["extra_level"] and "هل توافقين" in questions["extra_level"]


# --- the two forms ------------------------------------------------------------------------------------
def test_shared_sections_are_identical(forms: dict[str, Form]) -> None:
    kp, vp = forms["kyphoplasty"], forms["vertebroplasty"]
    for sid in ("who_and_where", "indications", "contraindications", "preparation", "permanent_risks",
                "alternatives", "aftercare", "rights"):
        assert kp.section(sid) == vp.section(sid), sid
    assert kp.thresholds == vp.thresholds
    assert kp.checklist == vp.checklist
    assert kp.signature_meanings == vp.signature_meanings
    assert kp.patient_choices == vp.patient_choices and kp.anaesthesia == vp.anaesthesia


# --- staff-only facts stay with staff ----------------------------------------------------------------
def test_no_drug_hold_intervals_in_patient_text(form: Form) -> None:
    for reading in (read(form, "F"), read(form, "M")):
        texts = patient_texts(reading)
        joined = "\n".join(texts)
        assert not DAY_COUNT.search(joined), DAY_COUNT.search(joined)
        for sentence in sentences(texts):
            if any(drug in sentence for drug in DRUGS) or "مميع" in sentence:
                assert not re.search(r"\d", sentence), sentence
        assert "SIR" not in joined
    prep = section_text(read(form, "M"), "preparation")
    assert "لا توقف" in prep and "سيخبرك" in prep


def test_drug_hold_intervals_are_in_staff_help(form: Form) -> None:
    help_text = form.item("blood_thinners").staff_help
    assert "SIR 2019" in help_text
    for fragment in ("الوارفارين نحو 5 أيام", "ريفاروكسابان 2-3 أيام", "دابيغاتران 3-5 أيام", "إيدوكسابان",
                     "كلوبيدوغريل 5 أيام", "تيكاغريلور 5 أيام", "براسوغريل 7 أيام", "الأسبرين 3-5 أيام",
                     "24 ساعة", "1.5-1.8", "دعامة"):
        assert fragment in help_text, fragment
    joined = "\n".join(patient_texts(read(form)))
    intervals = re.findall(r"\d+(?:-\d+)? أيام", help_text)
    assert len(intervals) >= 7
    for interval in intervals:
        assert interval not in joined


def test_staff_help_never_in_patient_text(form: Form) -> None:
    joined = "\n".join(patient_texts(read(form)))
    for it in form.checklist:
        if it.staff_help:
            assert it.staff_help not in joined


# --- own words -------------------------------------------------------------------------------------
def _words(text: str) -> list[str]:
    text = re.sub("[\u064b-\u0652\u0640]", "", text)  # diacritics, tatweel
    text = re.sub("[\u0660-\u0669]", lambda m: str(ord(m.group()) - 0x660), text)
    text = text.translate(str.maketrans("أإآة", "ااا ه".replace(" ", "")))
    return re.findall(r"[\w%]+", text)


def test_article_sentences_are_not_pasted(form: Form) -> None:
    if not SEED.exists():
        pytest.skip("the source article is not available here")
    seed = _words(SEED.read_text(encoding="utf-8"))
    n = 5
    seed_grams = {tuple(seed[i:i + n]) for i in range(len(seed) - n + 1)}
    for reading in (read(form, "F", "malignant"), read(form, "M", "osteoporotic")):
        for text in patient_texts(reading):
            words = _words(text)
            for i in range(len(words) - n + 1):
                assert tuple(words[i:i + n]) not in seed_grams, " ".join(words[i:i + n])
