"""The stations' screens in Arabic: every string of their sources is translated, placeholders kept,
and the file compiles (resources/i18n/stations_ar.ts)."""
from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET

from tests.ui.stations_strings import TS, strings


def test_every_string_of_the_stations_screens_is_translated(tmp_path):
    root = ET.parse(TS).getroot()
    assert root.get("language") == "ar"
    have = {}
    for context in root.iter("context"):
        for m in context.iter("message"):
            translation = m.find("translation")
            assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), m.findtext("source")
            have[(context.findtext("name"), m.findtext("source"))] = translation.text or ""
    wanted = strings()
    assert wanted <= set(have), sorted(wanted - set(have))[:10]
    for (_, source), text in have.items():
        assert text.strip(), source
        for ph in ("%1", "%2"):
            assert (ph in source) == (ph in text), source
        assert any("\u0600" <= ch <= "\u06ff" for ch in text), source
    done = subprocess.run(["pyside6-lrelease", str(TS), "-qm", str(tmp_path / "s.qm")], capture_output=True, text=True)
    assert done.returncode == 0 and "0 unfinished" in done.stdout, done.stdout + done.stderr
