"""Form versions: list, what changed between two versions, approve (physician, password), retire;
local thresholds within the form's range; the audit viewer with filters and the chain check."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.domain.errors import AccessDenied, InvalidInput, InvalidState
from app.services.audit import AuditViewer
from app.services.context import open_context
from app.services.forms import FormAdmin
from app.storage.models import AuditEvent
from tests.backends import database_for

from .conftest import PASSWORDS, copy_forms, make_env

OLD = "رأب الفقرات إجراء يحقن فيه الطبيب إسمنتاً خاصاً بالعظام داخل فقرة من فقرات ظهرك أصابها كسر أو انهيار."
NEW = "رأب الفقرات إجراء يحقن فيه الطبيب إسمنتاً طبياً خاصاً بالعظام داخل فقرة مكسورة من فقرات ظهرك."


@pytest.fixture
def two_versions(tmp_path):
    env = make_env(tmp_path / "data")
    first = env.ctx.forms.current("vertebroplasty").content_sha256
    forms = copy_forms(tmp_path / "forms")
    path = forms / "vertebroplasty.ar.yaml"
    text = path.read_text(encoding="utf-8")
    assert OLD in text
    path.write_text(text.replace(OLD, NEW).replace('version: "2026.12-1"', 'version: "2026.12-2"'), encoding="utf-8")
    env.ctx.close()
    env.ctx = open_context(tmp_path / "data", clock=env.clock, forms_dir=forms, database=database_for(tmp_path / "data"))
    second = env.ctx.forms.current("vertebroplasty").content_sha256
    assert first != second
    yield env, first, second
    env.ctx.close()


def test_list_diff_approve_retire(two_versions):
    env, first, second = two_versions
    admin = FormAdmin(env.ctx)
    versions = {v.content_sha256: v for v in admin.list_versions(env.admin)}
    assert versions[first].status == "not-approved" and not versions[first].offered
    assert versions[second].offered and versions[second].version == "2026.12-2"

    changes = admin.diff(env.physician, first[:12], second[:12])
    assert [(c.what, c.where) for c in changes] == [("changed", "section:what_and_why/paragraph 1")]
    assert changes[0].old == OLD and changes[0].new == NEW
    assert admin.diff(env.admin, first, first) == []

    with pytest.raises(AccessDenied):
        admin.approve(env.admin, PASSWORDS["admin"], second)  # physicians approve
    with pytest.raises(AccessDenied):
        admin.approve(env.physician, "wrong-password", second)
    info = admin.approve(env.physician, PASSWORDS["physician"], second)
    assert info.status == "approved" and info.approved_by == env.physician.username
    with pytest.raises(InvalidState):
        admin.approve(env.physician, PASSWORDS["physician"], second)
    with pytest.raises(AccessDenied):
        admin.retire(env.nurse, first)
    admin.retire(env.admin, first)
    with pytest.raises(InvalidState):
        admin.approve(env.physician, PASSWORDS["physician"], first)
    statuses = {v.content_sha256: v.status for v in admin.list_versions(env.admin)}
    assert statuses[first] == "retired" and statuses[second] == "approved"
    with pytest.raises(InvalidInput):
        admin.diff(env.admin, "abc", second)
    with env.ctx.db.transaction(read_only=True) as s:
        actions = set(s.execute(select(AuditEvent.action)).scalars())
    assert {"form.approved", "form.retired"} <= actions


def test_thresholds_within_the_forms_range(env):
    admin = FormAdmin(env.ctx)
    spec = {t["id"]: t for t in admin.thresholds(env.admin)}
    inr = spec["inr_max"]
    admin.set_threshold(env.admin, "inr_max", inr["maximum"])
    assert env.ctx.settings().thresholds["inr_max"] == inr["maximum"]
    with pytest.raises(InvalidInput) as exc:
        admin.set_threshold(env.admin, "inr_max", inr["maximum"] + 1)
    assert exc.value.code == "threshold_out_of_range"
    with pytest.raises(InvalidInput):
        admin.set_threshold(env.admin, "no_such_threshold", 1)
    with pytest.raises(AccessDenied):
        admin.set_threshold(env.nurse, "inr_max", inr["minimum"])


def test_audit_viewer_filters_and_chain(env):
    viewer = AuditViewer(env.ctx)
    with pytest.raises(AccessDenied):
        viewer.query(env.nurse)
    everything = viewer.query(env.admin, newest_first=False, limit=1000)
    assert everything.rows[0].seq == 1 and not everything.more
    added = viewer.query(env.admin, action="user.")
    assert {r.action for r in added.rows} == {"user.added"} and len(added.rows) == 3
    by_cli = viewer.query(env.admin, who="cli", action="user.added", date_from=env.ctx.today().isoformat(),
                          date_to=env.ctx.today().isoformat())
    assert len(by_cli.rows) == 3
    assert viewer.query(env.admin, date_from="2020-01-01", date_to="2020-01-01").rows == ()
    assert viewer.query(env.admin, subject="user:1").rows[0].subject == "user:1"
    report = viewer.verify_chain(env.admin)
    assert report.ok
    last = viewer.query(env.admin, limit=2).rows
    assert [r.action for r in last] == ["audit.verified", "audit.viewed"]


def test_review_notes_of_a_version_for_the_approving_physician(env):
    admin = FormAdmin(env.ctx)
    sha = env.ctx.forms.current("kyphoplasty").content_sha256
    notes = dict(admin.review_notes(env.physician, sha[:12]))
    assert "sham" in notes["sections.expected_results"]  # no sham-controlled kyphoplasty trial: to confirm
    assert "indications.haemangioma.risk" in notes
    with pytest.raises(AccessDenied):
        admin.review_notes(env.nurse, sha)
