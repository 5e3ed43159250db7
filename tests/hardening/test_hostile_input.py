"""Hostile text from people (hypothesis): refused with a clear InvalidInput, or stored normalised
(NFC, no invisible direction or zero-width characters, Persian look-alikes as Arabic, ASCII digits
in identifiers), never stored wrongly, never a traceback. And the folded search finds every
spelling variant of a name."""
from __future__ import annotations

import datetime as dt
import json
import unicodedata

import pytest
from sqlalchemy import text
from hypothesis import HealthCheck, given, settings, strategies as st

from app.cli import main
from app.domain.errors import InvalidInput
from app.domain.levels import LEVELS, normalise_levels
from app.domain.patient import parse_date, patient_from_mapping
from app.domain.text import BIDI_CONTROLS, ZERO_WIDTH, clean_identifier, clean_name, clean_text, fold_for_search
from app.services.archive import ArchiveService
from app.services.today import TodayService

from .conftest import PATIENT, make_env, plan

TODAY = dt.date(2026, 11, 28)
INVISIBLE = sorted(BIDI_CONTROLS | ZERO_WIDTH | {"\x00", "\u206e", "\u2066", "\ufff9", "\U000e0041", "\u0600"})
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة"
HOSTILE_CHARS = (
    list(ARABIC) + list("یکۀ")  # Persian look-alikes
    + list("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789１２")  # Arabic-Indic, Persian, ASCII, full-width digits
    + list("\u064b\u064e\u0650\u0651\u0652\u0654\u0655\u0670\u0640")  # diacritics, hamza marks, tatweel
    + list("AaZzéß ﬁ-'./\t\n\r\u00a0\u2028") + INVISIBLE
    + ["😀", "👩\u200d⚕️", "🇸🇦", "\ud800"[:0] or "\U0001f600", "ﷲ", "ﻻ", "e\u0301"]
)
hostile_text = st.one_of(
    st.lists(st.sampled_from(HOSTILE_CHARS), max_size=40).map("".join),
    st.text(max_size=60),
    st.builds(lambda c, n: c * n, st.sampled_from(["ا", "1", "A", "\u200f", " "]), st.integers(100, 5000)),
)
COUNTS: dict[str, int] = {}
_STATE: dict[str, str | None] = {}
# Default suite: a quick sample; ``-m slow`` runs the same properties with many more inputs.
N_FAST, N_SLOW = 60, 2000
N_SERVICE_FAST, N_SERVICE_SLOW = 15, 300
_HC = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


def properties(*strategies, fast: int = N_FAST, slow: int = N_SLOW):
    """The same property twice: a short run in the default suite and a long one marked slow."""
    def both(fn):
        quick = settings(max_examples=fast, deadline=None, suppress_health_check=_HC)(given(*strategies)(fn))
        many = settings(max_examples=slow, deadline=None, suppress_health_check=_HC)(given(*strategies)(fn))
        return quick, pytest.mark.slow(many)
    return both


def forbidden_in(text: str) -> list[str]:
    return [c for c in text if c in BIDI_CONTROLS or c in ZERO_WIDTH
            or unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn")]


def count(outcome: str) -> None:
    COUNTS[outcome] = COUNTS.get(outcome, 0) + 1


def assert_clean(stored: str) -> None:
    assert unicodedata.is_normalized("NFC", stored), ascii(stored)
    assert not forbidden_in(stored), ascii(stored)


def expect_refused_or(fn, *args, **kwargs):
    """The value, or None after a clear InvalidInput (one line, a code); anything else fails."""
    try:
        value = fn(*args, **kwargs)
    except InvalidInput as exc:
        assert exc.code and exc.message() and "\n" not in exc.message()
        count("refused")
        return None
    count("accepted")
    return value


# --------------------------------------------------------------------------- the rules, many inputs

def _names(raw):
    stored = expect_refused_or(clean_name, raw, "name_ar")
    if stored is None:
        return
    assert_clean(stored)
    assert "ی" not in stored and "ک" not in stored
    assert not any(c.isdigit() for c in stored)
    assert stored == stored.strip() and "  " not in stored
    expected = unicodedata.normalize("NFC", " ".join(unicodedata.normalize("NFC", raw).split())
                                     .translate(str.maketrans("یک", "يك")))
    assert stored == expected


test_names, test_names_many = properties(hostile_text)(_names)


def _identifiers(raw):
    stored = expect_refused_or(clean_identifier, raw, "mrn")
    if stored is None:
        return
    assert stored.isascii() and stored == stored.upper()
    digits = [c for c in unicodedata.normalize("NFC", raw) if c.isdigit()]
    assert [str(unicodedata.digit(c)) for c in digits] == [c for c in stored if c.isdigit()]


test_identifiers, test_identifiers_many = properties(hostile_text)(_identifiers)


def _dates(raw):
    value = expect_refused_or(parse_date, raw, "birth_date")
    if value is None:
        return
    typed = raw.strip().translate(str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"))
    assert value.isoformat() == typed  # the date stored is the date written, nothing else


test_dates, test_dates_many = properties(st.one_of(hostile_text, st.dates().map(dt.date.isoformat),
                 st.dates().map(lambda d: d.isoformat().translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))),
                 st.dates().map(lambda d: d.isocalendar()).map(lambda c: f"{c[0]:04d}-W{c[1]:02d}-{c[2]}")))(_dates)


def _levels(raw):
    levels = expect_refused_or(normalise_levels, raw)
    if levels is None:
        return
    assert levels and set(levels) <= set(LEVELS) and len(levels) <= 6
    assert list(levels) == sorted(levels, key=LEVELS.index)


test_levels, test_levels_many = properties(st.one_of(st.lists(st.one_of(hostile_text, st.sampled_from(LEVELS),
                                    st.sampled_from(["t١٢", "Th12", " l1 ", "L۱", "T12\u200f", "S1"])), max_size=8),
                 hostile_text, st.integers(), st.none()))(_levels)


def _free_text_questions(raw):
    stored = expect_refused_or(clean_text, raw, "question", max_len=1000, allow_newlines=True)
    if stored is None:
        return
    assert_clean(stored.replace("\n", ""))
    assert stored == unicodedata.normalize("NFC", raw).strip().replace("\r\n", "\n")


# --------------------------------------------------------------------------- through the services


test_free_text_questions, test_free_text_questions_many = properties(hostile_text)(_free_text_questions)


@pytest.fixture(scope="module")
def desk_env(tmp_path_factory, backend):
    env = make_env(tmp_path_factory.mktemp("hostile") / "data")
    yield env
    env.ctx.close()


# Plausible values with the variations people produce (Persian letters, diacritics, tatweel, other
# digit systems, stray spaces), mixed with outright hostile ones.
plausible_name = st.lists(st.text(alphabet=ARABIC + "یک\u064e\u0650\u0651\u0640", min_size=2, max_size=8),
                          min_size=1, max_size=4).map(lambda words: "  ".join(words) + " ")
digits_any = st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", min_size=4, max_size=12)
date_any = st.dates(dt.date(1901, 1, 1), dt.date(2020, 1, 1)).map(dt.date.isoformat).flatmap(
    lambda d: st.sampled_from([d, d.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),
                               d.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")), f" {d} "]))


def mostly(plausible, weight: int = 3):
    return st.one_of(*([plausible] * weight), hostile_text)


patient_json = st.fixed_dictionaries({
    "name_ar": mostly(plausible_name, 5),
    "name_latin": mostly(st.sampled_from(["Fatimah", "José Ñúñez", "O'Brien-Smith", "", "ﬁona"]), 5),
    "mrn": mostly(digits_any, 5),
    "national_id": mostly(digits_any | st.just(""), 5),
    "birth_date": mostly(date_any, 5),
    "sex": st.sampled_from(["F", "M", "f", "m", " F ", "x", "", "Ｆ", "F\u200e"]),
})


def _patients_through_the_desk(desk_env, data):
    """Stored exactly as the rules normalise it, or refused before anything is stored."""
    env = desk_env
    with env.ctx.db.engine.connect() as conn:
        before = conn.exec_driver_sql("SELECT count(*) FROM drafts").scalar_one()
    try:
        draft_id = env.desk().start(env.nurse, data, plan(env.ctx.today()), demo=True)
    except InvalidInput as exc:
        assert "\n" not in exc.message()
        count("desk_refused")
        with env.ctx.db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM drafts").scalar_one() == before
        return
    count("desk_stored")
    expected = patient_from_mapping(data, env.ctx.today())
    with env.ctx.db.engine.connect() as conn:
        row = conn.execute(text(
            "SELECT p.name_ar, coalesce(p.name_latin, ''), p.mrn, coalesce(p.national_id, ''), p.sex "
            "FROM drafts d JOIN patients p ON p.id = d.patient_id WHERE d.id = :draft"), {"draft": draft_id}).one()
    assert tuple(row) == (expected.name_ar, expected.name_latin, expected.mrn, expected.national_id, expected.sex)
    for value in row:
        assert_clean(value)
    assert row[2].isascii()
    assert env.desk().load(env.nurse, draft_id).patient["mrn"] == expected.mrn


test_patients_through_the_desk, test_patients_through_the_desk_many = properties(patient_json, fast=N_SERVICE_FAST, slow=N_SERVICE_SLOW)(_patients_through_the_desk)


def _questions_through_the_desk(desk_env, question, answer):
    env = desk_env
    draft_id = _STATE.get(("draft", id(env)))  # one draft per module context (and engine)
    if draft_id is None:
        draft_id = env.desk().start(env.nurse, PATIENT, plan(env.ctx.today()), demo=True)
        _STATE[("draft", id(env))] = draft_id
    before = env.desk().load(env.nurse, draft_id).questions
    if len(before) > 40:
        env.desk().discard(env.nurse, draft_id)
        _STATE[("draft", id(env))] = None
        return
    try:
        draft = env.desk().add_question(env.nurse, draft_id, question, answer)
    except InvalidInput:
        assert env.desk().load(env.nurse, draft_id).questions == before
        return
    stored = env.desk().load(env.nurse, draft_id).questions[-1]
    assert stored["text"] == draft.questions[-1]["text"]
    assert stored["text"] == unicodedata.normalize("NFC", question).strip().replace("\r\n", "\n")
    assert_clean(stored["text"].replace("\n", "") + stored["answer"].replace("\n", ""))


# --------------------------------------------------------------------------- the command line


test_questions_through_the_desk, test_questions_through_the_desk_many = properties(hostile_text, hostile_text, fast=N_SERVICE_FAST, slow=N_SERVICE_SLOW)(_questions_through_the_desk)


CLI_CASES = {
    "rlo_in_name": {"name_ar": "فاطمة\u202eالزهراني"},
    "zero_width_mrn": {"mrn": "7788\u200b12"},
    "nul_in_name": {"name_latin": "Fatimah\x00"},
    "emoji_name": {"name_ar": "فاطمة 😀"},
    "huge_name": {"name_ar": "ا" * 20000},
    "newline_key": {"bad\nkey\u202e": 1},
    "newline_level": {"levels": ["T1\n2\u202e"]},
    "week_date": {"birth_date": "1948-W20-1"},
    "list_for_name": {"name_ar": ["فاطمة"]},
    "number_for_levels": {"levels": 12},
}


@pytest.mark.parametrize("case", sorted(CLI_CASES))
def test_demo_patient_file_hostile_cases(case, tmp_path, capsys):
    today = dt.date.today()
    data = {"name_ar": "فاطمة أحمد الزهراني", "name_latin": "Fatimah", "mrn": "100234", "national_id": "1034567890",
            "birth_date": "1950-03-02", "sex": "F", "procedure": "vertebroplasty", "levels": ["L1"],
            "indication": "osteoporotic", "fracture_date": (today - dt.timedelta(days=20)).isoformat(),
            "planned_date": today.isoformat(), **CLI_CASES[case]}
    patient = tmp_path / "p.json"
    patient.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code = main(["--data-dir", str(tmp_path / "d"), "demo", "--out", str(tmp_path / "o"), "--patient", str(patient)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert len(err.splitlines()) == 1 and err.startswith("error: ") and "Traceback" not in err, err
    assert not forbidden_in(err.strip()), ascii(err)
    assert not (tmp_path / "d").exists()  # refused before the data folder was touched


@pytest.mark.slow
@pytest.mark.parametrize("case", ["rlo_in_name", "newline_key", "huge_name"])
def test_demo_patient_file_in_a_real_process(case, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    patient = tmp_path / "p.json"
    patient.write_text(json.dumps({**PATIENT, "procedure": "vertebroplasty", "levels": ["L1"],
                                   "indication": "haemangioma", **CLI_CASES[case]}, ensure_ascii=False))
    done = subprocess.run([sys.executable, "main.py", "--data-dir", str(tmp_path / "d"), "demo", "--out",
                           str(tmp_path / "o"), "--patient", str(patient)], cwd=root, capture_output=True,
                          text=True, timeout=180, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr


# --------------------------------------------------------------------------- the folded search

FOLD_CLASSES = ["اأإآٱ", "يىئی", "هة", "وؤ", "كک"]
_VARIANT_OF = {c: cls for cls in FOLD_CLASSES for c in cls}


def spelling_variants():
    @st.composite
    def build(draw):
        words = draw(st.lists(st.text(alphabet="ابتجدرسعفقكلمنهويىةأإآؤئ", min_size=2, max_size=7),
                              min_size=1, max_size=3))
        name = " ".join(words)
        variant = []
        for ch in name:
            if ch in _VARIANT_OF and draw(st.booleans()):
                ch = draw(st.sampled_from(_VARIANT_OF[ch]))
            variant.append(ch)
            if ch != " " and draw(st.integers(0, 4)) == 0:
                variant.append(draw(st.sampled_from("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640")))
        return name, "".join(variant)
    return build()


def _fold_equates_every_spelling_variant(pair):
    name, variant = pair
    assert fold_for_search(name) == fold_for_search(variant)
    assert fold_for_search(clean_name(name, "n")) == fold_for_search(variant)


test_fold_equates_every_spelling_variant, test_fold_equates_every_spelling_variant_many = properties(spelling_variants())(_fold_equates_every_spelling_variant)


VARIANTS = {
    "أحمد عبدالله الشمري": ["احمد", "إحمد", "آحمد", "أَحْمَد", "احـــمد", "عبد الله"[:3], "الشمرى"],
    "فاطمة يحيى الزهراني": ["فاطمه", "يحيي", "يحيی", "فاطِمَة", "الزهرانى", "الزهرانی"],
    "مصطفى كمال المالكي": ["مصطفي", "کمال", "المالکی", "مُصْطَفَى", "مصطـفى"],
    "هيئة مؤمن": ["هيية", "هيىة", "مومن", "مؤمن"],
}


def test_search_finds_every_spelling_variant(tmp_path):
    env = make_env(tmp_path / "data")
    try:
        mrns = {}
        for i, name in enumerate(VARIANTS):
            mrns[name] = f"V{i:05d}"
            env.desk().start(env.nurse, {**PATIENT, "name_ar": name, "mrn": mrns[name]}, plan(env.ctx.today()),
                             demo=True)
        today, archive = TodayService(env.ctx), ArchiveService(env.ctx)
        for name, queries in VARIANTS.items():
            for query in queries:
                found = {p["mrn"] for p in today.find_patients(env.nurse, query)}
                assert mrns[name] in found, (name, query)
        # The archive search folds the same way (one sealed record to find).
        from .conftest import seal_consent
        seal_consent(env, patient={**PATIENT, "name_ar": "مصطفى كمال المالكي", "mrn": "V00002"})
        for query in VARIANTS["مصطفى كمال المالكي"]:
            rows = archive.search(env.nurse, query)
            assert any(r["mrn"] == "V00002" for r in rows), query
    finally:
        env.ctx.close()


@pytest.fixture(scope="module", autouse=True)
def report_counts():
    """Not a check: prints how many hostile inputs were refused or accepted (README figures)."""
    yield
    print(f"\n[reliability] hostile-input outcomes: {COUNTS}")

