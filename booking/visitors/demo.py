"""Demo visitor counts: every day of last year and of this year until yesterday at the four
libraries, busier on weekdays and in the dark months, one month entered as a whole."""

from __future__ import annotations

from datetime import date, timedelta

from booking.demo import DemoContext
from booking.extensions import db
from booking.rooms.hours import public_holidays
from booking.timeutil import daterange, local_date
from booking.visitors.models import CountSource, CountSpan, VisitorCount

# Typical visitors on a weekday, per library.
BASE = {"hovedbiblioteket-soeby": 950, "lindved-bibliotek": 140, "havnstrup-bibliotek": 260, "egebjerg-bibliotek": 90}
SEASON = {1: 1.1, 2: 1.1, 3: 1.05, 4: 1.0, 5: 0.95, 6: 0.85, 7: 0.7, 8: 0.85, 9: 1.0, 10: 1.05, 11: 1.1, 12: 0.95}


def seed(ctx: DemoContext) -> None:
    today = local_date(ctx.now)
    first, last = date(today.year - 1, 1, 1), today - timedelta(days=1)
    holidays = public_holidays(first, last)
    staff = ctx.users.get("personale@folkebiblioteket.example")
    for slug, base in BASE.items():
        place = ctx.locations.get(slug)
        if place is None:
            continue
        for day in daterange(first, last):
            if slug == "egebjerg-bibliotek" and day.year == today.year - 1 and day.month == 2:
                continue  # entered as a whole month below (the counter was broken)
            factor = (0.6 if day.weekday() == 5 else 0.35 if day.weekday() == 6 else 1.0) * SEASON[day.month]
            visitors = 0 if day in holidays else int(base * factor * ctx.rng.uniform(0.8, 1.2))
            db.session.add(
                VisitorCount(
                    location_id=place.id, span=CountSpan.DAY, day=day, visitors=visitors,
                    source=CountSource.IMPORT, entered_at=ctx.now,
                )
            )
        if slug == "egebjerg-bibliotek":
            db.session.add(
                VisitorCount(
                    location_id=place.id, span=CountSpan.MONTH, day=date(today.year - 1, 2, 1), visitors=1870,
                    source=CountSource.MANUAL, entered_at=ctx.now, entered_by_id=staff.id if staff else None,
                )
            )
    db.session.flush()
