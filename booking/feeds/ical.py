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

icalendar escapes text (commas, semicolons, newlines) and folds lines at 75 octets without
splitting a UTF-8 character.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vRecur

from booking.feeds.timezones import vtimezone

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
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("uid", feed.uid)
    calendar.add("name", feed.name)
    calendar.add("x-wr-calname", feed.name)
    if feed.description:
        calendar.add("description", feed.description)
        calendar.add("x-wr-caldesc", feed.description)
    calendar.add("x-wr-timezone", feed.timezone)
    if feed.url:
        calendar.add("url", feed.url)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", PUBLISHED_TTL)
    calendar.add_component(vtimezone(feed.timezone))
    for item in sorted(feed.items, key=lambda i: (i.uid, i.start)):
        calendar.add_component(_event(item, tz))
        for override in sorted(item.overrides, key=lambda o: o.original_start):
            calendar.add_component(_override(item, override, tz))
    return calendar.to_ical()


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("calendar times must be aware")
    return value.astimezone(UTC)


def _common(event: Event, item: CalendarItem, start: datetime, end: datetime, tz: ZoneInfo) -> None:
    event.add("uid", item.uid)
    event.add("dtstamp", _utc(item.changed_at))
    event.add("last-modified", _utc(item.changed_at))
    event.add("dtstart", _utc(start).astimezone(tz))
    event.add("dtend", _utc(end).astimezone(tz))


def _texts(event: Event, summary: str, description: str, location: str) -> None:
    event.add("summary", summary)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)


def _event(item: CalendarItem, tz: ZoneInfo) -> Event:
    if _utc(item.end) <= _utc(item.start):
        raise ValueError(f"{item.uid} ends before it starts")
    event = Event()
    _common(event, item, item.start, item.end, tz)
    event.add("sequence", item.sequence)
    _texts(event, item.summary, item.description, item.location)
    if item.url:
        event.add("url", item.url)
    if item.categories:
        event.add("categories", list(item.categories))
    event.add("status", item.status.value)
    event.add("transp", "OPAQUE" if item.busy else "TRANSPARENT")
    if item.rrule:
        rule = vRecur.from_ical(item.rrule)
        if item.until is not None:
            # With a TZID on DTSTART, RFC 5545 wants UNTIL in UTC.
            rule["UNTIL"] = [_utc(item.until)]
        event.add("rrule", rule)
        # One EXDATE line per date: some parsers read only the first of a comma list.
        for excluded in sorted(item.exdates):
            event.add("exdate", _utc(excluded).astimezone(tz))
    return event


def _override(item: CalendarItem, override: Override, tz: ZoneInfo) -> Event:
    event = Event()
    _common(event, item, override.start, override.end, tz)
    event.add("recurrence-id", _utc(override.original_start).astimezone(tz))
    event.add("sequence", item.sequence)
    _texts(
        event,
        override.summary if override.summary is not None else item.summary,
        override.description if override.description is not None else item.description,
        override.location if override.location is not None else item.location,
    )
    if item.url:
        event.add("url", item.url)
    event.add("status", item.status.value)
    event.add("transp", "OPAQUE" if item.busy else "TRANSPARENT")
    return event
