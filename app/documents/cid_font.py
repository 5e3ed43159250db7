"""Amiri embedded as a composite (Type0 / CIDFontType2) font whose ToUnicode map we write.

HarfBuzz gives glyph ids, not characters, and a glyph may stand for several letters (a ligature)
or for a different text in another place (a bracket mirrored in a right-to-left run), and is often
drawn away from where the font's own metrics would put it (see :mod:`font_subset`). So every distinct (glyph, text) pair
a document draws gets its own code (CID): the CIDToGIDMap sends the CID to the glyph of a subset
of the font, and the ToUnicode CMap sends it back to its text, multi-letter strings included.

:class:`ShapedTTFont` is registered with ReportLab under the font's usual name: it measures like a
TrueType font, and it is the only way our fonts reach a PDF (ReportLab's own ``drawString`` with
these fonts lands here too, so no page holds a second, unshaped embedding of Amiri). The objects
are written when the document is saved (ReportLab's "dynamic font" protocol).
"""
from __future__ import annotations

import hashlib
import struct
import threading
from weakref import WeakKeyDictionary

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont

from . import shaping
from .font_subset import make_subset

_MAX_BFCHAR = 100  # entries per beginbfchar block (PDF limit)


class _DocFont:
    """The codes one document uses in one font."""

    def __init__(self, resource: str) -> None:
        self.resource = resource  # e.g. "F1" (the page resource name)
        self.codes: dict[tuple[tuple, str], int] = {}
        self.order: list[tuple[tuple, str]] = []
        self.lock = threading.Lock()

    def code(self, variant: tuple, text: str) -> int:
        """The CID of glyph ``variant`` = (((gid, x, y), ...), advance) standing for ``text``."""
        key = (variant, text)
        cid = self.codes.get(key)
        if cid is None:
            with self.lock:
                cid = self.codes.get(key)
                if cid is None:
                    self.order.append(key)
                    cid = self.codes[key] = len(self.order)  # CID 0 stays .notdef
        return cid


class ShapedTTFont(TTFont):
    """A TrueType font for ReportLab whose text is drawn as shaped glyphs (see the module doc)."""

    def __init__(self, name: str) -> None:
        # TTFont.__init__ would parse the file a second time: share the shaping face's parse.
        self.fontName = name
        self.face = shaping.face(name).ttf
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = False
        self._shapable = False
        self._docs: WeakKeyDictionary = WeakKeyDictionary()
        self._docs_lock = threading.Lock()

    # -- measuring ------------------------------------------------------------------------------
    def stringWidth(self, text, size, encoding="utf8"):
        from .line_layout import layout_line

        if isinstance(text, bytes):
            text = text.decode(encoding)
        return layout_line(text, self.fontName, None).width(size)

    # -- per document codes --------------------------------------------------------------------
    def doc_font(self, doc) -> _DocFont:
        state = self._docs.get(doc)
        if state is None:
            with self._docs_lock:
                state = self._docs.get(doc)
                if state is None:
                    resource = "F%d" % (len(doc.fontMapping) + 1)
                    while "/" + resource in doc.fontMapping.values():
                        resource += "x"
                    doc.fontMapping[self.fontName] = "/" + resource
                    doc.delayedFonts.append(self)
                    state = self._docs[doc] = _DocFont(resource)
        return state

    def encode(self, doc, glyphs) -> bytes:
        """Two-byte codes (Identity-H) of ``glyphs`` (``shaping.Glyph``) in this document.

        Each glyph is drawn as HarfBuzz placed it: when its offset, advance or parts differ from
        the font's own glyph, a glyph of the subset holds them (see :mod:`font_subset`).
        """
        state = self.doc_font(doc)
        return b"".join(struct.pack(">H", state.code((g.parts, max(g.advance, 0)), g.text)) for g in glyphs)

    # ReportLab's dynamic-font protocol: drawString() and friends end up here.
    def splitString(self, text, doc, encoding="utf-8"):
        from .line_layout import layout_line

        if isinstance(text, bytes):
            text = text.decode(encoding)
        glyphs = [g for g in layout_line(text, self.fontName, None).glyphs if g.gid and g.text]
        return [(0, self.encode(doc, glyphs))]

    def getSubsetInternalName(self, subset, doc):
        return "/" + self.doc_font(doc).resource

    def addObjects(self, doc):
        state = self._docs.get(doc)
        if state is None:
            return  # never used in this document
        _write_font(doc, shaping.face(self.fontName), state)
        with self._docs_lock:
            self._docs.pop(doc, None)


# -- writing the font objects -----------------------------------------------------------------------
def _subset_tag(variants) -> str:
    digest = hashlib.sha256(repr(variants).encode()).digest()
    return "".join(chr(ord("A") + b % 26) for b in digest[:6])


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def to_unicode_cmap(entries: list[tuple[int, str]]) -> bytes:
    """A ToUnicode CMap (two-byte codes) for ``(cid, text)`` pairs."""
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    for k in range(0, len(entries), _MAX_BFCHAR):
        chunk = entries[k:k + _MAX_BFCHAR]
        lines.append("%d beginbfchar" % len(chunk))
        lines += ["<%04X> <%s>" % (cid, _utf16_hex(text)) for cid, text in chunk]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return ("\n".join(lines) + "\n").encode("ascii")


def _stream(doc, content: bytes, extra: dict | None = None) -> pdfdoc.PDFStream:
    s = pdfdoc.PDFStream(content=content, filters=[pdfdoc.PDFZCompress] if doc.compression else [])
    for k, v in (extra or {}).items():
        s.dictionary[k] = v
    return s


def _write_font(doc, face: shaping._Face, state: _DocFont) -> None:
    variants = list(dict.fromkeys(v for v, _ in state.order))
    new_id = {v: i + 1 for i, v in enumerate(variants)}
    program = make_subset(face.ttf, face.cmap, variants)
    name = "%s+%s" % (_subset_tag(variants), face.ttf.name.decode("latin-1"))
    scale = 1000.0 / face.upem
    key = "ShapedFont:%s:%s" % (state.resource, name)

    font_file = doc.Reference(_stream(doc, program, {"Length1": len(program)}), key + ":FontFile2")
    ttf = face.ttf
    descriptor = doc.Reference(pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("FontDescriptor"), "FontName": pdfdoc.PDFName(name),
        "Flags": 4, "FontBBox": pdfdoc.PDFArray(ttf.bbox), "ItalicAngle": ttf.italicAngle,
        "Ascent": ttf.ascent, "Descent": ttf.descent, "CapHeight": ttf.capHeight,
        "StemV": ttf.stemV, "FontFile2": font_file,
    }), key + ":FontDescriptor")
    cid_to_gid = b"\x00\x00" + b"".join(struct.pack(">H", new_id[v]) for v, _ in state.order)
    widths = [round(v[1] * scale) for v, _ in state.order]
    descendant = doc.Reference(pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("Font"), "Subtype": pdfdoc.PDFName("CIDFontType2"),
        "BaseFont": pdfdoc.PDFName(name),
        "CIDSystemInfo": pdfdoc.PDFDictionary({"Registry": pdfdoc.PDFString("Adobe"),
                                               "Ordering": pdfdoc.PDFString("Identity"), "Supplement": 0}),
        "FontDescriptor": descriptor, "DW": 0,
        "W": pdfdoc.PDFArray([1, pdfdoc.PDFArray(widths)] if widths else []),
        "CIDToGIDMap": doc.Reference(_stream(doc, cid_to_gid), key + ":CIDToGIDMap"),
    }), key + ":CIDFont")
    cmap = to_unicode_cmap([(cid, text) for cid, (_gid, text) in enumerate(state.order, start=1)])
    type0 = doc.Reference(pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("Font"), "Subtype": pdfdoc.PDFName("Type0"),
        "BaseFont": pdfdoc.PDFName(name), "Encoding": pdfdoc.PDFName("Identity-H"),
        "DescendantFonts": pdfdoc.PDFArray([descendant]),
        "ToUnicode": doc.Reference(_stream(doc, cmap), key + ":ToUnicode"),
    }), key)
    doc.idToObject[pdfdoc.BasicFonts].dict[state.resource] = type0
