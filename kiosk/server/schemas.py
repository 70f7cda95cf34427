"""What the API reads and writes (pydantic), input and output kept apart.

The envelope of an event is checked by FastAPI (a body that is not this shape: 422).
Its ``id``, ``occurred_at`` and ``payload`` are checked event by event in the handler
(:mod:`kiosk.server.ingest`), so one malformed event is ``rejected`` with a clear error
and the rest of its batch is applied.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, ClassVar, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from kiosk.plaintext import clean_text, has_control
from kiosk.plausible import check_day, check_moment

# --- POST /api/v1/events -----------------------------------------------------------------


class EventIn(BaseModel):
    id: str = Field(
        description="the event's UUID, made by the kiosk", json_schema_extra={"format": "uuid"}
    )
    kind: str = Field(
        description="visit, member, certification, machine, hours_exception, workshop,"
        " workshop_session, enrolment or attendance"
    )
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
    """A snapshot as the server accepts it.

    Free text (:attr:`FREE_TEXT`) loses its control characters (a NUL cannot be stored
    by PostgreSQL); any other text holding one (an id, a code) is refused. Validated
    with ``context={"now": <the server's clock>}``, every date must be plausible
    (:mod:`kiosk.plausible`; :attr:`PLANNED` fields may lie years ahead).
    """

    model_config = ConfigDict(extra="ignore", frozen=True)  # newer kiosks may send more
    FREE_TEXT: ClassVar[frozenset[str]] = frozenset()
    PLANNED: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, data: Any) -> Any:
        """One pass over the given values (a validator per field made checking an event
        40 % slower)."""
        if not isinstance(data, dict):
            return data
        cleaned = None
        for name, value in data.items():
            if not isinstance(value, str) or not has_control(value):
                continue
            if name not in cls.FREE_TEXT:
                raise ValueError(
                    f"{name} holds a control character (such as NUL), which no code or id can"
                )
            cleaned = cleaned or dict(data)
            cleaned[name] = clean_text(value)
        return data if cleaned is None else cleaned

    @model_validator(mode="after")
    def _plausible_dates(self, info: ValidationInfo) -> Payload:
        now = info.context.get("now") if isinstance(info.context, dict) else None
        if now is None:
            return self
        for name in type(self).model_fields:
            value = getattr(self, name)
            planned = name in self.PLANNED
            if isinstance(value, datetime):
                check_moment(name, value, now, planned=planned)
            elif isinstance(value, date):
                check_day(name, value, now, planned=planned)
        return self


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
    # a member of another site of the network: their home site's code and their badge as
    # scanned, which the server checks with that site's key (kiosk.server.sites)
    home_site: str | None = Field(default=None, pattern=r"^[0-9A-HJKMNP-TV-Z]{4}$")
    network_badge: str | None = Field(default=None, max_length=64)

    @model_validator(mode="after")
    def _network_visitor(self) -> VisitPayload:
        if (self.home_site is None) != (self.network_badge is None):
            raise ValueError("home_site and network_badge come together")
        if self.home_site is not None and self.member_id is not None:
            raise ValueError("a network visitor's visit has no member_id")
        return self

    @model_validator(mode="after")
    def _out_after_in(self) -> VisitPayload:
        if self.checked_out_at is not None and self.checked_out_at < self.checked_in_at:
            raise ValueError(
                f"checked_out_at {self.checked_out_at.isoformat()} is before checked_in_at"
                f" {self.checked_in_at.isoformat()}"
            )
        return self


MEMBER_FIELDS = (
    "short_code",
    "first_name",
    "last_name",
    "email",
    "age_bracket",
    "postcode",
    "status",
    "valid_until",
    "badge_version",
    "consent_at",
    "erased",
    "staff",
    "created_at",
)


class MemberPayload(Payload):
    FREE_TEXT = frozenset({"first_name", "last_name", "email", "postcode"})
    PLANNED = frozenset({"valid_until"})
    id: str = Field(min_length=1, max_length=36)
    short_code: str | None = Field(default=None, max_length=8)
    first_name: str | None = Field(default=None, max_length=80)
    last_name: str | None = Field(default=None, max_length=80)
    email: str | None = Field(default=None, max_length=254)
    age_bracket: str | None = Field(default=None, max_length=8)
    postcode: str | None = Field(default=None, max_length=10)
    status: str = Field(min_length=1, max_length=10)
    valid_until: date | None = None
    badge_version: int = Field(ge=1, le=2**31 - 1)  # an INTEGER column on PostgreSQL
    consent_at: AwareDatetime | None = None
    erased: bool = False
    staff: bool = False
    created_at: AwareDatetime | None = None
    # the fields this event changed (kiosk.server.merge); None: every field (a new
    # member, or a kiosk older than field-by-field merging)
    changed: frozenset[str] | None = None

    @field_validator("changed")
    @classmethod
    def _known_fields(cls, value: frozenset[str] | None) -> frozenset[str] | None:
        if value is not None and not value <= set(MEMBER_FIELDS):
            unknown = ", ".join(sorted(value - set(MEMBER_FIELDS)))
            raise ValueError(f"unknown member fields: {unknown}")
        return value


class CertificationPayload(Payload):
    member_id: str = Field(min_length=1, max_length=36)
    tutorial: str = Field(min_length=1, max_length=60)
    theory_at: AwareDatetime | None = None
    practical_at: AwareDatetime | None = None


class MachinePayload(Payload):
    FREE_TEXT = frozenset({"note"})
    PLANNED = frozenset({"until"})
    machine_id: str = Field(min_length=1, max_length=40)
    status: str = Field(min_length=1, max_length=20)
    note: str | None = Field(default=None, max_length=200)
    until: AwareDatetime | None = None
    since: AwareDatetime | None = None
    visit_id: str | None = Field(default=None, max_length=36)


class HoursExceptionPayload(Payload):
    FREE_TEXT = frozenset({"comment"})
    PLANNED = frozenset({"starts_on", "ends_on"})
    id: str = Field(min_length=1, max_length=36)
    space: str | None = Field(default=None, max_length=40)
    starts_on: date
    ends_on: date
    opens_at: time | None = None
    closes_at: time | None = None
    comment: str = Field(default="", max_length=120)
    removed: bool = False

    @model_validator(mode="after")
    def _ends_after_start(self) -> HoursExceptionPayload:
        if self.ends_on < self.starts_on:
            raise ValueError(f"ends_on {self.ends_on} is before starts_on {self.starts_on}")
        return self


# --- the workshops (kiosk.workshops.events) ---------------------------------------------
# Their text is covered by the sheets' seals: a control character is refused, never
# removed (the server changing a sealed title would break the seal). Kiosks remove
# them where staff type it.

WORKSHOP_FIELDS = (
    "title_fr",
    "title_en",
    "space",
    "trainers",
    "tutorials",
    "funder",
    "funding_mention",
    "retention",
    "last_payment_on",
    "created_at",
)
SESSION_FIELDS = (
    "workshop_id",
    "space",
    "starts_at",
    "ends_at",
    "cancelled_at",
    "closed_at",
    "closed_by",
    "seal",
    "signatures_purged_at",
)
ENROLMENT_FIELDS = ("workshop_id", "member_id", "age_bracket", "enrolled_at", "withdrawn_at")
HEX64 = r"^[0-9a-f]{64}$"
MAX_STROKES_TEXT = 256 * 1024  # packed strokes: 2 to 4 kB in practice


class _Merged(Payload):
    FIELDS: ClassVar[tuple[str, ...]] = ()
    changed: frozenset[str] | None = None

    @field_validator("changed")
    @classmethod
    def _known_fields(cls, value: frozenset[str] | None) -> frozenset[str] | None:
        if value is not None and not value <= set(cls.FIELDS):
            unknown = ", ".join(sorted(value - set(cls.FIELDS)))
            raise ValueError(f"unknown fields: {unknown}")
        return value


class WorkshopPayload(_Merged):
    FIELDS = WORKSHOP_FIELDS
    PLANNED = frozenset({"last_payment_on"})
    id: str = Field(min_length=1, max_length=36)
    title_fr: str = Field(min_length=1, max_length=120)
    title_en: str = Field(min_length=1, max_length=120)
    space: str = Field(min_length=1, max_length=40)
    trainers: str = Field(default="", max_length=200)
    tutorials: list[str] = Field(default_factory=list, max_length=100)
    funder: str | None = Field(default=None, max_length=120)
    funding_mention: str | None = Field(default=None, max_length=400)
    retention: Literal["esf", "state", "plain"] = "plain"
    last_payment_on: date | None = None
    created_at: AwareDatetime | None = None

    @field_validator("tutorials")
    @classmethod
    def _tutorial_ids(cls, value: list[str]) -> list[str]:
        for item in value:
            if not 0 < len(item) <= 60 or has_control(item):
                raise ValueError(f"{item!r} is not a tutorial id")
        return value


class WorkshopSessionPayload(_Merged):
    FIELDS = SESSION_FIELDS
    PLANNED = frozenset({"starts_at", "ends_at"})
    id: str = Field(min_length=1, max_length=36)
    workshop_id: str = Field(min_length=1, max_length=36)
    space: str = Field(min_length=1, max_length=40)
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    cancelled_at: AwareDatetime | None = None
    closed_at: AwareDatetime | None = None
    closed_by: str | None = Field(default=None, max_length=80)
    seal: str | None = Field(default=None, pattern=HEX64)
    signatures_purged_at: AwareDatetime | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> WorkshopSessionPayload:
        if self.ends_at <= self.starts_at:
            raise ValueError(
                f"ends_at {self.ends_at.isoformat()} is not after starts_at"
                f" {self.starts_at.isoformat()}"
            )
        return self


class EnrolmentPayload(_Merged):
    FIELDS = ENROLMENT_FIELDS
    id: str = Field(min_length=1, max_length=36)
    workshop_id: str = Field(min_length=1, max_length=36)
    member_id: str = Field(min_length=1, max_length=36)
    age_bracket: str | None = Field(default=None, max_length=8)
    enrolled_at: AwareDatetime
    withdrawn_at: AwareDatetime | None = None


class AttendancePayload(Payload):
    """One entry of a sheet's trail (kiosk.workshops.models.AttendanceEntry)."""

    id: str = Field(min_length=1, max_length=36)
    session_id: str = Field(min_length=1, max_length=36)
    seq: int = Field(ge=1, le=2**31 - 1)
    half: int = Field(ge=0, le=1)
    member_id: str | None = Field(default=None, max_length=36)
    trainer: str | None = Field(default=None, max_length=80)
    mark: Literal["signed", "desk", "absent", "excused", "cannot_sign"]
    strokes: str | None = Field(default=None, max_length=MAX_STROKES_TEXT)
    strokes_sha256: str | None = Field(default=None, pattern=HEX64)
    signed_at: AwareDatetime | None = None
    arrived_at: AwareDatetime | None = None
    left_at: AwareDatetime | None = None
    reason: str | None = Field(default=None, max_length=300)
    countersigned_by: str | None = Field(default=None, max_length=80)
    late_allowed_by: str | None = Field(default=None, max_length=80)
    identity: str = Field(min_length=1, max_length=80)
    kiosk_id: str = Field(min_length=1, max_length=40)
    recorded_at: AwareDatetime

    @model_validator(mode="after")
    def _a_real_signature(self) -> AttendancePayload:
        from kiosk.workshops.signatures import checked_packed  # the kiosk's own rule

        if self.mark == "signed" and self.strokes_sha256 is None:
            raise ValueError("a signed box needs the SHA-256 of its strokes")
        if self.strokes is not None:
            checked_packed(self.strokes, self.strokes_sha256)
        return self


PAYLOADS: dict[str, type[Payload]] = {
    "visit": VisitPayload,
    "member": MemberPayload,
    "certification": CertificationPayload,
    "machine": MachinePayload,
    "hours_exception": HoursExceptionPayload,
    "workshop": WorkshopPayload,
    "workshop_session": WorkshopSessionPayload,
    "enrolment": EnrolmentPayload,
    "attendance": AttendancePayload,
}
