"""Accepted slots become booking series through the booking core; direct bookings respect
the rounds (resttider)."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select

from booking.allocation import applications as apps
from booking.allocation import decisions, suggestion
from booking.allocation import services as rounds
from booking.allocation.models import Answer
from booking.bookings import rules as booking_rules
from booking.bookings import services as booking_services
from booking.bookings.models import Booking, BookingStatus, Occurrence
from booking.errors import Conflict
from booking.extensions import db
from booking.rooms import locations as locs
from booking.timeutil import to_local
from tests.allocation.conftest import AFTER_WINDOW, DECIDED_AT, apply, round_data, snapshot, to_allocating, wish
from tests.factories import NOW

MONDAY = 0


def bookings() -> int:
    return db.session.scalar(select(func.count(Booking.id))) or 0


def decide_all(staff, round_):
    to_allocating(staff, round_)
    suggestion.apply_suggestion(staff, round_, AFTER_WINDOW)
    decisions.send_decisions(staff, round_, DECIDED_AT)


def test_accepting_creates_the_series_granted_skipping_holidays_and_closures(open_round, place, make_club, staff):
    from booking.rooms.models import BookingPolicy

    # Rules for ordinary requests do not apply to a granted season slot.
    place.hall.requires_approval, place.hall.horizon_days = True, 30
    place.hall.booking_policy, place.hall.max_duration_minutes = BookingPolicy.STAFF, 60
    scouts = make_club("Ørnereden")
    locs.add_closure(staff, place.hall.location, starts_on=date(2026, 12, 28), ends_on=date(2026, 12, 28),
                     reason="Mellem jul og nytår", now=NOW)  # fmt: skip
    application = apply(scouts, open_round, [
        wish([place.hall], "17:00", "19:00", weekday=MONDAY, age="children"),
        wish([place.meeting], "10:00", "12:00", weekday=5, frequency="fortnightly", age="children"),
    ])  # fmt: skip
    decide_all(staff, open_round)
    monday, saturday = application.wishes

    decisions.answer(scouts.admin, application, {monday.id, saturday.id}, DECIDED_AT)

    series = {b.room_id: b for b in db.session.scalars(select(Booking))}
    assert set(series) == {place.hall.id, place.meeting.id}
    hall = series[place.hall.id]
    assert hall.organisation_id == scouts.organisation.id and hall.status == BookingStatus.APPROVED
    assert monday.booking_id == hall.id and saturday.booking_id == series[place.meeting.id].id
    days = [to_local(o.starts_at).date() for o in hall.occurrences]
    all_mondays = rounds.season_dates(open_round, MONDAY, monday.frequency)
    skipped = {date(2026, 12, 28), date(2027, 3, 29), date(2027, 5, 17)}  # closure, Easter Monday, Whit Monday
    assert days == [d for d in all_mondays if d not in skipped]
    assert {to_local(o.starts_at).time() for o in hall.occurrences} == {time(17)}  # across the DST changes
    saturdays = [to_local(o.starts_at).date() for o in series[place.meeting.id].occurrences]
    assert saturdays[:3] == [date(2026, 8, 1), date(2026, 8, 15), date(2026, 8, 29)]


@pytest.mark.usefixtures("english")
def test_one_clash_creates_nothing_of_the_organisations_acceptance(staff, place, make_club, create_user):
    # A booking made before the round held the room: 15 September 2026, 17:30-18:30 in Salen.
    round_ = rounds.create_round(staff, round_data([place.hall, place.meeting]), NOW)
    citizen = create_user(locale="en")
    birthday = booking_rules.local_slot(date(2026, 9, 15), time(17, 30), time(18, 30))
    booking_services.create_booking(citizen, place.hall, *birthday, title="Fødselsdag", now=NOW)
    rounds.open_round(staff, round_, NOW)
    scouts = make_club("Ørnereden")
    application = apply(scouts, round_, [
        wish([place.meeting], "10:00", "12:00", weekday=5, age="children"),
        wish([place.hall], "17:00", "19:00", age="children"),  # Tuesdays: meets the birthday
    ])  # fmt: skip
    decide_all(staff, round_)
    db.session.commit()
    before, count = snapshot(), bookings()

    with pytest.raises(Conflict) as refused:
        decisions.answer(scouts.admin, application, {w.id for w in application.wishes}, DECIDED_AT)
    db.session.rollback()

    assert refused.value.message.startswith("Salen Tuesday 17:00–19:00 cannot be booked")
    assert "15.09.2026 17:00–19:00" in refused.value.message
    assert bookings() == count and snapshot() == before
    assert {w.answer for w in application.wishes} == {Answer.NONE}


@pytest.mark.usefixtures("english")
def test_a_direct_booking_in_a_room_of_an_open_round_is_refused_naming_it(open_round, place, create_user, staff):
    citizen = create_user(locale="en")
    in_season = booking_rules.local_slot(date(2026, 9, 9), time(10), time(11))

    with pytest.raises(Conflict, match="Sæsonfordeling 2026/27"):
        booking_services.create_booking(citizen, place.hall, *in_season, title="Møde", now=NOW)
    assert bookings() == 0
    before_season = booking_rules.local_slot(date(2026, 6, 9), time(10), time(11))
    booking_services.create_booking(citizen, place.hall, *before_season, title="Før sæsonen", now=NOW)

    decide_all(staff, open_round)  # no applications: every time is free after the decisions

    result = booking_services.create_booking(citizen, place.hall, *in_season, title="Møde", now=DECIDED_AT)
    assert result.booking.status in (BookingStatus.APPROVED, BookingStatus.PENDING)


@pytest.mark.usefixtures("english")
def test_a_series_into_the_season_is_refused_and_a_granted_time_held_until_the_deadline(
    open_round, place, make_club, create_user, staff
):
    from booking.bookings.recurrence import Recurrence

    citizen = create_user(locale="en")
    june = booking_rules.local_slot(date(2026, 6, 2), time(17), time(18))
    with pytest.raises(Conflict, match="held for the season allocation"):
        booking_services.create_booking(citizen, place.hall, *june, title="Kor", now=NOW,
                                        recurrence=Recurrence(until=date(2026, 9, 1)))  # fmt: skip

    scouts = make_club("Ørnereden")
    apply(scouts, open_round, [wish([place.hall], "17:00", "19:00", age="children")])
    decide_all(staff, open_round)
    tuesday = booking_rules.local_slot(date(2026, 9, 8), time(18), time(19))
    with pytest.raises(Conflict, match="granted to Ørnereden"):
        booking_services.create_booking(citizen, place.hall, *tuesday, title="Møde", now=DECIDED_AT)

    after_deadline = DECIDED_AT + timedelta(days=30)
    booking_services.create_booking(citizen, place.hall, *tuesday, title="Møde", now=after_deadline)
    assert db.session.scalar(select(func.count(Occurrence.id))) == 1
    assert apps.get_application(open_round, scouts.organisation).wishes[0].answer == Answer.NONE


@pytest.mark.usefixtures("english")
def test_moving_a_date_into_a_held_room_is_refused(open_round, place, create_user, create_room):
    from booking.bookings import changes

    citizen = create_user(locale="en")
    elsewhere = create_room("Kælderen", location=place.hall.location)
    in_season = booking_rules.local_slot(date(2026, 9, 9), time(10), time(11))
    occurrence = booking_services.create_booking(citizen, elsewhere, *in_season, title="Møde", now=NOW).occurrences[0]

    with pytest.raises(Conflict, match="held for the season allocation"):
        changes.move_occurrence(citizen, occurrence, *in_season, room=place.hall, now=NOW)
