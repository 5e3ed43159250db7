"""Signed checkpoints of the audit log: when they are made, what they sign, where they go (a write-once
folder; syslog over a real UDP and TCP listener), and the Merkle proofs drawn from them.

Checkpoints that must prove something are signed with the hospital's seal from the session's test PKI
(``anchored``) and checked against its trust file; a desk without the institution's seal signs with the
demonstration seal, which ``audit verify`` counts only when asked (``--demo``)."""
from __future__ import annotations

import json
import socket
import threading

import pytest
from sqlalchemy import select

from app.domain.errors import InvalidState
from app.services import offdesk
from app.services.checkpoints import CHECKPOINT_TYPE, Checkpoint, parse_line
from app.services.proofs import ProofService, check_consistency, check_inclusion
from app.services.settings import SettingsService
from app.storage import merkle
from app.storage.models import AuditCheckpoint, AuditEvent

from .conftest import make_env, seal_consent


def checkpoints(env) -> list[AuditCheckpoint]:
    with env.ctx.db.transaction(read_only=True) as s:
        return list(s.execute(select(AuditCheckpoint).order_by(AuditCheckpoint.size)).scalars())


def event_hashes(env) -> list[str]:
    with env.ctx.db.transaction(read_only=True) as s:
        return list(s.execute(select(AuditEvent.hash).order_by(AuditEvent.seq)).scalars())


@pytest.fixture
def anchored(tmp_path, pki):
    env = make_env(tmp_path / "data", pki=pki)
    SettingsService(env.ctx).update(env.admin, checkpoint_every=10, checkpoint_folder=str(tmp_path / "offdesk"))
    (tmp_path / "offdesk").mkdir()
    yield env
    env.ctx.close()


def test_none_before_n_events_then_every_n_events(anchored, tmp_path):
    env = anchored
    assert 0 < len(event_hashes(env)) < 10 and checkpoints(env) == []  # not yet checkpoint_every events
    seal_consent(env)
    made = checkpoints(env)
    assert made, "the consent's events make the first one"
    hashes = event_hashes(env)
    for row in made:  # each states the chain head and the RFC 6962 root of the log at its size
        assert row.chain_head == hashes[row.size - 1]
        assert row.merkle_root == merkle.root([merkle.leaf_hash(bytes.fromhex(h)) for h in hashes[:row.size]]).hex()
        doc = json.loads(row.document)
        assert doc["type"] == CHECKPOINT_TYPE and doc["size"] == row.size and doc["log"] == hashes[0]
    seal_consent(env, seed=3)
    sizes = [row.size for row in checkpoints(env)]
    assert all(b - a >= 10 for a, b in zip(sizes, sizes[1:])) and len(sizes) >= 2
    # Copies off the desk, written once each, named by log and size.
    files = sorted((tmp_path / "offdesk").glob("checkpoint-*.json"))
    assert [int(f.stem.rsplit("-", 1)[1]) for f in files] == sizes
    assert all(f.stat().st_mode & 0o222 == 0 for f in files)  # read only


def test_at_least_daily_while_the_desk_is_used(anchored):
    env = anchored
    seal_consent(env)
    last = checkpoints(env)[-1].size
    events = len(event_hashes(env))  # fewer than checkpoint_every since the last one
    assert last <= events < last + 10
    env.clock.advance(hours=25)
    env.desk()  # nothing appended yet: nothing to sign
    assert checkpoints(env)[-1].size == last
    from app.services.auth import AuthService
    from .conftest import PASSWORDS

    AuthService(env.ctx).login("nurse.sara", PASSWORDS["nurse"])  # one event, a day later
    assert checkpoints(env)[-1].size == events + 1


def test_the_signature_is_the_seals_and_covers_the_document(anchored, pki, tmp_path):
    from app.documents.detached_signature import verify_detached
    from app.documents.trust import NO_TRUST, load_trust

    env = anchored
    seal_consent(env)
    row = checkpoints(env)[-1]
    trusted = env.ctx.seal.trust()  # the trust file's anchors: the hospital's CA
    check = verify_detached(row.document.encode(), bytes(row.signature), trusted)
    assert check.valid and not check.demo
    assert check.signer_fingerprint == env.ctx.seal.signer().fingerprint_sha256 == row.signer_fingerprint
    forged = row.document.replace(f'"size":{row.size}', f'"size":{row.size + 1}')
    assert verify_detached(forged.encode(), bytes(row.signature), trusted).reason == "signature_broken"
    # The certificates table holds the seal's certificate, but it is a cache: without the trust file
    # nothing is trusted, and another anchor than the CA that issued the seal trusts nothing either.
    assert verify_detached(row.document.encode(), bytes(row.signature), NO_TRUST).reason == "no_trust_file"
    other = tmp_path / "other.pem"
    other.write_bytes(pki.cert_pem("tsa"))
    assert verify_detached(row.document.encode(), bytes(row.signature), load_trust(other)).reason == "untrusted_signer"
    line = Checkpoint(row.document, bytes(row.signature)).line()
    assert line.isascii() and "\n" not in line
    assert parse_line(line, "x").document == row.document


def test_a_desk_without_the_institution_seal_signs_with_the_demonstration_seal(tmp_path):
    """Not a proof: audit verify sets such checkpoints aside with a note, and checks them only with
    --demo, saying they are a demonstration."""
    from app.documents.detached_signature import verify_detached
    from app.documents.trust import NO_TRUST
    from app.services.integrity import IntegrityCheck

    env = make_env(tmp_path / "data")
    try:
        offdesk = tmp_path / "offdesk"
        offdesk.mkdir()
        SettingsService(env.ctx).update(env.admin, checkpoint_every=10, checkpoint_folder=str(offdesk))
        seal_consent(env)
        row = checkpoints(env)[-1]
        check = verify_detached(row.document.encode(), bytes(row.signature), NO_TRUST)
        assert not check.valid and check.reason == "demo_seal" and check.demo
        assert verify_detached(row.document.encode(), bytes(row.signature), NO_TRUST, demo=True).valid
        forged = row.document.replace(f'"size":{row.size}', f'"size":{row.size + 1}')
        assert verify_detached(forged.encode(), bytes(row.signature), NO_TRUST, demo=True).reason \
            == "signature_broken"

        report = IntegrityCheck(env.ctx).run([offdesk])
        assert report.ok and report.anchor is None and report.desk_anchor is None
        assert report.demo_set_aside > 0 and "(demonstration ones prove nothing)" in report.summary()
        assert any("demonstration seal were set aside: they prove nothing" in n for n in report.notes)
        shown = IntegrityCheck(env.ctx).run([offdesk], demo=True)
        assert shown.ok and shown.anchor is not None and shown.anchor.demo
        assert shown.summary().endswith("signed with the demonstration seal: a demonstration, no proof")
        assert any("not a proof of a real archive" in n for n in shown.notes)
    finally:
        env.ctx.close()


def test_a_broken_chain_is_never_signed(anchored):
    from app.storage.dialect import drop_immutability_triggers, install_immutability_triggers

    env = anchored
    seal_consent(env)
    before = len(checkpoints(env))
    with env.ctx.db.engine.begin() as conn:
        drop_immutability_triggers(conn)
        conn.exec_driver_sql("UPDATE audit_events SET actor = 'x' WHERE seq = (SELECT max(seq) FROM audit_events)")
        install_immutability_triggers(conn)
    assert env.ctx.checkpoints.make(force=True) is None
    assert len(checkpoints(env)) == before


def test_the_folder_is_written_once_and_never_overwritten(tmp_path):
    folder = tmp_path / "offdesk"
    folder.mkdir()
    assert offdesk.write_once(folder, "checkpoint-a-1.json", "one\n") is True
    assert offdesk.write_once(folder, "checkpoint-a-1.json", "one\n") is False  # the same: delivered
    with pytest.raises(offdesk.DeliveryConflict):
        offdesk.write_once(folder, "checkpoint-a-1.json", "another history\n")
    assert (folder / "checkpoint-a-1.json").read_text() == "one\n"
    assert [p.name for p in folder.iterdir()] == ["checkpoint-a-1.json"]  # no temporary file left
    with pytest.raises(offdesk.DeliveryFailed):
        offdesk.write_once(tmp_path / "unmounted", "checkpoint-a-2.json", "x\n")


def test_an_unreachable_folder_keeps_them_pending_and_sends_them_later(tmp_path):
    env = make_env(tmp_path / "data")
    try:
        SettingsService(env.ctx).update(env.admin, checkpoint_every=10, checkpoint_folder=str(tmp_path / "later"))
        seal_consent(env)  # the folder is not there (the other server is down)
        pending = env.ctx.checkpoints.pending_count()["folder"]
        assert pending == len(checkpoints(env)) > 0
        (tmp_path / "later").mkdir()
        assert env.ctx.checkpoints.deliver_pending() == pending
        assert env.ctx.checkpoints.pending_count()["folder"] == 0
        assert len(list((tmp_path / "later").glob("checkpoint-*.json"))) == pending
    finally:
        env.ctx.close()


class Collector:
    """A syslog collector for the test: a real UDP or TCP socket on localhost, messages as they arrive."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM if kind == "udp" else socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.received: list[bytes] = []
        if kind == "tcp":
            self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                if self.kind == "udp":
                    self.received.append(self.sock.recvfrom(65535)[0])
                    continue
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            with conn:
                conn.settimeout(2)
                data = b""
                while True:
                    chunk = conn.recv(65535)
                    if not chunk:
                        break
                    data += chunk
            while data:  # RFC 6587 octet counting: "LEN SP MSG"
                length, _, rest = data.partition(b" ")
                self.received.append(rest[:int(length)])
                data = rest[int(length):]

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.sock.close()


@pytest.mark.parametrize("kind", ["udp", "tcp"])
def test_syslog_rfc5424_to_the_collector(tmp_path, kind):
    collector = Collector(kind)
    env = make_env(tmp_path / "data")
    try:
        SettingsService(env.ctx).update(env.admin, checkpoint_every=10,
                                        checkpoint_syslog=f"{kind}://127.0.0.1:{collector.port}")
        seal_consent(env)
        rows = checkpoints(env)
        for _ in range(50):
            if len(collector.received) >= len(rows):
                break
            threading.Event().wait(0.1)
    finally:
        env.ctx.close()
        collector.close()
    assert len(collector.received) == len(rows) > 0
    for message, row in zip(collector.received, rows):
        text = message.decode("ascii")
        # <PRI>VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG; facility 13 (log audit), notice.
        head, stamp, host, app, procid, msgid, sd, msg = text.split(" ", 7)
        assert head == "<109>1" and stamp.endswith("Z") and app == "consent-desk"
        assert msgid == "checkpoint" and sd == "-" and procid.isdigit() and host
        found = parse_line(msg, "syslog")
        assert found.document == row.document and found.signature == bytes(row.signature)
    # A capture of what the collector logged is a checkpoint source for audit verify.
    capture = tmp_path / "collector.log"
    capture.write_text("".join(m.decode() + "\n" for m in collector.received))
    from app.services.checkpoints import offdesk_checkpoints

    found, unreadable = offdesk_checkpoints(capture)
    assert [c.size for c in found] == [r.size for r in rows] and unreadable == []


def test_a_timestamp_server_stamps_each_checkpoint(anchored, pki_up):
    """With the seal's timestamp server set (the test PKI's TSA on 127.0.0.1) each checkpoint's signature
    carries an RFC 3161 token from it, checked against the trust file; the signer's certificate is then
    checked at that trusted time."""
    import datetime as dt

    from app.documents.detached_signature import verify_detached
    from app.services.institution import InstitutionAdmin

    env = anchored
    InstitutionAdmin(env.ctx).set_timestamp_url(env.admin, pki_up.tsa_url())
    seal_consent(env)
    row = checkpoints(env)[-1]
    check = verify_detached(row.document.encode(), bytes(row.signature), env.ctx.seal.trust())
    assert check.valid and check.timestamped_at is not None
    assert abs((check.timestamped_at - dt.datetime.now(dt.timezone.utc)).total_seconds()) < 120


def test_a_timestamp_server_outside_the_trust_file(anchored, pki_up, monkeypatch):
    """Not used for checkpoints (the keeper's check), and a token from one makes the checkpoint invalid."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    from asn1crypto import keys as asn1_keys, x509 as asn1_x509
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    from app.documents.detached_signature import verify_detached
    from app.services import checkpoints as module

    env = anchored
    pinned = env.ctx.data_dir.parent / "pinned.pem"  # IT pinned the seal only: the TSA's CA is not trusted
    pinned.write_bytes(pki_up.cert_pem("seal"))
    env.ctx.seal._trust_file = pinned
    settings = env.ctx.settings()
    from dataclasses import replace

    assert module.checkpoint_timestamper(replace(settings, timestamp_url=pki_up.tsa_url()), env.ctx.seal) is None

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Attacker TSA")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(7).not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .sign(key, hashes.SHA256()))
    tsa = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())))
    monkeypatch.setattr(module, "checkpoint_timestamper", lambda settings, seal: tsa)
    seal_consent(env)
    row = checkpoints(env)[-1]
    check = verify_detached(row.document.encode(), bytes(row.signature), env.ctx.seal.trust())
    assert not check.valid and check.reason == "timestamp_invalid"


def test_inclusion_and_consistency_proofs_check_without_the_log(anchored):
    env = anchored
    _, first = seal_consent(env)
    _, second = seal_consent(env, seed=3)
    env.ctx.checkpoints.make(force=True)
    trusted = env.ctx.seal.trust()
    proofs = ProofService(env.ctx)
    proof = proofs.record_inclusion(env.admin, first.record_id)
    assert check_inclusion(proof, trusted, record_sha256=first.record_sha256) == (True, "ok")
    assert proof["event"]["prev_hash"] == first.record["audit_head"]  # the PDF's head leads to the event
    assert check_inclusion(proof, trusted, record_sha256=second.record_sha256)[0] is False
    tampered = json.loads(json.dumps(proof))
    tampered["event"]["actor"] = "someone.else"
    assert check_inclusion(tampered, trusted)[0] is False
    moved = json.loads(json.dumps(proof))
    moved["inclusion_proof"] = moved["inclusion_proof"][::-1]
    assert check_inclusion(moved, trusted)[0] is False
    assert check_inclusion(proof, [])[0] is False  # an unsigned checkpoint proves nothing

    sizes = [row.size for row in checkpoints(env)]
    assert len(sizes) >= 2
    for old in sizes[:-1]:
        consistency = proofs.consistency(env.admin, old)
        assert check_consistency(consistency, trusted) == (True, "ok")
    swapped = proofs.consistency(env.admin, sizes[0])
    swapped["old"], swapped["new"] = swapped["new"], swapped["old"]
    assert check_consistency(swapped, trusted)[0] is False
    SettingsService(env.ctx).update(env.admin, checkpoint_every=100_000)
    _, third = seal_consent(env, seed=5)
    with pytest.raises(InvalidState) as refused:  # sealed after the newest checkpoint
        proofs.record_inclusion(env.admin, third.record_id)
    assert refused.value.code == "not_yet_checkpointed"
