"""An activity's hold on its room, through the booking core.

An activity in a room owns one booking of that room (made by the staff member, approved at
once, public, with the activity's title), so the booking core's invariant keeps rooms from
clashing with other bookings and other activities, halls and their parts included. Moving the
activity moves the booking's date; cancelling it cancels the booking, which frees the slot
(and offers it to the room waitlist).
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from booking.accounts.models import User
from booking.activities.models import Activity
from booking.bookings import changes
from booking.bookings import services as bookings
from booking.bookings.models import HOLDING


def _purpose(activity: Activity) -> str:
    return _("Activity in the library's programme: %(title)s", title=activity.title)


def hold(actor: User, activity: Activity, now: datetime) -> None:
    """Book the activity's room for its time (nothing when it has no room). Raises the booking
    core's Conflict or Invalid (closed, outside opening hours, the room's rules)."""
    if activity.room is None:
        return
    result = bookings.create_booking(
        actor, activity.room, activity.starts_at, activity.ends_at,
        title=activity.title, purpose=_purpose(activity), public=True, now=now,
    )  # fmt: skip
    activity.booking = result.booking


def _live_booking(activity: Activity):
    booking = activity.booking
    return booking if booking is not None and booking.status in HOLDING else None


def move(actor: User, activity: Activity, now: datetime) -> None:
    """Follow a change of time or room: move the booked date, or book or free the room."""
    booking = _live_booking(activity)
    if booking is None:
        hold(actor, activity, now)
        return
    if activity.room is None:
        changes.cancel_booking(actor, booking, now=now, reason=_("The activity no longer uses the room."))
        activity.booking = None
        return
    occurrence = booking.active_occurrences()[0]
    changes.move_occurrence(actor, occurrence, activity.starts_at, activity.ends_at, now=now, room=activity.room)
    changes.update_booking(actor, booking, now=now, title=activity.title, purpose=_purpose(activity))


def rename(actor: User, activity: Activity, now: datetime) -> None:
    booking = _live_booking(activity)
    if booking is not None:
        changes.update_booking(actor, booking, now=now, title=activity.title, purpose=_purpose(activity))


def release(actor: User, activity: Activity, now: datetime) -> None:
    """Free the room of a cancelled activity."""
    booking = _live_booking(activity)
    if booking is not None and any(o.ends_at > now for o in booking.active_occurrences()):
        changes.cancel_booking(actor, booking, now=now, reason=activity.cancel_reason)


def record_attendance(actor: User, activity: Activity, now: datetime) -> None:
    """The activity's headcount is the attendance of its room booking too, so the room figures
    (attendance, no-shows) agree with the engagement overview."""
    booking = _live_booking(activity)
    occurrences = booking.active_occurrences() if booking is not None else []
    if occurrences:
        count = activity.attendance_count or 0
        changes.record_attendance(actor, occurrences[0], now=now, attendance=count or None, no_show=count == 0)
