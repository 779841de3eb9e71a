"""The booking figures against values computed by hand, on the fixed world of conftest.py and
the bookings below, in the week the clocks go forward (Mon 23 - Sun 29 March 2026). The
same tests run on SQLite and PostgreSQL.

The bookings are written as the booking services leave them (statuses, inactive and
cancelled dates, past dates of a cancelled booking left active), so each case is exact:

    B1  Mødelokalet  approved, org A   Mon 23 16-20                          4 h
    B2  Studierummet approved, org B   series: Tue 24 17-19 cancelled 7 h before,
                                        Thu 26 17-19, Sat 28 17-19          2 h + 2 h
    B3  Natlokalet   approved          Sat 28 23:00 - Sun 29 04:00, across midnight and
                                        the clocks going forward            4 real hours
    B4  Mødelokalet  approved, org A   Wed 25 12-14, the room's closure day  2 h
    B5  Studierummet pending, org A    Fri 27 10-12, requested Tue 24
    B6  Mødelokalet  rejected, org B   Thu 26 10-11, rejected Wed 25
    B7  Studierummet cancelled         Sun 29 12-14, cancelled exactly 168 h before
    B8  Mødelokalet  cancelled         Mon 23 10-11 (passed, stays active)   1 h
                                        Fri 27 10-11 cancelled 48 h before
    B9  Studierummet approved          Fri 27 14-15, nobody came             1 h
    B10 Natlokalet   approved          Sun 22 23:00 - Mon 23 01:00           1 h in the week
    B11 Mødelokalet  approved          Mon 30 10-12, after the week
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from booking.accounts.models import OrgKind
from booking.bookings import searches
from booking.bookings.models import Booking, BookingStatus, Occurrence, SearchLog, WaitlistEntry, WaitStatus
from booking.extensions import db
from booking.metrics import registry
from booking.metrics.grouping import Grouping
from booking.metrics.registry import Period, Scope, ScopeKind
from booking.metrics.series import compute_series
from tests.factories import NOW
from tests.review.test_metrics import DST_WEEK, value

CPH = ZoneInfo("Europe/Copenhagen")


def at(day: int, hour: int, month: int = 3) -> datetime:
    return datetime.combine(date(2026, month, day), time(hour), CPH).astimezone(UTC)


def book(user, room, slots, *, status=BookingStatus.APPROVED, org=None, created=NOW, decided=None, rule=None):
    """``slots``: (starts_at, ends_at) or (starts_at, ends_at, cancelled_at) or
    (starts_at, ends_at, None, no_show)."""
    holding = status in (BookingStatus.APPROVED, BookingStatus.CANCELLED)
    decided = decided or (created if holding else None)
    booking = Booking(user=user, organisation=org, room=room, title="Møde", status=status, created_at=created,
                      duration_minutes=60, recurrence_rule=rule, decided_at=decided)  # fmt: skip
    for starts, ends, *rest in slots:
        cancelled_at = rest[0] if rest else None
        active = status in (BookingStatus.APPROVED, BookingStatus.CANCELLED, BookingStatus.PENDING)
        occurrence = Occurrence(room=room, starts_at=starts, ends_at=ends, active=active and cancelled_at is None)
        occurrence.cancelled_at, occurrence.no_show = cancelled_at, bool(rest[1:] and rest[1])
        booking.occurrences.append(occurrence)
    db.session.add(booking)
    return booking


@pytest.fixture
def booked(world, create_user, create_organisation):
    user = create_user()
    org_a = create_organisation("Strikkeklubben", kind=OrgKind.ASSOCIATION)
    org_b = create_organisation("Aftenskolen", kind=OrgKind.EVENING_SCHOOL)
    room, other, night = world.room, world.other, world.night_room
    book(user, room, [(at(23, 16), at(23, 20))], org=org_a)
    book(user, other, [(at(24, 17), at(24, 19), at(24, 10)), (at(26, 17), at(26, 19)), (at(28, 17), at(28, 19))],
         org=org_b, rule="DTSTART:20260324T170000\nRRULE:FREQ=DAILY;INTERVAL=2;COUNT=3")  # fmt: skip
    book(user, night, [(at(28, 23), at(29, 4))])
    book(user, room, [(at(25, 12), at(25, 14))], org=org_a)
    book(user, other, [(at(27, 10), at(27, 12))], status=BookingStatus.PENDING, org=org_a, created=at(24, 9))
    book(user, room, [(at(26, 10), at(26, 11))], status=BookingStatus.REJECTED, org=org_b, decided=at(25, 9))
    book(user, other, [(at(29, 12), at(29, 14), at(22, 11))], status=BookingStatus.CANCELLED)
    book(user, room, [(at(23, 10), at(23, 11)), (at(27, 10), at(27, 11), at(25, 10))], status=BookingStatus.CANCELLED)
    book(user, other, [(at(27, 14), at(27, 15), None, True)])
    book(user, night, [(at(22, 23), at(23, 1))])
    book(user, room, [(at(30, 10), at(30, 12))])
    for slot_room, starts, status in (
        (other, at(26, 10), WaitStatus.BOOKED),
        (room, at(23, 12), WaitStatus.EXPIRED),
        (room, at(28, 12), WaitStatus.WAITING),
        (other, at(27, 12), WaitStatus.WITHDRAWN),
        (room, at(30, 12), WaitStatus.WAITING),
    ):
        ends = starts.replace(hour=starts.hour + 1)
        db.session.add(WaitlistEntry(room=slot_room, user=user, title="Kø", starts_at=starts, ends_at=ends,
                                     status=status, created_at=NOW))  # fmt: skip
    db.session.flush()
    return org_a, org_b


def test_booked_hours_across_midnight_dst_a_cancelled_date_and_a_closure_day(world, booked):
    org_a, _org_b = booked
    assert value("booked_hours", DST_WEEK) == 17
    assert value("booked_hours", DST_WEEK, ScopeKind.LOCATION, world.place.id) == 12
    # B1 4 + B4 2 on the closure day + B8's passed date 1.
    assert value("booked_hours", DST_WEEK, ScopeKind.ROOM, world.room.id) == 7
    assert value("booked_hours", DST_WEEK, ScopeKind.ROOM, world.other.id) == 5
    # B3 lasts 5 hours on the wall clock but 4 real ones; B10 has 1 of its 2 hours in the week.
    assert value("booked_hours", DST_WEEK, ScopeKind.ROOM, world.night_room.id) == 5
    assert value("booked_hours", DST_WEEK, ScopeKind.ORGANISATION, org_a.id) == 6
    assert value("booked_hours", DST_WEEK, ScopeKind.ORGANISATION_TYPE, OrgKind.EVENING_SCHOOL.value) == 4
    assert value("booked_hours", Period(date(2026, 3, 29), date(2026, 3, 29))) == 3


def test_booked_hours_by_day_and_by_weekday_and_hour(world, booked):
    daily = compute_series("booked_hours", DST_WEEK, registry.ALL_SCOPES, Grouping.DAY)
    assert [v for _b, v in daily.points] == [6, 0, 2, 2, 1, 3, 3]
    night = compute_series("booked_hours", DST_WEEK, Scope(ScopeKind.ROOM, world.night_room.id), Grouping.WEEKDAY_HOUR)
    assert {b.key: v for b, v in night.points if v} == {"1-00": 1, "6-23": 1, "7-00": 1, "7-01": 1, "7-03": 1}
    monthly = compute_series("booked_hours", Period(date(2026, 3, 1), date(2026, 4, 30)), registry.ALL_SCOPES,
                             Grouping.MONTH)  # fmt: skip
    # B10 has both its hours in March, and B11 is on 30 March.
    assert [v for _b, v in monthly.points] == [17 + 1 + 2, 0]


def test_utilisation_uses_available_hours(world, booked):
    # Available in the week (see test_metrics): Mødelokalet 48, Studierummet 56, Natlokalet 20.
    assert value("utilisation", DST_WEEK, ScopeKind.ROOM, world.room.id) == round(700 / 48, 1) == 14.6
    assert value("utilisation", DST_WEEK, ScopeKind.ROOM, world.other.id) == 8.9
    assert value("utilisation", DST_WEEK, ScopeKind.ROOM, world.night_room.id) == 25
    assert value("utilisation", DST_WEEK, ScopeKind.LOCATION, world.place.id) == 11.5
    assert value("utilisation", DST_WEEK) == 13.7
    daily = compute_series("utilisation", DST_WEEK, Scope(ScopeKind.ROOM, world.room.id), Grouping.DAY)
    # Monday 5 of 8 hours; Wednesday closed, so no share although it was booked.
    assert [v for _b, v in daily.points] == [62.5, 0, 0, 0, 0, 0, 0]
    assert value("utilisation", Period(date(2026, 3, 25), date(2026, 3, 25)), ScopeKind.ROOM, world.room.id) is None


def test_bookings_by_status(world, booked):
    org_a, _org_b = booked
    assert value("bookings", DST_WEEK) == 10
    assert value("bookings_approved", DST_WEEK) == 6
    assert value("bookings_pending", DST_WEEK) == 1
    assert value("bookings_rejected", DST_WEEK) == 1
    assert value("bookings_cancelled", DST_WEEK) == 2
    assert value("bookings", DST_WEEK, ScopeKind.ROOM, world.room.id) == 4
    assert value("bookings_cancelled", DST_WEEK, ScopeKind.ROOM, world.room.id) == 1
    assert value("bookings", DST_WEEK, ScopeKind.ORGANISATION_TYPE, OrgKind.ASSOCIATION.value) == 3
    assert value("bookings", DST_WEEK, ScopeKind.ORGANISATION, org_a.id) == 3
    daily = compute_series("bookings", DST_WEEK, registry.ALL_SCOPES, Grouping.DAY)
    # A series counts on each day it has a date (B2 on Tue, Thu, Sat); B3 by its start.
    assert [v for _b, v in daily.points] == [3, 1, 1, 2, 3, 2, 1]


def test_booking_system_in_use(world, booked):
    assert value("booking_system_in_use", DST_WEEK) is True  # B5 was requested on the Tuesday
    assert value("booking_system_in_use", DST_WEEK, ScopeKind.ROOM, world.room.id) is False
    assert value("booking_system_in_use", DST_WEEK, ScopeKind.ORGANISATION, booked[0].id) is True
    assert value("booking_system_in_use", Period(date(2026, 3, 2), date(2026, 3, 2))) is True
    assert value("booking_system_in_use", Period(date(2026, 3, 3), date(2026, 3, 22))) is False
    daily = compute_series("booking_system_in_use", DST_WEEK, registry.ALL_SCOPES, Grouping.DAY)
    assert [v for _b, v in daily.points] == [False, True, False, False, False, False, False]


def test_cancellations_and_how_late_no_shows_and_rejections(world, booked):
    assert value("cancellations", DST_WEEK) == 3
    assert value("cancellations_late_24h", DST_WEEK) == 1  # B2's Tuesday, 7 h before
    assert value("cancellations_late_7d", DST_WEEK) == 1  # B8's Friday, 48 h before
    # B7: Sun 22 11:00 winter time to Sun 29 12:00 summer time is exactly 168 hours.
    assert (at(29, 12) - at(22, 11)).total_seconds() == 168 * 3600
    assert value("cancellations_early", DST_WEEK) == 1
    assert value("cancellations", DST_WEEK, ScopeKind.ROOM, world.other.id) == 2
    assert value("cancellations", DST_WEEK, ScopeKind.ORGANISATION_TYPE, OrgKind.EVENING_SCHOOL.value) == 1
    assert value("no_shows", DST_WEEK) == 1
    assert value("no_shows", DST_WEEK, ScopeKind.ROOM, world.room.id) == 0
    assert value("requests_rejected", DST_WEEK) == 1
    assert value("requests_rejected", DST_WEEK, ScopeKind.LOCATION, world.night.id) == 0
    daily = compute_series("cancellations", DST_WEEK, registry.ALL_SCOPES, Grouping.DAY)
    assert [v for _b, v in daily.points] == [0, 1, 0, 0, 1, 0, 1]
    assert [v for _b, v in compute_series("requests_rejected", DST_WEEK, registry.ALL_SCOPES, Grouping.DAY).points][
        2
    ] == 1


def test_waitlist_demand(world, booked):
    assert value("waitlist_queued", DST_WEEK) == 4
    assert value("waitlist_served", DST_WEEK) == 1
    assert value("waitlist_unserved", DST_WEEK) == 2  # expired and still waiting; withdrawn left out
    assert value("waitlist_unserved", DST_WEEK, ScopeKind.ROOM, world.room.id) == 2
    assert value("waitlist_queued", DST_WEEK, ScopeKind.ROOM, world.other.id) == 2
    monthly = compute_series("waitlist_queued", Period(date(2026, 3, 1), date(2026, 4, 30)), registry.ALL_SCOPES,
                             Grouping.MONTH)  # fmt: skip
    assert [v for _b, v in monthly.points] == [5, 0]


def test_empty_searches_are_logged_anonymously(world, booked):
    found = searches.search_free_rooms(at(24, 12), at(24, 13), now=at(23, 13), people=500, location=world.place)
    assert found == []
    assert searches.search_free_rooms(at(24, 12), at(24, 13), now=at(23, 14)) != []  # found rooms: not logged
    searches.record_search(at(30, 10), at(30, 11), now=datetime(2026, 3, 29, 21, 59, tzinfo=UTC))  # Sun 23:59
    searches.record_search(at(30, 10), at(30, 11), now=datetime(2026, 3, 29, 22, 0, tzinfo=UTC))  # Mon 00:00
    assert value("empty_searches", DST_WEEK) == 2
    assert value("empty_searches", DST_WEEK, ScopeKind.LOCATION, world.place.id) == 1
    logged = db.session.scalars(select(SearchLog).order_by(SearchLog.id)).first()
    assert (logged.people, logged.equipment, logged.location_id) == (500, "", world.place.id)
    assert {column.name for column in SearchLog.__table__.columns} == {
        "id", "searched_at", "wanted_starts_at", "wanted_ends_at", "people", "equipment", "location_id"
    }  # fmt: skip
    daily = compute_series("empty_searches", DST_WEEK, registry.ALL_SCOPES, Grouping.DAY)
    assert [v for _b, v in daily.points] == [1, 0, 0, 0, 0, 0, 1]


def test_series_add_up_to_the_figures(world, booked):
    for key in ("booked_hours", "cancellations", "no_shows", "waitlist_queued", "requests_rejected"):
        for grouping in (Grouping.DAY, Grouping.MONTH):
            grouped = compute_series(key, DST_WEEK, registry.ALL_SCOPES, grouping)
            assert sum(v for _b, v in grouped.points) == value(key, DST_WEEK), (key, grouping)


def test_figures_follow_changes_in_the_same_session(world, booked):
    assert value("booked_hours", DST_WEEK, ScopeKind.ROOM, world.room.id) == 7
    occurrence = db.session.query(Occurrence).filter(Occurrence.starts_at == at(23, 16)).one()
    occurrence.ends_at = at(23, 18)
    assert value("booked_hours", DST_WEEK, ScopeKind.ROOM, world.room.id) == 5


def test_a_hall_booked_whole_counts_once_per_part(world, booked, create_room, create_user):
    hall = create_room("Salen", location=world.place)
    create_room("Sal A", parent=hall)
    create_room("Sal B", parent=hall)
    book(create_user(), hall, [(at(24, 10), at(24, 13))])
    db.session.flush()
    assert value("booked_hours", DST_WEEK, ScopeKind.ROOM, hall.id) == 3
    assert value("booked_hours", DST_WEEK, ScopeKind.LOCATION, world.place.id) == 12 + 6


def test_partly_booked_hours_in_the_heatmap(world, create_user):
    starts = datetime(2026, 3, 24, 10, 15, tzinfo=CPH).astimezone(UTC)
    book(create_user(), world.other, [(starts, starts.replace(hour=starts.hour + 2, minute=45))])
    book(create_user(), world.other, [(starts.replace(minute=30), starts.replace(minute=45))])
    db.session.flush()
    grid = compute_series("booked_hours", DST_WEEK, Scope(ScopeKind.ROOM, world.other.id), Grouping.WEEKDAY_HOUR)
    assert {b.key: v for b, v in grid.points if v} == {"2-10": 1, "2-11": 1, "2-12": 0.75}
    assert value("booked_hours", DST_WEEK, ScopeKind.ROOM, world.other.id) == 2.75


def test_the_statistics_page_shows_the_booking_figures(client, auth, world, booked, staff):
    auth.login(staff)
    query = "fra=2026-03-23&til=2026-03-29&lang=en"
    html = client.get(f"/personale/statistik?{query}&omfang=location:{world.place.id}").get_data(as_text=True)
    assert "Utilisation per room" in html and "14.6" in html  # Mødelokalet
    assert "Booked hours by weekday and hour" in html
    for label in ("Cancelled less than 24 hours before", "Waitlist entries not served", "Searches with no free room"):
        assert label in html
    html = client.get(f"/personale/statistik?{query}").get_data(as_text=True)
    assert "Bookings per kind of organisation" in html and "Evening school" in html
    csv = client.get(f"/personale/statistik/eksport.csv?{query}").get_data(as_text=True)
    assert "bookings;" in csv.replace("'", "")
