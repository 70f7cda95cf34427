"""Planning a workshop: its description, its sessions (one by one or weekly), who is
enrolled. Every refusal is a :class:`WorkshopRefused` and changes nothing."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.config import Settings
from kiosk.members.registration import NewMember, register_member
from kiosk.models import Member, MembershipStatus, utcnow
from kiosk.plaintext import clean_text
from kiosk.workshops.events import (
    enrolment_id,
    record_enrolment,
    record_session,
    record_workshop,
)
from kiosk.workshops.models import (
    AttendanceEntry,
    Enrolment,
    RetentionRule,
    Workshop,
    WorkshopSession,
)
from kiosk.workshops.refusals import Why, WorkshopRefused

PLAUSIBLE_YEARS = 2  # sessions from two years ago to two years ahead: 9999-12-31 is a typo
MAX_SESSION = timedelta(hours=12)
MAX_WEEKS = 52


@dataclass(frozen=True)
class NewWorkshop:
    title_fr: str
    space: str
    title_en: str | None = None  # the French title when not given
    trainers: str = ""
    tutorials: Sequence[str] = ()
    funder: str | None = None
    funding_mention: str | None = None
    retention: RetentionRule | None = None  # guessed from the funder label when None


def guess_retention(funder: str | None) -> RetentionRule:
    """The retention a funder label implies: European social fund (FSE, ESF, FSE+) or
    state aid (État, DREETS, ...); anything else keeps the plain rule."""
    words = (funder or "").casefold()
    if any(k in words for k in ("fse", "esf", "social européen", "european social")):
        return RetentionRule.ESF
    if any(k in words for k in ("état", "etat", "state", "dreets", "préfecture")):
        return RetentionRule.STATE
    return RetentionRule.PLAIN


def _clean(text: str | None, what: str, limit: int) -> str | None:
    # no control character (a NUL...): the text is sealed in the sheets and synced
    text = " ".join(clean_text(text or "").split())
    if len(text) > limit:
        raise WorkshopRefused(Why.TEXT_TOO_LONG, what=what, limit=limit)
    return text or None


def _described(
    settings: Settings,
    new: NewWorkshop,
    known_tutorials: Collection[str],
    *,
    now: datetime | None = None,
) -> Workshop:
    """A workshop as described, checked (not added to the database). *now*: the kiosk's
    clock (the time of the workshop's event; utcnow() if None)."""
    title_fr = _clean(new.title_fr, "title", 120)
    if not title_fr:
        raise WorkshopRefused(Why.NO_TITLE)
    if settings.space(new.space) is None:
        known = ", ".join(s.id for s in settings.spaces)
        raise WorkshopRefused(Why.UNKNOWN_SPACE, space=new.space, known=known)
    tutorials = [t.strip() for t in new.tutorials if t.strip()]
    unknown = [t for t in tutorials if t not in known_tutorials]
    if unknown:
        raise WorkshopRefused(
            Why.UNKNOWN_TUTORIAL, ids=", ".join(unknown), known=", ".join(sorted(known_tutorials))
        )
    funder = _clean(new.funder, "funder", 120)
    return Workshop(
        title_fr=title_fr,
        title_en=_clean(new.title_en, "title", 120) or title_fr,
        space=new.space,
        trainers=_clean(new.trainers, "trainers", 200) or "",
        tutorials=json.dumps(list(dict.fromkeys(tutorials))),
        funder=funder,
        funding_mention=_clean(new.funding_mention, "funding mention", 400),
        retention=new.retention or guess_retention(funder),
        created_at=now or utcnow(),
    )


def add_workshop(
    session: Session,
    settings: Settings,
    new: NewWorkshop,
    known_tutorials: Collection[str],
    *,
    now: datetime | None = None,
) -> Workshop:
    workshop = _described(settings, new, known_tutorials, now=now)
    session.add(workshop)
    session.flush()
    record_workshop(session, workshop, workshop.created_at)
    return workshop


_EDITED = ("title_fr", "title_en", "trainers", "tutorials", "funder")


def edit_workshop(
    session: Session,
    settings: Settings,
    workshop_id: str,
    new: NewWorkshop,
    known_tutorials: Collection[str],
    *,
    today: date,
    now: datetime | None = None,
) -> Workshop:
    """The workshop's description changed, checked as when it was added (a funding
    mention left out keeps the one it had). A new space moves its sessions still to come
    there: all or none, refused if one of them clashes with another workshop's. The
    fields that changed go to the outbox (so do the sessions moved), for other kiosks."""
    checked = _described(settings, new, known_tutorials)
    workshop = session.get_one(Workshop, workshop_id)
    fields = (*_EDITED, "retention", "funding_mention", "space")
    before = {name: getattr(workshop, name) for name in fields}
    moved: list[WorkshopSession] = []
    if checked.funder != workshop.funder and new.retention is None:
        workshop.retention = checked.retention
    elif new.retention is not None:
        workshop.retention = new.retention
    for column in _EDITED:
        setattr(workshop, column, getattr(checked, column))
    workshop.funding_mention = checked.funding_mention or workshop.funding_mention
    if checked.space != workshop.space:
        workshop.space = checked.space
        for meeting in workshop.sessions:
            still_to_come = meeting.ends_at.astimezone(settings.tz).date() >= today
            if meeting.cancelled_at is None and meeting.closed_at is None and still_to_come:
                _check_slot(
                    session,
                    settings,
                    workshop,
                    meeting.starts_at,
                    meeting.ends_at,
                    today,
                    ignore=meeting.id,
                )
                meeting.space = checked.space
                moved.append(meeting)
                session.flush()
    changed = [name for name in fields if getattr(workshop, name) != before[name]]
    if changed:
        record_workshop(session, workshop, now, changed)
    for meeting in moved:
        record_session(session, meeting, now, ("space",))
    return workshop


def tutorial_ids(workshop: Workshop) -> list[str]:
    ids: list[str] = json.loads(workshop.tutorials)
    return ids


def plausible(day: date, today: date) -> None:
    low = date(max(1, today.year - PLAUSIBLE_YEARS), 1, 1)
    high = date(min(9999, today.year + PLAUSIBLE_YEARS), 12, 31)
    if not low <= day <= high:
        raise WorkshopRefused(Why.IMPLAUSIBLE_DATE, day=day, low=low, high=high)


def _check_slot(
    session: Session,
    settings: Settings,
    workshop: Workshop,
    starts_at: datetime,
    ends_at: datetime,
    today: date,
    ignore: str | None = None,
) -> None:
    tz = settings.tz
    plausible(starts_at.astimezone(tz).date(), today)
    plausible(ends_at.astimezone(tz).date(), today)
    if ends_at <= starts_at:
        fmt = "%Y-%m-%d %H:%M"
        raise WorkshopRefused(
            Why.END_BEFORE_START,
            start=starts_at.astimezone(tz).strftime(fmt),
            end=ends_at.astimezone(tz).strftime(fmt),
        )
    if ends_at - starts_at > MAX_SESSION:
        hours = round((ends_at - starts_at).total_seconds() / 3600, 1)
        raise WorkshopRefused(Why.TOO_LONG, hours=hours)
    clash = session.scalars(
        select(WorkshopSession).where(
            WorkshopSession.space == workshop.space,
            WorkshopSession.cancelled_at.is_(None),
            WorkshopSession.starts_at < ends_at,
            WorkshopSession.ends_at > starts_at,
            WorkshopSession.id != (ignore or ""),
        )
    ).first()
    if clash is not None:
        raise WorkshopRefused(
            Why.OVERLAP,
            space=workshop.space,
            other=clash.workshop.title_fr,
            when=clash.starts_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
        )


def add_sessions(
    session: Session,
    settings: Settings,
    workshop_id: str,
    starts_at: datetime,
    ends_at: datetime,
    *,
    today: date,
    weekly: int = 1,
    now: datetime | None = None,
) -> list[WorkshopSession]:
    """One session, or *weekly* sessions a week apart at the same local time ("every
    Wednesday 14:00-17:00 for 6 weeks"). All or none: one clash refuses the series."""
    if not 1 <= weekly <= MAX_WEEKS:
        raise WorkshopRefused(Why.BAD_REPEAT, limit=MAX_WEEKS)
    workshop = session.get_one(Workshop, workshop_id)
    tz = settings.tz
    local_start, local_end = starts_at.astimezone(tz), ends_at.astimezone(tz)
    plausible(local_start.date(), today)  # before any date arithmetic: 9999-12-31 + a week
    plausible(local_end.date(), today)
    made = []
    for week in range(weekly):
        # wall-clock arithmetic: 14:00 stays 14:00 across a daylight-saving change
        start = (local_start.replace(tzinfo=None) + timedelta(weeks=week)).replace(tzinfo=tz)
        end = (local_end.replace(tzinfo=None) + timedelta(weeks=week)).replace(tzinfo=tz)
        _check_slot(session, settings, workshop, start, end, today)
        made.append(
            WorkshopSession(
                workshop_id=workshop.id, space=workshop.space, starts_at=start, ends_at=end
            )
        )
        session.add(made[-1])
        session.flush()  # the next week's overlap check sees this one
        record_session(session, made[-1], now)
    return made


def cancel_session(session: Session, session_id: str, *, now: datetime) -> WorkshopSession:
    meeting = session.get_one(WorkshopSession, session_id)
    if meeting.cancelled_at is None:
        meeting.cancelled_at = now
        record_session(session, meeting, now, ("cancelled_at",))
    return meeting


def move_session(
    session: Session,
    settings: Settings,
    session_id: str,
    starts_at: datetime,
    ends_at: datetime,
    *,
    today: date,
    now: datetime | None = None,
) -> WorkshopSession:
    """A new date or time; refused once the sheet has marks (they belong to the old one)."""
    meeting = session.get_one(WorkshopSession, session_id)
    if meeting.cancelled_at is not None:
        raise WorkshopRefused(Why.CANCELLED)
    marked = session.scalar(
        select(AttendanceEntry.id).where(AttendanceEntry.session_id == meeting.id).limit(1)
    )
    if marked is not None:
        raise WorkshopRefused(Why.ALREADY_MARKED)
    _check_slot(session, settings, meeting.workshop, starts_at, ends_at, today, ignore=meeting.id)
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    record_session(session, meeting, now, ("starts_at", "ends_at"))
    return meeting


def _name(member: Member) -> str:
    return " ".join(p for p in (member.first_name, member.last_name) if p) or member.short_code


def enrol(session: Session, workshop_id: str, member_id: str, *, now: datetime) -> Enrolment:
    member = session.get_one(Member, member_id)
    if member.erased:
        raise WorkshopRefused(Why.ERASED)
    existing = session.scalar(
        select(Enrolment).where(
            Enrolment.workshop_id == workshop_id, Enrolment.member_id == member_id
        )
    )
    if existing is not None:
        if existing.withdrawn_at is None:
            raise WorkshopRefused(Why.ALREADY_ENROLLED, name=_name(member))
        existing.withdrawn_at = None  # back after a withdrawal: the same row, no twin
        record_enrolment(session, existing, now, ("withdrawn_at",))
        return existing
    enrolment = Enrolment(
        id=enrolment_id(workshop_id, member_id),
        workshop_id=workshop_id,
        member_id=member_id,
        age_bracket=member.age_bracket,
        enrolled_at=now,
    )
    session.add(enrolment)
    session.flush()
    record_enrolment(session, enrolment, now)
    return enrolment


def enrol_new_trainee(
    session: Session,
    workshop_id: str,
    first_name: str,
    last_name: str | None = None,
    *,
    now: datetime,
    age_bracket: str | None = None,
) -> Enrolment:
    """A trainee registered by staff on the spot: a first name, no email needed. Raises
    InvalidMember (field problems) like any registration. The same name already enrolled
    is refused: typed twice, it would make one person two trainees."""
    workshop = session.get_one(Workshop, workshop_id)
    wanted = " ".join(p for p in (first_name, last_name or "") if p.strip())
    same = find_trainee(session, workshop, wanted) if wanted.strip() else None
    if (
        same is not None
        and (same.last_name or "").casefold() == (last_name or "").strip().casefold()
    ):
        raise WorkshopRefused(Why.ALREADY_ENROLLED, name=" ".join(wanted.split()))
    member = register_member(
        session,
        NewMember(first_name, last_name, age_bracket=age_bracket),
        consent_at=now,
        status=MembershipStatus.PENDING,
    )
    return enrol(session, workshop_id, member.id, now=now)


def withdraw(session: Session, workshop_id: str, member_id: str, *, now: datetime) -> Enrolment:
    """The trainee leaves the workshop; their past marks stay on the past sheets."""
    enrolment = session.scalar(
        select(Enrolment).where(
            Enrolment.workshop_id == workshop_id, Enrolment.member_id == member_id
        )
    )
    if enrolment is None or enrolment.withdrawn_at is not None:
        raise WorkshopRefused(Why.NOT_ENROLLED, name=_name(session.get_one(Member, member_id)))
    enrolment.withdrawn_at = now
    record_enrolment(session, enrolment, now, ("withdrawn_at",))
    return enrolment


def set_last_payment(
    session: Session, workshop_id: str, day: date, *, today: date, now: datetime | None = None
) -> None:
    """The funder's last payment: where the retention of the sheets starts."""
    plausible(day, today)
    workshop = session.get_one(Workshop, workshop_id)
    workshop.last_payment_on = day
    record_workshop(session, workshop, now, ("last_payment_on",))


def list_workshops(session: Session) -> list[Workshop]:
    return list(session.scalars(select(Workshop).order_by(Workshop.created_at)))


def find_workshop(session: Session, ref: str) -> Workshop | None:
    """By id, a unique id prefix (4+ characters), the title, or the unique workshop whose
    title starts with *ref* (any case)."""
    ref = ref.strip()
    found = session.get(Workshop, ref)
    if found is not None or not ref:
        return found
    folded = ref.casefold()
    workshops = list_workshops(session)
    for test in (
        lambda w: folded in (w.title_fr.casefold(), w.title_en.casefold()),
        lambda w: len(ref) >= 4 and w.id.startswith(ref),
        lambda w: (
            w.title_fr.casefold().startswith(folded) or w.title_en.casefold().startswith(folded)
        ),
    ):
        matches = [w for w in workshops if test(w)]
        if matches:
            return matches[0] if len(matches) == 1 else None
    return None


def find_trainee(session: Session, workshop: Workshop, ref: str) -> Member | None:
    """A trainee of this workshop by first name, or first and last name (any case), when
    only one matches: staff at the desk know their trainees by name."""
    folded = " ".join(ref.split()).casefold()
    matches = []
    for enrolment in workshop.enrolments:
        member = session.get_one(Member, enrolment.member_id)
        full = " ".join(p for p in (member.first_name, member.last_name) if p).casefold()
        if not member.erased and folded in (member.first_name.casefold(), full):
            matches.append(member)
    return matches[0] if len(matches) == 1 else None
