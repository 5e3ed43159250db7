"""The audit log's Merkle tree: RFC 6962 roots, inclusion and consistency proofs, the compact range."""
from __future__ import annotations

import hashlib

import pytest

from app.storage import merkle


def leaves(n: int) -> list[bytes]:
    return [merkle.leaf_hash(hashlib.sha256(str(i).encode()).digest()) for i in range(n)]


def test_root_of_known_shapes() -> None:
    a, b, c = leaves(3)
    assert merkle.root([]) == hashlib.sha256(b"").digest()
    assert merkle.root([a]) == a
    assert merkle.root([a, b]) == merkle.node_hash(a, b)
    # Three leaves split 2 + 1 (the largest power of two below 3).
    assert merkle.root([a, b, c]) == merkle.node_hash(merkle.node_hash(a, b), c)


def test_rfc6962_test_vector() -> None:
    """The empty-leaf hash of the CT test vectors (certificate-transparency-go, merkle tests)."""
    assert merkle.leaf_hash(b"").hex() == "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"


@pytest.mark.parametrize("n", range(0, 40))
def test_compact_range_gives_the_same_root(n: int) -> None:
    tree = merkle.CompactRange()
    data = leaves(n)
    for leaf in data:
        tree.append(leaf)
    assert tree.size == n
    assert tree.root() == merkle.root(data)
    again = merkle.CompactRange.from_json(tree.to_json())
    again.append(merkle.leaf_hash(b"next"))
    assert again.root() == merkle.root(data + [merkle.leaf_hash(b"next")])


def test_compact_range_refuses_a_malformed_frontier() -> None:
    with pytest.raises(ValueError):
        merkle.CompactRange([(3, b"x" * 32)])
    with pytest.raises(ValueError):
        merkle.CompactRange([(1, b"x" * 32), (2, b"y" * 32)])


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 33])
def test_every_inclusion_proof_verifies_and_a_wrong_one_does_not(n: int) -> None:
    data = leaves(n)
    top = merkle.root(data)
    for i in range(n):
        proof = merkle.inclusion_proof(i, data)
        assert len(proof) <= max(1, n.bit_length())
        assert merkle.verify_inclusion(data[i], i, n, proof, top)
        assert not merkle.verify_inclusion(merkle.leaf_hash(b"other"), i, n, proof, top)
        if n > 1:
            assert not merkle.verify_inclusion(data[i], (i + 1) % n, n, proof, top)
            assert not merkle.verify_inclusion(data[i], i, n, proof[:-1], top)
    with pytest.raises(ValueError):
        merkle.inclusion_proof(n, data)


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 9, 13, 16, 20])
def test_every_consistency_proof_verifies_and_a_rewritten_history_does_not(n: int) -> None:
    data = leaves(n)
    new_root = merkle.root(data)
    for m in range(0, n + 1):
        proof = merkle.consistency_proof(m, data)
        old_root = merkle.root(data[:m])
        assert merkle.verify_consistency(m, n, old_root, new_root, proof), (m, n)
        if 0 < m < n:
            # The same sizes, but one old leaf changed: the old root no longer fits.
            forged = list(data)
            forged[m - 1] = merkle.leaf_hash(b"rewritten")
            assert not merkle.verify_consistency(m, n, merkle.root(forged[:m]), new_root, proof)
            assert not merkle.verify_consistency(m, n, old_root, merkle.root(forged), proof)
    assert not merkle.verify_consistency(n + 1, n, new_root, new_root, [])
