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
from booking.allocation.models import AllocationRound, Answer, Application, Frequency, RoundRoom, RoundState, Wish
from booking.bookings import rules as booking_rules
from booking.bookings import services as booking_services
from booking.bookings.recurrence import Frequency as RecurrenceFrequency
from booking.bookings.recurrence import Recurrence
from booking.db import utcnow
from booking.errors import Conflict, Invalid
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

    Every accepted slot becomes one approved booking series of the organisation in the
    granted room, weekly or every other week from the next date to the season's end, through
    the booking core (``create_booking(..., allocated=True)``), which skips closed days and
    public holidays and keeps the no-overlap invariant. The caller holds one transaction for
    all of the organisation's slots: a clash raises :class:`Conflict` naming the slot, and the
    caller's rollback leaves nothing created.
    """
    slots = [season_slot(wish, after=rounds.today(now)) for wish in wishes]
    for planned in slots:
        if not planned.dates:
            continue  # the season is over (or every remaining date closed): nothing to book
        wish = planned.wish
        # The next date in the season's rhythm (every other week counts from the season's start).
        first = rounds.season_dates(round_of(wish), wish.granted_weekday, wish.frequency, after=rounds.today(now))[0]  # type: ignore[arg-type]
        starts_at, ends_at = booking_rules.local_slot(first, planned.starts, planned.ends)
        try:
            result = booking_services.create_booking(
                actor,
                planned.room,
                starts_at,
                ends_at,
                title=wish.purpose,
                purpose=_("Season slot granted in %(round)s", round=round_of(wish).name),
                expected_attendees=wish.participants if wish.participants <= planned.room.capacity else None,
                organisation=application.organisation,
                recurrence=Recurrence(
                    frequency=RecurrenceFrequency.WEEKLY,
                    interval=2 if wish.frequency == Frequency.FORTNIGHTLY else 1,
                    until=round_of(wish).season_end,
                ),
                allocated=True,
                now=now,
            )
        except (Conflict, Invalid) as error:
            raise type(error)(
                _("%(slot)s cannot be booked: %(problem)s Nothing was saved.",
                  slot=planned.label, problem=error.message),
                details=error.details,
            ) from None
        wish.booking_id = result.booking.id
    db.session.flush()
    return slots


def round_of(wish: Wish) -> AllocationRound:
    return wish.application.round


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


def pending_grant(room: Room, slots: Sequence[tuple[datetime, datetime]], now: datetime) -> Wish | None:
    """A time granted in a round whose decisions are out but not yet answered: it stays the
    organisation's until the deadline to accept."""
    if not slots:
        return None
    first, last = to_local(slots[0][0]).date(), to_local(slots[-1][1]).date()
    candidates = list(
        db.session.scalars(
            select(Wish)
            .join(Application, Application.id == Wish.application_id)
            .join(AllocationRound, AllocationRound.id == Application.round_id)
            .where(
                AllocationRound.state == RoundState.DECIDED,
                AllocationRound.accept_by >= rounds.today(now),
                AllocationRound.season_start <= last,
                AllocationRound.season_end >= first,
                Wish.granted_room_id.in_(_related_room_ids(room)),
                Wish.answer == Answer.NONE,
            )
            .order_by(Wish.id)
        )
    )
    for start, end in slots:
        local_start, local_end = to_local(start), to_local(end)
        day = local_start.date()
        for wish in candidates:
            season = wish.application.round
            if (
                wish.is_granted
                and wish.granted_weekday == day.weekday()
                and season.season_start <= day <= season.season_end
                and (local_end.date() > day or wish.granted_starts < local_end.time())  # type: ignore[operator]
                and local_start.time() < wish.granted_ends  # type: ignore[operator]
            ):
                return wish
    return None


def check_not_held_back(
    room: Room, slots: Sequence[tuple[datetime, datetime]], now: datetime | None = None
) -> None:
    """THE seam for resttider, run by the booking core on every direct booking (one slot or a
    series' dates): a booking in a room of an open or allocating round is refused, naming the
    round; after the decisions, so is one on a granted time its organisation may still accept."""
    if not slots:
        return
    round_ = holding_round(room, slots[0][0], slots[-1][1])
    if round_ is not None:
        raise Conflict(
            _(
                "%(room)s is held for the season allocation “%(round)s” until its decisions are sent.",
                room=room.name,
                round=round_.name,
            ),
            code="held_for_allocation",
        )
    granted = pending_grant(room, slots, now or utcnow())
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


def _guard(room: Room, slots: list[tuple[datetime, datetime]], now: datetime) -> None:
    check_not_held_back(room, slots, now)


if _guard not in booking_services.BOOKING_GUARDS:
    booking_services.BOOKING_GUARDS.append(_guard)
