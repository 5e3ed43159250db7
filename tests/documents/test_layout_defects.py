"""The layout defects the typesetting review found, each rendered and measured on the page."""
from __future__ import annotations

import io

import pdfplumber
import pytest
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.documents.index_sheet import IndexHeader, IndexRow, render_index_sheet
from app.documents.qr import QUIET_ZONE, QrFlowable
from app.documents.record_pdf import render_record_pdf, running_header_text
from app.documents.record_story import StoryBuilder
from app.documents.line_layout import ELLIPSIS, text_width
from app.documents.fonts import REGULAR
from tests.documents.test_record_pdf import SHA, sample_form, sample_record

LONG_NAME = ("عبدالرحمن بن عبدالعزيز بن عبدالله بن محمد بن إبراهيم بن عبداللطيف آل الشيخ "
             "المعروف بأبي محمد بن عبدالكريم الهاشمي القرشي")[:114]


WIDE_NAME = ("عبدالصمد الشمسي سعيد صالح " * 5)[:120].strip()  # 120 characters are allowed


def _pages(pdf: bytes):
    return pdfplumber.open(io.BytesIO(pdf)).pages


@pytest.mark.parametrize("name", [LONG_NAME, WIDE_NAME])
def test_a_long_name_never_runs_into_the_record_id_in_the_running_header(name):
    record = sample_record()
    record["patient"]["name_ar"] = name
    pages = _pages(render_record_pdf(record, SHA, sample_form()))
    assert len(pages) >= 2
    room = pages[0].width - 30 * mm - text_width("CR-2026-000123", REGULAR, 8.5, False) - 6 * mm
    too_long = text_width(f"{name} · الرقم الطبي MRN-0042117", REGULAR, 8.5) > room
    id_right = 15 * mm + text_width("CR-2026-000123", REGULAR, 8.5, False)
    for page in pages[1:]:
        header = sorted((c for c in page.chars if c["top"] < 16 * mm), key=lambda c: c["x0"])
        rid = [c for c in header if c["x1"] <= id_right + 0.5]
        rest = [c for c in header if c["x1"] > id_right + 0.5]
        assert "".join(c["text"] for c in rid) == "CR-2026-000123"
        assert min(c["x0"] for c in rest) > id_right + 3 * mm  # a clear gap: nothing runs into the id
        text = "".join(c["text"] for c in rest)
        assert "MRN-0042117" in text  # the MRN is never cut
        assert (ELLIPSIS in text) == too_long  # the name only when it must be


def test_the_names_are_as_long_as_the_issue_says():
    assert len(LONG_NAME) == 114 and len(WIDE_NAME) <= 120
    room = 595.27 - 30 * mm - text_width("CR-2026-000123", REGULAR, 8.5, False) - 6 * mm
    assert text_width(f"{WIDE_NAME} · الرقم الطبي MRN-0042117", REGULAR, 8.5) > room  # must be cut


def test_running_header_text_keeps_short_names_whole():
    record = sample_record()
    assert running_header_text(record, 400) == "فاطمة علي الزهراني · الرقم الطبي MRN-0042117"
    cut = running_header_text({"patient": {"name_ar": LONG_NAME, "mrn": "M-1"}}, 200)
    assert cut.endswith(" · الرقم الطبي M-1") and ELLIPSIS in cut
    assert text_width(cut, REGULAR, 8.5) <= 200


def test_index_sheet_wraps_long_mrns_and_ids_inside_their_columns():
    header = IndexHeader("مستشفى", "تصدير سجلات الموافقة", "من 2026-11-01 إلى 2026-11-30", "2026-11-30", "3 سجلات")
    mrns = ["MRN-2026/00451", "MRN-2026/00451-ABCDEFGHIJKLMNOP", "100234"]
    rows = [IndexRow(f"CR-2026-0000{i}AB", "فاطمة علي الزهراني", mrn, "2026-11-28", "signed", True, "", 2 + i)
            for i, mrn in enumerate(mrns)]
    page = _pages(render_index_sheet(header, rows))[0]
    # the MRN column: the 4th from the right; its neighbour to the left holds the dates
    dates = [w for w in page.extract_words() if w["text"] == "2026-11-28"]
    assert len(dates) == 3
    date_right = max(w["x1"] for w in dates)
    for word in page.extract_words():
        if "MRN" in word["text"] or "ABCDEF" in word["text"]:
            assert word["x0"] > date_right + 3, word  # never over the date column


def test_question_answer_and_time_stay_on_one_page():
    record = sample_record()
    qs = [{"text": f"سؤال Q{i}X عن الإجراء وما بعده وهل سأحتاج إلى مرافق؟", "answer": f"A{i}X " + "جواب مفصل " * 12,
           "at": f"2026-11-28T07:{i:02d}:00+00:00"} for i in range(1, 26)]
    record["discussion"]["questions"] = qs
    pages = [p.extract_text() for p in _pages(render_record_pdf(record, SHA, sample_form()))]
    for i in range(1, 26):
        on = {n for n, text in enumerate(pages) if f"Q{i}X" in text}
        assert len(on) == 1
        page = pages[on.pop()]
        assert f"A{i}X" in page and f"10:{i:02d}" in page, i  # answer and time with the question
    groups = StoryBuilder(record, sample_form(), SHA, "Asia/Riyadh", 500).questions()[1:]
    assert all(len(g._content) == 3 for g in groups)


def test_counted_nouns_and_fracture_age_to_the_record_date():
    record = sample_record()  # created 2026-11-28, fracture 2026-09-20, planned 2026-11-30
    record["procedure"]["fracture_age_days"] = 71
    b = StoryBuilder(record, sample_form(), SHA, "Asia/Riyadh", 500)
    assert b.fracture_age(record["procedure"]) == " (منذ 69 يوماً؛ 71 يوماً في تاريخ الإجراء)"
    record["procedure"].update({"fracture_date": "2026-11-20", "planned_date": "2026-11-28", "fracture_age_days": 8})
    assert b.fracture_age(record["procedure"]) == " (منذ 8 أيام)"
    assert b.warning_text({"code": "fracture_older_than_8_weeks", "weeks": 11}).endswith("(11 أسبوعاً)")
    assert b.warning_text({"code": "fracture_older_than_8_weeks", "weeks": 9}).endswith("(9 أسابيع)")


def test_an_unconfigured_institution_is_said_not_blank():
    record = sample_record()
    record["institution"] = {}
    text = _pages(render_record_pdf(record, SHA, sample_form()))[0].extract_text()
    from app.documents.arabic_text import visual_to_logical

    assert "لم يُحدَّد اسم المؤسسة في إعدادات البرنامج" in "\n".join(visual_to_logical(l) for l in text.split("\n"))


def test_qr_code_has_a_four_module_quiet_zone():
    assert QUIET_ZONE == 4
    qr = QrFlowable("record_id:CR-1;sha256:" + "ab" * 32, 100)
    buf = io.BytesIO()
    c = Canvas(buf)
    qr.canv = c
    qr.draw()
    box = 100 / (len(qr.modules) + 2 * QUIET_ZONE)
    rects = [tuple(map(float, line.split()[:4])) for line in "\n".join(c._code).split("\n") if line.endswith(" re")]
    assert rects
    assert min(x for x, y, w, h in rects) == pytest.approx(4 * box, abs=0.01)
    assert max(x + w for x, y, w, h in rects) == pytest.approx(100 - 4 * box, abs=0.01)
    assert min(y for x, y, w, h in rects) == pytest.approx(4 * box, abs=0.01)
