"""Staff mode: who is in the building, members (validate, renew, new badge, staff badge,
erase after a second tap), and a staff badge opening staff mode from the PIN pad."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.checkin import scan
from kiosk.members.registration import NewMember, register_member
from kiosk.models import CheckinMethod, Member, MembershipStatus, Visit
from kiosk.site import Site
from ui.app import Kiosk


@pytest.fixture
def kiosk(qtbot, site: Site) -> Iterator[Kiosk]:
    kiosk = Kiosk(QApplication.instance(), site, start_camera=False, start_sync=False)
    qtbot.addWidget(kiosk.window)
    kiosk.show(windowed=True)
    kiosk.set_language("en")  # the texts checked below are the English ones
    yield kiosk
    kiosk.stop()


def _tap(qtbot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _member(site: Site, name: str, status: MembershipStatus = MembershipStatus.ACTIVE) -> Member:
    with site.transaction() as session:
        return register_member(
            session,
            NewMember(name, "Martin", f"{name.lower()}@example.org"),
            consent_at=site.now(),
            status=status,
        )


def _buttons(widget, text: str) -> list[QPushButton]:
    return [b for b in widget.findChildren(QPushButton) if text in b.text() and b.isVisible()]


def test_who_is_in_and_a_check_out_by_staff(qtbot, kiosk: Kiosk, site: Site) -> None:
    jade = _member(site, "Jade")
    with site.transaction() as session:
        scan(
            session,
            site.settings,
            site.secret,
            jade.short_code,
            method=CheckinMethod.CODE,
            now=site.now(),
        )
    staff = kiosk.window.staff
    kiosk.window._go(staff)
    qtbot.waitUntil(lambda: "1" in staff.presence.count.text())
    qtbot.waitUntil(lambda: bool(_buttons(staff.presence, "Check out")))
    row_texts = [w.text() for w in staff.presence.findChildren(type(staff.presence.count))]
    assert any("Jade Martin" in t and jade.short_code[:4] in t for t in row_texts)
    _tap(qtbot, _buttons(staff.presence, "Check out")[0])
    qtbot.waitUntil(lambda: "Nobody" in staff.presence.count.text())
    with site.sessions() as session:
        visit = session.query(Visit).one()
    assert visit.checked_out_at is not None


def test_the_end_date_offered_is_the_one_renewing_gives(qtbot, kiosk: Kiosk, site: Site) -> None:
    """The panel shows the core's renewal end: a year from the current end while it runs
    (not a year from today), and Renew gives exactly the date that was shown."""
    ends = site.now().date() + timedelta(days=75)
    if (ends.month, ends.day) == (2, 29):
        ends += timedelta(days=1)
    with site.transaction() as session:
        mona = register_member(
            session,
            NewMember("Mona", "Martin", "mona@example.org"),
            consent_at=site.now(),
            status=MembershipStatus.ACTIVE,
            valid_until=ends,
        )
    staff = kiosk.window.staff
    kiosk.window._go(staff)
    _tap(qtbot, staff.tab_members)
    panel = staff.members
    qtbot.keyClicks(panel.search, "mona")
    _tap(qtbot, panel.search_button)
    qtbot.waitUntil(lambda: bool(_buttons(panel, "Mona Martin")))
    _tap(qtbot, _buttons(panel, "Mona Martin")[0])
    offered = panel.until.value
    assert offered == ends.replace(year=ends.year + 1)
    _tap(qtbot, panel.renew_button)
    qtbot.waitUntil(lambda: "member until" in panel.feedback.text().lower())
    with site.sessions() as session:
        assert session.get_one(Member, mona.id).valid_until == offered


def test_validate_renew_reissue_and_erase(qtbot, kiosk: Kiosk, site: Site) -> None:
    pending = _member(site, "Lou", MembershipStatus.PENDING)
    old_badge = site.badge_token(pending)
    staff = kiosk.window.staff
    kiosk.window._go(staff)
    _tap(qtbot, staff.tab_members)
    panel = staff.members
    qtbot.keyClicks(panel.search, "lou")
    _tap(qtbot, panel.search_button)
    qtbot.waitUntil(lambda: bool(_buttons(panel, "Lou Martin")))
    row = _buttons(panel, "Lou Martin")
    assert len(row) == 1 and "pending" in row[0].text()
    _tap(qtbot, row[0])
    assert not panel.renew_button.isEnabled()  # pending: validate first
    _tap(qtbot, panel.validate_button)
    qtbot.waitUntil(lambda: "member until" in panel.feedback.text().lower())
    with site.sessions() as session:
        lou = session.get_one(Member, pending.id)
        assert lou.status is MembershipStatus.ACTIVE and lou.valid_until is not None
        first_end = lou.valid_until
    _tap(qtbot, panel.renew_button)
    with site.sessions() as session:
        assert session.get_one(Member, pending.id).valid_until > first_end

    _tap(qtbot, panel.badge_button)  # a new badge, shown big, then back to staff
    window = kiosk.window
    assert window.currentWidget() is window.badge
    assert "old one no longer works" in window.badge.title.text()
    assert not window.badge.checkin_button.isVisible()
    with site.transaction() as session:
        refused = scan(
            session,
            site.settings,
            site.secret,
            old_badge,
            method=CheckinMethod.BADGE,
            now=site.now(),
        )
    assert not refused.accepted
    _tap(qtbot, window.badge.done_button)
    assert window.currentWidget() is staff

    _tap(qtbot, panel.erase_button)  # one tap asks, the second erases
    assert "Erase Lou Martin for good?" in panel.erase_question.text()
    _tap(qtbot, panel.erase_cancel)
    with site.sessions() as session:
        assert not session.get_one(Member, pending.id).erased
    _tap(qtbot, panel.erase_button)
    _tap(qtbot, panel.erase_confirm)
    qtbot.waitUntil(lambda: "Erased" in panel.feedback.text())
    with site.sessions() as session:
        lou = session.get_one(Member, pending.id)
    assert lou.erased and lou.first_name == "" and lou.email is None
    assert not _buttons(panel, "Lou")


def test_a_staff_badge_opens_staff_mode_and_another_badge_does_not(
    qtbot, kiosk: Kiosk, site: Site
) -> None:
    boss, visitor = _member(site, "Nour"), _member(site, "Sam")
    window = kiosk.window
    _tap(qtbot, window.welcome.staff_button)
    pad = window.staff_pin
    window.on_badge_seen(site.badge_token(visitor))
    assert window.currentWidget() is pad
    assert "does not open staff mode" in pad.message.text()
    window.on_badge_seen(boss.short_code)  # not staff yet, and a typed code never opens
    assert window.currentWidget() is pad

    window._go(window.staff)
    _tap(qtbot, window.staff.tab_members)
    panel = window.staff.members
    qtbot.keyClicks(panel.search, "nour")
    _tap(qtbot, panel.search_button)
    qtbot.waitUntil(lambda: bool(_buttons(panel, "Nour Martin")))
    _tap(qtbot, _buttons(panel, "Nour Martin")[0])
    _tap(qtbot, panel.staff_button)
    assert panel.staff_button.text().endswith("yes")

    window.go_home()
    _tap(qtbot, window.welcome.staff_button)
    window.on_badge_seen(boss.short_code)  # the code printed under the badge: no
    assert window.currentWidget() is pad
    window.on_badge_seen(site.badge_token(boss))
    assert window.currentWidget() is window.staff


def test_every_staff_page_fits_a_1280x800_screen(qtbot, kiosk: Kiosk, site: Site) -> None:
    """A page taller than the screen would be cut at the bottom in fullscreen (the
    export page with its USB sticks once made the window 878 px high)."""
    window = kiosk.window
    window._go(window.staff)
    for tab in window.staff.tabs.buttons():
        _tap(qtbot, tab)
        assert window.staff.minimumSizeHint().height() <= 800, tab.text()
    _tap(qtbot, window.staff.tab_reports)  # back to it: workshops is the last tab
    reports = window.staff.reports
    assert reports is not None  # made when the tab was first opened
    qtbot.waitUntil(lambda: "Loading" not in reports.source.text(), timeout=10_000)
    for tab in reports.tabs:
        _tap(qtbot, tab)
        qtbot.wait(50)
        assert window.minimumSizeHint().height() <= 800, tab.text()
        assert window.staff.minimumSizeHint().height() <= 800, tab.text()
