"""Open communities: proposing and editing them, moderation by staff, pausing and ending, and
the dates that are cancelled or moved.

An organisation's administrators propose and edit their own communities; staff approve them
for publication, send them back with a comment, or decline them. Every change raises the
community's ``sequence`` and ``updated_at``, which the calendar feeds carry, so subscribed
calendars pick the change up.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time

from babel import Locale, UnknownLocaleError
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from booking.accounts.models import Organisation, User
from booking.accounts.permissions import can_manage_organisation, is_staff, organisation_ids, require_staff
from booking.communities import holding, schedule
from booking.communities.models import Category, Community, CommunityStatus, TargetGroup
from booking.communities.permissions import can_see, require_can_edit
from booking.errors import Invalid, NotAllowed, NotFound
from booking.extensions import db
from booking.notifications.services import queue_mail
from booking.rooms.models import Location, Room
from booking.rooms.services import assign, enum_value, optional_id, unique_slug
from booking.validation import clean_email, clean_phone, clean_text

LABELS = {
    "title": _l("Name of the community"),
    "summary": _l("Short description"),
    "description": _l("Description"),
    "category": _l("Category"),
    "target_group": _l("Who it is for"),
    "languages": _l("Languages"),
    "accessibility": _l("Accessibility"),
    "price": _l("Price"),
    "signup_info": _l("How to sign up"),
    "contact_name": _l("Contact person"),
    "location_id": _l("Place"),
    "room_id": _l("Room"),
    "start_time": _l("Starts at"),
    "end_time": _l("Ends at"),
    "valid_from": _l("First date"),
    "valid_until": _l("Last date"),
    "comment": _l("Comment to the organiser"),
    "note": _l("Note for the public"),
}
# Words used in addresses under /faellesskaber/, which a community's slug must not take.
RESERVED_SLUGS = {"mine", "ny", "kalender"}
MAX_YEARS = 5


def _text(value: str | None, name: str, max_length: int, required: bool = True) -> str | None:
    return clean_text(value, name, label=str(LABELS[name]), max_length=max_length, required=required)


@dataclass
class ScheduleData:
    recurrence: str
    start_time: time | None
    end_time: time | None
    valid_from: date | None
    valid_until: date | None = None


@dataclass
class CommunityData:
    title: str | None
    summary: str | None
    description: str | None
    category: Category | str | None
    target_group: TargetGroup | str | None
    contact_name: str | None
    location_id: int | str | None
    schedule: ScheduleData
    room_id: int | str | None = None
    languages: list[str] | str | None = None
    accessibility: str | None = None
    price: str | None = None
    drop_in: bool = True
    signup_info: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    contact_public: bool = False


def clean_languages(value: list[str] | str | None) -> str:
    codes = value.split(",") if isinstance(value, str) else list(value or [])
    cleaned: list[str] = []
    for code in (c.strip().lower() for c in codes):
        if not code:
            continue
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            raise Invalid(_("Unknown language: %(code)s.", code=code), fields={"languages": "invalid"}) from None
        if code not in cleaned:
            cleaned.append(code)
    return ",".join(cleaned) or "da"


def _clean_schedule(data: ScheduleData) -> dict[str, object]:
    values: dict[str, object] = {"recurrence": schedule.clean_rule(data.recurrence)}
    for name in ("start_time", "end_time", "valid_from"):
        if getattr(data, name) is None:
            raise Invalid(_("%(label)s is required.", label=LABELS[name]), fields={name: "required"})
    if data.start_time >= data.end_time:  # type: ignore[operator]
        raise Invalid(_("The meeting must end after it starts."), fields={"end_time": "invalid"})
    if data.valid_until is not None:
        if data.valid_until < data.valid_from:  # type: ignore[operator]
            raise Invalid(_("The last date is before the first."), fields={"valid_until": "invalid"})
        if (data.valid_until - data.valid_from).days > MAX_YEARS * 366:  # type: ignore[operator]
            raise Invalid(_("A schedule can run for at most five years."), fields={"valid_until": "invalid"})
    values.update(
        start_time=data.start_time.replace(second=0, microsecond=0, tzinfo=None),  # type: ignore[union-attr]
        end_time=data.end_time.replace(second=0, microsecond=0, tzinfo=None),  # type: ignore[union-attr]
        valid_from=data.valid_from,
        valid_until=data.valid_until,
    )
    return values


def _place(location_id: int | str | None, room_id: int | str | None) -> tuple[Location, Room | None]:
    location = db.session.get(Location, optional_id(location_id, "location_id") or 0)
    if location is None or not location.active:
        raise Invalid(_("Choose a place."), fields={"location_id": "required"})
    rid = optional_id(room_id, "room_id")
    if rid is None:
        return location, None
    room = db.session.get(Room, rid)
    if room is None or room.location_id != location.id or not room.active:
        raise Invalid(_("That room is not at the chosen place."), fields={"room_id": "invalid"})
    return location, room


def _clean(data: CommunityData) -> dict[str, object]:
    location, room = _place(data.location_id, data.room_id)
    contact_email = clean_email(data.contact_email, "contact_email", required=False)
    contact_phone = clean_phone(data.contact_phone, "contact_phone")
    return {
        "title": _text(data.title, "title", 200),
        "summary": _text(data.summary, "summary", 300),
        "description": _text(data.description, "description", 5000),
        "category": enum_value(Category, data.category, "category", _("Choose a category.")),
        "target_group": enum_value(TargetGroup, data.target_group, "target_group", _("Choose who it is for.")),
        "languages": clean_languages(data.languages),
        "accessibility": _text(data.accessibility, "accessibility", 2000, required=False),
        "price": _text(data.price, "price", 100, required=False),
        "drop_in": bool(data.drop_in),
        "signup_info": _text(data.signup_info, "signup_info", 300, required=False),
        "contact_name": _text(data.contact_name, "contact_name", 200),
        "contact_email": contact_email,
        "contact_phone": contact_phone,
        "contact_public": bool(data.contact_public),
        "location": location,
        "room": room,
        **_clean_schedule(data.schedule),
    }


def _slug(title: str, location: Location) -> str:
    slug = unique_slug(Community, title, location.name)
    if slug in RESERVED_SLUGS or slug.isdigit():
        slug = unique_slug(Community, f"{title} faellesskab")
    return slug


# --- writing ---------------------------------------------------------------------------------


def propose_community(actor: User, organisation: Organisation, data: CommunityData, now: datetime) -> Community:
    """An organisation's administrator (or staff) proposes a community; staff approve it."""
    if not can_manage_organisation(actor, organisation):
        raise NotAllowed(_("Only the organisation's administrators can propose its communities."))
    if not organisation.active:
        raise Invalid(_("The organisation is not active."))
    values = _clean(data)
    community = Community(
        organisation=organisation,
        slug=_slug(str(values["title"]), values["location"]),  # type: ignore[arg-type]
        uid=secrets.token_hex(16),
        status=CommunityStatus.PROPOSED,
        sequence=0,
        created_at=now,
        updated_at=now,
        created_by_id=actor.id,
        **values,
    )
    db.session.add(community)
    db.session.flush()
    return community


def update_community(actor: User, community: Community, data: CommunityData, now: datetime) -> Community:
    """The slug and the calendar UID stay, so links and subscriptions keep working."""
    require_can_edit(actor, community)
    if community.status in (CommunityStatus.ENDED, CommunityStatus.DECLINED) and not is_staff(actor):
        raise Invalid(_("An ended or declined community cannot be changed."))
    values = _clean(data)
    if community.status == CommunityStatus.CHANGES_REQUESTED and not is_staff(actor):
        values["status"] = CommunityStatus.PROPOSED  # back to the library with the changes
    assign(community, values)
    schedule.touch(community, now)
    holding.sync(actor, community, now)  # re-plans the series of an active community
    return community


def approve(actor: User, community: Community, now: datetime, *, free_dates_only: bool = False) -> Community:
    """Publish the community; with a room, its coming meetings are booked (see :mod:`.holding`):
    a taken date refuses the approval naming the dates, unless ``free_dates_only``."""
    require_staff(actor)
    if community.status not in (CommunityStatus.PROPOSED, CommunityStatus.CHANGES_REQUESTED):
        raise Invalid(_("Only a proposed community can be approved."))
    community.status = CommunityStatus.ACTIVE
    community.approved_at = now
    community.approved_by_id = actor.id
    community.moderation_comment = None
    schedule.touch(community, now)
    holding.sync(actor, community, now, free_dates_only=free_dates_only)
    _tell_proposer(community, now)
    return community


def _moderate(actor: User, community: Community, status: CommunityStatus, comment: str | None, now: datetime):
    require_staff(actor)
    if community.status not in (CommunityStatus.PROPOSED, CommunityStatus.CHANGES_REQUESTED):
        raise Invalid(_("Only a proposed community can be sent back or declined."))
    community.moderation_comment = _text(comment, "comment", 2000)
    community.status = status
    schedule.touch(community, now)
    _tell_proposer(community, now)
    return community


def _tell_proposer(community: Community, now: datetime) -> None:
    """Mail the person who proposed the community what the library decided (sent after the
    commit, through the outbox)."""
    proposer = community.created_by
    if proposer is None or not proposer.active:
        return
    queue_mail(
        kind="community_moderated",
        to_email=proposer.email,
        to_name=proposer.name,
        locale=proposer.locale,
        context={
            "title": community.title,
            "status": community.status.value,
            "comment": community.moderation_comment,
            "slug": community.slug,
        },
        about=("community", community.id),
        now=now,
    )


def request_changes(actor: User, community: Community, comment: str | None, now: datetime) -> Community:
    return _moderate(actor, community, CommunityStatus.CHANGES_REQUESTED, comment, now)


def decline(actor: User, community: Community, comment: str | None, now: datetime) -> Community:
    return _moderate(actor, community, CommunityStatus.DECLINED, comment, now)


_MOVES = {
    CommunityStatus.PAUSED: {CommunityStatus.ACTIVE},
    CommunityStatus.ACTIVE: {CommunityStatus.PAUSED},
    CommunityStatus.ENDED: {CommunityStatus.ACTIVE, CommunityStatus.PAUSED},
}


def set_status(actor: User, community: Community, status: CommunityStatus | str, now: datetime) -> Community:
    """Pause, resume or end an approved community. Ending it ends the schedule today."""
    require_can_edit(actor, community)
    status = enum_value(CommunityStatus, status, "status", _("Unknown status."))
    if community.status not in _MOVES.get(status, set()):
        raise Invalid(_("The community cannot go from %(old)s to %(new)s.", old=community.status, new=status))
    community.status = status
    if status == CommunityStatus.ENDED:
        today = schedule.local_today(now)
        if community.valid_until is None or community.valid_until > today:
            community.valid_until = max(today, community.valid_from)
    schedule.touch(community, now)
    holding.sync(actor, community, now)  # pausing or ending frees the room; resuming holds it
    return community


# --- reading ---------------------------------------------------------------------------------


def get_community(slug: str, viewer: User | None = None) -> Community:
    community = db.session.scalar(select(Community).where(Community.slug == slug))
    if community is None or not can_see(viewer, community):
        raise NotFound(_("No such community."))
    return community


@dataclass
class CommunityFilter:
    location_slug: str | None = None
    category: Category | None = None
    target_group: TargetGroup | None = None
    weekday: int | None = None


def public_communities(filters: CommunityFilter | None = None) -> list[Community]:
    """Active and paused communities (a paused one says so on its page), by title."""
    filters = filters or CommunityFilter()
    query = (
        select(Community)
        .join(Community.location)
        .where(Community.status.in_((CommunityStatus.ACTIVE, CommunityStatus.PAUSED)), Location.active.is_(True))
        .options(selectinload(Community.exceptions), selectinload(Community.location), selectinload(Community.room))
        .order_by(Community.title, Community.id)
    )
    if filters.location_slug:
        query = query.where(Location.slug == filters.location_slug)
    if filters.category:
        query = query.where(Community.category == filters.category)
    if filters.target_group:
        query = query.where(Community.target_group == filters.target_group)
    found = list(db.session.scalars(query))
    if filters.weekday is not None:
        found = schedule.meets_on(found, filters.weekday)
    return found


def communities_of(user: User) -> list[Community]:
    """The communities of the organisations the user administers."""
    ids = organisation_ids(user, admin_only=True)
    if not ids:
        return []
    query = select(Community).where(Community.organisation_id.in_(ids)).order_by(Community.title)
    return list(db.session.scalars(query))


def all_communities(status: CommunityStatus | None = None) -> list[Community]:
    query = select(Community).order_by(Community.status, Community.title)
    if status is not None:
        query = query.where(Community.status == status)
    return list(db.session.scalars(query))


def organisations_for(user: User) -> list[Organisation]:
    """The organisations the user may propose a community for."""
    if is_staff(user):
        query = select(Organisation).where(Organisation.active.is_(True))
    else:
        ids = organisation_ids(user, admin_only=True)
        query = select(Organisation).where(Organisation.id.in_(ids), Organisation.active.is_(True))
    return list(db.session.scalars(query.order_by(Organisation.name)))
