"""The figures beside a measurement point at a checkpoint: the half year, the year to date,
the same periods a year earlier, the trend, and coverage of a reference figure.

Figures of the system come only from the metrics registry (``compute``); a point bound to a
key that is not registered, or to a scope the figure does not support, shows "not available"
rather than an error. A signed-off checkpoint shows the figures frozen at sign-off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from booking.errors import DomainError
from booking.extensions import db
from booking.metrics.registry import ALL_SCOPES, Period, Scope, ScopeKind, compute
from booking.strategy.models import Checkpoint, FrozenFigure, MeasurementPoint, PointKind

YES_NO = "yes_no"


def scope_of(point: MeasurementPoint) -> Scope:
    if not point.scope_kind or point.scope_kind == ScopeKind.ALL.value:
        return ALL_SCOPES
    value: int | str | None = point.scope_value
    if value is not None and value.isdigit():
        value = int(value)
    return Scope(ScopeKind(point.scope_kind), value)


def value_for(point: MeasurementPoint, period: Period) -> tuple[str | None, float | None, bool]:
    """(unit, value, available) of ``point`` for ``period``."""
    if point.kind == PointKind.EXTERNAL:
        return "count", external_value(point, period), True
    if point.kind != PointKind.METRIC or not point.metric_key:
        return None, None, False
    try:
        figure = compute(point.metric_key, period, scope_of(point))
    except (DomainError, ValueError):
        # Not registered (yet), or not for this scope: the page says so instead of failing.
        return None, None, False
    value = figure.value
    if isinstance(value, bool):
        value = 1.0 if value else 0.0
    return figure.metric.unit.value, (None if value is None else float(value)), True


def halves_in(period: Period) -> list[tuple[int, int]]:
    halves = []
    for year in range(period.start.year, period.end.year + 1):
        for half in (1, 2):
            whole = Period.half_year(year, half)
            if period.start <= whole.start and whole.end <= period.end:
                halves.append((year, half))
    return halves


def external_value(point: MeasurementPoint, period: Period) -> float | None:
    """The sum of the entered half years in ``period``; None if one of them is missing."""
    entered = {(f.year, f.half): f.value for f in point.external_figures}
    halves = halves_in(period)
    if not halves or any(h not in entered for h in halves):
        return None
    return sum(entered[h] for h in halves)


def reference_value(point: MeasurementPoint, year: int) -> float | None:
    return next((r.value for r in point.reference_figures if r.year == year), None)


def is_bound(point: MeasurementPoint) -> bool:
    return point.kind in (PointKind.METRIC, PointKind.EXTERNAL)


@dataclass
class PointFigures:
    point: MeasurementPoint
    checkpoint: Checkpoint
    available: bool
    unit: str | None
    half: float | None
    ytd: float | None
    previous_half: float | None
    previous_ytd: float | None
    reference: float | None
    frozen_at: datetime | None = None

    @property
    def yes_no(self) -> bool:
        return self.unit == YES_NO

    @property
    def trend(self) -> str | None:
        """'up', 'down' or 'flat' against the same half year a year earlier."""
        if self.yes_no or self.half is None or self.previous_half is None:
            return None
        if self.half > self.previous_half:
            return "up"
        return "down" if self.half < self.previous_half else "flat"

    @property
    def coverage(self) -> float | None:
        """The year to date as a percentage of the reference figure."""
        if self.ytd is None or not self.reference:
            return None
        return 100 * self.ytd / self.reference

    @property
    def target_met(self) -> bool | None:
        """For a yearly target, judged on the year to date at the December checkpoint."""
        point = self.point
        if self.ytd is None or (point.target_min is None and point.target_max is None):
            return None
        if self.checkpoint.due_on.month != 12:
            return None
        return point.target_min is None or self.ytd >= point.target_min


def live(point: MeasurementPoint, checkpoint: Checkpoint) -> PointFigures:
    half, ytd = checkpoint.half, checkpoint.year_to_date
    unit, half_value, available = value_for(point, half)
    _u, ytd_value, _a = value_for(point, ytd)
    _u, previous_half, _a = value_for(point, half.shifted_years(-1))
    _u, previous_ytd, _a = value_for(point, ytd.shifted_years(-1))
    return PointFigures(point, checkpoint, available, unit, half_value, ytd_value, previous_half, previous_ytd,
                        reference_value(point, checkpoint.due_on.year))  # fmt: skip


def _frozen(point: MeasurementPoint, checkpoint: Checkpoint) -> FrozenFigure | None:
    return db.session.scalar(
        select(FrozenFigure).where(FrozenFigure.checkpoint_id == checkpoint.id, FrozenFigure.point_id == point.id)
    )


def figures(point: MeasurementPoint, checkpoint: Checkpoint) -> PointFigures:
    """Frozen figures for a signed-off checkpoint (when the point was bound then), else live."""
    if checkpoint.signed_off:
        frozen = _frozen(point, checkpoint)
        if frozen is not None:
            return PointFigures(
                point, checkpoint, frozen.unit is not None, frozen.unit, frozen.half_value, frozen.ytd_value,
                frozen.previous_half_value, frozen.previous_ytd_value, frozen.reference_value, frozen.frozen_at,
            )  # fmt: skip
    return live(point, checkpoint)


def freeze(checkpoint: Checkpoint, now: datetime) -> int:
    """Store the live figures of every bound point of the plan at ``checkpoint``."""
    count = 0
    for action in checkpoint.plan.actions:
        for point in action.points:
            if not is_bound(point):
                continue
            found = live(point, checkpoint)
            db.session.add(
                FrozenFigure(
                    checkpoint_id=checkpoint.id, point_id=point.id, unit=found.unit if found.available else None,
                    half_value=found.half, ytd_value=found.ytd, previous_half_value=found.previous_half,
                    previous_ytd_value=found.previous_ytd, reference_value=found.reference, frozen_at=now,
                )
            )
            count += 1
    db.session.flush()
    return count


# --- a small bar chart of the half years --------------------------------------------------------


@dataclass
class Bar:
    label: str
    value: float | None
    x: float
    y: float
    height: float


CHART_WIDTH, CHART_HEIGHT, BAR_GAP = 240, 60, 4


def chart(point: MeasurementPoint, checkpoints: list[Checkpoint]) -> list[Bar]:
    """Bars of the half-year figure at each checkpoint (frozen where signed off)."""
    values = []
    for checkpoint in checkpoints:
        frozen = _frozen(point, checkpoint) if checkpoint.signed_off else None
        half = frozen.half_value if frozen is not None else value_for(point, checkpoint.half)[1]
        values.append((checkpoint.key, half))
    top = max((v for _k, v in values if v), default=0) or 1
    width = CHART_WIDTH / max(len(values), 1)
    bars = []
    for index, (label, value) in enumerate(values):
        height = 0 if value is None else max(1.0, (CHART_HEIGHT - 2) * value / top)
        bars.append(Bar(label, value, index * width + BAR_GAP / 2, CHART_HEIGHT - height, height))
    return bars


def bar_width(bars: list[Bar]) -> float:
    return CHART_WIDTH / max(len(bars), 1) - BAR_GAP
