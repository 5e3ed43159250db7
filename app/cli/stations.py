"""Command-line commands for several stations on one PostgreSQL database (issue 16).

    python main.py station show                          this computer's station: name, kind, database
    python main.py station set --name N --kind desk|tablet|records [--database URL] [--password-stdin]
                                                         (the password goes to the OS key store or the
                                                         data folder's pgpass file, never the database)
    python main.py station test [--password-stdin]       connect once: server version and database state
    python main.py migrate --to URL --user ADMIN [--password-stdin] [--check full|archive]
                                                         copy this data folder's SQLite database into an
                                                         empty PostgreSQL database and check the copy

Same rules as every command: one line on stderr and exit 2 on bad input.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .base import EXIT_FAILED, EXIT_OK, BadUsage, read_password


def add_station_commands(sub, signed) -> None:
    """``station`` (this computer's own settings: no staff sign-in, like choosing a data folder) and
    ``migrate`` (an administrator of the archive signs in: ``signed`` gives --user/--password-stdin)."""
    station = sub.add_parser("station", help="this computer as a station (desk, patient tablet, records office)")
    station_sub = station.add_subparsers(dest="station_command", parser_class=type(station))
    station_sub.add_parser("show", help="name, kind and database of this station")
    setting = station_sub.add_parser("set", help="name this station, choose its kind and its database")
    setting.add_argument("--name", required=True, help="shown in every title bar (e.g. 'Pre-op desk 2')")
    setting.add_argument("--kind", required=True, choices=["desk", "tablet", "records"])
    setting.add_argument("--database", dest="station_database", default=None,
                         help="postgresql://ROLE@HOST:PORT/DATABASE[?sslmode=verify-full&sslrootcert=CA.pem]; "
                              "'' for SQLite in the data folder")
    setting.add_argument("--password-stdin", action="store_true",
                         help="read the database password from standard input and keep it in the key store "
                              "(or the data folder's pgpass file)")
    testing = station_sub.add_parser("test", help="connect to the station's database once")
    testing.add_argument("--password-stdin", action="store_true", help="try this password (not stored)")

    migrate = sub.add_parser("migrate", help="copy this data folder's SQLite database into an empty PostgreSQL one",
                             parents=[signed])
    migrate.add_argument("--to", dest="target", required=True, help="postgresql://ROLE@HOST:PORT/DATABASE")
    migrate.add_argument("--check", choices=["full", "archive"], default="full",
                         help="after the copy: verify every record's seal (default) or only their hashes")


def _data_dir(args: argparse.Namespace) -> Path:
    from app.paths import resolve_data_dir

    return resolve_data_dir(args.data_dir)


def cmd_station(args: argparse.Namespace) -> int:
    from app.services.connection import (
        StationFile, resolve_database_url, station_of, store_password, try_connection, without_password,
        write_station_file,
    )

    data_dir = _data_dir(args)
    if args.station_command is None:
        raise BadUsage("station: choose a command (show, set, test)")
    if args.station_command == "show":
        station = station_of(data_dir)
        url = resolve_database_url(getattr(args, "database", None), data_dir)
        print(f"STATION {station.name}\t{station.kind}\t{without_password(url) if url else 'sqlite ' + str(data_dir)}")
        return EXIT_OK
    if args.station_command == "test":
        url = resolve_database_url(getattr(args, "database", None), data_dir)
        if not url:
            raise BadUsage("station test: this station uses SQLite in its data folder (no server to test)")
        password = read_password(args, "Database password: ") if args.password_stdin else None
        found = try_connection(url, data_dir, password)
        print(f"CONNECTED {found['where']}\tPostgreSQL {found['server']}\tdatabase {found['state']}")
        return EXIT_OK
    url = args.station_database if args.station_database is not None else (station_of(data_dir).database or "")
    station = StationFile(args.name, args.kind, url)
    if url and args.password_stdin:
        where = store_password(url, read_password(args, "Database password: "), data_dir)
        print(f"PASSWORD kept in {where}")
    path = write_station_file(data_dir, station)
    print(f"STATION {station.name}\t{station.kind}\t{without_password(url) if url else 'sqlite'}\t{path}")
    return EXIT_OK


def _migrate(args: argparse.Namespace, password: str) -> int:
    from app.services.migrate import migrate

    shown: dict[str, int] = {}

    def progress(table: str, rows: int) -> None:
        if rows - shown.get(table, 0) >= 1000:
            shown[table] = rows
            print(f"copying {table}: {rows}", file=sys.stderr, flush=True)

    report = migrate(_data_dir(args), args.target, check=args.check, progress=progress,
                     username=args.user, password=password)
    print(f"MIGRATED {report.copy.records} records, {report.audit_events} audit events, "
          f"{sum(report.copy.rows.values())} rows into {report.target}")
    print(f"CHECKED {report.records_valid}/{report.records_checked} records "
          f"{'verify' if args.check == 'full' else 'match their hashes'}; audit chain intact, head {report.audit_head[:16]}")
    print("NEXT point each station at it: python main.py station set --name NAME --kind desk --database URL")
    return EXIT_OK if report.ok else EXIT_FAILED


def cmd_migrate(args: argparse.Namespace) -> int:
    if not args.user:
        raise BadUsage("migrate: sign in with --user NAME (an administrator of this data folder's archive)")
    return _migrate(args, read_password(args, f"Password for {args.user}: "))
