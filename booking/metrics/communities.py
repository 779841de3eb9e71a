"""Figures about the open communities (action 16 of the plan: publish the overview every year)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from booking.communities import editions
from booking.communities.models import Community, CommunityStatus
from booking.extensions import db
from booking.metrics.registry import Period, Scope, ScopeKind, Unit, metric
from booking.metrics.scope_options import scope_choices

RUNNING = (CommunityStatus.ACTIVE, CommunityStatus.PAUSED, CommunityStatus.ENDED)


@metric(
    "communities_active",
    label=_l("Open communities"),
    unit=Unit.COUNT,
    definition=_l(
        "Open communities approved by the library whose schedule runs at some time in the period "
        "(including those paused or ended since)."
    ),
    scopes=(ScopeKind.ALL, ScopeKind.LOCATION),
)
def communities_active(period: Period, scope: Scope) -> int:
    query = select(func.count()).select_from(Community).where(
        Community.status.in_(RUNNING),
        Community.approved_at.is_not(None),
        Community.valid_from <= period.end,
        (Community.valid_until.is_(None)) | (Community.valid_until >= period.start),
    )
    if scope.kind == ScopeKind.LOCATION:
        query = query.where(Community.location_id == int(scope.value))  # type: ignore[arg-type]
    return int(db.session.scalar(query) or 0)


@metric(
    "communities_edition_published",
    label=_l("Overview of open communities published"),
    unit=Unit.YES_NO,
    definition=_l("Whether the library has published the annual overview of open communities for the period's year."),
    scopes=(ScopeKind.ALL,),
)
def communities_edition_published(period: Period, scope: Scope) -> bool:
    return editions.is_published(period.start.year)


@scope_choices(ScopeKind.COMMUNITY, _l("Open communities"))
def _communities() -> list[tuple[int, str]]:
    query = select(Community.id, Community.title).where(Community.approved_at.is_not(None)).order_by(Community.title)
    return [(ident, title) for ident, title in db.session.execute(query)]
