"""Request and response schemas: they validate what the API reads, shape what it writes,
and are the OpenAPI document's components.

Instants are ISO 8601. Sent with an offset (``2026-03-10T17:00:00+01:00`` or ``...Z``) they
mean that instant; sent without one they are read on the wall clock of ``timezone`` (an IANA
name, default the library's, Europe/Copenhagen), and a time that does not exist there (the
spring-forward hour) is refused. Responses always carry the library's offset.
"""

from __future__ import annotations

from datetime import UTC
from functools import lru_cache
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate

from booking.bookings.models import BookingStatus
from booking.bookings.recurrence import MAX_OCCURRENCES, Frequency, Recurrence
from booking.errors import Invalid
from booking.rooms.models import BookingPolicy, RoomKind
from booking.timeutil import library_tz, parse_timezone, to_local, wall_clock_exists

MAX_RANGE_DAYS = 93


class ApiSchema(Schema):
    class Meta:
        unknown = RAISE


class Instant(fields.DateTime):
    """ISO 8601 in, the library's wall clock with its offset out. A ``+`` of an offset that
    arrived as a space (an unencoded query string) is read as the ``+`` it was."""

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else to_local(value).isoformat()

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str) and "T" in value:
            value = value.strip().replace(" ", "+")
        return super()._deserialize(value, attr, data, **kwargs)


class CommaList(fields.List):
    """A list given in a query string as ``a,b,c``."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = [item.strip() for item in value.split(",") if item.strip()]
        return super()._deserialize(value, attr, data, **kwargs)


class Int(fields.Integer):
    """A whole number that fits the database's integer columns (a larger one is a 400, not a
    database error)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.insert(0, validate.Range(min=-MAX_INT - 1, max=MAX_INT))


MAX_INT = 2**31 - 1
TIMEZONE_HELP = "IANA time zone for times given without an offset (default: the library's, Europe/Copenhagen)."


def zone(name: str | None) -> ZoneInfo:
    if not name:
        return library_tz()
    try:
        return parse_timezone(name)
    except Invalid as error:
        raise ValidationError(error.message, field_name="timezone") from None


def resolve_instants(data: dict, *names: str) -> dict:
    """Naive instants read on the wall clock of ``timezone``; all made aware UTC."""
    tz = zone(data.pop("timezone", None))
    for name in names:
        value = data.get(name)
        if value is None:
            continue
        if value.tzinfo is None:
            if not wall_clock_exists(value, tz):
                message = _(
                    "%(time)s does not exist in %(zone)s (the clocks move forward).",
                    time=value.isoformat(),
                    zone=str(tz),
                )
                raise ValidationError(message, field_name=name)
            value = value.replace(tzinfo=tz, fold=0)
        data[name] = value.astimezone(UTC)
    return data


# --- requests -------------------------------------------------------------------------------


class RoomListQuery(ApiSchema):
    location = fields.String(metadata={"description": "A place's slug."})
    min_capacity = Int(validate=validate.Range(min=1))
    equipment = CommaList(fields.String(), metadata={"description": "Equipment slugs, comma-separated; all needed."})
    kind = fields.String(validate=validate.OneOf([k.value for k in RoomKind]))


class RangeQuery(ApiSchema):
    start = Instant(required=True)
    end = Instant(required=True)
    timezone = fields.String(metadata={"description": TIMEZONE_HELP})

    @post_load
    def _resolve(self, data, **kwargs):
        data = resolve_instants(data, "start", "end")
        if data["end"] <= data["start"]:
            raise ValidationError(_("The end must be after the start."), field_name="end")
        if (data["end"] - data["start"]).days > MAX_RANGE_DAYS:
            raise ValidationError(_("Ask for at most %(n)d days at a time.", n=MAX_RANGE_DAYS), field_name="end")
        return data


class AvailabilityQuery(RangeQuery):
    rooms = CommaList(Int(), metadata={"description": "Room ids, comma-separated (default: all rooms)."})
    location = fields.String(metadata={"description": "A place's slug."})


class FreeRoomsQuery(RangeQuery):
    people = Int(validate=validate.Range(min=1))
    equipment = CommaList(fields.String(), metadata={"description": "Equipment slugs, comma-separated; all needed."})
    location = fields.String(metadata={"description": "A place's slug."})


class BookingListQuery(ApiSchema):
    organisation_id = Int(metadata={"description": "An organisation's bookings instead of your own."})
    upcoming = fields.Boolean(load_default=False, metadata={"description": "Only bookings with a date to come."})


class ApprovalQuery(ApiSchema):
    location = fields.String(metadata={"description": "A place's slug."})
    day = fields.Date(metadata={"description": "Only bookings with a date on this local day."})
    organisation_id = Int()


class RecurrenceSchema(ApiSchema):
    frequency = fields.String(required=True, validate=validate.OneOf([f.value for f in Frequency]))
    interval = Int(load_default=1, validate=validate.Range(min=1, max=52))
    until = fields.Date(metadata={"description": "Last possible local date, inclusive."})
    count = Int(validate=validate.Range(min=1, max=MAX_OCCURRENCES))

    @post_load
    def _make(self, data, **kwargs):
        if ("until" in data) == ("count" in data):
            raise ValidationError(_("Give either an end date or a number of dates for the series."), field_name="until")
        return Recurrence(**data)


class BookingCreateSchema(ApiSchema):
    room_id = Int(required=True)
    starts_at = Instant(required=True)
    ends_at = Instant(required=True)
    timezone = fields.String(metadata={"description": TIMEZONE_HELP})
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    purpose = fields.String(allow_none=True, validate=validate.Length(max=5000))
    expected_attendees = Int(allow_none=True, validate=validate.Range(min=1))
    public = fields.Boolean(load_default=False)
    organisation_id = Int(allow_none=True, metadata={"description": "Book on behalf of this organisation."})
    recurrence = fields.Nested(RecurrenceSchema, allow_none=True)
    book_free_dates_only = fields.Boolean(
        load_default=False, metadata={"description": "For a series: book the free dates and report the taken ones."}
    )

    @post_load
    def _resolve(self, data, **kwargs):
        return resolve_instants(data, "starts_at", "ends_at")


class ReasonSchema(ApiSchema):
    reason = fields.String(allow_none=True, validate=validate.Length(max=2000))


class RejectSchema(ApiSchema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))


# --- responses ------------------------------------------------------------------------------


class ErrorBodySchema(Schema):
    code = fields.String(required=True, metadata={"example": "conflict"})
    message = fields.String(required=True)
    details = fields.Raw(metadata={"description": "E.g. the clashing slots of a conflict."})
    field_errors = fields.Dict(data_key="fields", metadata={"description": "Field name -> what is wrong with it."})


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBodySchema, required=True)


class IndexSchema(Schema):
    name = fields.String()
    version = fields.String()
    openapi = fields.String()
    user_id = fields.Integer(allow_none=True)


class LocationRefSchema(Schema):
    id = fields.Integer()
    slug = fields.String()
    name = fields.String()


class RoomSchema(Schema):
    id = fields.Integer()
    slug = fields.String()
    name = fields.String()
    kind = fields.Enum(RoomKind, by_value=True)
    capacity = fields.Integer()
    description = fields.String(allow_none=True)
    accessibility = fields.String(allow_none=True)
    location = fields.Nested(LocationRefSchema)
    parent_id = fields.Integer(allow_none=True)
    part_ids = fields.Method("_part_ids", metadata={"type": "array", "items": {"type": "integer"}})
    equipment = fields.Pluck("EquipmentSchema", "slug", many=True)
    booking_policy = fields.Enum(BookingPolicy, by_value=True)
    requires_approval = fields.Boolean()
    min_duration_minutes = fields.Integer()
    max_duration_minutes = fields.Integer()
    slot_step_minutes = fields.Integer()
    min_notice_hours = fields.Integer()
    horizon_days = fields.Integer()
    buffer_minutes = fields.Integer()
    max_future_bookings_per_org = fields.Integer(allow_none=True)

    def _part_ids(self, room) -> list[int]:
        return [part.id for part in room.parts]


class EquipmentSchema(Schema):
    slug = fields.String()


class BusySlotSchema(Schema):
    starts_at = Instant()
    ends_at = Instant()
    pending = fields.Boolean(metadata={"description": "Awaiting approval (still holds the slot)."})
    title = fields.String(allow_none=True, metadata={"description": "Null unless you may see it."})
    booking_id = fields.Integer(allow_none=True, metadata={"description": "Null unless you may see it."})


@lru_cache(maxsize=8192)
def local_iso(value, tz) -> str:
    """An instant as ISO text on the wall clock ``tz``, remembered: the slots of many rooms
    share a few start and end times."""
    return value.astimezone(tz).isoformat()


class BusyList(fields.List):
    """The taken slots of a room: documented as a list of BusySlot, written by a plain loop
    (a month of every room is thousands of slots; field-by-field dumping took most of the
    request)."""

    def __init__(self, **kwargs):
        super().__init__(fields.Nested(BusySlotSchema), **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        tz = library_tz()
        return [
            {
                "starts_at": local_iso(slot.starts_at, tz),
                "ends_at": local_iso(slot.ends_at, tz),
                "pending": slot.pending,
                "title": slot.title,
                "booking_id": slot.booking_id,
            }
            for slot in value
        ]


class RoomBusySchema(Schema):
    room_id = fields.Integer()
    busy = BusyList()


class AvailabilitySchema(Schema):
    start = Instant()
    end = Instant()
    rooms = fields.Nested(RoomBusySchema, many=True)


class OccurrenceSchema(Schema):
    id = fields.Integer()
    room_id = fields.Integer()
    starts_at = Instant()
    ends_at = Instant()
    active = fields.Boolean()
    cancelled_at = Instant(allow_none=True)
    cancel_reason = fields.String(allow_none=True)


class RefSchema(Schema):
    id = fields.Integer()
    name = fields.String()


class BookingSchema(Schema):
    id = fields.Integer()
    room = fields.Nested(LocationRefSchema)
    title = fields.String()
    purpose = fields.String(allow_none=True)
    expected_attendees = fields.Integer(allow_none=True)
    public = fields.Boolean()
    status = fields.Enum(BookingStatus, by_value=True)
    organisation = fields.Nested(RefSchema, allow_none=True)
    booker = fields.Nested(RefSchema, attribute="user")
    recurrence_rule = fields.String(allow_none=True)
    created_at = Instant()
    decided_at = Instant(allow_none=True)
    decision_reason = fields.String(allow_none=True)
    cancelled_at = Instant(allow_none=True)
    cancel_reason = fields.String(allow_none=True)
    occurrences = fields.Nested(OccurrenceSchema, many=True)


class SkippedSchema(Schema):
    date = fields.Date(attribute="day")
    reason = fields.String()
    clash = fields.Boolean(metadata={"description": "Skipped because the date was taken."})


class BookingCreatedSchema(Schema):
    booking = fields.Nested(BookingSchema)
    skipped = fields.Nested(SkippedSchema, many=True)


class FreeRoomsSchema(Schema):
    start = Instant()
    end = Instant()
    rooms = fields.Nested(RoomSchema, many=True)
