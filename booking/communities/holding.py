"""A community's room, really held: its schedule as a booking series.

The schedule on the community (:mod:`.schedule`) stays the one source of its dates; this
module keeps a booking series (``community.booking``) in step with it, through the booking
core's invariant (claims, the exclusion constraint, ``Conflict``), for the meetings from now
to the end of the schedule or :data:`HORIZON_DAYS` ahead, whichever is first:

- approving a community with a room books its coming meetings for the organiser
  organisation; days the library is closed (closures, public holidays) are not booked and
  become cancelled dates with a public note, so pages and feeds say the same as the
  bookings; a taken date refuses the approval with a ``Conflict`` naming every such date and
  nothing is written, unless staff ask to hold only the free dates (the taken ones then
  become cancelled dates too);
- cancelling or moving one date cancels or moves its occurrence (the booking core's rules);
- pausing or ending the community cancels the following occurrences; resuming holds them
  again; editing the schedule or the room re-plans the series in the same transaction.

A meeting is matched to its occurrence by the start the rule gives for it (an occurrence's
``moved_from_starts_at`` or, if it never moved, its ``starts_at``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask_babel import gettext as _

from booking.accounts.models import User
from booking.bookings import changes, claims, rules
from booking.bookings.models import Booking, BookingStatus, Occurrence
from booking.bookings.services import record
from booking.communities import schedule
from booking.communities.models import Community, CommunityException, CommunityStatus, ExceptionKind
from booking.errors import Invalid
from booking.extensions import db
from booking.timeutil import to_local

HORIZON_DAYS = 365


def planned(community: Community, now: datetime) -> list[schedule.Session]:
    """The meetings the series should hold: those starting after ``now`` within the horizon,
    not cancelled, moved ones at their new time."""
    if community.room is None or community.status != CommunityStatus.ACTIVE:
        return []
    return schedule.sessions(community, now, now + timedelta(days=HORIZON_DAYS), include_cancelled=False)


def original_start(occurrence: Occurrence) -> datetime:
    return occurrence.moved_from_starts_at or occurrence.starts_at


def occurrence_for(community: Community, day: date) -> Occurrence | None:
    """The occurrence of the series for the meeting the rule gives on ``day``."""
    if community.booking is None:
        return None
    start = schedule.wall_clock(day, community.start_time)
    found = [o for o in community.booking.occurrences if original_start(o) == start]
    return next((o for o in found if o.active), found[0] if found else None)


def sync(actor: User, community: Community, now: datetime, *, free_dates_only: bool = False) -> None:
    """Make the booking series hold exactly the planned meetings (the caller has authorised
    ``actor`` to change the community). Raises ``Conflict`` or ``Invalid`` and then the
    caller's transaction must be rolled back, as every view does."""
    booking = community.booking
    room = community.room
    if booking is not None and booking.holds_room and (room is None or booking.room_id != room.id):
        changes.cancel_booking(actor, booking, now=now, reason=_("The community moved to another room."))
    if booking is not None and not booking.holds_room:
        booking = None
    wanted = {(s.starts_at, s.ends_at): s for s in planned(community, now)}
    current = {
        (o.starts_at, o.ends_at): o for o in (booking.occurrences if booking else []) if o.active and o.starts_at >= now
    }
    gone = [o for key, o in current.items() if key not in wanted]
    new = [s for key, s in wanted.items() if key not in current]
    for occurrence in gone:
        occurrence.active = False
        occurrence.cancelled_at, occurrence.cancelled_by_id = now, actor.id
        occurrence.cancel_reason = _("The community's schedule changed.")
        claims.set_active(occurrence, False)
        record(occurrence.booking, actor, "occurrence_cancelled", now, occurrence.cancel_reason, occurrence)
    db.session.flush()
    if new and room is not None:
        new = _holdable(actor, community, new, now, free_dates_only)
    if new and room is not None:
        booking = booking or _new_booking(actor, community, now)
        _add(booking, room, new)
        community.booking = booking
        record(booking, actor, "dates_added", now, ", ".join(s.original_date.isoformat() for s in new))
    if booking is not None:
        _describe(booking, community, now)
    db.session.flush()
    changes.release_all(gone, now)


def _holdable(
    actor: User, community: Community, sessions: list[schedule.Session], now: datetime, free_dates_only: bool
) -> list[schedule.Session]:
    """The sessions that can be held. Closed days become cancelled dates; a meeting outside
    the opening hours is ``Invalid``; taken ones are a ``Conflict`` (or cancelled dates)."""
    room = community.room
    assert room is not None
    calendar = rules.OpenCalendar(room, min(s.starts_at for s in sessions), max(s.ends_at for s in sessions))
    keep: list[schedule.Session] = []
    outside: list[schedule.Session] = []
    for session in sessions:
        closed = calendar.closed.get(to_local(session.starts_at).date())
        if closed is not None:
            _cancel_exception(actor, community, session, _("The library is closed: %(reason)s", reason=closed), now)
        elif calendar.reason(session.starts_at, session.ends_at) is not None:
            outside.append(session)
        else:
            keep.append(session)
    if outside:
        listed = ", ".join(rules.fmt_slot(s.starts_at, s.ends_at) for s in outside)
        raise Invalid(
            _("%(room)s is not open at: %(slots)s.", room=room.name, slots=listed),
            fields={"start_time": "outside_opening_hours"},
        )
    clashes = claims.find_clashes(room, [(s.starts_at, s.ends_at) for s in keep])
    if clashes and not free_dates_only:
        raise claims.conflict(clashes, room)
    taken = {(clash.starts_at, clash.ends_at) for clash in clashes}
    for session in keep:
        if (session.starts_at, session.ends_at) in taken:
            _cancel_exception(actor, community, session, _("The room is taken that day."), now)
    return [s for s in keep if (s.starts_at, s.ends_at) not in taken]


def _cancel_exception(
    actor: User, community: Community, session: schedule.Session, note: str, now: datetime
) -> None:
    """A date that cannot be held is shown as cancelled, with why."""
    exception = next((e for e in community.exceptions if e.original_date == session.original_date), None)
    if exception is None:
        exception = CommunityException(original_date=session.original_date)
        community.exceptions.append(exception)
    exception.kind, exception.starts_at, exception.ends_at = ExceptionKind.CANCELLED, None, None
    exception.note, exception.created_at, exception.created_by_id = note[:300], now, actor.id


def _new_booking(actor: User, community: Community, now: datetime) -> Booking:
    booking = Booking(
        user=actor,
        organisation=community.organisation,
        room=community.room,
        title=community.title[:200],
        purpose=community.summary,
        public=True,
        status=BookingStatus.APPROVED,
        duration_minutes=int(schedule.duration(community).total_seconds() // 60),
        created_at=now,
        decided_at=now,
        decided_by_id=actor.id if actor.is_staff else None,
    )
    db.session.add(booking)
    record(booking, actor, "created", now, _("Holds the room for the community %(title)s.", title=community.title))
    return booking


def _add(booking: Booking, room, sessions: list[schedule.Session]) -> None:
    slots = [(s.starts_at, s.ends_at) for s in sessions]

    def build() -> None:
        for session in sessions:
            occurrence = Occurrence(room=room, starts_at=session.starts_at, ends_at=session.ends_at, active=True)
            if session.moved:
                occurrence.moved_from_starts_at = session.original_starts_at
            booking.occurrences.append(occurrence)
            claims.make_claims(occurrence, room)

    claims.write_guarded(room, slots, build)


def _describe(booking: Booking, community: Community, now: datetime) -> None:
    """The booking's rule and texts follow the community's (the rule's UNTIL is the end of
    what is held)."""
    first = schedule.first_date(community)
    if first is not None:
        last = community.valid_until or to_local(now + timedelta(days=HORIZON_DAYS)).date()
        start = datetime.combine(first, community.start_time)
        until = datetime.combine(max(last, first), community.start_time)
        booking.recurrence_rule = (
            f"DTSTART:{start:%Y%m%dT%H%M%S}\nRRULE:{community.recurrence};UNTIL={until:%Y%m%dT%H%M%S}"
        )
    booking.title, booking.purpose = community.title[:200], community.summary
    booking.duration_minutes = int(schedule.duration(community).total_seconds() // 60)


def follow_date(actor: User, community: Community, day: date, now: datetime) -> None:
    """After a date was cancelled, moved or restored: cancel or move its occurrence (under the
    booking core's rules), or hold it again."""
    if community.room is None or community.status != CommunityStatus.ACTIVE:
        return
    exception = next((e for e in community.exceptions if e.original_date == day), None)
    occurrence = occurrence_for(community, day)
    if exception is not None and exception.kind == ExceptionKind.CANCELLED:
        if occurrence is not None and occurrence.active and occurrence.starts_at > now:
            changes.cancel_occurrence(actor, occurrence, now=now, reason=exception.note)
        return
    if exception is not None and exception.starts_at and exception.ends_at:
        target = (exception.starts_at, exception.ends_at)
    else:
        start = schedule.wall_clock(day, community.start_time)
        target = (start, start + schedule.duration(community))
    if occurrence is not None and occurrence.active:
        if (occurrence.starts_at, occurrence.ends_at) != target and occurrence.starts_at > now:
            changes.move_occurrence(actor, occurrence, target[0], target[1], now=now)
        return
    sync(actor, community, now)
