"""The iCalendar writer: calendar items in, RFC 5545 bytes out.

Every feed (communities, activities, rooms, personal) describes its entries as
:class:`CalendarItem` values and calls :func:`write_calendar`. The writer takes care of what
calendar apps are picky about:

- times in the library's zone with a TZID and a rule-based VTIMEZONE (never floating);
- a series is one VEVENT with an RRULE in local time; a cancelled date is an EXDATE of the
  same type and TZID as DTSTART (so it vanishes in every client); a moved date is an override
  with RECURRENCE-ID, no RRULE and a SEQUENCE no lower than the series';
- DTSTAMP, LAST-MODIFIED and the calendar's UID come from the data, and items and their
  properties are written in a fixed order, so the same data gives the same bytes (and ETag);
- NAME/X-WR-CALNAME, DESCRIPTION/X-WR-CALDESC, REFRESH-INTERVAL and X-PUBLISHED-TTL.

icalendar encodes the values (escaping commas, semicolons, backslashes and newlines in text);
lines are folded at 75 octets without splitting a UTF-8 character.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import vCategory, vDuration, vRecur, vText

from booking.feeds.timezones import vtimezone_bytes

PRODID = "-//Folkebiblioteket//Lokaler og Faellesskaber//DA"
REFRESH = timedelta(hours=6)
PUBLISHED_TTL = "PT6H"


class ItemStatus(enum.StrEnum):
    CONFIRMED = "CONFIRMED"
    TENTATIVE = "TENTATIVE"
    CANCELLED = "CANCELLED"  # only for a whole one-off event; a series date uses exdates


@dataclass(frozen=True)
class Override:
    """One date of a series at another time (or with other text): a RECURRENCE-ID event."""

    original_start: datetime  # the start the rule gives for that date (aware)
    start: datetime
    end: datetime
    summary: str | None = None  # None: as the series
    description: str | None = None
    location: str | None = None


@dataclass(frozen=True)
class CalendarItem:
    """One event, or one series of events when ``rrule`` is set.

    ``uid`` must be stable for the life of the item and unique to the feed family (a booking
    in a room feed and in a personal feed needs two UIDs, or clients merge the calendars).
    ``sequence`` must rise on every change, and ``changed_at`` is the time of the last change
    (written as LAST-MODIFIED and DTSTAMP). ``rrule`` is in the library's wall-clock time and
    holds no DTSTART, UNTIL or COUNT: ``until`` is the start of the last meeting.
    """

    uid: str
    summary: str
    start: datetime
    end: datetime
    changed_at: datetime
    sequence: int = 0
    description: str = ""
    location: str = ""
    url: str = ""
    categories: tuple[str, ...] = ()
    status: ItemStatus = ItemStatus.CONFIRMED
    busy: bool = True
    rrule: str | None = None
    until: datetime | None = None
    exdates: tuple[datetime, ...] = ()
    overrides: tuple[Override, ...] = ()


@dataclass(frozen=True)
class CalendarFeed:
    uid: str  # stable per feed, e.g. "communities-location-3@host"
    name: str
    description: str
    items: Sequence[CalendarItem] = field(default_factory=tuple)
    url: str = ""
    timezone: str = "Europe/Copenhagen"

    @property
    def last_modified(self) -> datetime | None:
        return max((item.changed_at for item in self.items), default=None)


def write_calendar(feed: CalendarFeed) -> bytes:
    """The feed as ``text/calendar`` bytes (CRLF line ends, folded, UTF-8)."""
    tz = ZoneInfo(feed.timezone)
    out: list[bytes] = [b"BEGIN:VCALENDAR"]
    add = out.append
    add(b"VERSION:2.0")
    add(_text_line("PRODID", PRODID))
    add(b"CALSCALE:GREGORIAN")
    add(b"METHOD:PUBLISH")
    add(_text_line("UID", feed.uid))
    add(_text_line("NAME", feed.name))
    add(_text_line("X-WR-CALNAME", feed.name))
    if feed.description:
        add(_text_line("DESCRIPTION", feed.description))
        add(_text_line("X-WR-CALDESC", feed.description))
    add(_text_line("X-WR-TIMEZONE", feed.timezone))
    if feed.url:
        add(_fold(b"URL;VALUE=URI:" + feed.url.encode()))
    add(b"REFRESH-INTERVAL;VALUE=DURATION:" + vDuration(REFRESH).to_ical())
    add(b"X-PUBLISHED-TTL:" + PUBLISHED_TTL.encode())
    add(vtimezone_bytes(feed.timezone).rstrip(b"\r\n"))
    for item in sorted(feed.items, key=lambda i: (i.uid, _utc(i.start))):
        _event(add, item, tz)
        for override in sorted(item.overrides, key=lambda o: _utc(o.original_start)):
            _override(add, item, override, tz)
    add(b"END:VCALENDAR")
    return b"\r\n".join(out) + b"\r\n"


# --- content lines ---------------------------------------------------------------------------
# icalendar encodes the values (text escaping, recurrence rules, durations); the lines are put
# together here, because building a Component per event and folding character by character
# made a feed of 500 series take over a second.


def _fold(line: bytes) -> bytes:
    """Fold at 75 octets (continuations start with a space), never inside a UTF-8 character
    and never right after a backslash (some clients then misread the escape)."""
    if len(line) <= 75:
        return line
    parts: list[bytes] = []
    limit = 75
    while len(line) > limit:
        cut = limit
        while cut > 1 and (line[cut] & 0xC0) == 0x80:  # a UTF-8 continuation byte: back up
            cut -= 1
        if line[cut - 1 : cut] == b"\\":
            cut -= 1
        parts.append(line[:cut])
        line = line[cut:]
        limit = 74  # the leading space counts
    parts.append(line)
    return b"\r\n ".join(parts)


def _text_line(name: str, value: str) -> bytes:
    return _fold(name.encode() + b":" + vText(value).to_ical())


@lru_cache(maxsize=1024)
def _rule_text(rrule: str) -> bytes:
    """A recurrence rule as icalendar writes it; it must not carry its own end or count."""
    rule = vRecur.from_ical(rrule)
    if {"UNTIL", "COUNT", "DTSTART"} & set(rule):
        raise ValueError("give the end of a series as CalendarItem.until")
    return rule.to_ical()


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("calendar times must be aware")
    return value.astimezone(UTC)


def _utc_stamp(value: datetime) -> bytes:
    return _utc(value).strftime("%Y%m%dT%H%M%SZ").encode()


def _local_line(name: str, value: datetime, tz: ZoneInfo) -> bytes:
    local = _utc(value).astimezone(tz).strftime("%Y%m%dT%H%M%S")
    return f"{name};TZID={tz.key}:{local}".encode()


def _common(add, item: CalendarItem, start: datetime, end: datetime, tz: ZoneInfo) -> None:
    add(b"BEGIN:VEVENT")
    add(_text_line("UID", item.uid))
    add(b"DTSTAMP:" + _utc_stamp(item.changed_at))
    add(b"LAST-MODIFIED:" + _utc_stamp(item.changed_at))
    add(_local_line("DTSTART", start, tz))
    add(_local_line("DTEND", end, tz))


def _details(add, item: CalendarItem, summary: str, description: str, location: str) -> None:
    add(b"SEQUENCE:" + str(int(item.sequence)).encode())
    add(_text_line("SUMMARY", summary))
    if description:
        add(_text_line("DESCRIPTION", description))
    if location:
        add(_text_line("LOCATION", location))
    if item.url:
        add(_fold(b"URL;VALUE=URI:" + item.url.encode()))
    add(b"STATUS:" + item.status.value.encode())
    add(b"TRANSP:" + (b"OPAQUE" if item.busy else b"TRANSPARENT"))


def _event(add, item: CalendarItem, tz: ZoneInfo) -> None:
    if _utc(item.end) <= _utc(item.start):
        raise ValueError(f"{item.uid} ends before it starts")
    _common(add, item, item.start, item.end, tz)
    _details(add, item, item.summary, item.description, item.location)
    if item.categories:
        add(_fold(b"CATEGORIES:" + vCategory(list(item.categories)).to_ical()))
    if item.rrule:
        rule = _rule_text(item.rrule)
        if item.until is not None:
            # With a TZID on DTSTART, RFC 5545 wants UNTIL in UTC.
            rule += b";UNTIL=" + _utc_stamp(item.until)
        add(_fold(b"RRULE:" + rule))
        # One EXDATE line per date: some parsers read only the first of a comma list.
        for excluded in sorted(_utc(e) for e in item.exdates):
            add(_local_line("EXDATE", excluded, tz))
    add(b"END:VEVENT")


def _override(add, item: CalendarItem, override: Override, tz: ZoneInfo) -> None:
    _common(add, item, override.start, override.end, tz)
    add(_local_line("RECURRENCE-ID", override.original_start, tz))
    _details(
        add,
        item,
        override.summary if override.summary is not None else item.summary,
        override.description if override.description is not None else item.description,
        override.location if override.location is not None else item.location,
    )
    add(b"END:VEVENT")
