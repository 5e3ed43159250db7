"""Every attack of issue 12 on the trust behind the seal, tried as an attacker with the data folder
would, ends in ``verify`` exit 1 with its reason (the full verification and the many-record fast
path agree), and a genuine record verifies on a machine with only the program and the trust file.

1. one ``INSERT INTO certificates`` of a self-made certificate, and a forged consent sealed with it;
2. a key and certificate copied into ``<data>/seal/``;
3. a copy of the folder and ``demo``: demonstrations never use the institution's key;
4. a seal backdated into the life of a certificate that has since ended; an attacker's own timestamp;
5. ``/Contents`` as a literal string; 3 KB of keys injected into the signature dictionary;
6. the zero padding changed (once called VALID by the fast path of ``archive export``);
7. a genuine record checked from another data folder, or from none.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
import sqlite3

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from app.cli import main
from app.documents.certificates import create_self_signed, load_identity_from_pem, load_identity_from_pkcs12
from app.documents.pdf_verify import verify_pdf
from app.documents.seal import seal_pdf
from app.documents.seal_verifier import SealVerifier
from app.documents.trust import load_trust
from app.domain.record import canonical_json

from tests.services.conftest import PASSWORDS, STAFF

from .conftest import make_env, seal_consent

# The attacker here edits the data folder's SQLite file and copies the folder; the seal does not depend
# on the engine (on PostgreSQL the tamper matrix and the several-stations tests check seals).
pytestmark = pytest.mark.sqlite_only


@pytest.fixture(scope="module")
def hospital(tmp_path_factory, pki):
    from tests.services.conftest import approve_forms, set_phones

    root = tmp_path_factory.mktemp("attacks")
    env = make_env(root / "data", pki=pki)
    approve_forms(env)
    set_phones(env)
    _, genuine = seal_consent(env, seed=5, demo=False)
    env.ctx.close()
    return {"root": root, "data": root / "data", "genuine": genuine, "trust": load_trust(pki.trust_file),
            "trust_file": pki.trust_file}


def verify_cli(pdf: bytes, tmp_path, capsys, *args: str, data=None) -> tuple[int, str]:
    path = tmp_path / "checked.pdf"
    path.write_bytes(pdf)
    argv = (["--data-dir", str(data)] if data is not None else []) + ["verify", "--offline", str(path), *args]
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out


def reason_of(out: str) -> str:
    assert out.startswith("INVALID ") and len(out.splitlines()) == 1, out
    return out.split(": ")[1]


def both_agree(pdf: bytes, trust, sha=None):
    now = dt.datetime.now(dt.timezone.utc)
    full = verify_pdf(pdf, trust, sha, now=now)
    assert SealVerifier(trust, now=now).verify(pdf, sha) == full
    return full


def forged_record(genuine) -> tuple[bytes, str, str]:
    record = dict(genuine.record)
    record["record_id"] = "CR-2026-FORGED01"
    record["patient"] = {**record["patient"], "name_latin": "Someone Else"}
    data = canonical_json(record)
    return data, hashlib.sha256(data).hexdigest(), record["record_id"]


def pdf_of(genuine) -> bytes:
    """The genuine record's pages, unsealed (revision 0), to forge on."""
    reader = PdfFileReader(io.BytesIO(genuine.pdf))
    (sig,) = reader.embedded_signatures
    end = genuine.pdf.rfind(b"%%EOF", 0, sig.byte_range[0] + sig.byte_range[1]) + 6
    return genuine.pdf[:end]


def test_1_a_certificate_inserted_into_the_database_is_no_anchor(hospital, tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(hospital["data"], data)
    key, cert = create_self_signed("Test Hospital Seal", "Test Hospital")
    forged_id = load_identity_from_pem(key, cert)
    con = sqlite3.connect(data / "consent.db")
    con.execute("INSERT INTO certificates (fingerprint_sha256, cert_pem, subject, not_before, not_after, "
                "is_current, created_at) VALUES (?, ?, 'CN=Test Hospital Seal', '2020-01-01 00:00:00.000000', "
                "'2040-01-01 00:00:00.000000', 0, '2026-01-01 00:00:00.000000')",
                (forged_id.fingerprint_sha256, cert.decode()))
    con.commit()
    con.close()
    record, sha, record_id = forged_record(hospital["genuine"])
    forged = seal_pdf(pdf_of(hospital["genuine"]), record, sha, record_id, forged_id)
    code, out = verify_cli(forged, tmp_path, capsys, "--trust", str(hospital["trust_file"]), data=data)
    assert code == 1 and reason_of(out) == "untrusted_signer"
    assert both_agree(forged, hospital["trust"], sha).reason == "untrusted_signer"


def test_2_a_key_copied_into_the_seal_folder_never_seals(hospital, tmp_path, pki, monkeypatch):
    from app.domain.errors import InvalidState

    data = tmp_path / "data"
    shutil.copytree(hospital["data"], data)
    monkeypatch.setenv("CONSENT_DESK_TRUST", str(pki.trust_file))
    seal = data / "seal"
    key, cert = create_self_signed("Test Hospital Seal", "Test Hospital")
    (seal / "seal-key.pem").write_bytes(key)  # the old place of the demonstration key: ignored now
    (seal / "seal-cert.pem").write_bytes(cert)
    env = make_env(data, staff=())
    try:
        env.ctx.seal.unlock(pki.seal_files().passphrase)
        assert env.ctx.seal.signer().fingerprint_sha256 != load_identity_from_pem(key, cert).fingerprint_sha256
        # a whole PKCS#12 copied in, with a key of the attacker's: refused, and audited
        (seal / "institution.p12").write_bytes(pki.new_seal("Copied In").p12)
        env.ctx.seal.forget()
        with pytest.raises(InvalidState) as err:
            env.ctx.seal.signer()
        assert err.value.code == "seal_not_registered"
    finally:
        env.ctx.close()


def test_3_demo_in_a_copied_folder_seals_demonstrations_only(hospital, tmp_path, capsys, pki, monkeypatch):
    """The folder holds the hospital's PKCS#12 (its passphrase nowhere in it); ``demo`` seals with the
    demonstration key, and its records never verify as real ones."""
    data = tmp_path / "data"
    shutil.copytree(hospital["data"], data)
    con = sqlite3.connect(data / "consent.db")
    real = con.execute("SELECT count(*) FROM records WHERE is_demo = 0").fetchone()[0]
    con.close()
    assert real == 1
    fresh = tmp_path / "fresh"  # demo refuses a folder with real records: copy only the seal over
    fresh.mkdir()
    shutil.copytree(data / "seal", fresh / "seal")
    monkeypatch.setenv("CONSENT_DESK_SEAL_PIN", pki.seal_files().passphrase)  # even with the passphrase
    assert main(["--data-dir", str(fresh), "demo", "--out", str(tmp_path / "out")]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    record_id, path = line.split("\t")
    pdf = open(path, "rb").read()
    assert b"PRIVATE KEY" not in (fresh / "seal" / "institution.p12").read_bytes()
    code, out = verify_cli(pdf, tmp_path, capsys, "--trust", str(hospital["trust_file"]))
    assert code == 1 and reason_of(out) == "demo_seal"
    code, out = verify_cli(pdf, tmp_path, capsys, "--trust", str(hospital["trust_file"]), "--demo")
    # checked beside the copied hospital folder ($CONSENT_DESK_DATA), which does not hold it
    assert code == 0 and out.splitlines()[0] == f"VALID {record_id} (not in this archive) (demonstration seal)"
    assert b"/Reason (Demonstration seal" in pdf


def test_4_a_backdated_seal_and_an_attackers_own_timestamp(hospital, tmp_path, capsys, pki, monkeypatch):
    import pyhanko.sign.signers.pdf_signer as pdf_signer

    files = pki.seal_files("seal-expired")  # a genuine key of the hospital whose certificate has ended
    identity = load_identity_from_pkcs12(files.p12, files.passphrase.encode())
    record, sha, record_id = forged_record(hospital["genuine"])

    class Then(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=400)

    monkeypatch.setattr(pdf_signer, "datetime", Then)
    backdated = seal_pdf(pdf_of(hospital["genuine"]), record, sha, record_id, identity)
    monkeypatch.undo()
    code, out = verify_cli(backdated, tmp_path, capsys, "--trust", str(hospital["trust_file"]))
    assert code == 1 and reason_of(out) == "certificate_expired" and "proves nothing" in out
    assert both_agree(backdated, hospital["trust"]).reason == "certificate_expired"

    # the attacker's own "timestamp": a TSA outside the trust file
    from pyhanko.sign import timestamps
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    from tests.documents.test_seal import own_tsa

    tsa_cert, tsa_key = own_tsa()
    monkeypatch.setattr(timestamps, "HTTPTimeStamper", lambda url, **kw: DummyTimeStamper(tsa_cert, tsa_key))
    genuine_key = load_identity_from_pkcs12(pki.seal_files().p12, pki.seal_files().passphrase.encode())
    stamped = seal_pdf(pdf_of(hospital["genuine"]), record, sha, record_id, genuine_key,
                       timestamp_url="http://attacker.invalid/")
    code, out = verify_cli(stamped, tmp_path, capsys, "--trust", str(hospital["trust_file"]))
    assert code == 1 and reason_of(out) == "timestamp_invalid"
    assert both_agree(stamped, hospital["trust"]).reason == "timestamp_invalid"


def _gap(pdf: bytes) -> tuple[int, int]:
    (sig,) = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    _, a, b, _ = sig.byte_range
    return a, b


def literal_contents(pdf: bytes) -> bytes:
    a, b = _gap(pdf)
    der = bytes.fromhex(pdf[a + 1:b - 1].decode()).rstrip(b"\0")
    escaped = der.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").replace(b"\r", b"\\r")
    body = escaped.ljust(b - a - 2, b"\0")
    assert len(body) == b - a - 2
    return pdf[:a] + b"(" + body + b")" + pdf[b:]


def injected_keys(pdf: bytes) -> bytes:
    a, b = _gap(pdf)
    hex_der = pdf[a + 1:b - 1].rstrip(b"0")
    hex_der += b"0" * (len(hex_der) % 2)
    extra = b" /Injected (" + b"X" * 3000 + b") /More (" + b"Y" * 100 + b")"
    body = b"<" + hex_der + b">" + extra
    assert len(body) <= b - a
    return pdf[:a] + body.ljust(b - a, b" ") + pdf[b:]


def padding_changed(pdf: bytes) -> bytes:
    a, b = _gap(pdf)
    data = bytearray(pdf)
    assert data[b - 2:b - 1] == b"0"
    data[b - 2] = ord("1")
    return bytes(data)


@pytest.mark.parametrize("make", [literal_contents, injected_keys, padding_changed])
def test_5_6_the_seal_must_be_strictly_formed(hospital, tmp_path, capsys, make):
    genuine = hospital["genuine"]
    pdf = make(genuine.pdf)
    code, out = verify_cli(pdf, tmp_path, capsys, "--trust", str(hospital["trust_file"]))
    assert code == 1 and reason_of(out) == "seal_malformed", out
    assert both_agree(pdf, hospital["trust"], genuine.record_sha256).reason == "seal_malformed"


def test_6_archive_export_refuses_a_changed_padding(hospital, tmp_path, capsys, pki, monkeypatch):
    """The stored PDF changed behind the database's back (its trigger dropped, then put back): the
    export's fast path and its full check both call it invalid."""
    data = tmp_path / "data"
    shutil.copytree(hospital["data"], data)
    genuine = hospital["genuine"]
    con = sqlite3.connect(data / "consent.db")
    (trigger,) = con.execute("SELECT sql FROM sqlite_master WHERE name = 'trg_records_no_update'").fetchone()
    con.execute("DROP TRIGGER trg_records_no_update")
    con.execute("UPDATE records SET pdf = ? WHERE record_id = ?", (padding_changed(genuine.pdf), genuine.record_id))
    con.execute(trigger)  # put back, or every command refuses the database (issue 13)
    con.commit()
    con.close()
    monkeypatch.setenv("CONSENT_DESK_TRUST", str(pki.trust_file))
    day = genuine.record["signed_at"][:10]
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORDS["admin"] + "\n"))  # the export signs in
    code = main(["--data-dir", str(data), "archive", "export", "--from", day, "--to", day,
                 "--out", str(tmp_path / "bundle.pdf"), "--manifest", str(tmp_path / "bundle.csv"),
                 "--user", STAFF["admin"][0], "--password-stdin"])
    out, err = capsys.readouterr()
    assert code == 1 and "0 valid, 1 invalid" in out, (out, err)
    assert "seal_malformed" in (tmp_path / "bundle.csv").read_text(encoding="utf-8")


def test_7_a_genuine_record_verifies_anywhere_with_the_trust_file(hospital, tmp_path, capsys):
    genuine = hospital["genuine"]
    # from another hospital's data folder (which trusts the same CA through its trust file) ...
    other = tmp_path / "other"
    other_env = make_env(other, staff=())
    other_env.ctx.close()
    code, out = verify_cli(genuine.pdf, tmp_path, capsys, "--trust", str(hospital["trust_file"]), data=other)
    assert code == 0 and out.startswith(f"VALID {genuine.record_id} (not in this archive)\n")
    # ... and on a machine with the program and the trust file only: no data folder at all
    nowhere = tmp_path / "nowhere"
    code, out = verify_cli(genuine.pdf, tmp_path, capsys, "--trust", str(hospital["trust_file"]), data=nowhere)
    assert code == 0 and out.splitlines()[0] == f"VALID {genuine.record_id}"
    assert "anchor Test Hospital CA" in out.splitlines()[1] and not nowhere.exists()
    # without the trust file nothing is trusted
    code, out = verify_cli(genuine.pdf, tmp_path, capsys, data=nowhere)
    assert code == 1 and reason_of(out) == "no_trust_file"
    # a trust file inside the data folder is refused: whoever writes the folder must not decide trust
    inside = hospital["data"] / "trust.pem"
    shutil.copy(hospital["trust_file"], inside)
    try:
        code, out = verify_cli(genuine.pdf, tmp_path, capsys, "--trust", str(inside), data=hospital["data"])
    finally:
        inside.unlink()
    assert code == 2
