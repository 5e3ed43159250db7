"""Which database this computer uses, as which station, and where the database password comes from.

**The station file** ``<data>/station.json`` (mode 0600) is this computer's own: its station name,
its kind (``desk``, ``tablet``: a patient tablet, ``records``: the records office) and the database
URL *without a password*. No file: a desk named after the computer, on SQLite in the data folder
(one desk, zero set-up).

**The database**, first found wins: ``--database URL`` (before the command), the environment
variable ``CONSENT_DESK_DATABASE``, the station file's URL, else SQLite in the data folder. A URL is
``postgresql+psycopg://ROLE@HOST:PORT/DATABASE`` (``postgresql://`` is accepted and means the same),
with libpq's parameters as query: ``?sslmode=verify-full&sslrootcert=/path/hospital-ca.pem`` makes
the connection encrypted and checks that the server's certificate was issued by the hospital's CA
for that host name.

**The password** is never in the database, the settings table or the station file: the OS key store
(Windows Credential Manager, macOS Keychain, the Secret Service on Linux; service
``consent-desk``, entry ``ROLE@HOST:PORT/DATABASE``), else a ``.pgpass``-style file: the data
folder's ``pgpass`` (0600), ``PGPASSFILE``, or the user's own ``~/.pgpass`` (libpq reads those
itself). A password written in the URL given on the command line is used as it is and never stored.
"""
from __future__ import annotations

import json
import logging
import os
import socket
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from app.domain.errors import InvalidInput
from app.domain.text import find_forbidden

from .files import write_atomically

log = logging.getLogger(__name__)

DATABASE_ENV = "CONSENT_DESK_DATABASE"
STATION_FILE = "station.json"
PGPASS_FILE = "pgpass"
STATION_KINDS = ("desk", "tablet", "records")
SSL_MODES = ("disable", "prefer", "require", "verify-ca", "verify-full")


@dataclass(frozen=True)
class StationFile:
    """This computer as a station: name, kind, and the database URL (no password), or "" for SQLite."""

    name: str
    kind: str = "desk"
    database: str = ""

    @property
    def shared(self) -> bool:
        return bool(self.database)


def default_station_name() -> str:
    return check_station_name(socket.gethostname().split(".")[0][:64] or "desk")


def check_station_name(name: object) -> str:
    """1-64 characters, printable, no invisible or control characters (shown in every title bar)."""
    if not isinstance(name, str):
        raise InvalidInput("station_name_invalid", "the station name must be text")
    text = " ".join(unicodedata.normalize("NFC", name).split())
    if not text or len(text) > 64 or find_forbidden(text):
        raise InvalidInput("station_name_invalid", "the station name: 1 to 64 visible characters")
    return text


def check_station_kind(kind: object) -> str:
    if kind not in STATION_KINDS:
        raise InvalidInput("station_kind_invalid", f"the station kind: one of {', '.join(STATION_KINDS)}")
    return str(kind)


# --------------------------------------------------------------------------- the station file

def read_station_file(data_dir: Path) -> StationFile | None:
    path = Path(data_dir) / STATION_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise InvalidInput("station_file_unreadable", f"{path}: cannot be read ({type(exc).__name__})") from None
    if not isinstance(raw, dict):
        raise InvalidInput("station_file_unreadable", f"{path}: not a station file")
    database = str(raw.get("database") or "")
    if database:
        database = check_database_url(database)
    return StationFile(check_station_name(raw.get("name", "")), check_station_kind(raw.get("kind", "desk")),
                       without_password(database) if database else "")


def write_station_file(data_dir: Path, station: StationFile) -> Path:
    """Write the station file (0600, whole or not at all); the URL's password, if any, is dropped."""
    data_dir = Path(data_dir)
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    clean = StationFile(check_station_name(station.name), check_station_kind(station.kind),
                        without_password(check_database_url(station.database)) if station.database else "")
    text = json.dumps(asdict(clean), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return write_atomically(data_dir / STATION_FILE, text.encode("utf-8"))


def station_of(data_dir: Path) -> StationFile:
    """The station file, or the one-desk default (a desk named after the computer, SQLite)."""
    return read_station_file(data_dir) or StationFile(default_station_name(), "desk", "")


# --------------------------------------------------------------------------- URLs

def check_database_url(url: str) -> str:
    """A PostgreSQL URL in its canonical driver form (``postgresql+psycopg``); other schemes refused."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url.strip())
    except (ArgumentError, ValueError):
        raise InvalidInput("invalid_database_url", "the database URL is not valid "
                                                   "(postgresql://ROLE@HOST:PORT/DATABASE)") from None
    if parsed.get_backend_name() == "sqlite":
        return parsed.render_as_string(hide_password=False)
    if parsed.get_backend_name() != "postgresql":
        raise InvalidInput("unsupported_database", "only PostgreSQL databases are shared by several stations")
    if not parsed.database:
        raise InvalidInput("invalid_database_url", "the database URL names no database")
    sslmode = parsed.query.get("sslmode")
    if sslmode is not None and sslmode not in SSL_MODES:
        raise InvalidInput("invalid_database_url", f"sslmode: one of {', '.join(SSL_MODES)}")
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def without_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(password=None).render_as_string(hide_password=False)


def build_url(*, host: str, port: int | str = 5432, database: str, role: str, sslmode: str = "",
              sslrootcert: str = "") -> str:
    """The URL for the first-run form's fields (no password)."""
    if not host or not database or not role:
        raise InvalidInput("invalid_database_url", "the server, the database and the role are needed")
    try:
        port_number = int(port)
    except (TypeError, ValueError):
        raise InvalidInput("invalid_database_url", "the port is a number (5432)") from None
    query = {}
    if sslmode:
        query["sslmode"] = sslmode
    if sslrootcert:
        query["sslrootcert"] = sslrootcert
    tail = ("?" + "&".join(f"{k}={quote(v, safe='/:.-_')}" for k, v in query.items())) if query else ""
    host_text = f"[{host}]" if ":" in host else host
    return check_database_url(f"postgresql+psycopg://{quote(role, safe='')}@{host_text}:{port_number}/"
                              f"{quote(database, safe='')}{tail}")


def _key(url: str) -> str:
    """The key store entry of a URL: ROLE@HOST:PORT/DATABASE."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return f"{u.username or ''}@{u.host or ''}:{u.port or 5432}/{u.database or ''}"


def resolve_database_url(explicit: str | None, data_dir: Path) -> str | None:
    """The database URL this run uses (None: SQLite in the data folder). See the module docstring."""
    for candidate in (explicit, os.environ.get(DATABASE_ENV)):
        if candidate:
            return check_database_url(candidate)
    station = read_station_file(data_dir)
    return station.database if station and station.database else None


# --------------------------------------------------------------------------- passwords

def password_from_key_store(url: str) -> str | None:
    """The database password the OS key store keeps for ``url`` (None without one: the pgpass file)."""
    from .key_store import read_secret

    return read_secret(_key(url))


def _pgpass_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def store_password(url: str, password: str, data_dir: Path) -> str:
    """Keep the password for ``url``: in the OS key store when there is one, else in the data
    folder's ``pgpass`` file (0600). Returns where: ``"key store"`` or the file's path."""
    from sqlalchemy.engine import make_url

    from .key_store import store_secret

    if store_secret(_key(url), password):
        return "key store"
    u = make_url(url)
    path = Path(data_dir) / PGPASS_FILE
    entry = ":".join(_pgpass_escape(str(v)) for v in (u.host or "localhost", u.port or 5432, u.database,
                                                      u.username, password))
    kept = []
    if path.exists():
        prefix = ":".join(_pgpass_escape(str(v)) for v in (u.host or "localhost", u.port or 5432, u.database,
                                                           u.username)) + ":"
        kept = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith(prefix)]
    Path(data_dir).mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomically(path, ("\n".join([*kept, entry]) + "\n").encode("utf-8"))
    return str(path)


def connect_arguments(url: str, data_dir: Path) -> dict[str, Any]:
    """What libpq needs beyond the URL: the data folder's pgpass file when there is one."""
    path = Path(data_dir) / PGPASS_FILE
    return {"passfile": str(path)} if path.exists() else {}


def with_password(url: str) -> str:
    """The URL with the key store's password filled in (in memory only) when it has none."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.password or parsed.get_backend_name() != "postgresql":
        return url
    secret = password_from_key_store(url)
    return parsed.set(password=secret).render_as_string(hide_password=False) if secret else url


# --------------------------------------------------------------------------- opening

def open_database(url: str | None, data_dir: Path, **kwargs):
    """The ``Database`` for this run: SQLite in ``data_dir`` when ``url`` is None, else the server."""
    from app.storage.database import Database

    if not url:
        return Database.for_data_dir(Path(data_dir), **kwargs)
    url = check_database_url(url)
    if url.startswith("sqlite"):
        return Database.open(url, **kwargs)
    return Database.open(with_password(url), connect_args=connect_arguments(url, data_dir), **kwargs)


def try_connection(url: str, data_dir: Path, password: str | None = None) -> dict[str, str]:
    """Connect once (first run's "Test the connection"): the server's version and the database's
    state: ``empty`` (a new database: the first desk sets it up), ``ready``, ``older`` (this
    program will bring it up to date), ``newer`` (update this program first). Typed errors say why
    a connection fails (unreachable, login, missing database, TLS)."""
    from sqlalchemy.engine import make_url

    url = check_database_url(url)
    if password:
        url = make_url(url).set(password=password).render_as_string(hide_password=False)
    db = open_database(url, data_dir)
    try:
        version = db.check_connection()
        current = db.schema_revision()
        if current is None:
            state = "empty"
        elif current == db.head_revision():
            state = "ready"
        elif current in db.revisions():
            state = "older"
        else:
            state = "newer"
        return {"server": version, "state": state, "where": db.describe()}
    finally:
        db.close()


def open_station_context(data_dir: Path, database: str | None = None, **kwargs):
    """The application context of this station: data folder + the database it resolves to."""
    from .context import open_context

    data_dir = Path(data_dir)
    db = open_database(resolve_database_url(database, data_dir), data_dir)
    try:
        return open_context(data_dir, database=db, **kwargs)
    except BaseException:
        db.close()
        raise


def forget_unused_sqlite(data_dir: Path) -> bool:
    """Remove the data folder's SQLite database when nothing was ever done in it (a first start that
    then joined a shared database): no user, patient, draft or record. True when removed."""
    from sqlalchemy import text

    from app.storage.database import DB_FILENAME, Database

    path = Path(data_dir) / DB_FILENAME
    if not path.is_file():
        return False
    db = Database.open(f"sqlite:///{path.as_posix()}")
    try:
        with db.engine.connect() as conn:
            used = sum(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                       for table in ("users", "patients", "drafts", "records"))
    except Exception:  # noqa: BLE001 - not a database of ours, or an older one: leave it alone
        return False
    finally:
        db.close()
    if used:
        return False
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return True
