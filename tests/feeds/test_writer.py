"""The writer itself, without the database: the VTIMEZONE rule against zoneinfo, equal input
giving equal bytes, and the checks on what it is given."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr

from booking.feeds.ical import CalendarFeed, CalendarItem, Override, write_calendar
from booking.feeds.timezones import vtimezone
from tests.feeds.helpers import expand, unfolded

CPH = ZoneInfo("Europe/Copenhagen")
CHANGED = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)


def item(**overrides) -> CalendarItem:
    values = {
        "uid": "test-1@example.org",
        "summary": "Sprogcafé",
        "start": datetime(2026, 1, 7, 16, 30, tzinfo=UTC),
        "end": datetime(2026, 1, 7, 18, 0, tzinfo=UTC),
        "changed_at": CHANGED,
        "rrule": "FREQ=WEEKLY;BYDAY=WE",
    }
    values.update(overrides)
    return CalendarItem(**values)


def feed(*items: CalendarItem) -> CalendarFeed:
    return CalendarFeed(uid="feed-1", name="Test", description="Test feed", items=items)


def test_the_vtimezone_is_the_rule_based_1970_pair():
    text = vtimezone("Europe/Copenhagen").to_ical().decode()

    assert "RDATE" not in text
    assert "DTSTART:19700329T020000" in text  # spring onset at 02:00 local, not 03:00
    assert "DTSTART:19701025T030000" in text
    assert text.count("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3") == 1
    assert text.count("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10") == 1


@pytest.mark.parametrize("name", ["Europe/Copenhagen", "America/New_York", "Australia/Sydney"])
def test_the_vtimezone_onsets_agree_with_zoneinfo_for_decades(name):
    zone = ZoneInfo(name)
    for part in vtimezone(name).subcomponents:
        rule = rrulestr(part["RRULE"].to_ical().decode(), dtstart=part["DTSTART"].dt)
        offset_from, offset_to = part["TZOFFSETFROM"].td, part["TZOFFSETTO"].td
        for local_onset in rule.between(datetime(2020, 1, 1), datetime(2040, 12, 31)):
            instant = (local_onset - offset_from).replace(tzinfo=UTC)
            assert (instant - timedelta(minutes=1)).astimezone(zone).utcoffset() == offset_from, local_onset
            assert instant.astimezone(zone).utcoffset() == offset_to, local_onset


def test_a_zone_without_summer_time_has_one_standard_part():
    text = vtimezone("UTC").to_ical().decode()

    assert text.count("BEGIN:STANDARD") == 1
    assert "BEGIN:DAYLIGHT" not in text


def test_equal_input_gives_equal_bytes_whatever_the_order():
    one, two = item(uid="a@x"), item(uid="b@x", summary="Strik")

    assert write_calendar(feed(one, two)) == write_calendar(feed(two, one))


def test_times_are_written_on_the_feeds_wall_clock_with_a_tzid():
    text = unfolded(write_calendar(feed(item())))

    assert "DTSTART;TZID=Europe/Copenhagen:20260107T173000" in text
    assert "DTEND;TZID=Europe/Copenhagen:20260107T190000" in text
    assert "DTSTAMP:20260201T120000Z" in text
    assert "LAST-MODIFIED:20260201T120000Z" in text


def test_one_exdate_line_per_cancelled_date():
    cancelled = (datetime(2026, 1, 14, 16, 30, tzinfo=UTC), datetime(2026, 1, 21, 16, 30, tzinfo=UTC))

    text = unfolded(write_calendar(feed(item(exdates=cancelled))))

    assert [line for line in text if line.startswith("EXDATE")] == [
        "EXDATE;TZID=Europe/Copenhagen:20260114T173000",
        "EXDATE;TZID=Europe/Copenhagen:20260121T173000",
    ]


def test_an_override_replaces_its_date():
    moved = Override(
        original_start=datetime(2026, 1, 14, 16, 30, tzinfo=UTC),
        start=datetime(2026, 1, 15, 17, 0, tzinfo=UTC),
        end=datetime(2026, 1, 15, 18, 0, tzinfo=UTC),
    )
    body = write_calendar(feed(item(overrides=(moved,), until=datetime(2026, 1, 21, 16, 30, tzinfo=UTC))))

    january = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC))
    starts = [start for start, _end, _title in expand(body, *january)]

    assert starts == [
        datetime(2026, 1, 7, 16, 30, tzinfo=UTC),
        datetime(2026, 1, 15, 17, 0, tzinfo=UTC),
        datetime(2026, 1, 21, 16, 30, tzinfo=UTC),
    ]


def test_a_one_off_event_may_be_cancelled_as_a_whole():
    from booking.feeds.ical import ItemStatus

    text = unfolded(write_calendar(feed(item(rrule=None, status=ItemStatus.CANCELLED))))

    assert "STATUS:CANCELLED" in text
    assert not any(line.startswith("RRULE") for line in text[text.index("BEGIN:VEVENT") :])


def test_naive_times_and_backwards_events_are_refused():
    with pytest.raises(ValueError):
        write_calendar(feed(item(start=datetime(2026, 1, 7, 17, 30))))
    with pytest.raises(ValueError):
        write_calendar(feed(item(end=datetime(2026, 1, 7, 16, 0, tzinfo=UTC))))
