"""The second, first-come application: once the decisions are sent, an organisation can ask for
a free weekly time for the rest of the season. The first wished room that is free then is
granted and booked at once; if none is, nothing is written and the message says so."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from booking.accounts.models import Organisation, User
from booking.allocation import seams
from booking.allocation import services as rounds
from booking.allocation.applications import (
    MAX_WISHES,
    WishData,
    clean_wish,
    fill_wish,
    get_application,
    get_profile,
    require_applicant,
)
from booking.allocation.models import AllocationRound, Answer, Application, Outcome, RoundState, Wish
from booking.allocation.suggestion import granted_slot, round_wishes, slot
from booking.errors import Conflict, Invalid
from booking.extensions import db


def is_open(round_: AllocationRound, now: datetime) -> bool:
    return round_.state == RoundState.DECIDED and rounds.today(now) < round_.season_end


def holds(wish: Wish) -> bool:
    """A granted time the organisation has not given back and that has not lapsed."""
    return wish.is_granted and wish.answer not in (Answer.GIVEN_BACK, Answer.LAPSED)


def apply_for_free_time(
    actor: User, round_: AllocationRound, organisation: Organisation, data: WishData, now: datetime
) -> Wish:
    require_applicant(actor, organisation)
    if not is_open(round_, now):
        raise Invalid(_("Free times can be asked for once the decisions are sent, until the season ends."))
    if get_profile(organisation, round_.season_start.year) is None:
        raise Invalid(_("Confirm the organisation's details for %(year)d first.", year=round_.season_start.year))
    application = get_application(round_, organisation)
    if application is not None and len(application.wishes) >= MAX_WISHES:
        raise Invalid(_("An application can have at most %(max)d wished times.", max=MAX_WISHES))
    values = clean_wish(round_, 1, data)
    taken = [granted_slot(w) for w in round_wishes(round_) if holds(w)]
    free = next(
        (
            room
            for room in values["rooms"]  # type: ignore[attr-defined]
            if not any(
                s is not None and s.clashes(slot(room, values["weekday"], values["starts"], values["ends"]))  # type: ignore[arg-type]
                for s in taken
            )
        ),
        None,
    )
    if free is None:
        raise Conflict(_("None of the wished rooms is free at that time. Try another time or room."))
    if application is None:
        application = Application(round=round_, organisation=organisation, submitted_at=now, updated_at=now)
        db.session.add(application)
    application.applied_by_id, application.updated_at = actor.id, now
    with db.session.no_autoflush:
        wish = Wish()
        application.wishes.append(wish)
        fill_wish(round_, organisation, wish, len(application.wishes), values)
        # Hours from tomorrow to the season's end: the weeks gone by are not asked for.
        remaining = rounds.season_dates(round_, wish.weekday, wish.frequency, after=rounds.today(now))
        wish.applied_minutes = rounds.minutes_between(wish.starts, wish.ends) * len(remaining)
        wish.outcome, wish.granted_room, wish.granted_weekday = Outcome.GRANTED, free, wish.weekday
        wish.granted_starts, wish.granted_ends, wish.granted_minutes = wish.starts, wish.ends, wish.applied_minutes
        wish.decided_at, wish.answer, wish.answered_at = now, Answer.ACCEPTED, now
        wish.decision_reason = _("Granted first-come after the decisions.")
    db.session.flush()
    seams.book_accepted_slots(actor, application, [wish], now)
    return wish
