"""The record PDF: content in reading order, fonts, footer, QR, watermark, table header, signatures."""
from __future__ import annotations

import hashlib
import io
import math
import re
import shutil
import subprocess
import unicodedata

import pytest

from app.domain.form import (BlockingRule, ChecklistItem, Choice, Criterion, Form, Indication, RiskFigure,
                             Section, TeachBack, Threshold)
from app.documents.arabic_text import has_rtl, visual_to_logical
from app.documents.record_pdf import render_record_pdf

pdfplumber = pytest.importorskip("pdfplumber")

SHA = hashlib.sha256(b"record").hexdigest()


def sample_form() -> Form:
    sections = (
        Section("what_and_why", "ما هو الإجراء ولماذا",
                ("رأب الفقرة إجراءٌ يُحقن فيه إسمنتٌ طبيٌّ (PMMA) داخل جسم الفقرة المكسورة عبر إبرة رفيعة، "
                 "بتوجيه الأشعة، لتثبيت الكسر وتخفيف الألم. يُجرى عادةً تحت التخدير الموضعي مع التهدئة، "
                 "ويستغرق نحو ساعة لكل مستوى (مثلاً T12 أو L1).",
                 "الهدف هو تخفيف الألم وتحسين الحركة؛ لا يعيد الإجراء طول الفقرة بالكامل."),
                ("ستبقى مستلقياً على بطنك أثناء الإجراء.", "ستُراقب العلامات الحيوية طوال الوقت.")),
        Section("alternatives", "البدائل",
                ("تشمل البدائل الراحة، والمسكنات، والدعامة (المشد)، والعلاج الطبيعي، وعلاج هشاشة العظام. "
                 "يمكنك رفض الإجراء دون أن يؤثر ذلك على رعايتك.",)),
        Section("before_after", "قبل الإجراء وبعده",
                ("يجب أن تكون نسبة INR 1.5 أو أقل، وعدد الصفائح 50 ألفاً أو أكثر. أخبرنا عن أي دواء مميع للدم.",
                 "بعد الإجراء ستبقى مستلقياً لمدة ساعتين، ثم تتحرك بمساعدة. راجع الطوارئ فوراً إذا ظهر ضعفٌ في "
                 "الساقين أو خدرٌ أو ضيقٌ في التنفس أو حمّى."),
                ("لا تأكل ولا تشرب قبل الإجراء بست ساعات.", "أحضر قائمة أدويتك.")),
        Section("not_acknowledged", "قسم لم يُقرّ", ("هذا النص يجب ألا يظهر.",)),
    )
    indications = {
        "osteoporotic": Indication(
            "osteoporotic", "كسر انضغاطي بسبب هشاشة العظام", True, RiskFigure(1, 3),
            ("تخفيف الألم خلال أيام عند معظم المرضى.", "تحسين القدرة على الحركة والنوم."),
            ("تسرّب الإسمنت خارج الفقرة، وغالباً دون أعراض.", "نزيف أو عدوى في موضع الإبرة (نادر).",
             "كسر فقرة مجاورة لاحقاً.", "انصمام رئوي بالإسمنت (نادر جداً، أقل من 1%).")),
        "other": Indication("other", "سبب آخر", False, None, ("تخفيف الألم.",), ("تسرّب الإسمنت.",)),
    }
    checklist = (
        ChecklistItem("identity", "تم التحقق من هوية المريض بمعرّفين", "yesno",
                      blocking=BlockingRule("equals", "no")),
        ChecklistItem("level_marked", "تم تأكيد المستوى على الصور", "yesno"),
        ChecklistItem("inr", "نسبة INR", "number", blocking=BlockingRule("above", "inr_max"),
                      blocking_reason="INR أعلى من الحد المسموح"),
        ChecklistItem("platelets", "عدد الصفائح", "number", unit="×10⁹/L",
                      blocking=BlockingRule("below", "platelets_min")),
        ChecklistItem("anticoagulant", "مميعات الدم", "choice",
                      choices=(Choice("none", "لا يتناول"), Choice("held", "أوقفت حسب التعليمات"),
                               Choice("not_held", "لم تُوقف"))),
        ChecklistItem("fasting", "صائم منذ ست ساعات", "yesno"),
        ChecklistItem("allergy", "حساسية من مادة التباين أو الإسمنت", "text"),
    ) + tuple(ChecklistItem(f"extra_{i}", f"بند تحقق إضافي رقم {i} للتأكد من الجاهزية", "yesno")
              for i in range(1, 31))
    return Form(
        procedure="vertebroplasty", language="ar", version="2026.11-1",
        title="موافقة مستنيرة على إجراء رأب الفقرة (Vertebroplasty)",
        procedure_name="رأب الفقرة بالإسمنت عبر الجلد",
        sections=sections, indications=indications,
        immediate_criteria=(Criterion("pain_needs_admission", "ألم شديد يستدعي التنويم"),),
        conservative_treatments=(Criterion("rest", "الراحة"), Criterion("brace", "الدعامة (المشد)"),
                                 Criterion("analgesics", "المسكنات")),
        teach_back=(TeachBack("tb_cement", "ماذا يُحقن في الفقرة، ولماذا؟"),),
        certification="أُقرّ بأنني قرأتُ هذه المعلومات أو قُرئت عليّ بلغةٍ أفهمها، وأُجيب عن أسئلتي، "
                      "وأوافق على إجراء رأب الفقرة في المستوى المذكور أعلاه.",
        signature_meanings={"patient": "أوافق على الإجراء", "witness": "شهدتُ توقيع المريض",
                            "witness_mark": "شهدتُ أن المحتوى قُرئ على المريض وأنه وضع علامته",
                            "physician": "شرحتُ الإجراء وأجبتُ عن الأسئلة", "interpreter": "ترجمتُ المحتوى"},
        thresholds={"inr_max": Threshold("inr_max", "INR", 1.5, 1.0, 2.0)},
        checklist=checklist, content_sha256="ab" * 32,
    )


def _strokes(seed: float = 0.0):
    strokes = []
    for k in range(3):
        pts = []
        for i in range(40):
            t = i / 39
            x = 0.1 + 0.8 * t
            y = 0.5 + 0.25 * math.sin(6 * t + k + seed) * (1 - 0.3 * k)
            pts.append([round(x, 4), round(y, 4), i * 12, round(0.3 + 0.6 * abs(math.sin(3 * t)), 3)])
        strokes.append(pts)
    return strokes


def sample_record(kind: str = "consent", approved: bool = False, mark: bool = False, checklist_rows: int = 40) -> dict:
    form = sample_form()
    at = "2026-11-28T07:15:00+00:00"
    checklist = [{"item": "identity", "value": "yes", "status": "ok", "by": "nurse.sara", "at": at},
                 {"item": "inr", "value": 1.2, "status": "ok", "by": "nurse.sara", "at": at},
                 {"item": "platelets", "value": 40, "status": "blocking", "by": "nurse.sara", "at": at},
                 {"item": "anticoagulant", "value": "held", "status": "ok", "by": "nurse.sara", "at": at},
                 {"item": "fasting", "value": None, "status": "missing", "by": None, "at": None}]
    checklist += [{"item": it.id, "value": "yes", "status": "ok", "by": "nurse.sara", "at": at}
                  for it in form.checklist if it.id.startswith("extra_")]
    checklist = checklist[:checklist_rows]
    sigs = [{"role": "patient", "name": "فاطمة علي الزهراني", "meaning": "", "signed_at": "2026-11-28T07:40:00+00:00",
             "method": "mark" if mark else "drawn", "strokes": _strokes(0.0)},
            {"role": "witness", "name": "سارة محمد", "meaning": "", "signed_at": "2026-11-28T07:41:00+00:00",
             "method": "drawn", "strokes": _strokes(1.0)},
            {"role": "physician", "name": "د. أحمد خالد", "meaning": "", "signed_at": "2026-11-28T07:45:00+00:00",
             "method": "drawn", "strokes": _strokes(2.0)}]
    return {
        "record_id": "VR-2026-000124" if kind == "verification" else "CR-2026-000123",
        "kind": kind, "refers_to": "CR-2026-000123" if kind == "verification" else None,
        "institution": {"name_ar": "مستشفى الملك فهد التخصصي", "name_en": "King Fahad Specialist Hospital"},
        "form": {"procedure": "vertebroplasty", "language": "ar", "version": "2026.11-1", "content_sha256": "ab" * 32,
                 "approved_by": "dr.ahmad" if approved else None, "approved_at": at if approved else None},
        "patient": {"name_ar": "فاطمة علي الزهراني", "name_latin": "Fatimah Ali Alzahrani", "mrn": "MRN-0042117",
                    "national_id": "1023456789", "birth_date": "1950-03-02", "sex": "F"},
        "procedure": {"name": "vertebroplasty", "levels": ["T12", "L1"], "indication": "osteoporotic",
                      "fracture_date": "2026-09-20", "planned_date": "2026-11-30", "risk_figure": "1-3%",
                      "fracture_age_days": 69, "conservative_failed": ["rest", "brace"],
                      "immediate_criteria": ["pain_needs_admission"],
                      "warnings": [{"code": "fracture_older_than_8_weeks", "weeks": 9}]},
        "checklist": checklist,
        "overrides": [{"item": "fracture_older_than_8_weeks", "reason": "وذمة نخاعية في الرنين المغناطيسي (MRI STIR)",
                       "by": "dr.ahmad", "at": at},
                      {"item": "platelets", "reason": "نقل صفائح قبل الإجراء", "by": "dr.ahmad", "at": at}],
        "discussion": {"acknowledged": [
            {"section": "before_after", "by": "patient", "at": at},
            {"section": "what_and_why", "by": "staff", "staff": "nurse.sara", "at": at},
            {"section": "alternatives", "by": "patient", "at": at}],
            "questions": [{"text": "هل سأحتاج إلى البقاء في المستشفى؟", "answer": "عادةً ليلة واحدة للمراقبة.", "at": at}],
            "teach_back": [{"id": "tb_cement", "answer": "إسمنت لتثبيت الكسر وتخفيف الألم", "at": at}]},
        "signatures": sigs if kind != "verification" else [],
        "staff": {"nurse": {"username": "nurse.sara", "name": "سارة محمد"},
                  "physician": {"username": "dr.ahmad", "name": "د. أحمد خالد"}},
        "thresholds": {"inr_max": 1.5, "platelets_min": 50}, "demo": True, "audit_head": "cd" * 32,
        "created_at": at, "signed_at": "2026-11-28T07:45:00+00:00",
    }


def _render(**kw) -> bytes:
    return render_record_pdf(sample_record(**kw), SHA, sample_form())


@pytest.fixture(scope="module")
def consent_pdf() -> bytes:
    return _render()


def _pages(data: bytes):
    return pdfplumber.open(io.BytesIO(data)).pages


_MARKS = re.compile("[\u064b-\u065f\u0670]")


def _words(text: str) -> list[str]:
    """Comparable words: NFKC, no harakat, no punctuation at word edges (bidi moves them)."""
    text = _MARKS.sub("", unicodedata.normalize("NFKC", text))
    out = []
    for w in text.split():
        w = w.strip("().,،؛:;!؟?[]«»\"'•")
        if w:
            out.append(w)
    return out


def _logical_text(data: bytes) -> str:
    lines = []
    for page in _pages(data):
        for line in page.extract_text(use_text_flow=True, keep_blank_chars=False).split("\n"):
            lines.append(visual_to_logical(line, has_rtl(line)))
    return "\n".join(lines)


def _is_subsequence(needle: list[str], hay: list[str]) -> bool:
    n = len(needle)
    return any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def test_paragraph_words_come_back_in_order(consent_pdf):
    form = sample_form()
    got = _words(_logical_text(consent_pdf))
    paragraphs = [p for s in form.sections[:3] for p in s.paragraphs + s.bullets]
    paragraphs += list(form.indications["osteoporotic"].risks) + [form.certification]
    for par in paragraphs:
        assert _is_subsequence(_words(par), got), par[:40]
    assert "يجب ألا يظهر" not in _logical_text(consent_pdf)


def test_patient_and_mixed_tokens_in_reading_order(consent_pdf):
    text = _logical_text(consent_pdf)
    assert "فاطمة علي الزهراني" in text
    assert "Fatimah Ali Alzahrani" in text
    assert "(PMMA)" in text and "(MRI STIR)" in text
    assert "INR 1.5" in text
    assert "من 1 إلى 3 من كل 100 مريض" in text  # the record's "1-3%", said as the forms say numbers


def test_only_amiri_embedded(consent_pdf, tmp_path):
    names = {c["fontname"] for page in _pages(consent_pdf) for c in page.chars}
    assert names and all(n.split("+")[-1].startswith("Amiri") for n in names), names
    if shutil.which("pdffonts"):
        path = tmp_path / "c.pdf"
        path.write_bytes(consent_pdf)
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = out.splitlines()[2:]
        assert rows and all("Amiri" in r and " yes " in r for r in rows), out
        assert "Helvetica" not in out


def test_footer_on_every_page(consent_pdf):
    pages = _pages(consent_pdf)
    assert len(pages) >= 3
    for i, page in enumerate(pages, start=1):
        text = "\n".join(visual_to_logical(l) for l in page.extract_text(use_text_flow=True).split("\n"))
        want = f"صفحة {i} من {len(pages)}"  # one digit system on the page: ASCII, like every number
        assert want in text, (i, want)
        raw = page.extract_text()
        assert "CR-2026-000123" in raw and SHA[:16] in raw


def test_qr_present(consent_pdf):
    first = _pages(consent_pdf)[0]
    # the QR is many small filled squares at the top of the first page
    squares = [r for r in first.rects if r["top"] < 120 and r["width"] < 5 and r["fill"]]
    assert len(squares) > 100


def test_watermark_only_when_unapproved(consent_pdf):
    text = _logical_text(consent_pdf)
    assert "نموذج غير معتمد" not in text and "غير معتمد" not in text
    assert all(page.images for page in _pages(consent_pdf))
    real = sample_record(approved=True)
    real["demo"] = False
    approved = render_record_pdf(real, SHA, sample_form())
    assert not any(page.images for page in _pages(approved))
    # a demonstration says so on every page even with an approved form (the DEMONSTRATION picture)
    assert all(page.images for page in _pages(_render(approved=True)))


def test_checklist_header_repeats_on_next_page(consent_pdf):
    heads = 0
    for page in _pages(consent_pdf):
        text = "\n".join(visual_to_logical(l, has_rtl(l)) for l in page.extract_text(use_text_flow=True).split("\n"))
        if re.search("البند\\s+الإجابة\\s+الحالة", text):
            heads += 1
    assert heads >= 2, "the checklist should span two pages with its header on each"


def test_signature_strokes_are_vectors(consent_pdf):
    pages = _pages(consent_pdf)
    last = pages[-1]
    curves = [c for p in pages for c in p.curves]
    assert len(curves) > 100  # 3 signatures x 3 strokes x 39 pieces
    assert any(c["page_number"] == last.page_number for c in curves)


def test_mark_signature_has_thumbprint_box_and_witness_meaning():
    data = _render(mark=True)
    text = _logical_text(data)
    assert "بصمة الإبهام" in text
    assert "شهدت أن المحتوى" in _MARKS.sub("", text)


def test_refusal_and_verification_render():
    refusal = _logical_text(_render(kind="refusal"))
    assert "إقرار برفض الإجراء" in refusal and "أرفض إجراءه" in _MARKS.sub("", refusal)
    ver = _logical_text(_render(kind="verification"))
    assert "التحقق قبل الإجراء" in ver and "CR-2026-000123" in ver
    assert "عدد الصفائح" in ver


def test_hijri_beside_gregorian(consent_pdf):
    text = _logical_text(consent_pdf)
    assert "2026-11-28 10:15" in text  # 07:15 UTC in Asia/Riyadh
    assert "1448" in text and "هـ" in text
