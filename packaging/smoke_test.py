"""Smoke test of a built bundle, from the bundle alone, as a hospital would meet it.

    python packaging/smoke_test.py [dist/consent-desk]
    python packaging/smoke_test.py --installed /usr/bin/consent-desk   # the program a package installed

The bundle is copied into a temporary folder and run there with an empty environment (a home, a
PATH of system folders, a UTF-8 locale; no checkout, no virtual environment, no PYTHONPATH):

1. ``--version`` names pyproject.toml's version and every form file of the checkout;
2. ``demo --count 2 --verification`` seals a consent for each procedure and their readiness checks
   (ReportLab, the fonts, the forms, pyHanko, the database and its migrations, all from the bundle);
3. ``verify`` says VALID for each sealed PDF (with ``--demo`` where the program offers it: the
   demonstration seal is trusted only so), and refuses a copy with one byte changed; ``audit verify``
   proves the demonstration's archive (its checkpoints: detached signatures, checked as a
   demonstration);
4. the database is at the newest migration of the checkout; the seal's PKCS#11 path (python-pkcs11,
   whose compiled core imports modules PyInstaller cannot see) answers that a token that is not there
   cannot be opened, not that a module is missing; the PostgreSQL driver (psycopg and the libpq it
   loads) answers that a server that is not there cannot be reached, not that the driver is missing;
5. the desk starts under QT_QPA_PLATFORM=offscreen, on a new data folder to its first-run screen and
   on the demonstration's folder (records, migrated database) to its first screen, and exits cleanly.

Every command must finish without a word on standard error: a missing module, font, style, form or
translation is reported there (the command line names a missing module), so any line fails the test.
Only the checkout's own files are read from outside the bundle, to know what to expect.
"""
from __future__ import annotations

import ast
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "consent-desk"
WINDOWS = sys.platform.startswith("win")
TIMEOUT = 300
# Qt's offscreen platform (the smoke test's screen, not a desk's) says this of every window it shows.
OFFSCREEN_NOTES = ("This plugin does not support propagateSizeHints()",)


class SmokeFailed(Exception):
    pass


def clean_environment(home: Path) -> dict[str, str]:
    """Like ``env -i`` plus the minimum a program needs: a home, system folders on PATH, a UTF-8 locale."""
    home.mkdir(parents=True, exist_ok=True)
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {"HOME": str(home), "LANG": "C.UTF-8", "TMPDIR": str(home), "XDG_RUNTIME_DIR": str(runtime)}
    if WINDOWS:
        for key in ("SYSTEMROOT", "WINDIR", "COMSPEC"):
            if key in os.environ:
                env[key] = os.environ[key]
        env.update(PATH=os.path.join(os.environ.get("SYSTEMROOT", r"C:\Windows"), "System32"),
                   USERPROFILE=str(home), LOCALAPPDATA=str(home / "local"), APPDATA=str(home / "roaming"),
                   TEMP=str(home), TMP=str(home))
    else:
        env["PATH"] = "/usr/bin:/bin"
    return env


def executable(bundle: Path, console: bool) -> Path:
    """The desk (console=False) or the command line: one program, except on Windows (a windowed
    program has no console there, so the bundle carries a console twin)."""
    if WINDOWS:
        return bundle / (f"{NAME}-cli.exe" if console else f"{NAME}.exe")
    return bundle / NAME


def expected_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def migration_head() -> str:
    """The newest revision of the checkout's migrations (the one no other revises)."""
    revisions, revised = set(), set()
    for path in (ROOT / "app" / "storage" / "migrations" / "versions").glob("*.py"):
        values = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                try:
                    values[node.targets[0].id] = ast.literal_eval(node.value)
                except ValueError:
                    continue
        if "revision" in values:
            revisions.add(values["revision"])
            down = values.get("down_revision")
            revised.update(down if isinstance(down, (tuple, list)) else [down] if down else [])
    heads = revisions - revised
    if len(heads) != 1:
        raise SmokeFailed(f"the checkout's migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


class Runner:
    def __init__(self, programs: dict[bool, Path], work: Path) -> None:
        self.programs = programs  # console -> executable
        self.work = work
        self.env = clean_environment(work / "home")
        self.failures: list[str] = []
        self.checked = 0

    def run(self, args: list[str], *, console: bool = True, expect: tuple[int, ...] = (0,), quiet: bool = True,
            stdin: str | None = None, **extra_env: str) -> subprocess.CompletedProcess:
        command = [str(self.programs[console]), *args]
        given = {"input": stdin} if stdin is not None else {"stdin": subprocess.DEVNULL}
        done = subprocess.run(command, cwd=self.work, env={**self.env, **extra_env}, capture_output=True,
                              text=True, encoding="utf-8", errors="replace", timeout=TIMEOUT, **given)
        shown = " ".join(args)
        if done.returncode not in expect:
            raise SmokeFailed(f"`{NAME} {shown}` exited {done.returncode}\n{done.stdout}{done.stderr}")
        said = [line for line in done.stderr.splitlines() if line.strip() and line.strip() not in OFFSCREEN_NOTES]
        if quiet and said:
            raise SmokeFailed(f"`{NAME} {shown}` wrote to standard error:\n" + "\n".join(said))
        return done

    def check(self, title: str, action) -> None:
        self.checked += 1
        started = time.monotonic()
        try:
            detail = action()
        except SmokeFailed as exc:
            self.failures.append(title)
            print(f"FAIL {title}: {exc}", flush=True)
            return
        except (OSError, subprocess.SubprocessError, sqlite3.Error) as exc:
            self.failures.append(title)
            print(f"FAIL {title}: {type(exc).__name__}: {exc}", flush=True)
            return
        print(f"ok   {title} ({time.monotonic() - started:.1f} s){': ' + detail if detail else ''}", flush=True)


def smoke(programs: dict[bool, Path], work: Path) -> Runner:
    r = Runner(programs, work)
    data, out = work / "data", work / "out"
    pdfs: list[Path] = []

    def version() -> str:
        lines = r.run(["--version"]).stdout.splitlines()
        if not lines or lines[0] != f"{NAME} {expected_version()}":
            raise SmokeFailed(f"--version says {lines[:1]}, pyproject.toml {expected_version()}")
        forms = [line for line in lines if line.startswith("form ")]
        files = sorted((ROOT / "forms").glob("*.yaml"))
        if len(forms) != len(files):
            raise SmokeFailed(f"--version lists {len(forms)} forms, the checkout has {len(files)}: {lines}")
        return "; ".join(lines[:2])

    def demo() -> str:
        lines = r.run(["--data-dir", str(data), "demo", "--out", str(out), "--count", "2", "--verification"]
                      ).stdout.splitlines()
        for line in lines:
            record_id, _, path = line.partition("\t")
            if not path or not Path(path).is_file() or not Path(path).read_bytes().startswith(b"%PDF"):
                raise SmokeFailed(f"demo printed {line!r}, which names no sealed PDF")
            pdfs.append(Path(path))
        if len(pdfs) < 4:
            raise SmokeFailed(f"demo sealed {len(pdfs)} records, expected 2 consents and 2 readiness checks")
        return f"{len(pdfs)} records sealed"

    def verify_options() -> list[str]:
        # Issue 12 trusts the demonstration seal only with --demo; follow what this program offers.
        helptext = r.run(["verify", "--help"]).stdout
        return ["--demo"] if re.search(r"(^|\s)--demo\b", helptext) else []

    def verify() -> str:
        if not pdfs:
            raise SmokeFailed("no sealed PDF to verify")
        options = verify_options()
        for pdf in pdfs:
            done = r.run(["--data-dir", str(data), "verify", *options, str(pdf)])
            if not done.stdout.startswith("VALID "):
                raise SmokeFailed(f"verify {pdf.name}: {done.stdout.strip()}")
        tampered = work / "tampered.pdf"
        raw = bytearray(pdfs[0].read_bytes())
        raw[len(raw) // 3] ^= 0x01
        tampered.write_bytes(bytes(raw))
        done = r.run(["--data-dir", str(data), "verify", *options, str(tampered)], expect=(1, 2), quiet=False)
        if done.stdout.startswith("VALID"):
            raise SmokeFailed("a PDF with a changed byte verified as VALID")
        return f"{len(pdfs)} VALID{' with ' + ' '.join(options) if options else ''}; a changed byte refused"

    def audit() -> str:
        options = ["--demo"] if "--demo" in r.run(["audit", "verify", "--help"]).stdout else []
        last = r.run(["--data-dir", str(data), "audit", "verify", *options]).stdout.strip().splitlines()[-1]
        if not last.startswith("OK "):
            raise SmokeFailed(f"audit verify: {last}")
        return last

    def pkcs11() -> str:
        folder, password = work / "token-data", "Smoke-Admin-2026!"
        signed = ["--user", "it.admin", "--password-stdin"]
        r.run(["--data-dir", str(folder), "users", "add", "--username", "it.admin", "--role", "admin",
               "--name-ar", "مدير النظام", "--password-stdin"], stdin=password + "\n")
        for key, value in (("pkcs11_module", str(work / "no-such-module.so")), ("pkcs11_token", "desk-token"),
                           ("pkcs11_key", "institution-seal")):
            r.run(["--data-dir", str(folder), "settings", "set", key, value, *signed], stdin=password + "\n")
        # Signing a checkpoint opens the institution's key: here a token whose module is not there.
        done = r.run(["--data-dir", str(folder), "audit", "checkpoint", *signed], stdin=password + "\n",
                     expect=(2,), quiet=False, CONSENT_DESK_SEAL_PIN="0000")
        said = done.stderr.strip()
        if "cannot be opened" not in said or "ModuleNotFound" in said or "ImportError" in said:
            raise SmokeFailed(f"opening a PKCS#11 token: {said!r}")
        return said

    def postgresql_driver() -> str:
        # psycopg loads libpq by name (the system's, on Linux): a server that is not there must be
        # reported as unreachable, not as a driver that is missing.
        done = r.run(["--data-dir", str(work / "pg-data"), "--database", "postgresql://smoke@127.0.0.1:9/none",
                      "station", "test"], expect=(2,), quiet=False)
        said = done.stderr.strip()
        if "cannot be reached" not in said:
            raise SmokeFailed(f"connecting to a PostgreSQL server that is not there: {said!r}")
        return said

    def migrations() -> str:
        head = migration_head()
        with sqlite3.connect(data / "consent.db") as db:
            found = [row[0] for row in db.execute("SELECT version_num FROM alembic_version")]
        if found != [head]:
            raise SmokeFailed(f"the database is at {found}, the checkout's newest migration is {head}")
        return f"database at {head}"

    def desk(folder: Path, *screens: str):
        def start() -> str:
            started = time.monotonic()
            # The console program: on Windows the windowed one has no standard output to say "ready"
            # (both are the same program, built from one analysis).
            done = r.run(["--data-dir", str(folder)], console=True, QT_QPA_PLATFORM="offscreen",
                         CONSENT_DESK_EXIT_AFTER_SHOW="ready")
            seconds = time.monotonic() - started
            reached = next((s for s in screens if f"ready {s}" in done.stdout.split("\n")), None)
            if reached is None:
                raise SmokeFailed(f"the desk did not reach {' or '.join(screens)}: {done.stdout.strip()!r}")
            return f"{reached} in {seconds:.1f} s"
        return start

    r.check("--version", version)
    r.check("demo seals consents and readiness checks", demo)
    r.check("verify", verify)
    r.check("audit verify", audit)
    r.check("migrations", migrations)
    r.check("PKCS#11 token support", pkcs11)
    r.check("PostgreSQL driver", postgresql_driver)
    r.check("desk starts on a new data folder", desk(work / "new-data", "FirstRunPage"))
    # The demonstration leaves the institution to be set up (or, once it creates one, asks to sign in).
    r.check("desk starts on the demonstration's data folder", desk(data, "FirstRunPage", "LoginPage"))
    return r


def _report(runner: Runner) -> int:
    failed = len(runner.failures)
    print(f"smoke: {runner.checked - failed} passed, {failed} failed")
    return 1 if failed else 0


def run(bundle: Path) -> int:
    """The bundle, copied away from the checkout and its build folders."""
    bundle = bundle.resolve()
    if not executable(bundle, True).is_file():
        print(f"FAIL no bundle at {bundle}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="consent-desk-smoke-") as tmp:
        work = Path(tmp)
        copy = work / NAME
        shutil.copytree(bundle, copy, symlinks=True)
        return _report(smoke({True: executable(copy, True), False: executable(copy, False)}, work))


def run_installed(program: Path) -> int:
    """The program as a package installed it (e.g. /usr/bin/consent-desk)."""
    if not program.is_file():
        print(f"FAIL no program at {program}", file=sys.stderr)
        return 2
    console = program.with_name(f"{NAME}-cli.exe") if WINDOWS else program
    with tempfile.TemporaryDirectory(prefix="consent-desk-smoke-") as tmp:
        return _report(smoke({True: console, False: program}, Path(tmp)))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--installed"] and len(argv) == 2:
        return run_installed(Path(argv[1]))
    if len(argv) <= 1 and not argv[:1] == ["--installed"]:
        return run(Path(argv[0]) if argv else ROOT / "dist" / NAME)
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
