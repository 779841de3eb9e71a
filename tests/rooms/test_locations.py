"""Places, weekly opening hours and closures, at the service level."""

from __future__ import annotations

from datetime import date, time

import pytest
from flask_babel import force_locale

from booking.errors import Invalid, NotFound
from booking.rooms import locations as locs
from booking.rooms.models import LocationKind
from tests.factories import NOW

T = time.fromisoformat


def place_data(**overrides) -> locs.LocationData:
    values = {"name": "Lindved Bibliotek", "address": "Skolevej 4", "postal_code": "8694", "city": "Lindved"}
    values.update(overrides)
    return locs.LocationData(**values)


class TestLocations:
    def test_create(self, staff):
        place = locs.create_location(staff, place_data(email=" Lindved@Soeby.Example ", phone="87 10 20 30"), NOW)
        assert place.slug == "lindved-bibliotek"
        assert place.email == "lindved@soeby.example"
        assert place.kind == LocationKind.LIBRARY
        assert place.closed_on_public_holidays is True
        assert place.created_at == NOW

    def test_slugs_are_unique_and_stay_after_a_rename(self, staff):
        first = locs.create_location(staff, place_data(), NOW)
        second = locs.create_location(staff, place_data(), NOW)
        assert second.slug == "lindved-bibliotek-2"
        locs.update_location(staff, first, place_data(name="Lindved Bogbus"))
        assert first.name == "Lindved Bogbus"
        assert first.slug == "lindved-bibliotek"

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"name": ""}, "name"),
            ({"name": "x" * 201}, "name"),
            ({"address": " "}, "address"),
            ({"postal_code": "DK-8000"}, "postal_code"),
            ({"postal_code": "٨٠٠٠"}, "postal_code"),  # digits, but not the ones on a letter
            ({"city": ""}, "city"),
            ({"email": "lindved@"}, "email"),
            ({"phone": "ring til os"}, "phone"),
            ({"kind": "castle"}, "kind"),
            ({"description": "x" * 5001}, "description"),
        ],
    )
    def test_invalid(self, staff, overrides, field):
        with pytest.raises(Invalid) as caught:
            locs.create_location(staff, place_data(**overrides), NOW)
        assert field in caught.value.fields

    def test_inactive_places_are_not_found_by_the_public(self, staff, create_location):
        place = create_location()
        locs.set_location_active(staff, place, False)
        with pytest.raises(NotFound):
            locs.get_location(place.slug)
        assert locs.get_location(place.slug, include_inactive=True) is place
        assert place not in locs.active_locations()
        assert place in locs.all_locations()


class TestOpeningHours:
    def test_replaces_the_whole_week(self, staff, create_location):
        place = create_location()
        locs.set_opening_hours(staff, place, {0: [(T("09:00"), T("12:00")), (T("16:00"), T("22:00"))]})
        week = locs.week_of(place)
        assert week[0] == [(T("09:00"), T("12:00")), (T("16:00"), T("22:00"))]
        assert all(week[day] == [] for day in range(1, 7))

    def test_empty_pairs_are_ignored_and_periods_sorted(self, staff, create_location):
        place = create_location()
        week = {3: [(T("16:00"), T("20:00")), (None, None)], 4: [(None, None), (T("08:00"), T("10:00"))]}
        locs.set_opening_hours(staff, place, week)
        assert locs.week_of(place)[3] == [(T("16:00"), T("20:00"))]
        assert locs.week_of(place)[4] == [(T("08:00"), T("10:00"))]

    def test_touching_periods_are_allowed(self, staff, create_location):
        place = create_location()
        locs.set_opening_hours(staff, place, {0: [(T("08:00"), T("12:00")), (T("12:00"), T("16:00"))]})
        assert len(locs.week_of(place)[0]) == 2

    @pytest.mark.parametrize(
        ("week", "field", "text"),
        [
            ({1: [(T("12:00"), T("09:00"))]}, "d1_closes1", "after the opening time"),
            ({1: [(T("09:00"), T("09:00"))]}, "d1_closes1", "after the opening time"),
            ({2: [(T("09:00"), None)]}, "d2_closes1", "both"),
            ({2: [(None, None), (None, T("20:00"))]}, "d2_opens2", "both"),
            ({5: [(T("08:00"), T("14:00")), (T("12:00"), T("20:00"))]}, "d5_opens2", "overlap"),
            ({5: [(T("12:00"), T("20:00")), (T("08:00"), T("22:00"))]}, "d5_opens2", "overlap"),
            ({6: [(T("08:00"), T("09:00")), (T("10:00"), T("11:00")), (T("12:00"), T("13:00"))]}, "d6_opens1", "two"),
        ],
    )
    def test_invalid_weeks(self, staff, create_location, english, week, field, text):
        place = create_location()
        with pytest.raises(Invalid) as caught:
            locs.set_opening_hours(staff, place, week)
        assert field in caught.value.fields
        assert text in caught.value.message
        assert locs.week_of(place)[0] == [(T("08:00"), T("22:00"))]  # unchanged

    def test_the_day_is_named_in_the_language_of_the_message(self, staff, create_location):
        place, bad_saturday = create_location(), {5: [(T("12:00"), T("09:00"))]}
        with pytest.raises(Invalid, match=r"^Lørdag: "):
            locs.set_opening_hours(staff, place, bad_saturday)
        with force_locale("en"), pytest.raises(Invalid, match=r"^Saturday: "):
            locs.set_opening_hours(staff, place, bad_saturday)

    def test_unknown_weekday(self, staff, create_location):
        with pytest.raises(Invalid):
            locs.set_opening_hours(staff, create_location(), {7: [(T("08:00"), T("09:00"))]})


class TestClosures:
    def test_one_day_by_default(self, staff, create_location):
        place = create_location()
        closure = locs.add_closure(staff, place, starts_on=date(2026, 12, 24), ends_on=None, reason=" Jul ", now=NOW)
        assert (closure.starts_on, closure.ends_on, closure.reason) == (date(2026, 12, 24), date(2026, 12, 24), "Jul")
        assert closure.created_by_id == staff.id
        assert closure.room is None

    def test_for_one_room(self, staff, create_room):
        room = create_room()
        closure = locs.add_closure(
            staff,
            room.location,
            starts_on=date(2026, 7, 6),
            ends_on=date(2026, 8, 2),
            reason="Renovering",
            now=NOW,
            room_id=room.id,
        )
        assert closure.room is room

    @pytest.mark.parametrize(
        ("starts_on", "ends_on", "reason", "field"),
        [
            (None, None, "Jul", "starts_on"),
            (date(2026, 12, 31), date(2026, 12, 24), "Jul", "ends_on"),
            (date(2026, 1, 1), date(2027, 1, 2), "Et år og en dag", "ends_on"),
            (date(2026, 12, 24), None, "", "reason"),
            (date(2026, 12, 24), None, "x" * 201, "reason"),
        ],
    )
    def test_invalid(self, staff, create_location, starts_on, ends_on, reason, field):
        place = create_location()
        with pytest.raises(Invalid) as caught:
            locs.add_closure(staff, place, starts_on=starts_on, ends_on=ends_on, reason=reason, now=NOW)
        assert field in caught.value.fields
        assert locs.closures_from(place, date(2000, 1, 1)) == []

    def test_a_whole_leap_year_is_allowed(self, staff, create_location):
        place = create_location()
        locs.add_closure(
            staff, place, starts_on=date(2028, 1, 1), ends_on=date(2028, 12, 31), reason="Ombygning", now=NOW
        )

    def test_room_must_be_at_the_place(self, staff, create_location, create_room):
        place, elsewhere = create_location(), create_room()
        with pytest.raises(Invalid) as caught:
            locs.add_closure(
                staff, place, starts_on=date(2026, 5, 1), ends_on=None, reason="X", now=NOW, room_id=elsewhere.id
            )
        assert "room_id" in caught.value.fields

    def test_remove_and_list(self, staff, create_location):
        place = create_location()
        old = locs.add_closure(staff, place, starts_on=date(2026, 1, 2), ends_on=None, reason="Gammel", now=NOW)
        new = locs.add_closure(staff, place, starts_on=date(2026, 12, 24), ends_on=None, reason="Jul", now=NOW)
        assert locs.closures_from(place, date(2026, 3, 1)) == [new]
        assert locs.get_closure(place, old.id) is old
        locs.remove_closure(staff, new)
        assert locs.closures_from(place, date(2026, 3, 1)) == []
        with pytest.raises(NotFound):
            locs.get_closure(create_location(), old.id)


class TestWhatThePublicSees:
    def test_closed_periods_join_days_with_one_reason(self, staff, create_location):
        place = create_location()
        locs.add_closure(staff, place, starts_on=date(2026, 7, 6), ends_on=date(2026, 7, 10), reason="Maling", now=NOW)
        locs.add_closure(staff, place, starts_on=date(2026, 7, 11), ends_on=None, reason="Byfest", now=NOW)
        periods = locs.closed_periods(place, date(2026, 7, 1), date(2026, 7, 31))
        assert [(p.first, p.last, p.reason) for p in periods] == [
            (date(2026, 7, 6), date(2026, 7, 10), "Maling"),
            (date(2026, 7, 11), date(2026, 7, 11), "Byfest"),
        ]

    def test_holidays_in_either_language(self, create_location):
        place = create_location()
        danish = locs.closed_periods(place, date(2026, 12, 20), date(2026, 12, 27))
        english = locs.closed_periods(place, date(2026, 12, 20), date(2026, 12, 27), language="en_US")
        assert [p.reason for p in danish] == ["Juledag", "Anden juledag"]
        assert [p.reason for p in english] == ["Christmas Day", "Second Day of Christmas"]
        assert locs.holiday_language("en") == "en_US"
        assert locs.holiday_language("da") == "da"

    def test_hours_on_a_day(self, staff, create_location):
        place = create_location(hours={0: [(T("09:00"), T("12:00")), (T("16:00"), T("22:00"))]})
        monday = locs.hours_on(place, date(2026, 3, 2))
        assert monday.is_open and monday.intervals == [(T("09:00"), T("12:00")), (T("16:00"), T("22:00"))]
        tuesday = locs.hours_on(place, date(2026, 3, 3))
        assert not tuesday.is_open and tuesday.closed_reason is None
        easter_monday = locs.hours_on(place, date(2026, 4, 6))
        assert easter_monday.closed_reason == "Anden påskedag"
