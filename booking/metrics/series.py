"""Figures grouped over time: a series of (bucket, value) for one figure, period and scope.

A figure can register its own grouped query with :func:`series` (one SQL statement with a
``GROUP BY`` on :mod:`booking.metrics.grouping`'s bucket expressions); that is also the only
way to offer weekday × hour. Any other figure is still grouped by day, month or year by
computing it once per bucket, so every figure in the registry can be charted per month.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from booking.errors import Invalid
from booking.metrics.grouping import CALENDAR_GROUPINGS, Bucket, Grouping, buckets
from booking.metrics.registry import FigureValue, Metric, Period, Scope, compute, get

SeriesFn = Callable[[Period, Scope, Grouping], dict[str, FigureValue]]

_SERIES: dict[str, tuple[frozenset[Grouping], SeriesFn]] = {}


def series(key: str, *groupings: Grouping) -> Callable[[SeriesFn], SeriesFn]:
    """Register ``fn(period, scope, grouping) -> {bucket key: value}`` as the grouped query of
    the figure ``key``; buckets it leaves out are 0."""

    def register(fn: SeriesFn) -> SeriesFn:
        _SERIES[key] = (frozenset(groupings), fn)
        return fn

    return register


@dataclass(frozen=True)
class Series:
    metric: Metric
    period: Period
    scope: Scope
    grouping: Grouping
    points: list[tuple[Bucket, FigureValue]]


def groupings(key: str) -> list[Grouping]:
    get(key)  # loads the registry; NotFound for an unknown key
    own = _SERIES.get(key, (frozenset(), None))[0]
    return [grouping for grouping in Grouping if grouping in own or grouping in CALENDAR_GROUPINGS]


def compute_series(key: str, period: Period, scope: Scope, grouping: Grouping) -> Series:
    found = get(key)
    if scope.kind not in found.scopes:
        raise Invalid(_l("The figure %(key)s cannot be shown for this scope.", key=key))
    own_groupings, fn = _SERIES.get(key, (frozenset(), None))
    all_buckets = buckets(period, grouping)
    if fn is not None and grouping in own_groupings:
        values = fn(period, scope, grouping)
        zero: FigureValue = 0
        points = [(bucket, values.get(bucket.key, zero)) for bucket in all_buckets]
    elif grouping in CALENDAR_GROUPINGS:
        points = [(bucket, compute(key, bucket.period, scope).value) for bucket in all_buckets]  # type: ignore[arg-type]
    else:
        raise Invalid(_l("The figure %(key)s cannot be grouped that way.", key=key))
    return Series(found, period, scope, grouping, points)
