"""Reading activities: the public programme, one activity, the staff list. The public pages
use these, and so can the iCal feeds and the JSON API (with
:func:`booking.activities.registration.availabilities` for the seats)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from booking.accounts.models import User
from booking.accounts.permissions import is_staff, require_staff
from booking.activities.models import Activity, ActivityCategory, ActivityStatus, TargetGroup
from booking.errors import NotFound
from booking.extensions import db
from booking.timeutil import local_date, local_range_bounds


@dataclass
class ProgrammeFilter:
    location_id: int | None = None
    target_group: TargetGroup | None = None
    category: ActivityCategory | None = None
    first_day: date | None = None
    last_day: date | None = None


def programme(filters: ProgrammeFilter, now: datetime, *, limit: int = 500) -> list[Activity]:
    """Public activities (published, and cancelled ones so people see they are off) from
    ``first_day`` (default today) through ``last_day``, soonest first. Feeds and the API use
    this too."""
    first = filters.first_day or local_date(now)
    start, end = local_range_bounds(first, filters.last_day or first + timedelta(days=3650))
    query = (
        select(Activity)
        .where(
            Activity.status.in_((ActivityStatus.PUBLISHED, ActivityStatus.CANCELLED)),
            Activity.ends_at > start,
            Activity.starts_at < end,
        )
        .options(selectinload(Activity.location), selectinload(Activity.room))
        .order_by(Activity.starts_at, Activity.id)
        .limit(limit)
    )
    if filters.location_id:
        query = query.where(Activity.location_id == filters.location_id)
    if filters.target_group:
        query = query.where(Activity.target_group == filters.target_group)
    if filters.category:
        query = query.where(Activity.category == filters.category)
    return list(db.session.scalars(query))


def get_activity(activity_id: int) -> Activity:
    activity = db.session.get(Activity, activity_id)
    if activity is None:
        raise NotFound(_("We could not find that activity."))
    return activity


def get_public_activity(actor: User | None, activity_id: int) -> Activity:
    """Drafts are seen only by staff."""
    activity = get_activity(activity_id)
    if not activity.is_public and not is_staff(actor):
        raise NotFound(_("We could not find that activity."))
    return activity


def staff_activities(actor: User, *, status: ActivityStatus | None = None, upcoming: bool | None = None,
                     now: datetime) -> list[Activity]:  # fmt: skip
    require_staff(actor)
    query = select(Activity).options(selectinload(Activity.location)).order_by(Activity.starts_at, Activity.id)
    if status is not None:
        query = query.where(Activity.status == status)
    if upcoming is True:
        query = query.where(Activity.ends_at > now)
    elif upcoming is False:
        query = query.where(Activity.ends_at <= now).order_by(None).order_by(Activity.starts_at.desc())
    return list(db.session.scalars(query))
