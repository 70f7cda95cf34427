"""What the API reads and writes (pydantic), input and output kept apart.

The envelope of an event is checked by FastAPI (a body that is not this shape: 422).
Its ``id``, ``occurred_at`` and ``payload`` are checked event by event in the handler
(:mod:`kiosk.server.ingest`), so one malformed event is ``rejected`` with a clear error
and the rest of its batch is applied.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

# --- POST /api/v1/events -----------------------------------------------------------------


class EventIn(BaseModel):
    id: str = Field(
        description="the event's UUID, made by the kiosk", json_schema_extra={"format": "uuid"}
    )
    kind: str = Field(description="visit, member, certification, machine or hours_exception")
    occurred_at: str = Field(
        description="when it happened on the kiosk, ISO 8601 with an offset",
        json_schema_extra={"format": "date-time"},
    )
    payload: dict[str, Any] = Field(description="the whole state of the thing after the change")


class EventBatchIn(BaseModel):
    events: list[EventIn] = Field(max_length=1000)


EventStatusOut = Literal["applied", "duplicate", "rejected"]


class EventResultOut(BaseModel):
    id: str
    status: EventStatusOut
    error: str | None = Field(default=None, description="why (rejected only)")


class EventResultsOut(BaseModel):
    results: list[EventResultOut] = Field(description="one per event, in the batch's order")


# --- GET /api/v1/changes ----------------------------------------------------------------


class ChangeOut(BaseModel):
    seq: int
    kind: str
    payload: dict[str, Any]
    occurred_at: datetime


class ChangesOut(BaseModel):
    changes: list[ChangeOut]
    cursor: int = Field(description="give it as ?since= next time")
    more: bool = Field(description="true: more changes wait, ask again now")


# --- GET /api/v1/health -----------------------------------------------------------------


class HealthOut(BaseModel):
    status: Literal["ok", "error"]
    version: str
    database: Literal["ok", "unavailable"]
    kiosk: str | None = Field(default=None, description="the token's kiosk, when one is given")


class ErrorOut(BaseModel):
    detail: str


# --- payloads, one per kind (the snapshots of docs/sync-api.md) --------------------------


class Payload(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)  # newer kiosks may send more


class VisitPayload(Payload):
    id: str = Field(min_length=1, max_length=36)
    member_id: str | None = Field(max_length=36)
    space: str | None = Field(default=None, max_length=40)
    purpose: str | None = Field(default=None, max_length=40)
    checked_in_at: AwareDatetime
    checked_out_at: AwareDatetime | None = None
    method: str = Field(min_length=1, max_length=16)
    head_count: int = Field(default=1, ge=1, le=1000)
    auto_closed: bool = False
    # who-is-different key for the yearly counts (kiosk.reports.tally.visitor_key), kept when
    # the visit is made anonymous; the age bracket at the time of the visit
    visitor: str | None = Field(default=None, max_length=32)
    age_bracket: str | None = Field(default=None, max_length=8)


class MemberPayload(Payload):
    id: str = Field(min_length=1, max_length=36)
    short_code: str | None = Field(default=None, max_length=8)
    first_name: str | None = Field(default=None, max_length=80)
    last_name: str | None = Field(default=None, max_length=80)
    email: str | None = Field(default=None, max_length=254)
    age_bracket: str | None = Field(default=None, max_length=8)
    postcode: str | None = Field(default=None, max_length=10)
    status: str = Field(min_length=1, max_length=10)
    valid_until: date | None = None
    badge_version: int = Field(ge=1)
    consent_at: AwareDatetime | None = None
    erased: bool = False
    staff: bool = False
    created_at: AwareDatetime | None = None


class CertificationPayload(Payload):
    member_id: str = Field(min_length=1, max_length=36)
    tutorial: str = Field(min_length=1, max_length=60)
    theory_at: AwareDatetime | None = None
    practical_at: AwareDatetime | None = None


class MachinePayload(Payload):
    machine_id: str = Field(min_length=1, max_length=40)
    status: str = Field(min_length=1, max_length=20)
    note: str | None = Field(default=None, max_length=200)
    until: AwareDatetime | None = None
    since: AwareDatetime | None = None
    visit_id: str | None = Field(default=None, max_length=36)


class HoursExceptionPayload(Payload):
    id: str = Field(min_length=1, max_length=36)
    space: str | None = Field(default=None, max_length=40)
    starts_on: date
    ends_on: date
    opens_at: time | None = None
    closes_at: time | None = None
    comment: str = Field(default="", max_length=120)
    removed: bool = False


PAYLOADS: dict[str, type[Payload]] = {
    "visit": VisitPayload,
    "member": MemberPayload,
    "certification": CertificationPayload,
    "machine": MachinePayload,
    "hours_exception": HoursExceptionPayload,
}
