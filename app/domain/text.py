"""Text from people: normalisation, refusal of invisible characters, and the search key.

Names and identifiers are stored NFC. Bidi controls, zero-width characters and NUL are refused
(they make two identical-looking identifiers differ and can reorder what a reader sees).
Arabic-Indic and Persian digits are accepted and stored as ASCII.
"""
from __future__ import annotations

import re
import unicodedata

from .errors import InvalidInput

# U+202A-202E embeddings/overrides, U+2066-2069 isolates, LRM/RLM, ALM (U+061C).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Zero-width space/non-joiner/joiner, word joiner, BOM, soft hyphen, Mongolian vowel separator,
# invisible math operators.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061\u2062\u2063\u2064")

_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})

# Letters that draw nothing or only select a glyph: a name with them looks like another name. The
# Hangul fillers, the combining grapheme joiner, the variation selectors; and the Arabic presentation
# forms (reshaped text pasted from a PDF: the letters are there, but not as letters).
INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u034f")


def _name_refused(ch: str) -> bool:
    code = ord(ch)
    return (ch in INVISIBLE_LETTERS or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF
            or 0x180B <= code <= 0x180F or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF)


def _arabic_letter(ch: str) -> bool:
    code = ord(ch)
    return unicodedata.category(ch) == "Lo" and (0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F
                                                 or 0x08A0 <= code <= 0x08FF)


# Arabic letters that look the same but are Persian/Urdu code points: stored as the Arabic ones.
_CONFUSABLES = str.maketrans({"ی": "ي", "ک": "ك"})

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_FOLD = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ئ": "ي", "ی": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ک": "ك",
})


def ascii_digits(text: str) -> str:
    """Arabic-Indic (٠-٩) and Persian (۰-۹) digits to ASCII."""
    return text.translate(_DIGITS)


def find_forbidden(text: str) -> str | None:
    """The first character that may never appear in a name or identifier, as ``U+XXXX``."""
    for ch in text:
        if ch in BIDI_CONTROLS or ch in ZERO_WIDTH or ch == "\x00":
            return f"U+{ord(ch):04X}"
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Cs", "Co", "Cn"):  # Cf: every invisible format character
            return f"U+{ord(ch):04X}"
    return None


def clean_text(value: object, field: str, *, max_len: int, required: bool = True,
               allow_newlines: bool = False) -> str:
    """NFC, trimmed, no forbidden characters, within ``max_len``; raises InvalidInput naming ``field``."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput("field_not_text", f"{field}: must be text", field=field)
    text = unicodedata.normalize("NFC", value).strip()
    if allow_newlines:
        text = text.replace("\r\n", "\n")
    bad = find_forbidden(text.replace("\n", "") if allow_newlines else text)
    if bad:
        raise InvalidInput("field_forbidden_character",
                           f"{field}: contains an invisible or control character ({bad})",
                           field=field, character=bad)
    if required and not text:
        raise InvalidInput("field_required", f"{field}: is required", field=field)
    if len(text) > max_len:
        raise InvalidInput("field_too_long", f"{field}: longer than {max_len} characters",
                           field=field, max_len=max_len)
    return text


def clean_name(value: object, field: str, *, required: bool = True, max_len: int = 120,
               arabic: bool | None = None) -> str:
    """A person's name: single spaces, Persian look-alike letters stored as Arabic, no digits, no
    invisible letters or presentation forms; ``arabic`` (default: a field named ``name_ar``) asks for
    at least one Arabic letter."""
    if arabic is None:
        arabic = field.endswith("name_ar")
    text = clean_text(value, field, max_len=max_len, required=required)
    # NFC again: a Persian letter followed by a combining hamza composes once it is the Arabic one.
    text = unicodedata.normalize("NFC", " ".join(text.split()).translate(_CONFUSABLES))
    if any(ch.isdigit() for ch in text):
        raise InvalidInput("name_has_digits", f"{field}: a name cannot contain digits", field=field)
    refused = next((ch for ch in text if _name_refused(ch)), None)
    if refused is not None:
        raise InvalidInput("name_bad_character",
                           f"{field}: contains a character that is not part of a name (U+{ord(refused):04X})",
                           field=field)
    if arabic and text and not any(_arabic_letter(ch) for ch in text):
        raise InvalidInput("name_not_arabic", f"{field}: write the name in Arabic letters", field=field)
    for ch in text:
        cat = unicodedata.category(ch)
        if not (cat.startswith("L") or cat.startswith("M") or ch in " -'.’"):
            raise InvalidInput("name_bad_character",
                               f"{field}: contains a character that is not part of a name ({ch!r})",
                               field=field)
    return text


def clean_identifier(value: object, field: str, *, required: bool = True, max_len: int = 32,
                     pattern: str = r"[A-Za-z0-9][A-Za-z0-9\-/]*") -> str:
    """An MRN or national ID: ASCII digits (Arabic-Indic accepted), letters, '-' and '/'. Text only: a
    JSON number loses its leading zeros and ``true`` is no identifier."""
    if value is not None and not isinstance(value, str):
        raise InvalidInput("field_not_text", f"{field}: must be text", field=field)
    text = clean_text(value, field, max_len=max_len, required=required)
    text = ascii_digits(text).upper()
    if text and not re.fullmatch(pattern, text):
        raise InvalidInput("identifier_invalid",
                           f"{field}: only letters, digits, '-' and '/' are allowed", field=field)
    return text


def fold_for_search(text: str) -> str:
    """The search key: no diacritics or tatweel, alef/ya/ta-marbuta variants folded, Latin casefolded."""
    text = unicodedata.normalize("NFKC", text)
    text = _ARABIC_DIACRITICS.sub("", text).replace(_TATWEEL, "")
    text = text.translate(_FOLD)
    text = ascii_digits(text).casefold()
    # Latin accents fold away too (José -> jose).
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", text))
