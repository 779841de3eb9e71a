"""SQL building blocks for the booking figures, the same on SQLite and PostgreSQL.

Booked time is measured between UTC instants (so a DST night counts the hours that really
pass) and clipped to the period. For grouping, each occurrence is cut into UTC hour slices
in SQL (a small recursive number table joined to the occurrences): the library's offsets are
whole hours, so every slice lies in one local hour and one local day, and is bucketed by
:func:`booking.metrics.grouping.instant_bucket`. An occurrence across midnight or across the
clocks changing thus lands in the right days and hours.

Figures that share a query read it through :func:`memo`: its result is kept in the session
until the session writes, commits or rolls back. A room's figures come from one query per
location grouped by room (:func:`per_room`), so a page of 20 rooms costs one query, not 20.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import BigInteger, Float, String, case, cast, event, func, literal, select, type_coerce
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from booking.accounts.models import Organisation
from booking.db import UTCDateTime
from booking.extensions import db
from booking.metrics.grouping import Grouping, instant_bucket
from booking.metrics.registry import Period, Scope, ScopeKind
from booking.rooms.models import Room

T = TypeVar("T")
_MEMO = "metrics_memo"


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(_MEMO, None)


for _name in ("after_flush", "after_commit", "after_rollback", "after_soft_rollback"):
    event.listen(Session, _name, _forget)


def memo(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, kept until the session next writes, commits or rolls back."""
    session = db.session()
    if session.new or session.dirty or session.deleted:
        session.flush()
    found = session.info.setdefault(_MEMO, {})
    if key not in found:
        found[key] = compute()
    return found[key]


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
        return cast(func.floor(func.extract("epoch", column)), BigInteger)
    return cast(func.strftime("%s", column), BigInteger)


def hours_before(later: Any, earlier: Any) -> ColumnElement[float]:
    """Hours from ``earlier`` to ``later`` (negative if it is after)."""
    return cast(epoch(later) - epoch(earlier), Float) / 3600.0


def from_epoch(seconds: Any) -> ColumnElement[datetime]:
    """The UTC instant ``seconds`` after 1970, typed so it compares like a stored instant."""
    if dialect() == "postgresql":
        return func.to_timestamp(seconds)
    stamp = func.datetime(seconds, "unixepoch") + literal(".000000", String)
    return type_coerce(stamp, UTCDateTime())


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


def per_room(name: str, period: Period, scope: Scope, grouped: Callable[[Scope, bool], dict[Any, T]], empty: T) -> T:
    """One figure row for ``scope``. ``grouped(scope, by_room)`` returns ``{None: row}``, or
    with ``by_room`` ``{room id: row}`` for every room of the scope's location. For a room,
    the rows of all rooms of its place are computed once and the room's is picked."""
    if scope.kind != ScopeKind.ROOM:
        return memo((name, period, scope), lambda: grouped(scope, False)).get(None, empty)
    room = db.session.get(Room, int(scope.value))  # type: ignore[arg-type]
    if room is None:
        return empty
    place = Scope(ScopeKind.LOCATION, room.location_id)
    return memo((name, "rooms", period, place), lambda: grouped(place, True)).get(room.id, empty)


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
    if one_room:
        return literal(1)
    part = aliased(Room)
    halls = db.session.execute(
        select(part.parent_id, func.count(part.id))
        .where(part.parent_id.is_not(None), part.active)
        .group_by(part.parent_id)
    ).all()
    if not halls:
        return literal(1)
    return case({hall: count for hall, count in halls}, value=room_column, else_=1)


def clipped_seconds(starts: Any, ends: Any, period: Period) -> ColumnElement[int]:
    start, end = period.utc_bounds()
    return epoch(least(ends, instant(end))) - epoch(greatest(starts, instant(start)))


def hour_slices(base: Any, grouping: Grouping, period: Period) -> tuple[Any, ColumnElement[str], Any]:
    """Cut the rows of ``base`` (a subquery with integer columns ``s``, ``e``: clipped start
    and end in epoch seconds, and ``w``: weight) into UTC hour slices. Returns the FROM clause,
    the bucket expression of each slice and the expression of its weighted seconds."""
    numbers = select(literal(0).label("n")).cte("numbers", recursive=True)
    longest = select(func.max((base.c.e - 1) / 3600 - base.c.s / 3600)).scalar_subquery()
    numbers = numbers.union_all(select(numbers.c.n + 1).where(numbers.c.n < longest))
    hour = base.c.s / 3600 + numbers.c.n
    slice_start = hour * 3600
    seconds = (least(base.c.e, slice_start + 3600) - greatest(base.c.s, slice_start)) * base.c.w
    joined = base.join(numbers, numbers.c.n <= (base.c.e - 1) / 3600 - base.c.s / 3600)
    bucket = instant_bucket(from_epoch(slice_start), grouping, period)
    return joined, bucket, seconds
