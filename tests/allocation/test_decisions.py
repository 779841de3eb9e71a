"""Decisions by hand, the decision mails, the organisations' answers and the deadline."""

from __future__ import annotations

from datetime import date

import pytest

from booking.accounts.models import OrgKind
from booking.allocation import decisions, seams, suggestion
from booking.allocation.decisions import Decision
from booking.allocation.models import Answer, Outcome, RoundState
from booking.errors import Conflict, Invalid
from booking.extensions import db
from booking.notifications.models import OutboxMessage
from tests.allocation.conftest import AFTER_WINDOW, DECIDED_AT, apply, snapshot, t, to_allocating, wish


@pytest.fixture
def allocated(open_round, place, make_club, staff):
    scouts = make_club("Ørnereden", OrgKind.ASSOCIATION)
    chess = make_club("Springeren", OrgKind.CLUB)
    apply(scouts, open_round, [wish([place.hall], "17:00", "19:00", age="children"),
                               wish([place.meeting], "10:00", "12:00", weekday=5, age="children")])  # fmt: skip
    apply(chess, open_round, [wish([place.hall], "18:00", "20:00")], 5)
    to_allocating(staff, open_round)
    suggestion.apply_suggestion(staff, open_round, AFTER_WINDOW)
    return open_round, scouts, chess


@pytest.mark.usefixtures("english")
def test_staff_grant_with_changes_and_a_clash_is_named(allocated, place, staff):
    round_, _scouts, _chess = allocated
    chess_wish = round_.applications[1].wishes[0]
    assert chess_wish.outcome == Outcome.DECLINED

    with pytest.raises(Conflict, match="Salen is already given to Ørnereden"):
        decisions.decide_wish(staff, chess_wish, Decision(True, place.hall.id, 1, t("18:00"), t("20:00")), AFTER_WINDOW)

    decisions.decide_wish(staff, chess_wish, Decision(True, place.hall.id, 1, t("19:00"), t("21:00"), "Fra kl. 19"),
                          AFTER_WINDOW)  # fmt: skip
    assert chess_wish.outcome == Outcome.CHANGED
    assert chess_wish.granted_minutes == 120 * len(seams.season_slot(chess_wish).dates + list(
        seams.season_slot(chess_wish).skipped))  # fmt: skip


@pytest.mark.usefixtures("english")
def test_declining_needs_a_reason(allocated, staff):
    round_, _scouts, _chess = allocated
    with pytest.raises(Invalid, match="Reason is required"):
        decisions.decide_wish(staff, round_.applications[0].wishes[0], Decision(False), AFTER_WINDOW)


def test_decisions_are_mailed_per_organisation_and_answered(allocated, staff):
    round_, scouts, chess = allocated
    assert decisions.send_decisions(staff, round_, DECIDED_AT) == 2
    mails = db.session.scalars(db.select(OutboxMessage).where(OutboxMessage.kind == "allocation_decision")).all()
    scouts_mail = next(mail for mail in mails if mail.to_email == scouts.admin.email)
    assert "Salen" in scouts_mail.body and "/fordeling/" in scouts_mail.body
    chess_mail = next(mail for mail in mails if mail.to_email == chess.admin.email)
    assert "Every wished room is taken at that time" in chess_mail.body  # in the reader's language
    assert "Accept or give back" not in chess_mail.body  # nothing was granted

    application = round_.applications[0]
    hall, saturday = application.wishes
    accepted = decisions.answer(scouts.admin, application, {hall.id}, DECIDED_AT)

    assert accepted == [hall]
    assert (hall.answer, saturday.answer) == (Answer.ACCEPTED, Answer.GIVEN_BACK)
    with pytest.raises(Invalid):
        decisions.answer(scouts.admin, application, {hall.id}, DECIDED_AT)


def test_slots_not_accepted_by_the_deadline_return_to_the_pool(allocated, staff):
    round_, scouts, _chess = allocated
    decisions.send_decisions(staff, round_, DECIDED_AT)
    late = AFTER_WINDOW.replace(month=5, day=2)

    with pytest.raises(Invalid):
        decisions.answer(scouts.admin, round_.applications[0], set(), late)
    assert decisions.finish_round(staff, round_, late) == 2

    assert round_.state == RoundState.DONE
    assert {wish.answer for wish in round_.applications[0].wishes} == {Answer.LAPSED}


def test_accepted_slots_skip_holidays_and_closures(allocated, place, staff):
    from booking.rooms import locations as locs

    round_, _scouts, _chess = allocated
    locs.add_closure(staff, place.hall.location, starts_on=date(2026, 12, 22), ends_on=date(2026, 12, 31),
                     reason="Juleferie", now=AFTER_WINDOW)  # fmt: skip
    hall_wish = round_.applications[0].wishes[0]  # Tuesdays 17-19, 4 Aug 2026 - 29 Jun 2027

    planned = seams.season_slot(hall_wish)

    assert planned.dates[0] == date(2026, 8, 4) and planned.dates[-1] == date(2027, 6, 29)
    assert set(planned.skipped) == {date(2026, 12, 22), date(2026, 12, 29)}
    assert len(planned.dates) + len(planned.skipped) == 48


def test_a_refused_answer_writes_nothing(allocated, make_club, staff):
    round_, scouts, _chess = allocated
    decisions.send_decisions(staff, round_, DECIDED_AT)
    db.session.commit()
    before = snapshot()
    with pytest.raises(Invalid):
        decisions.answer(scouts.admin, round_.applications[0], {999999}, DECIDED_AT)
    db.session.rollback()
    assert snapshot() == before


def test_the_daily_command_returns_unaccepted_times(allocated, staff, runner):
    round_, _scouts, _chess = allocated
    decisions.send_decisions(staff, round_, DECIDED_AT)
    round_.accept_by = date(2026, 5, 1)  # long past by the real clock the command uses
    db.session.commit()

    result = runner.invoke(args=["allocation", "lapse"])

    assert "2 granted time(s) returned to the pool." in result.output
    db.session.expire_all()
    assert {w.answer for w in round_.applications[0].wishes} == {Answer.LAPSED}
