"""Series in the library's wall-clock time, expanded with ``dateutil.rrule``.

A weekly series 17:00–19:00 stays 17:00–19:00 local across the DST changes: each date is
expanded as a naive local time and only then turned into UTC.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import islice

from dateutil.rrule import MONTHLY, WEEKLY, rrule, rrulestr, weekday
from flask_babel import gettext as _

from booking.errors import Invalid
from booking.timeutil import library_tz, to_local, wall_clock_exists

MAX_OCCURRENCES = 200


class Frequency(enum.StrEnum):
    WEEKLY = "weekly"  # every ``interval`` weeks on the start's weekday
    MONTHLY_WEEKDAY = "monthly_weekday"  # e.g. the 2nd Tuesday of every month


@dataclass(frozen=True)
class Recurrence:
    frequency: Frequency | str = Frequency.WEEKLY
    interval: int = 1
    until: date | None = None  # last possible local date, inclusive
    count: int | None = None


@dataclass(frozen=True)
class LocalDate:
    """One expanded date: its wall-clock start, and the UTC slot (None if the wall-clock time
    does not exist that day)."""

    local_start: datetime
    starts_at: datetime | None
    ends_at: datetime | None


def nth_weekday(day: date) -> int:
    """Which weekday of its month ``day`` is: 1..4, or -1 for the last (5th) one."""
    n = (day.day - 1) // 7 + 1
    return -1 if n == 5 else n


def build_rule(recurrence: Recurrence, local_start: datetime) -> rrule:
    try:
        frequency = Frequency(recurrence.frequency)
    except ValueError:
        raise Invalid(
            _("Unknown repetition: %(value)s.", value=recurrence.frequency), fields={"frequency": "unknown"}
        ) from None
    if not isinstance(recurrence.interval, int) or not 1 <= recurrence.interval <= 52:
        raise Invalid(_("Repeat every 1 to 52 weeks or months."), fields={"interval": recurrence.interval})
    if (recurrence.until is None) == (recurrence.count is None):
        raise Invalid(_("Give either an end date or a number of dates for the series."), fields={"until": "required"})
    if recurrence.count is not None and not 1 <= recurrence.count <= MAX_OCCURRENCES:
        raise Invalid(too_many_message(), fields={"count": recurrence.count})
    if recurrence.until is not None and recurrence.until < local_start.date():
        raise Invalid(_("The series must end after its first date."), fields={"until": recurrence.until.isoformat()})
    kwargs: dict = {"dtstart": local_start, "interval": recurrence.interval}
    if recurrence.count is not None:
        kwargs["count"] = recurrence.count
    else:
        kwargs["until"] = datetime.combine(recurrence.until, local_start.time())  # type: ignore[arg-type]
    if frequency == Frequency.WEEKLY:
        return rrule(WEEKLY, **kwargs)
    by = weekday(local_start.weekday(), nth_weekday(local_start.date()))
    return rrule(MONTHLY, byweekday=by, **kwargs)


def too_many_message() -> str:
    return _("A series can have at most %(n)d dates; split it into shorter series.", n=MAX_OCCURRENCES)


def expand_text(text: str, duration: timedelta) -> list[LocalDate]:
    return expand(rrulestr(text), duration)  # type: ignore[arg-type]


def expand(rule: rrule, duration: timedelta) -> list[LocalDate]:
    """Every date of the rule (at most MAX_OCCURRENCES, or ``Invalid``), turned into UTC."""
    starts = list(islice(iter(rule), MAX_OCCURRENCES + 1))
    if len(starts) > MAX_OCCURRENCES:
        raise Invalid(too_many_message(), fields={"until": "too_many"})
    tz = library_tz()
    dates = []
    for local_start in starts:
        local_end = local_start + duration
        if not (wall_clock_exists(local_start, tz) and wall_clock_exists(local_end, tz)):
            dates.append(LocalDate(local_start, None, None))
            continue
        dates.append(
            LocalDate(
                local_start,
                local_start.replace(tzinfo=tz).astimezone(UTC),
                local_end.replace(tzinfo=tz).astimezone(UTC),
            )
        )
    return dates


def wall_clock(starts_at: datetime, ends_at: datetime) -> tuple[datetime, timedelta]:
    """A UTC slot as a naive local start and a wall-clock length."""
    local_start = to_local(starts_at).replace(tzinfo=None)
    local_end = to_local(ends_at).replace(tzinfo=None)
    return local_start, local_end - local_start
