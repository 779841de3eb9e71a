"""Cancelling a booking, one date, or a date and the rest of its series; moving one date.

A freed slot is passed on to the room waitlist (:func:`waitlist.release`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from flask_babel import gettext as _

from booking.accounts.models import User
from booking.bookings import claims, mail, rules, waitlist
from booking.bookings.models import HOLDING, Booking, BookingStatus, Occurrence
from booking.bookings.permissions import require_change
from booking.bookings.services import BOOKING_GUARDS, record
from booking.errors import Invalid
from booking.extensions import db
from booking.rooms.models import Room


def clean_reason(reason: str | None) -> str | None:
    reason = (reason or "").strip()
    return reason[:2000] or None


def _require_open(booking: Booking) -> None:
    if booking.status not in HOLDING:
        raise Invalid(_("This booking is already %(status)s.", status=_status_word(booking.status)))


def _status_word(status: BookingStatus) -> str:
    from booking.labels import label

    return label(status).lower()


def _cancel_occurrences(actor: User, occurrences: Sequence[Occurrence], reason: str | None, now: datetime) -> None:
    for occurrence in occurrences:
        occurrence.active = False
        occurrence.cancelled_at = now
        occurrence.cancelled_by_id = actor.id
        occurrence.cancel_reason = reason
        claims.set_active(occurrence, False)


def release_all(occurrences: Sequence[Occurrence], now: datetime) -> None:
    """Offer the freed slots to the waitlist (after the claims are written inactive)."""
    db.session.flush()
    for occurrence in occurrences:
        waitlist.release(occurrence.room, occurrence.starts_at, occurrence.ends_at, now)


def cancel_booking(actor: User | None, booking: Booking, *, now: datetime, reason: str | None = None) -> Booking:
    """Cancel the whole booking (every future date of a series; past dates stay as history)."""
    require_change(actor, booking)
    _require_open(booking)
    assert actor is not None
    reason = clean_reason(reason)
    freed = [o for o in booking.active_occurrences() if o.ends_at > now]
    _cancel_occurrences(actor, freed, reason, now)
    for occurrence in booking.occurrences:  # past dates no longer hold anything either
        claims.set_active(occurrence, False)
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at, booking.cancelled_by_id, booking.cancel_reason = now, actor.id, reason
    record(booking, actor, "cancelled", now, reason)
    mail.booking_mail("booking_cancelled", booking, now, occurrences=freed, reason=reason)
    release_all(freed, now)
    return booking


def cancel_occurrence(
    actor: User | None, occurrence: Occurrence, *, now: datetime, reason: str | None = None
) -> Occurrence:
    """Cancel one date; the rest of a series stays. Cancelling the last active date cancels
    the booking."""
    return cancel_occurrences(actor, occurrence.booking, [occurrence], now=now, reason=reason)[0]


def cancel_following(
    actor: User | None, occurrence: Occurrence, *, now: datetime, reason: str | None = None
) -> list[Occurrence]:
    """Cancel this date and every later one of its series."""
    booking = occurrence.booking
    chosen = [o for o in booking.active_occurrences() if o.starts_at >= occurrence.starts_at]
    return cancel_occurrences(actor, booking, chosen, now=now, reason=reason)


def cancel_occurrences(
    actor: User | None, booking: Booking, occurrences: Sequence[Occurrence], *, now: datetime, reason: str | None = None
) -> list[Occurrence]:
    require_change(actor, booking)
    _require_open(booking)
    assert actor is not None
    if any(o.booking_id != booking.id for o in occurrences):
        raise Invalid(_("Those dates do not belong to this booking."))
    chosen = [o for o in occurrences if o.active]
    if not chosen:
        raise Invalid(_("Those dates are already cancelled."))
    if any(o.ends_at <= now for o in chosen):
        raise Invalid(_("A date that has passed cannot be cancelled."))
    if len(chosen) == len(booking.active_occurrences()):
        cancel_booking(actor, booking, now=now, reason=reason)
        return chosen
    reason = clean_reason(reason)
    _cancel_occurrences(actor, chosen, reason, now)
    for occurrence in chosen:
        record(booking, actor, "occurrence_cancelled", now, reason, occurrence)
    mail.booking_mail("booking_cancelled", booking, now, occurrences=chosen, reason=reason)
    release_all(chosen, now)
    return chosen


def update_booking(
    actor: User | None,
    booking: Booking,
    *,
    now: datetime,
    title: str | None = None,
    purpose: str | None = None,
    expected_attendees: int | None = None,
    public: bool | None = None,
) -> Booking:
    """Change the description of a booking (not its time: see :func:`move_occurrence`).
    Arguments left None stay as they are."""
    require_change(actor, booking)
    _require_open(booking)
    new_title, new_purpose = rules.clean_text(
        booking.title if title is None else title,
        booking.purpose if purpose is None else purpose,
        booking.expected_attendees if expected_attendees is None else expected_attendees,
        booking.room,
    )
    changed = []
    for name, value in (
        ("title", new_title),
        ("purpose", new_purpose),
        ("expected_attendees", booking.expected_attendees if expected_attendees is None else expected_attendees),
        ("public", booking.public if public is None else bool(public)),
    ):
        if getattr(booking, name) != value:
            setattr(booking, name, value)
            changed.append(name)
    if changed:
        record(booking, actor, "updated", now, ", ".join(changed))
    db.session.flush()
    return booking


def move_occurrence(
    actor: User | None,
    occurrence: Occurrence,
    starts_at: datetime,
    ends_at: datetime,
    *,
    now: datetime,
    room: Room | None = None,
) -> Occurrence:
    """Move one date to another time and/or room, under the same rules and the invariant.
    On a clash nothing changes."""
    booking = occurrence.booking
    require_change(actor, booking)
    _require_open(booking)
    assert actor is not None
    if not occurrence.active:
        raise Invalid(_("A cancelled date cannot be moved."))
    target = room or occurrence.room
    if not target.active:
        raise Invalid(_("No such room."))
    rules.check_shape(target, starts_at, ends_at)
    rules.check_timing(actor, target, starts_at, ends_at, now)
    rules.check_open(target, starts_at, ends_at)
    slot = [(starts_at, ends_at)]
    for guard in BOOKING_GUARDS:
        guard(target, slot, now)
    clashes = claims.find_clashes(target, slot, ignore_occurrences=[occurrence.id])
    clashes += waitlist.offered_clashes(target, slot, actor, now)
    if clashes:
        raise claims.conflict(clashes, target)
    old = (occurrence.room, occurrence.starts_at, occurrence.ends_at)

    def build() -> None:
        for claim in list(occurrence.claims):
            occurrence.claims.remove(claim)
        db.session.flush()  # the old claims go before the new ones may overlap them
        occurrence.room, occurrence.starts_at, occurrence.ends_at = target, starts_at, ends_at
        occurrence.moved_from_starts_at = occurrence.moved_from_starts_at or old[1]
        claims.make_claims(occurrence, target)

    claims.write_guarded(target, [(starts_at, ends_at)], build)
    detail = f"{old[0].name} {rules.fmt_slot(old[1], old[2])} -> {target.name} {rules.fmt_slot(starts_at, ends_at)}"
    record(booking, actor, "occurrence_moved", now, detail, occurrence)
    db.session.flush()
    waitlist.release(old[0], old[1], old[2], now)
    return occurrence


def record_attendance(
    actor: User | None, occurrence: Occurrence, *, now: datetime, attendance: int | None = None, no_show: bool = False
) -> Occurrence:
    """After a date has begun: how many came, or that nobody did (staff, or the booker's side)."""
    booking = occurrence.booking
    require_change(actor, booking)
    if booking.status != BookingStatus.APPROVED or not occurrence.active:
        raise Invalid(_("Attendance can only be recorded for an approved date that was not cancelled."))
    if occurrence.starts_at > now:
        raise Invalid(_("Attendance can be recorded once the date has begun."))
    if no_show and attendance:
        raise Invalid(_("A date nobody came to has no attendance count."), fields={"attendance": attendance})
    if attendance is not None and (not isinstance(attendance, int) or isinstance(attendance, bool) or attendance < 0):
        raise Invalid(_("Attendance must be a whole number, 0 or more."), fields={"attendance": attendance})
    occurrence.attendance = 0 if no_show else attendance
    occurrence.no_show = bool(no_show)
    record(booking, actor, "attendance", now, "no-show" if no_show else str(attendance), occurrence)
    db.session.flush()
    return occurrence
