"""Translations of the shell: Arabic by default and right to left; English left to right; the .ts
sources compile; every string the shell shows is translated into Arabic."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from app.paths import resource_path
from app.ui.common import i18n


ARABIC = re.compile("[\u0600-\u06ff]")


def test_arabic_is_the_default_and_right_to_left(qtbot, services, staffed, make_window):
    window = make_window(services)
    assert services.settings.current().language == "ar"
    assert QApplication.layoutDirection() == Qt.RightToLeft
    assert window.layoutDirection() == Qt.RightToLeft
    assert window.login.layoutDirection() == Qt.RightToLeft
    assert ARABIC.search(window.login.button.text())


def test_english_is_left_to_right(qtbot, services, staffed, make_window):
    services.settings.update(staffed["admin"], language="en")
    window = make_window(services)
    assert QApplication.layoutDirection() == Qt.LeftToRight
    assert window.login.button.text() == "Sign in"


@pytest.mark.parametrize("language, leftward", [("ar", True), ("en", False)])
def test_header_tab_order_follows_the_reading_direction(qtbot, services, staffed, make_window, language, leftward, people, sign_in):
    services.settings.update(staffed["admin"], language=language)
    window = make_window(services)
    sign_in(window, people["nurse"])
    buttons = window.header.buttons()
    xs = [b.mapTo(window, b.rect().center()).x() for b in buttons]
    assert xs == sorted(xs, reverse=leftward)
    for a, b in zip(buttons, buttons[1:]):  # Tab moves to the next button in reading order
        chain, w = [], a.nextInFocusChain()
        while w is not b and len(chain) < 50:
            chain.append(w)
            w = w.nextInFocusChain()
        assert w is b and not any(isinstance(x, QPushButton) and x.isVisible() for x in chain)


def test_every_ts_has_complete_translations():
    files = list(resource_path("i18n").glob("desk_ar.ts"))
    assert files
    for ts in files:
        root = ET.parse(ts).getroot()
        missing = [m.findtext("source") for m in root.iter("message")
                   if (m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
                       and m.find("translation").get("type") != "obsolete")
                   or not "".join(m.find("translation").itertext()).strip()]
        assert not missing, missing[:10]


def test_stale_qm_is_rebuilt_into_the_cache(tmp_path):
    folder = tmp_path / "i18n"
    folder.mkdir()
    (folder / "demo_ar.ts").write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="ar">'
        "<context><name>X</name><message><source>Hello</source><translation>مرحبا</translation></message>"
        "</context></TS>", encoding="utf-8")
    cache = tmp_path / "cache"
    first = i18n.qm_files("ar", folder, cache)
    assert first == [cache / "demo_ar.qm"] and first[0].stat().st_size > 0
    stamp = first[0].stat().st_mtime_ns
    assert i18n.qm_files("ar", folder, cache)[0].stat().st_mtime_ns == stamp  # fresh: not rebuilt
    (folder / "demo_ar.qm").write_bytes(first[0].read_bytes())  # shipped and up to date: used as is
    assert i18n.qm_files("ar", folder, cache) == [folder / "demo_ar.qm"]
