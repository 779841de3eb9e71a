"""When a room can be used (booking.rooms.hours): opening hours on the library's wall clock
across daylight saving changes, public holidays, closures, and halls with parts."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from booking.rooms import hours
from booking.rooms import locations as locs
from tests.factories import NOW

T = time.fromisoformat


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def daily(opens: str, closes: str):
    return {day: [(T(opens), T(closes))] for day in range(7)}


class TestDaylightSaving:
    """Copenhagen moves to summer time on 29 March 2026 and back on 25 October 2026."""

    def test_spring_forward(self, create_location):
        place = create_location(hours=daily("08:00", "22:00"))
        assert hours.opening_intervals(place, date(2026, 3, 28), date(2026, 3, 30)) == [
            (utc("2026-03-28 07:00"), utc("2026-03-28 21:00")),  # winter time, UTC+1
            (utc("2026-03-29 06:00"), utc("2026-03-29 20:00")),  # summer time, UTC+2
            (utc("2026-03-30 06:00"), utc("2026-03-30 20:00")),
        ]

    def test_fall_back(self, create_location):
        place = create_location(hours=daily("08:00", "22:00"))
        assert hours.opening_intervals(place, date(2026, 10, 24), date(2026, 10, 25)) == [
            (utc("2026-10-24 06:00"), utc("2026-10-24 20:00")),
            (utc("2026-10-25 07:00"), utc("2026-10-25 21:00")),
        ]

    def test_opening_inside_the_missing_hour(self, create_location):
        """02:00-03:00 does not exist on 29 March: the place opens when the clock reaches 03:00."""
        place = create_location(hours={6: [(T("02:00"), T("04:00"))]})
        assert hours.opening_intervals(place, date(2026, 3, 29), date(2026, 3, 29)) == [
            (utc("2026-03-29 01:00"), utc("2026-03-29 02:00"))
        ]

    def test_closing_in_the_repeated_hour_means_the_first_one(self, create_location):
        place = create_location(hours={6: [(T("00:00"), T("02:30"))]})
        assert hours.opening_intervals(place, date(2026, 10, 25), date(2026, 10, 25)) == [
            (utc("2026-10-24 22:00"), utc("2026-10-25 00:30"))
        ]

    def test_a_booking_on_the_change_day(self, create_room):
        room = create_room(location=None)
        # 08:00-22:00 local on 29 March is 06:00-20:00 UTC: 06:00 fits, 05:30 does not.
        assert hours.is_within_opening_hours(room, utc("2026-03-29 06:00"), utc("2026-03-29 08:00"))
        assert not hours.is_within_opening_hours(room, utc("2026-03-29 05:30"), utc("2026-03-29 07:00"))


class TestOpeningIntervals:
    def test_a_break_in_the_day(self, create_room, create_location):
        place = create_location(hours={0: [(T("09:00"), T("12:00")), (T("16:00"), T("22:00"))]})
        room = create_room(location=place)
        monday = date(2026, 3, 2)
        assert hours.opening_intervals(place, monday, monday) == [
            (utc("2026-03-02 08:00"), utc("2026-03-02 11:00")),
            (utc("2026-03-02 15:00"), utc("2026-03-02 21:00")),
        ]
        assert hours.is_within_opening_hours(room, utc("2026-03-02 15:00"), utc("2026-03-02 17:00"))
        assert not hours.is_within_opening_hours(room, utc("2026-03-02 10:00"), utc("2026-03-02 16:00"))

    def test_touching_periods_are_merged(self, create_location):
        place = create_location(hours={0: [(T("08:00"), T("12:00")), (T("12:00"), T("16:00"))]})
        assert hours.opening_intervals(place, date(2026, 3, 2), date(2026, 3, 2)) == [
            (utc("2026-03-02 07:00"), utc("2026-03-02 15:00"))
        ]

    def test_closed_weekdays_have_no_interval(self, create_location):
        place = create_location(hours={0: [(T("08:00"), T("16:00"))]})
        assert hours.opening_intervals(place, date(2026, 3, 3), date(2026, 3, 8)) == []

    def test_weekly_hours(self, create_location):
        place = create_location(hours={2: [(T("16:00"), T("20:00")), (T("08:00"), T("12:00"))]})
        by_day = hours.weekly_hours(place)
        assert [(h.opens, h.closes) for h in by_day[2]] == [(T("08:00"), T("12:00")), (T("16:00"), T("20:00"))]
        assert by_day[0] == []


class TestHolidaysAndClosures:
    def test_public_holidays_close_the_place(self, create_location):
        place = create_location()
        good_friday = date(2026, 4, 3)
        assert hours.opening_intervals(place, good_friday, good_friday) == []
        assert hours.closed_days(place, good_friday, good_friday) == {good_friday: "Langfredag"}

    def test_unless_the_place_stays_open_on_holidays(self, create_location):
        place = create_location(closed_on_public_holidays=False)
        assert len(hours.opening_intervals(place, date(2026, 4, 3), date(2026, 4, 3))) == 1

    def test_christmas_eve_is_a_closure_not_a_holiday(self, staff, create_location):
        place = create_location()
        christmas_eve = date(2026, 12, 24)
        assert hours.public_holidays(christmas_eve, christmas_eve) == {}
        locs.add_closure(staff, place, starts_on=christmas_eve, ends_on=None, reason="Juleaftensdag", now=NOW)
        assert hours.closed_days(place, date(2026, 12, 23), date(2026, 12, 26)) == {
            date(2026, 12, 24): "Juleaftensdag",
            date(2026, 12, 25): "Juledag",
            date(2026, 12, 26): "Anden juledag",
        }

    def test_holidays_in_english(self, create_location):
        place = create_location()
        closed = hours.closed_days(place, date(2026, 4, 3), date(2026, 4, 3), language="en_US")
        assert closed == {date(2026, 4, 3): "Good Friday"}

    def test_a_closure_of_several_days(self, staff, create_room):
        room = create_room()
        locs.add_closure(
            staff, room.location, starts_on=date(2026, 7, 6), ends_on=date(2026, 7, 8), reason="Maling", now=NOW
        )
        intervals = hours.opening_intervals(room.location, date(2026, 7, 5), date(2026, 7, 9))
        assert [start.date() for start, _end in intervals] == [date(2026, 7, 5), date(2026, 7, 9)]
        assert hours.closure_reason(room, utc("2026-07-07 08:00"), utc("2026-07-07 10:00")) == (
            date(2026, 7, 7),
            "Maling",
        )
        assert hours.closure_reason(room, utc("2026-07-09 08:00"), utc("2026-07-09 10:00")) is None
        assert not hours.is_within_opening_hours(room, utc("2026-07-06 08:00"), utc("2026-07-06 10:00"))

    def test_a_room_closure_closes_only_that_room(self, staff, create_room):
        room = create_room()
        neighbour = create_room(location=room.location)
        locs.add_closure(
            staff, room.location, starts_on=date(2026, 7, 6), ends_on=None, reason="Nyt gulv", now=NOW,
            room_id=room.id,
        )  # fmt: skip
        start, end = utc("2026-07-06 08:00"), utc("2026-07-06 10:00")
        assert hours.closure_reason(room, start, end) == (date(2026, 7, 6), "Nyt gulv")
        assert hours.closure_reason(neighbour, start, end) is None
        assert hours.is_within_opening_hours(neighbour, start, end)
        assert hours.closed_days(room.location, date(2026, 7, 6), date(2026, 7, 6)) == {}  # the place is open


class TestHallsAndParts:
    @pytest.fixture
    def hall(self, create_room):
        salen = create_room("Salen")
        create_room("Sal A", parent=salen)
        create_room("Sal B", parent=salen)
        return salen

    def close(self, staff, room, reason):
        locs.add_closure(
            staff, room.location, starts_on=date(2026, 9, 1), ends_on=None, reason=reason, now=NOW, room_id=room.id
        )

    def closed(self, room) -> bool:
        return hours.closure_reason(room, utc("2026-09-01 08:00"), utc("2026-09-01 10:00")) is not None

    def test_closing_a_part_closes_the_whole_but_not_the_other_part(self, staff, hall):
        part_a, part_b = hall.parts
        self.close(staff, part_b, "Nyt gulv i Sal B")
        assert self.closed(part_b)
        assert self.closed(hall)
        assert not self.closed(part_a)

    def test_closing_the_whole_closes_every_part(self, staff, hall):
        self.close(staff, hall, "Koncert")
        assert all(self.closed(room) for room in (hall, *hall.parts))

    def test_the_place_closing_closes_them_all(self, staff, hall):
        locs.add_closure(staff, hall.location, starts_on=date(2026, 9, 1), ends_on=None, reason="Lukket", now=NOW)
        assert all(self.closed(room) for room in (hall, *hall.parts))


def test_periods_added_out_of_order_are_all_kept(create_location):
    place = create_location(hours={0: [(T("16:00"), T("20:00")), (T("08:00"), T("12:00"))]})
    assert hours.opening_intervals(place, date(2026, 3, 2), date(2026, 3, 2)) == [
        (utc("2026-03-02 07:00"), utc("2026-03-02 11:00")),
        (utc("2026-03-02 15:00"), utc("2026-03-02 19:00")),
    ]
