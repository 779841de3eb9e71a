"""The engagement overview: what citizens take part in, for a period and a place.

Every number comes from the metrics registry (:mod:`booking.metrics.activities`), so the
overview shows the same figures as the statistics pages, the room review and the strategy
status. Only the lists (cancelled activities with their reasons, the activities for children
and young people) are read here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from booking.accounts.models import User
from booking.accounts.permissions import require_staff
from booking.activities.models import CHILDREN_AND_YOUNG, Activity, ActivityCategory, ActivityStatus, TargetGroup
from booking.extensions import db
from booking.labels import label
from booking.metrics.activities import compute_in_location
from booking.metrics.registry import Figure, Metric, Period, Scope, ScopeKind, compute, get
from booking.rooms.models import Location

KEYS = (
    "activities_planned",
    "activities_held",
    "activities_cancelled",
    "activities_sold_out",
    "registrations",
    "waitlist_demand",
    "activity_participants",
    "no_show_rate",
    "fill_rate",
)
YOUTH_KEYS = ("activities_planned", "activities_held", "activity_participants")


@dataclass
class Row:
    key: Any  # an enum member, or None for the total
    values: dict[str, Any]


@dataclass
class Overview:
    period: Period
    location: Location | None
    metrics: list[Metric]
    totals: dict[str, Figure]
    in_use: bool
    by_target_group: list[Row]
    by_category: list[Row]
    cancelled: list[Activity]
    youth_year: int
    youth_metrics: list[Metric] = field(default_factory=list)
    youth: list[Row] = field(default_factory=list)
    youth_activities: list[Activity] = field(default_factory=list)

    @staticmethod
    def chart(rows: list[Row], key: str) -> list[tuple[str, Any]]:
        """(label, value) pairs of one figure, for a bar chart."""
        return [(label(row.key), row.values[key]) for row in rows]


def _scope(location: Location | None) -> Scope:
    return Scope(ScopeKind.LOCATION, location.id) if location is not None else Scope()


def _rows(period: Period, kind: ScopeKind, members: Any, location: Location | None, keys=KEYS) -> list[Row]:
    location_id = location.id if location is not None else None
    def values(member: Any) -> dict[str, Any]:
        scope = Scope(kind, member.value)
        return {key: compute_in_location(key, period, scope, location_id).value for key in keys}

    return [Row(member, values(member)) for member in members]


def _activities(period: Period, location: Location | None, *conditions) -> list[Activity]:
    start, end = period.utc_bounds()
    query = (
        select(Activity)
        .where(Activity.starts_at >= start, Activity.starts_at < end, Activity.published_at.is_not(None), *conditions)
        .options(selectinload(Activity.location))
        .order_by(Activity.starts_at, Activity.id)
    )
    if location is not None:
        query = query.where(Activity.location_id == location.id)
    return list(db.session.scalars(query))


def engagement_overview(
    actor: User, period: Period, location: Location | None, youth_year: int | None = None
) -> Overview:
    """The figures for ``period`` (at ``location``, or everywhere), per target group and per
    category, and the year's overview of activities for children and young people."""
    require_staff(actor)
    scope = _scope(location)
    year = youth_year or period.end.year
    youth_period = Period(date(year, 1, 1), date(year, 12, 31))
    return Overview(
        period=period,
        location=location,
        metrics=[get(key) for key in KEYS],
        totals={key: compute(key, period, scope) for key in KEYS},
        in_use=bool(compute("engagement_overview", period, scope).value),
        by_target_group=_rows(period, ScopeKind.TARGET_GROUP, TargetGroup, location),
        by_category=_rows(period, ScopeKind.ACTIVITY_CATEGORY, ActivityCategory, location),
        cancelled=_activities(period, location, Activity.status == ActivityStatus.CANCELLED),
        youth_year=year,
        youth_metrics=[get(key) for key in YOUTH_KEYS],
        youth=_rows(youth_period, ScopeKind.TARGET_GROUP, CHILDREN_AND_YOUNG, location, YOUTH_KEYS),
        youth_activities=_activities(
            youth_period, location, Activity.target_group.in_(CHILDREN_AND_YOUNG),
            Activity.status == ActivityStatus.COMPLETED,
        ),
    )  # fmt: skip


def csv_rows(overview: Overview, labels: dict[str, str]) -> list[list[Any]]:
    """The overview as rows: section, group, figure, value, unit."""
    rows: list[list[Any]] = [[labels["section"], labels["group"], labels["figure"], labels["value"], labels["unit"]]]

    def add(section: str, group: str, metric: Metric, value: Any) -> None:
        rows.append([section, group, str(metric.label), "" if value is None else value, metric.unit.value])

    for metric in overview.metrics:
        add(labels["total"], labels["all"], metric, overview.totals[metric.key].value)
    tables = ((labels["target_group"], overview.by_target_group), (labels["category"], overview.by_category))
    for section, table in tables:
        for row in table:
            for metric in overview.metrics:
                add(section, label(row.key), metric, row.values[metric.key])
    for row in overview.youth:
        for metric in overview.youth_metrics:
            add(labels["youth"], label(row.key), metric, row.values[metric.key])
    return rows
