"""What the statistics pages show: every figure of the registry that fits the chosen scope,
for the chosen period, as totals, per-month series, weekday × hour grids and per-room rows.
Nothing here names a figure: a figure added to the registry appears on its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from booking.accounts.models import OrgKind, User
from booking.accounts.permissions import require_staff
from booking.errors import Invalid
from booking.extensions import db
from booking.labels import label
from booking.metrics import registry, series
from booking.metrics.grouping import Grouping
from booking.metrics.registry import Figure, Metric, Period, Scope, ScopeKind, Unit
from booking.rooms.models import Room

MAX_PERIOD_DAYS = 5 * 366


def parse_period(start: str | None, end: str | None, default: Period) -> Period:
    try:
        first = date.fromisoformat(start) if start else default.start
        last = date.fromisoformat(end) if end else default.end
    except ValueError:
        raise Invalid(_("Give the dates as year-month-day, e.g. 2026-01-31."), fields={"period": "invalid"}) from None
    period = Period(first, last)
    if (last - first).days > MAX_PERIOD_DAYS:
        raise Invalid(_("Choose a period of at most five years."), fields={"period": "too_long"})
    return period


def metrics_for(scope: Scope) -> list[Metric]:
    return [found for found in registry.all_metrics() if scope.kind in found.scopes]


@dataclass(frozen=True)
class Statistics:
    period: Period
    scope: Scope
    figures: list[Figure]
    monthly: list[series.Series]
    heatmaps: list[series.Series]
    room_metrics: list[Metric]
    rooms: list[tuple[Room, dict[str, object]]]
    kind_metrics: list[Metric] = field(default_factory=list)
    kinds: list[tuple[str, dict[str, object]]] = field(default_factory=list)  # per kind of organisation


def statistics(actor: User | None, period: Period, scope: Scope) -> Statistics:
    require_staff(actor)
    found = metrics_for(scope)
    figures = [registry.compute(item.key, period, scope) for item in found]
    monthly = [series.compute_series(item.key, period, scope, Grouping.MONTH) for item in found]
    heatmaps = [
        series.compute_series(item.key, period, scope, Grouping.WEEKDAY_HOUR)
        for item in found
        if Grouping.WEEKDAY_HOUR in series.groupings(item.key)
    ]
    room_metrics: list[Metric] = []
    rooms: list[tuple[Room, dict[str, object]]] = []
    if scope.kind == ScopeKind.LOCATION:
        room_metrics = metrics_for(Scope(ScopeKind.ROOM, 0))
        place_rooms = db.session.scalars(
            select(Room).where(Room.location_id == scope.value, Room.active).order_by(Room.name)
        )
        for room in place_rooms:
            room_scope = Scope(ScopeKind.ROOM, room.id)
            rooms.append(
                (room, {item.key: registry.compute(item.key, period, room_scope).value for item in room_metrics})
            )
    kind_metrics: list[Metric] = []
    kinds: list[tuple[str, dict[str, object]]] = []
    if scope.kind == ScopeKind.ALL:
        kind_metrics = [m for m in metrics_for(Scope(ScopeKind.ORGANISATION_TYPE, "")) if m.unit != Unit.YES_NO]
        for kind in OrgKind:
            kind_scope = Scope(ScopeKind.ORGANISATION_TYPE, kind.value)
            kinds.append(
                (label(kind), {item.key: registry.compute(item.key, period, kind_scope).value for item in kind_metrics})
            )
    return Statistics(period, scope, figures, monthly, heatmaps, room_metrics, rooms, kind_metrics, kinds)
