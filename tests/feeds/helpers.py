"""Reading a feed the way calendar apps do: parse it, expand the series, compare in UTC."""

from __future__ import annotations

from datetime import UTC, datetime

import recurring_ical_events
from icalendar import Calendar

from booking.communities import schedule
from booking.communities.models import Community


def parse(body: bytes) -> Calendar:
    return Calendar.from_ical(body)


def expand(body: bytes, start: datetime, end: datetime) -> list[tuple[datetime, datetime, str]]:
    """Every occurrence in ``[start, end)`` as (start UTC, end UTC, summary), sorted."""
    events = recurring_ical_events.of(parse(body)).between(start, end)
    found = [
        (e["DTSTART"].dt.astimezone(UTC), e["DTEND"].dt.astimezone(UTC), str(e["SUMMARY"])) for e in events
    ]
    return sorted(found)


def database_sessions(community: Community, start: datetime, end: datetime) -> list[tuple[datetime, datetime, str]]:
    return sorted(
        (s.starts_at, s.ends_at, community.title)
        for s in schedule.sessions(community, start, end, include_cancelled=False)
    )


def lines(body: bytes) -> list[bytes]:
    assert body.endswith(b"\r\n")
    return body[:-2].split(b"\r\n")


def unfolded(body: bytes) -> list[str]:
    result: list[str] = []
    for line in body.decode("utf-8").split("\r\n"):
        if line.startswith(" ") and result:
            result[-1] += line[1:]
        elif line:
            result.append(line)
    return result


def feed_at(now: datetime, build=None, *args) -> bytes:
    """A feed's bytes as the app would serve them at ``now`` (the window depends on it), built
    through the services so the test does not depend on today's date."""
    from flask import current_app

    from booking.feeds import services
    from booking.feeds.ical import write_calendar

    with current_app.test_request_context():
        return write_calendar((build or services.all_communities_feed)(*args, now))
