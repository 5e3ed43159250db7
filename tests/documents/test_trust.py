"""Where the trust file comes from (app.documents.trust): never from the data folder, only a file
administrators alone can change at the platform's place, and never the demonstration certificate."""
from __future__ import annotations

import os

import pytest

from app.documents import trust as trust_module
from app.documents.certificates import create_demo_identity, create_self_signed
from app.documents.trust import TRUST_ENV, find_trust_file, is_demo_certificate, load_trust
from app.domain.errors import InvalidInput


@pytest.fixture
def ca_pem(tmp_path):
    path = tmp_path / "it" / "trust.pem"
    path.parent.mkdir()
    path.write_bytes(create_self_signed("Hospital CA", "Hospital")[1])
    return path


def test_explicit_then_environment_then_platform(tmp_path, ca_pem, monkeypatch):
    monkeypatch.delenv(TRUST_ENV, raising=False)
    monkeypatch.setattr(trust_module, "platform_trust_paths", lambda: [tmp_path / "none" / "trust.pem"])
    assert find_trust_file() is None
    assert not load_trust(None)
    monkeypatch.setenv(TRUST_ENV, str(ca_pem))
    assert find_trust_file() == ca_pem
    other = tmp_path / "other.pem"
    other.write_bytes(create_self_signed("Other CA", "Other")[1])
    assert find_trust_file(other) == other
    anchors = load_trust(ca_pem)
    assert len(anchors.certificates) == 1 and anchors.source == str(ca_pem)


def test_a_trust_file_inside_the_data_folder_is_refused(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    inside = data / "trust.pem"
    inside.write_bytes(create_self_signed("Forged CA", "Forged")[1])
    for named in (str(inside), None):
        if named is None:
            monkeypatch.setenv(TRUST_ENV, str(inside))
        with pytest.raises(InvalidInput) as err:
            find_trust_file(named, data)
        assert err.value.code == "trust_file_in_data_folder"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="ownership checks need root on POSIX")
def test_the_platform_file_must_be_writable_by_the_administrator_only(tmp_path, monkeypatch):
    monkeypatch.delenv(TRUST_ENV, raising=False)
    folder = tmp_path / "etc-consent-desk"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    path = folder / "trust.pem"
    path.write_bytes(create_self_signed("Hospital CA", "Hospital")[1])
    monkeypatch.setattr(trust_module, "platform_trust_paths", lambda: [path])
    path.chmod(0o644)
    assert find_trust_file() == path
    path.chmod(0o666)  # anyone may write it
    with pytest.raises(InvalidInput) as err:
        find_trust_file()
    assert err.value.code == "trust_file_unsafe"
    path.chmod(0o644)
    folder.chmod(0o777)  # anyone may replace it
    with pytest.raises(InvalidInput):
        find_trust_file()
    folder.chmod(0o755)


def test_the_demonstration_certificate_is_never_an_anchor(tmp_path):
    demo = create_demo_identity("Al Shifa")
    assert is_demo_certificate(demo.certificate)
    path = tmp_path / "demo.pem"
    path.write_bytes(demo.cert_pem)
    with pytest.raises(InvalidInput) as err:
        load_trust(path)
    assert err.value.code == "trust_file_unreadable"
    unreadable = tmp_path / "junk.pem"
    unreadable.write_bytes(b"not a certificate")
    with pytest.raises(InvalidInput):
        load_trust(unreadable)
