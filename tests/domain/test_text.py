import pytest
from hypothesis import given, strategies as st

from app.domain.errors import InvalidInput
from app.domain.text import (
    BIDI_CONTROLS, ZERO_WIDTH, ascii_digits, clean_identifier, clean_name, clean_text, fold_for_search,
)


def test_arabic_indic_and_persian_digits_become_ascii():
    assert ascii_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert ascii_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert clean_identifier("١٢٣٤٥٦", "mrn") == "123456"


@pytest.mark.parametrize("ch", sorted(BIDI_CONTROLS | ZERO_WIDTH | {"\x00"}))
def test_invisible_characters_are_refused_in_names_and_identifiers(ch):
    with pytest.raises(InvalidInput) as err:
        clean_name(f"فاطمة{ch}الزهراني", "name_ar")
    assert err.value.code == "field_forbidden_character"
    with pytest.raises(InvalidInput):
        clean_identifier(f"12{ch}34", "mrn")


def test_names_are_nfc_single_spaced_and_persian_letters_folded_to_arabic():
    decomposed = "Jose\u0301  Garci\u0301a"
    assert clean_name(decomposed, "name_latin") == "José García"
    assert clean_name("علی کریمی", "name_ar") == "علي كريمي"


def test_digits_in_a_name_are_refused():
    with pytest.raises(InvalidInput) as err:
        clean_name("محمد 2", "name_ar")
    assert err.value.code == "name_has_digits"


def test_length_limit():
    with pytest.raises(InvalidInput) as err:
        clean_text("a" * 51, "x", max_len=50)
    assert err.value.code == "field_too_long"


def test_identifier_refuses_punctuation_and_spaces():
    for bad in ("12 34", "12;34", "<script>", "=1+1"):
        with pytest.raises(InvalidInput):
            clean_identifier(bad, "mrn")


@pytest.mark.parametrize("variant", ["أحمد", "إحمد", "آحمد", "احمد", "أَحْمَد", "أحـــمد"])
def test_search_folding_alef_diacritics_tatweel(variant):
    assert fold_for_search(variant) == "احمد"


def test_search_folding_ya_and_ta_marbuta_and_latin_case():
    assert fold_for_search("مصطفى") == fold_for_search("مصطفي")
    assert fold_for_search("فاطمة") == fold_for_search("فاطمه")
    assert fold_for_search("JOSÉ García") == "jose garcia"


@given(st.text(max_size=200))
def test_clean_text_never_returns_forbidden_characters(text):
    try:
        out = clean_text(text, "f", max_len=200, required=False)
    except InvalidInput:
        return
    assert not any(c in BIDI_CONTROLS or c in ZERO_WIDTH or c == "\x00" for c in out)


@pytest.mark.parametrize("name", [
    "فاطمة\u3164الزهراني",  # Hangul filler: a letter that draws nothing
    "فاطمة\u3164",
    "فاطمة\ufe0f الزهراني",  # variation selector
    "فاطمة\U000e0100",  # variation selector supplement
    "فا\u034fطمة",  # combining grapheme joiner
    "\ufe8d\ufee0\ufeb0\ufeeb\ufeae\ufe8d\ufee7\ufef2",  # reshaped text pasted from a PDF (FE70-FEFF)
    "\ufb8a\ufbfc",  # presentation forms A (FB50-FDFF)
])
def test_names_refuse_invisible_letters_selectors_and_presentation_forms(name):
    with pytest.raises(InvalidInput) as info:
        clean_name(name, "name_ar")
    assert info.value.code == "name_bad_character"


def test_an_arabic_name_needs_an_arabic_letter():
    with pytest.raises(InvalidInput) as info:
        clean_name("Fatimah Alzahrani", "name_ar")
    assert info.value.code == "name_not_arabic"
    assert clean_name("Fatimah Alzahrani", "name_latin") == "Fatimah Alzahrani"
    assert clean_name("فاطمة Fatimah", "name_ar") == "فاطمة Fatimah"


@pytest.mark.parametrize("value", [True, False, 100234, 1.5, ["100234"], {"mrn": "1"}])
def test_an_identifier_must_be_text(value):
    with pytest.raises(InvalidInput) as info:
        clean_identifier(value, "mrn")
    assert info.value.code == "field_not_text"
