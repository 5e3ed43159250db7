"""The whole workflow, headless, with synthetic patients and signatures: for demonstrations,
training and benchmarks. Its records are marked as demonstrations, and it refuses a data folder that
holds real records.

The synthetic signatures (``synthetic_signature``, ``synthetic_mark``; also used by the tests, never
for real patients) are a few strokes of handwriting-like curves (a sum of sines drifting across the
pad), with pen pressure that rises and falls within a stroke and timing at about 60-120 points a second.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import os
import random
import secrets
from pathlib import Path
from typing import Any, Callable, Iterator

from app.domain.errors import InvalidInput, InvalidState
from app.domain.patient import PATIENT_KEYS, parse_patient_json
from app.domain.roles import Actor
from app.storage import repositories as repo

from .auth import AuthService
from .consent import ConsentDesk
from .files import write_atomically
from .passwords import PasswordHashing
from .readiness import ReadinessCheck
from .users import UsersService, audit_user_change

MAX_PATIENT_FILE = 64 * 1024
DEMO_STAFF = (
    ("nurse.demo", "nurse", "سارة القحطاني", "Sarah Alqahtani"),
    ("dr.demo", "physician", "د. أحمد الشهري", "Dr Ahmad Alshehri"),
)
_NAMES = [
    ("فاطمة عبدالله الزهراني", "Fatimah Alzahrani", "F"), ("محمد صالح العتيبي", "Mohammed Alotaibi", "M"),
    ("نورة إبراهيم الدوسري", "Noura Aldosari", "F"), ("عبدالرحمن علي الغامدي", "Abdulrahman Alghamdi", "M"),
    ("هيلة سعد المطيري", "Haila Almutairi", "F"), ("خالد يوسف الحربي", "Khalid Alharbi", "M"),
]
_LEVEL_SETS = [["L1"], ["T12"], ["T12", "L1"], ["L2"], ["T11", "T12"], ["L3", "L4"]]


def load_patient_file(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_PATIENT_FILE:
            raise InvalidInput("patient_file_too_large", f"{path.name}: too large for a patient file")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput("file_unreadable", f"{path}: no such file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput("patient_json_invalid", f"{path.name}: not valid UTF-8 JSON ({type(exc).__name__})") from None
    except RecursionError:  # arrays nested tens of thousands deep
        raise InvalidInput("patient_json_invalid", f"{path.name}: nested too deeply for a patient file") from None
    except ValueError:  # an integer of thousands of digits (Python's int limit)
        raise InvalidInput("patient_json_invalid", f"{path.name}: a number too long for a patient file") from None
    except OSError as exc:
        raise InvalidInput("file_unreadable", f"{path}: cannot be read ({exc.strerror})") from None
    if not isinstance(data, dict):
        raise InvalidInput("patient_json_invalid", f"{path.name}: must hold one JSON object")
    return data


def check_patient(data: dict[str, Any], today: dt.date, form_for: Callable[[str], Any]) -> None:
    """Everything the workflow would refuse about this patient, checked before anything is stored."""
    from app.domain.rules import check_justification_ids, risk_figure

    _, plan = parse_patient_json(data, today)
    form = form_for(plan.procedure)
    check_justification_ids(form, plan)
    risk_figure(form, plan)


def synthetic_patient(n: int, today: dt.date) -> dict[str, Any]:
    rng = random.Random(n)
    name_ar, name_latin, sex = _NAMES[n % len(_NAMES)]
    indication = ("osteoporotic", "osteoporotic", "malignant", "haemangioma")[n % 4]
    fracture = today - dt.timedelta(days=rng.randint(10, 75)) if indication != "haemangioma" else None
    return {
        "name_ar": name_ar, "name_latin": name_latin, "mrn": f"DEMO{100000 + n}",
        "national_id": f"10{rng.randint(10_000_000, 99_999_999)}",
        "birth_date": dt.date(1938 + rng.randint(0, 30), rng.randint(1, 12), rng.randint(1, 28)).isoformat(),
        "sex": sex, "procedure": ("vertebroplasty", "kyphoplasty")[n % 2 if n % 5 else 0],
        "levels": _LEVEL_SETS[n % len(_LEVEL_SETS)], "indication": indication,
        "fracture_date": fracture.isoformat() if fracture else None,
        "planned_date": (today + dt.timedelta(days=rng.randint(0, 5))).isoformat(),
        "conservative_failed": ["analgesia", "rest"] if indication != "haemangioma" else [],
        "consultant": "أحمد الشهري",
    }


class DemoService:
    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.hashing = PasswordHashing()
        self.auth = AuthService(ctx, self.hashing)

    def _split(self, data: dict[str, Any]) -> tuple[dict, dict]:
        patient_keys = {"name_ar", "name_latin", "mrn", "national_id", "birth_date", "sex"}
        return ({k: v for k, v in data.items() if k in patient_keys},
                {k: v for k, v in data.items() if k in PATIENT_KEYS - patient_keys})

    def _staff(self) -> tuple[Actor, Actor, str]:
        """The demo nurse and physician; the physician gets a fresh random password for this run."""
        password = secrets.token_urlsafe(18)
        actors: dict[str, Actor] = {}
        users = UsersService(self.ctx, self.hashing)
        with self.ctx.db.transaction() as s:
            for username, role, name_ar, name_latin in DEMO_STAFF:
                user = repo.users.get_by_username(s, username)
                if user is None:
                    actors[role] = users.add_demo(s, username=username, role=role, name_ar=name_ar,
                                                  name_latin=name_latin, password=password)
                else:
                    if not user.is_demo:
                        raise InvalidState("demo_user_conflict", f"'{username}' is a real account")
                    repo.users.set_password(s, user.id, self.hashing.hash(password))
                    repo.users.clear_failed_logins(s, user.id)
                    audit_user_change(self.ctx, s, "demo", "user.password_reset", user)
                    actors[role] = Actor(user.id, user.username, user.role, user.name_ar)
        return actors["nurse"], actors["physician"], password

    def run(self, out_dir: Path, count: int, patient: dict[str, Any] | None = None,
            with_readiness: bool = False) -> Iterator[tuple[str, Path]]:
        today = self.ctx.today()
        if patient is not None:
            check_patient(patient, today, self.ctx.forms.current)  # refuse bad input before storing anything
        if out_dir.exists() and not out_dir.is_dir():
            raise InvalidInput("out_not_folder", f"{out_dir}: exists and is not a folder")
        with self.ctx.db.transaction(read_only=True) as s:
            if repo.records.has_real_records(s):
                raise InvalidState("data_dir_has_real_records",
                                   "this data folder holds real records; run the demo with another --data-dir")
        _check_writable(out_dir)
        nurse, physician, password = self._staff()
        self._demo_phones(nurse)
        for n in range(count):
            data = dict(patient) if patient is not None else synthetic_patient(n, today)
            sealed = self.one_consent(nurse, physician, password, data, seed=n)
            yield sealed.record_id, _write_copy(out_dir, sealed.record_id, sealed.pdf)
            if with_readiness:
                ver = self.one_readiness_check(nurse, sealed.record_id, physician)
                yield ver.record_id, _write_copy(out_dir, ver.record_id, ver.pdf)

    def _demo_phones(self, nurse: Actor) -> None:
        """A demonstration folder without the team's numbers gets obviously made-up ones, so the
        demonstration records show where the real numbers will be printed."""
        missing = self.ctx.settings().phones_missing
        if not missing:
            return
        demo = {"emergency_number": "997", "team_phone_day": "011-000-0100", "team_phone_after_hours": "011-000-0199"}
        with self.ctx.db.transaction() as s:
            for key in missing:
                self.ctx.set_setting(s, key, demo[key], nurse.username)

    def one_consent(self, nurse: Actor, physician: Actor, password: str, data: dict[str, Any], seed: int):
        desk, draft_id = self.signed_consent(nurse, physician, password, data, seed)
        return desk.seal(nurse, draft_id)

    def signed_consent(self, nurse: Actor, physician: Actor, password: str, data: dict[str, Any],
                       seed: int) -> tuple[ConsentDesk, str]:
        """A consent discussed and signed by patient and physician, ready to seal."""
        desk = ConsentDesk(self.ctx, self.auth)
        patient_data, plan_data = self._split(data)
        draft_id = desk.start(nurse, patient_data, plan_data, demo=True)
        desk.confirm_identity(nurse, draft_id)
        draft = desk.load(nurse, draft_id)
        form = desk.form_of(draft)
        for section in form.sections:
            desk.acknowledge(nurse, draft_id, section.id)
        desk.add_question(nurse, draft_id, "متى أستطيع العودة إلى المشي؟",
                          "في الغالب خلال يوم، مع تجنب حمل الأشياء الثقيلة لأسابيع.")
        for tb in form.teach_back[:2]:
            desk.teach_back(nurse, draft_id, tb.id, "أجاب المريض إجابة صحيحة بكلماته.")
        for choice in form.patient_choices:  # a biopsy when a tumour is possible; an extra level: yes
            yes = choice.id != "biopsy" or draft.plan["indication"] in ("malignant", "other")
            desk.choose(nurse, draft_id, choice.id, "yes" if yes else "no", by="patient")
        name = data.get("name_ar", "")
        desk.sign(nurse, draft_id, role="patient", name=name, strokes=synthetic_signature(seed * 3 + 1, 3))
        for warning in desk.load(nurse, draft_id).open_warnings(form):
            desk.override_warning(physician, password, draft_id, warning["code"],
                                  "قرر الطبيب المتابعة بعد مراجعة الصور والأعراض")
        desk.sign(physician, draft_id, role="physician", strokes=synthetic_signature(seed * 3 + 2, 2), password=password)
        return desk, draft_id

    def one_readiness_check(self, nurse: Actor, consent_record_id: str, physician: Actor | None = None):
        """A clear readiness check; the physician's items answered by the physician."""
        desk = ReadinessCheck(self.ctx, self.auth)
        draft_id = desk.start(nurse, consent_record_id)
        draft = desk.load(nurse, draft_id)
        form = desk.form_of(draft)
        fracture = form.indications[draft.procedure["indication"]].fracture
        answers = _typical_answers(form, draft.patient.get("sex"), fracture, self.ctx.today())
        for item_id, value in answers.items():
            desk.answer(physician if (physician and form.item(item_id).physician) else nurse, draft_id, item_id, value)
        desk.reconfirm(nurse, draft_id)
        return desk.seal(nurse, draft_id)


# Plausible values for the demonstration's vital signs and tests (a number item without a rule).
_TYPICAL_NUMBERS = {"haemoglobin": 12.4, "egfr": 78, "glucose": 6.2, "bp_systolic": 132, "bp_diastolic": 78,
                    "heart_rate": 76, "oxygen_saturation": 97}


def _typical_answers(form, sex: str | None, fracture: bool | None, today: dt.date) -> dict[str, Any]:
    """A clear checklist: the non-blocking answer for every item that applies."""
    from app.domain.checklist import applies, offered_choices

    answers: dict[str, Any] = {}
    thresholds = {k: t.value for k, t in form.thresholds.items()}

    def clear_choice(item):
        blocked = set(item.blocking.operand) if item.blocking and item.blocking.op == "in" else set()
        return next(c.id for c in offered_choices(item, fracture) if c.id not in blocked)

    for item in form.checklist:
        if not applies(item, answers, sex, fracture):
            continue
        if item.kind == "yesno":
            blocked = item.blocking and item.blocking.operand == "yes" and item.blocking.op == "equals"
            answers[item.id] = "no" if blocked else "yes"
        elif item.kind == "number":
            rule = item.blocking
            if rule is None:
                low = item.low if item.low is not None else 1
                answers[item.id] = _TYPICAL_NUMBERS.get(item.id, low)
            elif rule.op == "above":
                answers[item.id] = round(thresholds[rule.operand] * 0.8, 1)
            elif rule.op == "below":
                answers[item.id] = round(thresholds[rule.operand] * 2, 1)
            else:
                answers[item.id] = round(thresholds[rule.operand] - 1.2, 1)
        elif item.kind == "choice":
            answers[item.id] = clear_choice(item)
        elif item.kind == "entries":
            answers[item.id] = "none"
        elif item.kind == "date":
            answers[item.id] = today.isoformat()
        elif item.kind == "datetime":
            answers[item.id] = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        elif item.required:
            answers[item.id] = "ضغط الدم 130/80، النبض 78"
    return answers


def _check_writable(out_dir: Path) -> None:
    """Refuse an unusable --out before anything is stored. A folder made here is 0700, like the data
    folder: the copies are sealed records with patient data."""
    try:
        if not out_dir.exists():
            out_dir.mkdir(parents=True, mode=0o700)
            if os.name == "posix":
                os.chmod(out_dir, 0o700)  # mkdir's mode is filtered by the umask
        probe = out_dir / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise InvalidInput("out_unwritable", f"{out_dir}: cannot write there ({exc.strerror})") from None


def _write_copy(out_dir: Path, record_id: str, pdf: bytes) -> Path:
    """A copy for the operator, whole or not at all; the database keeps the authoritative PDF."""
    return write_atomically(out_dir / f"{record_id}.pdf", pdf).resolve()


def synthetic_signature(seed: int, strokes: int = 3) -> list[list[list[float]]]:
    rng = random.Random(seed)
    out: list[list[list[float]]] = []
    t = 0
    x = 0.08 + rng.random() * 0.08
    for s in range(strokes):
        n = rng.randint(28, 60)
        width = rng.uniform(0.18, 0.32)
        base_y = rng.uniform(0.45, 0.6)
        f1, f2 = rng.uniform(2.0, 4.5), rng.uniform(6.0, 11.0)
        a1, a2 = rng.uniform(0.12, 0.22), rng.uniform(0.03, 0.08)
        phase = rng.uniform(0, math.tau)
        stroke = []
        for i in range(n):
            u = i / (n - 1)
            px = x + width * u + 0.015 * math.sin(f2 * u * math.pi + phase)
            py = base_y - a1 * math.sin(f1 * u * math.pi + phase) - a2 * math.cos(f2 * u * math.pi)
            pressure = 0.35 + 0.45 * math.sin(math.pi * u) * rng.uniform(0.8, 1.0)
            stroke.append([round(min(max(px, 0.0), 1.0), 4), round(min(max(py, 0.0), 1.0), 4), t,
                           round(min(max(pressure, 0.05), 1.0), 3)])
            t += rng.randint(8, 16)
        out.append(stroke)
        x = min(x + width + rng.uniform(0.02, 0.06), 0.7)
        t += rng.randint(120, 400)  # pen lifted between strokes
    return out


def synthetic_mark(seed: int) -> list[list[list[float]]]:
    """A cross, as made by a patient who cannot write."""
    rng = random.Random(seed)
    cx, cy, r = rng.uniform(0.4, 0.6), rng.uniform(0.4, 0.6), rng.uniform(0.18, 0.25)
    one = [[round(cx - r + 2 * r * i / 19, 4), round(cy - r + 2 * r * i / 19, 4), i * 12, 0.6] for i in range(20)]
    two = [[round(cx + r - 2 * r * i / 19, 4), round(cy - r + 2 * r * i / 19, 4), 600 + i * 12, 0.6]
           for i in range(20)]
    return [one, two]
