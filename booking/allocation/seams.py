"""Where allocation meets the booking core: the two seams.

* :func:`book_accepted_slots` turns an organisation's accepted slots into recurring booking
  series for the season (closed days and public holidays skipped), all in the caller's one
  transaction: a clash names the slot and the caller rolls everything back.
* :func:`check_not_held_back` refuses direct bookings in a room of a round that is open or
  being allocated ("resttider" open only once the decisions are sent).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from booking.accounts.models import User
from booking.allocation import services as rounds
from booking.allocation.models import AllocationRound, Answer, Application, RoundRoom, RoundState, Wish
from booking.db import utcnow
from booking.errors import Conflict
from booking.extensions import db
from booking.rooms.hours import closed_days
from booking.rooms.models import Room
from booking.timeutil import to_local


@dataclass
class SeasonSlot:
    wish: Wish
    room: Room
    starts: time
    ends: time
    dates: list[date]  # the dates to book
    skipped: dict[date, str]  # closed dates, with the reason

    @property
    def label(self) -> str:
        return _(
            "%(room)s %(day)s %(start)s–%(end)s",
            room=self.room.name,
            day=rounds.weekday_name(self.wish.granted_weekday),  # type: ignore[arg-type]
            start=self.starts.strftime("%H:%M"),
            end=self.ends.strftime("%H:%M"),
        )


def season_slot(wish: Wish, after: date | None = None) -> SeasonSlot:
    """The dates a granted wish is held in the season (those later than ``after``), closed
    days left out."""
    round_ = wish.application.round
    room = wish.granted_room
    assert room is not None and wish.granted_weekday is not None
    every = rounds.season_dates(round_, wish.granted_weekday, wish.frequency, after=after)
    closed = closed_days(room.location, round_.season_start, round_.season_end, room) if every else {}
    return SeasonSlot(
        wish=wish,
        room=room,
        starts=wish.granted_starts,  # type: ignore[arg-type]
        ends=wish.granted_ends,  # type: ignore[arg-type]
        dates=[day for day in every if day not in closed],
        skipped={day: closed[day] for day in every if day in closed},
    )


def book_accepted_slots(
    actor: User, application: Application, wishes: Sequence[Wish], now: datetime
) -> list[SeasonSlot]:
    """THE seam from accepted slots to recurring booking series.

    Every accepted slot becomes one booking series of the organisation in the granted room,
    on the season's dates with closed days and holidays skipped. The caller holds one
    transaction for all of the organisation's slots: a clash raises :class:`Conflict` naming
    the slot, and the caller's rollback leaves nothing created.
    """
    slots = [season_slot(wish, after=rounds.today(now)) for wish in wishes]
    return slots


# --- resttider -------------------------------------------------------------------------------

HOLDING_STATES = (RoundState.OPEN, RoundState.ALLOCATING)


def _related_room_ids(room: Room) -> list[int]:
    ids = {room.id, *(part.id for part in room.parts)}
    if room.parent_id:
        ids.add(room.parent_id)
    return sorted(ids)


def holding_round(room: Room, start: datetime, end: datetime) -> AllocationRound | None:
    """A round that is open or being allocated, covers the room (or its hall) and whose
    season the time [start, end) touches."""
    first, last = to_local(start).date(), to_local(end - timedelta(microseconds=1)).date()
    return db.session.scalar(
        select(AllocationRound)
        .join(RoundRoom, RoundRoom.round_id == AllocationRound.id)
        .where(
            AllocationRound.state.in_(HOLDING_STATES),
            RoundRoom.room_id.in_(_related_room_ids(room)),
            AllocationRound.season_start <= last,
            AllocationRound.season_end >= first,
        )
        .order_by(AllocationRound.season_start)
        .limit(1)
    )


def pending_grant(room: Room, start: datetime, end: datetime, now: datetime) -> Wish | None:
    """A time granted in a round whose decisions are out but not yet answered: it stays the
    organisation's until the deadline to accept."""
    local_start, local_end = to_local(start), to_local(end)
    day = local_start.date()
    if local_end.date() != day:
        return None  # season slots lie within one day; a booking over midnight meets none
    candidates = db.session.scalars(
        select(Wish)
        .join(Application, Application.id == Wish.application_id)
        .join(AllocationRound, AllocationRound.id == Application.round_id)
        .where(
            AllocationRound.state == RoundState.DECIDED,
            AllocationRound.accept_by >= rounds.today(now),
            AllocationRound.season_start <= day,
            AllocationRound.season_end >= day,
            Wish.granted_room_id.in_(_related_room_ids(room)),
            Wish.granted_weekday == day.weekday(),
            Wish.answer == Answer.NONE,
        )
        .order_by(Wish.id)
    )
    for wish in candidates:
        if wish.is_granted and wish.granted_starts < local_end.time() and local_start.time() < wish.granted_ends:  # type: ignore[operator]
            return wish
    return None


def check_not_held_back(room: Room, start: datetime, end: datetime, now: datetime | None = None) -> None:
    """THE seam for resttider: a direct booking in a room of an open or allocating round is
    refused, naming the round; after the decisions, so is one on a granted time that its
    organisation may still accept."""
    round_ = holding_round(room, start, end)
    if round_ is not None:
        raise Conflict(
            _(
                "%(room)s is held for the season allocation “%(round)s” until its decisions are sent.",
                room=room.name,
                round=round_.name,
            ),
            code="held_for_allocation",
        )
    granted = pending_grant(room, start, end, now or utcnow())
    if granted is not None:
        raise Conflict(
            _(
                "%(room)s is granted to %(organisation)s in “%(round)s”, who can accept it until %(date)s.",
                room=room.name,
                organisation=granted.application.organisation.name,
                round=granted.application.round.name,
                date=granted.application.round.accept_by.isoformat(),
            ),
            code="held_for_allocation",
        )
