"""A real PKI on this machine for the seal tests: certomancer and SoftHSM2.

``TestPki`` writes fresh ECDSA keys and a certomancer configuration into a temporary folder:
the hospital's CA, its seal certificate (and a revoked one, an expired one), two timestamp
authorities (one long-lived, one ending within a year) and an OCSP responder, and serves the TSAs,
OCSP and CRLs over HTTP on 127.0.0.1 with certomancer's Animator (a WSGI app) under wsgiref's
server in a thread. ``stop()``/``start()`` take the responders away and bring them back on the same
port. ``softhsm_token`` initialises a SoftHSM2 token in a temporary ``SOFTHSM2_CONF``, generates the
seal key ON the token and stores a certificate the CA issues for it.

Session-scoped fixtures in tests/conftest.py build one PKI for the whole run.
"""
from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

SEAL_PASSPHRASE = "Seal-Passphrase-2026"
TOKEN_LABEL = "desk-token"
TOKEN_PIN = "246810"
KEY_LABEL = "institution-seal"
SOFTHSM_MODULES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
                   "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so")
KEYS = ("root", "seal", "seal-revoked", "seal-expired", "tsa", "tsa-short", "ocsp")


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")


def _config(prefix: str, now: dt.datetime) -> str:
    day, year = dt.timedelta(days=1), dt.timedelta(days=365)
    entities = {"root": "Test Hospital CA", "seal": "Test Hospital Seal", "seal-revoked": "Revoked Seal",
                "seal-expired": "Expired Seal", "tsa": "Test Hospital TSA", "tsa-short": "Short-lived TSA",
                "ocsp": "Test Hospital OCSP"}
    keys = "\n".join(f"      {k}:\n        path: {k}.key.pem" for k in KEYS)
    ents = "\n".join(f"      {k}:\n        common-name: {v}" for k, v in entities.items())
    tsa_ext = """        extensions:
          - id: key_usage
            critical: true
            smart-value:
              schema: key-usage
              params: [digital_signature]
          - id: extended_key_usage
            critical: true
            value: [time_stamping]"""
    return f"""external-url-prefix: "{prefix}"
keysets:
  desk:
    path-prefix: keys
    keys:
{keys}
pki-architectures:
  desk:
    keyset: desk
    entity-defaults:
      country-name: SA
      organization-name: Test Hospital
    entities:
{ents}
    certs:
      root:
        subject: root
        issuer: root
        validity:
          valid-from: "{_stamp(now - 2 * year)}"
          valid-to: "{_stamp(now + 30 * year)}"
        profiles:
          - id: simple-ca
            params:
              crl-repo: root
              ocsp-service: root
      ocsp:
        issuer: root
        validity:
          valid-from: "{_stamp(now - 2 * year)}"
          valid-to: "{_stamp(now + 30 * year)}"
        profiles:
          - ocsp-responder
      seal:
        issuer: root
        validity:
          valid-from: "{_stamp(now - 2 * year)}"
          valid-to: "{_stamp(now + 2 * year)}"
        profiles:
          - digsig-commitment
      seal-revoked:
        template: seal
        subject: seal-revoked
        subject-key: seal-revoked
        revocation:
          revoked-since: "{_stamp(now - dt.timedelta(hours=1))}"
          reason: key_compromise
      seal-expired:
        template: seal
        subject: seal-expired
        subject-key: seal-expired
        validity:
          valid-from: "{_stamp(now - 3 * year)}"
          valid-to: "{_stamp(now - day)}"
      tsa:
        issuer: root
        validity:
          valid-from: "{_stamp(now - day)}"
          valid-to: "{_stamp(now + 20 * year)}"
{tsa_ext}
      tsa-short:
        issuer: root
        subject: tsa-short
        subject-key: tsa-short
        validity:
          valid-from: "{_stamp(now - day)}"
          valid-to: "{_stamp(now + 100 * day)}"
{tsa_ext}
    services:
      ocsp:
        root:
          for-issuer: root
          responder-cert: ocsp
          signing-key: ocsp
      crl-repo:
        root:
          for-issuer: root
          signing-key: root
          simulated-update-schedule: "P7D"
      time-stamping:
        tsa:
          signing-key: tsa
          signing-cert: tsa
        tsa-short:
          signing-key: tsa-short
          signing-cert: tsa-short
"""


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args) -> None:  # no access log in the test output
        pass


@dataclass
class SealFiles:
    p12: bytes
    passphrase: str
    cert_pem: bytes


class TestPki:
    """One PKI for a test run (see the module docstring)."""

    __test__ = False  # not a test class for pytest

    def __init__(self, root: Path) -> None:
        from certomancer.integrations.animator import Animator, AnimatorArchStore
        from certomancer.registry import ArchLabel, CertomancerConfig

        self.root = root
        keys = root / "keys"
        keys.mkdir(parents=True)
        self._keys = {}
        for label in KEYS:
            key = ec.generate_private_key(ec.SECP256R1())
            self._keys[label] = key
            (keys / f"{label}.key.pem").write_bytes(key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.prefix = f"http://127.0.0.1:{self.port}"
        self.now = dt.datetime.now(dt.timezone.utc)
        config = root / "certomancer.yml"
        config.write_text(_config(self.prefix, self.now), encoding="utf-8")
        cfg = CertomancerConfig.from_file(str(config), key_search_dir=str(root))
        self.arch = cfg.get_pki_arch(ArchLabel("desk"))
        self._app = Animator(AnimatorArchStore(cfg.pki_archs), with_web_ui=False, allow_time_override=False)
        self._server: WSGIServer | None = None
        self._thread: threading.Thread | None = None
        self.trust_file = root / "trust.pem"
        self.trust_file.write_bytes(self.cert_pem("root"))

    # ------------------------------------------------------------------ the responders
    def start(self) -> None:
        if self._server is not None:
            return
        self._server = make_server("127.0.0.1", self.port, self._app, handler_class=_QuietHandler)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="certomancer", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """The TSA, OCSP and CRLs go away (connections are refused at once)."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
        self._server = self._thread = None

    @property
    def running(self) -> bool:
        return self._server is not None

    def tsa_url(self, label: str = "tsa") -> str:
        return f"{self.prefix}/desk/tsa/{label}"

    # ------------------------------------------------------------------ certificates and keys
    def certificate(self, label: str) -> x509.Certificate:
        from certomancer.registry import CertLabel

        return x509.load_der_x509_certificate(self.arch.get_cert(CertLabel(label)).dump())

    def cert_pem(self, label: str) -> bytes:
        return self.certificate(label).public_bytes(serialization.Encoding.PEM)

    def seal_files(self, label: str = "seal", passphrase: str = SEAL_PASSPHRASE) -> SealFiles:
        """The seal certificate ``label`` with its key as a passphrase-protected PKCS#12 (+ the CA)."""
        data = pkcs12.serialize_key_and_certificates(
            b"seal", self._keys[label], self.certificate(label), [self.certificate("root")],
            serialization.BestAvailableEncryption(passphrase.encode()))
        return SealFiles(data, passphrase, self.cert_pem(label))

    def new_seal(self, common_name: str, days: int = 700, passphrase: str = SEAL_PASSPHRASE) -> SealFiles:
        """A new key and a seal certificate from the CA ending in ``days`` days (a rotation)."""
        key = ec.generate_private_key(ec.SECP256R1())
        cert = self.issue(key.public_key(), common_name, days=days)
        data = pkcs12.serialize_key_and_certificates(
            b"seal", key, cert, [self.certificate("root")], serialization.BestAvailableEncryption(passphrase.encode()))
        return SealFiles(data, passphrase, cert.public_bytes(serialization.Encoding.PEM))

    def issue(self, public_key, common_name: str, days: int = 700) -> x509.Certificate:
        """A seal certificate from the CA for a key made elsewhere (on a token)."""
        root = self.certificate("root")
        return (x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test Hospital")]))
                .issuer_name(root.subject)
                .public_key(public_key)
                .serial_number(x509.random_serial_number())
                .not_valid_before(self.now - dt.timedelta(days=700))
                .not_valid_after(self.now + dt.timedelta(days=days))
                .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False),
                               critical=True)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root.public_key()),
                               critical=False)
                .sign(self._keys["root"], hashes.SHA256()))


def softhsm_module() -> str | None:
    return next((m for m in SOFTHSM_MODULES if os.path.exists(m)), None)


def softhsm_token(root: Path, pki: TestPki) -> dict[str, str]:
    """A SoftHSM2 token in ``root`` with an EC key generated on it and its certificate from the CA.

    Sets ``SOFTHSM2_CONF`` for this process (SoftHSM reads it when the module is loaded)."""
    import pkcs11
    from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass
    from pkcs11.util.ec import encode_ec_public_key, encode_named_curve_parameters

    module = softhsm_module()
    tokens = root / "tokens"
    tokens.mkdir(parents=True)
    conf = root / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n",
                    encoding="utf-8")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", TOKEN_LABEL, "--pin", TOKEN_PIN,
                    "--so-pin", "13579246"], check=True, capture_output=True, env={**os.environ})
    lib = pkcs11.lib(module)
    token = lib.get_token(token_label=TOKEN_LABEL)
    with token.open(user_pin=TOKEN_PIN, rw=True) as session:
        params = session.create_domain_parameters(KeyType.EC, {
            Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")}, local=True)
        public, _private = params.generate_keypair(
            store=True, label=KEY_LABEL, id=b"\x01",
            private_template={Attribute.SENSITIVE: True, Attribute.EXTRACTABLE: False})
        from cryptography.hazmat.primitives.serialization import load_der_public_key

        public_key = load_der_public_key(encode_ec_public_key(public))
        cert = pki.issue(public_key, "Test Hospital Seal (token)")
        der = cert.public_bytes(serialization.Encoding.DER)
        session.create_object({
            Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
            Attribute.TOKEN: True, Attribute.LABEL: KEY_LABEL, Attribute.ID: b"\x01", Attribute.VALUE: der,
            Attribute.SUBJECT: cert.subject.public_bytes(),
        })
    return {"module": module, "token": TOKEN_LABEL, "key": KEY_LABEL, "pin": TOKEN_PIN,
            "cert_pem": cert.public_bytes(serialization.Encoding.PEM).decode()}

