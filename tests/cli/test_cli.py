"""The command line contract (DESIGN.md "Command line"), run as operators run it: a subprocess.

Exit status 0 success; 1 a check failed; 2 bad input or unreadable file, with one line on stderr and
no traceback. The demo runs once per module (sealing is the slow part) and the other tests read it.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORM_FILE = "forms/vertebroplasty.ar.yaml"
LINE_RE = re.compile(r"^((?:CR|PV|RF)-\d{4}-[2-9A-HJ-NP-Z]{8})\t(/.+)$")
REASONS = ("no_seal", "multiple_seals", "seal_broken", "untrusted_signer", "not_entire_file", "attachment_missing",
           "attachment_ambiguous", "record_unreadable", "metadata_missing", "record_hash_mismatch",
           "record_id_mismatch", "stored_hash_mismatch")


# The administrator every module's data folder starts with (the first account needs no sign-in); the
# commands that change or reveal data sign in as them.
ADMIN, ADMIN_PASSWORD = "admin.cli", "Admin-Console-55"
SIGNED = ("--user", ADMIN, "--password-stdin")


def first_admin(data: Path):
    return run("users", "add", "--username", ADMIN, "--role", "admin", "--name-ar", "عمر السبيعي",
               "--password-stdin", data=data, stdin=ADMIN_PASSWORD + "\n")


def run(*args: str, data: Path | None = None, stdin: str | None = None, timeout: int = 180,
        env_data: Path | None = None):
    cmd = [sys.executable, "main.py"] + (["--data-dir", str(data)] if data is not None else []) + list(args)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if env_data is not None:
        env["CONSENT_DESK_DATA"] = str(env_data)
    return subprocess.run(cmd, cwd=ROOT, input=stdin if stdin is not None else "", capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout, env=env)


def assert_bad_input(result) -> str:
    """Exit 2, exactly one line on stderr, no traceback; returns the line."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].strip(), result.stderr
    return lines[0]


def demo_lines(result) -> list[tuple[str, Path]]:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = []
    for line in result.stdout.splitlines():
        m = LINE_RE.match(line)
        assert m, repr(line)
        out.append((m.group(1), Path(m.group(2))))
    return out


def count_records(data: Path) -> int:
    db = data / "consent.db"
    if not db.exists():
        return 0
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return con.execute("SELECT count(*) FROM records").fetchone()[0] if "records" in tables else 0
    finally:
        con.close()


def query(data: Path, sql: str, *params):
    con = sqlite3.connect(f"file:{data / 'consent.db'}?mode=ro", uri=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def readme_patient(**changes) -> dict:
    today = dt.date.today()
    data = {"name_ar": "فاطمة أحمد الزهراني", "name_latin": "Fatimah Alzahrani", "mrn": "100234",
            "national_id": "1023456789", "birth_date": "1948-05-17", "sex": "F", "procedure": "vertebroplasty",
            "levels": ["T12", "L1"], "indication": "osteoporotic",
            "fracture_date": (today - dt.timedelta(days=20)).isoformat(),
            "planned_date": (today + dt.timedelta(days=3)).isoformat()}
    data.update(changes)
    return data


# --- one demo folder for the module -----------------------------------------------------------------
@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli-demo")
    data = base / "data"
    assert first_admin(data).returncode == 0
    plain = run("demo", "--out", str(base / "out"), "--count", "2", data=data)
    with_verification = run("demo", "--out", str(base / "out-v"), "--verification", data=data)
    patient_file = base / "patient.json"
    patient_file.write_text(json.dumps(readme_patient(), ensure_ascii=False), encoding="utf-8")
    from_file = run("demo", "--out", str(base / "out-p"), "--patient", str(patient_file), data=data)
    return {"base": base, "data": data, "plain": plain, "verification": with_verification, "patient": from_file}


def test_demo_prints_one_line_per_record(demo):
    lines = demo_lines(demo["plain"])
    assert len(lines) == 2
    out = (demo["base"] / "out").resolve()
    for record_id, path in lines:
        assert record_id.startswith("CR-") and path.is_absolute()
        assert path == out / f"{record_id}.pdf" and path.is_file()
        assert path.read_bytes().startswith(b"%PDF-")
    assert len({rid for rid, _ in lines}) == 2
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{rid}.pdf" for rid, _ in lines)  # no .part left


def test_demo_records_are_stored_as_demonstrations(demo):
    ids = [rid for rid, _ in demo_lines(demo["plain"])]
    rows = query(demo["data"], f"SELECT record_id, is_demo, kind FROM records WHERE record_id IN (?, ?)", *ids)
    assert sorted(rows) == sorted((rid, 1, "consent") for rid in ids)
    # The database is the authoritative home: the copy is byte-identical to the stored PDF.
    for rid, path in demo_lines(demo["plain"]):
        (pdf,) = query(demo["data"], "SELECT pdf FROM records WHERE record_id = ?", rid)[0]
        assert bytes(pdf) == path.read_bytes()


def test_demo_with_verification_prints_consent_then_verification(demo):
    lines = demo_lines(demo["verification"])
    assert [rid[:2] for rid, _ in lines] == ["CR", "PV"]
    (refers_to,) = query(demo["data"], "SELECT refers_to FROM records WHERE record_id = ?", lines[1][0])[0]
    assert refers_to == lines[0][0]
    assert all(p.is_file() for _, p in lines)


def test_verify_each_demo_pdf(demo):
    for record_id, path in demo_lines(demo["plain"]) + demo_lines(demo["verification"])[1:]:
        result = run("verify", "--demo", str(path), data=demo["data"])
        assert result.returncode == 0, (result.stdout, result.stderr)
        first, second = result.stdout.splitlines()
        assert first == f"VALID {record_id} (demonstration seal)"
        assert second.startswith("  B-B; no trusted time (claimed ") and "anchor demonstration seal" in second


def test_a_demonstration_never_verifies_as_a_real_record(demo, tmp_path):
    """Without --demo, in its own data folder, in another one, or with no data folder at all."""
    _, path = demo_lines(demo["plain"])[0]
    for data in (demo["data"], tmp_path / "other-hospital", None):
        result = run("verify", str(path), data=data)
        assert result.returncode == 1, (result.stdout, result.stderr)
        assert result.stdout.startswith("INVALID ") and ": demo_seal: " in result.stdout


def _largest_stream(data: bytes) -> tuple[int, int]:
    best = (0, 0)
    for m in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", m.end())
        if end > 0 and end - m.end() > best[1] - best[0]:
            best = (m.end(), end)
    return best


def test_verify_byte_flipped_copy_fails(demo, tmp_path):
    _, path = demo_lines(demo["plain"])[0]
    data = bytearray(path.read_bytes())
    start, end = _largest_stream(bytes(data))
    assert end - start > 1000
    data[(start + end) // 2] ^= 0x01
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(bytes(data))
    result = run("verify", "--demo", str(altered), data=demo["data"])
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stdout.startswith("INVALID ") and any(r in result.stdout for r in REASONS), result.stdout
    assert "Traceback" not in result.stderr


def test_verify_appended_bytes_fails(demo, tmp_path):
    record_id, path = demo_lines(demo["plain"])[1]
    altered = tmp_path / "appended.pdf"
    altered.write_bytes(path.read_bytes() + b"\n% appended after sealing\n")
    result = run("verify", "--demo", str(altered), data=demo["data"])
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stdout.startswith("INVALID ") and "not_entire_file" in result.stdout


def test_verify_text_file_is_unreadable(demo, tmp_path):
    text = tmp_path / "notes.pdf"
    text.write_text("this is not a PDF\n", encoding="utf-8")
    result = run("verify", str(text), data=demo["data"])
    assert_bad_input(result)
    assert result.stdout == ""


def test_verify_missing_file(demo, tmp_path):
    assert_bad_input(run("verify", str(tmp_path / "nope.pdf"), data=demo["data"]))


def test_audit_verify_after_demos(demo):
    result = run("audit", "verify", data=demo["data"])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"OK \d+ events, 5 records, 3 accounts; .+", lines[-1]), result.stdout
    assert all(line.startswith("NOTE ") for line in lines[:-1]), result.stdout


def test_demo_from_patient_file(demo):
    lines = demo_lines(demo["patient"])
    assert len(lines) == 1 and lines[0][0].startswith("CR-")
    rows = query(demo["data"], "SELECT p.mrn, p.name_ar FROM records r JOIN patients p ON p.id = r.patient_id "
                               "WHERE r.record_id = ?", lines[0][0])
    assert rows == [("100234", "فاطمة أحمد الزهراني")]
    result = run("verify", "--demo", str(lines[0][1]), data=demo["data"])
    assert result.returncode == 0 and result.stdout.startswith(f"VALID {lines[0][0]} (demonstration seal)\n")


def search(demo, query_text: str) -> list[list[str]]:
    result = run("archive", "search", query_text, *SIGNED, data=demo["data"], stdin=ADMIN_PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    return [line.split("\t") for line in result.stdout.splitlines()]


def test_archive_search_by_arabic_spelling_variants(demo):
    rows = search(demo, "فاطمه")  # ta marbuta written as ha
    mrns = {row[3] for row in rows}
    assert {"DEMO100000", "100234"} <= mrns
    assert all(len(row) == 6 for row in rows)
    fatimah = [row for row in rows if row[3] == "DEMO100000"]
    assert {row[1] for row in fatimah} == {"consent", "verification"} and len(fatimah) == 3
    rows = search(demo, "احمد")  # alef without hamza
    assert {row[3] for row in rows} == {"100234"}
    assert rows[0][4] == "فاطمة أحمد الزهراني"


def test_archive_search_by_numeric_mrn(demo):
    rows = search(demo, "100234")
    assert rows and {row[3] for row in rows} == {"100234"}


# Committed HEAD (bfeb95a) failed this: the query was casefolded, then compared exactly with the upper-case MRN.
def test_archive_search_by_demo_mrn(demo):
    rows = search(demo, "DEMO100001")
    assert rows and {row[3] for row in rows} == {"DEMO100001"}
    assert {row[3] for row in search(demo, "demo100001")} == {"DEMO100001"}


def test_archive_search_bad_dates(demo):
    assert_bad_input(run("archive", "search", "فاطمه", "--from", "2026-05-02", "--to", "2026-05-01", *SIGNED,
                         data=demo["data"], stdin=ADMIN_PASSWORD + "\n"))


# --- bad patient files store nothing --------------------------------------------------------------
BAD_PATIENTS = {
    "unknown_key": json.dumps(readme_patient(diagnosis="x"), ensure_ascii=False),
    "bidi_in_name": json.dumps(readme_patient(name_ar="فاطمة\u202eالزهراني"), ensure_ascii=False),
    "bad_date": json.dumps(readme_patient(birth_date="1948-02-30"), ensure_ascii=False),
    "no_fracture_date": json.dumps({k: v for k, v in readme_patient().items() if k != "fracture_date"},
                                   ensure_ascii=False),
    "not_json": "name_ar: فاطمة\nmrn: 100234\n",
    "other_without_risk_figure": json.dumps(readme_patient(indication="other", fracture_date=None),
                                            ensure_ascii=False),
    "nested_60000_deep": "[" * 60000 + "]" * 60000,
    "integer_of_5000_digits": '{"mrn": ' + "9" * 5000 + "}",
    "mrn_true": json.dumps(readme_patient(mrn=True), ensure_ascii=False),
    "hangul_filler_in_name": json.dumps(readme_patient(name_ar="فاطمة\u3164الزهراني"), ensure_ascii=False),
    "latin_name_ar": json.dumps(readme_patient(name_ar="Fatimah Alzahrani"), ensure_ascii=False),
}


@pytest.mark.parametrize("case", sorted(BAD_PATIENTS))
def test_bad_patient_file_stores_nothing(tmp_path, case):
    patient_file = tmp_path / "patient.json"
    patient_file.write_text(BAD_PATIENTS[case], encoding="utf-8")
    data, out = tmp_path / "data", tmp_path / "out"
    line = assert_bad_input(run("demo", "--out", str(out), "--patient", str(patient_file), data=data))
    assert line.startswith("error: ")
    assert count_records(data) == 0
    assert not out.exists() or not list(out.glob("*.pdf"))
    assert "فاطمة" not in line and "الزهراني" not in line  # no patient data in the error line
    if case == "bidi_in_name":
        assert "name_ar" in line and "U+202E" in line


def test_demo_out_folder_is_private(demo):
    import stat

    for name in ("out", "out-v", "out-p"):
        assert stat.S_IMODE((demo["base"] / name).stat().st_mode) == 0o700, name


def test_settings_show_and_set_sign_in_and_are_audited(tmp_path):
    data = tmp_path / "data"
    assert first_admin(data).returncode == 0
    assert add_user(data, "nurse.y", "nurse", "Desk-Nurse-2026!").returncode == 0
    line = assert_bad_input(run("settings", "set", "checkpoint_every", "50", "--user", "nurse.y", "--password-stdin",
                                data=data, stdin="Desk-Nurse-2026!\n"))
    assert "nurse" in line
    result = run("settings", "set", "checkpoint_every", "50", *SIGNED, data=data, stdin=ADMIN_PASSWORD + "\n")
    assert result.returncode == 0 and result.stdout == "SET checkpoint_every\n", result.stderr
    assert_bad_input(run("settings", "set", "checkpoint_syslog", "http://x", *SIGNED, data=data,
                         stdin=ADMIN_PASSWORD + "\n"))
    shown = run("settings", "show", *SIGNED, data=data, stdin=ADMIN_PASSWORD + "\n")
    assert "checkpoint_every\t50" in shown.stdout.splitlines()
    actions = [a for (a,) in query(data, "SELECT action FROM audit_events WHERE actor = ?", ADMIN)]
    assert actions.count("cli.ok") == 4 and "settings.changed" in actions and "settings.viewed" in actions


def test_audit_checkpoint_and_proofs_from_the_command_line(tmp_path, pki, monkeypatch):
    """A desk with the hospital's seal (the test PKI's PKCS#12, its passphrase given by the station's
    launcher in CONSENT_DESK_SEAL_PIN) and the hospital's trust file installed (CONSENT_DESK_TRUST):
    its checkpoints prove the log off the desk; without the trust file they prove nothing."""
    from tests.pki import SEAL_PASSPHRASE
    from tests.services.conftest import PASSWORDS, STAFF, make_env, seal_consent

    data, offdesk = tmp_path / "data", tmp_path / "offdesk"
    offdesk.mkdir()
    env = make_env(data, moment=dt.datetime.now(dt.timezone.utc), pki=pki)
    try:
        _, sealed = seal_consent(env)
    finally:
        env.ctx.close()
    monkeypatch.setenv("CONSENT_DESK_TRUST", str(pki.trust_file))
    monkeypatch.setenv("CONSENT_DESK_SEAL_PIN", SEAL_PASSPHRASE)
    admin = ("--user", STAFF["admin"][0], "--password-stdin")
    signed = {"data": data, "stdin": PASSWORDS["admin"] + "\n"}
    assert run("settings", "set", "checkpoint_folder", str(offdesk), *admin, **signed).returncode == 0
    made = run("audit", "checkpoint", *admin, **signed)
    assert made.returncode == 0 and made.stdout.startswith("CHECKPOINT "), made.stderr
    assert list(offdesk.glob("checkpoint-*.json"))
    rid = sealed.record_id
    proof = run("audit", "prove", rid, *admin, **signed)
    assert proof.returncode == 0, proof.stderr
    proven = json.loads(proof.stdout)
    assert proven["record_id"] == rid and proven["event"]["subject"] == rid and proven["inclusion_proof"]
    verified = run("audit", "verify", "--checkpoints", str(offdesk), data=data)
    assert verified.returncode == 0 and "proven off the desk up to event" in verified.stdout.splitlines()[-1]
    monkeypatch.delenv("CONSENT_DESK_TRUST")  # a machine without the trust file: nothing is trusted
    untrusted = run("audit", "verify", "--checkpoints", str(offdesk), data=data)
    assert untrusted.returncode == 1
    assert any(line.startswith("PROBLEM checkpoint ") and "(no_trust_file)" in line
               for line in untrusted.stdout.splitlines()), untrusted.stdout
    named = run("audit", "verify", "--checkpoints", str(offdesk), "--trust", str(pki.trust_file), data=data)
    assert named.returncode == 0, named.stdout


def test_demonstration_checkpoints_prove_nothing_unless_asked(demo, tmp_path):
    """A desk with only the demonstration seal signs its checkpoints with it: audit verify sets them
    aside (a note, no proof), and checks them with --demo, saying they are a demonstration."""
    offdesk = tmp_path / "offdesk"
    offdesk.mkdir()
    signed = {"data": demo["data"], "stdin": ADMIN_PASSWORD + "\n"}
    assert run("settings", "set", "checkpoint_folder", str(offdesk), *SIGNED, **signed).returncode == 0
    try:
        made = run("audit", "checkpoint", *SIGNED, **signed)
        assert made.returncode == 0 and made.stdout.startswith("CHECKPOINT "), made.stderr
        plain = run("audit", "verify", "--checkpoints", str(offdesk), data=demo["data"])
        assert plain.returncode == 0, plain.stdout
        lines = plain.stdout.splitlines()
        assert "(demonstration ones prove nothing)" in lines[-1] and "proven" not in lines[-1]
        assert any(line.startswith("NOTE ") and "demonstration seal were set aside" in line for line in lines)
        shown = run("audit", "verify", "--checkpoints", str(offdesk), "--demo", data=demo["data"])
        assert shown.returncode == 0, shown.stdout
        last = shown.stdout.splitlines()[-1]
        assert "proven off the desk up to event" in last and "demonstration seal: a demonstration, no proof" in last
    finally:
        assert run("settings", "set", "checkpoint_folder", "", *SIGNED, **signed).returncode == 0


def test_demo_refuses_a_folder_with_real_records(tmp_path, pki):
    from app.services.forms import FormsService
    from tests.services.conftest import PASSWORDS, make_env, seal_consent, set_phones

    data = tmp_path / "real-data"
    env = make_env(data, moment=dt.datetime.now(dt.timezone.utc), pki=pki)
    try:
        FormsService(env.ctx).approve_file(ROOT / FORM_FILE, "dr.khalid", PASSWORDS["physician"])
        set_phones(env)
        _, record = seal_consent(env, demo=False)
        assert record.record["demo"] is False
    finally:
        env.ctx.close()
    result = run("demo", "--out", str(tmp_path / "out"), data=data)
    line = assert_bad_input(result)
    assert "real records" in line
    assert count_records(data) == 1
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.pdf"))


# --- users and forms ------------------------------------------------------------------------------
def add_user(data: Path, username: str, role: str, password: str, name_ar: str = "سارة القحطاني",
             admin_password: str = ADMIN_PASSWORD):
    """An administrator adds a staff member: their password on the first line, the new one on the second."""
    return run("users", "add", "--username", username, "--role", role, "--name-ar", name_ar, *SIGNED,
               data=data, stdin=f"{admin_password}\n{password}\n")


def test_users_add_with_password_on_stdin(tmp_path):
    data = tmp_path / "data"
    result = first_admin(data)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"ADDED {ADMIN} admin\n"
    result = add_user(data, "nurse.a", "nurse", "Good-Password-42")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ADDED nurse.a nurse\n"
    rows = query(data, "SELECT username, role, password_hash FROM users WHERE username = 'nurse.a'")
    assert rows[0][:2] == ("nurse.a", "nurse") and rows[0][2].startswith("$argon2id$")
    assert "Good-Password-42" not in rows[0][2]
    assert_bad_input(add_user(data, "nurse.a", "nurse", "Other-Password-42"))  # taken
    actions = query(data, "SELECT actor, action FROM audit_events WHERE action LIKE 'user.%' OR action LIKE 'cli.%'")
    assert actions[:3] == [("cli", "user.added"), (ADMIN, "cli.ok"), (ADMIN, "user.added")]


def test_users_add_needs_an_administrators_sign_in_once_the_folder_has_one(tmp_path):
    """The command line is not a back door: only the first administrator of an empty folder goes without."""
    data = tmp_path / "data"
    line = assert_bad_input(run("users", "add", "--username", "nurse.a", "--role", "nurse", "--name-ar", "سارة",
                                "--password-stdin", data=data, stdin="Good-Password-42\n"))
    assert "administrator" in line  # the first account is an administrator
    assert first_admin(data).returncode == 0
    for args, stdin in ((("--password-stdin",), "Good-Password-42\n"),  # no --user
                        (SIGNED, "wrong-password\nGood-Password-42\n")):  # wrong password
        line = assert_bad_input(run("users", "add", "--username", "nurse.a", "--role", "nurse", "--name-ar", "سارة",
                                    *args, data=data, stdin=stdin))
    assert add_user(data, "nurse.b", "nurse", "Good-Password-42").returncode == 0
    # A nurse signs in fine but may not add anyone.
    line = assert_bad_input(run("users", "add", "--username", "dr.new", "--role", "physician", "--name-ar", "خالد",
                                "--user", "nurse.b", "--password-stdin", data=data,
                                stdin="Good-Password-42\nRadiology-Sign-77\n"))
    assert "nurse" in line
    assert query(data, "SELECT username FROM users ORDER BY id") == [(ADMIN,), ("nurse.b",)]


def test_data_folder_from_the_environment(tmp_path):
    env_data = tmp_path / "from-env"
    result = run("users", "add", "--username", "admin.e", "--role", "admin", "--name-ar", "سارة", "--password-stdin",
                 stdin="Good-Password-42\n", env_data=env_data)
    assert result.returncode == 0, result.stderr
    assert query(env_data, "SELECT username FROM users") == [("admin.e",)]
    # (Every other test passes --data-dir while CONSENT_DESK_DATA points elsewhere: --data-dir wins.)


@pytest.mark.parametrize("password", ["short", "password1"])
def test_users_add_weak_password(tmp_path, password):
    data = tmp_path / "data"
    assert first_admin(data).returncode == 0
    line = assert_bad_input(add_user(data, "nurse.b", "nurse", password))
    assert "password" in line
    assert query(data, "SELECT count(*) FROM users") == [(1,)]


def test_forms_approve_and_list(tmp_path):
    data = tmp_path / "data"
    assert first_admin(data).returncode == 0
    assert add_user(data, "dr.x", "physician", "Radiology-Sign-77", "د. خالد الشمري").returncode == 0
    assert add_user(data, "nurse.y", "nurse", "Desk-Nurse-2026!").returncode == 0
    listed = run("forms", "list", data=data)
    assert listed.returncode == 0
    vp = [line.split("\t") for line in listed.stdout.splitlines() if line.startswith("vertebroplasty\t")]
    assert len(vp) == 1 and vp[0][4] == "not-approved"

    line = assert_bad_input(run("forms", "approve", FORM_FILE, "--user", "nurse.y", "--password-stdin", data=data,
                                stdin="Desk-Nurse-2026!\n"))
    assert "nurse" in line
    assert_bad_input(run("forms", "approve", FORM_FILE, "--user", "dr.x", "--password-stdin", data=data,
                         stdin="wrong-password\n"))
    result = run("forms", "approve", FORM_FILE, "--user", "dr.x", "--password-stdin", data=data,
                 stdin="Radiology-Sign-77\n")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"APPROVED vertebroplasty \S+ [0-9a-f]{64}\n", result.stdout), result.stdout

    listed = run("forms", "list", data=data)
    rows = {tuple(line.split("\t")[:2]): line.split("\t") for line in listed.stdout.splitlines()}
    assert rows[("vertebroplasty", "ar")][4:6] == ["approved", "dr.x"]
    assert rows[("kyphoplasty", "ar")][4] == "not-approved"
    assert result.stdout.split()[3].startswith(rows[("vertebroplasty", "ar")][3])


# --- usage ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [
    ["bogus"],
    ["verify"],
    ["demo"],
    ["demo", "--out", "x", "--count", "0"],
    ["users", "add", "--username", "x"],
    ["users", "add", "--username", "nurse.z", "--role", "janitor", "--name-ar", "س", "--password-stdin"],
    ["forms"],
    ["archive", "search"],
    ["archive", "search", "x"],  # no sign-in
    ["backup", "--out", "b.db"],
    ["settings", "show"],
    ["settings", "show", "--user", "nobody"],  # no terminal to ask the password
    ["audit", "prove"],
])
def test_bad_usage_is_one_line(tmp_path, args):
    line = assert_bad_input(run(*args, data=tmp_path / "data"))
    assert line.startswith("error: ")
