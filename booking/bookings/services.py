"""Booking a room: single slots and series, with the room's rules, the no-overlap invariant,
approval state, history and mail. Cancelling and moving live in :mod:`.changes`, approval in
:mod:`.approval`, the room waitlist in :mod:`.waitlist`, availability in :mod:`.availability`.

Every function takes the acting user and ``now``, flushes, and never commits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from booking.accounts.models import Organisation, User
from booking.accounts.permissions import require_login
from booking.bookings import claims, mail, recurrence, rules, waitlist
from booking.bookings.models import Booking, BookingEvent, BookingStatus, Occurrence
from booking.bookings.permissions import require_book, require_view
from booking.bookings.recurrence import Recurrence
from booking.errors import Invalid, NotFound
from booking.extensions import db
from booking.rooms.models import Location, Room
from booking.timeutil import to_local

Slots = list[tuple[datetime, datetime]]
# Checks other features add to direct bookings, called with (room, slots, now); each raises a
# DomainError to refuse. The season allocation holds its rooms this way ("resttider").
BOOKING_GUARDS: list[Callable[[Room, Slots, datetime], None]] = []


# What booking a room reads of it (place, opening hours, parts): one query, not four.
ROOM_FOR_BOOKING = (
    joinedload(Room.location).joinedload(Location.opening_hours),
    joinedload(Room.parts),
)


@dataclass(frozen=True)
class SkippedDate:
    """A date of a series that was not booked, and why (closed, taken, nonexistent time)."""

    day: date
    reason: str
    clash: bool = False

    def to_dict(self) -> dict[str, object]:
        return {"date": self.day.isoformat(), "reason": self.reason, "clash": self.clash}


@dataclass
class BookingResult:
    booking: Booking
    occurrences: list[Occurrence]
    skipped: list[SkippedDate] = field(default_factory=list)


def record(
    booking: Booking,
    actor: User | None,
    action: str,
    now: datetime,
    detail: str | None = None,
    occurrence: Occurrence | None = None,
) -> BookingEvent:
    """Add a history row: who did what, when."""
    event = BookingEvent(
        booking=booking,
        actor_id=actor.id if actor else None,
        at=now,
        action=action,
        detail=detail,
        occurrence_id=occurrence.id if occurrence else None,
    )
    db.session.add(event)
    return event


def get_booking(actor: User | None, booking_id: int) -> Booking:
    """The booking, if ``actor`` may see its private details (else NotAllowed)."""
    booking = db.session.get(Booking, booking_id)
    if booking is None:
        raise NotFound(_("No such booking."))
    require_view(actor, booking)
    return booking


def get_room(room_id: int | None) -> Room:
    room = db.session.get(Room, room_id, options=ROOM_FOR_BOOKING) if isinstance(room_id, int) else None
    if room is None or not room.active:
        raise NotFound(_("No such room."))
    return room


def plan_dates(
    room: Room,
    starts_at: datetime,
    ends_at: datetime,
    series: Recurrence | None,
) -> tuple[str | None, list[tuple[datetime, datetime]], list[SkippedDate]]:
    """The rule text, the slots to book and the dates skipped (nonexistent time, closed)."""
    if series is None:
        rules.check_open(room, starts_at, ends_at)
        return None, [(starts_at, ends_at)], []
    local_start, duration = recurrence.wall_clock(starts_at, ends_at)
    rule = recurrence.build_rule(series, local_start)
    wanted, skipped = [], []
    dates = recurrence.expand(rule, duration)
    existing = [item for item in dates if item.starts_at and item.ends_at]
    calendar = rules.OpenCalendar(room, existing[0].starts_at, existing[-1].ends_at) if existing else None
    for item in dates:
        if item.starts_at is None or item.ends_at is None or calendar is None:
            skipped.append(
                SkippedDate(item.local_start.date(), _("the time does not exist that day (clocks go forward)"))
            )
            continue
        reason = calendar.reason(item.starts_at, item.ends_at)
        if reason is not None:
            skipped.append(SkippedDate(item.local_start.date(), reason))
        else:
            wanted.append((item.starts_at, item.ends_at))
    return str(rule), wanted, skipped


def create_booking(
    actor: User | None,
    room: Room,
    starts_at: datetime,
    ends_at: datetime,
    *,
    title: str,
    now: datetime,
    purpose: str | None = None,
    expected_attendees: int | None = None,
    public: bool = False,
    organisation: Organisation | None = None,
    recurrence: Recurrence | None = None,
    book_free_dates_only: bool = False,
    allocated: bool = False,
) -> BookingResult:
    """Book ``room`` from ``starts_at`` to ``ends_at`` (aware instants; use
    :func:`rules.local_slot` for wall-clock input), once or as a series.

    A series skips closed days and reports them in ``skipped``. Dates that are already taken
    make a ``Conflict`` listing every one of them, unless ``book_free_dates_only`` is set:
    then the free dates are booked and the taken ones reported in ``skipped``. The booking is
    approved at once unless the room needs approval. Raises Invalid, NotAllowed, NotFound or
    Conflict and then writes nothing.

    ``allocated`` marks a season slot granted by the season allocation: staff have decided
    it already, so the rules for ordinary requests (who may book the room, length, notice,
    horizon, quota, approval) and the :data:`BOOKING_GUARDS` do not apply to it; opening
    hours, closures and the no-overlap invariant do.
    """
    if room is None or not isinstance(room, Room) or not room.active:
        raise NotFound(_("No such room."))
    actor = require_login(actor) if allocated else require_book(actor, room, organisation)
    if allocated:
        rules.check_interval(starts_at, ends_at)
    else:
        rules.check_shape(room, starts_at, ends_at)
    clean_title, clean_purpose = rules.clean_text(title, purpose, expected_attendees, room)
    rule_text, wanted, skipped = plan_dates(room, starts_at, ends_at, recurrence)
    if wanted and not allocated:
        for guard in BOOKING_GUARDS:
            guard(room, wanted, now)
        rules.check_timing(actor, room, wanted[0][0], wanted[0][1], now)
        rules.check_timing(actor, room, wanted[-1][0], wanted[-1][1], now)
    found = claims.find_clashes(room, wanted) + waitlist.offered_clashes(room, wanted, actor, now)
    clashes = sorted({(c.starts_at, c.ends_at): c for c in found}.values(), key=lambda c: c.starts_at)
    if clashes:
        if not (book_free_dates_only and recurrence is not None):
            raise claims.conflict(clashes, room)
        taken = {(clash.starts_at, clash.ends_at) for clash in clashes}
        wanted = [slot for slot in wanted if slot not in taken]
        skipped += [SkippedDate(to_local(c.starts_at).date(), _("already booked"), clash=True) for c in clashes]
    if not wanted:
        raise Invalid(_("None of the dates can be booked."), details={"skipped": [s.to_dict() for s in skipped]})
    if not allocated:
        rules.check_quota(actor, room, organisation, len(wanted), now)

    needs_approval = room.requires_approval and not actor.is_staff and not allocated
    status = BookingStatus.PENDING if needs_approval else BookingStatus.APPROVED
    booking = Booking(
        user=actor,
        organisation=organisation,
        room=room,
        title=clean_title,
        purpose=clean_purpose,
        expected_attendees=expected_attendees,
        public=bool(public),
        status=status,
        recurrence_rule=rule_text,
        duration_minutes=int((ends_at - starts_at).total_seconds() // 60),
        created_at=now,
    )
    if status == BookingStatus.APPROVED:
        booking.decided_at = now
    occurrences = [Occurrence(room=room, starts_at=start, ends_at=end, active=True) for start, end in wanted]

    def build() -> None:
        db.session.add(booking)
        for occurrence in occurrences:
            booking.occurrences.append(occurrence)
            claims.make_claims(occurrence, room)

    claims.write_guarded(room, wanted, build)
    skipped.sort(key=lambda s: s.day)
    detail = "; ".join(f"{s.day.isoformat()}: {s.reason}" for s in skipped) or None
    record(booking, actor, "created", now, detail)
    kind = "booking_received" if status == BookingStatus.PENDING else "booking_approved"
    mail.booking_mail(kind, booking, now, skipped=[f"{s.day.strftime('%d.%m.%Y')}: {s.reason}" for s in skipped])
    db.session.flush()
    return BookingResult(booking, occurrences, skipped)
