"""PDF/A-3b, checked structurally (no validator is installed here): before and after the seal.

What is checked, clause by clause of ISO 19005-3 as veraPDF tests it: the XMP packet (unfiltered,
pdfaid part 3 / conformance B) and its agreement with the document information dictionary; the
sRGB output intent; /Lang; embedded fonts whose widths are those of the embedded programs and
that never draw .notdef; streams ended by an EOL before ``endstream`` with exact lengths; no
encryption; a trailer ID; ``record.json`` as an associated file with its MIME type and
modification date; the record's creation time (not 2000-01-01) and a title per record kind. The
record of a demonstration (``sample_record`` is one: its DEMONSTRATION watermark, a faded picture, on
every page) sealed with the demonstration seal is checked the same way.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import struct
import xml.etree.ElementTree as ET

import pikepdf
import pytest
from reportlab.pdfbase.ttfonts import TTFontFile

from app.documents.certificates import create_self_signed, load_identity_from_pem
from app.documents.index_sheet import IndexHeader, IndexRow, render_index_sheet
from app.documents.merge import StreamingMerger
from app.documents.record_pdf import render_record_pdf
from app.documents.seal import seal_pdf
from tests.documents.test_record_pdf import SHA, sample_form, sample_record

NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
      "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
      "pdf": "http://ns.adobe.com/pdf/1.3/"}


@pytest.fixture(scope="module")
def identity():
    return load_identity_from_pem(*create_self_signed("Consent Desk Seal", "Test Hospital"))


def _sealed(kind: str, identity) -> bytes:
    record = sample_record(kind)
    data = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    sha = hashlib.sha256(data).hexdigest()
    return seal_pdf(render_record_pdf(record, sha, sample_form()), data, sha, record["record_id"], identity)


@pytest.fixture(scope="module")
def demo_sealed() -> bytes:
    """A demonstration with an approved form (so its only watermark is DEMONSTRATION), sealed with the
    demonstration seal, as ``demo`` makes them."""
    from app.documents.certificates import create_demo_identity

    record = sample_record(approved=True)
    assert record["demo"] is True
    data = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    sha = hashlib.sha256(data).hexdigest()
    return seal_pdf(render_record_pdf(record, sha, sample_form()), data, sha, record["record_id"],
                    create_demo_identity("Test Hospital"))


@pytest.fixture(scope="module")
def unsealed() -> bytes:
    return render_record_pdf(sample_record(), SHA, sample_form())


@pytest.fixture(scope="module")
def sealed(identity) -> bytes:
    return _sealed("consent", identity)


def _xmp_values(pdf: pikepdf.Pdf) -> dict[str, str]:
    meta = pdf.Root.Metadata
    assert "/Filter" not in meta.stream_dict  # PDF/A: metadata readable without filters
    root = ET.fromstring(meta.read_bytes().decode("utf-8").split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
    out = {}
    for desc in root.iter("{%s}Description" % NS["rdf"]):
        for key, value in desc.attrib.items():
            out[key] = value
        for child in desc:
            texts = [t for t in child.itertext() if t.strip()]
            out[child.tag] = texts[0] if texts else (child.text or "")
    return out


def _q(prefix: str, name: str) -> str:
    return "{%s}%s" % (NS[prefix], name)


def _pdf_date(value: str) -> dt.datetime:
    m = re.match(r"D:(\d{14})([+-Z])(\d\d)?'?(\d\d)?", value)
    when = dt.datetime.strptime(m.group(1), "%Y%m%d%H%M%S")
    if m.group(2) == "Z" or not m.group(3):
        return when.replace(tzinfo=dt.timezone.utc)
    sign = 1 if m.group(2) == "+" else -1
    return when.replace(tzinfo=dt.timezone(sign * dt.timedelta(hours=int(m.group(3)), minutes=int(m.group(4)))))


@pytest.mark.parametrize("which", ["unsealed", "sealed", "demo_sealed"])
def test_identification_and_metadata_agree(which, request):
    pdf = pikepdf.open(io.BytesIO(request.getfixturevalue(which)))
    xmp = _xmp_values(pdf)
    assert xmp[_q("pdfaid", "part")] == "3" and xmp[_q("pdfaid", "conformance")] == "B"
    info = pdf.docinfo
    assert str(info["/Title"]) == xmp[_q("dc", "title")]
    assert str(info["/Creator"]) == xmp[_q("xmp", "CreatorTool")]
    assert str(info["/Subject"]) == xmp[_q("dc", "description")]
    created = _pdf_date(str(info["/CreationDate"]))
    assert created == dt.datetime.fromisoformat(xmp[_q("xmp", "CreateDate")])
    assert created == dt.datetime(2026, 11, 28, 7, 15, tzinfo=dt.timezone.utc)  # the record's, not 2000
    if "/Producer" in info:
        assert str(info["/Producer"]) == xmp[_q("pdf", "Producer")]
    if "/ModDate" in info:
        assert _pdf_date(str(info["/ModDate"])) == dt.datetime.fromisoformat(xmp[_q("xmp", "ModifyDate")])
    assert set(str(k) for k in info.keys()) <= {"/Title", "/Creator", "/Subject", "/Author", "/CreationDate",
                                                "/ModDate", "/Producer", "/ConsentRecordId",
                                                "/ConsentRecordSHA256"}


@pytest.mark.parametrize("which", ["unsealed", "sealed", "demo_sealed"])
def test_output_intent_language_and_no_encryption(which, request):
    raw = request.getfixturevalue(which)
    pdf = pikepdf.open(io.BytesIO(raw))
    assert str(pdf.Root.Lang) == "ar"
    (intent,) = list(pdf.Root.OutputIntents)
    assert intent.S == "/GTS_PDFA1"
    profile = intent.DestOutputProfile
    assert int(profile.N) == 3
    icc = profile.read_bytes()
    assert icc[36:40] == b"acsp" and icc[16:20] == b"RGB " and icc[12:16] == b"mntr" and icc[8] == 2
    assert "/Encrypt" not in pdf.trailer and len(pdf.trailer.ID) == 2
    assert raw.startswith(b"%PDF-1.7\n%") and all(b > 127 for b in raw[10:14])


@pytest.mark.parametrize("which", ["unsealed", "sealed", "demo_sealed"])
def test_every_stream_ends_with_an_eol_and_its_length_is_exact(which, request):
    raw = request.getfixturevalue(which)
    streams = list(re.finditer(rb"/Length (\d+)\b[^>]*>>\s*stream(\r\n|\n)", raw))
    assert len(streams) > 10
    for m in streams:
        start = m.end()
        length = int(m.group(1))
        assert raw[start + length:start + length + 10] in (b"\nendstream", b"\r\nendstrea"), raw[start + length - 5:
                                                                                               start + length + 10]


@pytest.mark.parametrize("which", ["sealed", "demo_sealed"])
def test_fonts_are_embedded_with_the_program_s_widths_and_no_notdef(which, request):
    pdf = pikepdf.open(io.BytesIO(request.getfixturevalue(which)))
    seen = 0
    for page in pdf.pages:
        for _name, font in page.Resources.Font.items():
            seen += 1
            assert font.Subtype == "/Type0" and font.Encoding == "/Identity-H" and "/ToUnicode" in font
            cid = font.DescendantFonts[0]
            assert cid.Subtype == "/CIDFontType2" and re.match(r"/[A-Z]{6}\+Amiri", str(cid.BaseFont))
            program = cid.FontDescriptor.FontFile2.read_bytes()
            ttf = TTFontFile(io.BytesIO(program), validate=False)
            to_gid = cid.CIDToGIDMap.read_bytes()
            first, widths = int(cid.W[0]), [int(w) for w in cid.W[1]]
            for k, width in enumerate(widths):
                gid = struct.unpack(">H", to_gid[2 * (first + k):2 * (first + k) + 2])[0]
                assert gid != 0  # never .notdef
                assert width == ttf.hmetrics[gid][0] * 1000 // ttf.unitsPerEm
    assert seen


@pytest.mark.parametrize("kind, title", [("consent", "موافقة مستنيرة على إجراء رأب الفقرة (Vertebroplasty)"),
                                         ("refusal", "إقرار برفض الإجراء"),
                                         ("verification", "التحقق قبل الإجراء")])
def test_each_record_kind_has_its_own_title(kind, title, identity):
    pdf = pikepdf.open(io.BytesIO(_sealed(kind, identity)))
    assert str(pdf.docinfo["/Title"]) == title
    assert _xmp_values(pdf)[_q("dc", "title")] == title


def test_the_demonstration_watermark_is_a_picture_on_every_page(demo_sealed):
    """An image with a soft mask (no text of its own) in one form drawn on each page; the sealed
    demonstration verifies as one (and only as one)."""
    from app.documents.pdf_verify import verify_pdf
    from app.documents.trust import NO_TRUST

    pdf = pikepdf.open(io.BytesIO(demo_sealed))
    forms = set()
    for page in pdf.pages:
        marks = [(name, x) for name, x in page.Resources.XObject.items() if "Watermark" in name]
        assert len(marks) == 1
        name, form = marks[0]
        assert form.Subtype == "/Form"
        (image,) = [x for x in form.Resources.XObject.values() if x.Subtype == "/Image"]
        assert "/SMask" in image
        forms.add(form.objgen)
    assert len(forms) == 1 and len(pdf.pages) > 1
    result = verify_pdf(demo_sealed, NO_TRUST, demo=True)
    assert result.valid and result.demo
    assert verify_pdf(demo_sealed, NO_TRUST).reason == "demo_seal"


def test_record_json_is_an_associated_file(sealed):
    pdf = pikepdf.open(io.BytesIO(sealed))
    (spec,) = list(pdf.Root.AF)
    assert spec.AFRelationship == "/Data" and str(spec.UF) == "record.json" and "/Desc" in spec
    stream = spec.EF.F
    assert stream.Subtype == "/application/json" and "/ModDate" in stream.Params
    assert _pdf_date(str(stream.Params.ModDate)) == dt.datetime(2026, 11, 28, 7, 45, tzinfo=dt.timezone.utc)


def test_the_merged_export_is_pdf_a_too(sealed, tmp_path):
    header = IndexHeader("مستشفى", "تصدير", "من 2026-11-01 إلى 2026-11-30", "2026-11-30", "1 سجل")
    first = render_index_sheet(header, [IndexRow("CR-2026-000123", "فاطمة", "M-1", "2026-11-28", "signed", True)])
    with StreamingMerger(tmp_path) as merger:
        merger.add(sealed)
        out = merger.finish(tmp_path / "export.pdf", first, title="تصدير")
    pdf = pikepdf.open(out)
    xmp = _xmp_values(pdf)
    assert xmp[_q("pdfaid", "part")] == "3" and str(pdf.Root.Lang) == "ar"
    assert list(pdf.Root.OutputIntents)[0].S == "/GTS_PDFA1"
    assert _pdf_date(str(pdf.docinfo["/CreationDate"])) == dt.datetime.fromisoformat(xmp[_q("xmp", "CreateDate")])
    index = pikepdf.open(io.BytesIO(first))
    assert _xmp_values(index)[_q("pdfaid", "part")] == "3"
