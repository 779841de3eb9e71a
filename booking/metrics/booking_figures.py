"""Booked hours, utilisation, bookings by status and whether the booking system is used
(:mod:`booking.bookings`). Every figure is one SQL aggregate (see :mod:`.booking_sql`)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, literal, select, union_all

from booking.bookings.models import Booking, BookingStatus, Occurrence
from booking.extensions import db
from booking.metrics import booking_sql as sql
from booking.metrics.capacity import available_hours, available_hours_series
from booking.metrics.grouping import CALENDAR_GROUPINGS, Grouping, buckets
from booking.metrics.memo import memo
from booking.metrics.registry import FigureValue, Period, Scope, ScopeKind, Unit, metric
from booking.metrics.series import series
from booking.rooms.models import Room

PLACES = (ScopeKind.ALL, ScopeKind.LOCATION, ScopeKind.ROOM)
SCOPES = (*PLACES, ScopeKind.ORGANISATION, ScopeKind.ORGANISATION_TYPE)


def booked():
    """Dates that hold or held a room as approved: active dates of approved bookings, and
    the dates of a booking cancelled after approval that had already passed (cancelling
    leaves past dates active, as history)."""
    return (
        Occurrence.active.is_(True)
        & Booking.decided_at.is_not(None)
        & Booking.status.in_((BookingStatus.APPROVED, BookingStatus.CANCELLED))
    )


def _occurrences(columns: list[Any], scope: Scope, *conditions: Any) -> Any:
    query = select(*columns).select_from(Occurrence).join(Booking, Occurrence.booking_id == Booking.id)
    return sql.scoped(query.where(*conditions), scope, Occurrence.room_id, Booking.organisation_id)


def _booked_seconds(period: Period, scope: Scope, by_room: bool) -> dict[Any, tuple[Any, ...]]:
    columns = [Occurrence.room_id] if by_room else []
    weight = sql.hall_weight(Occurrence.room_id, by_room or scope.kind == ScopeKind.ROOM)
    seconds = sql.sum_clipped_seconds(Occurrence.starts_at, Occurrence.ends_at, period, weight)
    query = _occurrences(
        [*columns, seconds], scope, booked(), sql.in_period(Occurrence.starts_at, Occurrence.ends_at, period)
    )
    return sql.rows_by_room(db.session.execute(query.group_by(*columns)), by_room)


@metric(
    "booked_hours",
    label=_l("Booked hours"),
    unit=Unit.HOURS,
    definition=_l(
        "Hours the rooms were booked: the dates of approved bookings that were not cancelled "
        "(and the dates a booking had already used when it was cancelled), the part of each "
        "date inside the period, in real hours (a night when the clocks change counts the "
        "hours that pass). A divisible hall booked whole counts once per part, as in available "
        "hours, except in the figure for the hall itself."
    ),
    scopes=SCOPES,
)
def booked_hours(period: Period, scope: Scope) -> float:
    seconds = sql.per_room(
        "booked", period, scope, lambda s, by_room: _booked_seconds(period, s, by_room), (0,), weights=sql.hall_parts()
    )[0]
    return round(float(seconds or 0) / 3600, 2)


def _booked_profile(period: Period, scope: Scope) -> list[Any]:
    start, end = period.utc_bounds()
    weight = sql.hall_weight(Occurrence.room_id, scope.kind == ScopeKind.ROOM)
    base = _occurrences(
        [
            sql.epoch(sql.greatest(Occurrence.starts_at, sql.instant(start))).label("s"),
            sql.epoch(sql.least(Occurrence.ends_at, sql.instant(end))).label("e"),
            weight.label("w"),
        ],
        scope,
        booked(),
        sql.in_period(Occurrence.starts_at, Occurrence.ends_at, period),
    ).subquery("booked")
    return list(db.session.execute(sql.hour_profile(base)))


@series("booked_hours", *Grouping)
def booked_hours_series(period: Period, scope: Scope, grouping: Grouping) -> dict[str, float]:
    def compute() -> dict[str, float]:
        return sql.spread(memo(("booked_profile", period, scope), lambda: _booked_profile(period, scope)), grouping)

    return memo(("booked_series", period, scope, grouping), compute)


def _available(period: Period, scope: Scope) -> float:
    return memo(("available", period, scope), lambda: available_hours(period, scope))


def _percent(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@metric(
    "utilisation",
    label=_l("Utilisation"),
    unit=Unit.PERCENT,
    definition=_l(
        "Booked hours as a share of available hours in the period (both as defined there). "
        "Empty when the rooms in scope were not open at all."
    ),
    scopes=PLACES,
)
def utilisation(period: Period, scope: Scope) -> float | None:
    return _percent(booked_hours(period, scope), _available(period, scope))


@series("utilisation", *CALENDAR_GROUPINGS)
def utilisation_series(period: Period, scope: Scope, grouping: Grouping) -> dict[str, FigureValue]:
    used = booked_hours_series(period, scope, grouping)
    available = memo(
        ("available_series", period, scope, grouping), lambda: available_hours_series(period, scope, grouping)
    )
    return {key: _percent(used.get(key, 0), hours) for key, hours in available.items()}


# Bookings by status: one query for all of them.

STATUS_KEYS = {
    "bookings_approved": BookingStatus.APPROVED,
    "bookings_pending": BookingStatus.PENDING,
    "bookings_rejected": BookingStatus.REJECTED,
    "bookings_cancelled": BookingStatus.CANCELLED,
}


def _bookings_per(keys: list[Any], period: Period, scope: Scope) -> Any:
    """Rows (*keys, status, bookings): the distinct bookings per key with a date in the
    period, found as distinct (key, booking) pairs first (cheaper than COUNT DISTINCT)."""
    window = sql.in_period(Occurrence.starts_at, Occurrence.ends_at, period)
    dated = select(*keys, Occurrence.booking_id.label("booking_id")).where(window).distinct()
    if scope.kind in (ScopeKind.LOCATION, ScopeKind.ROOM):
        dated = sql.scoped(dated, scope, Occurrence.room_id, None)
    pairs = dated.subquery("dated")
    columns = [pairs.c[key.name] for key in keys]
    query = (
        select(*columns, Booking.status, func.count())
        .select_from(pairs)
        .join(Booking, Booking.id == pairs.c.booking_id)
    )
    if scope.kind in (ScopeKind.ORGANISATION, ScopeKind.ORGANISATION_TYPE):
        query = sql.scoped(query, scope, None, Booking.organisation_id)
    return db.session.execute(query.group_by(*columns, Booking.status))


def _by_status(period: Period, scope: Scope, by_room: bool) -> dict[Any, dict[str, int]]:
    keys = [Occurrence.room_id.label("room_id")] if by_room else []
    found: dict[Any, dict[str, int]] = defaultdict(dict)
    for row in _bookings_per(keys, period, scope):
        found[row[0] if by_room else None][BookingStatus(row[-2]).value] = int(row[-1])
    return found


def _place_status(period: Period, location_id: int) -> dict[Any, dict[str, int]]:
    """Bookings by status for each room of a place and for the place (a booking with dates
    in two rooms counts once for the place), from one reading of the occurrences."""
    window = sql.in_period(Occurrence.starts_at, Occurrence.ends_at, period)
    dated = (
        sql.scoped(
            select(Occurrence.room_id.label("room_id"), Occurrence.booking_id.label("booking_id")).where(window),
            Scope(ScopeKind.LOCATION, location_id),
            Occurrence.room_id,
            None,
        )
        .distinct()
        .cte("dated")
    )
    per_room = select(dated.c.room_id, Booking.status, func.count()).group_by(dated.c.room_id, Booking.status)
    place = select(literal(None).label("room_id"), Booking.status, func.count(dated.c.booking_id.distinct()))
    both = [query.select_from(dated).join(Booking, Booking.id == dated.c.booking_id) for query in (per_room, place)]
    found: dict[Any, dict[str, int]] = defaultdict(dict)
    for room_id, status, n in db.session.execute(union_all(both[0], both[1].group_by(Booking.status))):
        found[room_id][BookingStatus(status).value] = int(n)
    return found


def _status_counts(period: Period, scope: Scope) -> dict[str, int]:
    if scope.kind in (ScopeKind.LOCATION, ScopeKind.ROOM):
        room = db.session.get(Room, int(scope.value)) if scope.kind == ScopeKind.ROOM else None  # type: ignore[arg-type]
        if scope.kind == ScopeKind.ROOM and room is None:
            return {}
        place_id = int(scope.value) if room is None else room.location_id  # type: ignore[arg-type]
        rows = memo(("by_status", "place", period, place_id), lambda: _place_status(period, place_id))
        return rows.get(room.id if room is not None else None, {})
    return sql.per_room("by_status", period, scope, lambda s, by_room: _by_status(period, s, by_room), {})


def _status_series(period: Period, scope: Scope, grouping: Grouping) -> dict[str | None, dict[str, int]]:
    def compute() -> dict[str | None, dict[str, int]]:
        # A date that began before the period counts on its first day.
        first = sql.greatest(Occurrence.starts_at, sql.instant(period.utc_bounds()[0]))
        found: dict[str | None, dict[str, int]] = defaultdict(dict)
        totals: dict[str, int] = defaultdict(int)
        for key, status, n in _bookings_per(
            [sql.calendar_bucket(first, grouping, period).label("bucket")], period, scope
        ):
            found[BookingStatus(status).value][key] = int(n)
            totals[key] += int(n)  # a booking has one status: the statuses add up
        found[None] = dict(totals)
        return found

    return memo(("status_series", period, scope, grouping), compute)


def _register_status(key: str, status: BookingStatus | None, label: Any, definition: Any) -> None:
    def figure(period: Period, scope: Scope) -> int:
        counts = _status_counts(period, scope)
        return sum(counts.values()) if status is None else counts.get(status.value, 0)

    def grouped(period: Period, scope: Scope, grouping: Grouping) -> dict[str, int]:
        return _status_series(period, scope, grouping).get(status.value if status else None, {})

    metric(key, label=label, unit=Unit.COUNT, definition=definition, scopes=SCOPES)(figure)
    series(key, *CALENDAR_GROUPINGS)(grouped)


_SAME_BOOKING = _l(
    "A booking (a single date or a whole series) is counted once for the period however many "
    "of its dates fall in it; per month, once in each month with one of its dates."
)
_register_status(
    "bookings",
    None,
    _l("Bookings"),
    _l("Bookings of any status with at least one date in the period, cancelled dates included. %(note)s",
       note=_SAME_BOOKING),
)  # fmt: skip
_register_status(
    "bookings_approved",
    BookingStatus.APPROVED,
    _l("Approved bookings"),
    _l("Bookings that are approved now, with at least one date in the period. %(note)s", note=_SAME_BOOKING),
)
_register_status(
    "bookings_pending",
    BookingStatus.PENDING,
    _l("Bookings awaiting approval"),
    _l("Bookings still awaiting approval, with at least one date in the period. %(note)s", note=_SAME_BOOKING),
)
_register_status(
    "bookings_rejected",
    BookingStatus.REJECTED,
    _l("Rejected bookings"),
    _l("Bookings that staff rejected, with at least one date in the period. %(note)s", note=_SAME_BOOKING),
)
_register_status(
    "bookings_cancelled",
    BookingStatus.CANCELLED,
    _l("Cancelled bookings"),
    _l(
        "Bookings cancelled as a whole, with at least one date in the period (single cancelled "
        "dates of a series are counted under cancellations). %(note)s",
        note=_SAME_BOOKING,
    ),
)


def _made(period: Period, scope: Scope, by_room: bool) -> dict[Any, tuple[Any, ...]]:
    columns = [Booking.room_id] if by_room else []
    query = select(*columns, func.count(Booking.id)).where(sql.starts_in(Booking.created_at, period))
    query = sql.scoped(query, scope, Booking.room_id, Booking.organisation_id).group_by(*columns)
    return sql.rows_by_room(db.session.execute(query), by_room)


@metric(
    "booking_system_in_use",
    label=_l("Booking system in use"),
    unit=Unit.YES_NO,
    definition=_l("Yes if at least one booking was made (requested) in the period, whatever became of it."),
    scopes=SCOPES,
)
def booking_system_in_use(period: Period, scope: Scope) -> bool:
    made = sql.per_room("made", period, scope, lambda s, by_room: _made(period, s, by_room), (0,))[0]
    return bool(made)


@series("booking_system_in_use", *CALENDAR_GROUPINGS)
def booking_system_in_use_series(period: Period, scope: Scope, grouping: Grouping) -> dict[str, bool]:
    bucket = sql.calendar_bucket(Booking.created_at, grouping, period).label("bucket")
    query = select(bucket, func.count(Booking.id)).where(sql.starts_in(Booking.created_at, period))
    query = sql.scoped(query, scope, Booking.room_id, Booking.organisation_id).group_by(bucket)
    made = {key for key, n in db.session.execute(query) if n}
    return {found.key: found.key in made for found in buckets(period, grouping)}
