"""A room's booking rules, checked for one slot: length, slot step, notice, horizon, opening
hours, closures and the organisation's quota. Each failure is an ``Invalid`` with a message
saying what to change."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from booking.accounts.models import Organisation, User
from booking.accounts.permissions import is_staff
from booking.bookings.models import HOLDING, Booking, Occurrence
from booking.errors import Invalid
from booking.rooms import hours
from booking.rooms.models import Room
from booking.timeutil import local_to_utc, to_local


def local_slot(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """The UTC instants of a slot given on the library's wall clock. A time in the
    spring-forward gap (02:30 on the last Sunday of March) is refused clearly."""
    starts_at = local_to_utc(day, start)
    ends_at = local_to_utc(day, end)
    check_interval(starts_at, ends_at)
    return starts_at, ends_at


def fmt(value: datetime) -> str:
    return to_local(value).strftime("%d.%m.%Y %H:%M")


def fmt_slot(starts_at: datetime, ends_at: datetime) -> str:
    return f"{fmt(starts_at)}–{to_local(ends_at).strftime('%H:%M')}"


def check_interval(starts_at: datetime, ends_at: datetime) -> None:
    for value in (starts_at, ends_at):
        if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
            raise Invalid(_("Give start and end as times with a time zone."), fields={"starts_at": "naive"})
    if ends_at <= starts_at:
        raise Invalid(_("The end must be after the start."), fields={"ends_at": _("The end must be after the start.")})


def check_shape(room: Room, starts_at: datetime, ends_at: datetime) -> None:
    """Rules that hold for every date of a series alike: length and slot step."""
    check_interval(starts_at, ends_at)
    minutes = (ends_at - starts_at).total_seconds() / 60
    if minutes < room.min_duration_minutes:
        raise Invalid(
            _("%(room)s can be booked for at least %(n)d minutes.", room=room.name, n=room.min_duration_minutes)
        )
    if minutes > room.max_duration_minutes:
        raise Invalid(
            _("%(room)s can be booked for at most %(n)d minutes.", room=room.name, n=room.max_duration_minutes)
        )
    step = room.slot_step_minutes
    for value in (to_local(starts_at), to_local(ends_at)):
        if (value.hour * 60 + value.minute) % step or value.second or value.microsecond:
            raise Invalid(_("Bookings in %(room)s start and end on whole %(n)d-minute steps.", room=room.name, n=step))


def check_timing(actor: User, room: Room, starts_at: datetime, ends_at: datetime, now: datetime) -> None:
    """Notice and horizon. Staff may book at short notice and far ahead."""
    if starts_at < now:
        raise Invalid(_("%(when)s has already passed.", when=fmt(starts_at)))
    if is_staff(actor):
        return
    if starts_at < now + timedelta(hours=room.min_notice_hours):
        raise Invalid(_("%(room)s must be booked at least %(n)d hours ahead.", room=room.name, n=room.min_notice_hours))
    if ends_at > now + timedelta(days=room.horizon_days):
        raise Invalid(
            _(
                "%(room)s can be booked at most %(n)d days ahead (%(when)s is too late).",
                room=room.name,
                n=room.horizon_days,
                when=fmt(starts_at),
            )
        )


def closed_reason(room: Room, starts_at: datetime, ends_at: datetime) -> str | None:
    """Why the room cannot be used then (closed day or outside opening hours), or None."""
    return OpenCalendar(room, starts_at, ends_at).reason(starts_at, ends_at)


class OpenCalendar:
    """Closed days and opening intervals of a room over a span of local days, read once, so
    the dates of a series are checked without a query each."""

    def __init__(self, room: Room, first: datetime, last: datetime) -> None:
        first_day, last_day = to_local(first).date(), to_local(last - timedelta(microseconds=1)).date()
        self.closed = hours.closed_days(room.location, first_day, last_day, room)
        self.intervals = hours.opening_intervals(room.location, first_day, last_day, room, self.closed)

    def reason(self, starts_at: datetime, ends_at: datetime) -> str | None:
        day = to_local(starts_at).date()
        last_day = to_local(ends_at - timedelta(microseconds=1)).date()
        for closed_day in sorted(self.closed):
            if day <= closed_day <= last_day:
                return _("closed: %(reason)s", reason=self.closed[closed_day])
        if not any(opens <= starts_at and ends_at <= closes for opens, closes in self.intervals):
            return _("outside opening hours")
        return None


def check_open(room: Room, starts_at: datetime, ends_at: datetime) -> None:
    reason = closed_reason(room, starts_at, ends_at)
    if reason is not None:
        raise Invalid(
            _(
                "%(room)s cannot be booked %(when)s: %(reason)s.",
                room=room.name,
                when=fmt_slot(starts_at, ends_at),
                reason=reason,
            )
        )


def future_count(organisation: Organisation, room: Room, now: datetime) -> int:
    return db_count(
        select(func.count(Occurrence.id))
        .join(Booking, Occurrence.booking_id == Booking.id)
        .where(
            Booking.organisation_id == organisation.id,
            Occurrence.room_id == room.id,
            Occurrence.active.is_(True),
            Booking.status.in_(HOLDING),
            Occurrence.starts_at >= now,
        )
    )


def db_count(query) -> int:
    from booking.extensions import db

    return int(db.session.scalar(query) or 0)


def check_quota(actor: User, room: Room, organisation: Organisation | None, adding: int, now: datetime) -> None:
    limit = room.max_future_bookings_per_org
    if organisation is None or limit is None or is_staff(actor):
        return
    if future_count(organisation, room, now) + adding > limit:
        raise Invalid(
            _(
                "%(organisation)s can have at most %(n)d future bookings of %(room)s.",
                organisation=organisation.name,
                n=limit,
                room=room.name,
            )
        )


def clean_text(title: str | None, purpose: str | None, attendees: int | None, room: Room) -> tuple[str, str | None]:
    title = (title or "").strip()
    if not title:
        raise Invalid(_("Give the booking a title."), fields={"title": _("Give the booking a title.")})
    if len(title) > 200:
        raise Invalid(_("The title can be at most 200 characters."), fields={"title": "too_long"})
    if attendees is not None:
        if not isinstance(attendees, int) or attendees < 1:
            raise Invalid(
                _("Expected attendees must be a whole number above 0."), fields={"expected_attendees": attendees}
            )
        if attendees > room.capacity:
            raise Invalid(
                _("%(room)s has room for %(n)d people.", room=room.name, n=room.capacity),
                fields={"expected_attendees": attendees},
            )
    purpose = (purpose or "").strip() or None
    return title, purpose
