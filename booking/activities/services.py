"""Activities: create, change, publish, cancel and complete them (staff), and read them.

Sign-up, the waitlist and cancelling a registration are in
:mod:`booking.activities.registration`; reading (the programme, one activity) in
:mod:`booking.activities.queries`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from booking.accounts.models import Organisation, User
from booking.accounts.permissions import require_staff
from booking.activities import registration as reg
from booking.activities import slots
from booking.activities.models import (
    Activity,
    ActivityCategory,
    ActivityStatus,
    Registration,
    RegistrationStatus,
    TargetGroup,
)
from booking.errors import Invalid
from booking.extensions import db
from booking.rooms.models import Location, Room
from booking.rooms.services import enum_value, optional_id, unique_slug
from booking.timeutil import local_date, to_local
from booking.validation import clean_int, clean_text

MAX_CAPACITY = 1000
MAX_PRICE_KR = 10_000
MAX_DURATION = timedelta(hours=24)
MAX_REPEAT_WEEKS = 52
MAX_HEADCOUNT = 100_000

LABELS = {
    "title": _l("Title"),
    "description": _l("Description"),
    "category": _l("Category"),
    "target_group": _l("Target group"),
    "location_id": _l("Place"),
    "room_id": _l("Room"),
    "starts_at": _l("Starts"),
    "ends_at": _l("Ends"),
    "registration_required": _l("Sign-up required"),
    "capacity": _l("Seats"),
    "max_seats_per_registration": _l("Seats per sign-up"),
    "registration_opens_at": _l("Sign-up opens"),
    "registration_closes_at": _l("Sign-up closes"),
    "price_kr": _l("Price (kr.)"),
    "partner_ids": _l("Partners"),
    "repeat_weeks": _l("Repeat weekly"),
    "cancel_reason": _l("Reason"),
    "attendance_count": _l("Headcount"),
    "subject": _l("Subject"),
    "body": _l("Message"),
}


def _text(value: str | None, name: str, max_length: int, required: bool = True) -> str | None:
    return clean_text(value, name, label=str(LABELS[name]), max_length=max_length, required=required)


def _int(value: int | str | None, name: str, **limits) -> int | None:
    return clean_int(value, name, label=str(LABELS[name]), **limits)


@dataclass
class ActivityData:
    title: str | None
    category: ActivityCategory | str | None
    target_group: TargetGroup | str | None
    location_id: int | str | None
    starts_at: datetime | None
    ends_at: datetime | None
    room_id: int | str | None = None
    description: str | None = None
    registration_required: bool = True
    capacity: int | str | None = None
    max_seats_per_registration: int | str | None = 1
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None
    price_kr: int | str | None = 0
    partner_ids: Iterable[int | str] = field(default_factory=tuple)


def _place_and_room(data: ActivityData) -> tuple[Location, Room | None]:
    location_id = optional_id(data.location_id, "location_id")
    location = db.session.get(Location, location_id) if location_id is not None else None
    if location is None:
        raise Invalid(_("Choose the place of the activity."), fields={"location_id": "required"})
    room_id = optional_id(data.room_id, "room_id")
    if room_id is None:
        return location, None
    room = db.session.get(Room, room_id)
    if room is None or room.location_id != location.id:
        raise Invalid(
            _("Choose a room in %(place)s, or no room.", place=location.name), fields={"room_id": "elsewhere"}
        )
    return location, room


def _times(data: ActivityData) -> tuple[datetime, datetime]:
    if data.starts_at is None:
        raise Invalid(_("Give the start of the activity."), fields={"starts_at": "required"})
    if data.ends_at is None:
        raise Invalid(_("Give the end of the activity."), fields={"ends_at": "required"})
    if data.ends_at <= data.starts_at:
        raise Invalid(_("The activity must end after it starts."), fields={"ends_at": "before_start"})
    if data.ends_at - data.starts_at > MAX_DURATION:
        raise Invalid(_("An activity can last at most 24 hours."), fields={"ends_at": "too_long"})
    return data.starts_at, data.ends_at


def _seats(data: ActivityData, room: Room | None) -> dict:
    required = bool(data.registration_required)
    capacity = _int(data.capacity, "capacity", minimum=1, maximum=MAX_CAPACITY, required=required)
    if capacity is not None and room is not None and capacity > room.capacity:
        raise Invalid(
            _("%(room)s holds at most %(n)d people.", room=room.name, n=room.capacity), fields={"capacity": "room"}
        )
    per_signup = _int(data.max_seats_per_registration, "max_seats_per_registration", minimum=1,
                      maximum=reg.MAX_SEATS_PER_REGISTRATION, required=False) or 1  # fmt: skip
    if capacity is not None and per_signup > capacity:
        raise Invalid(
            _("One sign-up cannot ask for more seats than the activity has."),
            fields={"max_seats_per_registration": "above_capacity"},
        )
    return {"registration_required": required, "capacity": capacity, "max_seats_per_registration": per_signup}


def _window(data: ActivityData, starts_at: datetime) -> dict:
    opens, closes = data.registration_opens_at, data.registration_closes_at
    if closes is not None and closes > starts_at:
        raise Invalid(
            _("Sign-up must close before the activity starts."), fields={"registration_closes_at": "after_start"}
        )
    if opens is not None and opens >= (closes or starts_at):
        raise Invalid(
            _("Sign-up must open before it closes and before the activity starts."),
            fields={"registration_opens_at": "after_close"},
        )
    return {"registration_opens_at": opens, "registration_closes_at": closes}


def _partners(ids: Iterable[int | str]) -> list[Organisation]:
    wanted = {optional_id(value, "partner_ids") for value in ids} - {None}
    if not wanted:
        return []
    found = list(db.session.scalars(select(Organisation).where(Organisation.id.in_(wanted))))
    if len(found) != len(wanted):
        raise Invalid(_("Some of the chosen partners do not exist."), fields={"partner_ids": "invalid"})
    return found


def _clean(data: ActivityData) -> dict:
    location, room = _place_and_room(data)
    starts_at, ends_at = _times(data)
    return {
        "title": _text(data.title, "title", 200),
        "description": _text(data.description, "description", 5000, required=False),
        "category": enum_value(ActivityCategory, data.category, "category", _("Choose a category.")),
        "target_group": enum_value(TargetGroup, data.target_group, "target_group", _("Choose a target group.")),
        "location": location,
        "room": room,
        "starts_at": starts_at,
        "ends_at": ends_at,
        **_seats(data, room),
        **_window(data, starts_at),
        "price_kr": _int(data.price_kr, "price_kr", minimum=0, maximum=MAX_PRICE_KR, required=False) or 0,
        "partners": _partners(data.partner_ids),
    }


def create_activity(actor: User, data: ActivityData, now: datetime, *, repeat_weeks: int | str | None = 0) -> Activity:
    """A draft activity (and, when repeated, one more per week at the same local time, each
    with its own sign-up). Each holds its room slot."""
    require_staff(actor)
    values = _clean(data)
    weeks = _int(repeat_weeks, "repeat_weeks", minimum=0, maximum=MAX_REPEAT_WEEKS, required=False) or 0
    if values["starts_at"] <= now:
        raise Invalid(_("The activity must start in the future."), fields={"starts_at": "past"})
    first = _new(actor, values, now)
    for week in range(1, weeks + 1):
        _new(actor, _shifted(values, week), now, series=first)
    return first


def _shifted(values: dict, weeks: int) -> dict:
    """The same local wall-clock times ``weeks`` later (17:00 stays 17:00 across DST)."""
    from booking.timeutil import local_naive_to_utc

    def shift(value: datetime | None) -> datetime | None:
        if value is None:
            return None
        return local_naive_to_utc(to_local(value).replace(tzinfo=None) + timedelta(weeks=weeks))

    keys = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")
    return {**values, **{key: shift(values[key]) for key in keys}}


def _new(actor: User, values: dict, now: datetime, series: Activity | None = None) -> Activity:
    slug = unique_slug(Activity, values["title"], local_date(values["starts_at"]).isoformat())
    activity = Activity(slug=slug, created_at=now, created_by=actor, status=ActivityStatus.DRAFT, **values)
    if series is not None:
        activity.series_id = series.id
    slots.hold(actor, activity, now)
    db.session.add(activity)
    db.session.flush()
    return activity


def _editable(activity: Activity) -> None:
    if activity.status in (ActivityStatus.CANCELLED, ActivityStatus.COMPLETED):
        raise Invalid(_("A cancelled or completed activity cannot be changed."))


def update_activity(actor: User, activity: Activity, data: ActivityData, now: datetime) -> Activity:
    """Change an activity. A new time or place moves its room booking and is mailed to everyone
    signed up. Raising the capacity gives the new seats to the waitlist; lowering it never
    removes anyone who has a seat (no new seats are given until enough cancel)."""
    require_staff(actor)
    activity = reg.lock(activity)
    _editable(activity)
    values = _clean(data)
    moved = (values["starts_at"], values["ends_at"], values["room"]) != (
        activity.starts_at, activity.ends_at, activity.room)  # fmt: skip
    relocated = moved or values["location"] != activity.location
    renamed = values["title"] != activity.title
    for key, value in values.items():
        setattr(activity, key, value)
    db.session.flush()
    if moved:
        slots.move(actor, activity, now)
    elif renamed:
        slots.rename(actor, activity, now)
    if relocated and activity.status == ActivityStatus.PUBLISHED:
        reg.mail_registrants(
            activity, "activity_changed", now, (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
        )
    reg.promote_waitlist(activity, now)
    return activity


def set_capacity(actor: User, activity: Activity, capacity: int | str | None, now: datetime) -> list[Registration]:
    """Only the number of seats; returns the registrations promoted by it."""
    require_staff(actor)
    activity = reg.lock(activity)
    _editable(activity)
    new = _int(capacity, "capacity", minimum=1, maximum=MAX_CAPACITY)
    if activity.room is not None and new > activity.room.capacity:  # type: ignore[operator]
        raise Invalid(
            _("%(room)s holds at most %(n)d people.", room=activity.room.name, n=activity.room.capacity),
            fields={"capacity": "room"},
        )
    if new < activity.max_seats_per_registration:  # type: ignore[operator]
        raise Invalid(
            _("One sign-up cannot ask for more seats than the activity has."), fields={"capacity": "below_per_signup"}
        )
    activity.capacity = new
    db.session.flush()
    return reg.promote_waitlist(activity, now)


def publish_activity(actor: User, activity: Activity, now: datetime) -> Activity:
    require_staff(actor)
    if activity.status != ActivityStatus.DRAFT:
        raise Invalid(_("Only a draft can be published."))
    if activity.starts_at <= now:
        raise Invalid(_("The activity has already started, so it cannot be published."))
    activity.status = ActivityStatus.PUBLISHED
    activity.published_at = now
    db.session.flush()
    return activity


def cancel_activity(actor: User, activity: Activity, reason: str | None, now: datetime) -> int:
    """Cancel (with a reason shown to the public); every registrant is told and the room slot
    is freed. Returns how many registrants were told."""
    require_staff(actor)
    activity = reg.lock(activity)
    _editable(activity)
    activity.cancel_reason = _text(reason, "cancel_reason", 500)
    activity.status = ActivityStatus.CANCELLED
    activity.cancelled_at = now
    activity.cancelled_by = actor
    db.session.flush()
    slots.release(actor, activity, now)
    return reg.mail_registrants(
        activity, "activity_cancelled", now, (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
    )


def complete_activity(
    actor: User, activity: Activity, attended_ids: Iterable[int | str], headcount: int | str | None, now: datetime
) -> Activity:
    """Record attendance after the activity: per registration with a seat attended or no-show
    (those not ticked did not come), and the headcount (by default the attending seats, but
    drop-in guests count too). Can be corrected later."""
    require_staff(actor)
    if activity.status not in (ActivityStatus.PUBLISHED, ActivityStatus.COMPLETED):
        raise Invalid(_("Only a published activity can be completed."))
    if now < activity.starts_at:
        raise Invalid(_("Attendance can be recorded when the activity has started."))
    attended = {optional_id(value, "attended_ids") for value in attended_ids} - {None}
    seated = [r for r in activity.registrations if r.status in reg.SEAT_HOLDING]
    if attended - {r.id for r in seated}:
        raise Invalid(_("Some of the ticked registrations do not belong to this activity."))
    for registration in seated:
        came = registration.id in attended
        registration.status = RegistrationStatus.ATTENDED if came else RegistrationStatus.NO_SHOW
    count = _int(headcount, "attendance_count", minimum=0, maximum=MAX_HEADCOUNT, required=not seated)
    activity.attendance_count = count if count is not None else sum(r.seats for r in seated if r.id in attended)
    activity.status = ActivityStatus.COMPLETED
    activity.completed_at = activity.completed_at or now
    db.session.flush()
    slots.record_attendance(actor, activity, now)
    return activity


def message_registrants(
    actor: User, activity: Activity, subject: str | None, body: str | None, now: datetime, *, waitlist: bool = False
) -> int:
    """A message from staff to everyone with a seat (and the waitlist when asked)."""
    require_staff(actor)
    subject = _text(subject, "subject", 200)
    body = _text(body, "body", 5000)
    statuses = (RegistrationStatus.CONFIRMED,) + ((RegistrationStatus.WAITLISTED,) if waitlist else ())
    count = reg.mail_registrants(activity, "activity_message", now, statuses, subject=subject, message=body)
    if not count:
        raise Invalid(_("Nobody is signed up, so there is nobody to write to."))
    return count
