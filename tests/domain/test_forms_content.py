"""The shipped forms carry the binding clinical facts, and staff-only facts stay out of patient text."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.domain.form import Form
from app.domain.form_loader import SECTION_IDS, load_forms
from app.domain.text import ascii_digits

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "forms"
SEED = ROOT.parent / "shared" / "seed" / "vertebroplasty-article.ar.txt"

# Anticoagulant / antiplatelet names as they appear in Arabic text (with or without "ال").
DRUGS = ("وارفارين", "أبيكسابان", "ريفاروكسابان", "دابيغاتران", "كلوبيدوغريل", "تيكاغريلور",
         "براسوغريل", "أسبرين", "الأسبرين", "هيبارين", "الهيبارين", "apixaban", "warfarin",
         "rivaroxaban", "dabigatran", "clopidogrel", "ticagrelor", "prasugrel", "aspirin")
DAY_COUNT = re.compile(r"\d+\s*(?:[-–]\s*\d+\s*|إلى\s*\d+\s*)?(?:أيام|يوم|يوما|يوماً)")


@pytest.fixture(scope="module")
def forms() -> dict[str, Form]:
    loaded, problems = load_forms(FORMS)
    assert problems == []
    return {procedure: form for (procedure, language), form in loaded.items() if language == "ar"}


@pytest.fixture(scope="module", params=["vertebroplasty", "kyphoplasty"])
def form(request, forms: dict[str, Form]) -> Form:
    return forms[request.param]


def norm(text: str) -> str:
    """Digits to ASCII, the Arabic percent sign to '%', diacritics kept."""
    return ascii_digits(text).replace("٪", "%")


def section_text(form: Form, section_id: str) -> str:
    s = form.section(section_id)
    return norm("\n".join((s.title, *s.paragraphs, *s.bullets)))


def patient_texts(form: Form) -> list[str]:
    """Everything the patient may see or hear."""
    out = [form.title, form.procedure_name, form.certification]
    for s in form.sections:
        out += [s.title, *s.paragraphs, *s.bullets]
    for ind in form.indications.values():
        out += [ind.label, *ind.benefits, *ind.risks]
    out += [t.question for t in form.teach_back]
    out += [c.label for c in form.immediate_criteria + form.conservative_treatments]
    out += list(form.signature_meanings.values())
    return [norm(t) for t in out]


def sentences(texts: list[str]) -> list[str]:
    return [p for t in texts for p in re.split(r"[.؟?!:؛\n]", t) if p.strip()]


# --- structure -----------------------------------------------------------------------------------
def test_sections_in_order(form: Form) -> None:
    assert tuple(s.id for s in form.sections) == SECTION_IDS


def test_indications_and_risk_figures(form: Form) -> None:
    ind = form.indications
    assert (ind["osteoporotic"].fracture, ind["osteoporotic"].risk.low,
            ind["osteoporotic"].risk.high) == (True, 1, 3)
    assert (ind["malignant"].fracture, ind["malignant"].risk.low,
            ind["malignant"].risk.high) == (True, 7, 10)
    assert (ind["haemangioma"].fracture, ind["haemangioma"].risk.low,
            ind["haemangioma"].risk.high) == (False, 2, 5)
    assert ind["other"].fracture is False and ind["other"].risk is None
    for i in ind.values():
        assert 2 <= len(i.benefits) <= 4, i.id
        assert 2 <= len(i.risks) <= 4, i.id


@pytest.mark.parametrize("indication,low,high", [("osteoporotic", 1, 3), ("malignant", 7, 10),
                                                 ("haemangioma", 2, 5)])
def test_risk_notes_state_the_figure(form: Form, indication: str, low: int, high: int) -> None:
    notes = norm(" ".join(form.indications[indication].risks))
    assert re.search(rf"(?<!\d){low}\s*%?\s*(?:-|إلى)\s*{high}\s*%", notes), notes
    # and no other indication's figure is in its notes
    for other, (lo, hi) in {"osteoporotic": (1, 3), "malignant": (7, 10),
                            "haemangioma": (2, 5)}.items():
        if other != indication:
            assert not re.search(rf"(?<!\d){lo}\s*%?\s*(?:-|إلى)\s*{hi}\s*%", notes)


def test_other_indication_says_the_physician_states_the_figure(form: Form) -> None:
    notes = " ".join(form.indications["other"].risks)
    assert "طبيب" in notes and not re.search(r"\d", ascii_digits(notes))


def test_general_risks_point_to_the_patients_own_figure(form: Form) -> None:
    text = section_text(form, "risks")
    assert "حسب سبب الإجراء" in text
    assert "بشكل منفصل" in text
    assert "أعراض" in text  # figures count symptom-causing complications
    for topic in ("تسرب الإسمنت", "أوردة الرئة", "فقرة مجاورة", "الأضلاع", "شلل",
                  "التهدئة أو التخدير", "للأشعة السينية", "1000"):
        assert topic in text, topic


def test_thresholds(form: Form) -> None:
    t = form.thresholds
    assert (t["inr_max"].value, t["inr_max"].minimum, t["inr_max"].maximum) == (1.5, 1.0, 2.0)
    assert (t["platelets_min"].value, t["platelets_min"].minimum,
            t["platelets_min"].maximum) == (50, 20, 150)
    assert (t["fasting_hours_min"].value, t["fasting_hours_min"].minimum,
            t["fasting_hours_min"].maximum) == (6, 2, 12)
    assert (t["fever_celsius"].value, t["fever_celsius"].minimum,
            t["fever_celsius"].maximum) == (38, 37.5, 39)


def test_checklist_items(form: Form) -> None:
    kinds = {it.id: it.kind for it in form.checklist}
    assert kinds["inr"] == kinds["platelets"] == kinds["fasting_hours"] == "number"
    assert kinds["temperature"] == "number" and form.item("temperature").unit == "°C"
    assert kinds["anticoagulant_last_dose"] == "date"
    assert kinds["vital_signs"] == kinds["other_allergies"] == "text"
    assert not form.item("other_allergies").required
    assert not form.item("antibiotic_prophylaxis").required
    assert [c.id for c in form.item("anticoagulant").choices] == [
        "none", "warfarin", "apixaban", "rivaroxaban", "dabigatran", "clopidogrel", "ticagrelor",
        "prasugrel", "aspirin", "lmwh", "other"]
    rules = {it.id: (it.blocking.op, it.blocking.operand) for it in form.checklist if it.blocking}
    assert rules["inr"] == ("above", "inr_max")
    assert rules["platelets"] == ("below", "platelets_min")
    assert rules["fasting_hours"] == ("below", "fasting_hours_min")
    assert rules["temperature"] == ("at_least", "fever_celsius")
    assert rules["allergy_cement_or_contrast"] == ("equals", "yes")
    assert rules["active_infection_or_fever"] == ("equals", "yes")
    assert rules["can_lie_prone"] == ("equals", "no")
    assert rules["anticoagulant_hold"] == ("in", ("not_held",))
    assert rules["pregnancy"] == ("in", ("not_ruled_out",))
    assert form.item("pregnancy").applies_when.sex == "F"
    for dependent in ("anticoagulant_last_dose", "anticoagulant_hold"):
        cond = form.item(dependent).applies_when
        assert (cond.item, cond.not_in) == ("anticoagulant", ("none",))
    for it in form.checklist:
        if it.blocking:
            assert re.search("[\u0621-\u064a]", it.blocking_reason), it.id


def test_immediate_and_conservative_ids(form: Form) -> None:
    assert [c.id for c in form.immediate_criteria] == ["pain_needs_admission",
                                                       "cannot_take_analgesia_or_rest"]
    assert [c.id for c in form.conservative_treatments] == ["rest", "brace", "analgesia",
                                                            "physiotherapy"]
    assert 4 <= len(form.teach_back) <= 6


# --- binding figures in the patient text ----------------------------------------------------------
def test_eight_week_window_and_immediate_criteria(form: Form) -> None:
    text = section_text(form, "indications")
    assert "ثمانية أسابيع" in text
    assert "دخول المستشفى" in text
    assert "المسكنات" in text and "الراحة" in text
    assert len(form.section("indications").bullets) == 2


def test_permanent_risks_under_one_percent(form: Form) -> None:
    text = section_text(form, "permanent_risks")
    assert re.search(r"أقل من 1\s*%", text)
    assert "جراحة" in text or "جراحية" in text
    assert "إزالة الإسمنت" in text and "كسر" in text


def test_expected_results_are_honest(form: Form) -> None:
    text = section_text(form, "expected_results")
    assert "2018" in text and ("Cochrane" in text or "كوكرين" in text)
    assert "وهمي" in text  # compared with a sham procedure
    assert "دون مجموعة" in text  # uncontrolled series said to be without a comparison group
    assert "ثلثي" in text and "ثلاثة أرباع" in text
    assert "6 إلى 8 أسابيع" in text
    assert "يهدف" in text
    assert "لا نضمن" in text or "لا يمكن ضمان" in text


def test_aims_not_promises(form: Form) -> None:
    what = section_text(form, "what_and_why")
    assert "يهدف" in what
    assert "ليس نتيجة مضمونة" in what


def test_alternatives_include_doing_nothing_and_osteoporosis(form: Form) -> None:
    text = section_text(form, "alternatives")
    assert "عدم فعل شيء" in text
    assert "هشاشة العظام" in text and "واحد من كل خمسة" in text and "سنة" in text
    assert "مشدّ" in text and "العلاج الطبيعي" in text


def test_emergency_warning_signs(form: Form) -> None:
    aftercare = form.section("aftercare")
    text = section_text(form, "aftercare")
    assert "رقم الطوارئ المحلي" in text
    signs = " ".join(aftercare.bullets)
    for sign in ("ألم في الصدر", "ضيق في التنفس", "الساقين", "البول"):
        assert sign in signs, sign
    assert "38" in text  # fever: contact the team
    assert not re.search(r"\b99[0-9]\b|\b911\b|\b112\b", text)  # the number is a setting


def test_rights(form: Form) -> None:
    text = section_text(form, "rights")
    assert "ترفض" in text and "تسحب موافقتك في أي وقت قبل الإجراء" in text
    assert "دون أن يؤثر ذلك على رعايتك" in text
    assert "نسخة" in text


def test_certification_and_signature_meanings(form: Form) -> None:
    assert "سحب موافقتي" in form.certification
    assert "قُرئ" in form.signature_meanings["witness_mark"]
    assert "علامته" in form.signature_meanings["witness_mark"]
    assert "ترجمت" in form.signature_meanings["interpreter"]
    assert "نيابة" in form.signature_meanings["representative"]


# --- procedure-specific ------------------------------------------------------------------------------
def test_balloon_only_in_kyphoplasty_steps(forms: dict[str, Form]) -> None:
    kp, vp = forms["kyphoplasty"], forms["vertebroplasty"]
    assert "بالون" in section_text(kp, "steps")
    assert "بالون" not in section_text(vp, "steps")
    assert len(kp.section("steps").bullets) == len(vp.section("steps").bullets) + 1
    kp_what = section_text(kp, "what_and_why")
    assert "بالون" in kp_what and "فراغ" in kp_what
    assert "ارتفاع" in kp_what and "انحناء" in kp_what  # aims: some height, the deformity
    assert "بالون" not in section_text(vp, "what_and_why")
    assert "الحدبة" in kp.title and "الحدبة" not in vp.title
    assert "رأب الحدبة" in kp.certification and "رأب الفقرات" in vp.certification


def test_shared_sections_are_identical(forms: dict[str, Form]) -> None:
    kp, vp = forms["kyphoplasty"], forms["vertebroplasty"]
    for sid in ("who_and_where", "indications", "contraindications", "preparation", "risks",
                "permanent_risks", "aftercare", "rights"):
        assert kp.section(sid) == vp.section(sid), sid
    assert kp.thresholds == vp.thresholds
    assert kp.checklist == vp.checklist
    assert kp.signature_meanings == vp.signature_meanings


# --- staff-only facts stay with staff ----------------------------------------------------------------
def test_no_drug_hold_intervals_in_patient_text(form: Form) -> None:
    texts = patient_texts(form)
    joined = "\n".join(texts)
    assert not DAY_COUNT.search(joined), DAY_COUNT.search(joined)
    for sentence in sentences(texts):
        if any(drug in sentence for drug in DRUGS) or "مميع" in sentence or "مميّع" in sentence:
            assert not re.search(r"\d", sentence), sentence
    assert "SIR" not in joined
    # the patient is told not to stop blood thinners alone, and that the team will say
    prep = section_text(form, "preparation")
    assert "لا توقف" in prep and "سيخبرك" in prep


def test_drug_hold_intervals_are_in_staff_help(form: Form) -> None:
    help_text = norm(form.item("anticoagulant").staff_help)
    assert "SIR 2019" in help_text
    for fragment in ("الوارفارين نحو 5 أيام", "ريفاروكسابان 2-3 أيام", "دابيغاتران 3-5 أيام",
                     "كلوبيدوغريل 5 أيام", "تيكاغريلور 5 أيام", "براسوغريل 7 أيام",
                     "الأسبرين 3-5 أيام", "24 ساعة", "1.5-1.8", "دعامة"):
        assert fragment in help_text, fragment
    assert DAY_COUNT.search(help_text)
    joined = "\n".join(patient_texts(form))
    intervals = re.findall(r"\d+(?:-\d+)? أيام", help_text)
    assert len(intervals) >= 7
    for interval in intervals:
        assert interval not in joined


def test_staff_help_never_in_patient_text(form: Form) -> None:
    joined = "\n".join(patient_texts(form))
    for it in form.checklist:
        if it.staff_help:
            assert norm(it.staff_help) not in joined


# --- own words -------------------------------------------------------------------------------------
def _words(text: str) -> list[str]:
    text = re.sub("[\u064b-\u0652\u0640]", "", ascii_digits(text))  # diacritics, tatweel
    text = text.translate(str.maketrans("أإآة", "ااا ه".replace(" ", "")))
    return re.findall(r"[\w%]+", text)


def test_article_sentences_are_not_pasted(form: Form) -> None:
    if not SEED.exists():
        pytest.skip("the source article is not available here")
    seed = _words(SEED.read_text(encoding="utf-8"))
    n = 5
    seed_grams = {tuple(seed[i:i + n]) for i in range(len(seed) - n + 1)}
    for text in patient_texts(form):
        words = _words(text)
        for i in range(len(words) - n + 1):
            assert tuple(words[i:i + n]) not in seed_grams, " ".join(words[i:i + n])
