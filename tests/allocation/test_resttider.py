"""Resttider: while a round covering a room is open or being allocated, direct bookings in the
room for the season are held back, naming the round; once the decisions are sent, free
times open for ordinary booking."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from booking.allocation import decisions, seams, suggestion
from booking.allocation import services as rounds
from booking.errors import Conflict
from tests.allocation.conftest import AFTER_WINDOW, DECIDED_AT, round_data, to_allocating
from tests.factories import NOW

IN_SEASON = (datetime(2026, 9, 8, 15, 0, tzinfo=UTC), datetime(2026, 9, 8, 17, 0, tzinfo=UTC))
BEFORE_SEASON = (datetime(2026, 6, 9, 15, 0, tzinfo=UTC), datetime(2026, 6, 9, 17, 0, tzinfo=UTC))


@pytest.mark.usefixtures("english")
def test_an_open_round_holds_its_rooms_for_the_season(open_round, place):
    with pytest.raises(Conflict, match="held for the season allocation “Sæsonfordeling 2026/27”"):
        seams.check_not_held_back(place.hall, [IN_SEASON])

    seams.check_not_held_back(place.hall, [BEFORE_SEASON])


def test_a_hall_part_and_the_whole_are_held_together(open_round, place, create_room):
    part = create_room("Salen, venstre halvdel", parent=place.hall)
    assert seams.holding_round(part, *IN_SEASON) == open_round


def test_rooms_outside_the_round_and_draft_rounds_hold_nothing(open_round, create_room, staff):
    cellar = create_room("Kælderen")
    assert seams.holding_round(cellar, *IN_SEASON) is None

    rounds.create_round(staff, round_data([cellar]), NOW)  # a draft

    assert seams.holding_round(cellar, *IN_SEASON) is None


def test_the_hold_lasts_through_allocating_and_ends_with_the_decisions(open_round, place, staff):
    to_allocating(staff, open_round)
    assert seams.holding_round(place.hall, *IN_SEASON) == open_round

    suggestion.apply_suggestion(staff, open_round, AFTER_WINDOW)
    decisions.send_decisions(staff, open_round, DECIDED_AT)

    assert seams.holding_round(place.hall, *IN_SEASON) is None
    seams.check_not_held_back(place.hall, [IN_SEASON])
