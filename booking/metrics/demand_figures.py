"""Cancellations and how late they came, no-shows, rejected requests, the room waitlist and
free-room searches that found nothing: demand the rooms did not meet."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select

from booking.bookings.models import Booking, BookingStatus, Occurrence, SearchLog, WaitlistEntry, WaitStatus
from booking.extensions import db
from booking.metrics import booking_sql as sql
from booking.metrics.booking_figures import SCOPES
from booking.metrics.grouping import CALENDAR_GROUPINGS, Grouping
from booking.metrics.memo import memo
from booking.metrics.registry import Period, Scope, ScopeKind, Unit, metric
from booking.metrics.scopes import filter_place
from booking.metrics.series import series

DAY_HOURS, WEEK_HOURS = 24, 7 * 24


def _count(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


# Cancelled dates and no-shows, by the date's start: one query for all five figures.


def _lead() -> Any:
    """Hours from the cancellation to the date's start."""
    return sql.hours_before(Occurrence.starts_at, Occurrence.cancelled_at)


_cancelled = Occurrence.cancelled_at.is_not(None)
DATE_CONDITIONS: dict[str, Callable[[], Any]] = {
    "cancellations": lambda: _cancelled,
    "cancellations_late_24h": lambda: _cancelled & (_lead() < DAY_HOURS),
    "cancellations_late_7d": lambda: _cancelled & (_lead() >= DAY_HOURS) & (_lead() < WEEK_HOURS),
    "cancellations_early": lambda: _cancelled & (_lead() >= WEEK_HOURS),
    "no_shows": lambda: Occurrence.active.is_(True) & Occurrence.no_show.is_(True),
}


def _dates(columns: list[Any], scope: Scope, period: Period) -> Any:
    query = (
        select(*columns)
        .select_from(Occurrence)
        .join(Booking, Occurrence.booking_id == Booking.id)
        .where(sql.starts_in(Occurrence.starts_at, period), _cancelled | Occurrence.no_show.is_(True))
    )
    return sql.scoped(query, scope, Occurrence.room_id, Booking.organisation_id)


def _date_counts(period: Period, scope: Scope, by_room: bool) -> dict[Any, tuple[Any, ...]]:
    columns = [Occurrence.room_id] if by_room else []
    query = _dates([*columns, *(_count(cond()) for cond in DATE_CONDITIONS.values())], scope, period)
    return sql.rows_by_room(db.session.execute(query.group_by(*columns)), by_room)


def _date_series(period: Period, scope: Scope, grouping: Grouping) -> dict[str, dict[str, int]]:
    def compute() -> dict[str, dict[str, int]]:
        bucket = sql.calendar_bucket(Occurrence.starts_at, grouping, period).label("bucket")
        query = _dates([bucket, *(_count(cond()) for cond in DATE_CONDITIONS.values())], scope, period)
        found: dict[str, dict[str, int]] = {key: {} for key in DATE_CONDITIONS}
        for bucket_key, *counts in db.session.execute(query.group_by(bucket)):
            for key, n in zip(DATE_CONDITIONS, counts, strict=True):
                found[key][bucket_key] = int(n)
        return found

    return memo(("date_series", period, scope, grouping), compute)


def _register_dates(key: str, label: Any, definition: Any) -> None:
    index = list(DATE_CONDITIONS).index(key)

    def figure(period: Period, scope: Scope) -> int:
        empty = (0,) * len(DATE_CONDITIONS)
        return int(
            sql.per_room("dates", period, scope, lambda s, by_room: _date_counts(period, s, by_room), empty)[index]
        )

    def grouped(period: Period, scope: Scope, grouping: Grouping) -> dict[str, int]:
        return _date_series(period, scope, grouping)[key]

    metric(key, label=label, unit=Unit.COUNT, definition=definition, scopes=SCOPES)(figure)
    series(key, *CALENDAR_GROUPINGS)(grouped)


_register_dates(
    "cancellations",
    _l("Cancelled dates"),
    _l(
        "Booked dates in the period that were cancelled, by the booker or staff, one at a time "
        "or with their booking (not rejected requests). Counted by the date's start."
    ),
)
_register_dates(
    "cancellations_late_24h",
    _l("Cancelled less than 24 hours before"),
    _l("Cancelled dates in the period whose cancellation came less than 24 hours before the start."),
)
_register_dates(
    "cancellations_late_7d",
    _l("Cancelled 1-7 days before"),
    _l(
        "Cancelled dates in the period whose cancellation came 24 hours or more, but less than "
        "7 days, before the start."
    ),
)
_register_dates(
    "cancellations_early",
    _l("Cancelled 7 days or more before"),
    _l("Cancelled dates in the period whose cancellation came 7 days or more before the start."),
)
_register_dates(
    "no_shows",
    _l("No-shows"),
    _l("Booked dates in the period that were not cancelled but recorded afterwards as nobody came."),
)


def _rejected(columns: list[Any], scope: Scope, period: Period) -> Any:
    query = select(*columns).where(Booking.status == BookingStatus.REJECTED, sql.starts_in(Booking.decided_at, period))
    return sql.scoped(query, scope, Booking.room_id, Booking.organisation_id)


def _rejected_counts(period: Period, scope: Scope, by_room: bool) -> dict[Any, tuple[Any, ...]]:
    columns = [Booking.room_id] if by_room else []
    query = _rejected([*columns, func.count(Booking.id)], scope, period).group_by(*columns)
    return sql.rows_by_room(db.session.execute(query), by_room)


@metric(
    "requests_rejected",
    label=_l("Rejected requests"),
    unit=Unit.COUNT,
    definition=_l(
        "Booking requests (a single date or a series) that staff rejected in the period, by the day of the decision."
    ),
    scopes=SCOPES,
)
def requests_rejected(period: Period, scope: Scope) -> int:
    rejected = sql.per_room("rejected", period, scope, lambda s, by_room: _rejected_counts(period, s, by_room), (0,))
    return int(rejected[0])


@series("requests_rejected", *CALENDAR_GROUPINGS)
def requests_rejected_series(period: Period, scope: Scope, grouping: Grouping) -> dict[str, int]:
    bucket = sql.calendar_bucket(Booking.decided_at, grouping, period).label("bucket")
    query = _rejected([bucket, func.count(Booking.id)], scope, period).group_by(bucket)
    return {key: int(n) for key, n in db.session.execute(query)}


# The room waitlist, by the start of the wanted slot.

WAIT_CONDITIONS: dict[str, Callable[[], Any]] = {
    "waitlist_queued": lambda: WaitlistEntry.id.is_not(None),
    "waitlist_served": lambda: WaitlistEntry.status == WaitStatus.BOOKED,
    "waitlist_unserved": lambda: WaitlistEntry.status.in_((WaitStatus.WAITING, WaitStatus.OFFERED, WaitStatus.EXPIRED)),
}


def _waiting(columns: list[Any], scope: Scope, period: Period) -> Any:
    query = select(*columns).where(sql.starts_in(WaitlistEntry.starts_at, period))
    return sql.scoped(query, scope, WaitlistEntry.room_id, WaitlistEntry.organisation_id)


def _wait_counts(period: Period, scope: Scope, by_room: bool) -> dict[Any, tuple[Any, ...]]:
    columns = [WaitlistEntry.room_id] if by_room else []
    query = _waiting([*columns, *(_count(cond()) for cond in WAIT_CONDITIONS.values())], scope, period)
    return sql.rows_by_room(db.session.execute(query.group_by(*columns)), by_room)


def _register_wait(key: str, label: Any, definition: Any) -> None:
    index = list(WAIT_CONDITIONS).index(key)

    def figure(period: Period, scope: Scope) -> int:
        empty = (0,) * len(WAIT_CONDITIONS)
        return int(
            sql.per_room("waitlist", period, scope, lambda s, by_room: _wait_counts(period, s, by_room), empty)[index]
        )

    def grouped(period: Period, scope: Scope, grouping: Grouping) -> dict[str, int]:
        bucket = sql.calendar_bucket(WaitlistEntry.starts_at, grouping, period).label("bucket")
        query = _waiting([bucket, _count(WAIT_CONDITIONS[key]())], scope, period).group_by(bucket)
        return {bucket_key: int(n) for bucket_key, n in db.session.execute(query)}

    metric(key, label=label, unit=Unit.COUNT, definition=definition, scopes=SCOPES)(figure)
    series(key, *CALENDAR_GROUPINGS)(grouped)


_register_wait(
    "waitlist_queued",
    _l("Waitlist entries"),
    _l("Places taken in a room's waitlist for a slot starting in the period, whatever became of them."),
)
_register_wait(
    "waitlist_served",
    _l("Waitlist entries served"),
    _l("Waitlist entries for a slot in the period that ended in a booking (booked at once or an offer taken)."),
)
_register_wait(
    "waitlist_unserved",
    _l("Waitlist entries not served"),
    _l(
        "Waitlist entries for a slot in the period that did not (or not yet) end in a booking: "
        "still waiting, offered, or the offer expired. Entries the person withdrew are left out."
    ),
)


def _searches(columns: list[Any], scope: Scope, period: Period) -> Any:
    query = select(*columns).where(sql.starts_in(SearchLog.searched_at, period))
    return filter_place(query, scope, SearchLog.location_id)


@metric(
    "empty_searches",
    label=_l("Searches with no free room"),
    unit=Unit.COUNT,
    definition=_l(
        "Free-room searches made in the period that found no room for the wanted time, size and "
        "equipment (recorded without who searched). For a location: searches limited to it."
    ),
    scopes=(ScopeKind.ALL, ScopeKind.LOCATION),
)
def empty_searches(period: Period, scope: Scope) -> int:
    return int(db.session.scalar(_searches([func.count(SearchLog.id)], scope, period)) or 0)


@series("empty_searches", *CALENDAR_GROUPINGS)
def empty_searches_series(period: Period, scope: Scope, grouping: Grouping) -> dict[str, int]:
    bucket = sql.calendar_bucket(SearchLog.searched_at, grouping, period).label("bucket")
    query = _searches([bucket, func.count(SearchLog.id)], scope, period).group_by(bucket)
    return {key: int(n) for key, n in db.session.execute(query)}
