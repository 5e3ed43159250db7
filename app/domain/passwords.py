"""Password policy: at least 8 characters, not a common password, not the username."""
from __future__ import annotations

import unicodedata

from .errors import InvalidInput

MIN_LENGTH = 8
MAX_LENGTH = 256
# The most common passwords in public breach lists, plus local favourites.
COMMON = frozenset("""
123456 123456789 12345678 password qwerty123 qwerty 1q2w3e4r 1234567890 111111 123123 abc123
password1 iloveyou 000000 qwertyuiop 123321 1qaz2wsx 654321 666666 987654321 123qwe 7777777
princess dragon sunshine football monkey letmein welcome welcome1 admin admin123 administrator
passw0rd p@ssw0rd p@ssword master hello123 changeme secret123 trustno1 baseball superman
11111111 22222222 88888888 12341234 00000000 1234abcd abcd1234 asdfghjkl zxcvbnm asdf1234
hospital hospital1 nurse123 doctor123 consent1 riyadh123 jeddah123 saudi123 ksa12345
""".split())


def check_password(password: str, username: str = "") -> str:
    if not isinstance(password, str):
        raise InvalidInput("password_invalid", "password: must be text")
    password = unicodedata.normalize("NFC", password)
    if len(password) < MIN_LENGTH:
        raise InvalidInput("password_too_short", f"password: at least {MIN_LENGTH} characters",
                           min_length=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise InvalidInput("password_too_long", "password: too long")
    lowered = password.casefold()
    if lowered in COMMON or len(set(password)) < 3:
        raise InvalidInput("password_common", "password: too common or too simple; choose another")
    if username and username.casefold() in lowered:
        raise InvalidInput("password_contains_username", "password: must not contain the username")
    return password
