"""Series in wall-clock time: DST, nonexistent times, clashing dates, closures, the cap."""

from datetime import date, time, timedelta

import pytest

from booking.bookings.models import Occurrence
from booking.bookings.recurrence import Frequency, Recurrence
from booking.bookings.rules import local_slot
from booking.errors import Conflict, Invalid
from booking.extensions import db
from booking.timeutil import to_local
from tests.bookings.conftest import counts

WEEKLY_TO_NOVEMBER = Recurrence(Frequency.WEEKLY, until=date(2026, 11, 3))


def test_weekly_series_keeps_17_local_across_both_dst_changes(place, book, english):
    result = book(place.member, place.room, date(2026, 3, 3), "17:00", "19:00", recurrence=WEEKLY_TO_NOVEMBER)

    occurrences = result.booking.occurrences
    assert len(occurrences) == 36
    assert {to_local(o.starts_at).strftime("%a %H:%M") for o in occurrences} == {"Tue 17:00"}
    assert {to_local(o.ends_at).strftime("%H:%M") for o in occurrences} == {"19:00"}
    by_day = {to_local(o.starts_at).date(): o for o in occurrences}
    # Winter time before 29 March and after 25 October (UTC+1), summer time between (UTC+2).
    assert by_day[date(2026, 3, 24)].starts_at.hour == 16
    assert by_day[date(2026, 3, 31)].starts_at.hour == 15
    assert by_day[date(2026, 10, 20)].starts_at.hour == 15
    assert by_day[date(2026, 10, 27)].starts_at.hour == 16
    assert result.booking.recurrence_rule.startswith("DTSTART:20260303T170000")
    assert result.skipped == []


def test_a_time_in_the_spring_forward_gap_is_refused(app, english):
    with pytest.raises(Invalid, match="02:30 does not exist on 2026-03-29"):
        local_slot(date(2026, 3, 29), time(2, 30), time(3, 30))


def test_series_with_three_taken_dates_lists_them_and_can_book_the_rest(place, book, english):
    for day in (date(2026, 3, 10), date(2026, 3, 24), date(2026, 4, 14)):
        book(place.other_member, place.room, day, "18:00", "20:00", title="Strikkeaften")
    db.session.commit()
    before = counts()
    series = Recurrence(Frequency.WEEKLY, count=10)

    with pytest.raises(Conflict) as caught:
        book(place.member, place.room, date(2026, 3, 3), "17:00", "19:00", recurrence=series)

    assert caught.value.status_code == 409
    assert "10.03.2026 17:00–19:00, 24.03.2026 17:00–19:00, 14.04.2026 17:00–19:00" in caught.value.message
    assert len(caught.value.details["clashes"]) == 3
    db.session.rollback()
    assert counts() == before

    result = book(
        place.member, place.room, date(2026, 3, 3), "17:00", "19:00", recurrence=series, book_free_dates_only=True
    )
    assert len(result.occurrences) == 7
    assert [s.day for s in result.skipped if s.clash] == [date(2026, 3, 10), date(2026, 3, 24), date(2026, 4, 14)]


def test_monthly_on_the_second_tuesday(place, book, english):
    series = Recurrence(Frequency.MONTHLY_WEEKDAY, count=4)
    result = book(place.member, place.room, date(2026, 3, 10), "10:00", "12:00", recurrence=series)

    days = [to_local(o.starts_at).date() for o in result.occurrences]
    assert days == [date(2026, 3, 10), date(2026, 4, 14), date(2026, 5, 12), date(2026, 6, 9)]


def test_every_second_week(place, book, english):
    result = book(
        place.member,
        place.room,
        date(2026, 3, 3),
        "10:00",
        "12:00",
        recurrence=Recurrence(Frequency.WEEKLY, interval=2, count=3),
    )
    assert [to_local(o.starts_at).date() for o in result.occurrences] == [
        date(2026, 3, 3),
        date(2026, 3, 17),
        date(2026, 3, 31),
    ]


def test_public_holidays_are_skipped_and_reported(place, book, english):
    # Mondays from 30 March: Easter Monday 6 April and Whit Monday 25 May are public holidays.
    result = book(
        place.member,
        place.room,
        date(2026, 3, 30),
        "10:00",
        "12:00",
        recurrence=Recurrence(Frequency.WEEKLY, until=date(2026, 5, 25)),
    )

    skipped = {s.day: s.reason for s in result.skipped}
    assert set(skipped) == {date(2026, 4, 6), date(2026, 5, 25)}
    assert all(reason.startswith("closed") for reason in skipped.values())
    assert len(result.occurrences) == 7


@pytest.mark.parametrize(
    "series, message",
    [
        (Recurrence(Frequency.WEEKLY, until=date(3026, 3, 3)), "at most 200 dates"),
        (Recurrence(Frequency.WEEKLY, count=1000), "at most 200 dates"),
        (Recurrence(Frequency.WEEKLY), "either an end date or a number"),
        (Recurrence("yearly", count=3), "Unknown repetition"),
        (Recurrence(Frequency.WEEKLY, interval=0, count=3), "Repeat every 1 to 52"),
        (Recurrence(Frequency.WEEKLY, until=date(2026, 3, 1)), "must end after"),
    ],
)
def test_bad_series_are_refused_and_nothing_is_written(place, book, english, series, message):
    before = counts()
    with pytest.raises(Invalid, match=message):
        book(place.member, place.room, date(2026, 3, 3), "17:00", "19:00", recurrence=series)
    db.session.rollback()
    assert counts() == before


def test_a_series_beyond_the_horizon_is_refused(place, book, english):
    place.room.horizon_days = 30
    with pytest.raises(Invalid, match="at most 30 days ahead"):
        book(
            place.member,
            place.room,
            date(2026, 3, 3),
            "17:00",
            "19:00",
            recurrence=Recurrence(Frequency.WEEKLY, count=10),
        )
    assert db.session.query(Occurrence).count() == 0


def test_occurrences_are_a_week_apart_in_wall_clock_not_utc(place, book):
    result = book(
        place.member, place.room, date(2026, 3, 24), "17:00", "19:00", recurrence=Recurrence(Frequency.WEEKLY, count=2)
    )
    first, second = result.occurrences
    assert second.starts_at - first.starts_at == timedelta(days=7, hours=-1)
