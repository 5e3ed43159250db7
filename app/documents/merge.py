"""Merging sealed record PDFs into one print-ready PDF, streamed (memory stays flat).

Each added document is opened (pikepdf), and the objects its pages need are written straight to
one temporary file next to the output, renumbered, as a plain PDF body; nothing of a record stays
in memory once it is written (only each object's file offset and the list of page objects). At
:meth:`StreamingMerger.finish` the first part (the index sheet) is written the same way, then the
page tree (the first part's pages first), catalog, document information, cross-reference table
and trailer; the file is then renamed to the output. No second pass over the records, no chunk
files, no merge of everything in memory (pikepdf/qpdf hold every page's objects of a document
until it is saved: ~300 MB for 1,000 records).

The copies drop the pages' annotations (the invisible seal widget): a merged export is a print
copy, not a sealed record; the sealed originals stay in the archive. The merged file is PDF/A-3b
like the records it copies (their fonts come along with their pages): XMP identification, an
sRGB output intent, ``/Lang ar`` and a creation date. Streams are copied as they
are (still compressed). Inheritable page attributes (resources, boxes, rotation) are copied onto
each page; references to other page trees or catalogs become ``null``.

Every file this module writes is removed by :meth:`StreamingMerger.close` unless it was handed over
as the finished output.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import tempfile
import zlib
from array import array
from collections import deque
from pathlib import Path

import pikepdf

from .icc import DESCRIPTION as SRGB, srgb_profile

__all__ = ["StreamingMerger", "page_count", "seal_facts"]

_REF = re.compile(rb"(\d+) (\d+) R(?![A-Za-z0-9_])")
_INHERITABLE = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
_DROP_FROM_PAGE = ("/Parent", "/Annots")
_NOT_COPIED_TYPES = ("/Pages", "/Catalog")
_MAX_TREE_DEPTH = 64

# Object numbers of the merged file fixed in advance.
_CATALOG, _PAGES, _INFO = 1, 2, 3


def page_count(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)


def _renumber(text: bytes, replace) -> bytes:
    """Apply ``replace`` to every ``n g R`` of an unparsed object, outside literal strings."""
    if b"(" not in text:
        return _REF.sub(replace, text)
    out: list[bytes] = []
    start = 0
    n = len(text)
    while True:
        i = text.find(b"(", start)
        if i < 0:
            out.append(_REF.sub(replace, text[start:]))
            return b"".join(out)
        out.append(_REF.sub(replace, text[start:i]))
        j, depth = i + 1, 1
        while j < n and depth:
            c = text[j]
            if c == 0x5C:  # backslash: the next byte is escaped
                j += 2
                continue
            if c == 0x28:
                depth += 1
            elif c == 0x29:
                depth -= 1
            j += 1
        out.append(text[i:j])
        start = j


def _pdf_text(value: str) -> bytes:
    """A PDF text string (UTF-16BE with BOM, hex)."""
    return b"<" + ("\ufeff" + value).encode("utf-16-be").hex().encode() + b">"


def _xml_escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class StreamingMerger:
    def __init__(self, folder: Path, prefix: str = ".merge", chunk_size: int = 100) -> None:
        self.folder = Path(folder)
        self.prefix = prefix
        self.chunk_size = max(1, int(chunk_size))  # kept for callers; the body is written as it comes
        self.pages = 0
        self.documents = 0
        self._body: Path | None = None
        self._fh = None
        self._offsets = array("q", [0, 0, 0, 0])  # index = object number; 0 is the free head
        self._kids = array("q")
        self._closed = False

    # ------------------------------------------------------------------ adding
    def add(self, pdf: bytes, inspect=None) -> int:
        """Append one document's pages; returns how many pages it had. ``inspect(doc)`` is called with
        the opened document first (e.g. :func:`seal_facts`). Raises ``pikepdf.PdfError`` for a PDF
        that cannot be read (nothing of it is added)."""
        if self._closed:
            raise RuntimeError("merger closed")
        with pikepdf.open(io.BytesIO(pdf)) as src:
            if inspect is not None:
                inspect(src)
            kids = self._write_part(src)
        self._kids.extend(kids)
        self.pages += len(kids)
        self.documents += 1
        return len(kids)

    def _open_body(self) -> None:
        if self._fh is None:
            fd, name = tempfile.mkstemp(prefix=self.prefix + ".", suffix=".part", dir=self.folder)
            self._body = Path(name)
            self._fh = os.fdopen(fd, "wb", buffering=1 << 20)
            self._fh.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def _write_part(self, src: pikepdf.Pdf) -> list[int]:
        """Write the objects the pages of ``src`` need; return the new numbers of its pages. The part
        is assembled in memory first (one record), so a failure adds nothing."""
        self._open_body()
        first_num = len(self._offsets)
        next_num = first_num
        mapping: dict[tuple[int, int], int] = {}
        queue: deque = deque()
        pages = [p.obj for p in src.pages]
        page_nums = []
        for page in pages:
            mapping[page.objgen] = next_num
            page_nums.append(next_num)
            next_num += 1

        def ref(match: re.Match) -> bytes:
            nonlocal next_num
            key = (int(match.group(1)), int(match.group(2)))
            num = mapping.get(key)
            if num is None:
                obj = src.get_object(key)
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") in _NOT_COPIED_TYPES:
                    return b"null"
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Page":
                    return b"null"  # a page of the document that is not copied (never: all are)
                num = next_num
                next_num += 1
                mapping[key] = num
                queue.append((obj, num))
            return b"%d 0 R" % num

        buf = io.BytesIO()
        offsets: list[int] = []
        base = self._fh.tell()
        for page, num in zip(pages, page_nums):
            body = pikepdf.Dictionary({k: page[k] for k in page.keys() if k not in _DROP_FROM_PAGE})
            for key in _INHERITABLE:
                if key not in body:
                    value = _inherited(page, key)
                    if value is not None:
                        body[key] = value
            text = _renumber(body.unparse(), ref)
            offsets.append(base + buf.tell())
            buf.write(b"%d 0 obj\n%s/Parent %d 0 R >>\nendobj\n" % (num, text[:-2], _PAGES))
        while queue:
            obj, num = queue.popleft()
            offsets.append(base + buf.tell())
            if not isinstance(obj, pikepdf.Object):  # a missing object reads as null
                buf.write(b"%d 0 obj\nnull\nendobj\n" % num)
            elif isinstance(obj, pikepdf.Stream):
                raw = obj.read_raw_bytes()
                sd = obj.stream_dict
                head = pikepdf.Dictionary({k: sd[k] for k in sd.keys() if k != "/Length"}).unparse()
                buf.write(b"%d 0 obj\n%s/Length %d >>\nstream\n" % (num, _renumber(head, ref)[:-2], len(raw)))
                buf.write(raw)
                buf.write(b"\nendstream\nendobj\n")
            else:
                text = obj.unparse(resolved=True) if obj.is_indirect else obj.unparse()
                buf.write(b"%d 0 obj\n%s\nendobj\n" % (num, _renumber(text, ref)))
        # numbers were handed out in the order pages, then queue order: the same order as offsets
        assert len(offsets) == next_num - first_num
        self._fh.write(buf.getbuffer())
        self._offsets.extend(offsets)
        return page_nums

    # ------------------------------------------------------------------ finishing
    def finish(self, out_path: Path, first: bytes | None = None, *, title: str = "") -> Path:
        """Write ``first`` (e.g. the index sheet) then every added page to ``out_path``."""
        if self._closed:
            raise RuntimeError("merger closed")
        self._open_body()
        head: list[int] = []
        if first:
            with pikepdf.open(io.BytesIO(first)) as src:
                head = self._write_part(src)
        fh = self._fh
        kids = list(head) + list(self._kids)
        created = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        metadata = self._write_metadata(title, created)
        profile = self._write_profile()

        def obj(num: int, body: bytes) -> None:
            self._offsets[num] = fh.tell()
            fh.write(b"%d 0 obj\n%s\nendobj\n" % (num, body))

        intent = (b"<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier %s /Info %s "
                  b"/DestOutputProfile %d 0 R >>" % (_pdf_text(SRGB), _pdf_text(SRGB), profile))
        obj(_CATALOG, b"<< /Type /Catalog /Pages %d 0 R /Metadata %d 0 R /Lang (ar) /OutputIntents [ %s ] >>"
            % (_PAGES, metadata, intent))
        self._offsets[_PAGES] = fh.tell()
        fh.write(b"%d 0 obj\n<< /Type /Pages /Count %d /Kids [" % (_PAGES, len(kids)))
        for k in range(0, len(kids), 1000):
            fh.write(b"".join(b" %d 0 R" % n for n in kids[k:k + 1000]))
        fh.write(b" ] >>\nendobj\n")
        info = b"<< /Producer (consent-desk) /CreationDate (%s)" % created.strftime("D:%Y%m%d%H%M%S+00'00'").encode()
        if title:
            info += b" /Title " + _pdf_text(title)
        obj(_INFO, info + b" >>")
        xref = fh.tell()
        size = len(self._offsets)
        fh.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        for k in range(1, size, 4096):
            fh.write(b"".join(b"%010d 00000 n \n" % off for off in self._offsets[k:k + 4096]))
        ident = hashlib.md5(b"%d %d %d" % (size, len(kids), xref)).hexdigest().encode()
        fh.write(b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [ <%s> <%s> ] >>\nstartxref\n%d\n%%%%EOF\n"
                 % (size, _CATALOG, _INFO, ident, ident, xref))
        fh.flush()
        os.fsync(fh.fileno())
        fh.close()
        self._fh = None
        os.replace(self._body, out_path)
        self._body = None
        return Path(out_path)

    def _write_profile(self) -> int:
        data = zlib.compress(srgb_profile())
        num = len(self._offsets)
        self._offsets.append(self._fh.tell())
        self._fh.write(b"%d 0 obj\n<< /N 3 /Filter /FlateDecode /Length %d >>\nstream\n" % (num, len(data)))
        self._fh.write(data + b"\nendstream\nendobj\n")
        return num

    def _write_metadata(self, title: str, created: dt.datetime) -> int:
        when = created.strftime("%Y-%m-%dT%H:%M:%S+00:00")
        xmp = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
               '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
               '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
               '<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>'
               '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
               'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
               '<pdf:Producer>consent-desk</pdf:Producer>'
               f'<xmp:CreateDate>{when}</xmp:CreateDate>'
               '<dc:language><rdf:Bag><rdf:li>ar</rdf:li></rdf:Bag></dc:language>'
               + (f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_xml_escape(title)}</rdf:li></rdf:Alt></dc:title>'
                  if title else "")
               + '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode("utf-8")
        num = len(self._offsets)
        self._offsets.append(self._fh.tell())
        self._fh.write(b"%d 0 obj\n<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % (num, len(xmp)))
        self._fh.write(xmp + b"\nendstream\nendobj\n")
        return num

    def close(self) -> None:
        """Remove the temporary file (idempotent)."""
        self._closed = True
        if self._fh is not None:
            try:
                self._fh.close()
            except OSError:
                pass
            self._fh = None
        if self._body is not None:
            try:
                self._body.unlink()
            except FileNotFoundError:
                pass
            self._body = None

    def __enter__(self) -> "StreamingMerger":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _inherited(page: pikepdf.Dictionary, key: str):
    node = page.get("/Parent")
    for _ in range(_MAX_TREE_DEPTH):
        if not isinstance(node, pikepdf.Dictionary):
            return None
        if key in node:
            return node[key]
        node = node.get("/Parent")
    return None


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
