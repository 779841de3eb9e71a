"""The allocation's figures in the metrics registry, on the allocation of test_decisions."""

from __future__ import annotations

from datetime import date

import pytest

from booking.accounts.models import OrgKind
from booking.allocation import decisions, suggestion
from booking.errors import Invalid
from booking.metrics.registry import Period, Scope, ScopeKind, compute
from tests.allocation.conftest import AFTER_WINDOW, DECIDED_AT, apply, to_allocating, wish

SEASON = Period(date(2026, 1, 1), date(2026, 12, 31))  # holds 1 August 2026, the season's start
TUESDAYS, SATURDAYS = 48, 48  # 4 Aug 2026 - 29 Jun 2027; 1 Aug 2026 - 26 Jun 2027


def hours(key: str, kind: ScopeKind = ScopeKind.ALL, value=None, period: Period = SEASON) -> float:
    return compute(f"allocation.{key}", period, Scope(kind, value)).value


@pytest.fixture
def season(open_round, place, make_club, staff):
    scouts = make_club("Ørnereden", OrgKind.ASSOCIATION)
    school = make_club("Aftenskolen", OrgKind.EVENING_SCHOOL)
    scouts_app = apply(scouts, open_round, [
        wish([place.hall], "17:00", "19:00", age="children"),                      # granted, accepted
        wish([place.meeting], "10:00", "11:30", weekday=5, age="youth"),           # granted, given back
    ])  # fmt: skip
    apply(school, open_round, [
        wish([place.hall, place.meeting], "18:00", "20:00"),                       # Mødelokalet
        wish([place.hall], "17:30", "18:30", frequency="fortnightly"),             # declined
    ], 5)  # fmt: skip
    to_allocating(staff, open_round)
    suggestion.apply_suggestion(staff, open_round, AFTER_WINDOW)
    decisions.send_decisions(staff, open_round, DECIDED_AT)
    decisions.answer(scouts.admin, scouts_app, {scouts_app.wishes[0].id}, DECIDED_AT)
    return place


def test_hours_for_the_whole_library(season):
    applied = 2 * TUESDAYS + 1.5 * SATURDAYS + 2 * TUESDAYS + 1 * 24  # the fortnightly hour: 24 Tuesdays
    assert hours("hours_applied") == applied
    assert hours("hours_granted") == 2 * TUESDAYS + 1.5 * SATURDAYS + 2 * TUESDAYS
    assert hours("hours_declined") == 24
    assert hours("hours_given_back") == 1.5 * SATURDAYS


def test_hours_by_room_tier_and_kind(season):
    place = season
    assert hours("hours_applied", ScopeKind.ROOM, place.hall.id) == 2 * TUESDAYS + 2 * TUESDAYS + 24
    assert hours("hours_granted", ScopeKind.ROOM, place.meeting.id) == 1.5 * SATURDAYS + 2 * TUESDAYS
    assert hours("hours_granted", ScopeKind.TIER, "children_youth") == 2 * TUESDAYS + 1.5 * SATURDAYS
    assert hours("hours_declined", ScopeKind.ORGANISATION_TYPE, "evening_school") == 24
    assert hours("hours_given_back", ScopeKind.ORGANISATION_TYPE, "evening_school") == 0


def test_other_periods_and_scopes(season):
    assert hours("hours_applied", period=Period(date(2027, 1, 1), date(2027, 12, 31))) == 0
    with pytest.raises(Invalid):
        compute("allocation.hours_applied", SEASON, Scope(ScopeKind.COMMUNITY, 1))
