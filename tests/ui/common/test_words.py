"""Every audit action the program writes reads as words on the audit page, in both languages.

The actions are collected from the code that writes them: literal actions given to ``audit.append``,
the steps of a consent or a pre-procedure check (``consent.<step>``, ``verification.<step>``), and the
purposes of a password (``<purpose>.ok`` / ``<purpose>.failed``). A new action without words fails here,
not on an administrator's screen.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.ui.common.words import action_word

APP = Path(__file__).resolve().parents[3] / "app"
ARABIC = re.compile(r"[\u0600-\u06FF]")


def written_actions() -> set[str]:
    code = "\n".join(p.read_text(encoding="utf-8") for p in sorted(APP.rglob("*.py")))
    actions = set(re.findall(r'audit\.append\(\s*[^,]+,\s*[^,]+,\s*"([a-z_.]+)"', code))
    actions |= set(re.findall(r'action="([a-z_]+\.[a-z_.]+)"', code))
    for step in re.findall(r'_step\(actor, draft_id, "([a-z_]+)"', code):
        actions |= {f"consent.{step}", f"verification.{step}"}
    purposes = set(re.findall(r'purpose(?::\s*str)?\s*=\s*"([a-z_.]+)"', code))
    purposes |= set(re.findall(r'\.(?:confirm|witness)\([^()]*"([a-z_.]+)"', code))
    actions |= {f"{p}.{outcome}" for p in purposes for outcome in ("ok", "failed")}
    return actions


def test_the_scan_finds_the_actions_it_is_meant_to_find():
    actions = written_actions()
    # one of each way an action is written: a literal, a consent step, a verification step, a purpose
    assert {"record.sealed", "consent.signed", "verification.reconfirmed", "sign.ok", "kiosk_exit.failed",
            "unlock.ok", "withdrawal_witness.failed", "forms.approve.ok"} <= actions


def test_every_action_has_english_words(qapp):
    missing = sorted(a for a in written_actions() if action_word(a) == a)
    assert missing == []


@pytest.mark.usefixtures("translations")
def test_every_action_has_arabic_words(qapp):
    missing = sorted(a for a in written_actions() if not ARABIC.search(action_word(a)))
    assert missing == []


def test_an_unknown_action_is_shown_as_written(qapp):
    assert action_word("something.new") == "something.new"
