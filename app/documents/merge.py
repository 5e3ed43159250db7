"""Merging sealed record PDFs into one print-ready PDF, streamed (memory stays flat).

Records are copied page by page (pikepdf) into chunk files of ``chunk_size`` records written next to
the output; the final document is the first part (the index sheet) followed by the chunks, opened
from disk, so at no time are all the records' PDFs held in memory. The copies drop the pages'
annotations (the invisible seal widget): a merged export is a print copy, not a sealed record; the
sealed originals stay in the archive. Streams are copied as they are (already compressed).

Every file this module writes is removed by :meth:`StreamingMerger.close` unless it was handed over
as the finished output.
"""
from __future__ import annotations

import io
import os
import tempfile
import warnings
from pathlib import Path

import pikepdf

__all__ = ["StreamingMerger", "page_count", "seal_facts"]


def page_count(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)


class StreamingMerger:
    def __init__(self, folder: Path, prefix: str = ".merge", chunk_size: int = 100) -> None:
        self.folder = Path(folder)
        self.prefix = prefix
        self.chunk_size = max(1, int(chunk_size))
        self.pages = 0
        self.documents = 0
        self._chunks: list[Path] = []
        self._chunk: pikepdf.Pdf | None = None
        self._sources: list[pikepdf.Pdf] = []
        self._closed = False

    # ------------------------------------------------------------------ adding
    def add(self, pdf: bytes, inspect=None) -> int:
        """Append one document's pages; returns how many pages it had. ``inspect(doc)`` is called with
        the opened document first (e.g. :func:`seal_facts`). Raises ``pikepdf.PdfError`` for a PDF
        that cannot be read (nothing of it is added)."""
        if self._closed:
            raise RuntimeError("merger closed")
        src = pikepdf.open(io.BytesIO(pdf))
        if inspect is not None:
            try:
                inspect(src)
            except Exception:
                src.close()
                raise
        for page in src.pages:
            if "/Annots" in page.obj:
                del page.obj["/Annots"]
        if self._chunk is None:
            self._chunk = pikepdf.new()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self._chunk.pages.extend(src.pages)
        self._sources.append(src)  # the copied streams are read from the source when the chunk is saved
        n = len(src.pages)
        self.pages += n
        self.documents += 1
        if len(self._sources) >= self.chunk_size:
            self._flush()
        return n

    def _temp(self, suffix: str) -> Path:
        fd, name = tempfile.mkstemp(prefix=self.prefix + ".", suffix=suffix, dir=self.folder)
        os.close(fd)
        return Path(name)

    def _flush(self) -> None:
        if self._chunk is None:
            return
        path = self._temp(".chunk.part")
        self._chunks.append(path)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self._chunk.save(path, compress_streams=False)
        self._chunk.close()
        for src in self._sources:
            src.close()
        self._chunk, self._sources = None, []

    # ------------------------------------------------------------------ finishing
    def finish(self, out_path: Path, first: bytes | None = None, *, title: str = "") -> Path:
        """Write ``first`` (e.g. the index sheet) then every added page to ``out_path``."""
        self._flush()
        opened: list[pikepdf.Pdf] = []
        out = pikepdf.open(io.BytesIO(first)) if first else pikepdf.new()
        try:
            for chunk in self._chunks:
                src = pikepdf.open(chunk)
                opened.append(src)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    out.pages.extend(src.pages)
            with out.open_metadata(set_pikepdf_as_editor=False) as meta:
                if title:
                    meta["dc:title"] = title
            out.docinfo["/Producer"] = "consent-desk"
            if title:
                out.docinfo["/Title"] = title
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                out.save(out_path, compress_streams=False)
        finally:
            out.close()
            for src in opened:
                src.close()
        return Path(out_path)

    def close(self) -> None:
        """Remove the chunk files and release the sources (idempotent)."""
        self._closed = True
        if self._chunk is not None:
            self._chunk.close()
        for src in self._sources:
            src.close()
        self._chunk, self._sources = None, []
        for chunk in self._chunks:
            try:
                chunk.unlink()
            except FileNotFoundError:
                pass
        self._chunks = []

    def __enter__(self) -> "StreamingMerger":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def seal_facts(doc: pikepdf.Pdf, size: int) -> dict:
    """What the archive check reads from an open sealed PDF: the sealed record id and hash (document
    information) and whether the one signature's byte range covers the whole file."""
    info = doc.docinfo if "/Info" in doc.trailer else {}

    def text(key: str) -> str | None:
        value = info.get(key) if info else None
        return str(value) if value is not None else None

    ranges = []
    try:
        for f in doc.Root.AcroForm.Fields:
            v = f.get("/V")
            if v is not None and "/ByteRange" in v:
                ranges.append([int(x) for x in v.ByteRange])
    except (AttributeError, KeyError, TypeError, ValueError):
        pass
    covers = len(ranges) == 1 and len(ranges[0]) == 4 and ranges[0][0] == 0 and ranges[0][2] + ranges[0][3] == size
    return {"record_id": text("/ConsentRecordId"), "record_sha256": text("/ConsentRecordSHA256"),
            "signatures": len(ranges), "covers_file": covers}
