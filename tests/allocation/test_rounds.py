"""A round's life: draft -> open -> allocating -> decided -> done, each step only in its turn."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from booking.allocation import decisions
from booking.allocation import services as rounds
from booking.allocation.models import RoundState, TierRule
from booking.errors import Invalid
from tests.allocation.conftest import AFTER_WINDOW, DECIDED_AT, round_data
from tests.factories import NOW


@pytest.mark.usefixtures("english")
def test_the_steps_in_order(staff, place):
    round_ = rounds.create_round(staff, round_data([place.hall], suited=(place.hall,)), NOW)
    assert [tier.rule for tier in round_.tiers] == [
        TierRule.CHILDREN_YOUTH, TierRule.ADULT_EDUCATION, TierRule.ASSOCIATION, TierRule.OTHER,
    ]  # fmt: skip
    assert round_.round_rooms[0].suited_for_disabilities
    with pytest.raises(Invalid, match="not in the state"):
        rounds.close_window(staff, round_, AFTER_WINDOW)

    rounds.open_round(staff, round_, NOW)
    with pytest.raises(Invalid, match="open until 2026-03-15"):
        rounds.close_window(staff, round_, NOW)
    rounds.close_window(staff, round_, AFTER_WINDOW)
    decisions.send_decisions(staff, round_, DECIDED_AT)
    assert round_.state == RoundState.DECIDED
    with pytest.raises(Invalid, match="Organisations can accept until"):
        decisions.finish_round(staff, round_, DECIDED_AT)

    decisions.finish_round(staff, round_, DECIDED_AT + timedelta(days=30))

    assert round_.state == RoundState.DONE


@pytest.mark.usefixtures("english")
def test_dates_change_while_open_and_rooms_only_in_draft(staff, place, open_round):
    data = round_data([place.meeting], window_closes=date(2026, 3, 20))

    rounds.update_round(staff, open_round, data)

    assert open_round.window_closes == date(2026, 3, 20)
    assert {rr.room_id for rr in open_round.round_rooms} == {place.hall.id, place.meeting.id, place.suited.id}


@pytest.mark.usefixtures("english")
def test_tiers_are_renamed_and_reordered_by_staff(staff, open_round):
    tiers = open_round.tiers
    names = {tier.id: tier.name for tier in tiers}
    names[tiers[3].id] = "Private og andre"
    positions = {tier.id: tier.position for tier in tiers}
    positions[tiers[0].id], positions[tiers[1].id] = 2, 1

    rounds.update_tiers(staff, open_round, names, positions)

    assert tiers[3].name == "Private og andre" and tiers[1].position == 1
    with pytest.raises(Invalid, match="each number once"):
        rounds.update_tiers(staff, open_round, names, dict.fromkeys(positions, 1))
