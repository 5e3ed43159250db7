"""Choosing a file: the dialog speaks the interface language (no "Look in:" or "Files of type:" on an
Arabic screen), its buttons hold their words, and it opens in the documents folder, not the program's."""
from __future__ import annotations

import re

from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

from app.ui.common import file_dialogs

ARABIC = re.compile("[\u0600-\u06ff]")


def test_the_dialog_speaks_arabic_and_opens_in_the_documents_folder(qtbot, translations, tmp_path, monkeypatch):
    monkeypatch.setattr(file_dialogs, "documents_folder", lambda: tmp_path)
    translations.switch("ar")
    dialog = file_dialogs._dialog(None, "حفظ نسخة", tmp_path, "PDF (*.pdf)", saving=True)
    qtbot.addWidget(dialog)
    dialog.show()
    for label in (QFileDialog.LookIn, QFileDialog.FileName, QFileDialog.FileType, QFileDialog.Accept,
                  QFileDialog.Reject):
        assert ARABIC.search(dialog.labelText(label)), dialog.labelText(label)
    shown = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible()]
    assert not [t for t in shown if t in ("Look in:", "Files of type:", "File name:")], shown
    for button in dialog.findChildren(QPushButton):
        if button.isVisible() and button.text():
            assert button.width() >= button.sizeHint().width(), button.text()  # «ألغِ» was cut
    assert dialog.directory().absolutePath() == str(tmp_path)
