"""Every figure against a value computed by hand, on the fixed world of conftest.py. The same
tests run on SQLite and PostgreSQL, so the figures are the same on both."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from booking.errors import Invalid
from booking.extensions import db
from booking.metrics import registry
from booking.metrics.grouping import Grouping, instant_bucket
from booking.metrics.registry import Period, Scope, ScopeKind
from booking.metrics.series import compute_series, groupings
from booking.statements.models import Statement, StatementKind
from booking.visitors.models import CountSource, CountSpan, VisitorCount
from tests.factories import NOW

# Monday 23 - Sunday 29 March 2026: summer time starts on the Sunday at 02:00.
DST_WEEK = Period(date(2026, 3, 23), date(2026, 3, 29))
AUTUMN_WEEK = Period(date(2026, 10, 19), date(2026, 10, 25))
EASTER_WEEK = Period(date(2026, 3, 30), date(2026, 4, 5))  # Thu 2, Fri 3, Sun 5 April are holidays


def value(key, period, kind=ScopeKind.ALL, ident=None):
    return registry.compute(key, period, Scope(kind, ident)).value


def test_registry_lists_every_figure_with_a_definition(app):
    keys = {m.key for m in registry.all_metrics()}
    assert {"visitors", "statements", "interviews", "practice_stories", "available_hours"} <= keys
    for found in registry.all_metrics():
        assert str(found.label) and str(found.definition)


def test_available_hours_in_the_dst_week_with_a_closure_day(world):
    # Lindved 10-18 = 8 h a day, 7 days, two rooms: 112 h; the meeting room is closed on the
    # Wednesday: -8 h. The clocks moving on Sunday night do not touch 10-18.
    assert value("available_hours", DST_WEEK, ScopeKind.ROOM, world.room.id) == 48
    assert value("available_hours", DST_WEEK, ScopeKind.ROOM, world.other.id) == 56
    assert value("available_hours", DST_WEEK, ScopeKind.LOCATION, world.place.id) == 104
    # Natbiblioteket 01-04: 3 h a night, but on 29 March 02:00-03:00 does not exist: 6*3 + 2.
    assert value("available_hours", DST_WEEK, ScopeKind.ROOM, world.night_room.id) == 20
    assert value("available_hours", DST_WEEK) == 124


def test_available_hours_in_the_autumn_week_and_on_holidays(world):
    # 25 October 2026: 02:00-03:00 happens twice, so 01-04 lasts 4 hours.
    assert value("available_hours", AUTUMN_WEEK, ScopeKind.ROOM, world.night_room.id) == 22
    # Easter week: 3 holidays closed at both places (both close on public holidays): 4 days.
    assert value("available_hours", EASTER_WEEK, ScopeKind.ROOM, world.other.id) == 32
    world.place.closed_on_public_holidays = False
    assert value("available_hours", EASTER_WEEK, ScopeKind.ROOM, world.other.id) == 56


def test_a_divisible_hall_counts_by_its_parts(world, create_room):
    hall = create_room("Salen", location=world.place)
    create_room("Sal A", parent=hall)
    create_room("Sal B", parent=hall)
    # Two rooms and two parts (the hall itself is not counted again): 4 * 56 h - 8 h closure.
    assert value("available_hours", DST_WEEK, ScopeKind.LOCATION, world.place.id) == 216
    assert value("available_hours", DST_WEEK, ScopeKind.ROOM, hall.id) == 56


def count(place, day, visitors, span=CountSpan.DAY):
    db.session.add(VisitorCount(location_id=place.id, span=span, day=day, visitors=visitors,
                                source=CountSource.MANUAL, entered_at=NOW))  # fmt: skip


def test_visitors_days_and_whole_months(world):
    count(world.place, date(2026, 2, 28), 100)
    count(world.place, date(2026, 3, 1), 40)
    count(world.place, date(2026, 3, 31), 60)
    count(world.night, date(2026, 1, 1), 900, CountSpan.MONTH)
    db.session.flush()

    march = Period(date(2026, 3, 1), date(2026, 3, 31))
    assert value("visitors", march) == 100
    assert value("visitors", Period(date(2026, 1, 1), date(2026, 3, 31))) == 1100
    # A month's count is left out of a period that covers only part of the month.
    assert value("visitors", Period(date(2026, 1, 2), date(2026, 3, 31))) == 200
    assert value("visitors", Period.year(2026), ScopeKind.LOCATION, world.night.id) == 900
    monthly = compute_series("visitors", Period.year(2026), registry.ALL_SCOPES, Grouping.MONTH)
    assert [v for _bucket, v in monthly.points][:4] == [900, 100, 100, 0]
    daily = compute_series("visitors", march, registry.ALL_SCOPES, Grouping.DAY)
    assert daily.points[0][1] == 40 and daily.points[-1][1] == 60 and len(daily.points) == 31


def test_statements_interviews_and_practice_stories(world, add_statement):
    add_statement(world.place, date(2026, 1, 5), room=world.room)
    add_statement(world.place, date(2026, 2, 5))
    add_statement(world.night, date(2026, 2, 6))
    add_statement(world.place, date(2025, 12, 31))
    for day in (3, 4, 5):
        add_statement(world.place, date(2026, 2, day), kind=StatementKind.INTERVIEW)
    add_statement(world.place, date(2026, 2, 9), kind=StatementKind.PRACTICE_STORY, room=world.other)

    year = Period.year(2026)
    assert value("statements", year) == 3
    assert value("statements", year, ScopeKind.LOCATION, world.place.id) == 2
    assert value("statements", year, ScopeKind.ROOM, world.room.id) == 1
    assert value("interviews", year) == 3
    assert value("practice_stories", year, ScopeKind.ROOM, world.other.id) == 1
    assert value("practice_stories", year, ScopeKind.ROOM, world.room.id) == 0
    monthly = compute_series("statements", year, registry.ALL_SCOPES, Grouping.MONTH)
    assert [v for _b, v in monthly.points][:3] == [1, 2, 0]


def test_a_figure_refuses_a_scope_it_does_not_have(world):
    with pytest.raises(Invalid):
        registry.compute("visitors", Period.year(2026), Scope(ScopeKind.ROOM, world.room.id))


def test_every_figure_groups_by_month_and_only_own_queries_by_weekday_hour(world):
    for found in registry.all_metrics():
        assert Grouping.MONTH in groupings(found.key)
    months = compute_series("available_hours", Period(date(2026, 3, 1), date(2026, 4, 30)),
                            Scope(ScopeKind.ROOM, world.other.id), Grouping.MONTH)  # fmt: skip
    assert [v for _b, v in months.points] == [31 * 8, (30 - 4) * 8]  # April: 2, 3, 5 and 6 are holidays
    with pytest.raises(Invalid):
        compute_series("available_hours", DST_WEEK, registry.ALL_SCOPES, Grouping.WEEKDAY_HOUR)


def test_a_series_adds_up_to_its_figure(world, add_statement):
    """Grouped queries and the figure agree, whether a figure has its own grouped query or not."""
    add_statement(world.place, date(2026, 3, 24))
    count(world.place, date(2026, 3, 25), 12)
    for key in ("available_hours", "statements", "visitors"):
        for grouping in (Grouping.DAY, Grouping.MONTH):
            grouped = compute_series(key, Period(date(2026, 3, 20), date(2026, 4, 10)), registry.ALL_SCOPES, grouping)
            assert sum(v for _b, v in grouped.points) == value(key, grouped.period), (key, grouping)


INSTANTS = [
    datetime(2026, 3, 28, 22, 59, tzinfo=UTC),  # Sat 23:59 local (winter time)
    datetime(2026, 3, 28, 23, 0, tzinfo=UTC),  # Sun 00:00
    datetime(2026, 3, 29, 0, 30, tzinfo=UTC),  # Sun 01:30 (winter)
    datetime(2026, 3, 29, 1, 30, tzinfo=UTC),  # Sun 03:30 (summer: 02:xx does not exist)
    datetime(2026, 3, 29, 21, 59, tzinfo=UTC),  # Sun 23:59 (summer)
    datetime(2026, 3, 29, 22, 0, tzinfo=UTC),  # Mon 30 March 00:00
]


@pytest.mark.parametrize(
    ("grouping", "expected"),
    [
        (Grouping.DAY, {"2026-03-28": 1, "2026-03-29": 4, "2026-03-30": 1}),
        (Grouping.WEEKDAY_HOUR, {"6-23": 1, "7-00": 1, "7-01": 1, "7-03": 1, "7-23": 1, "1-00": 1}),
        (Grouping.MONTH, {"2026-03": 6}),
        (Grouping.YEAR, {"2026": 6}),
    ],
)
def test_instants_are_grouped_on_the_local_clock_across_dst(world, add_statement, grouping, expected):
    """The grouping helper later booking figures use, tried on a UTC column we have."""
    for instant in INSTANTS:
        add_statement(world.place, date(2026, 3, 1)).created_at = instant
    db.session.flush()
    period = Period(date(2026, 3, 1), date(2026, 3, 31))
    bucket = instant_bucket(Statement.created_at, grouping, period).label("bucket")
    rows = db.session.execute(select(bucket, func.count()).group_by(bucket)).all()
    assert dict(rows) == expected
