"""What a booking request would meet, without writing anything: the dates a series would
have, those skipped (closed, nonexistent time) and those already taken. The booking form
asks this while the user types; :func:`services.create_booking` decides for real."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from booking.accounts.models import User
from booking.accounts.permissions import is_authenticated
from booking.bookings import claims, rules, waitlist
from booking.bookings.recurrence import Recurrence
from booking.bookings.services import SkippedDate, plan_dates
from booking.rooms.models import Room


@dataclass
class Preview:
    slots: list[tuple[datetime, datetime]]
    skipped: list[SkippedDate] = field(default_factory=list)
    clashes: list[claims.Clash] = field(default_factory=list)

    @property
    def free(self) -> list[tuple[datetime, datetime]]:
        taken = {(clash.starts_at, clash.ends_at) for clash in self.clashes}
        return [slot for slot in self.slots if slot not in taken]


def preview_booking(
    viewer: User | None,
    room: Room,
    starts_at: datetime,
    ends_at: datetime,
    *,
    now: datetime,
    recurrence: Recurrence | None = None,
) -> Preview:
    """The dates and clashes of a wanted booking. Raises ``Invalid`` for a slot the room's
    rules refuse whatever the calendar says (length, step, closed for a single date)."""
    rules.check_shape(room, starts_at, ends_at)
    _rule, wanted, skipped = plan_dates(room, starts_at, ends_at, recurrence)
    found = claims.find_clashes(room, wanted)
    if is_authenticated(viewer):
        found += waitlist.offered_clashes(room, wanted, viewer, now)  # type: ignore[arg-type]
    clashes = sorted({(c.starts_at, c.ends_at): c for c in found}.values(), key=lambda c: c.starts_at)
    return Preview(wanted, skipped, clashes)
