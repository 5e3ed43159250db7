"""Malformed or hostile form files: a clear error each, and the program still starts with the other
form (the catalogue keeps going, the context opens, the desk starts a consent for the other procedure)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from app.domain.errors import FormInvalid, NotFound
from app.domain.form_loader import load_forms

from .conftest import PATIENT, make_env, plan

FORMS = Path(__file__).resolve().parents[2] / "forms"
GOOD = (FORMS / "vertebroplasty.ar.yaml").read_text(encoding="utf-8")


def _data() -> dict:
    return yaml.safe_load(GOOD)


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _without(key):
    data = _data()
    data.pop(key)
    return _dump(data)


def _with(key, value):
    data = _data()
    data[key] = value
    return _dump(data)


def _section_text(value):
    data = _data()
    data["sections"][0]["body" if "body" in data["sections"][0] else next(iter(data["sections"][0]))] = value
    return _dump(data)


HOSTILE = {
    "empty": "",
    "not_a_mapping": "- just\n- a list\n",
    "scalar": "42\n",
    "missing_sections": _without("sections"),
    "missing_checklist": _without("checklist"),
    "sections_wrong_type": _with("sections", "all of them"),
    "checklist_number": _with("checklist", 7),
    "thresholds_text": _with("thresholds", "high"),
    "schema_future": _with("schema", 99),
    "unknown_key": _with("surprise", True),
    "version_weird": _with("version", "../../etc/passwd"),
    "section_text_number": _section_text(12345),
    "python_object_tag": "!!python/object/apply:os.system ['echo pwned']\n",
    "python_name_tag": "schema: !!python/name:os.system\n",
    "custom_tag": "schema: !include other.yaml\n",
    "billion_laughs": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
    "duplicate_keys": "schema: 1\nschema: 2\n",
    "deep_nesting": "a: " + "[" * 3000 + "]" * 3000 + "\n",
    "deep_mapping": "a: " + "{b: " * 3000 + "1" + "}" * 3000 + "\n",
    "huge": "# " + "x" * (1024 * 1024 + 10) + "\n",
    "binary": "\x00\x01\x02 not yaml at all",
    "bidi_in_text": GOOD.replace("title:", "title: \u202e", 1),
    "syntax_error": GOOD[: len(GOOD) // 2] + "\n  - : : [\n",
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_form_file_is_refused_and_the_other_form_loads(case, tmp_path):
    forms = tmp_path / "forms"
    shutil.copytree(FORMS, forms)
    target = forms / "vertebroplasty.ar.yaml"
    text = HOSTILE[case]
    if case == "binary":
        target.write_bytes(text.encode("latin-1"))
    else:
        target.write_text(text, encoding="utf-8")
    loaded, errors = load_forms(forms)
    assert [e.params["file"] for e in errors] == [str(target)], [e.message() for e in errors]
    error = errors[0]
    assert isinstance(error, FormInvalid) and error.message() and "\n" not in error.message()
    assert len(error.message()) < 400
    assert set(loaded) == {("kyphoplasty", "ar")}


def test_the_desk_starts_with_the_other_form(tmp_path):
    forms = tmp_path / "forms"
    shutil.copytree(FORMS, forms)
    (forms / "vertebroplasty.ar.yaml").write_text(HOSTILE["deep_nesting"], encoding="utf-8")
    (forms / "extra.ar.yaml").write_text(HOSTILE["billion_laughs"], encoding="utf-8")
    (forms / "dir.ar.yaml").mkdir()  # not even a file
    env = make_env(tmp_path / "data", forms_dir=forms)
    try:
        assert len(env.ctx.forms.errors) == 3
        with pytest.raises(NotFound):
            env.desk().start(env.nurse, PATIENT, plan(env.ctx.today()), demo=True)
        draft_id = env.desk().start(env.nurse, PATIENT, plan(env.ctx.today(), procedure="kyphoplasty"), demo=True)
        assert env.desk().load(env.nurse, draft_id).form_sha
    finally:
        env.ctx.close()


def test_a_folder_of_only_broken_forms_still_opens(tmp_path):
    forms = tmp_path / "forms"
    forms.mkdir()
    for name, case in (("vertebroplasty.ar.yaml", "python_object_tag"), ("kyphoplasty.ar.yaml", "huge")):
        (forms / name).write_text(HOSTILE[case], encoding="utf-8")
    env = make_env(tmp_path / "data", forms_dir=forms)
    try:
        assert len(env.ctx.forms.errors) == 2
        with pytest.raises(NotFound) as info:
            env.ctx.forms.current("kyphoplasty")
        assert info.value.code == "form_missing"
    finally:
        env.ctx.close()
