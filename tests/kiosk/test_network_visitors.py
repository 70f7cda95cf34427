"""A member of another place of the network at this door (issue 15): recognised by the
badge's place, let in on "just come in", checked out by the next scan; a badge of a
place that is not listed is still refused, and a typed code never reaches them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk.badges import Refusal, make_token
from kiosk.checkin import Outcome, ScanResult, close_forgotten_visits, scan
from kiosk.models import CheckinMethod, Member, NetworkPlace, OutboxEvent, Visit
from kiosk.network import Place, enter, network_places, network_visitor_key, replace_places
from kiosk.site import Site

MakeMember = Callable[..., Member]

RENNES_KEY = b"the key of Rennes, which this kiosk never holds"
RENNES, LYON = "ABCD", "WXYZ"
VISITOR_CODE = "8M3XQ2TB"


@pytest.fixture
def network(site: Site, now: datetime) -> Site:
    """The site, with Rennes and Lyon listed as the network's places."""
    assert site.settings.site_id not in (RENNES, LYON)
    with site.transaction() as session:
        replace_places(
            session, [Place(RENNES, "Fablab de Rennes"), Place(LYON, "La Fabrique Lyon")], now
        )
    return site


def rennes_badge(code: str = VISITOR_CODE, version: int = 1) -> str:
    return make_token(RENNES_KEY, RENNES, code, version)


def scan_at(
    site: Site, text: str, now: datetime, method: CheckinMethod = CheckinMethod.BADGE
) -> ScanResult:
    with site.transaction() as session:
        return scan(session, site.settings, site.secret, text, method=method, now=now)


def enter_at(
    site: Site, text: str, now: datetime, method: CheckinMethod = CheckinMethod.BADGE
) -> ScanResult:
    with site.transaction() as session:
        return enter(session, site.settings, site.secret, text, method=method, now=now)


def visits(site: Site) -> list[Visit]:
    with site.sessions() as session:
        return list(session.scalars(select(Visit).order_by(Visit.checked_in_at)))


def visit_events(site: Site) -> list[dict[str, object]]:
    with site.sessions() as session:
        rows = session.scalars(
            select(OutboxEvent).where(OutboxEvent.kind == "visit").order_by(OutboxEvent.created_at)
        )
        return [json.loads(row.payload) for row in rows]


def test_a_listed_places_badge_is_recognised_and_nothing_recorded(
    network: Site, now: datetime
) -> None:
    result = scan_at(network, "  " + rennes_badge() + "\n", now)
    assert result.outcome is Outcome.NETWORK_VISITOR
    assert result.accepted and result.reason is None
    assert (result.home_site, result.place_name) == (RENNES, "Fablab de Rennes")
    assert result.member_id is None and result.visit_id is None
    assert visits(network) == [] and visit_events(network) == []


def test_just_come_in_records_the_visit_and_its_event_together(
    network: Site, now: datetime
) -> None:
    badge = rennes_badge()
    result = enter_at(network, " " + badge + " ", now)
    assert result.outcome is Outcome.CHECKED_IN
    assert result.place_name == "Fablab de Rennes" and result.first_name is None
    [visit] = visits(network)
    assert visit.id == result.visit_id
    assert visit.member_id is None and visit.checked_out_at is None
    assert (visit.home_site, visit.network_badge) == (RENNES, badge)
    assert visit.method is CheckinMethod.BADGE and visit.head_count == 1
    assert not visit.is_guest
    key = network_visitor_key(network.secret, RENNES, VISITOR_CODE, now.year)
    assert visit.visitor == key
    [event] = visit_events(network)
    assert event["id"] == visit.id and event["member_id"] is None
    assert event["home_site"] == RENNES and event["network_badge"] == badge
    assert event["method"] == "badge" and event["visitor"] == key


def test_the_next_scan_checks_them_out_and_the_one_after_asks_again(
    network: Site, now: datetime
) -> None:
    badge = rennes_badge()
    came_in = enter_at(network, badge, now)
    window = network.settings.repeat_window_s
    held = scan_at(network, badge, now + timedelta(seconds=window - 1))
    assert held.outcome is Outcome.REPEAT and held.visit_id == came_in.visit_id
    out = scan_at(network, badge, now + timedelta(hours=2))
    assert out.outcome is Outcome.CHECKED_OUT and out.visit_id == came_in.visit_id
    assert out.duration == timedelta(hours=2) and out.place_name == "Fablab de Rennes"
    [visit] = visits(network)
    assert visit.checked_out_at == now + timedelta(hours=2)
    events = visit_events(network)
    assert [e["checked_out_at"] for e in events] == [None, visit.checked_out_at.isoformat()]
    assert all(e["home_site"] == RENNES for e in events)
    again = scan_at(network, badge, now + timedelta(hours=3))
    assert again.outcome is Outcome.NETWORK_VISITOR
    assert len(visits(network)) == 1


def test_a_reissued_badge_of_the_same_person_checks_out_their_visit(
    network: Site, now: datetime
) -> None:
    enter_at(network, rennes_badge(version=1), now)
    out = scan_at(network, rennes_badge(version=2), now + timedelta(hours=1))
    assert out.outcome is Outcome.CHECKED_OUT
    other = scan_at(network, rennes_badge(code="7777AAAA"), now + timedelta(hours=1))
    assert other.outcome is Outcome.NETWORK_VISITOR  # another person of Rennes


def test_just_come_in_twice_keeps_the_visit_open(network: Site, now: datetime) -> None:
    first = enter_at(network, rennes_badge(), now)
    second = enter_at(network, rennes_badge(), now + timedelta(minutes=10))
    assert second.outcome is Outcome.REPEAT and second.visit_id == first.visit_id
    [visit] = visits(network)
    assert visit.checked_out_at is None


def test_a_badge_of_a_place_not_listed_is_still_refused(network: Site, now: datetime) -> None:
    stranger = make_token(b"a lab outside the network", "QQQQ", VISITOR_CODE, 1)
    result = scan_at(network, stranger, now)
    assert result.outcome is Outcome.REFUSED and result.reason is Refusal.OTHER_SITE
    refused = enter_at(network, stranger, now)
    assert refused.outcome is Outcome.REFUSED and refused.reason is Refusal.OTHER_SITE
    assert visits(network) == [] and visit_events(network) == []


def test_a_place_dropped_from_the_list_is_refused_again(network: Site, now: datetime) -> None:
    with network.transaction() as session:
        replace_places(session, [Place(LYON, "La Fabrique Lyon")], now)
    assert [p.code for p in network_places_of(network)] == [LYON]
    result = scan_at(network, rennes_badge(), now)
    assert result.reason is Refusal.OTHER_SITE


def network_places_of(site: Site) -> list[Place]:
    with site.sessions() as session:
        return network_places(session)


def test_a_damaged_network_badge_is_refused_as_damaged(network: Site, now: datetime) -> None:
    cut = rennes_badge()[:-3]
    result = scan_at(network, cut, now)
    assert result.outcome is Outcome.REFUSED and result.reason is Refusal.DAMAGED


def test_a_typed_code_never_reaches_a_network_visitor(network: Site, now: datetime) -> None:
    enter_at(network, rennes_badge(), now)
    later = now + timedelta(hours=1)
    for typed in (VISITOR_CODE, "8M3X-Q2TB", rennes_badge()):
        result = scan_at(network, typed, later, method=CheckinMethod.CODE)
        assert result.outcome is Outcome.REFUSED and result.reason is Refusal.UNKNOWN_CODE
        refused = enter_at(network, typed, later, method=CheckinMethod.CODE)
        assert refused.outcome is Outcome.REFUSED
    [visit] = visits(network)
    assert visit.checked_out_at is None  # the typed codes checked nobody out


def test_a_forgotten_network_visit_is_closed_at_closing_time(network: Site, now: datetime) -> None:
    enter_at(network, rennes_badge(), now)
    next_day = now + timedelta(days=1)
    with network.transaction() as session:
        assert close_forgotten_visits(session, network.settings, next_day) == 1
    [visit] = visits(network)
    assert visit.auto_closed and visit.checked_out_at is not None
    assert scan_at(network, rennes_badge(), next_day).outcome is Outcome.NETWORK_VISITOR


def test_the_places_are_replaced_whole(network: Site, now: datetime) -> None:
    with network.transaction() as session:
        assert replace_places(session, [Place("KKKK", "Tiers-lieu de Brest")], now) == 1
    with network.sessions() as session:
        rows = list(session.scalars(select(NetworkPlace)))
    assert [(r.code, r.name, r.updated_at) for r in rows] == [("KKKK", "Tiers-lieu de Brest", now)]


def test_the_doctor_says_why_the_networks_places_were_refused(network: Site) -> None:
    from kiosk.care.doctor import check_network, sync_settings
    from kiosk.sync.pull import state_row

    database = network.data_dir.database_file
    assert sync_settings(database)[2] is None and check_network(None) is None
    with network.transaction() as session:
        state_row(session).network_problem = "le serveur a une autre clé / another key"
    problem = sync_settings(database)[2]
    finding = check_network(problem)
    assert finding is not None and finding.status == "problem"
    assert finding.detail == "le serveur a une autre clé / another key"
    assert finding.fix is not None and "site.key" in finding.fix


def test_the_desk_command_lets_a_network_visitor_in(
    network: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.cli.main import main

    data_dir = str(network.data_dir.path)
    assert main(["checkin", rennes_badge(), "--data-dir", data_dir, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["outcome"] == "checked_in" and shown["place_name"] == "Fablab de Rennes"
    [visit] = visits(network)
    assert visit.method is CheckinMethod.DESK and visit.home_site == RENNES
    assert main(["visits", "--data-dir", data_dir, "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["home_site"] == RENNES and row["member_id"] is None


def test_the_yearly_report_counts_network_visitors_apart(
    network: Site, make_member: MakeMember, now: datetime
) -> None:
    from kiosk.checkin import count_guests
    from kiosk.reports.yearly import YearlyReport, local_report, report_rows

    scan_at(network, network.badge_token(make_member("Camille")), now)
    enter_at(network, rennes_badge(), now)
    scan_at(network, rennes_badge(), now + timedelta(hours=1))  # out
    enter_at(network, rennes_badge(), now + timedelta(days=1))  # the same person again
    enter_at(network, make_token(RENNES_KEY, LYON, "7777AAAA", 1), now)
    with network.transaction() as session:
        count_guests(session, network.settings, head_count=3, now=now)
    report = local_report(network.sessions, now.year, network.settings.tz, now)
    assert report.network_visits == 3 and report.member_visits == 1 and report.guests == 3
    assert report.visits == 1 + 3 + 3
    assert report.unique_visitors == 3  # Camille, the visitor from Rennes, the one from Lyon
    assert ("total", "network_visits", 3) in report_rows(report)
    again = YearlyReport.from_json(report.as_json())
    assert again == report
    older = report.as_json()
    del older["network_visits"]  # a server from before the network
    assert YearlyReport.from_json(older).network_visits == 0


def test_the_retention_forgets_an_old_network_visits_badge(network: Site, now: datetime) -> None:
    from kiosk.reports.retention import apply_retention

    enter_at(network, rennes_badge(), now)
    scan_at(network, rennes_badge(), now + timedelta(hours=1))
    later = now + timedelta(days=400)
    with network.transaction() as session:
        done = apply_retention(session, months=12, now=later, tz=network.settings.tz)
    assert done.anonymized_visits == 1
    [visit] = visits(network)
    assert visit.network_badge is None and visit.home_site == RENNES  # still counted apart


def test_a_network_visitor_is_on_the_evacuation_list(
    network: Site, make_member: MakeMember, now: datetime
) -> None:
    from kiosk.members.actions import in_the_building

    scan_at(network, network.badge_token(make_member("Camille")), now)
    enter_at(network, rennes_badge(), now + timedelta(minutes=1))
    with network.sessions() as session:
        camille, visitor = in_the_building(session)
    assert camille.name.startswith("Camille") and camille.place is None
    assert (visitor.name, visitor.member_id) == ("", "")
    assert visitor.place == "Fablab de Rennes" and visitor.short_code == "ABCD 8M3X-Q2TB"
    scan_at(network, rennes_badge(), now + timedelta(hours=1))
    with network.sessions() as session:
        assert [p.name for p in in_the_building(session)] == [camille.name]


def test_a_second_scan_minutes_after_coming_in_is_asked_about(network: Site, now: datetime) -> None:
    from kiosk.checkin import just_arrived

    enter_at(network, rennes_badge(), now)

    def arrival(after: timedelta, method: CheckinMethod = CheckinMethod.BADGE) -> object:
        with network.sessions() as session:
            return just_arrived(session, network.settings, network.secret, rennes_badge(),
                                method=method, now=now + after)  # fmt: skip

    assert arrival(timedelta(seconds=1)) is None  # the repeat window: nothing to ask
    asked = arrival(timedelta(minutes=2))
    assert asked is not None and asked == ("", now)
    assert arrival(timedelta(minutes=2), CheckinMethod.CODE) is None
    assert arrival(timedelta(hours=1)) is None  # a goodbye: no question
