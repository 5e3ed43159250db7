"""Run in a subprocess by test_paint_stress: every widget the program paints itself, driven hard.

A binding fault that loses a reference per Qt call (PySide6 6.12.0 on Python 3.11) aborts the
interpreter, so this runs outside the test process. It prints one JSON object: for each part, how
many references to ``None`` it lost and how many events or drawings it made.

    python -m tests.ui.paint_stress_worker [signatures] [points]
"""
from __future__ import annotations

import json
import os
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _lost(run) -> tuple[int, int]:
    run(1)  # warm up: caches and first-time objects are not losses
    before = sys.getrefcount(None)
    count = run(None)
    return before - sys.getrefcount(None), count


def _three_page_pdf() -> bytes:
    import io

    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    for page in range(3):
        canvas.drawString(72, 720, f"page {page + 1}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def main(signatures: int = 10, points: int = 300) -> dict:
    from PySide6.QtCore import Qt
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.ui.common.pdf_printing import render_to_printer
    from app.ui.patient.signature_pad import SignaturePad
    from app.ui.desk.spine_picker import SpinePicker
    from app.ui.desk.today_page import readiness_icon
    from tests.ui.patient.pad_events import sign

    app = QApplication.instance() or QApplication([])
    report: dict[str, dict[str, int]] = {}

    pad = SignaturePad()
    pad.resize(900, 300)
    pad.show()
    app.processEvents()

    def signing(limit):
        n = limit or signatures
        for i in range(n):  # the mouse first: just after a pen, mouse events are the pen's echo
            pad.clear()
            sign(pad, points, "mouse" if i < (n + 1) // 2 else "pen", row=0.5, seed=i)
            assert len(pad.strokes()[-1]) >= points - 2, "the pad dropped the moves"
        return n * points

    picker = SpinePicker()
    picker.resize(260, 620)
    picker.show()
    app.processEvents()

    def spine(limit):
        n = limit or 200
        rects = picker._rects()
        for i in range(n):
            QTest.mouseClick(picker, Qt.LeftButton, Qt.NoModifier, rects[i % len(rects)].center().toPoint())
            picker.repaint()
        return n

    def icons(limit):
        n = limit or 300
        for i in range(n):
            readiness_icon(("clear", "blocked", "overridden", "none")[i % 4], 20 + i % 3)
        return n

    def printing(limit):
        data = _three_page_pdf()
        n = limit or 3
        with tempfile.TemporaryDirectory() as folder:
            for i in range(n):
                printer = QPrinter(QPrinter.HighResolution)
                printer.setOutputFormat(QPrinter.PdfFormat)
                printer.setOutputFileName(os.path.join(folder, f"p{i}.pdf"))
                render_to_printer(data, printer)
        return n

    for name, run in (("signature_pad", signing), ("spine_picker", spine), ("readiness_icons", icons),
                      ("record_printing", printing)):
        lost, count = _lost(run)
        report[name] = {"lost": lost, "count": count}
    return report


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    print(json.dumps(main(*args)), flush=True)
