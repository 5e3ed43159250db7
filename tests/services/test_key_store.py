"""The OS key store through keyring: kept, read back, forgotten; and a computer without one answers
"nothing kept" instead of failing."""
from __future__ import annotations

import logging

from app.services import key_store as store


def test_a_secret_is_kept_read_and_forgotten(key_store):
    assert store.read_secret("seal:pkcs12") is None
    assert store.store_secret("seal:pkcs12", "s3cret pass")
    assert key_store == {("consent-desk", "seal:pkcs12"): "s3cret pass"}
    assert store.read_secret("seal:pkcs12") == "s3cret pass"
    store.forget_secret("seal:pkcs12")
    assert store.read_secret("seal:pkcs12") is None and key_store == {}
    store.forget_secret("seal:pkcs12")  # nothing kept: no error


def test_without_a_key_store_nothing_is_kept_and_nothing_fails(no_key_store, caplog):
    caplog.set_level(logging.DEBUG)
    assert store.store_secret("seal:pkcs12", "s3cret pass") is False
    assert store.read_secret("seal:pkcs12") is None
    store.forget_secret("seal:pkcs12")
    assert "s3cret" not in caplog.text and "seal:pkcs12" not in caplog.text
