"""A community's schedule: the recurrence rule, its exceptions, and the meetings they give.

The one place that expands a schedule, so the pages, the feeds and the figures agree on every
date. The rule is kept in the library's wall-clock time (17:00 stays 17:00 across a change to
or from summer time) and expanded with ``dateutil.rrule``; each meeting is then turned into
aware UTC instants. A wall-clock time in the spring-forward gap is read with the offset before
the change, as RFC 5545 does, so an ``.ics`` client and this module give the same instant.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from babel.dates import get_day_names
from dateutil.rrule import rrulestr
from flask_babel import format_time, get_locale
from flask_babel import gettext as _

from booking.accounts.models import User
from booking.communities.models import Community, CommunityException, ExceptionKind
from booking.communities.permissions import require_can_edit
from booking.errors import Invalid, NotFound
from booking.extensions import db
from booking.timeutil import library_tz, local_day_bounds, local_to_utc
from booking.validation import clean_text

FREQUENCIES = ("WEEKLY", "MONTHLY")
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Only the parts people use for a club evening; DTSTART and UNTIL come from the community.
_PART = re.compile(r"^(FREQ=(WEEKLY|MONTHLY)|INTERVAL=[1-4]|BYDAY=([+-]?[1-5]?(MO|TU|WE|TH|FR|SA|SU),?)+)$")
MAX_SESSIONS = 2000


@dataclass(frozen=True)
class Session:
    """One meeting of a community. ``original_date`` is the local date the rule gives (the
    key of an exception); ``starts_at``/``ends_at`` are where it really is, in UTC."""

    community_id: int
    original_date: date
    original_starts_at: datetime
    starts_at: datetime
    ends_at: datetime
    kind: ExceptionKind | None = None  # None: as scheduled
    note: str | None = None

    @property
    def cancelled(self) -> bool:
        return self.kind == ExceptionKind.CANCELLED

    @property
    def moved(self) -> bool:
        return self.kind == ExceptionKind.MOVED


def clean_rule(rule: str) -> str:
    """A recurrence rule as the schedule stores it, or ``Invalid``."""
    parts = [part.strip().upper() for part in (rule or "").strip().split(";") if part.strip()]
    if not parts or not all(_PART.match(part) for part in parts) or not parts[0].startswith("FREQ="):
        raise Invalid(_("The schedule is not a rule the library supports."), fields={"recurrence": "invalid"})
    if not any(part.startswith("BYDAY=") for part in parts):
        raise Invalid(_("Choose the weekday the community meets."), fields={"weekday": "required"})
    try:
        rrulestr(";".join(parts), dtstart=datetime(2026, 1, 1))
    except (ValueError, TypeError):
        raise Invalid(_("The schedule is not a rule the library supports."), fields={"recurrence": "invalid"}) from None
    return ";".join(parts)


def wall_clock(day: date, clock: time) -> datetime:
    """The UTC instant of a local wall-clock time (in the spring gap: the offset before it)."""
    return datetime.combine(day, clock).replace(tzinfo=library_tz(), fold=0).astimezone(UTC)


def duration(community: Community) -> timedelta:
    return datetime.combine(date.min, community.end_time) - datetime.combine(date.min, community.start_time)


def _rule(community: Community):
    """The community's rule from its first day, parsed once per loaded community (dateutil
    keeps the dates it has found, so later look-ups in the same request are cheap)."""
    key = (community.recurrence, community.valid_from)
    cached = community.__dict__.get("_schedule_rule")
    if cached is None or cached[0] != key:
        rule = rrulestr(community.recurrence, dtstart=datetime.combine(community.valid_from, time()), cache=True)
        cached = (key, rule)
        community.__dict__["_schedule_rule"] = cached
    return cached[1]


def series_dates(community: Community, first: date, last: date) -> list[date]:
    """The local dates the rule gives from ``first`` through ``last``, within the community's
    validity, before exceptions."""
    first = max(first, community.valid_from)
    if community.valid_until is not None:
        last = min(last, community.valid_until)
    if last < first:
        return []
    found = _rule(community).between(datetime.combine(first, time()), datetime.combine(last, time()), inc=True)
    return [moment.date() for moment in found[:MAX_SESSIONS]]


@lru_cache(maxsize=256)
def parse_rule(recurrence: str) -> tuple[str, int, tuple[tuple[int, int], ...]]:
    """(FREQ, INTERVAL, ((nth, weekday), ...)) of a stored rule; nth 0 means every such day."""
    parts = dict(part.split("=", 1) for part in recurrence.split(";"))
    days = tuple(
        (int(code[:-2] or 0), WEEKDAY_CODES.index(code[-2:])) for code in parts.get("BYDAY", "").split(",") if code
    )
    return parts["FREQ"], int(parts.get("INTERVAL", 1)), days


def is_scheduled(community: Community, day: date) -> bool:
    """Whether the rule gives ``day`` (within the validity). Worked out directly for the rules
    :func:`clean_rule` allows, because the feeds ask it for every exception of every series;
    the tests check it against ``dateutil.rrule``."""
    start, until = community.valid_from, community.valid_until
    if day < start or (until is not None and day > until):
        return False
    freq, interval, days = parse_rule(community.recurrence)
    weekday = day.weekday()
    if freq == "WEEKLY":
        if weekday not in {d for _n, d in days}:
            return False
        weeks = ((day - timedelta(days=weekday)) - (start - timedelta(days=start.weekday()))).days // 7
        return weeks % interval == 0
    if ((day.year - start.year) * 12 + day.month - start.month) % interval:
        return False
    from_end = (calendar.monthrange(day.year, day.month)[1] - day.day) // 7 + 1
    from_start = (day.day - 1) // 7 + 1
    return any(d == weekday and n in (0, from_start, -from_end) for n, d in days)


def first_date(community: Community) -> date | None:
    """The first date of the series (DTSTART of its calendar entry)."""
    day = community.valid_from
    for _step in range(7 * 5 * 4 + 31):  # the longest gap: every fourth month
        if community.valid_until is not None and day > community.valid_until:
            return None
        if is_scheduled(community, day):
            return day
        day += timedelta(days=1)
    return None


def sessions(
    community: Community, start: datetime, end: datetime, *, include_cancelled: bool = True
) -> list[Session]:
    """The meetings that start in ``[start, end)`` (UTC instants), with moved ones at their new
    time, sorted by start. Cancelled ones are left out unless asked for (pages show them
    struck through; the feed leaves them out)."""
    tz = library_tz()
    exceptions = {exception.original_date: exception for exception in community.exceptions}
    span = duration(community)
    days = set(series_dates(community, start.astimezone(tz).date(), end.astimezone(tz).date()))
    # A moved meeting may land in the window from a date outside it.
    days |= {
        day
        for day, exception in exceptions.items()
        if exception.kind == ExceptionKind.MOVED and day not in days and is_scheduled(community, day)
    }
    found: list[Session] = []
    for day in sorted(days):
        original = wall_clock(day, community.start_time)
        exception = exceptions.get(day)
        session = _apply(community.id, day, original, original + span, exception)
        if not start <= session.starts_at < end:
            continue
        if session.cancelled and not include_cancelled:
            continue
        found.append(session)
    return sorted(found, key=lambda s: (s.starts_at, s.original_date))


def _apply(
    community_id: int, day: date, starts_at: datetime, ends_at: datetime, exception: CommunityException | None
) -> Session:
    if exception is None:
        return Session(community_id, day, starts_at, starts_at, ends_at)
    if exception.kind == ExceptionKind.MOVED and exception.starts_at and exception.ends_at:
        return Session(
            community_id, day, starts_at, exception.starts_at, exception.ends_at, ExceptionKind.MOVED, exception.note
        )
    return Session(community_id, day, starts_at, starts_at, ends_at, ExceptionKind.CANCELLED, exception.note)


def upcoming(community: Community, now: datetime, *, days: int = 90, limit: int = 10) -> list[Session]:
    """The next meetings (cancelled ones included, so the page can say so)."""
    return sessions(community, now, now + timedelta(days=days))[:limit]


def sessions_on_days(community: Community, first: date, last: date, **kwargs: bool) -> list[Session]:
    start, _ = local_day_bounds(first)
    _, end = local_day_bounds(last)
    return sessions(community, start, end, **kwargs)


def weekdays(community: Community) -> set[int]:
    """The weekdays (0 = Monday) the rule meets on, for filtering."""
    days: set[int] = set()
    for part in community.recurrence.split(";"):
        if part.startswith("BYDAY="):
            for code in part[len("BYDAY=") :].split(","):
                days.add(WEEKDAY_CODES.index(code[-2:]))
    return days


def meets_on(communities: Iterable[Community], weekday: int) -> list[Community]:
    return [community for community in communities if weekday in weekdays(community)]


# --- cancelling and moving single dates --------------------------------------------------------


def local_today(now: datetime) -> date:
    return now.astimezone(library_tz()).date()


def _note(note: str | None) -> str | None:
    return clean_text(note, "note", label=_("Note for the public"), max_length=300, required=False)


def _scheduled_date(community: Community, day: date | None) -> date:
    if day is None or not is_scheduled(community, day):
        raise Invalid(_("The community does not meet on that date."), fields={"original_date": "invalid"})
    return day


def _exception(community: Community, day: date, now: datetime, actor: User) -> CommunityException:
    for exception in community.exceptions:
        if exception.original_date == day:
            exception.created_at, exception.created_by_id = now, actor.id
            return exception
    exception = CommunityException(original_date=day, created_at=now, created_by_id=actor.id)
    community.exceptions.append(exception)
    return exception


def cancel_date(actor: User, community: Community, day: date | None, note: str | None, now: datetime) -> Session:
    """Cancel one meeting ("Aflyst i vinterferien"). It disappears from calendars."""
    require_can_edit(actor, community)
    day = _scheduled_date(community, day)
    exception = _exception(community, day, now, actor)
    exception.kind, exception.starts_at, exception.ends_at = ExceptionKind.CANCELLED, None, None
    exception.note = _note(note)
    touch(community, now)
    _follow(actor, community, day, now)
    return sessions_on_days(community, day, day)[0]


def move_date(
    actor: User,
    community: Community,
    day: date | None,
    new_day: date | None,
    start: time | None,
    end: time | None,
    note: str | None,
    now: datetime,
) -> Session:
    """Hold one meeting at another time or on another day."""
    require_can_edit(actor, community)
    day = _scheduled_date(community, day)
    if new_day is None or start is None or end is None:
        raise Invalid(_("Give the new date and times."), fields={"new_date": "required"})
    starts_at, ends_at = local_to_utc(new_day, start), local_to_utc(new_day, end)
    if ends_at <= starts_at:
        raise Invalid(_("The meeting must end after it starts."), fields={"end_time": "invalid"})
    if abs((new_day - day).days) > 60:
        raise Invalid(_("A meeting can be moved at most 60 days."), fields={"new_date": "invalid"})
    exception = _exception(community, day, now, actor)
    exception.kind, exception.starts_at, exception.ends_at = ExceptionKind.MOVED, starts_at, ends_at
    exception.note = _note(note)
    touch(community, now)
    _follow(actor, community, day, now)
    return _apply(community.id, day, wall_clock(day, community.start_time), ends_at, exception)


def restore_date(actor: User, community: Community, day: date, now: datetime) -> None:
    """Undo a cancellation or a move: the meeting is back as scheduled."""
    require_can_edit(actor, community)
    for exception in list(community.exceptions):
        if exception.original_date == day:
            community.exceptions.remove(exception)
            touch(community, now)
            _follow(actor, community, day, now)
            return
    raise NotFound(_("That date is not cancelled or moved."))


def _follow(actor: User, community: Community, day: date, now: datetime) -> None:
    """The booking series follows the changed date (its module builds on this one)."""
    from booking.communities import holding

    holding.follow_date(actor, community, day, now)


def touch(community: Community, now: datetime) -> None:
    """Mark a change: calendar apps take a higher SEQUENCE as the newer version."""
    community.sequence = (community.sequence or 0) + 1
    community.updated_at = now
    db.session.flush()


# --- in words ------------------------------------------------------------------------------------


def _ordinal(n: int) -> str:
    return {
        1: _("first"), 2: _("second"), 3: _("third"), 4: _("fourth"), 5: _("fifth"), -1: _("last")
    }.get(n, str(n))


def describe(community: Community) -> str:
    """The schedule in words: "Every Tuesday, 17:00–19:00" ("Hver tirsdag, 17.00–19.00")."""
    locale = get_locale() or "da"
    names = get_day_names("wide", locale=locale)
    parts = dict(part.split("=", 1) for part in community.recurrence.split(";"))
    days = [(code[:-2], WEEKDAY_CODES.index(code[-2:])) for code in parts.get("BYDAY", "").split(",") if code]
    clock = f"{format_time(community.start_time, 'short', rebase=False)}–" + format_time(
        community.end_time, "short", rebase=False
    )
    if parts.get("FREQ") == "MONTHLY":
        words = [_("the %(nth)s %(day)s", nth=_ordinal(int(n or 1)), day=names[day]) for n, day in days]
        rule = _("%(days)s of the month", days=_(" and ").join(words))
    else:
        day_words = _(" and ").join(names[day] for _n, day in days)
        rule = _("Every other %(days)s", days=day_words) if parts.get("INTERVAL", "1") == "2" else _(
            "Every %(days)s", days=day_words
        )
    return f"{rule[:1].upper()}{rule[1:]}, {clock}"
