"""PDF/A-3b for every PDF the desk writes with ReportLab: identification, metadata, output intent.

:func:`make_pdfa` prepares a canvas's document before it is saved:

* XMP metadata (uncompressed, as PDF/A asks): ``pdfaid:part`` 3 and ``pdfaid:conformance`` B,
  ``dc:title``, ``dc:description``, ``dc:language``, creation and modification dates and the
  creator tool, each equal to its entry in the document information dictionary (which holds no
  other entries; the producer is left to the seal, which writes it to both places, and so is the
  modification date of a sealed file);
* ``/Lang`` on the catalog and an sRGB output intent (:mod:`icc`);
* PDF version 1.7 in the header.

:func:`pdfa_streams` (used while a document is built, under the build lock) makes ReportLab end
every stream with an end-of-line before ``endstream``, as PDF/A's file structure rules ask.

The seal (pyHanko) later appends one revision with ``record.json`` as an associated file
(``/AF``, ``/AFRelationship /Data``) and the signature; pyHanko updates the XMP packet in place,
keeping the PDF/A identification (checked by the tests).
"""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfdoc

from .icc import DESCRIPTION as SRGB, srgb_profile

CREATOR = "consent-desk"
_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class DocMeta:
    title: str
    subject: str = ""
    author: str = ""
    created: dt.datetime | None = None  # aware; the record's creation time
    lang: str = "ar"


def parse_instant(value) -> dt.datetime | None:
    """An ISO 8601 instant ("2026-11-28T07:15:00+00:00" or "...Z") as an aware datetime, or None."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)


def _pdf_date(when: dt.datetime) -> str:
    utc = when.astimezone(dt.timezone.utc)
    return utc.strftime("D:%Y%m%d%H%M%S+00'00'")


def _xmp_date(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def xmp_packet(meta: DocMeta) -> bytes:
    when = _xmp_date(meta.created or _EPOCH)
    dc = ["<dc:format>application/pdf</dc:format>",
          '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title>' % escape(meta.title),
          "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>" % escape(meta.lang)]
    if meta.subject:
        dc.append('<dc:description><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt>'
                  "</dc:description>" % escape(meta.subject))
    if meta.author:
        dc.append("<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>" % escape(meta.author))
    body = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
        "<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>\n"
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">%s</rdf:Description>\n'
        '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        "<xmp:CreateDate>%s</xmp:CreateDate><xmp:ModifyDate>%s</xmp:ModifyDate>"
        "<xmp:CreatorTool>%s</xmp:CreatorTool></rdf:Description>\n"
        "</rdf:RDF>\n</x:xmpmeta>\n" % ("".join(dc), when, when, CREATOR))
    return (body + " " * 512 + '\n<?xpacket end="w"?>\n').encode("utf-8")


class _Info(pdfdoc.PDFInfo):
    """The document information dictionary: only entries that the XMP packet repeats."""

    def __init__(self, meta: DocMeta) -> None:
        super().__init__()
        self.meta = meta
        self.title, self.author, self.subject = meta.title, meta.author, meta.subject

    def format(self, document):
        meta = self.meta
        entries = {"Title": pdfdoc.PDFString(meta.title), "Creator": pdfdoc.PDFString(CREATOR),
                   "CreationDate": pdfdoc.PDFString(_pdf_date(meta.created or _EPOCH))}
        if meta.subject:
            entries["Subject"] = pdfdoc.PDFString(meta.subject)
        if meta.author:
            entries["Author"] = pdfdoc.PDFString(meta.author)
        return pdfdoc.PDFDictionary(entries).format(document)


class _PlainStream(pdfdoc.PDFStream):
    """A stream written as it is (XMP must stay readable without filters)."""

    def format(self, document):
        d = pdfdoc.PDFDictionary(self.dictionary.dict.copy())
        d["Length"] = len(self.content)
        return pdfdoc.format(d, document) + b"\nstream\n" + self.content + b"\nendstream\n"


def make_pdfa(canvas, meta: DocMeta) -> None:
    """Turn the document of ``canvas`` (before it is saved) into PDF/A-3b."""
    doc = canvas._doc
    doc._pdfVersion = (1, 7)
    doc.info = _Info(meta)
    cat = doc.Catalog
    cat.Lang = pdfdoc.PDFString(meta.lang)
    xmp = _PlainStream(content=xmp_packet(meta))
    xmp.dictionary["Type"] = pdfdoc.PDFName("Metadata")
    xmp.dictionary["Subtype"] = pdfdoc.PDFName("XML")
    cat.Metadata = xmp
    icc = pdfdoc.PDFStream(content=srgb_profile(), filters=[pdfdoc.PDFZCompress])
    icc.dictionary["N"] = 3
    cat.OutputIntents = pdfdoc.PDFArray([pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("OutputIntent"), "S": pdfdoc.PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": pdfdoc.PDFString(SRGB), "Info": pdfdoc.PDFString(SRGB),
        "DestOutputProfile": doc.Reference(icc, "sRGBOutputProfile")})])
    if "OutputIntents" not in cat.__NoDefault__:
        cat.__NoDefault__ = list(cat.__NoDefault__) + ["OutputIntents"]


_original_stream_format = pdfdoc.PDFStream.format


def _stream_format_with_eol(self, document):
    out = _original_stream_format(self, document)
    if out.endswith(b"endstream\n"):
        out = out[:-len(b"endstream\n")] + b"\nendstream\n"
    return out


@contextmanager
def pdfa_streams():
    """While a document is written: every stream ends with an EOL before ``endstream``.

    ReportLab writes ``...data endstream``; PDF/A wants ``...data EOL endstream`` (the EOL is not
    counted in ``/Length``). Call only under the build lock: this swaps a ReportLab method.
    """
    pdfdoc.PDFStream.format = _stream_format_with_eol
    try:
        yield
    finally:
        pdfdoc.PDFStream.format = _original_stream_format
