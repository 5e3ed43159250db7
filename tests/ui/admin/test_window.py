"""The administration window: pages by role, users (last-admin guard), institution settings and
certificate import with rotation, form versions (diff, approval by a physician), the audit log."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.services.archive import ArchiveService
from app.ui.admin.window import AdminWindow
from app.ui.common.services import StaffSession
from tests.ui.archive_helpers import archive_env  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[3]
OLD = "رأب الفقرات إجراء يحقن فيه الطبيب إسمنتاً خاصاً بالعظام داخل فقرة من فقرات ظهرك أصابها كسر أو انهيار."
NEW = "رأب الفقرات إجراء يحقن فيه الطبيب إسمنتاً طبياً خاصاً بالعظام داخل فقرة مكسورة من فقرات ظهرك."


def make(qtbot, services, actor) -> AdminWindow:
    session = StaffSession()
    session.sign_in(actor)
    window = AdminWindow(services, session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_pages_follow_the_role(qtbot, services, staffed):
    assert set(make(qtbot, services, staffed["admin"]).page) == {"users", "institution", "forms", "audit"}
    physician = make(qtbot, services, staffed["physician"])
    assert set(physician.page) == {"forms"}
    assert physician.page["forms"].approve_button.isVisibleTo(physician)
    assert set(make(qtbot, services, staffed["nurse"]).page) == set()


def test_last_admin_guard_is_shown(qtbot, services, staffed, people):
    window = make(qtbot, services, staffed["admin"])
    users = window.page["users"]
    # Another administrator's account may not demote the only active administrator...
    assert users.add_user(username="admin.two", role="admin", name_ar="مدير ثان", name_latin="",
                          password="Second-admin-pass-9")
    assert users.disable("admin.two")
    assert not users.change_role(people["admin"]["username"], "nurse")
    assert users.banner.kind == "error"
    assert "last active administrator" in users.banner.message()
    assert not users.disable(people["admin"]["username"])  # and one does not disable oneself
    assert "your own account" in users.banner.message()
    # with a second active administrator the role can change
    assert users.enable("admin.two")
    assert users.change_role("admin.two", "physician")
    assert users.reset_password(people["nurse"]["username"], "New-nurse-pass-42")
    services.auth.login(people["nurse"]["username"], "New-nurse-pass-42")
    roles = {u.username: u.role for u in users.users}
    assert roles["admin.two"] == "physician"
    assert users.list.topLevelItemCount() == len(users.users)


def test_institution_names_thresholds_and_certificate_rotation(qtbot, archive_env, tmp_path, pki):
    env = archive_env
    pki.start()
    window = make(qtbot, env.services, env.staff["admin"])
    page = window.page["institution"]
    assert page.certs.topLevelItemCount() == 1  # the hospital's seal (tests/ui/conftest.py)
    assert page.trust_file.text() == str(pki.trust_file) and page.trust_file.isReadOnly()
    page.name_en.setText("Al Shifa Hospital")
    with qtbot.waitSignal(window.settingsChanged):
        assert page.apply_names()
    assert env.services.settings.current().institution_name_en == "Al Shifa Hospital"
    key, spin = next(iter(page.thresholds.items()))
    spin.setValue(spin.minimum())
    assert page.apply_thresholds()
    assert env.services.settings.current().thresholds[key] == spin.minimum()
    page.ts_url.setText("ftp://nope")
    assert not page.apply_timestamp() and page.banner.kind == "error"
    page.ts_url.setText(pki.tsa_url())
    assert page.test_timestamp() and "Test Hospital TSA" in page.banner.message()
    assert page.apply_timestamp()

    self_made = _pkcs12(tmp_path, b"p12-secret")  # not from the hospital's CA: refused
    page.p12_path.setText(str(self_made))
    page.p12_password.setText("p12-secret")
    assert not page.import_certificate() and page.banner.kind == "error"
    files = pki.seal_files()
    p12 = tmp_path / "seal.p12"
    p12.write_bytes(files.p12)
    page.p12_path.setText(str(p12))
    page.p12_password.setText("wrong")
    assert not page.import_certificate()
    page.p12_password.setText(files.passphrase)
    assert page.import_certificate(), page.banner.message()
    rotated = pki.new_seal("Al Shifa Seal 2027")
    p12.write_bytes(rotated.p12)
    page.p12_password.setText(rotated.passphrase)
    assert page.import_certificate(), page.banner.message()
    assert page.certs.topLevelItemCount() == 2  # the earlier one stays listed
    assert page.key_place.text().startswith("PKCS#12 ")
    checks = list(ArchiveService(env.ctx).verify_records(env.staff["admin"], env.records))
    assert all(c.valid and c.demo for c in checks)  # the demonstrations stay demonstrations


def test_the_seal_passphrase_remembered_and_forgotten_on_this_computer(qtbot, archive_env, pki, key_store):
    env = archive_env
    window = make(qtbot, env.services, env.staff["admin"])
    page = window.page["institution"]
    for w in (page.remember_secret, page.forget_button):
        assert w.accessibleName() and w.isVisibleTo(page)
    passphrase = pki.seal_files().passphrase  # the hospital's PKCS#12 that tests/ui/conftest.py installs
    page.unlock_secret.setText(passphrase)
    page.remember_secret.setChecked(True)
    assert page.unlock_seal() and "key store" in page.banner.message()
    assert page.unlock_secret.text() == "" and list(key_store.values()) == [passphrase]
    env.ctx.seal.unlock(None)  # the desk started again: the key store gives the passphrase
    assert env.ctx.seal.signer().source == "pkcs12"
    qtbot.mouseClick(page.forget_button, Qt.LeftButton)
    assert page.banner.kind == "ok" and key_store == {}
    page.unlock_secret.setText("not the passphrase")
    assert not page.unlock_seal() and page.banner.kind == "error"


def _pkcs12(folder: Path, password: bytes) -> Path:
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Al Shifa Seal 2027")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    data = pkcs12.serialize_key_and_certificates(b"seal", key, cert, None,
                                                  serialization.BestAvailableEncryption(password))
    path = folder / "seal.p12"
    path.write_bytes(data)
    return path


def test_form_versions_diff_side_by_side_and_physician_approval(qtbot, tmp_path, people, qapp):
    import shutil

    from app.services.context import open_context
    from app.ui.common.services import DeskServices
    from tests.ui.conftest import complete_setup

    data = tmp_path / "data"
    ctx = open_context(data)
    first_services = DeskServices.build(ctx)
    complete_setup(first_services)
    first_services.users.add_from_operator(role="physician", name_latin="", **people["physician"])
    first = ctx.forms.current("vertebroplasty").content_sha256
    ctx.close()
    forms = tmp_path / "forms"
    shutil.copytree(ROOT / "forms", forms)
    path = forms / "vertebroplasty.ar.yaml"
    text = path.read_text(encoding="utf-8")
    assert OLD in text
    path.write_text(text.replace(OLD, NEW), encoding="utf-8")
    ctx = open_context(data, forms_dir=forms)
    try:
        services = DeskServices.build(ctx)
        second = ctx.forms.current("vertebroplasty").content_sha256
        physician = services.auth.login(people["physician"]["username"], people["physician"]["password"])
        window = make(qtbot, services, physician)
        page = window.page["forms"]
        assert {first, second} <= {v.content_sha256 for v in page.versions}
        assert page.show_diff(first, second)
        assert page.diff.rowCount() == 1
        assert (page.diff.item(0, 1).text(), page.diff.item(0, 2).text()) == (OLD, NEW)  # side by side
        assert "paragraph 1" in page.diff.item(0, 0).text()
        page.select(second)
        # The form's review notes: what the physician confirms locally before approving.
        assert page.notes.isVisibleTo(page) and "haemangioma" in page.notes.toPlainText()
        assert "checklist.blood_thinners" in page.notes.toPlainText()
        assert not page.approve(second, "wrong password") and page.banner.kind == "error"
        page.select(second)
        page.password.setText(people["physician"]["password"])
        page.approve_button.click()
        assert page.banner.kind == "ok", page.banner.message()
        assert next(v for v in page.versions if v.content_sha256 == second).status == "approved"
        assert page.retire(first)
        assert next(v for v in page.versions if v.content_sha256 == first).status == "retired"
    finally:
        ctx.close()


def test_audit_page_filters_and_verifies_the_chain(qtbot, archive_env):
    window = make(qtbot, archive_env.services, archive_env.staff["admin"])
    page = window.page["audit"]
    assert page.list.topLevelItemCount() > 0
    page.action.setCurrentIndex(page.action.findData("record."))
    assert page.show_events()
    assert page.rows and all(e.action.startswith("record.") for e in page.rows)
    page.subject.setText(archive_env.records[0])
    page.action.setCurrentIndex(0)
    assert page.show_events()
    assert {e.subject for e in page.rows} == {archive_env.records[0]}
    page.verify_button.click()
    qtbot.waitUntil(lambda: page.verify_button.isEnabled() and page.chain.kind == "ok", timeout=30000)
    assert "audit.verified" in archive_env.audit_actions()


def test_a_physician_reads_the_version_and_approves_a_row_chosen_by_a_screen_reader(qtbot, tmp_path, people):
    from PySide6.QtGui import QAccessible

    from app.services.context import open_context
    from app.ui.common.services import DeskServices
    from tests.ui.conftest import complete_setup

    ctx = open_context(tmp_path / "data")
    try:
        services = DeskServices.build(ctx)
        complete_setup(services)
        services.users.add_from_operator(role="physician", name_latin="", **people["physician"])
        physician = services.auth.login(people["physician"]["username"], people["physician"]["password"])
        page = make(qtbot, services, physician).page["forms"]
        page.list.setCurrentItem(None)
        assert not page.approve_button.isEnabled()
        tree = QAccessible.queryAccessibleInterface(page.list)
        first = next(tree.child(i) for i in range(tree.childCount()) if tree.child(i).role() == QAccessible.TreeItem)
        assert tree.selectionInterface().select(first)  # a screen reader selects; the current item stays none
        assert page.list.currentItem() is None
        assert page.approve_button.isEnabled() and page.read_button.isEnabled()
        reader = page.read(page.selected())
        text = reader.text.toPlainText()
        form = ctx.forms.by_sha(page.selected())
        assert form.certification in text and all(s.title in text for s in form.sections)
        reader.close()
    finally:
        ctx.close()
