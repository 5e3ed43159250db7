"""Trusted time and long-term validation against a real PKI (certomancer on 127.0.0.1, tests/pki.py)
and a real PKCS#11 token (SoftHSM2): B-T with the TSA up; the TSA down, then back, with the queued
timestamp added; a revoked seal certificate; an expired one with and without a trusted time; B-LT
records still valid after the responders are gone; B-LTA renewal; the key on a token."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlalchemy import select

from app.cli import main
from app.documents.pdf_verify import verify_pdf
from app.documents.trust import load_trust
from app.domain.errors import InvalidInput, InvalidState
from app.services.archive import ArchiveService
from app.services.institution import InstitutionAdmin
from app.services.long_term import LongTermService
from app.storage import repositories as repo
from app.storage.models import AuditEvent
from tests.backends import cli_args

from .conftest import PASSWORDS, approve_forms, install_seal, make_env, seal_consent, set_phones

YEARS_LATER = dt.timedelta(days=3 * 365)  # past the seal certificate's end, inside the TSA's


@pytest.fixture
def hospital(tmp_path, pki_up):
    env = make_env(tmp_path / "data", pki=pki_up)
    approve_forms(env)
    set_phones(env)  # a real consent gives the patient the team's numbers
    yield env
    env.ctx.close()


def stored_pdf(env, record_id: str) -> bytes:
    with env.ctx.db.transaction(read_only=True) as s:
        return repo.records.get_pdf(s, record_id)


def today_level(env, record_id: str) -> str:
    from app.services.today import TodayService

    (row,) = [c for c in TodayService(env.ctx).overview(env.nurse).signed if c.record_id == record_id]
    return row.seal_level


def set_tsa(env, url: str) -> None:
    InstitutionAdmin(env.ctx).set_timestamp_url(env.admin, url)


def test_b_t_with_the_tsa_up(hospital, pki, tmp_path, capsys):
    set_tsa(hospital, pki.tsa_url())
    _, sealed = seal_consent(hospital, demo=False)
    trust = load_trust(pki.trust_file)
    result = verify_pdf(sealed.pdf, trust, sealed.record_sha256)
    assert result.valid and result.level == "B-T" and result.anchor == "Test Hospital CA"
    assert abs((result.trusted_time - dt.datetime.now(dt.timezone.utc)).total_seconds()) < 120
    # a B-T record outlives its seal certificate: checked at the trusted time
    assert verify_pdf(sealed.pdf, trust, now=dt.datetime.now(dt.timezone.utc) + YEARS_LATER).valid
    # the command line: level, trusted time, signer and anchor, on a machine with only the trust file
    path = tmp_path / "record.pdf"
    path.write_bytes(sealed.pdf)
    assert main(["--data-dir", str(tmp_path / "no-such-folder"), "verify", str(path),
                 "--trust", str(pki.trust_file)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"VALID {sealed.record_id}"
    assert out[1].startswith("  B-T; trusted time ") and "signer Test Hospital Seal; anchor Test Hospital CA" in out[1]
    assert not (tmp_path / "no-such-folder").exists()
    # verify --all: each record's level and trusted time, and a summary naming levels, signers, anchors
    assert main([*cli_args(hospital.ctx.data_dir), "verify", "--all", "--trust", str(pki.trust_file)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"VALID {sealed.record_id}\tB-T trusted time ")
    assert out[-1] == (f"OK 1 records: 1 valid, 0 invalid; levels: B-T 1; signers: Test Hospital Seal; "
                       f"anchors: Test Hospital CA; trust file: {pki.trust_file}")


def test_a_b_b_record_proves_nothing_once_its_certificate_has_ended(hospital, pki):
    _, sealed = seal_consent(hospital, demo=False)  # no TSA set: B-B
    trust = load_trust(pki.trust_file)
    now = verify_pdf(sealed.pdf, trust)
    assert now.valid and now.level == "B-B" and now.trusted_time is None and now.claimed_time is not None
    later = verify_pdf(sealed.pdf, trust, now=dt.datetime.now(dt.timezone.utc) + YEARS_LATER)
    assert later.reason == "certificate_expired" and "proves nothing" in later.detail


def test_tsa_down_then_back_the_queued_timestamp_is_added(hospital, pki, capsys, monkeypatch):
    set_tsa(hospital, pki.tsa_url())
    pki.stop()
    _, sealed = seal_consent(hospital, demo=False)  # the desk does not stop: B-B, queued
    with hospital.ctx.db.transaction(read_only=True) as s:
        assert repo.records.queued_for_timestamp(s) == [sealed.record_id]
        event = s.execute(select(AuditEvent).where(AuditEvent.action == "record.sealed")).scalars().all()[-1]
    assert event.details["level"] == "B-B"
    trust = load_trust(pki.trust_file)
    assert verify_pdf(sealed.pdf, trust).level == "B-B"
    assert today_level(hospital, sealed.record_id) == "B-B"
    with pytest.raises(InvalidInput):  # the settings screen's "test connection"
        InstitutionAdmin(hospital.ctx).test_timestamp_server(hospital.admin)
    report = LongTermService(hospital.ctx).renew(hospital.admin)
    assert report.failed == 1 and report.stamped == 0  # still down: nothing written, still queued
    pki.start()
    assert InstitutionAdmin(hospital.ctx).test_timestamp_server(hospital.admin) == "Test Hospital TSA"
    # the records office's scheduled job, signed in as an administrator (the command line is no back door)
    timestamp = [*cli_args(hospital.ctx.data_dir), "archive", "timestamp", "--renew",
                 "--trust", str(pki.trust_file)]
    assert main(timestamp) == 2 and "--user" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORDS["admin"] + "\n"))
    assert main([*timestamp, "--user", hospital.admin.username, "--password-stdin"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"STAMPED B-LTA {sealed.record_id}", "OK 1 timestamped, 0 already current, 0 failed"]
    pdf = stored_pdf(hospital, sealed.record_id)
    assert pdf.startswith(sealed.pdf) and len(pdf) > len(sealed.pdf)  # the seal itself never changes
    result = verify_pdf(pdf, trust, sealed.record_sha256)
    assert result.valid and result.level == "B-LTA" and result.trusted_time is not None
    assert today_level(hospital, sealed.record_id) == "B-LTA"  # the Today page's worklist says so too
    with hospital.ctx.db.transaction(read_only=True) as s:
        assert repo.records.queued_for_timestamp(s) == []
    (check,) = ArchiveService(hospital.ctx).verify_records(hospital.admin, [sealed.record_id])
    assert check.valid and check.line().startswith(f"VALID {sealed.record_id}\tB-LTA trusted time ")
    # a second run: nothing due
    assert LongTermService(hospital.ctx).renew(hospital.admin).current == 1


def test_a_timestamp_server_outside_the_trust_file_is_not_used(hospital, pki, tmp_path):
    """Its timestamps would make every record invalid: the desk seals B-B and queues the record."""
    pinned = tmp_path / "pinned.pem"  # IT pinned the seal certificate itself, not the CA that issued the TSA
    pinned.write_bytes(pki.cert_pem("seal"))
    hospital.ctx.seal._trust_file = pinned
    set_tsa(hospital, pki.tsa_url())
    _, sealed = seal_consent(hospital, demo=False)
    result = verify_pdf(sealed.pdf, load_trust(pinned), sealed.record_sha256)
    assert result.valid and result.level == "B-B" and result.anchor == "Test Hospital Seal"
    with hospital.ctx.db.transaction(read_only=True) as s:
        assert repo.records.queued_for_timestamp(s) == [sealed.record_id]


def test_revoked_seal_certificate(hospital, pki):
    install_seal(hospital.ctx, pki, "seal-revoked")  # revoked an hour ago (key compromise)
    set_tsa(hospital, pki.tsa_url())
    _, sealed = seal_consent(hospital, demo=False)
    trust = load_trust(pki.trust_file)
    result = verify_pdf(sealed.pdf, trust, fetch=True)  # the CA's OCSP responder answers "revoked"
    assert result.reason == "certificate_revoked", result
    report = LongTermService(hospital.ctx).renew(hospital.admin)  # no validation data for a revoked seal
    assert report.stamped == 0 and report.failed == 1


def test_expired_certificate_with_and_without_trusted_time(hospital, pki, monkeypatch):
    from app.documents.certificates import load_identity_from_pkcs12
    from app.documents.seal import seal_pdf
    from tests.documents.test_pdf_verify import make_pdf, make_record

    files = pki.seal_files("seal-expired")
    hospital.clock.moment = dt.datetime.now(dt.timezone.utc)
    with pytest.raises(InvalidState) as err:  # the desk refuses to seal with it
        install_seal(hospital.ctx, pki, "seal-expired")
        hospital.ctx.seal.signer()
    assert err.value.code == "seal_not_trusted"
    identity = load_identity_from_pkcs12(files.p12, files.passphrase.encode())
    trust = load_trust(pki.trust_file)
    record, sha = make_record("R-EXP")
    with_time = seal_pdf(make_pdf(), record, sha, "R-EXP", identity, timestamp_url=pki.tsa_url())
    result = verify_pdf(with_time, trust)
    assert result.reason == "certificate_expired" and "at the trusted time" in result.detail
    # without a trusted time, a signing time inside the certificate's life proves nothing
    import pyhanko.sign.signers.pdf_signer as pdf_signer

    class Then(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=300)

    monkeypatch.setattr(pdf_signer, "datetime", Then)
    backdated = seal_pdf(make_pdf(), record, sha, "R-EXP", identity)
    monkeypatch.undo()
    result = verify_pdf(backdated, trust)
    assert result.reason == "certificate_expired" and "proves nothing" in result.detail
    assert result.claimed_time < dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=299)


def test_b_lt_records_stay_valid_after_the_responders_are_gone_and_renewal(hospital, pki):
    set_tsa(hospital, pki.tsa_url("tsa-short"))  # a TSA whose certificate ends within 100 days
    _, sealed = seal_consent(hospital, demo=False)
    assert LongTermService(hospital.ctx).renew(hospital.admin).stamped == 1
    trust = load_trust(pki.trust_file)
    first = stored_pdf(hospital, sealed.record_id)
    pki.stop()  # the CA's OCSP, CRLs and TSAs are gone
    result = verify_pdf(first, trust, sealed.record_sha256, fetch=True)
    assert result.valid and result.level == "B-LTA"
    for junk in (b"\n", b"% junk\n%%EOF\n"):  # nothing may follow the last revision either
        assert verify_pdf(first + junk, trust, sealed.record_sha256).reason == "not_entire_file"
    # years later, past the seal certificate's end: the embedded validation data still proves it
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=60)
    assert verify_pdf(first, trust, now=later).valid
    pki.start()
    # renewal: the last timestamp's certificate ends within a year -> a new archive timestamp
    set_tsa(hospital, pki.tsa_url())
    report = LongTermService(hospital.ctx).renew(hospital.admin, within_days=365)
    assert report.stamped == 1
    renewed = stored_pdf(hospital, sealed.record_id)
    assert renewed.startswith(first)
    result = verify_pdf(renewed, trust, sealed.record_sha256, now=dt.datetime.now(dt.timezone.utc) + YEARS_LATER)
    assert result.valid and result.level == "B-LTA", result
    assert LongTermService(hospital.ctx).renew(hospital.admin, within_days=365).current == 1


def test_the_seal_key_on_a_pkcs11_token(hospital, pki, hsm_token):
    admin = InstitutionAdmin(hospital.ctx)
    with pytest.raises(InvalidInput) as err:
        admin.configure_pkcs11(hospital.admin, hsm_token["module"], hsm_token["token"], hsm_token["key"], "000000")
    assert err.value.code == "pkcs11_pin"
    info = admin.configure_pkcs11(hospital.admin, hsm_token["module"], hsm_token["token"], hsm_token["key"],
                                  hsm_token["pin"])
    assert info.is_current and "token" in info.subject
    _, sealed = seal_consent(hospital, demo=False)
    result = verify_pdf(sealed.pdf, load_trust(pki.trust_file), sealed.record_sha256)
    assert result.valid and result.signer == "Test Hospital Seal (token)" and result.anchor == "Test Hospital CA"
    # the token's session goes away (pulled out): a clear refusal, then it is opened again
    hospital.ctx.seal.signer().signer.pkcs11_session.close()
    with pytest.raises(InvalidState) as err:
        seal_consent(hospital, demo=False, seed=2)
    assert err.value.code == "pkcs11_unavailable"
    _, again = seal_consent(hospital, demo=False, seed=3)
    assert verify_pdf(again.pdf, load_trust(pki.trust_file)).valid
    # the PIN is held for this process only: a restarted desk asks for it
    hospital.ctx.seal.unlock(None)
    with pytest.raises(InvalidState) as err:
        hospital.ctx.seal.signer()
    assert err.value.code == "seal_locked"
    assert hsm_token["pin"].encode() not in b"".join(
        p.read_bytes() for p in hospital.ctx.data_dir.rglob("*") if p.is_file())
    # the key cannot leave the token
    import pkcs11
    from pkcs11 import Attribute, ObjectClass

    token = pkcs11.lib(hsm_token["module"]).get_token(token_label=hsm_token["token"])
    with token.open(user_pin=hsm_token["pin"]) as session:
        key = session.get_key(object_class=ObjectClass.PRIVATE_KEY, label=hsm_token["key"])
        assert key[Attribute.SENSITIVE] and not key[Attribute.EXTRACTABLE]


def test_the_token_pin_kept_in_the_os_key_store(hospital, pki, hsm_token, key_store):
    """Remembered on this computer: a restarted desk seals without anyone giving the PIN; forgotten:
    the seal is locked again. The PIN never reaches the data folder or the database."""
    admin = InstitutionAdmin(hospital.ctx)
    admin.configure_pkcs11(hospital.admin, hsm_token["module"], hsm_token["token"], hsm_token["key"], hsm_token["pin"])
    assert admin.unlock_seal(hospital.admin, hsm_token["pin"]).remembered is False and key_store == {}
    unlocked = admin.unlock_seal(hospital.admin, hsm_token["pin"], remember=True)
    assert unlocked.remembered and "token" in unlocked.subject
    assert key_store == {("consent-desk", f"seal:pkcs11:{hsm_token['token']}/{hsm_token['key']}"): hsm_token["pin"]}
    hospital.ctx.seal.unlock(None)  # what a restarted desk holds: nothing given in this process
    _, sealed = seal_consent(hospital, demo=False)
    assert verify_pdf(sealed.pdf, load_trust(pki.trust_file), sealed.record_sha256).valid
    admin.forget_seal_secret(hospital.admin)
    assert key_store == {}
    with pytest.raises(InvalidState) as err:
        hospital.ctx.seal.signer()
    assert err.value.code == "seal_locked"
    with hospital.ctx.db.transaction(read_only=True) as s:
        events = s.execute(select(AuditEvent.action, AuditEvent.details_json)
                           .where(AuditEvent.action.like("seal.%"))).all()
    assert [a for a, _ in events] == ["seal.unlocked", "seal.unlocked", "seal.forgotten"]
    assert ['"remembered": false' in d or '"remembered":false' in d for _, d in events[:2]] == [True, False]
    stored = b"".join(p.read_bytes() for p in hospital.ctx.data_dir.rglob("*") if p.is_file())
    assert hsm_token["pin"].encode() not in stored


def test_a_computer_without_a_key_store_keeps_the_pin_for_the_session_only(hospital, hsm_token, no_key_store):
    admin = InstitutionAdmin(hospital.ctx)
    admin.configure_pkcs11(hospital.admin, hsm_token["module"], hsm_token["token"], hsm_token["key"], hsm_token["pin"])
    assert admin.unlock_seal(hospital.admin, hsm_token["pin"], remember=True).remembered is False
    hospital.ctx.seal.signer()  # unlocked for this session
    hospital.ctx.seal.unlock(None)
    with pytest.raises(InvalidState) as err:
        hospital.ctx.seal.signer()
    assert err.value.code == "seal_locked"
