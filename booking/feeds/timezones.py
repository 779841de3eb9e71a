"""A rule-based VTIMEZONE, derived from the IANA zone.

icalendar's own VTIMEZONE lists every past transition as comma-separated RDATEs. ical.js
(Thunderbird) reads only the first value of such a list, so every later summer comes out an
hour off, and it writes the spring onset at 03:00 where RFC 5545 wants the local time before
the change (02:00). Outlook desktop also prefers the classic form that it writes itself: one
STANDARD and one DAYLIGHT part from 1970 with a yearly RRULE, which is what this builds from
the rules the zone follows today.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
RULE_YEAR = 2025  # a recent year whose transitions show the rule in force


@dataclass(frozen=True)
class Onset:
    """A change of offset: local wall-clock time (before the change) and the offsets."""

    local: datetime
    offset_from: timedelta
    offset_to: timedelta
    name: str

    @property
    def month(self) -> int:
        return self.local.month

    @property
    def byday(self) -> str:
        """The weekday of the month: "-1SU" for the last Sunday, "2SU" for the second."""
        day = self.local.day
        code = DAY_CODES[self.local.weekday()]
        last_day = calendar.monthrange(self.local.year, self.local.month)[1]
        if day + 7 > last_day:
            return f"-1{code}"
        return f"{(day - 1) // 7 + 1}{code}"


def onsets(tz: ZoneInfo, year: int = RULE_YEAR) -> list[Onset]:
    """The offset changes of ``year``, found hour by hour (then to the minute) in UTC."""
    found: list[Onset] = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    offset = moment.astimezone(tz).utcoffset()
    while moment < end:
        later = moment + timedelta(hours=1)
        if later.astimezone(tz).utcoffset() != offset:
            change = moment
            while change.astimezone(tz).utcoffset() == offset:
                change += timedelta(minutes=1)
            new = change.astimezone(tz)
            assert offset is not None and new.utcoffset() is not None
            local_before = (change + offset).replace(tzinfo=None)
            found.append(Onset(local_before, offset, new.utcoffset(), new.tzname() or ""))  # type: ignore[arg-type]
            offset = new.utcoffset()
        moment = later
    return found


def _first_in_1970(onset: Onset) -> datetime:
    """DTSTART of the rule: its first occurrence in 1970, at the onset's local time."""
    weekday = DAY_CODES.index(onset.byday[-2:])
    nth = int(onset.byday[:-2])
    days = [d for d in range(1, calendar.monthrange(1970, onset.month)[1] + 1)
            if date(1970, onset.month, d).weekday() == weekday]
    day = days[nth] if nth < 0 else days[nth - 1]
    return datetime(1970, onset.month, day, onset.local.hour, onset.local.minute)


def _offset_name(tz: ZoneInfo, offset: timedelta) -> str:
    moment = datetime(RULE_YEAR, 1, 15, tzinfo=UTC)
    for _ in range(366):
        local = moment.astimezone(tz)
        if local.utcoffset() == offset:
            return local.tzname() or ""
        moment += timedelta(days=1)
    return ""


@lru_cache(maxsize=8)
def vtimezone_bytes(name: str) -> bytes:
    """The VTIMEZONE of the zone ``name`` as content lines (CRLF, ending in CRLF)."""
    tz = ZoneInfo(name)
    component = Timezone()
    component.add("tzid", name)
    changes = onsets(tz)
    if not changes:
        offset = datetime(RULE_YEAR, 1, 1, tzinfo=UTC).astimezone(tz).utcoffset() or timedelta()
        standard = TimezoneStandard()
        standard.add("dtstart", datetime(1970, 1, 1))
        standard.add("tzoffsetfrom", offset)
        standard.add("tzoffsetto", offset)
        standard.add("tzname", _offset_name(tz, offset))
        component.add_component(standard)
        return component.to_ical()
    for onset in changes:
        part = TimezoneDaylight() if onset.offset_to > onset.offset_from else TimezoneStandard()
        part.add("dtstart", _first_in_1970(onset))
        part.add("rrule", vRecur(freq="YEARLY", bymonth=onset.month, byday=onset.byday))
        part.add("tzoffsetfrom", onset.offset_from)
        part.add("tzoffsetto", onset.offset_to)
        part.add("tzname", onset.name)
        component.add_component(part)
    return component.to_ical()


def vtimezone(name: str) -> Timezone:
    """A fresh VTIMEZONE component for the zone ``name`` (e.g. "Europe/Copenhagen")."""
    return Timezone.from_ical(vtimezone_bytes(name))
