"""Tampered copies of a real sealed record (from the workflow, sealed with the hospital's seal from the
session's certomancer PKI, not a test PDF): every one is caught, by the full verification and by the
many-record fast path alike (the same verdict, field for field).

Extends tests/documents/test_pdf_verify.py (single cases on a synthetic PDF) with a matrix on a record
sealed by the desk: byte flips at offsets spread over the whole file (the signed ranges, the
signature container and its padding, the final xref and trailer), appended bytes, incremental
updates (metadata, an annotation, a page, a replaced record.json, validation data), a seal moved
from another record. Through ``verify_pdf`` for the matrix and through ``python main.py verify``
(in-process ``main``) for one case of each kind; ``-m slow`` runs every case through the command line.

``verify`` exits 1 with the reason for a parseable PDF; a flip that breaks the PDF's own structure
(final cross-reference table or trailer) is "damaged" and exits 2 (the contract's "unreadable").
Never 0.
"""
from __future__ import annotations

import datetime as dt
import io
import shutil
from collections import Counter

import pytest

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.embed import EmbeddedFileObject, FileSpec
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from app.cli import main
from app.documents.pdf_verify import REASONS, UnreadablePdf, verify_pdf

from tests.backends import cli_args, copy_station

from .conftest import make_env, seal_consent

FLIPS = 50
OUTCOMES: Counter = Counter()


@pytest.fixture(scope="module")
def records(tmp_path_factory, backend, pki):
    from app.documents.trust import load_trust
    from tests.services.conftest import approve_forms, set_phones

    root = tmp_path_factory.mktemp("tamper")
    env = make_env(root / "data", pki=pki)
    approve_forms(env)
    set_phones(env)
    _, a = seal_consent(env, seed=1, demo=False)
    _, b = seal_consent(env, seed=9, demo=False)
    env.ctx.close()
    return {"data": root / "data", "a": a, "b": b, "trusted": load_trust(pki.trust_file),
            "trust_file": pki.trust_file}


def byte_range(pdf: bytes) -> list[int]:
    (sig,) = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    return list(sig.byte_range)


def flip_offsets(pdf: bytes) -> list[int]:
    """FLIPS offsets spread evenly over the file, plus the places that matter most."""
    _, len1, start2, _ = byte_range(pdf)
    even = [round(i * (len(pdf) - 1) / (FLIPS - 1)) for i in range(FLIPS)]
    special = [len1, len1 + 1, len1 + 300, start2 - 3, start2 - 1, start2, len(pdf) - 40]
    return sorted(set(even + special))


def verdict(pdf: bytes, trusted, sha) -> str:
    """The full verification's reason, after checking the fast path gives exactly the same result."""
    from app.documents.seal_verifier import SealVerifier

    now = dt.datetime.now(dt.timezone.utc)
    try:
        result = verify_pdf(pdf, trusted, expected_sha256=sha, now=now)
    except UnreadablePdf:
        with pytest.raises(UnreadablePdf):
            SealVerifier(trusted, now=now).verify(pdf, sha)
        return "unreadable"
    assert result.reason in REASONS and result.detail and "\n" not in result.detail
    fast = SealVerifier(trusted, now=now).verify(pdf, sha)
    assert fast == result, (fast, result)
    return result.reason


def test_the_untouched_record_is_valid(records):
    a = records["a"]
    assert verdict(a.pdf, records["trusted"], a.record_sha256) == "ok"


@pytest.mark.parametrize("index", range(FLIPS + 7))
def test_byte_flip(records, index):
    a = records["a"]
    offsets = flip_offsets(a.pdf)
    if index >= len(offsets):
        pytest.skip("fewer distinct offsets")
    tampered = bytearray(a.pdf)
    tampered[offsets[index]] ^= 0x01
    outcome = verdict(bytes(tampered), records["trusted"], a.record_sha256)
    OUTCOMES[f"flip:{outcome}"] += 1
    assert outcome != "ok", f"a flip at offset {offsets[index]} of {len(a.pdf)} went unnoticed"


def incremental(pdf: bytes, change) -> bytes:
    """An incremental update as a PDF tool writes it (pyHanko also refreshes the /Info dates)."""
    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    change(w)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def incremental_plain(pdf: bytes, change) -> bytes:
    """An incremental update that touches nothing but what ``change`` does."""
    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    w._update_meta = lambda: None
    change(w)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def _info(w):
    ref = w.trailer.raw_get("/Info")
    ref.get_object()["/Title"] = generic.TextStringObject("changed after sealing")
    w.mark_update(ref)


def _annotation(w):
    annot = generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
        generic.pdf_name("/Subtype"): generic.pdf_name("/Ink"),
        generic.pdf_name("/Rect"): generic.ArrayObject(map(generic.NumberObject, (100, 100, 300, 200))),
        generic.pdf_name("/InkList"): generic.ArrayObject([generic.ArrayObject(
            map(generic.NumberObject, (100, 100, 200, 180, 300, 120)))]),
    })
    page_ref, _ = w.find_page_for_modification(0)
    w.register_annotation(page_ref, w.add_object(annot))


def _page(w):
    w.insert_page(generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/Page"),
        generic.pdf_name("/MediaBox"): generic.ArrayObject(map(generic.NumberObject, (0, 0, 595, 842))),
        generic.pdf_name("/Resources"): generic.DictionaryObject(),
    }))


def _record_from(other):
    def change(w):
        ef = EmbeddedFileObject.from_file_data(w, data=other.record and _json(other), mime_type="application/json")
        spec = w.add_object(FileSpec(file_spec_string="record.json", file_name="record.json",
                                     embedded_data=ef).as_pdf_object())
        names = w.root["/Names"]["/EmbeddedFiles"]["/Names"]
        names[1] = spec
        w.update_container(names)
        info_ref = w.trailer.raw_get("/Info")
        info = info_ref.get_object()
        info["/ConsentRecordSHA256"] = generic.TextStringObject(other.record_sha256)
        info["/ConsentRecordId"] = generic.TextStringObject(other.record_id)
        w.mark_update(info_ref)
    return change


def _json(sealed) -> bytes:
    from app.domain.record import canonical_json

    return canonical_json(sealed.record)


def _dss(w):
    """Validation data (a DSS dictionary) appended after the seal, as a later LTV step would."""
    dss = generic.DictionaryObject({generic.pdf_name("/Type"): generic.pdf_name("/DSS"),
                                    generic.pdf_name("/Certs"): generic.ArrayObject()})
    w.root[generic.pdf_name("/DSS")] = w.add_object(dss)
    w.update_root()


def _pikepdf_metadata(pdf: bytes) -> bytes:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        doc.docinfo["/Author"] = "someone else"
        out = io.BytesIO()
        doc.save(out)  # a full rewrite (not incremental): the seal no longer matches the bytes
    return out.getvalue()


def _pikepdf_incremental(pdf: bytes) -> bytes:
    import pikepdf

    buf = io.BytesIO(pdf)
    with pikepdf.open(buf, allow_overwriting_input=False) as doc:
        doc.docinfo["/Subject"] = "appended by pikepdf"
        out = io.BytesIO()
        doc.save(out, linearize=False, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    return out.getvalue()


def _transplant(a, b) -> bytes:
    """Record B's bytes with record A's seal (signature container) moved in."""
    pdf_a, pdf_b = a.pdf, b.pdf
    _, a1, a2, _ = byte_range(pdf_a)
    _, b1, b2, _ = byte_range(pdf_b)
    contents = pdf_a[a1 + 1:a2 - 1]
    room = b2 - b1 - 2
    return pdf_b[:b1 + 1] + contents[:room].ljust(room, b"0") + pdf_b[b2 - 1:]


CASES = {
    "appended_newline": (lambda r: r["a"].pdf + b"\n", {"not_entire_file"}),
    "appended_junk": (lambda r: r["a"].pdf + b"%% junk added later\n" * 50, {"not_entire_file"}),
    "appended_second_pdf": (lambda r: r["a"].pdf + r["b"].pdf, {"not_entire_file"}),
    "update_metadata": (lambda r: incremental(r["a"].pdf, _info), {"not_entire_file"}),
    "update_ink_annotation": (lambda r: incremental(r["a"].pdf, _annotation), {"not_entire_file"}),
    "update_new_page": (lambda r: incremental(r["a"].pdf, _page), {"not_entire_file"}),
    "update_replaced_record_json": (lambda r: incremental(r["a"].pdf, _record_from(r["b"])), {"not_entire_file"}),
    # Validation data (a DSS) is the one thing allowed after the seal (with document timestamps):
    # pyHanko's difference analysis finds nothing else changed, so the record stays valid.
    "update_dss_only": (lambda r: incremental_plain(r["a"].pdf, _dss), {"ok"}),
    # A DSS update that also touches the document information: refused.
    "update_dss_and_info": (lambda r: incremental(r["a"].pdf, _dss), {"not_entire_file"}),
    "pikepdf_rewrite": (lambda r: _pikepdf_metadata(r["a"].pdf),
                        {"seal_broken", "seal_malformed", "not_entire_file", "unreadable"}),
    "pikepdf_saved_again": (lambda r: _pikepdf_incremental(r["a"].pdf),
                            {"seal_broken", "seal_malformed", "not_entire_file", "unreadable"}),
    "seal_moved_from_other_record": (lambda r: _transplant(r["a"], r["b"]), {"seal_broken"}),
    "other_record_for_this_id": (lambda r: r["b"].pdf, {"stored_hash_mismatch"}),
    "truncated": (lambda r: r["a"].pdf[:-200], {"unreadable"}),
    # the seal's own form (issue 12): outside the signed bytes, so only strict parsing catches them
    "contents_literal_string": (lambda r: _strict("literal_contents", r), {"seal_malformed"}),
    "keys_injected_into_the_seal": (lambda r: _strict("injected_keys", r), {"seal_malformed"}),
    "zero_padding_changed": (lambda r: _strict("padding_changed", r), {"seal_malformed"}),
}


def _strict(name: str, r) -> bytes:
    from . import test_seal_attacks

    return getattr(test_seal_attacks, name)(r["a"].pdf)


@pytest.mark.parametrize("case", sorted(CASES))
def test_tampered_copy(records, case):
    make, expected = CASES[case]
    pdf = make(records)
    sha = records["a"].record_sha256
    outcome = verdict(pdf, records["trusted"], sha)
    OUTCOMES[f"{case}:{outcome}"] += 1
    assert outcome in expected, (case, outcome)


def run_cli(records, pdf: bytes, tmp_path, capsys) -> tuple[int, str, str]:
    data = tmp_path / "data"
    if not data.exists():
        copy_station(records["data"], data)
    path = tmp_path / "copy.pdf"
    path.write_bytes(pdf)
    code = main([*cli_args(data), "verify", "--offline", str(path), "--trust", str(records["trust_file"])])
    out, err = capsys.readouterr()
    return code, out, err


def _check_cli(code: int, out: str, err: str, record_id: str) -> None:
    assert code in (1, 2), (code, out, err)
    if code == 1:
        assert out.startswith("INVALID ") and len(out.splitlines()) == 1
        reason = out.split(": ")[1] if ": " in out else ""
        assert reason in REASONS, out
    else:
        assert len(err.splitlines()) == 1 and "Traceback" not in err


CLI_SAMPLE = ["appended_junk", "update_ink_annotation", "update_replaced_record_json", "seal_moved_from_other_record",
              "update_dss_and_info", "zero_padding_changed"]
CLI_QUICK = {"update_ink_annotation", "seal_moved_from_other_record"}


@pytest.mark.parametrize("case", [c if c in CLI_QUICK else pytest.param(c, marks=pytest.mark.slow)
                                  for c in CLI_SAMPLE])
def test_verify_command_catches(records, case, tmp_path, capsys):
    code, out, err = run_cli(records, CASES[case][0](records), tmp_path, capsys)
    _check_cli(code, out, err, records["a"].record_id)
    assert code == 1, (out, err)
    # The id printed is the one the file claims (a replaced record claims the other record's id).
    claimed = records["b"] if case in ("seal_moved_from_other_record", "update_replaced_record_json") else records["a"]
    assert claimed.record_id in out


def test_verify_command_on_the_untouched_copy(records, tmp_path, capsys):
    code, out, _ = run_cli(records, records["a"].pdf, tmp_path, capsys)
    assert code == 0 and out.startswith(f"VALID {records['a'].record_id}")


@pytest.mark.slow
def test_verify_command_catches_every_case(records, tmp_path, capsys):
    a = records["a"]
    pdfs = [make(records) for name, (make, ok) in CASES.items() if name != "other_record_for_this_id" and ok != {"ok"}]
    for offset in flip_offsets(a.pdf):
        tampered = bytearray(a.pdf)
        tampered[offset] ^= 0x01
        pdfs.append(bytes(tampered))
    codes: Counter = Counter()
    for pdf in pdfs:
        code, out, err = run_cli(records, pdf, tmp_path, capsys)
        _check_cli(code, out, err, a.record_id)
        codes[code] += 1
    print(f"\n[reliability] verify command on {len(pdfs)} tampered copies: exit codes {dict(codes)}")


@pytest.fixture(scope="module", autouse=True)
def report_outcomes():
    yield
    print(f"\n[reliability] tamper outcomes: {dict(sorted(OUTCOMES.items()))}")
