"""The suggested allocation on a fixed set of wishes with clashes across tiers, against the
allocation worked out by hand from the rule, and the same on every run."""

from __future__ import annotations

from datetime import date, time

import pytest

from booking.accounts.models import OrgKind
from booking.allocation import suggestion
from booking.allocation.models import (
    AgeGroup,
    AllocationRound,
    Answer,
    Application,
    Outcome,
    RoundState,
    TierRule,
    Wish,
    WishRoom,
)
from booking.extensions import db
from tests.allocation.conftest import AFTER_WINDOW, apply, to_allocating, wish
from tests.factories import NOW


def last_season(club, room, staff) -> None:
    """The chess club held the meeting room on Tuesdays 19-21 in 2025/26 and accepted it."""
    previous = AllocationRound(
        name="Sæsonfordeling 2025/26", season_start=date(2025, 8, 1), season_end=date(2026, 6, 30),
        window_opens=date(2025, 3, 1), window_closes=date(2025, 3, 15), decision_date=date(2025, 4, 15),
        accept_by=date(2025, 5, 1), state=RoundState.DONE, created_at=NOW,
    )  # fmt: skip
    db.session.add(previous)
    db.session.flush()
    from booking.allocation.models import PriorityTier, RoundRoom

    previous.round_rooms.append(RoundRoom(room_id=room.id))
    tier = PriorityTier(position=3, rule=TierRule.ASSOCIATION, name="Voksne")
    previous.tiers.append(tier)
    application = Application(round=previous, organisation=club.organisation, submitted_at=NOW, updated_at=NOW)
    held = Wish(
        position=1, weekday=1, starts=time(19), ends=time(21), participants=10, age_group=AgeGroup.ADULTS,
        purpose="Skak", derived_tier=tier, tier=tier, outcome=Outcome.GRANTED, granted_room_id=room.id,
        granted_weekday=1, granted_starts=time(19), granted_ends=time(21), answer=Answer.ACCEPTED,
    )  # fmt: skip
    held.wish_rooms.append(WishRoom(room_id=room.id, rank=1))
    application.wishes.append(held)
    db.session.add(application)
    db.session.flush()


@pytest.fixture
def scenario(open_round, place, make_club, staff):
    """Eight wishes for Tuesday evening, applied in this order:
    the municipal partner, the evening school, the board games club, the chess club, the
    scouts, and the disability association."""
    A, B, C = place.hall, place.meeting, place.suited
    partner = make_club("Sundhedsfremme", OrgKind.MUNICIPAL_PARTNER)
    school = make_club("Aftenskolen", OrgKind.EVENING_SCHOOL)
    games = make_club("Terningen", OrgKind.ASSOCIATION)
    chess = make_club("Springeren", OrgKind.CLUB)
    scouts = make_club("Ørnereden", OrgKind.ASSOCIATION)
    disability = make_club("Handicapidræt", OrgKind.ASSOCIATION)
    last_season(chess, B, staff)
    w = {}
    w["partner"] = apply(partner, open_round, [wish([A], "19:30", "21:00")], 0).wishes
    w["school"] = apply(school, open_round, [wish([A, B], "17:00", "19:00")], 10).wishes
    w["games"] = apply(games, open_round, [wish([B], "19:00", "21:00")], 20).wishes
    w["chess"] = apply(chess, open_round, [wish([B, A], "18:00", "20:00"), wish([B], "19:00", "21:00")], 30).wishes
    w["scouts"] = apply(
        scouts, open_round, [wish([A], "17:30", "19:30", age="children"), wish([C], "17:00", "18:00", age="youth")], 40
    ).wishes
    w["disability"] = apply(disability, open_round, [wish([C, B], "17:00", "19:00", disabilities=True)], 50).wishes
    to_allocating(staff, open_round)
    db.session.flush()
    return open_round, w


# Worked out by hand from the rule:
# 1. Værkstedet is suited for people with disabilities: the disability association's wish
#    gets it first, before the scouts' higher tier -> disability 17-19 in Værkstedet.
# 2. Tier 1 (scouts): Salen 17:30-19:30 is free -> granted; Værkstedet 17-18 is taken -> declined.
# 3. Tier 2 (evening school): Salen 17-19 clashes with the scouts; its second choice,
#    Mødelokalet 17-19, is free -> granted there.
# 4. Tier 3: the chess club held Mødelokalet 19-21 last season -> it goes before the board
#    games club, which applied earlier; then the board games club's 19-21 clashes -> declined;
#    the chess club's 18-20 clashes in Mødelokalet (school) and in Salen (scouts) -> declined.
# 5. Tier 4 (partner): Salen 19:30-21:00 starts when the scouts end -> granted.
def expected(place, w):
    return {
        w["disability"][0].id: place.suited.id,
        w["scouts"][0].id: place.hall.id,
        w["scouts"][1].id: None,
        w["school"][0].id: place.meeting.id,
        w["chess"][1].id: place.meeting.id,
        w["games"][0].id: None,
        w["chess"][0].id: None,
        w["partner"][0].id: place.hall.id,
    }


def test_tiers_follow_kind_and_age(scenario):
    _round, w = scenario
    rules = {name: [wish.tier.rule for wish in wishes] for name, wishes in w.items()}
    assert rules == {
        "partner": [TierRule.OTHER],
        "school": [TierRule.ADULT_EDUCATION],
        "games": [TierRule.ASSOCIATION],
        "chess": [TierRule.ASSOCIATION, TierRule.ASSOCIATION],
        "scouts": [TierRule.CHILDREN_YOUTH, TierRule.CHILDREN_YOUTH],
        "disability": [TierRule.ASSOCIATION],
    }


def test_suggestion_equals_the_hand_computed_allocation(scenario, place):
    round_, w = scenario

    placements = suggestion.suggest(round_)

    assert {wish_id: p.room_id for wish_id, p in placements.items()} == expected(place, w)
    assert placements[w["chess"][1].id].held
    assert placements[w["school"][0].id].rank == 2


def test_suggestion_is_the_same_every_time(scenario):
    round_, _w = scenario
    first = suggestion.suggest(round_)
    for _ in range(5):
        db.session.expire_all()
        assert suggestion.suggest(round_) == first


def test_applying_the_suggestion_decides_every_wish(scenario, place, staff):
    round_, w = scenario

    assert suggestion.apply_suggestion(staff, round_, AFTER_WINDOW) == 8

    wishes = suggestion.round_wishes(round_)
    assert {wish.id: wish.granted_room_id for wish in wishes} == expected(place, w)
    declined = [wish for wish in wishes if wish.outcome == Outcome.DECLINED]
    assert len(declined) == 3 and all(wish.decision_reason is None for wish in declined)  # the rule's reason
    assert all(wish.outcome == Outcome.GRANTED for wish in wishes if wish.granted_room_id)


def test_a_decision_by_hand_is_kept_and_holds_its_slot(scenario, place, staff):
    from booking.allocation.decisions import Decision, decide_wish

    round_, w = scenario
    # Staff give the board games club Mødelokalet 19-21 by hand, before the chess club.
    decide_wish(staff, w["games"][0], Decision(True, place.meeting.id, 1, time(19), time(21)), AFTER_WINDOW)

    placements = suggestion.suggest(round_)

    assert w["games"][0].id not in placements
    assert placements[w["chess"][1].id].room_id is None


def test_the_board_shows_clashes_per_room_and_weekday(scenario, place):
    round_, w = scenario
    grid = suggestion.board(round_)
    tuesday_hall = {row.wish.id: {other.id for other in row.clashes_with} for row in grid[place.hall.id][1]}
    # The partner starts when the scouts end; the chess club's second choice overlaps it.
    assert tuesday_hall[w["partner"][0].id] == {w["chess"][0].id}
    assert w["school"][0].id in tuesday_hall[w["scouts"][0].id]


def test_declined_wishes_are_kept_as_demand(scenario, staff, client, auth):
    round_, w = scenario
    suggestion.apply_suggestion(staff, round_, AFTER_WINDOW)
    db.session.commit()

    unmet = [wish.id for wish in suggestion.unmet_demand(round_)]
    assert unmet == [w["scouts"][1].id, w["chess"][0].id, w["games"][0].id]  # by time of day
    auth.login(staff)
    board = client.get(f"/personale/fordeling/{round_.id}/tavle").get_data(as_text=True)
    assert "Unmet demand" in board and "Terningen" in board.split('id="demand"')[1]
