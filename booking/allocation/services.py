"""Rounds: create and edit them, their rooms and priority tiers, and move them through their
states (draft -> open -> allocating -> decided -> done). Only staff write here.

Applications are in :mod:`booking.allocation.applications`, the suggested allocation in
:mod:`booking.allocation.suggestion`, decisions and answers in :mod:`booking.allocation.decisions`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from booking.accounts.models import OrgKind, User
from booking.accounts.permissions import require_staff
from booking.allocation.models import (
    AgeGroup,
    AllocationRound,
    Frequency,
    PriorityTier,
    RoundRoom,
    RoundState,
    TierRule,
)
from booking.errors import Invalid, NotFound
from booking.extensions import db
from booking.rooms import locations as locs
from booking.rooms.hours import weekly_hours
from booking.rooms.models import Room
from booking.timeutil import local_date
from booking.validation import clean_text

MAX_SEASON_DAYS = 400

# Folkeoplysningsloven §21: children and young people first, then adult education, then the
# associations' other activities, then everyone else. Names and order are the municipality's.
DEFAULT_TIERS: tuple[tuple[TierRule, str], ...] = (
    (TierRule.CHILDREN_YOUTH, "Børn og unge under 25 år i folkeoplysende foreninger"),
    (TierRule.ADULT_EDUCATION, "Folkeoplysende voksenundervisning"),
    (TierRule.ASSOCIATION, "Foreningers øvrige aktiviteter for voksne"),
    (TierRule.OTHER, "Andre brugere"),
)
ASSOCIATION_KINDS = frozenset({OrgKind.ASSOCIATION, OrgKind.CLUB})
YOUNG = frozenset({AgeGroup.CHILDREN, AgeGroup.YOUTH})

LABELS = {
    "name": _l("Name of the round"),
    "season_start": _l("Season starts"),
    "season_end": _l("Season ends"),
    "window_opens": _l("Applications open"),
    "window_closes": _l("Applications close"),
    "decision_date": _l("Decisions by"),
    "accept_by": _l("Accept by"),
    "room_ids": _l("Rooms in the round"),
    "suited_room_ids": _l("Rooms especially suited for people with disabilities"),
}
# The weekday's name in the page's language ("Tirsdag"), as the rooms pages write it.
weekday_name = locs.weekday_name


def derive_rule(kind: OrgKind, age_group: AgeGroup) -> TierRule:
    """The §21 tier of an activity, from the organisation's kind and the participants' age."""
    if kind == OrgKind.EVENING_SCHOOL:
        return TierRule.ADULT_EDUCATION
    if kind in ASSOCIATION_KINDS:
        return TierRule.CHILDREN_YOUTH if age_group in YOUNG else TierRule.ASSOCIATION
    return TierRule.OTHER


def tier_for(round_: AllocationRound, rule: TierRule) -> PriorityTier:
    for tier in round_.tiers:
        if tier.rule == rule:
            return tier
    raise Invalid(_("The round has no priority tier for this kind of activity."))  # pragma: no cover


def today(now: datetime) -> date:
    return local_date(now)


def window_is_open(round_: AllocationRound, now: datetime) -> bool:
    return round_.state == RoundState.OPEN and round_.window_opens <= today(now) <= round_.window_closes


def season_dates(
    round_: AllocationRound, weekday: int, frequency: Frequency, *, after: date | None = None
) -> list[date]:
    """Every date of the season on the weekday (every other one for fortnightly slots, counted
    from the season's first), only those later than ``after`` if given."""
    first = round_.season_start + timedelta(days=(weekday - round_.season_start.weekday()) % 7)
    step = timedelta(days=14 if frequency == Frequency.FORTNIGHTLY else 7)
    dates, day = [], first
    while day <= round_.season_end:
        if after is None or day > after:
            dates.append(day)
        day += step
    return dates


def minutes_between(starts: time, ends: time) -> int:
    return (ends.hour * 60 + ends.minute) - (starts.hour * 60 + starts.minute)


def season_minutes(round_: AllocationRound, weekday: int, starts: time, ends: time, frequency: Frequency) -> int:
    return minutes_between(starts, ends) * len(season_dates(round_, weekday, frequency))


def fits_opening_hours(room: Room, weekday: int, starts: time, ends: time) -> bool:
    """True if the weekly slot lies inside one opening period (adjacent periods joined)."""
    periods = weekly_hours(room.location)[weekday]
    merged: list[list[time]] = []
    for hours in periods:
        if merged and merged[-1][1] >= hours.opens:
            merged[-1][1] = max(merged[-1][1], hours.closes)
        else:
            merged.append([hours.opens, hours.closes])
    return any(opens <= starts and ends <= closes for opens, closes in merged)


# --- reading ---------------------------------------------------------------------------------


def get_round(round_id: int) -> AllocationRound:
    round_ = db.session.get(AllocationRound, round_id)
    if round_ is None:
        raise NotFound(_("No such allocation round."))
    return round_


def all_rounds() -> list[AllocationRound]:
    return list(db.session.scalars(select(AllocationRound).order_by(AllocationRound.season_start.desc())))


def rounds_for_applicants(now: datetime) -> list[AllocationRound]:
    """Rounds an organisation can see: open for applications, or with decisions."""
    visible = (RoundState.OPEN, RoundState.ALLOCATING, RoundState.DECIDED, RoundState.DONE)
    return [r for r in all_rounds() if r.state in visible]


def previous_round(round_: AllocationRound) -> AllocationRound | None:
    """The round of the season before this one, whose holders get priority."""
    return db.session.scalar(
        select(AllocationRound)
        .where(
            AllocationRound.season_start < round_.season_start,
            AllocationRound.state.in_((RoundState.DECIDED, RoundState.DONE)),
        )
        .order_by(AllocationRound.season_start.desc())
        .limit(1)
    )


def round_room(round_: AllocationRound, room_id: int | None) -> RoundRoom:
    for rr in round_.round_rooms:
        if rr.room_id == room_id:
            return rr
    raise Invalid(_("That room is not part of this allocation round."), fields={"room_id": "unknown"})


# --- writing ---------------------------------------------------------------------------------


@dataclass
class RoundData:
    name: str
    season_start: date | None
    season_end: date | None
    window_opens: date | None
    window_closes: date | None
    decision_date: date | None
    accept_by: date | None
    room_ids: Sequence[int] = field(default_factory=list)
    suited_room_ids: Sequence[int] = field(default_factory=list)


def _clean_round(data: RoundData) -> dict[str, object]:
    values: dict[str, object] = {
        "name": clean_text(data.name, "name", label=str(LABELS["name"]), max_length=200)
    }
    order = ("window_opens", "window_closes", "decision_date", "accept_by")
    for key in ("season_start", "season_end", *order):
        value = getattr(data, key)
        if not isinstance(value, date):
            raise Invalid(_("%(label)s is required.", label=LABELS[key]), fields={key: "required"})
        values[key] = value
    if values["season_end"] < values["season_start"]:  # type: ignore[operator]
        raise Invalid(_("The season must end after it starts."), fields={"season_end": "before_start"})
    if (values["season_end"] - values["season_start"]).days > MAX_SEASON_DAYS:  # type: ignore[operator]
        raise Invalid(_("A season can be at most %(n)d days.", n=MAX_SEASON_DAYS), fields={"season_end": "too_long"})
    for earlier, later in pairwise(order):
        if values[later] < values[earlier]:  # type: ignore[operator]
            raise Invalid(
                _("%(later)s cannot be before %(earlier)s.", later=LABELS[later], earlier=LABELS[earlier]),
                fields={later: "order"},
            )
    if values["window_closes"] >= values["season_start"]:  # type: ignore[operator]
        raise Invalid(_("Applications must close before the season starts."), fields={"window_closes": "order"})
    return values


def _set_rooms(round_: AllocationRound, room_ids: Sequence[int], suited_ids: Sequence[int]) -> None:
    wanted = sorted({int(i) for i in room_ids})
    if not wanted:
        raise Invalid(_("Choose at least one room for the round."), fields={"room_ids": "required"})
    rooms = {room.id: room for room in db.session.scalars(select(Room).where(Room.id.in_(wanted)))}
    if set(rooms) != set(wanted):
        raise Invalid(_("That room does not exist."), fields={"room_ids": "unknown"})
    suited = {int(i) for i in suited_ids}
    by_room = {rr.room_id: rr for rr in round_.round_rooms}
    for room_id, rr in list(by_room.items()):
        if room_id not in rooms:
            round_.round_rooms.remove(rr)
    for room_id in wanted:
        rr = by_room.get(room_id) or RoundRoom(room_id=room_id)
        rr.suited_for_disabilities = room_id in suited
        if room_id not in by_room:
            round_.round_rooms.append(rr)


def create_round(actor: User, data: RoundData, now: datetime) -> AllocationRound:
    require_staff(actor)
    values = _clean_round(data)
    round_ = AllocationRound(**values, state=RoundState.DRAFT, created_at=now, created_by_id=actor.id)
    _set_rooms(round_, data.room_ids, data.suited_room_ids)
    for position, (rule, name) in enumerate(DEFAULT_TIERS, start=1):
        round_.tiers.append(PriorityTier(position=position, rule=rule, name=name))
    db.session.add(round_)
    db.session.flush()
    return round_


def update_round(actor: User, round_: AllocationRound, data: RoundData) -> AllocationRound:
    """Dates and rooms change while the round is a draft; once open, only its dates, so no
    application loses a room it asked for."""
    require_staff(actor)
    if round_.state not in (RoundState.DRAFT, RoundState.OPEN):
        raise Invalid(_("The round can no longer be changed."))
    values = _clean_round(data)
    for key, value in values.items():
        setattr(round_, key, value)
    if round_.state == RoundState.DRAFT:
        _set_rooms(round_, data.room_ids, data.suited_room_ids)
    db.session.flush()
    return round_


def update_tiers(actor: User, round_: AllocationRound, names: dict[int, str], positions: dict[int, int]) -> None:
    """Rename and reorder the tiers (``{tier id: name}``, ``{tier id: position}``)."""
    require_staff(actor)
    if round_.state not in (RoundState.DRAFT, RoundState.OPEN, RoundState.ALLOCATING):
        raise Invalid(_("The priority tiers can no longer be changed."))
    tiers = {tier.id: tier for tier in round_.tiers}
    if set(names) != set(tiers) or set(positions) != set(tiers):
        raise Invalid(_("Give every tier a name and a place in the order."))
    if sorted(positions.values()) != list(range(1, len(tiers) + 1)):
        raise Invalid(_("Number the tiers 1, 2, 3, … with each number once."), fields={"positions": "invalid"})
    for tier_id, tier in tiers.items():
        tier.name = clean_text(names[tier_id], f"name_{tier_id}", label=_("Tier name"), max_length=200)  # type: ignore[assignment]
        tier.position = positions[tier_id]
    db.session.flush()


def _move(round_: AllocationRound, expected: RoundState, new: RoundState) -> None:
    if round_.state != expected:
        raise Invalid(_("The round is not in the state for that step."))
    round_.state = new


def open_round(actor: User, round_: AllocationRound, now: datetime) -> AllocationRound:
    require_staff(actor)
    _move(round_, RoundState.DRAFT, RoundState.OPEN)
    return round_


def close_window(actor: User, round_: AllocationRound, now: datetime) -> AllocationRound:
    """Start allocating. Not before the window has closed: applicants were promised they can
    edit until then."""
    require_staff(actor)
    if round_.state == RoundState.OPEN and today(now) <= round_.window_closes:
        raise Invalid(_("Applications are open until %(date)s.", date=round_.window_closes.isoformat()))
    _move(round_, RoundState.OPEN, RoundState.ALLOCATING)
    return round_
