"""``fablab-kiosk report``, ``present`` and ``retention``: the counts funders ask for,
who is in the building, and the retention that makes old visits anonymous."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.cli.support import AddCommand, CommandError, QtCommands, print_json, site_for
from kiosk.members.actions import (
    in_the_building,
)
from kiosk.reports.exports import export_report
from kiosk.reports.retention import apply_site_retention
from kiosk.reports.tally import check_year
from kiosk.reports.yearly import format_table, report_csv
from kiosk.sync.report import yearly_report


def cmd_report(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    year = site.today().year if args.year is None else args.year
    try:
        check_year(year)
    except ValueError as exc:
        raise CommandError(f"no report: {exc}") from exc
    result = yearly_report(site, year, use_server=not args.local)
    report = result.report
    if result.server_problem and not args.local:
        print(f"fablab-kiosk: local counts only: {result.server_problem}", file=sys.stderr)
    if args.out:
        fmt = "xlsx" if args.out.suffix.lower() == ".xlsx" else "csv"
        try:
            path = export_report(report, args.out.parent, fmt)
            if path != args.out:
                path.replace(args.out)
        except OSError as exc:
            raise CommandError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
        print(f"Report {year} ({result.source}) written to {args.out}")
        return 0
    if args.json or args.format == "json":
        print_json(report.as_json())
    elif args.format == "csv":
        sys.stdout.write(report_csv(report))
    else:
        print(format_table(report))
        if result.waiting_visits and result.source == "server":
            print(f"  ({result.waiting_visits} visits of this kiosk are not on the server yet)")
    return 0


def cmd_present(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    tz = site.settings.tz
    with site.sessions() as session:
        people = in_the_building(session)
    rows: list[dict[str, Any]] = [
        {
            "visit_id": p.visit_id,
            "member_id": p.member_id,
            "name": p.name,
            "short_code": p.short_code,
            "space": p.space,
            "checked_in_at": p.checked_in_at.astimezone(tz).isoformat(),
        }
        for p in people
    ]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        print(f"{row['checked_in_at'][11:16]}  {row['space'] or '-':<12} {row['name']}")
    print(f"{len(rows)} in the building")
    return 0


def cmd_retention(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    result = apply_site_retention(site)
    data = {
        "months": site.settings.data_retention_months,
        "anonymized_visits": result.anonymized_visits,
        "removed_events": result.removed_events,
        "sealed_years": result.sealed_years,
    }
    if args.json:
        print_json(data)
    else:
        print(
            f"Visits older than {data['months']} months made anonymous: "
            f"{result.anonymized_visits}; sent sync events deleted: {result.removed_events}"
        )
    return 0


def add_report_commands(add: AddCommand, listing: argparse.ArgumentParser) -> None:
    p = add("report", cmd_report, "visit counts of a year (server if reachable, else local)")
    p.add_argument("--year", type=int, help="default: this year")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--json", action="store_true", help="the same as --format json")
    p.add_argument("--local", action="store_true", help="this kiosk's counts, not the server's")
    p.add_argument("--out", type=Path, metavar="FILE", help="write FILE.csv or FILE.xlsx")
    add("present", cmd_present, "who is in the building now (evacuation list)", listing)
    add("retention", cmd_retention, "make identified visits past the retention anonymous", listing)
