"""Verifying many records sealed by the same institution quickly (export, ``verify --all``).

:class:`SealVerifier` gives :func:`app.documents.pdf_verify.verify_pdf`'s verdict for each record at
a fraction of the cost: a quick cryptographic proof per record, the certificate path validated once
per certificate, and the full verification for anything unusual (so its reason codes stay the same).
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from io import BytesIO
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization


from .pdf_verify import (
    _MAX_NAME_TREE_DEPTH,
    ATTACHMENT_NAME,
    INFO_RECORD_ID,
    INFO_RECORD_SHA256,
    REASONS,
    UnreadablePdf,
    VerifyResult,
    _sealed_prefix_result,
    _verify_full,
    as_trust,
)
from .run_async import run_coroutine
from .seal_validation import _key_usage, _name, claimed_time
from .seal_structure import SEAL_KEYS, cms_problem, ess_problem, gap_problem, keys_problem
from .trust import is_demo_certificate

__all__ = ["SealVerifier"]


class SealVerifier:
    """:func:`verify_pdf` for many records sealed with the same certificates (export, ``verify
    --all``): the same result for every PDF, at a fraction of the cost.

    What is costly in :func:`verify_pdf` is parsing the PDF in pure Python (pyHanko's reader spends
    most of its time in the signature's hex string) and validating the certificate path for every
    record although every record carries the same institution certificate. Here each record gets a
    *quick proof of validity* first:

    * the PDF is parsed with pikepdf (qpdf, C++), or the caller's already open pikepdf document;
    * exactly one signature field, a ``/Sig`` dictionary, a ``/ByteRange`` that starts at 0 and
      ends at the end of the file (no later revision: B-LT and B-LTA records take the full path),
      and the strict form of ``seal_structure`` (the same checks as the full path);
    * the CMS: detached, one signer, SHA-2 digest, a known signature mechanism, only the usual
      signed attributes (no timestamp: B-T seals take the full path), the signer certificate found
      by exact issuer and serial (or key identifier) and named by the signed ESS attribute;
    * the digest of the signed byte ranges equals the signed ``messageDigest`` and the signature
      over the signed attributes verifies with the signer's public key (the checks of pyHanko's
      ``validate_sig_integrity``, done strictly with ``cryptography``: content type, algorithm
      protection and signing-certificate attributes too);
    * the certificate path and key usage, validated by pyHanko's certvalidator with the same
      settings as :func:`verify_pdf` (the trust file's anchors as the only roots, no fetching) at
      the time of verification (a B-B seal has no trusted time), once per certificate;
    * the attached ``record.json`` hashes to ``/ConsentRecordSHA256`` (and to ``expected_sha256``),
      its ``record_id`` equals ``/ConsentRecordId``.

    Only when *every* step passes is the record valid by the quick proof. Anything else (a tampered,
    foreign, timestamped or odd PDF) is handed to :func:`verify_pdf`'s full validation, so an
    invalid record gets exactly the reason and detail ``verify_pdf`` gives. ``fast`` and ``full``
    count how each record was decided.
    """

    _SIGNED_ATTRS = frozenset({"content_type", "message_digest", "signing_time", "signing_certificate",
                               "signing_certificate_v2", "cms_algorithm_protection"})
    _DIGESTS = frozenset({"sha256", "sha384", "sha512"})
    _MECHANISMS = frozenset({"sha256_ecdsa", "sha384_ecdsa", "sha512_ecdsa", "ecdsa", "rsassa_pkcs1v15",
                             "sha256_rsa", "sha384_rsa", "sha512_rsa", "ed25519", "ed448"})

    def __init__(self, trust, *, demo: bool = False, now: datetime | None = None) -> None:
        self._trust = as_trust(trust)
        self._trust_key = self._trust.key()
        self._demo = demo
        self._now = now or datetime.now(timezone.utc)
        self._windows: dict[tuple, str | None] = {}
        self._paths: dict[tuple, bool] = {}
        self._keys: dict[str, Any] = {}
        self._certs: dict[bytes, _Cert] = {}
        self.fast = 0
        self.full = 0

    def verify(self, pdf_bytes: bytes, expected_sha256: str | None = None, *, doc=None) -> VerifyResult:
        """Like :func:`verify_pdf` (same results, same exceptions). ``doc``: the same bytes already
        opened with pikepdf, to save parsing them again."""
        result = self.quick(pdf_bytes, expected_sha256, doc=doc)
        if result is not None:
            return result
        return self.full_check(pdf_bytes, expected_sha256)

    def quick(self, pdf_bytes: bytes, expected_sha256: str | None = None, *, doc=None) -> VerifyResult | None:
        """The quick proof alone: a *valid* result, or None when the full validation must decide."""
        try:
            result = self._quick(pdf_bytes, expected_sha256, doc)
        except Exception:  # anything unexpected: the full validation decides
            result = None
        if result is not None:
            self.fast += 1
        return result

    def full_check(self, pdf_bytes: bytes, expected_sha256: str | None = None) -> VerifyResult:
        """:func:`verify_pdf` with the certificates already loaded."""
        self.full += 1
        try:
            return _verify_full(pdf_bytes, self._trust, expected_sha256, demo=self._demo, now=self._now)
        except UnreadablePdf:
            appended = _sealed_prefix_result(pdf_bytes, self._trust, expected_sha256, demo=self._demo,
                                             now=self._now)
            if appended is None:
                raise
            return appended

    # ------------------------------------------------------------------ the quick proof
    def _quick(self, pdf_bytes: bytes, expected_sha256: str | None, doc) -> VerifyResult | None:
        if not isinstance(pdf_bytes, (bytes, bytearray)):
            return None
        data = bytes(pdf_bytes)
        if doc is None:
            import pikepdf

            with pikepdf.open(BytesIO(data)) as opened:
                return self._quick_doc(data, expected_sha256, opened)
        return self._quick_doc(data, expected_sha256, doc)

    def _quick_doc(self, data: bytes, expected_sha256: str | None, doc) -> VerifyResult | None:
        import pikepdf
        from asn1crypto import cms, core

        if doc.is_encrypted:
            return None
        sigs = _pike_signature_values(doc.Root)
        if sigs is None or len(sigs) != 1:
            return None
        sig = sigs[0]
        if not isinstance(sig, pikepdf.Dictionary) or sig.get("/Type", pikepdf.Name("/Sig")) != "/Sig":
            return None
        byte_range = [int(x) for x in sig.ByteRange]
        if len(byte_range) != 4:
            return None
        start, a, b, c = byte_range
        if start != 0 or not 0 < a < b or b + c != len(data) or c <= 0:
            return None
        contents = bytes(sig.Contents)
        if gap_problem(data, byte_range, contents) or keys_problem(sig.keys(), SEAL_KEYS):
            return None
        if sig.get("/SubFilter") != "/ETSI.CAdES.detached" or sig.get("/Filter") != "/Adobe.PPKLite":
            return None

        info = cms.ContentInfo.load(contents, strict=False)  # the zero padding after the DER is ignored
        if info["content_type"].native != "signed_data":
            return None
        signed = info["content"]
        if len(signed["signer_infos"]) != 1 or signed["encap_content_info"]["content"] is not core.VOID:
            return None
        signer = signed["signer_infos"][0]
        if cms_problem(signer, signed):
            return None
        attrs = signer["signed_attrs"]
        if attrs is core.VOID:
            return None
        # The signed bytes: the attributes as received, re-tagged [0] IMPLICIT -> SET OF (0x31), taken
        # before anything reads them (asn1crypto re-encodes what it has parsed, slowly).
        signed_raw = attrs.dump()
        if signed_raw[:1] != b"\xa0":
            return None
        signed_bytes = b"\x31" + signed_raw[1:]
        md = signer["digest_algorithm"]["algorithm"].native
        if md not in self._DIGESTS or signer["signature_algorithm"]["algorithm"].native not in self._MECHANISMS:
            return None
        if any(attr["type"].native not in self._SIGNED_ATTRS for attr in attrs):
            return None
        unsigned = signer["unsigned_attrs"]
        if unsigned is not core.VOID and len(unsigned):
            return None

        certs = []
        for choice in signed["certificates"] or ():
            if choice.name != "certificate":
                return None
            der = choice.chosen.dump()
            known = self._certs.get(der)
            if known is None:
                if len(self._certs) >= 64:
                    self._certs.clear()
                known = self._certs[der] = _Cert(der)
            certs.append(known)
        signer_cert, other_certs = _signer_certificate(certs, signer)
        if signer_cert is None:
            return None
        cert, fingerprint, others = signer_cert.cert, signer_cert.fingerprint, [o.cert for o in other_certs]
        if ess_problem(signer, cert):
            return None
        demo_cert = is_demo_certificate(cert)
        if demo_cert and not self._demo:
            return None
        roots = (cert,) if demo_cert else self._trust.certificates
        if not roots:
            return None
        digest = hashlib.new(md)
        view = memoryview(data)
        digest.update(view[:a])
        digest.update(view[b:])
        if not self._signature_ok(signer, signed_bytes, cert, fingerprint,
                                  signed["encap_content_info"]["content_type"].native, md, digest.digest()):
            return None
        claimed = claimed_time(signer, sig.get("/M"))
        anchor = self._trusted_at(cert, fingerprint, others, roots, self._now)
        if anchor is None:
            return None
        if not self._paths[self._path_key(fingerprint, others, roots)]:  # a stray (alterable) copy
            return None

        # the attached record and the sealed metadata
        attachments = _pike_attachments(doc.Root, ATTACHMENT_NAME)
        if attachments is None or len(attachments) != 1:
            return None
        ef = attachments[0].EF
        stream = ef.get("/UF") or ef.F
        record_bytes = stream.read_bytes()
        computed = hashlib.sha256(record_bytes).hexdigest()
        record = json.loads(record_bytes.decode("utf-8"))
        if not isinstance(record, dict):
            return None
        docinfo = doc.trailer.get("/Info")
        if not isinstance(docinfo, pikepdf.Dictionary):
            return None
        sealed_sha, claimed_id = docinfo.get(INFO_RECORD_SHA256), docinfo.get(INFO_RECORD_ID)
        if not isinstance(sealed_sha, pikepdf.String) or not isinstance(claimed_id, pikepdf.String):
            return None
        sealed_sha, claimed_id = str(sealed_sha), str(claimed_id)
        if not sealed_sha or not claimed_id or sealed_sha.strip().lower() != computed:
            return None
        if record.get("record_id") != claimed_id:
            return None
        if expected_sha256 is not None and expected_sha256.strip().lower() != computed:
            return None
        return VerifyResult(valid=True, record_id=claimed_id, reason="ok", detail=REASONS["ok"], record=record,
                            record_sha256=computed, signer_fingerprint=fingerprint, level="B-B",
                            trusted_time=None, claimed_time=claimed, signer=_name(cert.subject),
                            anchor="demonstration seal" if demo_cert else anchor, demo=demo_cert)

    def _signature_ok(self, signer, signed_bytes: bytes, cert, fingerprint: str, content_type: str, md: str,
                      digest: bytes) -> bool:
        """The checks of pyHanko's ``validate_sig_integrity``, strictly: one content type equal to the
        encapsulated one, one message digest equal to ``digest``, the algorithm protection (when
        present) naming the signer's algorithms, the signing-certificate attribute (when present)
        naming ``cert`` by hash and by exact issuer and serial, and the signature over the DER of
        the signed attributes verifying with the certificate's key (ECDSA, RSA PKCS#1 v1.5, EdDSA;
        anything else is left to the full validation)."""
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa

        attrs: dict[str, list] = {}
        for attr in signer["signed_attrs"]:
            attrs.setdefault(attr["type"].native, []).append(attr["values"])
        if any(len(v) != 1 or len(v[0]) != 1 for v in attrs.values()):
            return False
        value = {k: v[0][0] for k, v in attrs.items()}
        if "content_type" not in value or value["content_type"].native != content_type:
            return False
        if "message_digest" not in value or value["message_digest"].native != digest:
            return False
        protection = value.get("cms_algorithm_protection")
        if protection is not None:
            if protection["digest_algorithm"].dump() != signer["digest_algorithm"].dump():
                return False
            if protection["signature_algorithm"].dump() != signer["signature_algorithm"].dump():
                return False
        for name, default_hash in (("signing_certificate_v2", "sha256"), ("signing_certificate", "sha1")):
            attr = value.get(name)
            if attr is None:
                continue
            ids = attr["certs"]
            if not len(ids):
                return False
            first = ids[0]
            algo = first["hash_algorithm"]["algorithm"].native if name == "signing_certificate_v2" else default_hash
            if hashlib.new(algo, cert.dump()).digest() != first["cert_hash"].native:
                return False
            issuer_serial = first["issuer_serial"]
            if issuer_serial.native is not None:
                if issuer_serial["serial_number"].native != cert.serial_number:
                    return False
                names = [g for g in issuer_serial["issuer"] if g.name == "directory_name"]
                # the RDN sequences, byte for byte (the GeneralName wraps the Name in an explicit tag)
                if len(names) != 1 or names[0].chosen.chosen.dump() != cert.issuer.chosen.dump():
                    return False

        key = self._keys.get(fingerprint)
        if key is None:
            key = self._keys[fingerprint] = serialization.load_der_public_key(cert.public_key.dump())
        mechanism = signer["signature_algorithm"]["algorithm"].native
        hash_name = mechanism.split("_", 1)[0] if "_" in mechanism and mechanism.startswith("sha") else md
        chosen = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}.get(hash_name)
        signature = signer["signature"].native
        try:
            if isinstance(key, ec.EllipticCurvePublicKey) and mechanism.endswith("ecdsa") and chosen is not None:
                key.verify(signature, signed_bytes, ec.ECDSA(chosen))
            elif (isinstance(key, rsa.RSAPublicKey) and chosen is not None
                  and (mechanism == "rsassa_pkcs1v15" or mechanism.endswith("_rsa"))):
                key.verify(signature, signed_bytes, padding.PKCS1v15(), chosen)
            elif isinstance(key, ed25519.Ed25519PublicKey) and mechanism == "ed25519":
                key.verify(signature, signed_bytes)
            elif isinstance(key, ed448.Ed448PublicKey) and mechanism == "ed448":
                key.verify(signature, signed_bytes)
            else:
                return False
        except InvalidSignature:
            return False
        return True

    def _trusted_at(self, cert, fingerprint: str, others: list, roots, moment: datetime) -> str | None:
        """The name of the anchor the signer's certificate chains to at ``moment``, or None (cached
        per certificate, the other certificates and the anchors)."""
        key = self._path_key(fingerprint, others, roots)
        if key in self._windows:
            return self._windows[key]
        path = run_coroutine(_validate_path(cert, others, roots, moment))
        anchor = None
        if path is not None:
            try:
                anchor = _name(path.trust_anchor.authority.name)
            except Exception:
                anchor = None
        if len(self._windows) >= 64:
            self._windows.clear()
            self._paths.clear()
        self._windows[key] = anchor
        # every other certificate carried must be in the path (or an anchor), byte for byte
        known = {r.dump() for r in roots} | ({c.dump() for c in path.iter_certs(include_root=True)} if path else set())
        self._paths[key] = all(o.dump() in known for o in others)
        return anchor

    @staticmethod
    def _path_key(fingerprint: str, others: list, roots) -> tuple:
        return (fingerprint, tuple(sorted(hashlib.sha256(o.dump()).digest() for o in others)),
                frozenset(hashlib.sha256(r.dump()).digest() for r in roots))


async def _validate_path(cert, others, roots, moment):
    """The valid certificate path of ``cert`` at ``moment``, with the settings of :func:`_validate`
    (and pyHanko's key usage rule), or None."""
    from pyhanko.sign.validation.generic_cms import validate_cert_usage
    from pyhanko_certvalidator import ValidationContext

    vc = ValidationContext(trust_roots=list(roots), allow_fetching=False, revocation_mode="soft-fail",
                           moment=moment, other_certs=list(others), retroactive_revinfo=True)
    result = await validate_cert_usage(cert, vc, key_usage_settings=_key_usage(),
                                       paths=vc.path_builder.async_build_paths_lazy(cert))
    if result.error_subindic is not None:
        return None
    return result.success_result


class _Cert:
    """A certificate met in seals, parsed once: what matching a signer needs."""

    __slots__ = ("cert", "der", "serial", "issuer", "key_id", "fingerprint")

    def __init__(self, der: bytes) -> None:
        self.cert = asn1_x509.Certificate.load(der)
        self.der = der
        self.serial = self.cert.serial_number
        self.issuer = self.cert.issuer.dump()
        self.key_id = self.cert.key_identifier
        self.fingerprint = hashlib.sha256(der).hexdigest()


def _signer_certificate(certs: list[_Cert], signer) -> tuple[_Cert | None, list[_Cert]]:
    """The signer's certificate among the CMS certificates, matched exactly (DER issuer and serial,
    or subject key identifier), and the other certificates; (None, []) when not exactly one."""
    sid = signer["sid"]
    if sid.name == "issuer_and_serial_number":
        issuer = sid.chosen["issuer"].dump()
        serial = sid.chosen["serial_number"].native
        found = [c for c in certs if c.serial == serial and c.issuer == issuer]
    elif sid.name == "subject_key_identifier":
        found = [c for c in certs if c.key_id == sid.chosen.native]
    else:
        found = []
    if len(found) != 1:
        return None, []
    return found[0], [c for c in certs if c is not found[0]]


def _pike_signature_values(root) -> list | None:
    """The ``/V`` of every filled signature field of the AcroForm (kids followed, ``/FT`` inherited)."""
    import pikepdf

    form = root.get("/AcroForm")
    if not isinstance(form, pikepdf.Dictionary):
        return []
    found: list = []

    def walk(field, inherited_ft, depth: int) -> bool:
        if depth > _MAX_NAME_TREE_DEPTH or not isinstance(field, pikepdf.Dictionary):
            return False
        ft = field.get("/FT", inherited_ft)
        kids = field.get("/Kids")
        if isinstance(kids, pikepdf.Array) and any("/T" in k for k in kids if isinstance(k, pikepdf.Dictionary)):
            return all(walk(k, ft, depth + 1) for k in kids)
        if ft == "/Sig" and field.get("/V") is not None:
            found.append(field.V)
        return True

    fields = form.get("/Fields")
    if not isinstance(fields, pikepdf.Array):
        return []
    if not all(walk(f, None, 0) for f in fields):
        return None
    return found


def _pike_attachments(root, wanted: str) -> list | None:
    """File specifications named ``wanted`` in the EmbeddedFiles name tree (pikepdf)."""
    import pikepdf

    names = root.get("/Names")
    tree = names.get("/EmbeddedFiles") if isinstance(names, pikepdf.Dictionary) else None
    if not isinstance(tree, pikepdf.Dictionary):
        return []
    found: list = []

    def walk(node, depth: int) -> None:
        if depth > _MAX_NAME_TREE_DEPTH:
            raise ValueError("name tree too deep")
        pairs = node.get("/Names")
        if pairs is not None:
            for i in range(0, len(pairs) - 1, 2):
                if str(pairs[i]) == wanted:
                    found.append(pairs[i + 1])
        for kid in node.get("/Kids", ()):
            walk(kid, depth + 1)

    walk(tree, 0)
    return found
