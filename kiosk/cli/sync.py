"""``fablab-kiosk connect`` and ``fablab-kiosk sync``: the kiosk and its central server."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any, TextIO

from kiosk.cli.support import (
    AddCommand,
    CommandError,
    QtCommands,
    options_again,
    print_json,
    site_for,
)
from kiosk.outbox import iso
from kiosk.sync import (
    SyncClient,
    SyncError,
    SyncReport,
    SyncStatus,
    TokenRefused,
    connect,
    sync_once,
    sync_status,
)
from kiosk.sync.flush import MAX_BATCH

BAR_FROM = 1000  # events waiting: show a progress bar even when stderr is not a terminal
INTERRUPTED = 130


class ProgressBar:
    """``[#####     ] 5,000/10,000 events``, redrawn in place with a carriage return."""

    def __init__(self, out: TextIO, width: int = 30) -> None:
        self.out = out
        self.width = width
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        total = max(total, 1)
        filled = min(self.width, self.width * done // total)
        bar = "#" * filled + " " * (self.width - filled)
        self.out.write(f"\r[{bar}] {done:,}/{total:,} events")
        self.out.flush()
        self.drawn = True

    def end(self) -> None:
        if self.drawn:
            self.out.write("\n")
            self.out.flush()
            self.drawn = False


def _status_json(status: SyncStatus) -> dict[str, Any]:
    return {
        "server_url": status.server_url,
        "waiting": status.waiting,
        "rejected": status.rejected,
        "last_success_at": iso(status.last_success_at),
        "last_attempt_at": iso(status.last_attempt_at),
        "last_error": status.last_error,
        "error_kind": status.error_kind,
        "next_try_at": iso(status.next_try_at),
    }


def cmd_connect(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    url = args.url.rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise CommandError(f"{args.url!r} is not an http:// or https:// address")
    kiosk_name = None
    if not args.no_check:
        client = SyncClient(url, args.token)
        try:
            health = client.health()
        except TokenRefused as exc:
            raise CommandError(f"{url} refused this token; nothing stored") from exc
        except SyncError as exc:
            raise CommandError(
                f"{exc}; nothing stored (--no-check stores the address anyway)"
            ) from exc
        finally:
            client.close()
        kiosk_name = health.get("kiosk")
        if not kiosk_name:
            raise CommandError(f"{url} did not confirm this token; nothing stored")
    connect(site, url, args.token)
    who = f" as kiosk {kiosk_name!r}" if kiosk_name else " (not checked)"
    print(f"This kiosk now syncs with {url}{who}.")
    return 0


def _report_line(report: SyncReport, waiting: int) -> str:
    parts = []
    if report.flush is not None:
        f = report.flush
        parts.append(f"{f.sent + f.duplicates:,} events sent")
        if f.duplicates:
            parts.append(f"{f.duplicates:,} of them already on the server")
        if f.rejected:
            parts.append(f"{f.rejected:,} refused by the server")
        parts.append(f"{report.pulled:,} changes pulled")
    parts.append(f"{waiting:,} waiting")
    return ", ".join(parts)


def cmd_sync(args: argparse.Namespace, qt: QtCommands | None) -> int:
    site = site_for(args)
    status = sync_status(site)
    if not status.server_url:
        raise CommandError("no central server set: run fablab-kiosk connect URL --token TOKEN")
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() or status.waiting > BAR_FROM else None
    force = True  # a person asked for it now: the first try does not wait for the backoff
    totals = {"sent": 0, "duplicates": 0, "rejected": 0, "pulled": 0}
    try:
        while True:
            report = sync_once(site, force=force, progress=bar, batch_size=args.batch)
            force = False
            if bar is not None:
                bar.end()
            if report.flush is not None:
                totals["sent"] += report.flush.sent
                totals["duplicates"] += report.flush.duplicates
                totals["rejected"] += report.flush.rejected
            totals["pulled"] += report.pulled
            if args.once or report.error_kind == "token" or (report.ok and not report.remaining):
                break
            if report.error and not args.json:
                print(f"sync: {report.error}", file=sys.stderr)
            wait = 0.0
            if report.next_try_at is not None:
                wait = (report.next_try_at - site.now()).total_seconds()
            if wait > 0:
                if not args.json:
                    print(f"sync: next try in {wait:.0f} s (Ctrl+C to stop)", file=sys.stderr)
                time.sleep(wait)
    except KeyboardInterrupt:
        if bar is not None:
            bar.end()
        print("sync: interrupted; what was confirmed is marked sent", file=sys.stderr)
        return INTERRUPTED
    status = sync_status(site)
    if args.json:
        print_json({**totals, "error": report.error, "status": _status_json(status)})
    else:
        print(_report_line(report, status.waiting))
        if report.error:
            print(f"sync: {report.error}", file=sys.stderr)
    return 1 if report.error else 0


def cmd_sync_status(args: argparse.Namespace, qt: QtCommands | None) -> int:
    status = sync_status(site_for(args))
    if args.json:
        print_json(_status_json(status))
        return 0
    tz = site_for(args).settings.tz

    def when(moment: Any) -> str:
        return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S") if moment else "never"

    print(f"server:        {status.server_url or '(none: fablab-kiosk connect URL --token ...)'}")
    print(f"waiting:       {status.waiting:,} events")
    print(f"refused:       {status.rejected:,} events")
    print(f"last success:  {when(status.last_success_at)}")
    if status.last_error:
        print(f"last error:    {status.last_error}")
    if status.next_try_at:
        print(f"next try:      {when(status.next_try_at)}")
    return 0


def add_sync_commands(add: AddCommand, listing: argparse.ArgumentParser) -> None:
    p = add("connect", cmd_connect, "point this kiosk at its central server")
    p.add_argument("url", metavar="URL", help="the server's address, e.g. https://sync.example")
    p.add_argument("--token", required=True, help="this kiosk's token (server add-kiosk NAME)")
    p.add_argument("--no-check", action="store_true", help="store without asking the server")
    p = add("sync", cmd_sync, "send waiting events and fetch changes, or 'sync status'", listing)
    p.add_argument("--once", action="store_true", help="one round, even if events remain")
    p.add_argument(
        "--batch", type=int, default=500, metavar="N", help=f"events per request (<= {MAX_BATCH})"
    )
    ssub = p.add_subparsers(dest="sync_action", metavar="ACTION")
    s = ssub.add_parser("status", parents=[options_again()], help="where and how syncing goes")
    s.set_defaults(handler=cmd_sync_status)
