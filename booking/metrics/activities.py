"""Figures about activities and their registrations (the engagement overview).

An activity belongs to the period in which it starts (local days). "Planned" activities are
those that were published, whatever happened to them later; drafts never count. Seats are
counted in people: a family registration of three counts three.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Select, and_, exists, func, select

from booking.activities.figures import TEXTS, unknown_value
from booking.activities.models import (
    SEAT_HOLDING,
    Activity,
    ActivityCategory,
    ActivityStatus,
    Registration,
    RegistrationStatus,
    TargetGroup,
)
from booking.errors import Invalid
from booking.extensions import db
from booking.metrics.registry import Figure, Period, Scope, ScopeKind, Unit, compute, get, metric

E = TypeVar("E", bound=enum.Enum)
ACTIVITY_SCOPES = (ScopeKind.ALL, ScopeKind.LOCATION, ScopeKind.ACTIVITY_CATEGORY, ScopeKind.TARGET_GROUP)


def _where(period: Period, scope: Scope, location_id: int | None = None) -> list:
    start, end = period.utc_bounds()
    conditions = [Activity.starts_at >= start, Activity.starts_at < end, Activity.published_at.is_not(None)]
    if scope.kind == ScopeKind.LOCATION:
        conditions.append(Activity.location_id == int(scope.value))  # type: ignore[arg-type]
    elif scope.kind == ScopeKind.ACTIVITY_CATEGORY:
        conditions.append(Activity.category == _member(ActivityCategory, scope.value))
    elif scope.kind == ScopeKind.TARGET_GROUP:
        conditions.append(Activity.target_group == _member(TargetGroup, scope.value))
    if location_id is not None:
        conditions.append(Activity.location_id == location_id)
    return conditions


def _member(enum_cls: type[E], value: object) -> E:
    """A target group or category named by its stored value (e.g. "young_people")."""
    try:
        return enum_cls(value)
    except ValueError:
        known = ", ".join(member.value for member in enum_cls)
        raise Invalid(unknown_value(value, known)) from None


def _number(query: Select) -> int:
    return int(db.session.scalar(query) or 0)


def _activities(*extra) -> Callable[[Period, Scope, int | None], int]:
    def count(period: Period, scope: Scope, location_id: int | None = None) -> int:
        return _number(select(func.count(Activity.id)).where(*_where(period, scope, location_id), *extra))

    return count


def _seats(*extra) -> Callable[[Period, Scope, int | None], int]:
    def total(period: Period, scope: Scope, location_id: int | None = None) -> int:
        return _number(
            select(func.sum(Registration.seats))
            .join(Activity, Registration.activity_id == Activity.id)
            .where(*_where(period, scope, location_id), *extra)
        )

    return total


def _percent(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


COMPLETED = Activity.status == ActivityStatus.COMPLETED

planned = _activities()
held = _activities(COMPLETED)
cancelled = _activities(Activity.status == ActivityStatus.CANCELLED)
sold_out = _activities(Activity.sold_out_at.is_not(None))
registrations = _seats()
waitlist_demand = _seats(Registration.confirmed_at.is_(None))
no_shows = _seats(COMPLETED, Registration.status == RegistrationStatus.NO_SHOW)
checked = _seats(COMPLETED, Registration.status.in_((RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW)))
seated = _seats(COMPLETED, Activity.capacity.is_not(None), Registration.status.in_(SEAT_HOLDING))


def participants(period: Period, scope: Scope, location_id: int | None = None) -> int:
    return _number(select(func.sum(Activity.attendance_count)).where(*_where(period, scope, location_id), COMPLETED))


def no_show_rate(period: Period, scope: Scope, location_id: int | None = None) -> float | None:
    return _percent(no_shows(period, scope, location_id), checked(period, scope, location_id))


def fill_rate(period: Period, scope: Scope, location_id: int | None = None) -> float | None:
    offered = _number(
        select(func.sum(Activity.capacity)).where(
            *_where(period, scope, location_id), COMPLETED, Activity.capacity.is_not(None)
        )
    )
    return _percent(seated(period, scope, location_id), offered)


def in_use(period: Period, scope: Scope, location_id: int | None = None) -> bool:
    has_registration = exists().where(Registration.activity_id == Activity.id)
    return bool(db.session.scalar(select(exists().where(and_(*_where(period, scope, location_id), has_registration)))))


# key -> (function, unit); names and definitions are in booking.activities.figures (its catalogue).
FIGURES: dict[str, tuple[Callable, Unit]] = {
    "activities_planned": (planned, Unit.COUNT),
    "activities_held": (held, Unit.COUNT),
    "activities_cancelled": (cancelled, Unit.COUNT),
    "activities_sold_out": (sold_out, Unit.COUNT),
    "registrations": (registrations, Unit.PEOPLE),
    "waitlist_demand": (waitlist_demand, Unit.PEOPLE),
    "activity_participants": (participants, Unit.PEOPLE),
    "no_show_rate": (no_show_rate, Unit.PERCENT),
    "fill_rate": (fill_rate, Unit.PERCENT),
    "engagement_overview": (in_use, Unit.YES_NO),
}

_IMPLEMENTATIONS = {key: spec[0] for key, spec in FIGURES.items()}


def _register(key: str, fn: Callable, label, unit: Unit, definition) -> None:
    def figure(period: Period, scope: Scope):
        return fn(period, scope)

    figure.__name__ = f"activities_{key}"
    scopes = (ScopeKind.ALL, ScopeKind.LOCATION) if unit == Unit.YES_NO else ACTIVITY_SCOPES
    metric(key, label=label, unit=unit, definition=definition, scopes=scopes)(figure)


for _key, (_fn, _unit) in FIGURES.items():
    _register(_key, _fn, TEXTS[_key][0], _unit, TEXTS[_key][1])


def compute_in_location(key: str, period: Period, scope: Scope, location_id: int | None) -> Figure:
    """A registered figure for ``scope`` narrowed to one place (a target group within a
    library, say), computed by the very function the registry runs."""
    if location_id is None:
        return compute(key, period, scope)
    found = get(key)
    if scope.kind not in found.scopes:
        return compute(key, period, scope)  # raises the registry's own "wrong scope" error
    return Figure(found, period, scope, _IMPLEMENTATIONS[key](period, scope, location_id))
