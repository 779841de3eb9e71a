"""Measurement points: described in words, bound to a figure of the metrics registry with a
scope, or fed with figures staff enter per half year; plus reference figures per year."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from booking.accounts.models import User
from booking.accounts.permissions import require_staff
from booking.errors import Invalid, NotFound
from booking.extensions import db
from booking.metrics.registry import ScopeKind
from booking.strategy.models import Action, ExternalFigure, MeasurementPoint, PointKind, ReferenceFigure
from booking.validation import clean_int, clean_text

METRIC_KEY = re.compile(r"[a-z][a-z0-9_]{0,63}")
MAX_FIGURE = 1_000_000_000
# Scopes that name one row, by its id.
ID_SCOPES = {ScopeKind.LOCATION, ScopeKind.ROOM, ScopeKind.ORGANISATION, ScopeKind.COMMUNITY}


@dataclass
class PointData:
    description: str | None
    kind: PointKind | str = PointKind.TEXT
    metric_key: str | None = None
    scope_kind: str | None = None
    scope_value: str | None = None
    target_min: int | str | None = None
    target_max: int | str | None = None
    reference_label: str | None = None


def get_point(action: Action, point_id: int) -> MeasurementPoint:
    point = next((p for p in action.points if p.id == point_id), None)
    if point is None:
        raise NotFound(_("The action has no such measurement point."))
    return point


def _clean(data: PointData) -> dict[str, object]:
    description = clean_text(data.description, "description", label=_("Measurement point"), max_length=2000)
    try:
        kind = PointKind(data.kind)
    except ValueError:
        raise Invalid(_("Choose what the point is measured by."), fields={"kind": "invalid"}) from None
    values: dict[str, object] = {"description": description, "kind": kind, "metric_key": None, "scope_kind": None,
                                 "scope_value": None}
    if kind == PointKind.METRIC:
        key = (data.metric_key or "").strip()
        if not METRIC_KEY.fullmatch(key):
            raise Invalid(_("Choose the figure the point is bound to."), fields={"metric_key": "invalid"})
        try:
            scope_kind = ScopeKind(data.scope_kind or ScopeKind.ALL.value)
        except ValueError:
            raise Invalid(_("Choose what the figure covers."), fields={"scope_kind": "invalid"}) from None
        scope_value = (data.scope_value or "").strip() or None
        if (scope_kind == ScopeKind.ALL) != (scope_value is None):
            raise Invalid(
                _("Name what the figure covers (e.g. a place's number or the target group “children”), or "
                  "choose the whole library."),
                fields={"scope_value": "invalid"},
            )
        if scope_kind in ID_SCOPES and scope_value is not None and not scope_value.isdigit():
            raise Invalid(_("A place, room, organisation or community is named by its number."),
                          fields={"scope_value": "invalid"})
        if scope_value is not None and len(scope_value) > 64:
            raise Invalid(_("What the figure covers can be at most 64 characters."), fields={"scope_value": "too_long"})
        values |= {"metric_key": key, "scope_kind": scope_kind.value, "scope_value": scope_value}
    low = clean_int(data.target_min, "target_min", label=_("Target from"), minimum=0, maximum=MAX_FIGURE,
                    required=False)
    high = clean_int(data.target_max, "target_max", label=_("Target up to"), minimum=0, maximum=MAX_FIGURE,
                     required=False)
    if low is not None and high is not None and high < low:
        raise Invalid(_("The target's upper bound is below its lower bound."), fields={"target_max": "invalid"})
    values |= {
        "target_min": low,
        "target_max": high,
        "reference_label": clean_text(data.reference_label, "reference_label", label=_("Reference figure"),
                                      max_length=200, required=False),
    }
    return values


def add_point(actor: User | None, action: Action, data: PointData) -> MeasurementPoint:
    require_staff(actor)
    point = MeasurementPoint(**_clean(data), position=len(action.points) + 1)
    action.points.append(point)
    db.session.flush()
    return point


def update_point(actor: User | None, point: MeasurementPoint, data: PointData) -> MeasurementPoint:
    """Change a point, e.g. bind it to a figure. Signed-off checkpoints keep their frozen figures."""
    require_staff(actor)
    for key, value in _clean(data).items():
        setattr(point, key, value)
    db.session.flush()
    return point


def remove_point(actor: User | None, point: MeasurementPoint) -> Action:
    require_staff(actor)
    action = point.action
    action.points.remove(point)
    db.session.flush()
    return action


def _figure(value: float | int | str | None, field: str) -> float:
    text = str(value if value is not None else "").strip().replace(" ", "")
    if re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?", text):
        text = text.replace(".", "")  # Danish thousands: 12.500
    text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise Invalid(_("Enter the figure as a number, e.g. 12500."), fields={field: "invalid"}) from None
    if not 0 <= number <= MAX_FIGURE:
        raise Invalid(_("The figure must be between 0 and %(n)d.", n=MAX_FIGURE), fields={field: "invalid"})
    return number


def _year(value: int | str | None) -> int:
    return clean_int(value, "year", label=_("Year"), minimum=2000, maximum=2100)  # type: ignore[return-value]


def set_external_figure(
    actor: User | None, point: MeasurementPoint, year: int | str | None, half: int | str | None,
    value: float | int | str | None, now: datetime,
) -> ExternalFigure:  # fmt: skip
    """Enter (or correct) a half year's figure from outside the system, e.g. loans."""
    require_staff(actor)
    if point.kind != PointKind.EXTERNAL:
        raise Invalid(_("Figures can only be entered for a point measured by entered figures."))
    year_ = _year(year)
    half_ = clean_int(half, "half", label=_("Half year"), minimum=1, maximum=2)
    number = _figure(value, "value")
    found = next((f for f in point.external_figures if (f.year, f.half) == (year_, half_)), None)
    if found is None:
        found = ExternalFigure(year=year_, half=half_, value=number)
        point.external_figures.append(found)
    found.value, found.entered_by_id, found.entered_at = number, actor.id, now  # type: ignore[union-attr]
    db.session.flush()
    return found


def set_reference_figure(
    actor: User | None, point: MeasurementPoint, year: int | str | None, value: float | int | str | None,
    now: datetime,
) -> ReferenceFigure:  # fmt: skip
    require_staff(actor)
    if not point.reference_label:
        raise Invalid(_("Name the reference figure on the point first."), fields={"reference_label": "required"})
    year_ = _year(year)
    number = _figure(value, "reference")
    found = next((r for r in point.reference_figures if r.year == year_), None)
    if found is None:
        found = ReferenceFigure(year=year_, value=number)
        point.reference_figures.append(found)
    found.value, found.entered_by_id, found.entered_at = number, actor.id, now  # type: ignore[union-attr]
    db.session.flush()
    return found
