"""A demo site: spaces, machines, members and a few weeks of past visits.

Deterministic (fixed seed) so screenshots and the README stay true. Used by
``fablab-kiosk demo`` and ``make run`` on first start.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from pathlib import Path

from sqlalchemy import delete, select

from kiosk.checkin import PURPOSES
from kiosk.config import MachineEntry, Settings, Space, new_site_id
from kiosk.machines import set_status
from kiosk.members.registration import NewMember, register_member
from kiosk.models import (
    AGE_BRACKETS,
    CheckinMethod,
    MachineStatus,
    MembershipStatus,
    OutboxEvent,
    Visit,
)
from kiosk.outbox import member_payload, record, visit_payload
from kiosk.reports.tally import visitor_key
from kiosk.site import Site, init_site

DEMO_SPACES = (
    Space(
        "fablab", {"fr": "Fab lab", "en": "Fab lab"}, "We,Fr 14:00-20:00; Sa 10:00-18:00; PH off"
    ),
    Space(
        "coworking",
        {"fr": "Coworking", "en": "Coworking"},
        "Mo-Fr 09:00-18:00; Sa 10:00-18:00; PH off",
    ),
    Space("pro", {"fr": "Atelier pro", "en": "Pro workshop"}, "Tu,Th 09:00-17:00; PH off"),
)
DEMO_MACHINES = (
    MachineEntry("prusa-1", "Prusa MK4 n°1", "3d_printer", "fablab", "fdm-printer"),
    MachineEntry("prusa-2", "Prusa MK4 n°2", "3d_printer", "fablab", "fdm-printer"),
    MachineEntry("laser", "Trotec Speedy 100", "laser_cutter", "fablab", "laser-cutter"),
    MachineEntry("cnc", "Shapeoko 4", "cnc_mill", "pro", "cnc-mill"),
    MachineEntry("vinyl", "Silhouette Cameo", "vinyl_cutter", "fablab", None),
)
FIRST_NAMES = [
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Inès",
    "Jade",
    "Louise",
    "Emma",
    "Alice",
    "Lina",
    "Sarah",
    "Zoé",
    "Nadia",
    "Fatou",
    "Aïcha",
    "Lucas",
    "Hugo",
    "Théo",
    "Nathan",
    "Mohamed",
    "Karim",
    "Yanis",
    "Louis",
    "Jules",
    "Arthur",
    "Noah",
    "Malik",
    "Sacha",
    "Éric",
    "Paul",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Diallo",
    "Nguyen",
]
POSTCODES = ("80000", "80080", "80090", "80330", "80440", "80480", "60000")
OPEN_DAYS = {2: (14, 20), 4: (14, 20), 5: (10, 18)}  # Wednesday, Friday, Saturday


def demo_settings() -> Settings:
    return Settings(
        site_name="Fablab de démonstration",
        site_id=new_site_id(),
        spaces=DEMO_SPACES,
        machines=DEMO_MACHINES,
        default_space="fablab",
        closing_time=time(21, 0),
    )


def create_demo(path: Path, *, weeks: int = 4, members: int = 30, seed: int = 7) -> Site:
    """Make a demo site in *path* (which must not hold a kiosk yet)."""
    rng = random.Random(seed)
    site = init_site(path, "Fablab de démonstration", demo_settings())
    tz = site.settings.tz
    now = site.now()
    today = site.today()
    with site.transaction() as session:
        people = []
        for i in range(members):
            status = rng.choices(
                [MembershipStatus.ACTIVE, MembershipStatus.PENDING, MembershipStatus.EXPIRED],
                weights=[8, 1, 1],
            )[0]
            valid_until = {
                MembershipStatus.ACTIVE: today + timedelta(days=rng.randint(20, 330)),
                MembershipStatus.EXPIRED: today - timedelta(days=rng.randint(5, 90)),
                MembershipStatus.PENDING: None,
            }[status]
            first = FIRST_NAMES[i % len(FIRST_NAMES)]
            member = register_member(
                session,
                NewMember(
                    first_name=first,
                    last_name=rng.choice(LAST_NAMES),
                    email=f"{first.lower()}.{i}@example.org".replace("é", "e")
                    .replace("ï", "i")
                    .replace("ë", "e"),
                    age_bracket=rng.choice(AGE_BRACKETS[1:]),
                    postcode=rng.choice(POSTCODES),
                ),
                consent_at=now - timedelta(days=rng.randint(0, weeks * 7 + 200)),
                status=status,
                valid_until=valid_until,
            )
            member.created_at = member.consent_at or now
            people.append(member)
        for days_ago in range(weeks * 7, 0, -1):
            day = today - timedelta(days=days_ago)
            hours = OPEN_DAYS.get(day.weekday())
            if hours is None:
                continue
            opening = datetime.combine(day, time(hours[0]), tzinfo=tz)
            span_min = (hours[1] - hours[0]) * 60
            joined = [m for m in people if m.created_at <= opening]  # members by then
            for member in rng.sample(joined, min(len(joined), rng.randint(6, 14))):
                start = opening + timedelta(minutes=rng.randint(0, span_min - 60))
                stay = timedelta(minutes=rng.randint(30, span_min))
                end = min(start + stay, opening + timedelta(minutes=span_min))
                session.add(
                    Visit(
                        member_id=member.id,
                        kiosk_id=site.settings.kiosk_id,
                        space=rng.choices(["fablab", "coworking", "pro"], [6, 3, 1])[0],
                        purpose=rng.choice(PURPOSES),
                        checked_in_at=start,
                        checked_out_at=end,
                        method=rng.choice([CheckinMethod.BADGE] * 5 + [CheckinMethod.CODE]),
                        head_count=1,
                        auto_closed=False,
                        visitor=visitor_key(site.secret, member.id, start.year),
                        age_bracket=member.age_bracket,
                    )
                )
            if rng.random() < 0.6:
                session.add(
                    Visit(
                        member_id=None,
                        kiosk_id=site.settings.kiosk_id,
                        space="fablab",
                        purpose=rng.choice(["discovery", "workshop"]),
                        checked_in_at=opening + timedelta(minutes=rng.randint(0, span_min)),
                        method=CheckinMethod.GUEST,
                        head_count=rng.randint(1, 6),
                        auto_closed=False,
                    )
                )
        # The history reaches a server the demo connects to, like real visits: one event
        # per member and per visit, each at its own time. The registration events went out
        # before the members got their past creation dates: made again.
        session.flush()
        session.execute(delete(OutboxEvent))
        for member in people:
            record(session, "member", member_payload(member), member.created_at)
        for visit in session.scalars(select(Visit).order_by(Visit.checked_in_at)):
            record(
                session, "visit", visit_payload(visit), visit.checked_out_at or visit.checked_in_at
            )
        # Some variety on the machine board: one broken, one reserved until tomorrow.
        set_status(
            session,
            site.settings,
            "prusa-2",
            MachineStatus.OUT_OF_ORDER,
            now=now,
            note="Buse bouchée",
        )
        tomorrow_evening = datetime.combine(today + timedelta(days=1), time(18), tzinfo=tz)
        set_status(
            session,
            site.settings,
            "laser",
            MachineStatus.RESERVED,
            now=now,
            note="Atelier découpe laser",
            until=tomorrow_evening,
        )
    return site
