"""A TrueType subset for one document: the glyphs it draws, plus positioned copies of some of them.

HarfBuzz moves some spacing glyphs away from where the font's own metrics would put them: kerning
after a waw in a right-to-left run widens its advance and shifts its outline, Amiri's cursive
attachment lifts a letter. Drawn with a PDF position adjustment, such a gap looks right but text
extractors read it as a word break ("و يقترح"). So each such (glyph, offset, advance) becomes a
glyph of its own in the subset: a composite that places the original outline at the offset, with
the advance HarfBuzz gave. The PDF then draws it at the pen position with its own width, exactly
where HarfBuzz put it, and the widths in the PDF stay those of the font program (PDF/A).

Built from ReportLab's parse of the font (glyph offsets, metrics, raw tables); tables written:
cmap (the real characters of the glyphs kept), glyf, loca, hmtx, hhea, maxp, head, post (no
names), name, OS/2 and the hinting tables.
"""
from __future__ import annotations

import struct

from reportlab.pdfbase.ttfonts import TTFontMaker

_COMPOSITE_MORE = 0x0020
_ARGS_ARE_WORDS = 0x0001
_ARGS_ARE_XY = 0x0002
_HAS_SCALE = 0x0008
_HAS_XY_SCALE = 0x0040
_HAS_2X2 = 0x0080


def _components(data: bytes) -> list[tuple[int, int]]:
    """(offset of the glyph-id field, glyph id) of each component of a composite glyph."""
    out = []
    pos = 10
    flags = _COMPOSITE_MORE
    while flags & _COMPOSITE_MORE:
        flags, gid = struct.unpack(">HH", data[pos:pos + 4])
        out.append((pos + 2, gid))
        pos += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
        if flags & _HAS_SCALE:
            pos += 2
        elif flags & _HAS_XY_SCALE:
            pos += 4
        elif flags & _HAS_2X2:
            pos += 8
    return out


def _cmap_format4(pairs: list[tuple[int, int]]) -> bytes:
    """A (3,1) cmap with one segment per character (the subset is small)."""
    pairs = sorted((c, g) for c, g in pairs if c < 0xFFFF)
    segs = [(c, c, (g - c) & 0xFFFF) for c, g in pairs] + [(0xFFFF, 0xFFFF, 1)]
    n = len(segs)
    search = 1
    while search * 2 <= n:
        search *= 2
    entry = search.bit_length() - 1
    body = struct.pack(">%dH" % n, *[s[1] for s in segs]) + b"\0\0"
    body += struct.pack(">%dH" % n, *[s[0] for s in segs])
    body += struct.pack(">%dH" % n, *[s[2] for s in segs])
    body += b"\0\0" * n  # idRangeOffset
    length = 14 + len(body)
    sub = struct.pack(">7H", 4, length, 0, 2 * n, 2 * search, entry, 2 * n - 2 * search) + body
    return struct.pack(">HHHHL", 0, 1, 3, 1, 12) + sub


def make_subset(ttf, cmap: dict[int, int], entries: list[tuple[tuple[tuple[int, int, int], ...], int]]) -> bytes:
    """The font program for ``entries``: new glyph ``i + 1`` is ``(((gid, x, y), ...), advance)``.

    An entry with one part at (0, 0) and the glyph's own advance is a plain copy; any other entry
    becomes a composite placing its parts. ``cmap`` is the original font's character -> glyph map
    (for the subset's cmap).
    """
    glyf = ttf.get_table("glyf")
    glyph_pos = ttf.glyphPos
    hmetrics = ttf.hmetrics

    def raw(gid: int) -> bytes:
        return glyf[glyph_pos[gid]:glyph_pos[gid + 1]]

    def own_advance(gid: int) -> int:
        return int(hmetrics[gid][0])

    def is_plain(entry) -> bool:
        parts, adv = entry
        return len(parts) == 1 and parts[0][1:] == (0, 0) and adv == own_advance(parts[0][0])

    order = [(((0, 0, 0),), own_advance(0))] + list(entries)
    plain = [is_plain(entry) for entry in order]
    plain_index: dict[int, int] = {}
    for i, entry in enumerate(order):
        if plain[i]:
            plain_index.setdefault(entry[0][0][0], i)

    def need_plain(gid: int) -> None:
        if gid not in plain_index:
            plain_index[gid] = len(order)
            order.append((((gid, 0, 0),), own_advance(gid)))
            plain.append(True)

    i = 0
    while i < len(order):  # the list grows while we walk it (components of components)
        parts, _adv = order[i]
        positioned = not plain[i]
        i += 1
        for gid, _x, _y in parts:
            data = raw(gid)
            if positioned and data:
                need_plain(gid)
            if len(data) > 10 and struct.unpack(">h", data[:2])[0] < 0:
                for _pos, comp in _components(data):
                    need_plain(comp)

    glyphs: list[bytes] = []
    metrics: list[tuple[int, int]] = []
    depth_bump = False
    for k, entry in enumerate(order):
        parts, adv = entry
        if plain[k]:
            gid = parts[0][0]
            data = raw(gid)
            lsb = int(hmetrics[gid][1])
            lsb = lsb - 0x10000 if lsb >= 0x8000 else lsb  # ReportLab reads it unsigned
            if len(data) > 10 and struct.unpack(">h", data[:2])[0] < 0:
                patched = bytearray(data)
                for pos, comp in _components(data):
                    struct.pack_into(">H", patched, pos, plain_index[comp])
                data = bytes(patched)
        else:
            data, lsb = _composite([(gid, x, y) for gid, x, y in parts if raw(gid)], raw, plain_index)
            depth_bump = depth_bump or bool(data)
        glyphs.append(data)
        metrics.append((max(0, adv), lsb))

    out = TTFontMaker()
    for tag in ("name", "OS/2", "cvt ", "fpgm", "prep"):
        try:
            out.add(tag, ttf.get_table(tag))
        except KeyError:
            pass
    out.add("post", b"\x00\x03\x00\x00" + ttf.get_table("post")[4:16] + b"\x00" * 16)
    offsets = [0]
    body = bytearray()
    for data in glyphs:
        body += data
        body += b"\0" * (-len(body) % 4)
        offsets.append(len(body))
    out.add("glyf", bytes(body))
    out.add("loca", struct.pack(">%dL" % len(offsets), *offsets))
    out.add("hmtx", b"".join(struct.pack(">Hh", a, l) for a, l in metrics))
    n = len(glyphs)
    hhea = bytearray(ttf.get_table("hhea"))
    struct.pack_into(">H", hhea, 10, max(max(a for a, _ in metrics), struct.unpack(">H", hhea[10:12])[0]))
    struct.pack_into(">H", hhea, 34, n)
    out.add("hhea", bytes(hhea))
    maxp = bytearray(ttf.get_table("maxp"))
    struct.pack_into(">H", maxp, 4, n)
    if depth_bump and len(maxp) >= 32:
        elements, depth = struct.unpack(">HH", maxp[28:32])
        most = max(len(parts) for parts, _ in order)
        struct.pack_into(">HH", maxp, 28, max(elements, most), depth + 1)
    out.add("maxp", bytes(maxp))
    head = bytearray(ttf.get_table("head"))
    struct.pack_into(">h", head, 50, 1)  # long loca offsets
    out.add("head", bytes(head))
    out.add("cmap", _cmap_format4([(c, plain_index[g]) for c, g in cmap.items() if g in plain_index and g]))
    return out.makeStream()


def _composite(parts, raw, plain_index) -> tuple[bytes, int]:
    """A composite glyph placing ``parts`` (gid, x, y); its left side bearing."""
    if not parts:
        return b"", 0
    boxes = []
    records = []
    for k, (gid, x, y) in enumerate(parts):
        x0, y0, x1, y1 = struct.unpack(">4h", raw(gid)[2:10])
        boxes.append((x0 + x, y0 + y, x1 + x, y1 + y))
        flags = _ARGS_ARE_WORDS | _ARGS_ARE_XY | (_COMPOSITE_MORE if k + 1 < len(parts) else 0)
        records.append(struct.pack(">HHhh", flags, plain_index[gid], x, y))
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return struct.pack(">5h", -1, *bbox) + b"".join(records), bbox[0]
