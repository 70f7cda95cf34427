"""``fablab-kiosk server ...``: run the central server, add kiosks and staff, report.

FastAPI, uvicorn and psycopg come with the extra ``fablab-kiosk[server]``: they are
imported inside the handlers, so the other commands work without them.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from kiosk.cli.support import (
    AddCommand,
    CommandError,
    QtCommands,
    options_again,
    print_json,
    typed_twice,
)
from kiosk.plaintext import clean_text
from kiosk.server.site_commands import add_site_commands

if TYPE_CHECKING:
    from kiosk.reports.network import NetworkReport
    from kiosk.reports.yearly import YearlyReport
    from kiosk.server.report import SiteRow

log = logging.getLogger("fablab_kiosk")
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8750
_NEEDS_EXTRA = "the server needs the extra: pip install 'fablab-kiosk[server]' ({})"


def _database_url(args: argparse.Namespace) -> str:
    from kiosk.server.settings import database_url, default_database_url

    given = getattr(args, "db", None)
    return database_url(given) if given else default_database_url(args.data_dir)


def _open(args: argparse.Namespace) -> tuple[Engine, sessionmaker[Session]]:
    from sqlalchemy.exc import SQLAlchemyError

    try:
        from kiosk.server.db import open_server_database

        return open_server_database(_database_url(args))
    except ImportError as exc:  # the extra is missing (or psycopg for a PostgreSQL URL)
        raise CommandError(_NEEDS_EXTRA.format(exc)) from exc
    except SQLAlchemyError as exc:
        barred = _not_ours(_database_url(args))
        if barred is not None:
            raise CommandError(
                f"permission denied on {barred}: run it with sudo (sudo fablab-kiosk server "
                "...); the server's database belongs to its own user, so that only the server "
                "and staff with sudo can read members' names"
            ) from exc
        raise CommandError(f"cannot open the server database: {exc}") from exc


def _not_ours(url: str) -> str | None:
    """The SQLite file (or its folder) this user may not read and write, if that is why
    the database did not open; None for anything else."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite") or not parsed.database:
        return None
    path = os.path.abspath(parsed.database)
    folder = os.path.dirname(path)
    if os.path.isdir(folder) and not os.access(folder, os.W_OK | os.X_OK):
        return folder
    if os.path.exists(path) and not os.access(path, os.R_OK | os.W_OK):
        return path
    return None


def _zone(text: str) -> ZoneInfo:
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CommandError(f"--tz {text!r} is not a time zone like Europe/Paris") from exc


def cmd_server(args: argparse.Namespace, qt: QtCommands | None) -> int:
    try:
        import uvicorn

        from kiosk.server.settings import (
            ENV_SETTINGS,
            ServerSettings,
            proxy_list,
            settings_for_workers,
        )
    except ImportError as exc:
        raise CommandError(_NEEDS_EXTRA.format(exc)) from exc
    _zone(args.tz)
    try:
        proxies = proxy_list(" ".join(args.trusted_proxy))
    except ValueError as exc:
        raise CommandError(f"--trusted-proxy: {exc}") from exc
    if args.workers < 1 or args.rate_per_minute < 1:
        raise CommandError("--workers and --rate-per-minute are whole numbers from 1")
    site_name = " ".join(clean_text(args.site_name).split())[:120]
    if not site_name:
        raise CommandError(
            '--site-name: give the organisation\'s name, e.g. "Fablab des Deux Rives"'
        )
    settings = ServerSettings(
        database_url=_database_url(args),
        timezone=args.tz,
        trusted_proxies=proxies,
        rate_per_minute=args.rate_per_minute,
        site_name=site_name,
    )
    url = make_url(settings.database_url)
    if args.workers > 1 and url.get_backend_name() != "postgresql":
        raise CommandError(
            "--workers above 1 needs PostgreSQL (--db postgresql://...): SQLite lets one "
            "process write at a time, more processes would only wait for each other"
        )
    engine, _sessions = _open(args)  # migrated once here, before the workers start
    engine.dispose()
    log.info(
        "fablab-kiosk server starting on http://%s:%d (database %s, %d worker process%s)",
        args.host,
        args.port,
        url.render_as_string(hide_password=True),
        args.workers,
        "es" if args.workers > 1 else "",
    )
    if proxies:
        log.info("X-Forwarded-For believed from %s only", ", ".join(proxies))
    # Each worker process builds its app from these settings (kiosk.server.app); with
    # one worker it runs in this process. proxy_headers=False: uvicorn would believe
    # X-Forwarded-For from any local process; the app believes settings.trusted_proxies.
    os.environ[ENV_SETTINGS] = settings_for_workers(settings)
    uvicorn.run(
        "kiosk.server.app:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="info",
        proxy_headers=False,
    )
    return 0


def cmd_add_kiosk(args: argparse.Namespace, qt: QtCommands | None) -> int:
    engine, sessions = _open(args)
    from kiosk.server.accounts import add_kiosk
    from kiosk.server.models import Site
    from kiosk.server.sites import SiteError

    try:
        with sessions() as session, session.begin():
            kiosk, token = add_kiosk(session, args.name, args.site)
            site = session.get(Site, kiosk.site_id)
            assert site is not None
            data = {"id": kiosk.id, "name": kiosk.name, "site": site.name, "token": token}
    except SiteError as exc:
        raise CommandError(f"kiosk not added: {exc}") from exc
    finally:
        engine.dispose()
    if args.json:
        print_json(data)
    else:
        print(
            f"Kiosk {data['name']!r} added to the site {data['site']!r}. "
            "Its token (shown only now, keep it secret):"
        )
        print(token)
        print("On the kiosk: fablab-kiosk connect with the server's address and this token.")
    return 0


def cmd_add_staff(args: argparse.Namespace, qt: QtCommands | None) -> int:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typed_twice(
            "Password (8 characters or more): ",
            "The same password again: ",
            "the two passwords differ; no account was created",
            "--password-stdin",
        )
    engine, sessions = _open(args)
    from kiosk.server.accounts import add_staff
    from kiosk.server.models import Site
    from kiosk.server.sites import SiteError

    try:
        with sessions() as session, session.begin():
            account = add_staff(session, args.username, password, args.site, network=args.network)
            site = session.get(Site, account.site_id) if account.site_id else None
            data = {
                "id": account.id,
                "username": account.username,
                "site": site.name if site else None,
                "network": account.network,
            }
    except SiteError as exc:
        raise CommandError(f"staff account not created: {exc}") from exc
    finally:
        engine.dispose()
    if args.json:
        print_json(data)
    else:
        sees = "every site (network)" if data["network"] else f"the site {data['site']!r}"
        print(
            f"Staff account {data['username']!r} created for {sees} (only its scrypt hash is kept)"
        )
    return 0


def cmd_remove_staff(args: argparse.Namespace, qt: QtCommands | None) -> int:
    engine, sessions = _open(args)
    from kiosk.server.accounts import AccountError, remove_staff

    try:
        with sessions() as session, session.begin():
            ended = remove_staff(session, args.username)
    except AccountError as exc:
        raise CommandError(f"nothing removed: {exc}") from exc
    finally:
        engine.dispose()
    if args.json:
        print_json({"username": args.username, "ended_sessions": ended})
    else:
        print(
            f"Staff account {args.username!r} removed; browsers it was signed in on: {ended}, "
            "signed out now"
        )
    return 0


def cmd_report(args: argparse.Namespace, qt: QtCommands | None) -> int:
    """A site's year (``--site``, or the one site of a one-site server) or the network's
    (``--network``); every refusal one line, exit status 2."""
    from kiosk.reports.tally import check_year

    if args.site is not None and args.network:
        raise CommandError("--site and --network: give one (a site's report, or every site's)", 2)
    try:
        check_year(args.year)
    except ValueError as exc:
        raise CommandError(f"no report: {exc}", 2) from exc
    fmt = "json" if args.json else args.format
    engine, sessions = _open(args)
    from kiosk.server.report import all_sites, network_report, site_report

    try:
        with sessions() as session:
            sites = all_sites(session)
        now = datetime.now(UTC)
        if args.network:
            network = network_report(sessions, args.year, now)
        else:
            site = _one_site(sites, args.site, args.tz)
            report = site_report(sessions, site.id, args.year, now)
    finally:
        engine.dispose()
    if args.network:
        _print_network(network, fmt, args.output)
    else:
        _print_site(report, site.name, fmt, args.output)
    return 0


def _one_site(sites: list[SiteRow], name: str | None, tz: str | None) -> SiteRow:
    """The site a report without ``--network`` counts; CommandError (2) in words."""
    names = ", ".join(site.name for site in sites) or "none"
    if name is not None:
        site = next((site for site in sites if site.name == name), None)
        if site is None:
            raise CommandError(
                f"--site {name!r}: no such site on this server (its sites: {names})", 2
            )
    elif len(sites) == 1:
        site = sites[0]
    else:
        raise CommandError(
            f"this server has {len(sites)} sites ({names}): --site NAME for one, --network for all",
            2,
        )
    if tz is not None and tz != str(site.timezone):
        raise CommandError(
            f"--tz {tz}: the site {site.name!r} counts in its own time zone, {site.timezone}", 2
        )
    return site


def _xlsx_path(output: str | None, default: str) -> Path:
    return Path(output) if output else Path.cwd() / default


def _print_site(report: YearlyReport, name: str, fmt: str, output: str | None) -> None:
    from kiosk.reports.network import file_part
    from kiosk.reports.yearly import format_table, report_csv, write_xlsx

    if fmt == "json":
        print_json(report.as_json())
    elif fmt == "csv":
        sys.stdout.write(report_csv(report))
    elif fmt == "xlsx":
        path = _xlsx_path(output, f"visites-{report.year}-{file_part(name)}.xlsx")
        print(write_xlsx(report, path))
    else:
        print(format_table(report).replace("all kiosks (server)", f"site {name}", 1))
        for kiosk, count in report.by_kiosk.items():
            print(f"  kiosk {kiosk}: {count}")


def _print_network(network: NetworkReport, fmt: str, output: str | None) -> None:
    from kiosk.reports.network import network_csv, network_table, write_network_xlsx

    if fmt == "json":
        print_json(network.as_json())
    elif fmt == "csv":
        sys.stdout.write(network_csv(network))
    elif fmt == "xlsx":
        path = _xlsx_path(output, f"visites-{network.year}-network.xlsx")
        print(write_network_xlsx(network, path))
    else:
        print(network_table(network))


def cmd_retention(args: argparse.Namespace, qt: QtCommands | None) -> int:
    tz = _zone(args.tz)
    engine, sessions = _open(args)
    from kiosk.server.retention import apply_server_retention

    try:
        data = apply_server_retention(sessions, months=args.months, now=datetime.now(UTC), tz=tz)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        engine.dispose()
    if args.json:
        print_json(data)
    else:
        print(
            f"Visits older than {args.months} months made anonymous: "
            f"{data['anonymized_visits']}; years sealed: {data['sealed_years'] or 'none'}"
        )
    return 0


def add_server_commands(add: AddCommand, listing: argparse.ArgumentParser) -> None:
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument(
        "--db",
        metavar="URL",
        help="database: postgresql://user@host/db or a SQLite file "
        "(default: $FABLAB_KIOSK_SERVER_DB or <data dir>/server/server.sqlite3)",
    )
    db_again = argparse.ArgumentParser(add_help=False)  # after the sub-action (see cli_support)
    db_again.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="as above")
    again = [options_again(), db_again]

    p = add("server", cmd_server, "run the central server, or 'server add-kiosk' ...", listing, db)
    p.add_argument("--host", default=DEFAULT_HOST, help=f"listen on (default {DEFAULT_HOST})")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}")
    p.add_argument(
        "--tz",
        default=os.environ.get("FABLAB_KIOSK_SERVER_TZ", "Europe/Paris"),
        help="the site's time zone, for the reports (default $FABLAB_KIOSK_SERVER_TZ or Paris)",
    )
    p.add_argument(
        "--site-name",
        default=os.environ.get("FABLAB_KIOSK_SERVER_SITE_NAME", "Fablab"),
        help="the organisation named on the workshops' sheets and certificates "
        "(default $FABLAB_KIOSK_SERVER_SITE_NAME or Fablab)",
    )
    p.add_argument(
        "--trusted-proxy",
        action="append",
        metavar="ADDRESS",
        default=[os.environ.get("FABLAB_KIOSK_SERVER_TRUSTED_PROXIES", "")],
        help="a reverse proxy (address or network) whose X-Forwarded-For is believed; "
        "repeat for several (default $FABLAB_KIOSK_SERVER_TRUSTED_PROXIES, else none)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="server processes sharing the port (PostgreSQL only; default 1)",
    )
    p.add_argument(
        "--rate-per-minute",
        type=int,
        default=120,
        metavar="N",
        help="sync requests a minute per kiosk, counted in the database across every "
        "process (default 120; more get 429 and a time to wait)",
    )
    ssub = p.add_subparsers(dest="server_action", metavar="ACTION")
    s = ssub.add_parser("add-kiosk", parents=again, help="register a kiosk, print its token once")
    s.add_argument("name", metavar="NAME", help="e.g. fablab-door")
    s.add_argument("--site", metavar="SITE", help="its site (name or code; needed with several)")
    s.set_defaults(handler=cmd_add_kiosk)
    s = ssub.add_parser("add-staff", parents=again, help="create a staff account")
    s.add_argument("username", metavar="USERNAME")
    s.add_argument("--site", metavar="SITE", help="the site it sees (needed with several)")
    s.add_argument("--network", action="store_true", help="it sees every site and the total")
    s.add_argument("--password-stdin", action="store_true", help="read it from one stdin line")
    s.set_defaults(handler=cmd_add_staff)
    s = ssub.add_parser(
        "remove-staff", parents=again, help="delete a staff account, end its sessions now"
    )
    s.add_argument("username", metavar="USERNAME")
    s.set_defaults(handler=cmd_remove_staff)
    add_site_commands(ssub, again)
    s = ssub.add_parser(
        "report", parents=again, help="visit counts of a year: a site's, or the network's"
    )
    s.add_argument("--year", type=int, required=True)
    s.add_argument("--site", metavar="NAME", help="this site's kiosks (needed with several sites)")
    s.add_argument("--network", action="store_true", help="every site, and their total")
    s.add_argument(
        "--tz", default=None, help="each site counts in its own time zone (server add-site)"
    )
    s.add_argument("--format", choices=("table", "csv", "json", "xlsx"), default="table")
    s.add_argument("--output", metavar="FILE", help="the xlsx file (default visites-<year>-...)")
    s.set_defaults(handler=cmd_report)
    s = ssub.add_parser("retention", parents=again, help="make old identified visits anonymous now")
    s.add_argument("--months", type=int, default=12, help="keep identified (default 12)")
    s.add_argument("--tz", default="Europe/Paris", help="the site's time zone")
    s.set_defaults(handler=cmd_retention)
