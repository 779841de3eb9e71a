"""Statements, interviews and practice stories recorded by staff (:mod:`booking.statements`)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from booking.extensions import db
from booking.metrics.grouping import Grouping, date_bucket
from booking.metrics.memo import memo
from booking.metrics.registry import Period, Scope, ScopeKind, Unit, metric
from booking.metrics.scopes import filter_place
from booking.metrics.series import series
from booking.rooms.models import Room
from booking.statements.models import Statement, StatementKind

SCOPES = (ScopeKind.ALL, ScopeKind.LOCATION, ScopeKind.ROOM, ScopeKind.COMMUNITY)


def _query(columns: list[Any], kind: StatementKind, period: Period, scope: Scope) -> Any:
    query = select(*columns).where(Statement.kind == kind, Statement.said_on.between(period.start, period.end))
    if scope.kind == ScopeKind.COMMUNITY:
        return query.where(Statement.community_id == int(scope.value))  # type: ignore[arg-type]
    return filter_place(query, scope, Statement.location_id, Statement.room_id)


def _register(kind: StatementKind, key: str, label: Any, definition: Any) -> None:
    def count(period: Period, scope: Scope) -> int:
        if scope.kind == ScopeKind.ROOM:
            # Every room of the place from one grouped query (a page or review asks for all).
            room = db.session.get(Room, int(scope.value))  # type: ignore[arg-type]
            if room is not None:
                place = room.location_id
                return memo((key, "rooms", period, place), lambda: _per_room(place, period)).get(room.id, 0)
        return int(db.session.scalar(_query([func.count(Statement.id)], kind, period, scope)) or 0)

    def _per_room(location_id: int, period: Period) -> dict[int, int]:
        query = select(Statement.room_id, func.count(Statement.id)).where(
            Statement.kind == kind,
            Statement.said_on.between(period.start, period.end),
            Statement.room_id.in_(select(Room.id).where(Room.location_id == location_id)),
        )
        return {room_id: int(n) for room_id, n in db.session.execute(query.group_by(Statement.room_id))}

    def grouped(period: Period, scope: Scope, grouping: Grouping) -> dict[str, int]:
        bucket = date_bucket(Statement.said_on, grouping).label("bucket")
        query = _query([bucket, func.count(Statement.id)], kind, period, scope).group_by(bucket)
        return {bucket_key: int(n) for bucket_key, n in db.session.execute(query)}

    metric(key, label=label, unit=Unit.COUNT, definition=definition, scopes=SCOPES)(count)
    series(key, Grouping.DAY, Grouping.MONTH, Grouping.YEAR)(grouped)


_register(
    StatementKind.STATEMENT,
    "statements",
    _l("Citizens' statements"),
    _l(
        "Statements from citizens that staff recorded as said or written on a day of the period, "
        "at the location (or about the room)."
    ),
)
_register(
    StatementKind.INTERVIEW,
    "interviews",
    _l("Interviews"),
    _l(
        "Short interviews with citizens about what the library means to them, held on a day of "
        "the period. The plan's target is 8–10 a year."
    ),
)
_register(
    StatementKind.PRACTICE_STORY,
    "practice_stories",
    _l("Practice stories"),
    _l("Practice stories (praksisfortællinger) that staff wrote about situations on a day of the period."),
)
