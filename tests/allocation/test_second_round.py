"""After the decisions: free times go first-come, and granted times stay with their
organisation until the deadline to accept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from booking.allocation import decisions, seams, second_round, suggestion
from booking.allocation.models import Answer, Outcome
from booking.errors import Conflict, Invalid, NotAllowed
from booking.extensions import db
from tests.allocation.conftest import AFTER_WINDOW, DECIDED_AT, apply, snapshot, to_allocating, wish

TUESDAY_8_SEPT = (datetime(2026, 9, 8, 15, 30, tzinfo=UTC), datetime(2026, 9, 8, 16, 30, tzinfo=UTC))  # 17:30 local


@pytest.fixture
def decided(open_round, place, make_club, staff):
    scouts = make_club("Ørnereden")
    apply(scouts, open_round, [wish([place.hall], "17:00", "19:00", age="children")])
    to_allocating(staff, open_round)
    suggestion.apply_suggestion(staff, open_round, AFTER_WINDOW)
    decisions.send_decisions(staff, open_round, DECIDED_AT)
    return open_round, scouts


@pytest.mark.usefixtures("english")
def test_a_granted_time_is_held_until_accepted_or_the_deadline(decided, place):
    round_, scouts = decided
    with pytest.raises(Conflict, match="granted to Ørnereden"):
        seams.check_not_held_back(place.hall, [TUESDAY_8_SEPT], now=DECIDED_AT)
    seams.check_not_held_back(place.meeting, [TUESDAY_8_SEPT], now=DECIDED_AT)  # a free room

    decisions.answer(scouts.admin, round_.applications[0], set(), DECIDED_AT)  # given back

    seams.check_not_held_back(place.hall, [TUESDAY_8_SEPT], now=DECIDED_AT)


@pytest.mark.usefixtures("english")
def test_first_come_gets_the_first_free_room(decided, place, make_club):
    round_, _scouts = decided
    chess = make_club("Springeren")
    data = wish([place.hall, place.meeting], "18:00", "20:00")

    granted = second_round.apply_for_free_time(chess.admin, round_, chess.organisation, data, DECIDED_AT)

    assert granted.granted_room == place.meeting  # Salen is the scouts'
    assert (granted.outcome, granted.answer) == (Outcome.GRANTED, Answer.ACCEPTED)
    assert granted.booking_id is not None  # booked at once, for the dates still to come
    later = DECIDED_AT + timedelta(days=1)
    with pytest.raises(Conflict, match="None of the wished rooms is free"):
        second_round.apply_for_free_time(chess.admin, round_, chess.organisation,
                                         wish([place.meeting], "19:00", "21:00"), later)  # fmt: skip


def test_only_the_organisations_admins_and_only_after_the_decisions(decided, place, make_club, open_round):
    round_, scouts = decided
    data = wish([place.meeting], "10:00", "12:00")
    db.session.commit()
    before = snapshot()
    with pytest.raises(NotAllowed):
        second_round.apply_for_free_time(make_club("Andre").admin, round_, scouts.organisation, data, DECIDED_AT)
    with pytest.raises(Invalid):
        after_the_season = AFTER_WINDOW.replace(year=2027, month=7)
        second_round.apply_for_free_time(scouts.admin, round_, scouts.organisation, data, after_the_season)
    db.session.rollback()
    assert snapshot() == before
