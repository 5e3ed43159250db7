"""Strict form of a seal (and of a document timestamp), checked on the file's own bytes.

Shared by the full verification and the many-record fast path, so both refuse the same files:

* ``/ByteRange`` is four integers starting at 0 whose gap is *exactly* the ``/Contents`` hex string
  (``<`` hex digits ``>``, nothing else: no literal string, no keys smuggled into the gap);
* the hex string decodes to one DER object followed by zero bytes only (the reserved room);
* the signature dictionary holds only the keys the program writes;
* the CMS carries only the usual signed attributes and, unsigned, at most a timestamp token.
"""
from __future__ import annotations

import re

__all__ = ["ess_problem", "SEAL_KEYS", "TIMESTAMP_KEYS", "SIGNED_ATTRS", "UNSIGNED_ATTRS", "gap_problem", "keys_problem",
           "cms_problem"]

SEAL_KEYS = frozenset({"/Type", "/Filter", "/SubFilter", "/ByteRange", "/Contents", "/M", "/Reason",
                       "/Location", "/Name", "/ContactInfo", "/Prop_Build"})
TIMESTAMP_KEYS = frozenset({"/Type", "/Filter", "/SubFilter", "/ByteRange", "/Contents", "/V", "/Prop_Build"})
SIGNED_ATTRS = frozenset({"content_type", "message_digest", "signing_time", "signing_certificate",
                          "signing_certificate_v2", "cms_algorithm_protection"})
UNSIGNED_ATTRS = frozenset({"signature_time_stamp_token"})
_HEX = re.compile(rb"<[0-9A-Fa-f]*>")
MAX_GAP = 512 * 1024


def gap_problem(data: bytes, byte_range, contents: bytes | None) -> str | None:
    """What is wrong with the signature's place in the file, or None. ``contents``: the
    ``/Contents`` value as the PDF parser read it (must be the bytes of the gap)."""
    try:
        values = [int(x) for x in byte_range]
    except (TypeError, ValueError):
        return "The seal's byte range is not four numbers."
    if len(values) != 4:
        return "The seal's byte range is not four numbers."
    start, a, b, c = values
    if start != 0 or not 0 < a < b or c < 0 or b + c > len(data) or b - a > MAX_GAP:
        return "The seal's byte range does not describe this file."
    gap = data[a:b]
    if not _HEX.fullmatch(gap) or (len(gap) - 2) % 2:
        return "The seal's signature is not a plain hexadecimal string exactly filling its place."
    raw = bytes.fromhex(gap[1:-1].decode("ascii"))
    if contents is not None and bytes(contents) != raw:
        return "The seal's signature value is not the one in its place in the file."
    from asn1crypto import parser

    try:
        _, _, _, header, body, trailer = parser.parse(raw)
    except Exception:
        return "The seal's signature is not a DER structure."
    if raw[len(header) + len(body) + len(trailer):].strip(b"\x00"):
        return "Bytes after the signature inside the seal were changed after sealing."
    return None


def keys_problem(keys, allowed: frozenset[str]) -> str | None:
    extra = sorted(str(k) for k in keys if str(k) not in allowed)
    if extra:
        shown = ", ".join(k[:24] for k in extra[:3])
        return f"The seal's dictionary holds keys a seal never has ({len(extra)}: {shown})."
    return None


def cms_problem(signer_info, signed_data=None) -> str | None:
    """Unexpected signed or unsigned attributes in the CMS signer info; a certificate carried twice
    (an unsigned copy could be altered at will)."""
    from asn1crypto import core

    if signed_data is not None:
        seen = set()
        for choice in signed_data["certificates"] or ():
            if choice.name != "certificate":
                return "The seal carries something other than certificates in its certificate set."
            ident = (choice.chosen.issuer.dump(), choice.chosen.serial_number)
            if ident in seen:
                return "The seal carries the same certificate twice."
            seen.add(ident)

    signed = signer_info["signed_attrs"]
    if signed is core.VOID or not len(signed):
        return "The seal's signature has no signed attributes."
    names = [a["type"].native for a in signed]
    if any(n not in SIGNED_ATTRS for n in names) or len(set(names)) != len(names):
        return "The seal's signature carries signed attributes a seal never has."
    unsigned = signer_info["unsigned_attrs"]
    if unsigned is not core.VOID and len(unsigned):
        names = [a["type"].native for a in unsigned]
        if any(n not in UNSIGNED_ATTRS for n in names) or len(names) > 1:
            return "The seal's signature carries unsigned data other than one timestamp."
        if len(unsigned[0]["values"]) != 1:
            return "The seal's signature carries more than one timestamp token."
    return None


def ess_problem(signer_info, cert) -> str | None:
    """The signed ESS signing-certificate(-v2) attribute (PAdES: required) names exactly ``cert``, so
    the certificate carried beside the signature cannot be swapped for a look-alike."""
    import hashlib

    found = False
    for attr in signer_info["signed_attrs"]:
        name = attr["type"].native
        if name not in ("signing_certificate_v2", "signing_certificate"):
            continue
        found = True
        if len(attr["values"]) != 1 or not len(attr["values"][0]["certs"]):
            return "The seal's signing-certificate attribute is empty."
        first = attr["values"][0]["certs"][0]
        algo = first["hash_algorithm"]["algorithm"].native if name == "signing_certificate_v2" else "sha1"
        try:
            digest = hashlib.new(algo, cert.dump()).digest()
        except ValueError:
            return "The seal's signing-certificate attribute uses an unknown hash."
        if digest != first["cert_hash"].native:
            return "The certificate carried with the seal is not the one the seal names."
    return None if found else "The seal does not name its certificate (no signing-certificate attribute)."
