"""The ``record.json`` a sealed PDF carries, read without checking the seal (pikepdf, fast): for
comparing what the archive stores with what was sealed, and for the audit head a record carries.
Whether the seal itself holds is :mod:`app.documents.pdf_verify`'s question."""
from __future__ import annotations

from io import BytesIO

ATTACHMENT = "record.json"


def attached_record(pdf: bytes) -> bytes | None:
    """The bytes of the PDF's one ``record.json`` attachment, or None (unreadable PDF, none attached)."""
    import pikepdf

    try:
        with pikepdf.open(BytesIO(bytes(pdf))) as doc:
            attachments = doc.attachments
            if ATTACHMENT not in attachments:
                return None
            return bytes(attachments[ATTACHMENT].get_file().read_bytes())
    except Exception:  # noqa: BLE001 - damaged or hostile bytes: nothing readable
        return None
