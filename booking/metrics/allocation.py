"""Figures of the season allocation: hours applied for, granted, declined and given back.

A wish's hours are its weekly duration times the dates of the season it would be held (every
week or every other week, before closed days are taken out). A round counts in the period
that holds the first day of its season; rounds still in draft do not count.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.sql import Select

from booking.accounts.models import Organisation
from booking.allocation.models import (
    AllocationRound,
    Answer,
    Application,
    Outcome,
    PriorityTier,
    RoundState,
    Wish,
    WishRoom,
)
from booking.extensions import db
from booking.metrics.registry import Period, Scope, ScopeKind, Unit, metric

SCOPES = (ScopeKind.ALL, ScopeKind.ROOM, ScopeKind.ORGANISATION, ScopeKind.ORGANISATION_TYPE, ScopeKind.TIER)


def _hours(column, period: Period, scope: Scope, *, room_column, where=()) -> float:
    query: Select = (
        select(func.coalesce(func.sum(column), 0))
        .select_from(Wish)
        .join(Application, Application.id == Wish.application_id)
        .join(AllocationRound, AllocationRound.id == Application.round_id)
        .where(
            AllocationRound.state != RoundState.DRAFT,
            AllocationRound.season_start >= period.start,
            AllocationRound.season_start <= period.end,
            *where,
        )
    )
    if scope.kind == ScopeKind.ROOM:
        query = query.where(room_column == int(scope.value))  # type: ignore[arg-type]
    elif scope.kind == ScopeKind.ORGANISATION:
        query = query.where(Application.organisation_id == int(scope.value))  # type: ignore[arg-type]
    elif scope.kind == ScopeKind.ORGANISATION_TYPE:
        query = query.join(Organisation, Organisation.id == Application.organisation_id).where(
            Organisation.kind == str(scope.value)
        )
    elif scope.kind == ScopeKind.TIER:
        query = query.join(PriorityTier, PriorityTier.id == Wish.tier_id).where(PriorityTier.rule == str(scope.value))
    minutes = db.session.scalar(query) or 0
    return round(minutes / 60, 2)


def _first_choice():
    """The room a wish asked for first: where demand for a room is counted."""
    return (
        select(WishRoom.room_id)
        .where(WishRoom.wish_id == Wish.id, WishRoom.rank == 1)
        .correlate(Wish)
        .scalar_subquery()
    )


@metric(
    "allocation.hours_applied",
    label=_l("Season hours applied for"),
    unit=Unit.HOURS,
    definition=_l(
        "Hours over the season of every wished weekly time in the season allocation, counted in the "
        "first choice of room, for rounds whose season starts in the period."
    ),
    scopes=SCOPES,
)
def hours_applied(period: Period, scope: Scope) -> float:
    return _hours(Wish.applied_minutes, period, scope, room_column=_first_choice())


@metric(
    "allocation.hours_granted",
    label=_l("Season hours granted"),
    unit=Unit.HOURS,
    definition=_l(
        "Hours over the season of the weekly times granted in the season allocation (as asked or with "
        "changes), counted in the granted room, for rounds whose season starts in the period."
    ),
    scopes=SCOPES,
)
def hours_granted(period: Period, scope: Scope) -> float:
    granted = Wish.outcome.in_((Outcome.GRANTED, Outcome.CHANGED))
    return _hours(Wish.granted_minutes, period, scope, room_column=Wish.granted_room_id, where=(granted,))


@metric(
    "allocation.hours_declined",
    label=_l("Season hours declined"),
    unit=Unit.HOURS,
    definition=_l(
        "Hours over the season of the wished weekly times that were declined: demand the rooms could "
        "not meet, counted in the first choice of room, for rounds whose season starts in the period."
    ),
    scopes=SCOPES,
)
def hours_declined(period: Period, scope: Scope) -> float:
    declined = Wish.outcome == Outcome.DECLINED
    return _hours(Wish.applied_minutes, period, scope, room_column=_first_choice(), where=(declined,))


@metric(
    "allocation.hours_given_back",
    label=_l("Season hours given back"),
    unit=Unit.HOURS,
    definition=_l(
        "Hours over the season of granted weekly times the organisation gave back or did not accept by "
        "the deadline, counted in the granted room, for rounds whose season starts in the period."
    ),
    scopes=SCOPES,
)
def hours_given_back(period: Period, scope: Scope) -> float:
    back = Wish.answer.in_((Answer.GIVEN_BACK, Answer.LAPSED))
    return _hours(Wish.granted_minutes, period, scope, room_column=Wish.granted_room_id, where=(back,))
