"""A Merkle tree over the audit log, as Certificate Transparency builds it (RFC 6962 section 2.1,
restated in RFC 9162 section 2.1).

The leaves are the audit events' chain hashes, in ``seq`` order: leaf ``i`` is
``SHA-256(0x00 || event hash)`` and an inner node is ``SHA-256(0x01 || left || right)``; a tree of
``n`` leaves splits at the largest power of two below ``n``. The hash chain says "nothing was
changed"; the tree adds two proofs of logarithmic size, checkable by someone who holds only a
signed checkpoint (size, root):

* inclusion: this event (a record's "record sealed" event) is leaf ``i`` of the tree of size ``n``;
* consistency: the tree of size ``m`` is the first ``m`` leaves of the tree of size ``n``, so the log
  only grew between two checkpoints.

:class:`CompactRange` keeps the roots of the perfect subtrees of the leaves seen so far (at most
log2(n) of them), so a checkpoint continues from the previous one without hashing the whole log.
Pure functions on bytes; no database.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than ``n`` (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


class CompactRange:
    """The perfect subtrees covering leaves ``0..size-1``, largest first: ``[(leaves, root), ...]``."""

    def __init__(self, subtrees: Iterable[tuple[int, bytes]] = ()) -> None:
        self.subtrees: list[tuple[int, bytes]] = [(int(n), bytes(h)) for n, h in subtrees]
        sizes = [n for n, _ in self.subtrees]
        if any(n <= 0 or n & (n - 1) for n in sizes) or any(a <= b for a, b in zip(sizes, sizes[1:])):
            raise ValueError("a compact range is perfect subtrees of strictly decreasing size")

    @property
    def size(self) -> int:
        return sum(n for n, _ in self.subtrees)

    def append(self, leaf: bytes) -> None:
        """Add one leaf (already hashed with :func:`leaf_hash`)."""
        self.subtrees.append((1, leaf))
        while len(self.subtrees) > 1 and self.subtrees[-1][0] == self.subtrees[-2][0]:
            (n, right), (_, left) = self.subtrees.pop(), self.subtrees.pop()
            self.subtrees.append((2 * n, node_hash(left, right)))

    def root(self) -> bytes:
        if not self.subtrees:
            return EMPTY_ROOT
        value = self.subtrees[-1][1]
        for _, left in reversed(self.subtrees[:-1]):
            value = node_hash(left, value)
        return value

    def to_json(self) -> list[list]:
        return [[n, h.hex()] for n, h in self.subtrees]

    @classmethod
    def from_json(cls, value: Sequence[Sequence]) -> CompactRange:
        return cls((int(n), bytes.fromhex(h)) for n, h in value)


def root(leaves: Sequence[bytes]) -> bytes:
    """MTH of the hashed ``leaves``."""
    n = len(leaves)
    if n == 0:
        return EMPTY_ROOT
    if n == 1:
        return leaves[0]
    k = _split(n)
    return node_hash(root(leaves[:k]), root(leaves[k:]))


def inclusion_proof(index: int, leaves: Sequence[bytes]) -> list[bytes]:
    """PATH(index, D[n]) of RFC 6962 for the hashed ``leaves``."""
    if not 0 <= index < len(leaves):
        raise ValueError("leaf index outside the tree")
    return _path(index, leaves)


def _path(m: int, leaves: Sequence[bytes]) -> list[bytes]:
    n = len(leaves)
    if n <= 1:
        return []
    k = _split(n)
    if m < k:
        return _path(m, leaves[:k]) + [root(leaves[k:])]
    return _path(m - k, leaves[k:]) + [root(leaves[:k])]


def consistency_proof(old_size: int, leaves: Sequence[bytes]) -> list[bytes]:
    """PROOF(old_size, D[n]) of RFC 6962 for the hashed ``leaves`` (n = len(leaves))."""
    if not 0 <= old_size <= len(leaves):
        raise ValueError("the old tree is larger than the new one")
    if old_size in (0, len(leaves)):
        return []
    return _subproof(old_size, leaves, True)


def _subproof(m: int, leaves: Sequence[bytes], whole: bool) -> list[bytes]:
    n = len(leaves)
    if m == n:
        return [] if whole else [root(leaves)]
    k = _split(n)
    if m <= k:
        return _subproof(m, leaves[:k], whole) + [root(leaves[k:])]
    return _subproof(m - k, leaves[k:], False) + [root(leaves[:k])]


def verify_inclusion(leaf: bytes, index: int, size: int, proof: Sequence[bytes], expected_root: bytes) -> bool:
    """RFC 9162 section 2.1.3.2: is ``leaf`` (hashed) leaf ``index`` of the tree of ``size`` with ``expected_root``?"""
    if not 0 <= index < size:
        return False
    fn, sn, value = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            value = node_hash(p, value)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            value = node_hash(value, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and value == expected_root


def verify_consistency(old_size: int, new_size: int, old_root: bytes, new_root: bytes,
                       proof: Sequence[bytes]) -> bool:
    """RFC 9162 section 2.1.4.2: is the tree (old_size, old_root) a prefix of (new_size, new_root)?"""
    if old_size < 0 or old_size > new_size:
        return False
    if old_size == new_size:
        return not proof and old_root == new_root
    if old_size == 0:
        return not proof
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # an exact power of two: the old root is a node of the new tree
        path.insert(0, old_root)
    if not path:
        return False
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == old_root and sr == new_root
