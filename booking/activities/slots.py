"""An activity's hold on its room: no two live activities may use one room (or a part of a
divisible hall and the whole) at the same time, and a cancelled activity frees its slot."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from booking.accounts.models import User
from booking.activities.models import Activity, ActivityStatus
from booking.errors import Conflict
from booking.extensions import db
from booking.rooms.models import Room
from booking.timeutil import to_local


def _claims(room: Room) -> set[int]:
    return set(room.claim_room_ids)


def _check_free(activity: Activity) -> None:
    room = activity.room
    if room is None:
        return
    others = db.session.scalars(
        select(Activity).where(
            Activity.id != activity.id,
            Activity.location_id == room.location_id,
            Activity.room_id.is_not(None),
            Activity.status.in_((ActivityStatus.DRAFT, ActivityStatus.PUBLISHED)),
            Activity.starts_at < activity.ends_at,
            Activity.ends_at > activity.starts_at,
        )
    )
    mine = _claims(room)
    for other in others:
        if mine & _claims(other.room):  # type: ignore[arg-type]
            raise Conflict(
                _(
                    "%(room)s is taken then by “%(title)s” (%(start)s).",
                    room=room.name,
                    title=other.title,
                    start=to_local(other.starts_at).strftime("%d-%m-%Y %H:%M"),
                ),
                fields={"room_id": "taken"},
            )


def hold(actor: User, activity: Activity, now: datetime) -> None:
    _check_free(activity)


def move(actor: User, activity: Activity, now: datetime) -> None:
    _check_free(activity)


def release(actor: User, activity: Activity, now: datetime) -> None:
    """A cancelled activity no longer counts in :func:`_check_free`."""
