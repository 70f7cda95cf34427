"""``fablab-kiosk server add-site | edit-site | sites``: the places of a network on one
server (kiosk.server.sites). Imported by kiosk.server.cli."""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy import func, select

from kiosk.cli.support import CommandError, QtCommands, print_json


def _site_data(site: Any, kiosks: int = 0) -> dict[str, Any]:
    return {
        "id": site.id,
        "name": site.name,
        "code": site.code,
        "timezone": site.timezone,
        "badge_key_known": site.badge_key is not None,
        "kiosks": kiosks,
    }


def cmd_add_site(args: argparse.Namespace, qt: QtCommands | None) -> int:
    from kiosk.server.cli import _open
    from kiosk.server.sites import SiteError, add_site

    engine, sessions = _open(args)
    try:
        with sessions() as session, session.begin():
            data = _site_data(add_site(session, args.name, args.timezone, args.code))
    except SiteError as exc:
        raise CommandError(f"site not added: {exc}") from exc
    finally:
        engine.dispose()
    if args.json:
        print_json(data)
    else:
        print(f"Site {data['name']!r} added ({data['timezone']}).")
        print(f"Its kiosks: fablab-kiosk server add-kiosk NAME --site {data['name']!r}")
    return 0


def cmd_edit_site(args: argparse.Namespace, qt: QtCommands | None) -> int:
    from kiosk.server.cli import _open
    from kiosk.server.sites import SiteError, edit_site, find_site

    if args.name is None and args.timezone is None and args.code is None:
        raise CommandError("nothing to change: give --name, --timezone or --code")
    engine, sessions = _open(args)
    try:
        with sessions() as session, session.begin():
            site = find_site(session, args.site)
            edit_site(session, site, name=args.name, timezone=args.timezone, code=args.code)
            data = _site_data(site)
    except SiteError as exc:
        raise CommandError(f"site not changed: {exc}") from exc
    finally:
        engine.dispose()
    if args.json:
        print_json(data)
    else:
        print(f"Site {data['name']!r}: code {data['code'] or '(not yet)'}, {data['timezone']}")
    return 0


def cmd_sites(args: argparse.Namespace, qt: QtCommands | None) -> int:
    from kiosk.server.cli import _open
    from kiosk.server.models import Kiosk
    from kiosk.server.sites import all_sites

    engine, sessions = _open(args)
    try:
        with sessions() as session:
            counts = dict(
                session.execute(select(Kiosk.site_id, func.count()).group_by(Kiosk.site_id)).all()
            )
            data = [_site_data(site, counts.get(site.id, 0)) for site in all_sites(session)]
    finally:
        engine.dispose()
    if args.json:
        print_json(data)
        return 0
    for site in data:
        key = "key known" if site["badge_key_known"] else "no kiosk synced yet"
        print(
            f"{site['name']}: code {site['code'] or '-'}, {site['timezone']}, "
            f"{site['kiosks']} kiosk(s), {key}"
        )
    return 0


def add_site_commands(ssub: Any, again: list[argparse.ArgumentParser]) -> None:
    s = ssub.add_parser("add-site", parents=again, help="add a place of the network")
    s.add_argument("name", metavar="NAME", help='e.g. "Fablab de Rennes"')
    s.add_argument(
        "--timezone", default="Europe/Paris", help="its time zone (default Europe/Paris)"
    )
    s.add_argument(
        "--code",
        metavar="ID",
        help="its badges' site id ([site] id in its kiosks' config.toml); default: "
        "told by its first kiosk to sync",
    )
    s.set_defaults(handler=cmd_add_site)
    s = ssub.add_parser("edit-site", parents=again, help="rename a site, or change its zone")
    s.add_argument("site", metavar="SITE", help="its name or code")
    s.add_argument("--name", help="a new name")
    s.add_argument("--timezone", help="a new time zone")
    s.add_argument("--code", metavar="ID", help="its badges' site id")
    s.set_defaults(handler=cmd_edit_site)
    s = ssub.add_parser("sites", parents=again, help="the sites, their codes and kiosks")
    s.set_defaults(handler=cmd_sites)
