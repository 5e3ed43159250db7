"""First run: nothing but set-up until the institution and its first administrator exist."""
from __future__ import annotations

from PySide6.QtCore import Qt

ADMIN = {"username": "admin.one", "name_ar": "مدير النظام", "password": "Kb7-desk-admin"}



def fill(page, **over):
    values = {"inst_ar": "مستشفى الشفاء", "inst_en": "Al Shifa Hospital", "username": ADMIN["username"],
              "admin_name": ADMIN["name_ar"], "password": ADMIN["password"], "password2": ADMIN["password"]}
    values.update(over)
    for attr, text in values.items():
        getattr(page, attr).setText(text)


def test_first_run_then_login(qtbot, services, make_window, people):
    window = make_window(services)
    assert window.first_run is not None and window.root.currentWidget() is window.first_run
    assert window.desk is not window.root.currentWidget()  # nothing else is reachable
    page = window.first_run
    fill(page)
    qtbot.mouseClick(page.button, Qt.LeftButton)
    assert not services.setup.needs_setup()
    assert window.root.currentWidget() is window.login
    assert window.first_run is None
    assert window.login.username.text() == ADMIN["username"]
    window.login.password.setText(ADMIN["password"])
    qtbot.mouseClick(window.login.button, Qt.LeftButton)
    assert window.session.actor.role == "admin"
    assert window.root.currentWidget() is window.desk
    assert "مستشفى الشفاء" in window.header.institution.text()
    assert not window.header.new.isEnabled()  # an administrator does not start consents
    for path in services.ctx.data_dir.rglob("*"):  # no private key is ever written in clear
        assert not path.is_file() or b"PRIVATE KEY" not in path.read_bytes(), path


def test_passwords_must_match_and_be_strong(qtbot, services, make_window):
    window = make_window(services)
    page = window.first_run
    fill(page, password2="something-else-1")
    qtbot.mouseClick(page.button, Qt.LeftButton)
    assert not page.error.isHidden() and services.setup.needs_setup()
    fill(page, password="password1", password2="password1")
    qtbot.mouseClick(page.button, Qt.LeftButton)
    assert not page.error.isHidden() and services.setup.needs_setup()
    assert "شائعة" in page.error.text()  # the service's error, in Arabic


def test_import_requires_a_readable_certificate(qtbot, services, make_window, tmp_path):
    window = make_window(services)
    page = window.first_run
    fill(page)
    page.import_p12.setChecked(True)
    assert page.p12_path.isEnabled()
    bad = tmp_path / "bad.p12"
    bad.write_bytes(b"not a certificate")
    page.p12_path.setText(str(bad))
    page.p12_password.setText("x")
    qtbot.mouseClick(page.button, Qt.LeftButton)
    assert not page.error.isHidden() and services.setup.needs_setup()


def test_import_pkcs12(qtbot, services, make_window, tmp_path, hospital_seal):
    from cryptography.hazmat.primitives.serialization import pkcs12, BestAvailableEncryption, load_pem_private_key
    from cryptography import x509

    from app.documents.certificates import create_self_signed

    key_pem, cert_pem = create_self_signed("Al Shifa Hospital", "Consent Desk")
    self_made = pkcs12.serialize_key_and_certificates(b"seal", load_pem_private_key(key_pem, None),
                                                      x509.load_pem_x509_certificate(cert_pem), None,
                                                      BestAvailableEncryption(b"p12-secret"))
    p12 = tmp_path / "hospital.p12"
    p12.write_bytes(self_made)
    window = make_window(services)
    page = window.first_run
    fill(page)
    page.import_p12.setChecked(True)
    page.p12_path.setText(str(p12))
    page.p12_password.setText("p12-secret")
    qtbot.mouseClick(page.button, Qt.LeftButton)
    assert services.setup.needs_setup() and not page.error.isHidden()  # not from the hospital's CA
    files = hospital_seal.new_seal("Al Shifa Hospital Seal")
    p12.write_bytes(files.p12)
    page.p12_password.setText(files.passphrase)
    qtbot.mouseClick(page.button, Qt.LeftButton)
    assert not services.setup.needs_setup(), page.error.text()
    assert (services.ctx.data_dir / "seal" / "institution.p12").exists()
