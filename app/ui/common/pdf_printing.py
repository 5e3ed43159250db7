"""A sealed PDF drawn on a printer, page by page at the printer's resolution (the desk's record page and
the archive's print both use it)."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

PRINT_DPI = 300


def load_pdf(data: bytes, parent=None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument read from bytes; keep the buffer alive as long as the document."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    return document, buffer


def render_to_printer(data: bytes, printer: QPrinter) -> int:
    """Draw every page of the PDF on the printer, fitted to the printable area; returns the page count.

    Runs on a worker thread: the document and the painter live and die here.
    """
    document, buffer = load_pdf(data)
    try:
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("the printer could not be opened")
        try:
            area = QRectF(printer.pageRect(QPrinter.DevicePixel))
            area.moveTo(0, 0)
            for page in range(document.pageCount()):
                if page:
                    printer.newPage()
                points = document.pagePointSize(page)
                scale = min(area.width() / points.width(), area.height() / points.height())
                target = QRectF(0, 0, points.width() * scale, points.height() * scale)
                target.moveCenter(area.center())
                dpi = min(PRINT_DPI, printer.resolution())
                image = document.render(page, QSize(int(points.width() / 72 * dpi), int(points.height() / 72 * dpi)))
                painter.drawImage(target, image)
        finally:
            painter.end()
        return document.pageCount()
    finally:
        document.close()
        buffer.close()
