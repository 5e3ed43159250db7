"""Streaming merge: pages in order, annotations dropped, chunk files removed, seal facts read."""
from __future__ import annotations

import io

import pikepdf
import pytest
from reportlab.pdfgen import canvas

from app.documents.merge import StreamingMerger, page_count, seal_facts


def _pdf(label: str, pages: int) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for i in range(pages):
        c.drawString(100, 700, f"{label} page {i + 1}")
        c.linkURL("http://example.org", (0, 0, 10, 10))
        c.showPage()
    c.save()
    return buf.getvalue()


def test_merge_in_order_over_several_chunks(tmp_path):
    docs = [_pdf(f"doc{i}", i % 3 + 1) for i in range(7)]
    out = tmp_path / "out.pdf"
    with StreamingMerger(tmp_path, ".m", chunk_size=3) as m:
        counts = [m.add(d) for d in docs]
        m.finish(out, _pdf("index", 1), title="bundle")
        assert m.pages == sum(counts) == sum(i % 3 + 1 for i in range(7))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]  # chunks removed
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 1 + sum(counts)
        assert all("/Annots" not in p.obj for p in list(pdf.pages)[1:])  # the records: annotations dropped
        assert str(pdf.docinfo["/Title"]) == "bundle"
    assert page_count(out.read_bytes()) == 1 + sum(counts)


def test_close_without_finish_leaves_nothing(tmp_path):
    m = StreamingMerger(tmp_path, ".m", chunk_size=1)
    m.add(_pdf("a", 2))
    m.add(_pdf("b", 1))
    m.close()
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(RuntimeError):
        m.add(_pdf("c", 1))


def test_unreadable_pdf_raises_and_adds_nothing(tmp_path):
    with StreamingMerger(tmp_path) as m:
        with pytest.raises(pikepdf.PdfError):
            m.add(b"not a pdf")
        assert m.pages == 0


def test_seal_facts_of_an_unsealed_pdf():
    data = _pdf("x", 1)
    with pikepdf.open(io.BytesIO(data)) as doc:
        facts = seal_facts(doc, len(data))
    assert facts["signatures"] == 0 and not facts["covers_file"] and facts["record_id"] is None
