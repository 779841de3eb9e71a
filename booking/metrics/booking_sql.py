"""SQL building blocks for the booking figures, the same on SQLite and PostgreSQL.

Booked time is measured between UTC instants (so a DST night counts the hours that really
pass) and clipped to the period. For grouping, one SQL aggregate reduces the occurrences to
booked seconds per UTC hour (:func:`hour_profile`: the partly covered first and last hour of
each occurrence, and a running count of occurrences covering whole hours); the library's UTC
offsets are whole hours, so each UTC hour lies in one local hour, day and month, and
:func:`spread` adds the hours up per bucket on the wall clock. An occurrence across midnight
or across the clocks changing thus lands in the right days and hours, and one query serves
the day, weekday × hour, month and year groupings alike.

Figures that share a query read it through :func:`booking.metrics.memo.memo`. A room's
figures come from one query per location grouped by room (:func:`per_room`), so a page of
20 rooms costs one query, not 20.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import BigInteger, Float, case, cast, func, literal, select, union_all
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from booking.accounts.models import Organisation
from booking.db import UTCDateTime
from booking.extensions import db
from booking.metrics.grouping import Grouping, buckets, date_key, instant_bucket
from booking.metrics.memo import memo
from booking.metrics.registry import Period, Scope, ScopeKind
from booking.rooms.models import Room
from booking.timeutil import library_tz

T = TypeVar("T")


def dialect() -> str:
    return db.session.get_bind().dialect.name


def least(*values: Any) -> ColumnElement[Any]:
    return func.least(*values) if dialect() == "postgresql" else func.min(*values)


def greatest(*values: Any) -> ColumnElement[Any]:
    return func.greatest(*values) if dialect() == "postgresql" else func.max(*values)


def instant(value: datetime) -> ColumnElement[datetime]:
    return literal(value, UTCDateTime())


def epoch(column: Any) -> ColumnElement[int]:
    """Whole seconds since 1970 of a UTC instant column."""
    if dialect() == "postgresql":
        return cast(func.date_part("epoch", column), BigInteger)  # a float: EXTRACT gives slow numerics
    return cast(func.strftime("%s", column), BigInteger)


def hours_before(later: Any, earlier: Any) -> ColumnElement[float]:
    """Hours from ``earlier`` to ``later`` (negative if it is after)."""
    return cast(epoch(later) - epoch(earlier), Float) / 3600.0


def calendar_bucket(column: Any, grouping: Grouping, period: Period) -> ColumnElement[str]:
    """The bucket key of an instant column. Months and years by comparing with their first
    instants, worked out in Python (cheaper than converting every row to local time); days
    and weekday × hour by :func:`booking.metrics.grouping.instant_bucket`."""
    if grouping not in (Grouping.MONTH, Grouping.YEAR):
        return instant_bucket(column, grouping, period)
    found = buckets(period, grouping)
    whens = [(column < instant(item.period.utc_bounds()[1]), literal(item.key)) for item in found[:-1]]  # type: ignore[union-attr]
    if not whens:
        return literal(found[-1].key)
    return case(*whens, else_=literal(found[-1].key))


def in_period(starts: Any, ends: Any, period: Period) -> ColumnElement[bool]:
    start, end = period.utc_bounds()
    return (starts < instant(end)) & (ends > instant(start))


def starts_in(column: Any, period: Period) -> ColumnElement[bool]:
    start, end = period.utc_bounds()
    return (column >= instant(start)) & (column < instant(end))


def scoped(query: Any, scope: Scope, room_column: Any, organisation_column: Any) -> Any:
    """Restrict ``query`` to the rooms, place, organisation or kind of organisation in scope."""
    kind, value = scope.kind, scope.value
    if kind == ScopeKind.LOCATION:
        return query.where(room_column.in_(select(Room.id).where(Room.location_id == int(value))))  # type: ignore[arg-type]
    if kind == ScopeKind.ROOM:
        return query.where(room_column == int(value))  # type: ignore[arg-type]
    if kind == ScopeKind.ORGANISATION:
        return query.where(organisation_column == int(value))  # type: ignore[arg-type]
    if kind == ScopeKind.ORGANISATION_TYPE:
        return query.where(organisation_column.in_(select(Organisation.id).where(Organisation.kind == value)))
    return query


def per_room(
    name: str,
    period: Period,
    scope: Scope,
    grouped: Callable[[Scope, bool], dict[Any, Any]],
    empty: Any,
    *,
    weights: dict[int, int] | None = None,
) -> Any:
    """One figure row for ``scope``. ``grouped(scope, by_room)`` returns ``{None: row}``, or
    with ``by_room`` ``{room id: row}`` for every room of the scope's location. For a room,
    the rows of all rooms of its place are computed once and the room's is picked. Rows of
    counts (``empty`` a tuple) add up over rooms, so a location's row is the sum of its rooms'
    (each times ``weights.get(room, 1)``), from the same query."""
    if scope.kind in (ScopeKind.ROOM, ScopeKind.LOCATION) and isinstance(empty, tuple):
        place_id = scope.value if scope.kind == ScopeKind.LOCATION else _location_of(int(scope.value))  # type: ignore[arg-type]
        if place_id is None:
            return empty
        place = Scope(ScopeKind.LOCATION, place_id)
        rows = memo((name, "rooms", period, place), lambda: grouped(place, True))
        if scope.kind == ScopeKind.ROOM:
            return rows.get(scope.value, empty)
        found = [0] * len(empty)
        for room_id, row in rows.items():
            for index, value in enumerate(row):
                found[index] += (value or 0) * (weights or {}).get(room_id, 1)
        return tuple(found)
    if scope.kind != ScopeKind.ROOM:
        return memo((name, period, scope), lambda: grouped(scope, False)).get(None, empty)
    place_id = _location_of(int(scope.value))  # type: ignore[arg-type]
    if place_id is None:
        return empty
    place = Scope(ScopeKind.LOCATION, place_id)
    return memo((name, "rooms", period, place), lambda: grouped(place, True)).get(scope.value, empty)


def _location_of(room_id: int) -> int | None:
    room = db.session.get(Room, room_id)
    return room.location_id if room is not None else None


def hall_parts() -> dict[int, int]:
    """``{hall id: number of active parts}`` for the divisible halls."""
    part = aliased(Room)
    query = select(part.parent_id, func.count(part.id)).where(part.parent_id.is_not(None), part.active)
    return memo("hall_parts", lambda: {hall: n for hall, n in db.session.execute(query.group_by(part.parent_id))})


def rows_by_room(result: Any, by_room: bool) -> dict[Any, tuple[Any, ...]]:
    """``{room id: values}`` from rows (room id, *values), or ``{None: values}``."""
    rows = list(result)
    if by_room:
        return {row[0]: tuple(row[1:]) for row in rows}
    return {None: tuple(rows[0])} if rows else {}


def hall_weight(room_column: Any, one_room: bool) -> ColumnElement[int]:
    """How many rooms a booking of ``room_column`` occupies in the available-hours count: a
    divisible hall booked whole counts once per active part (available hours count a hall by
    its parts), except where the figure is for one room."""
    halls = {} if one_room else hall_parts()
    if not halls:
        return literal(1)
    return case(halls, value=room_column, else_=1)


def sum_clipped_seconds(starts: Any, ends: Any, period: Period, weight: Any) -> ColumnElement[float]:
    """The aggregate: seconds of [starts, ends) inside the period, times ``weight``, summed
    (on PostgreSQL as one interval, converted once rather than per row)."""
    start, end = period.utc_bounds()
    clipped_end, clipped_start = least(ends, instant(end)), greatest(starts, instant(start))
    if dialect() == "postgresql":
        return func.coalesce(func.date_part("epoch", func.sum((clipped_end - clipped_start) * weight)), 0)
    return func.coalesce(func.sum((epoch(clipped_end) - epoch(clipped_start)) * weight), 0)


def hour_profile(base: Any) -> Any:
    """Booked seconds per UTC hour from ``base`` (a subquery with integer columns ``s`` and
    ``e``, the clipped start and end in epoch seconds, and ``w``, the weight), aggregated in
    SQL to at most two rows per hour: (hour index, seconds in partly covered hours, occurrences
    covering whole hours from the next hour on, occurrences no longer covering whole hours
    from this hour on). An occurrence's first hour is grouped in one part, its last in the
    other, so each part reads the occurrences once. :func:`spread` adds them up."""
    hours = select(
        base.c.s,
        base.c.e,
        base.c.w,
        (base.c.s // 3600).label("first"),
        ((base.c.e - 1) // 3600).label("last"),
    ).cte("hours")
    s, e, w, first, last = (hours.c[name] for name in ("s", "e", "w", "first", "last"))
    head = case((first == last, e - s), else_=(first + 1) * 3600 - s)
    whole = case((last > first + 1, w), else_=0)
    heads = select(first.label("k"), func.sum(head * w).label("secs"), func.sum(whole).label("begin"),
                   literal(0).label("end")).group_by(first)  # fmt: skip
    tails = select(last, func.sum(case((last != first, (e - last * 3600) * w), else_=0)), literal(0),
                   func.sum(whole)).group_by(last)  # fmt: skip
    pieces = union_all(heads, tails).subquery("pieces")
    columns = (pieces.c.secs, pieces.c.begin, pieces.c.end)
    return select(pieces.c.k, *(func.sum(column) for column in columns)).group_by(pieces.c.k).order_by(pieces.c.k)


@lru_cache(maxsize=200_000)
def _hour_key(hour: int, grouping: Grouping, zone: ZoneInfo) -> str:
    local = datetime.fromtimestamp(hour * 3600, UTC).astimezone(zone)
    if grouping == Grouping.WEEKDAY_HOUR:
        return f"{local.isoweekday()}-{local.hour:02d}"
    return date_key(local.date(), grouping)


def hour_key(hour: int, grouping: Grouping) -> str:
    """The bucket of the UTC hour ``hour`` (hours since 1970) on the library's wall clock."""
    return _hour_key(hour, grouping, library_tz())


def spread(rows: Any, grouping: Grouping) -> dict[str, float]:
    """Hours per bucket from :func:`hour_profile`'s rows: each hour's partial seconds plus a
    whole hour for every occurrence covering it. The library's UTC offsets are whole hours,
    so each UTC hour lies in one local hour, day and month."""
    per_hour: dict[int, float] = {}
    covering, previous = 0, None
    for hour, partial, begin, end in rows:
        if previous is not None and covering:
            for between in range(previous + 1, hour):
                per_hour[between] = covering * 3600
        covering -= int(end)
        per_hour[hour] = float(partial) + covering * 3600
        covering += int(begin)
        previous = hour
    zone = library_tz()
    seconds: dict[str, float] = defaultdict(float)
    for hour, value in per_hour.items():
        seconds[_hour_key(hour, grouping, zone)] += value
    return {key: round(value / 3600, 2) for key, value in seconds.items() if value}
