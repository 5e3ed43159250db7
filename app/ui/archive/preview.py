"""One record in the archive: its sealed PDF (QtPdf, from the database's bytes), its status in words,
the records linked to it (withdrawal, correction, verification) and its audit history.

``show(view)`` takes an ``ArchiveService.open_record`` result (the opening was audited there).
"""
from __future__ import annotations

import json

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView, QLabel, QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ..common.words import action_word, isolate, kind_word, local_time, relation_word, status_mark, status_word


class PreviewPanel(QWidget):
    openLinked = Signal(str)  # a linked record's id (double-click or Enter)

    def __init__(self, tz: str = "Asia/Riyadh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("archivePreview")
        self.tz = tz
        self.view_data = None
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("subtitle")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("previewTabs")
        self.pdf = QPdfView(self)
        self.pdf.setObjectName("previewPdf")
        self.pdf.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf.setDocument(self.document)
        self.linked = self._tree("previewLinked")
        self.history = self._tree("previewHistory")
        self.linked.itemActivated.connect(lambda item, _c: self.openLinked.emit(item.data(0, Qt.UserRole)))
        self.tabs.addTab(self.pdf, "")
        self.tabs.addTab(self.linked, "")
        self.tabs.addTab(self.history, "")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.heading)
        box.addWidget(self.state)
        box.addWidget(self.tabs, 1)
        self.retranslate()

    def _tree(self, name: str) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setObjectName(name)
        tree.setRootIsDecorated(False)
        tree.setAlternatingRowColors(True)
        tree.setSelectionMode(QAbstractItemView.SingleSelection)
        tree.setUniformRowHeights(True)
        return tree

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Document"))
        self.tabs.setTabText(1, self.tr("Linked records"))
        self.tabs.setTabText(2, self.tr("History"))
        self.tabs.setAccessibleName(self.tr("Views of the record"))
        self.pdf.setAccessibleName(self.tr("The sealed record (PDF)"))
        self.linked.setAccessibleName(self.tr("Records linked to this record"))
        self.history.setAccessibleName(self.tr("History of this record"))
        self.linked.setHeaderLabels([self.tr("Record number"), self.tr("Kind"), self.tr("Signed"), self.tr("Link")])
        self.history.setHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Details")])
        if self.view_data is not None:
            self.show_view(self.view_data)
        else:
            self.heading.setText(self.tr("Choose a record to see it here."))
            self.state.clear()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def clear(self) -> None:
        self.view_data = None
        self.document.close()
        self.linked.clear()
        self.history.clear()
        self.heading.setText(self.tr("Choose a record to see it here."))
        self.state.clear()

    def show_view(self, view) -> None:
        """``view``: an ``app.services.archive.RecordView``."""
        reload = self.view_data is None or self.view_data.record_id != view.record_id
        self.view_data = view
        patient = view.record.get("patient", {})
        self.heading.setText(self.tr("%1 · %2 · MRN %3").replace("%1", kind_word(view.kind))
                             .replace("%2", isolate(patient.get("name_ar", ""))).replace("%3", isolate(patient.get("mrn", ""))))
        lines = [self.tr("Record %1").replace("%1", isolate(view.record_id)),
                 self.tr("Status: %1").replace("%1", f"{status_mark(view.status)} {status_word(view.status)}")]
        if view.superseded_by:
            lines.append(self.tr("Superseded by %1").replace("%1", isolate(view.superseded_by)))
        if view.withdrawn_by:
            lines.append(self.tr("Withdrawn by %1").replace("%1", isolate(view.withdrawn_by)))
        if view.record.get("demo"):
            lines.append(self.tr("Training record"))
        self.state.setText("\n".join(lines))
        self.state.setAccessibleName(self.state.text())
        if reload:
            self.document.close()
            if self._buffer is not None:
                self._buffer.close()
                self._buffer.deleteLater()
            self._buffer = QBuffer(self)
            self._buffer.setData(QByteArray(view.pdf))
            self._buffer.open(QIODevice.ReadOnly)
            self.document.load(self._buffer)
        self.linked.clear()
        for link in view.linked:
            item = QTreeWidgetItem([link.record_id, kind_word(link.kind), local_time(link.signed_at, self.tz),
                                    relation_word(link.relation)])
            item.setData(0, Qt.UserRole, link.record_id)
            self.linked.addTopLevelItem(item)
        self.history.clear()
        for event in view.history:
            details = "" if event.details in (None, {}, "") else json.dumps(event.details, ensure_ascii=False)
            self.history.addTopLevelItem(QTreeWidgetItem([local_time(event.at, self.tz), event.actor,
                                                          action_word(event.action),
                                                          f"\u2066{details[:200]}\u2069" if details else ""]))
        for tree in (self.linked, self.history):
            for c in range(tree.columnCount()):
                tree.resizeColumnToContents(c)
