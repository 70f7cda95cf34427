"""What the tallies say about one local year (kiosk.reports.tally keeps them): the
kiosk's whole database, or one site of the server's."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.reports.tally import DIMENSIONS, TallyTables, of_site


@dataclass(frozen=True)
class YearCounts:
    """What the tallies say about one local year."""

    year: int
    visits: int  # people: a member's visit is 1, a guest group of 5 is 5
    member_visits: int
    guests: int  # people in guest groups
    guest_groups: int
    unique_visitors: int
    by_month: list[int]
    by_weekday: list[int]  # Monday first
    by_hour: list[int]
    by_space: dict[str, int]
    by_purpose: dict[str, int]
    by_age_bracket: dict[str, int]
    unique_by_age_bracket: dict[str, int]
    by_kiosk: dict[str, int]  # people, by the id of the kiosk that recorded the visit
    network_visits: int = 0  # by members of the network's other places (in visits, not in
    # member_visits: kiosk.reports.yearly)


def year_counts(
    session: Session, tables: TallyTables, year: int, site: int | None = None
) -> YearCounts:
    """Read one year from the tallies (call :func:`refresh` first); on the server, one
    site's (its packed row is quicker: kiosk.reports.site_tally.packed_year_counts)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    by_month, by_weekday, by_hour = [0] * 12, [0] * 7, [0] * 24
    h = tables.hour.c
    for day, hour, people in session.execute(
        select(h.day, h.hour, h.people).where(
            h.day >= first, h.day <= last, *of_site(tables.hour, site)
        )
    ):
        by_month[day.month - 1] += people
        by_weekday[day.weekday()] += people
        by_hour[hour] += people
    d = tables.day.c
    totals: dict[str, Counter[str]] = {dim: Counter() for dim in DIMENSIONS}
    groups = 0
    for dim, value, visits, people in session.execute(
        select(d.dim, d.value, func.sum(d.visits), func.sum(d.people))
        .where(d.day >= first, d.day <= last, *of_site(tables.day, site))
        .group_by(d.dim, d.value)
    ):
        totals[dim][value or "unknown"] += int(people)
        if dim == "who" and value == "guest":
            groups = int(visits)
    member_visits, guests = totals["who"]["member"], totals["who"]["guest"]
    network = totals["who"]["network"]
    v = tables.visitors.c
    unique_by_age = Counter(
        {
            (age or "unknown"): int(n)
            for age, n in session.execute(
                select(v.age_bracket, func.count())
                .where(v.year == year, *of_site(tables.visitors, site))
                .group_by(v.age_bracket)
            )
        }
    )
    return YearCounts(
        year=year,
        visits=member_visits + guests + network,
        member_visits=member_visits,
        guests=guests,
        guest_groups=groups,
        unique_visitors=sum(unique_by_age.values()),
        by_month=by_month,
        by_weekday=by_weekday,
        by_hour=by_hour,
        by_space=dict(sorted(totals["space"].items())),
        by_purpose=dict(sorted(totals["purpose"].items())),
        by_age_bracket=dict(totals["age"]),
        unique_by_age_bracket=dict(unique_by_age),
        by_kiosk=dict(sorted(totals["kiosk"].items())),
        network_visits=network,
    )
