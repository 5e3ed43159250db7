import json
import re

from app.domain.record import canonical_json, new_record_id, record_hash


def test_canonical_json_is_sorted_compact_utf8_and_nfc():
    a = {"b": "e\u0301", "a": [1, {"z": 1, "y": 2}]}
    out = canonical_json(a)
    assert out == '{"a":[1,{"y":2,"z":1}],"b":"é"}'.encode("utf-8")
    assert json.loads(out)["b"] == "\u00e9"


def test_hash_ignores_key_order_and_normalisation_form_but_not_content():
    assert record_hash({"x": "é", "y": 1}) == record_hash({"y": 1, "x": "e\u0301"})
    assert record_hash({"x": "a"}) != record_hash({"x": "b"})


def test_record_ids_are_unique_and_readable():
    ids = {new_record_id("consent", 2026) for _ in range(1000)}
    assert len(ids) == 1000
    assert all(re.fullmatch(r"CR-2026-[2-9A-HJ-NP-Z]{8}", i) for i in ids)
