"""What the ``fablab-kiosk workshop`` modules share: finding a workshop and a session,
and the core's refusals printed in the site's language."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from kiosk.cli.support import CommandError
from kiosk.members.registration import InvalidMember, find_member
from kiosk.models import Member
from kiosk.site import Site
from kiosk.workshops import planning
from kiosk.workshops.models import Workshop, WorkshopSession
from kiosk.workshops.refusals import WorkshopRefused


@contextmanager
def refusals(site: Site) -> Iterator[None]:
    """A refusal from the core, worded in the site's language, as a command error."""
    try:
        yield
    except WorkshopRefused as exc:
        raise CommandError(exc.message(site.settings.default_language)) from exc
    except InvalidMember as exc:
        raise CommandError(str(exc)) from exc


def workshop_of(session: Session, ref: str) -> Workshop:
    found = planning.find_workshop(session, ref)
    if found is None:
        raise CommandError(f"no workshop matches {ref!r} (give its id, an id prefix or its title)")
    return found


def meeting_of(workshop: Workshop, number: int) -> WorkshopSession:
    if not 1 <= number <= len(workshop.sessions):
        raise CommandError(f"the workshop has {len(workshop.sessions)} session(s): 1 to N")
    return workshop.sessions[number - 1]


def trainee_of(site: Site, session: Session, workshop: Workshop, ref: str) -> Member:
    """A member by id, short code or email, or a trainee of *workshop* by name."""
    member = find_member(session, ref)
    if member is None or member.erased:
        member = planning.find_trainee(session, workshop, ref)
    if member is None:
        raise CommandError(
            f"no member matches {ref!r} (give a trainee's name, an id, a short code or an email)"
        )
    return member
