"""A real PostgreSQL server for the tests, started and stopped by them.

``PgServer`` runs Debian's ``initdb`` and ``pg_ctl`` in a fresh temporary folder as an unprivileged
system user (root cannot run postgres: as root the commands go through ``runuser -u postgres``),
listening on 127.0.0.1 at a free port and on a Unix socket in that folder. It creates one login role
(``consent``, password authentication over TCP, like a hospital's server) and one database per
test from a template migrated once (``CREATE DATABASE ... TEMPLATE`` copies files: ~0.1 s).

The test server trades durability for speed (``fsync=off``): a crash of this machine loses a test
run, nothing else. Benchmarks start their own, durable server (``durable=True``).

Where PostgreSQL is not installed the PostgreSQL variants are skipped with the reason; in CI
(``CI=true``) a missing server fails the run instead (``.ci/run`` installs Debian's ``postgresql``).
"""
from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

ROLE = "consent"
ROLE_PASSWORD = "Consent-Test-Role-2026"
SERVICE_USER = "postgres"


class PgUnavailable(RuntimeError):
    pass


def _bindir() -> Path | None:
    """The folder of initdb/pg_ctl: on PATH, or Debian's /usr/lib/postgresql/<version>/bin."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def skip_or_fail(reason: str) -> None:
    """Skip the PostgreSQL variant locally; fail it in CI, where the server is required."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"PostgreSQL is required in CI: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL not available: {reason}")


class PgServer:
    """One throw-away PostgreSQL cluster. ``start()``, ``fresh_database()``, ``stop()``."""

    def __init__(self, *, durable: bool = False) -> None:
        self.durable = durable
        self.bindir = _bindir()
        self.root: Path | None = None
        self.port = 0
        self._as_user: list[str] = []
        self._template: str | None = None
        self._created: list[str] = []

    # ------------------------------------------------------------------ life cycle
    @property
    def socket_dir(self) -> Path:
        assert self.root is not None
        return self.root / "socket"

    def _run(self, *args: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run([*self._as_user, *args], capture_output=True, text=True, check=check, timeout=timeout)

    def start(self) -> PgServer:
        if self.bindir is None:
            raise PgUnavailable("initdb was not found (Debian package postgresql)")
        if os.geteuid() == 0:
            runuser = shutil.which("runuser")
            try:
                import pwd

                pwd.getpwnam(SERVICE_USER)
            except KeyError:
                raise PgUnavailable(f"running as root and there is no '{SERVICE_USER}' user to run the server") from None
            if runuser is None:
                raise PgUnavailable("running as root without runuser")
            self._as_user = [runuser, "-u", SERVICE_USER, "--"]
        self.root = Path(tempfile.mkdtemp(prefix="consent-pg-"))
        os.chmod(self.root, 0o755)
        data = self.root / "data"
        self.socket_dir.mkdir()
        if self._as_user:
            import pwd

            entry = pwd.getpwnam(SERVICE_USER)
            for path in (self.root, self.socket_dir):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        pwfile = self.root / "pw"
        pwfile.write_text(ROLE_PASSWORD + "\n")
        os.chmod(pwfile, 0o644)
        self._run(str(self.bindir / "initdb"), "-D", str(data), "-U", "postgres", "-E", "UTF8",
                  "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={pwfile}")
        pwfile.unlink()
        self.port = _free_port()
        options = [f"-p {self.port}", "-c listen_addresses=127.0.0.1", f"-k {self.socket_dir}",
                   "-c max_connections=200", "-c shared_buffers=64MB"]
        if not self.durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        done = self._run(str(self.bindir / "pg_ctl"), "-D", str(data), "-l", str(self.root / "server.log"),
                         "-o", " ".join(options), "-w", "-t", "60", "start", check=False)
        if done.returncode != 0:
            log = (self.root / "server.log").read_text(errors="replace")[-800:] if (self.root / "server.log").exists() else ""
            raise PgUnavailable(f"pg_ctl start failed: {done.stderr.strip()[-400:]} {log}")
        atexit.register(self.stop)
        self.admin_sql(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{ROLE_PASSWORD}' CREATEDB")
        return self

    def stop(self) -> None:
        if self.root is None:
            return
        root, self.root = self.root, None
        data = root / "data"
        if (data / "postmaster.pid").exists():
            subprocess.run([*self._as_user, str(self.bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                            "-w", "-t", "30", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)

    @property
    def running(self) -> bool:
        return self.root is not None

    # ------------------------------------------------------------------ SQL as the superuser
    def admin_sql(self, sql: str, database: str = "postgres") -> list[tuple]:
        """Run SQL as the cluster's superuser over the Unix socket (autocommit)."""
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), port=self.port, user="postgres", dbname=database,
                             autocommit=True) as conn:
            cur = conn.execute(sql)
            return cur.fetchall() if cur.description else []

    # ------------------------------------------------------------------ databases
    def url(self, database: str, *, password: bool = True, driver: str = "postgresql+psycopg") -> str:
        secret = f":{ROLE_PASSWORD}" if password else ""
        return f"{driver}://{ROLE}{secret}@127.0.0.1:{self.port}/{database}"

    def empty_database(self) -> str:
        """A new database owned by the role, with no schema: its name."""
        name = f"t_{uuid.uuid4().hex[:16]}"
        self.admin_sql(f"CREATE DATABASE {name} OWNER {ROLE}")
        self._created.append(name)
        return name

    def _migrated_template(self) -> str:
        if self._template is None:
            from app.storage.database import Database

            name = f"tmpl_{uuid.uuid4().hex[:8]}"
            self.admin_sql(f"CREATE DATABASE {name} OWNER {ROLE}")
            db = Database.open(self.url(name))
            try:
                db.upgrade()
            finally:
                db.close()
            self._template = name
        return self._template

    def fresh_database(self) -> str:
        """A new database migrated to the newest revision (a copy of the session's template): its name."""
        template = self._migrated_template()
        name = f"t_{uuid.uuid4().hex[:16]}"
        for attempt in range(20):  # the template may still be in use by a closing connection
            try:
                self.admin_sql(f"CREATE DATABASE {name} TEMPLATE {template} OWNER {ROLE}")
                break
            except Exception as exc:  # noqa: BLE001 - psycopg.errors.ObjectInUse
                if "being accessed by other users" not in str(exc) or attempt == 19:
                    raise
                time.sleep(0.1)
        self._created.append(name)
        return name

    def drop_database(self, name: str) -> None:
        if self.root is None:
            return
        self.admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if name in self._created:
            self._created.remove(name)

    def terminate_connections(self, database: str) -> int:
        """Cut every client connection to ``database`` (a server restart as the client sees it)."""
        rows = self.admin_sql(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            f"WHERE datname = '{database}' AND pid <> pg_backend_pid()")
        return int(rows[0][0])


def start_or_skip(*, durable: bool = False) -> PgServer:
    """A started server, or the skip (locally) / failure (CI) that says why there is none."""
    server = PgServer(durable=durable)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        skip_or_fail("the psycopg driver is not installed")
    try:
        return server.start()
    except (PgUnavailable, subprocess.SubprocessError, OSError) as exc:
        server.stop()
        skip_or_fail(str(exc))
        raise  # pragma: no cover - skip_or_fail raised


def make_ca_and_server_cert(folder: Path, host: str = "localhost") -> tuple[Path, Path, Path]:
    """A CA and a server certificate it issued for ``host`` (and 127.0.0.1): (ca.pem, server.crt, server.key)."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Hospital Database CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
          .not_valid_after(now + dt.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(host),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(ca_key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    ca_path, cert_path, key_path = folder / "ca.pem", folder / "server.crt", folder / "server.key"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return ca_path, cert_path, key_path


def enable_tls(server: PgServer) -> Path:
    """Turn TLS on in ``server`` with a certificate of a fresh CA; returns the CA's PEM (the 'hospital CA')."""
    assert server.root is not None
    folder = server.root / "tls"
    ca, cert, key = make_ca_and_server_cert(folder)
    if server._as_user:
        import pwd

        entry = pwd.getpwnam(SERVICE_USER)
        for path in (folder, cert, key):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    os.chmod(key, 0o600)
    os.chmod(folder, 0o755)
    server.admin_sql(f"ALTER SYSTEM SET ssl_cert_file = '{cert}'")
    server.admin_sql(f"ALTER SYSTEM SET ssl_key_file = '{key}'")
    server.admin_sql("ALTER SYSTEM SET ssl = on")
    server.admin_sql("SELECT pg_reload_conf()")
    time.sleep(0.5)
    return ca


def disable_tls(server: PgServer) -> None:
    for name in ("ssl", "ssl_cert_file", "ssl_key_file"):
        server.admin_sql(f"ALTER SYSTEM RESET {name}")
    server.admin_sql("SELECT pg_reload_conf()")
