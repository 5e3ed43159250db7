"""The QR code of a record: "record_id:<id>;sha256:<full hash>", drawn as vector squares.

The matrix comes from ``reportlab.graphics.barcode.qr`` (encoded once; the widget itself would
encode twice per drawing, which costs ~50 ms), and dark runs of each row are drawn as one rectangle.
"""
from __future__ import annotations

import itertools

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.platypus.flowables import Flowable


def qr_payload(record_id: str, record_sha256: str) -> str:
    return f"record_id:{record_id};sha256:{record_sha256}"


# Any of the eight mask patterns gives a valid code (readers take it from the format bits); the
# "best" one only eases reading of dense codes, and choosing it costs eight trial encodings.
FIXED_MASK_PATTERN = 0
QUIET_ZONE = 4  # modules of light margin on each side


def qr_modules(payload: str, level: str = "M") -> list[list[bool]]:
    """The dark/light modules of the QR code of ``payload``, top row first."""
    encoder = QrCodeWidget(payload, barLevel=level).qr
    if encoder.version is None:
        encoder.version = encoder.calculate_version()
    encoder.makeImpl(False, FIXED_MASK_PATTERN)
    return [[bool(m) for m in row] for row in encoder.modules]


class QrFlowable(Flowable):
    """A square QR code with a quiet zone of ``border`` modules (ISO/IEC 18004 asks for 4)."""

    def __init__(self, payload: str, size: float, border: int = QUIET_ZONE) -> None:
        super().__init__()
        self.modules = qr_modules(payload)
        self.width = self.height = size
        self.border = border

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        n = len(self.modules)
        box = self.width / float(n + 2 * self.border)
        c = self.canv
        ops: list[str] = []
        for r, row in enumerate(self.modules):
            y = self.height - (r + 1 + self.border) * box
            col = 0
            for dark, run in itertools.groupby(row):
                count = len(list(run))
                if dark:
                    ops.append(f"{(col + self.border) * box:.3f} {y:.3f} {count * box:.3f} {box:.3f} re")
                col += count
        c.saveState()
        c.setFillColor(colors.black)
        c.addLiteral("\n".join(ops) + "\nf")  # one fill for all squares
        c.restoreState()


def qr_flowable(record_id: str, record_sha256: str, size: float) -> QrFlowable:
    return QrFlowable(qr_payload(record_id, record_sha256), size)
