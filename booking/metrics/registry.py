"""The registry of usage figures.

A figure is a plain function ``fn(period, scope) -> value`` registered under a stable key
with a label, a unit and a one-sentence definition. Callers never call the functions
directly: ``compute(key, period, scope)`` checks that the figure supports the scope and
returns a :class:`Figure`, so the statistics pages, the review snapshots and the strategy
module show the same number for the same period and scope.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l

from booking.errors import Invalid, NotFound
from booking.timeutil import local_range_bounds


class Unit(enum.StrEnum):
    COUNT = "count"
    HOURS = "hours"
    PERCENT = "percent"
    PEOPLE = "people"
    YES_NO = "yes_no"


class ScopeKind(enum.StrEnum):
    ALL = "all"
    LOCATION = "location"
    ROOM = "room"
    ORGANISATION = "organisation"
    ORGANISATION_TYPE = "organisation_type"
    COMMUNITY = "community"
    ACTIVITY_CATEGORY = "activity_category"
    TARGET_GROUP = "target_group"
    TIER = "tier"  # a priority tier of the season allocation, by its rule (e.g. "children_youth")


@dataclass(frozen=True)
class Period:
    """Local calendar days ``start`` through ``end``, both inclusive."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise Invalid(_l("The period ends before it starts."))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def half_year(cls, year: int, half: int) -> Period:
        if half == 1:
            return cls(date(year, 1, 1), date(year, 6, 30))
        return cls(date(year, 7, 1), date(year, 12, 31))

    def utc_bounds(self) -> tuple[datetime, datetime]:
        """The UTC instants where the first local day starts and the day after the last starts."""
        return local_range_bounds(self.start, self.end)

    def shifted_years(self, years: int) -> Period:
        """The same days ``years`` earlier or later (29 February falls back to the 28th)."""

        def shift(day: date) -> date:
            try:
                return day.replace(year=day.year + years)
            except ValueError:
                return day.replace(year=day.year + years, day=28)

        return Period(shift(self.start), shift(self.end))


@dataclass(frozen=True)
class Scope:
    kind: ScopeKind = ScopeKind.ALL
    value: int | str | None = None

    def __post_init__(self) -> None:
        if (self.kind == ScopeKind.ALL) != (self.value is None):
            raise Invalid(_l("A scope other than the whole library names what it covers."))


ALL_SCOPES = Scope()

FigureValue = int | float | bool | None
MetricFn = Callable[[Period, Scope], FigureValue]


@dataclass(frozen=True)
class Metric:
    key: str
    label: Any  # a lazy translatable string
    unit: Unit
    definition: Any
    scopes: frozenset[ScopeKind]
    fn: MetricFn = field(repr=False)


@dataclass(frozen=True)
class Figure:
    metric: Metric
    period: Period
    scope: Scope
    value: FigureValue


_REGISTRY: dict[str, Metric] = {}


def metric(
    key: str,
    *,
    label: Any,
    unit: Unit,
    definition: Any,
    scopes: tuple[ScopeKind, ...] = (ScopeKind.ALL,),
) -> Callable[[MetricFn], MetricFn]:
    """Register ``fn`` as the figure ``key``. Keys are stable: reviews and the strategy
    module store them."""

    def register(fn: MetricFn) -> MetricFn:
        if key in _REGISTRY and _REGISTRY[key].fn is not fn:
            raise ValueError(f"metric {key!r} is registered twice")
        _REGISTRY[key] = Metric(key, label, unit, definition, frozenset(scopes), fn)
        return fn

    return register


def get(key: str) -> Metric:
    _load()
    try:
        return _REGISTRY[key]
    except KeyError:
        raise NotFound(_l("There is no figure called %(key)s.", key=key)) from None


def all_metrics() -> list[Metric]:
    _load()
    return sorted(_REGISTRY.values(), key=lambda m: m.key)


def compute(key: str, period: Period, scope: Scope = ALL_SCOPES) -> Figure:
    found = get(key)
    if scope.kind not in found.scopes:
        raise Invalid(_l("The figure %(key)s cannot be shown for this scope.", key=key))
    return Figure(found, period, scope, found.fn(period, scope))


def _load() -> None:
    # Importing the package imports every module that registers figures.
    import booking.metrics  # noqa: F401
