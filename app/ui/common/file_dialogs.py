"""Choosing a file: Qt's own dialog, wholly in the interface language, opening in the person's documents
folder (not the program's), with buttons wide enough for their words.

Qt's dialog takes its words from qtbase's translation; the labels it builds itself are set here too, so
that no English ("Look in:", "Files of type:") is left on an Arabic screen.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QPushButton, QWidget


def documents_folder() -> Path:
    for kind in (QStandardPaths.DocumentsLocation, QStandardPaths.HomeLocation):
        folder = QStandardPaths.writableLocation(kind)
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


def _dialog(parent: QWidget | None, title: str, start: Path, name_filter: str, saving: bool) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(start), name_filter)
    dialog.setOption(QFileDialog.DontUseNativeDialog, True)  # the same words on every desk
    dialog.setAcceptMode(QFileDialog.AcceptSave if saving else QFileDialog.AcceptOpen)
    dialog.setFileMode(QFileDialog.AnyFile if saving else QFileDialog.ExistingFile)
    words = {QFileDialog.LookIn: QCoreApplication.translate("FileDialogs", "Folder:"),
             QFileDialog.FileName: QCoreApplication.translate("FileDialogs", "File name:"),
             QFileDialog.FileType: QCoreApplication.translate("FileDialogs", "Type of file:"),
             QFileDialog.Accept: (QCoreApplication.translate("FileDialogs", "Save") if saving
                                  else QCoreApplication.translate("FileDialogs", "Open")),
             QFileDialog.Reject: QCoreApplication.translate("FileDialogs", "Cancel")}
    for label, text in words.items():
        dialog.setLabelText(label, text)
    dialog.setAccessibleName(title)
    for box in dialog.findChildren(QDialogButtonBox):
        for button in box.findChildren(QPushButton):
            button.setMinimumWidth(button.sizeHint().width() + 24)
    return dialog


def ask_save_path(parent: QWidget | None, title: str, suggested: str | Path, name_filter: str) -> Path | None:
    """Where to write a file; ``suggested`` is a file name (put in the documents folder) or a path."""
    suggested = Path(suggested)
    start = suggested if suggested.is_absolute() else documents_folder() / suggested
    dialog = _dialog(parent, title, start.parent, name_filter, saving=True)
    dialog.selectFile(str(start))
    return _chosen(dialog)


def ask_open_path(parent: QWidget | None, title: str, name_filter: str, start: Path | None = None) -> Path | None:
    dialog = _dialog(parent, title, start or documents_folder(), name_filter, saving=False)
    return _chosen(dialog)


def _chosen(dialog: QFileDialog) -> Path | None:
    """The file chosen in the dialog (None when cancelled); the dialog is gone afterwards."""
    try:
        if dialog.exec() != QDialog.Accepted or not dialog.selectedFiles():
            return None
        return Path(dialog.selectedFiles()[0])
    finally:
        dialog.deleteLater()
