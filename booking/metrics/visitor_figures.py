"""Visitors: the people counted at the locations' doors (:mod:`booking.visitors`)."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select

from booking.extensions import db
from booking.metrics.grouping import Grouping, date_bucket
from booking.metrics.registry import Period, Scope, ScopeKind, Unit, metric
from booking.metrics.scopes import filter_place
from booking.metrics.series import series
from booking.visitors.models import CountSpan, VisitorCount


def whole_months(period: Period) -> list[date]:
    """First days of the months that lie wholly inside the period."""
    months = []
    year, month = period.start.year, period.start.month
    while date(year, month, 1) <= period.end:
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        if first >= period.start and following.toordinal() - 1 <= period.end.toordinal():
            months.append(first)
        year, month = following.year, following.month
    return months


def _counted_in(period: Period):
    return or_(
        and_(VisitorCount.span == CountSpan.DAY, VisitorCount.day.between(period.start, period.end)),
        and_(VisitorCount.span == CountSpan.MONTH, VisitorCount.day.in_(whole_months(period))),
    )


@metric(
    "visitors",
    label=_l("Visitors"),
    unit=Unit.PEOPLE,
    definition=_l(
        "People counted coming into the location, entered by staff or imported from the people "
        "counters, on the days of the period. A count for a whole month is included when the "
        "whole month lies in the period."
    ),
    scopes=(ScopeKind.ALL, ScopeKind.LOCATION),
)
def visitors(period: Period, scope: Scope) -> int:
    query = select(func.coalesce(func.sum(VisitorCount.visitors), 0)).where(_counted_in(period))
    return int(db.session.scalar(filter_place(query, scope, VisitorCount.location_id)) or 0)


@series("visitors", Grouping.DAY, Grouping.MONTH, Grouping.YEAR)
def visitors_series(period: Period, scope: Scope, grouping: Grouping) -> dict[str, int]:
    bucket = date_bucket(VisitorCount.day, grouping).label("bucket")
    query = select(bucket, func.sum(VisitorCount.visitors)).where(_counted_in(period)).group_by(bucket)
    if grouping == Grouping.DAY:
        # A month's count belongs to no single day.
        query = query.where(VisitorCount.span == CountSpan.DAY)
    rows = db.session.execute(filter_place(query, scope, VisitorCount.location_id)).all()
    return {key: int(value) for key, value in rows}
