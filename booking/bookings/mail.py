"""Mail about bookings, queued in the outbox in the same transaction as the change."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select

from booking.bookings.models import Booking, BookingStatus, Occurrence, WaitlistEntry
from booking.bookings.rules import fmt, fmt_slot
from booking.extensions import db
from booking.notifications.services import queue_mail
from booking.timeutil import local_day_bounds, to_local


def slots(occurrences: Sequence[Occurrence]) -> list[str]:
    return [fmt_slot(o.starts_at, o.ends_at) for o in occurrences]


def booking_mail(
    kind: str,
    booking: Booking,
    now: datetime,
    *,
    occurrences: Sequence[Occurrence] | None = None,
    reason: str | None = None,
    skipped: Sequence[str] = (),
) -> None:
    """``kind`` is one of booking_received, booking_approved, booking_rejected,
    booking_cancelled, booking_reminder (templates/notifications/<kind>.txt)."""
    user = booking.user
    chosen = booking.active_occurrences() if occurrences is None else list(occurrences)
    queue_mail(
        kind=kind,
        to_email=user.email,
        to_name=user.name,
        locale=user.locale,
        context={
            "title": booking.title,
            "room": booking.room.name,
            "location": booking.room.location.name,
            "slots": slots(chosen),
            "reason": reason,
            "skipped": list(skipped),
            "pending": booking.status == "pending",
            "booking_id": booking.id,
        },
        about=("booking", booking.id),
        now=now,
    )


def offer_mail(entry: WaitlistEntry, now: datetime) -> None:
    queue_mail(
        kind="waitlist_offer",
        to_email=entry.user.email,
        to_name=entry.user.name,
        locale=entry.user.locale,
        context={
            "title": entry.title,
            "room": entry.room.name,
            "location": entry.room.location.name,
            "slot": fmt_slot(entry.starts_at, entry.ends_at),
            "expires": fmt(entry.offer_expires_at) if entry.offer_expires_at else "",
            "entry_id": entry.id,
        },
        about=("waitlist_entry", entry.id),
        now=now,
    )


def send_reminders(now: datetime) -> int:
    """Queue the day-before reminder for every active date of an approved booking that starts
    on the next local day and has not been reminded yet. Safe to run more than once a day."""
    start, end = local_day_bounds(to_local(now).date() + timedelta(days=1))
    due = db.session.scalars(
        select(Occurrence)
        .join(Booking, Occurrence.booking_id == Booking.id)
        .where(
            Booking.status == BookingStatus.APPROVED,
            Occurrence.active.is_(True),
            Occurrence.reminder_sent_at.is_(None),
            Occurrence.starts_at >= start,
            Occurrence.starts_at < end,
        )
        .order_by(Occurrence.starts_at)
    ).all()
    for occurrence in due:
        booking_mail("booking_reminder", occurrence.booking, now, occurrences=[occurrence])
        occurrence.reminder_sent_at = now
    db.session.flush()
    return len(due)
