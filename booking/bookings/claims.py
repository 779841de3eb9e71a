"""The invariant: no two active claims on one room overlap (buffer included).

PostgreSQL enforces it with an exclusion constraint, so no race can break it; SQLite runs
every transaction as ``BEGIN IMMEDIATE`` (see :mod:`booking.db`), so the check below and the
insert that follows it cannot interleave with another writer. Either way a clash comes out
as a :class:`Conflict` naming the clashing slots.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.exc import IntegrityError

from booking.bookings.models import Claim, Occurrence
from booking.bookings.rules import fmt_slot
from booking.errors import Conflict
from booking.extensions import db
from booking.rooms.models import Room

EXCLUSION_CONSTRAINT = "ex_claim_no_overlap"


@dataclass(frozen=True)
class Clash:
    """A wanted slot that is taken, and the occurrence holding it."""

    starts_at: datetime
    ends_at: datetime
    occurrence_id: int

    def to_dict(self) -> dict[str, str]:
        return {"starts_at": self.starts_at.isoformat(), "ends_at": self.ends_at.isoformat()}


def related_room_ids(room: Room) -> list[int]:
    """Rooms whose bookings share claims with ``room``: itself, its parts, its hall."""
    ids = {room.id, *(part.id for part in room.parts)}
    if room.parent_id:
        ids.add(room.parent_id)
    return sorted(ids)


def claim_rooms(room: Room) -> list[int]:
    return room.claim_room_ids


def blocked_until(room: Room, ends_at: datetime) -> datetime:
    return ends_at + timedelta(minutes=room.buffer_minutes)


def overlapping(first: datetime, last: datetime) -> list[ColumnElement[bool]]:
    """SQL conditions: an active claim that overlaps [first, last). On PostgreSQL the same
    test is also written as a range overlap, so the planner can answer it from the exclusion
    constraint's GiST index instead of reading every earlier claim of the room. ``active``
    is tested as the bare column (not ``IS TRUE``): only that form lets PostgreSQL prove
    the index's ``WHERE (active)`` and use it."""
    conditions = [Claim.active, Claim.starts_at < last, Claim.blocked_until > first]
    if db.engine.dialect.name == "postgresql":
        conditions.append(
            func.tstzrange(Claim.starts_at, Claim.blocked_until).op("&&")(func.tstzrange(first, last))
        )
    return conditions


def find_clashes(
    room: Room,
    slots: Sequence[tuple[datetime, datetime]],
    *,
    ignore_occurrences: Iterable[int] = (),
) -> list[Clash]:
    """The wanted slots that overlap an active claim on any room they would claim (one query)."""
    if not slots:
        return []
    room_ids = claim_rooms(room)
    ignore = set(ignore_occurrences)
    first = min(start for start, _end in slots)
    last = max(blocked_until(room, end) for _start, end in slots)
    rows = db.session.execute(
        select(Claim.starts_at, Claim.blocked_until, Claim.occurrence_id).where(
            Claim.room_id.in_(room_ids), *overlapping(first, last)
        )
    ).all()
    clashes = []
    for start, end in slots:
        until = blocked_until(room, end)
        for claim_start, claim_until, occurrence_id in rows:
            if occurrence_id in ignore:
                continue
            if claim_start < until and start < claim_until:
                clashes.append(Clash(start, end, occurrence_id))
                break
    return clashes


def conflict(clashes: Sequence[Clash], room: Room) -> Conflict:
    listed = ", ".join(fmt_slot(clash.starts_at, clash.ends_at) for clash in clashes)
    return Conflict(
        _("%(room)s is already booked at: %(slots)s.", room=room.name, slots=listed),
        details={"clashes": [clash.to_dict() for clash in clashes]},
    )


def make_claims(occurrence: Occurrence, room: Room) -> None:
    for room_id in claim_rooms(room):
        occurrence.claims.append(
            Claim(
                room_id=room_id,
                starts_at=occurrence.starts_at,
                blocked_until=blocked_until(room, occurrence.ends_at),
                active=True,
            )
        )


def set_active(occurrence: Occurrence, active: bool) -> None:
    for claim in occurrence.claims:
        claim.active = active


def write_guarded(room: Room, slots: Sequence[tuple[datetime, datetime]], build: Callable[[], object]) -> None:
    """Run ``build`` (which adds the new occurrences and claims) and flush it inside a
    savepoint. The database may still refuse the claims when another transaction took the
    slot since the check: that becomes the same Conflict, nothing of ``build`` is kept and
    the caller's transaction stays usable."""
    db.session.flush()
    try:
        with db.session.begin_nested():
            build()
            db.session.flush()
    except IntegrityError as exc:
        if not is_overlap_error(exc):
            raise
        clashes = find_clashes(room, slots)
        raise conflict(clashes or [Clash(s, e, 0) for s, e in slots], room) from None


def is_overlap_error(exc: IntegrityError) -> bool:
    sqlstate = getattr(exc.orig, "sqlstate", None)
    return sqlstate == "23P01" or EXCLUSION_CONSTRAINT in str(exc.orig)
