"""What every ``fablab-kiosk`` command module shares: errors, JSON output, the site."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from kiosk.config import ConfigError, resolve_data_dir
from kiosk.members.registration import find_member
from kiosk.models import Member
from kiosk.site import Site, open_site


class CommandError(Exception):
    """A refusal or a mistake to print on stderr, exit status 1 (or *status*)."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


class QtCommands(Protocol):
    """What the UI package adds to the command line."""

    def run_kiosk(self, site: Site, *, windowed: bool, camera: str | None) -> int: ...

    def show_out_of_order(
        self, problem: str, can_start: Callable[[], bool], *, windowed: bool
    ) -> int: ...

    def write_badge_pdf(self, site: Site, member: Member, out: Path) -> None: ...


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def site_for(args: argparse.Namespace) -> Site:
    path = resolve_data_dir(args.data_dir)
    try:
        return open_site(path)
    except ConfigError as exc:
        raise CommandError(str(exc)) from exc


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-25") from exc


Handler = Callable[[argparse.Namespace, "QtCommands | None"], int]
AddCommand = Callable[..., Any]  # add(name, handler, help, *parents) -> the subparser


def options_again() -> argparse.ArgumentParser:
    """--data-dir and --json for a sub-action (`machines set`, `hours except add`), given
    before or after it: SUPPRESS keeps the sub-action's copy from overwriting them."""
    again = argparse.ArgumentParser(add_help=False)
    again.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="as above")
    again.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="as above")
    return again


def member_by_ref(site: Site, ref: str) -> Member:
    """The member an id, a short code or an email names; a clear error for anyone else."""
    with site.sessions() as session:
        member = find_member(session, ref)
    if member is None or member.erased:
        raise CommandError(f"no member matches {ref!r} (give an id, a short code or an email)")
    return member


def typed_twice(prompt: str, again: str, differ: str, stdin_option: str) -> str:
    """A secret typed twice at the terminal (not echoed); CommandError when the two
    differ (*differ*) or when the input ends first (piped in without *stdin_option*)."""
    try:
        first = getpass.getpass(prompt)
        if getpass.getpass(again) != first:
            raise CommandError(differ)
    except EOFError:
        raise CommandError(
            f"the input ended before it was typed twice: type it at a terminal, or give it "
            f"on one line of stdin with {stdin_option}"
        ) from None
    return first
