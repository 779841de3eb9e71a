"""Locations (the libraries and other meeting places), their weekly opening hours and their
closures; and what the public pages say about when a place is open.

The rules for "open at this instant" live in :mod:`booking.rooms.hours`; this module writes
the data those rules read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import pairwise

from babel.dates import get_day_names
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from booking.accounts.models import User
from booking.accounts.permissions import require_staff
from booking.errors import Invalid, NotFound
from booking.extensions import db
from booking.rooms import hours
from booking.rooms.models import Closure, Location, LocationKind, OpeningHours, Room
from booking.rooms.services import assign, enum_value, optional_id, text, unique_slug
from booking.timeutil import daterange
from booking.validation import clean_email, clean_phone

MAX_INTERVALS_PER_DAY = 2
MAX_CLOSURE_DAYS = 366

LABELS = {
    "name": _l("Name"),
    "address": _l("Street address"),
    "postal_code": _l("Postal code"),
    "city": _l("Town"),
    "description": _l("Description"),
    "reason": _l("Reason"),
}


def _text(value: str | None, field_name: str, *, max_length: int, required: bool = True) -> str | None:
    return text(value, field_name, max_length=max_length, required=required, labels=LABELS)


# --- locations -------------------------------------------------------------------------------


@dataclass
class LocationData:
    name: str | None
    address: str | None
    postal_code: str | None
    city: str | None
    kind: LocationKind | str = LocationKind.LIBRARY
    description: str | None = None
    email: str | None = None
    phone: str | None = None
    closed_on_public_holidays: bool = True


def _clean_postal_code(value: str | None) -> str:
    code = _text(value, "postal_code", max_length=10) or ""
    if not (len(code) == 4 and code.isascii() and code.isdigit()):
        raise Invalid(_("A Danish postal code has 4 digits."), fields={"postal_code": "invalid"})
    return code


def _clean_location(data: LocationData) -> dict[str, object]:
    return {
        "name": _text(data.name, "name", max_length=200),
        "kind": enum_value(LocationKind, data.kind, "kind", _("Unknown kind of place.")),
        "address": _text(data.address, "address", max_length=300),
        "postal_code": _clean_postal_code(data.postal_code),
        "city": _text(data.city, "city", max_length=100),
        "description": _text(data.description, "description", max_length=5000, required=False),
        "email": clean_email(data.email, required=False),
        "phone": clean_phone(data.phone),
        "closed_on_public_holidays": bool(data.closed_on_public_holidays),
    }


def create_location(actor: User, data: LocationData, now: datetime) -> Location:
    require_staff(actor)
    values = _clean_location(data)
    # Made once, so the place's links and feeds keep working after a rename.
    location = Location(slug=unique_slug(Location, str(values["name"])), created_at=now, **values)
    db.session.add(location)
    db.session.flush()
    return location


def update_location(actor: User, location: Location, data: LocationData) -> Location:
    require_staff(actor)
    return assign(location, _clean_location(data))


def set_location_active(actor: User, location: Location, active: bool) -> Location:
    """An inactive place and all its rooms disappear from the public pages."""
    require_staff(actor)
    return assign(location, {"active": bool(active)})


def get_location(slug: str, *, include_inactive: bool = False) -> Location:
    location = db.session.scalar(select(Location).where(Location.slug == slug))
    if location is None or not (location.active or include_inactive):
        raise NotFound(_("We could not find that place."))
    return location


def location_by_id(location_id: int | str | None, field_name: str = "location_id") -> Location:
    """The place a form or request names by id, or ``Invalid`` on that field."""
    found = None if location_id in (None, "") else db.session.get(Location, optional_id(location_id, field_name))
    if found is None:
        raise Invalid(_("That choice is not valid."), fields={field_name: "invalid"})
    return found


def active_locations() -> list[Location]:
    return list(
        db.session.scalars(
            select(Location)
            .where(Location.active.is_(True))
            .options(selectinload(Location.opening_hours))
            .order_by(Location.name)
        )
    )


def all_locations() -> list[Location]:
    """Every place with every room, active or not, for the staff overview."""
    return list(
        db.session.scalars(
            select(Location).options(selectinload(Location.rooms).selectinload(Room.parts)).order_by(Location.name)
        )
    )


# --- weekly opening hours --------------------------------------------------------------------

Interval = tuple[time | None, time | None]


def weekday_name(weekday: int) -> str:
    names = get_day_names("wide", locale=get_locale() or "da")
    return names[weekday].capitalize()


def _clean_day(weekday: int, intervals: Sequence[Interval]) -> list[tuple[time, time]]:
    """At most two intervals, each with both times, opening before closing, not overlapping.
    The field names (``d0_opens1`` ...) are the weekly form's, so errors land beside the field."""
    day = weekday_name(weekday)
    given = [(n, opens, closes) for n, (opens, closes) in enumerate(intervals, start=1) if opens or closes]
    if len(given) > MAX_INTERVALS_PER_DAY:
        raise Invalid(_("%(day)s: at most two opening periods a day.", day=day), fields={f"d{weekday}_opens1": "many"})
    for n, opens, closes in given:
        if opens is None or closes is None:
            missing = f"d{weekday}_opens{n}" if opens is None else f"d{weekday}_closes{n}"
            raise Invalid(_("%(day)s: give both an opening and a closing time.", day=day), fields={missing: "required"})
        if opens >= closes:
            raise Invalid(
                _("%(day)s: the closing time must be after the opening time.", day=day),
                fields={f"d{weekday}_closes{n}": "order"},
            )
    ordered = sorted((opens, closes) for _n, opens, closes in given)
    for (_opens, closes), (next_opens, _closes) in pairwise(ordered):
        if next_opens < closes:  # type: ignore[operator]
            raise Invalid(
                _("%(day)s: the two opening periods overlap.", day=day), fields={f"d{weekday}_opens2": "overlap"}
            )
    return ordered  # type: ignore[return-value]


def set_opening_hours(actor: User, location: Location, week: Mapping[int, Sequence[Interval]]) -> Location:
    """Replace the whole week at once. A weekday with no intervals is a closed day."""
    require_staff(actor)
    if any(weekday not in range(7) for weekday in week):
        raise Invalid(_("Weekdays are numbered 0 (Monday) to 6 (Sunday)."))
    cleaned = {weekday: _clean_day(weekday, week.get(weekday, ())) for weekday in range(7)}
    location.opening_hours.clear()
    for weekday, intervals in cleaned.items():
        for opens, closes in intervals:
            location.opening_hours.append(OpeningHours(weekday=weekday, opens=opens, closes=closes))
    db.session.flush()
    return location


def week_of(location: Location) -> dict[int, list[tuple[time, time]]]:
    return {
        weekday: [(row.opens, row.closes) for row in rows] for weekday, rows in hours.weekly_hours(location).items()
    }


# --- closures --------------------------------------------------------------------------------


def add_closure(
    actor: User,
    location: Location,
    *,
    starts_on: date | None,
    ends_on: date | None,
    reason: str | None,
    now: datetime,
    room_id: int | str | None = None,
) -> Closure:
    """Close the place (or one of its rooms) on whole local days, ``starts_on`` to ``ends_on``
    inclusive. A one-day closure may leave out ``ends_on``."""
    require_staff(actor)
    if starts_on is None:
        raise Invalid(_("Give the first closed day."), fields={"starts_on": "required"})
    ends_on = ends_on or starts_on
    if ends_on < starts_on:
        raise Invalid(_("The last closed day cannot be before the first."), fields={"ends_on": "before_start"})
    if (ends_on - starts_on).days + 1 > MAX_CLOSURE_DAYS:
        raise Invalid(
            _("A closure can last at most %(n)d days. Deactivate the place instead.", n=MAX_CLOSURE_DAYS),
            fields={"ends_on": "too_long"},
        )
    room = _room_at(location, room_id)
    closure = Closure(
        location=location,
        room=room,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=_text(reason, "reason", max_length=200),
        created_at=now,
        created_by_id=actor.id,
    )
    db.session.add(closure)
    db.session.flush()
    return closure


def _room_at(location: Location, room_id: int | str | None) -> Room | None:
    found = optional_id(room_id, "room_id")
    if found is None:
        return None
    room = db.session.get(Room, found)
    if room is None or room.location_id != location.id:
        raise Invalid(_("That room is not at this place."), fields={"room_id": "elsewhere"})
    return room


def remove_closure(actor: User, closure: Closure) -> None:
    require_staff(actor)
    db.session.delete(closure)
    db.session.flush()


def get_closure(location: Location, closure_id: int) -> Closure:
    closure = db.session.get(Closure, closure_id)
    if closure is None or closure.location_id != location.id:
        raise NotFound(_("That closure does not exist."))
    return closure


def closures_from(location: Location, first: date) -> list[Closure]:
    """Closures of the place and its rooms that end on or after ``first``."""
    query = (
        select(Closure)
        .where(Closure.location_id == location.id, Closure.ends_on >= first)
        .order_by(Closure.starts_on, Closure.id)
    )
    return list(db.session.scalars(query))


# --- what the public pages show --------------------------------------------------------------


def holiday_language(locale: str) -> str:
    """The ``holidays`` package names Danish holidays in "da" and "en_US"."""
    return "en_US" if locale == "en" else "da"


@dataclass
class ClosedPeriod:
    first: date
    last: date
    reason: str


def closed_periods(
    location: Location, first: date, last: date, *, room: Room | None = None, language: str = "da"
) -> list[ClosedPeriod]:
    """Closed days (holidays and closures) from ``first`` to ``last``, runs of days with one
    reason joined into one period, so a three-week closure is one line and not 21."""
    closed = hours.closed_days(location, first, last, room, language=language)
    periods: list[ClosedPeriod] = []
    for day in daterange(first, last):
        reason = closed.get(day)
        if reason is None:
            continue
        previous = periods[-1] if periods else None
        if previous and previous.reason == reason and (day - previous.last).days == 1:
            previous.last = day
        else:
            periods.append(ClosedPeriod(day, day, reason))
    return periods


@dataclass
class DayHours:
    day: date
    intervals: list[tuple[time, time]]
    closed_reason: str | None = None

    @property
    def is_open(self) -> bool:
        return bool(self.intervals)


def hours_on(location: Location, day: date, *, language: str = "da") -> DayHours:
    """The place's opening hours on one local day, or why it is closed that day."""
    closed = hours.closed_days(location, day, day, language=language)
    if day in closed:
        return DayHours(day, [], closed[day])
    return DayHours(day, week_of(location)[day.weekday()])
