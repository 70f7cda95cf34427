"""The ``fablab-kiosk`` console script: the core's commands plus the ones that need Qt.

PySide6 is imported only by the commands that draw (``run``, ``badge --out x.pdf``), so
the other commands start fast and work where Qt cannot load.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kiosk.badges import format_short_code
from kiosk.cli import main as core_cli
from kiosk.frontdesk import NewBadge
from kiosk.models import Member
from kiosk.site import Site


class QtFrontend:
    def run_kiosk(self, site: Site, *, windowed: bool, camera: str | None) -> int:
        from ui.app import run_kiosk

        return run_kiosk(site, windowed=windowed, camera=camera)

    def show_out_of_order(
        self, problem: str, can_start: Callable[[], bool], *, windowed: bool
    ) -> int:
        from ui.app import run_out_of_order

        return run_out_of_order(problem, can_start, windowed=windowed)

    def write_badge_pdf(self, site: Site, member: Member, out: Path) -> None:
        from PySide6.QtGui import QGuiApplication

        from ui.badge_card import write_pdf

        _app = QGuiApplication.instance() or QGuiApplication(
            ["fablab-kiosk", "-platform", "offscreen"]
        )
        badge = NewBadge(
            member.id,
            member.first_name,
            site.badge_token(member),
            format_short_code(member.short_code),
        )
        write_pdf(out, site.settings.site_name, badge)


def main(argv: Sequence[str] | None = None) -> int:
    return core_cli.main(argv, qt=QtFrontend())


if __name__ == "__main__":
    sys.exit(main())
