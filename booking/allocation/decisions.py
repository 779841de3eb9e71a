"""Decisions: staff decide each wish, send the decisions per organisation, and close the
round; organisations accept or give back their slots by the deadline."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, time

from flask_babel import gettext as _

from booking.accounts.models import User
from booking.accounts.permissions import require_staff
from booking.allocation import seams
from booking.allocation import services as rounds
from booking.allocation.applications import admins_of, require_applicant
from booking.allocation.models import AllocationRound, Answer, Application, Outcome, RoundState, Wish
from booking.allocation.suggestion import granted_slot, reset_decision, round_wishes, slot
from booking.errors import Conflict, Invalid
from booking.extensions import db
from booking.notifications.services import queue_mail
from booking.validation import clean_text


@dataclass
class Decision:
    grant: bool
    room_id: int | None = None
    weekday: int | str | None = None
    starts: time | None = None
    ends: time | None = None
    reason: str | None = None


def _require_allocating(round_: AllocationRound) -> None:
    if round_.state != RoundState.ALLOCATING:
        raise Invalid(_("Wishes are decided while the round is being allocated."))


def decide_wish(actor: User, wish: Wish, decision: Decision, now: datetime) -> Wish:
    """Grant a wish (as asked, or with another room or time) or decline it with a reason."""
    require_staff(actor)
    round_ = wish.application.round
    _require_allocating(round_)
    reason = clean_text(
        decision.reason, "reason", label=_("Reason"), max_length=500, required=not decision.grant
    )
    if not decision.grant:
        reset_decision(wish)
        wish.outcome, wish.decision_reason = Outcome.DECLINED, reason
        wish.decided_at, wish.decided_by_id = now, actor.id
        db.session.flush()
        return wish
    room = rounds.round_room(round_, decision.room_id).room
    try:
        weekday = int(decision.weekday)  # type: ignore[arg-type]
        if not 0 <= weekday <= 6:
            raise ValueError
    except (TypeError, ValueError):
        raise Invalid(_("Choose a weekday."), fields={"weekday": "invalid"}) from None
    if not isinstance(decision.starts, time) or not isinstance(decision.ends, time):
        raise Invalid(_("Give a start and an end time."), fields={"starts": "required"})
    if decision.ends <= decision.starts:
        raise Invalid(_("The end must be after the start."), fields={"ends": "before_start"})
    if not rounds.fits_opening_hours(room, weekday, decision.starts, decision.ends):
        raise Invalid(_("%(room)s is not open then.", room=room.name), fields={"starts": "closed"})
    wanted = slot(room, weekday, decision.starts, decision.ends)
    for other in round_wishes(round_):
        other_slot = granted_slot(other) if other.id != wish.id else None
        if other_slot is not None and other_slot.clashes(wanted):
            raise Conflict(
                _("%(room)s is already given to %(organisation)s %(day)s %(start)s–%(end)s.",
                  room=other.granted_room.name, organisation=other.application.organisation.name,  # type: ignore[union-attr]
                  day=rounds.weekday_name(other.granted_weekday), start=other.granted_starts.strftime("%H:%M"),  # type: ignore[arg-type,union-attr]
                  end=other.granted_ends.strftime("%H:%M")),  # type: ignore[union-attr]
                fields={"room_id": "taken"},
            )
    same_time = (weekday, decision.starts, decision.ends) == (wish.weekday, wish.starts, wish.ends)
    as_asked = room in wish.rooms and same_time
    wish.outcome = Outcome.GRANTED if as_asked else Outcome.CHANGED
    wish.granted_room_id, wish.granted_weekday = room.id, weekday
    wish.granted_starts, wish.granted_ends = decision.starts, decision.ends
    wish.granted_minutes = rounds.season_minutes(round_, weekday, decision.starts, decision.ends, wish.frequency)
    wish.decision_reason = reason
    wish.decided_at, wish.decided_by_id = now, actor.id
    db.session.flush()
    return wish


def undecided(round_: AllocationRound) -> list[Wish]:
    return [wish for wish in round_wishes(round_) if wish.outcome == Outcome.PENDING]


def send_decisions(actor: User, round_: AllocationRound, now: datetime) -> int:
    """Mail every organisation its granted and declined slots; returns how many mails."""
    require_staff(actor)
    _require_allocating(round_)
    left = undecided(round_)
    if left:
        raise Invalid(_("%(n)d wishes are not decided yet.", n=len(left)))
    round_.state, round_.decisions_sent_at = RoundState.DECIDED, now
    sent = 0
    for application in round_.applications:
        for admin in admins_of(application.organisation):
            queue_mail(
                kind="allocation_decision",
                to_email=admin.email,
                to_name=admin.name,
                locale=admin.locale,
                context={
                    "application": application,
                    "round": round_,
                    "weekday_name": rounds.weekday_name,
                    "application_path": application_path(application),
                },
                about=("allocation_application", application.id),
                now=now,
            )
            sent += 1
    db.session.flush()
    return sent


def application_path(application: Application) -> str:
    """The organisation's page of the application (``allocation.application``), for mails
    queued outside a request."""
    return f"/foreninger/{application.organisation.slug}/fordeling/{application.round_id}"


def granted_wishes(application: Application) -> list[Wish]:
    return [wish for wish in application.wishes if wish.is_granted]


def can_answer(application: Application, now: datetime) -> bool:
    round_ = application.round
    return (
        round_.state == RoundState.DECIDED
        and rounds.today(now) <= round_.accept_by
        and any(wish.answer == Answer.NONE for wish in granted_wishes(application))
    )


def answer(actor: User, application: Application, accepted_ids: Collection[int], now: datetime) -> list[Wish]:
    """Accept the granted slots in ``accepted_ids`` and give back the others, all at once.

    The accepted slots become booking series in the same transaction; if one of them cannot
    be booked, the whole answer fails with the clash named and nothing is kept.
    """
    require_applicant(actor, application.organisation)
    round_ = application.round
    if round_.state != RoundState.DECIDED:
        raise Invalid(_("There are no decisions to answer."))
    if rounds.today(now) > round_.accept_by:
        raise Invalid(_("The deadline to accept was %(date)s.", date=round_.accept_by.isoformat()))
    granted = granted_wishes(application)
    if any(wish.answer != Answer.NONE for wish in granted):
        raise Invalid(_("The decisions have already been answered."))
    known = {wish.id for wish in granted}
    if not set(accepted_ids) <= known:
        raise Invalid(_("Only granted slots can be accepted."))
    accepted = [wish for wish in granted if wish.id in accepted_ids]
    for wish in granted:
        wish.answer = Answer.ACCEPTED if wish in accepted else Answer.GIVEN_BACK
        wish.answered_at = now
    application.answered_at = now
    db.session.flush()
    seams.book_accepted_slots(actor, application, accepted, now)
    return accepted


def lapse_unanswered(round_: AllocationRound, now: datetime) -> int:
    """After the deadline, granted slots nobody accepted go back to the pool."""
    if round_.state != RoundState.DECIDED or rounds.today(now) <= round_.accept_by:
        return 0
    lapsed = 0
    for wish in round_wishes(round_):
        if wish.is_granted and wish.answer == Answer.NONE:
            wish.answer, wish.answered_at = Answer.LAPSED, now
            lapsed += 1
    db.session.flush()
    return lapsed


def finish_round(actor: User, round_: AllocationRound, now: datetime) -> int:
    require_staff(actor)
    if round_.state != RoundState.DECIDED:
        raise Invalid(_("The round is not in the state for that step."))
    if rounds.today(now) <= round_.accept_by:
        raise Invalid(_("Organisations can accept until %(date)s.", date=round_.accept_by.isoformat()))
    lapsed = lapse_unanswered(round_, now)
    round_.state = RoundState.DONE
    db.session.flush()
    return lapsed
