"""What goes into each feed, and the personal feed tokens.

Feeds hold a rolling window (from the start of the month three months back to twelve months
ahead), so a feed stays small whatever the history; the window moves once a month, so the
bytes (and the ETag) change only when the data does, or at the turn of a month.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from booking.accounts.models import Membership, User
from booking.accounts.permissions import require_login
from booking.communities import schedule
from booking.communities.models import Category, Community, CommunityStatus, ExceptionKind
from booking.communities.services import CommunityFilter
from booking.errors import NotFound
from booking.extensions import db
from booking.feeds.ical import CalendarFeed, CalendarItem, Override
from booking.feeds.models import PersonalFeed
from booking.labels import label
from booking.rooms.models import Location
from booking.timeutil import library_tz, local_day_bounds
from booking.web import public_url

MONTHS_BACK, MONTHS_AHEAD = 3, 12
IN_FEEDS = (CommunityStatus.ACTIVE, CommunityStatus.ENDED)


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime

    def __contains__(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def _month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def window(now: datetime) -> Window:
    today = now.astimezone(library_tz()).date()
    start, _ = local_day_bounds(_month(today, -MONTHS_BACK))
    end, _ = local_day_bounds(_month(today, MONTHS_AHEAD + 1))
    return Window(start, end)


def host() -> str:
    return urlsplit(current_app.config["PUBLIC_BASE_URL"]).hostname or "localhost"


def feed_uid(name: str) -> str:
    """The calendar's own UID, from its name, so it is the same on every request."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://{host()}/kalender/{name}"))


# --- communities as calendar items -----------------------------------------------------------


def place_of(community: Community) -> str:
    location = community.location
    parts = [community.room.name] if community.room else []
    parts += [location.name, f"{location.address}, {location.postal_code} {location.city}"]
    return ", ".join(parts)


@dataclass(frozen=True)
class Words:
    """Texts that are the same for every item of a feed, translated once per feed (looking up
    a translation and building an address per item was a third of the time of a big feed)."""

    contact: str
    categories: dict[Category, str]
    page: str  # the address of a community page, with SLUG where its slug goes

    @classmethod
    def now(cls) -> Words:
        return cls(
            contact=_("Contact: %(name)s", name="\x00"),
            categories={category: label(category) for category in Category},
            page=public_url("communities.detail", slug="SLUG"),
        )


def _description(community: Community, page: str, words: Words) -> str:
    lines = [community.summary, "", community.description, "", words.contact.replace("\x00", community.contact_name)]
    if community.contact_public:
        lines += [value for value in (community.contact_email, community.contact_phone) if value]
    lines += ["", page]
    return "\n".join(lines)


def community_item(
    community: Community, span: Window, *, family: str = "community", words: Words | None = None
) -> CalendarItem | None:
    """The community's schedule as one series, or None when it has no meeting in the window.

    Cancelled dates become EXDATEs; moved dates inside the window become overrides, and moved
    dates whose new time is outside it are left out of the series (EXDATE) as well.
    """
    words = words or Words.now()
    first = schedule.first_date(community)
    if first is None:
        return None
    start = schedule.wall_clock(first, community.start_time)
    until = schedule.wall_clock(community.valid_until, community.start_time) if community.valid_until else None
    if start >= span.end or (until is not None and until < span.start):
        return None
    page = words.page.replace("SLUG", community.slug)
    description = _description(community, page, words)
    exdates: list[datetime] = []
    overrides: list[Override] = []
    for exception in community.exceptions:
        if not schedule.is_scheduled(community, exception.original_date):
            continue  # the schedule changed since; the date is no longer in the series
        original = schedule.wall_clock(exception.original_date, community.start_time)
        if exception.kind == ExceptionKind.MOVED and exception.starts_at and exception.starts_at in span:
            note = f"{exception.note}\n\n" if exception.note else ""
            overrides.append(
                Override(original, exception.starts_at, exception.ends_at or exception.starts_at,  # type: ignore[arg-type]
                         description=note + description)
            )
        else:
            exdates.append(original)
    return CalendarItem(
        uid=f"{family}-{community.uid}@{host()}",
        summary=community.title,
        start=start,
        end=start + schedule.duration(community),
        changed_at=community.updated_at,
        sequence=community.sequence,
        description=description,
        location=place_of(community),
        url=page,
        categories=(words.categories[community.category],),
        rrule=community.recurrence,
        until=until,
        exdates=tuple(exdates),
        overrides=tuple(overrides),
    )


def _communities(filters: CommunityFilter | None = None, *, organisation_ids: set[int] | None = None):
    query = (
        select(Community)
        .join(Community.location)
        .where(Community.status.in_(IN_FEEDS), Location.active.is_(True))
        .options(
            selectinload(Community.exceptions),
            selectinload(Community.location),
            selectinload(Community.room),
        )
        .order_by(Community.id)
    )
    if filters and filters.location_slug:
        query = query.where(Location.slug == filters.location_slug)
    if filters and filters.category:
        query = query.where(Community.category == filters.category)
    if organisation_ids is not None:
        query = query.where(Community.organisation_id.in_(organisation_ids))
    return list(db.session.scalars(query))


def _feed(name: str, title: str, description: str, communities, now: datetime, *, family: str = "community"):
    span, words = window(now), Words.now()
    items = [item for c in communities if (item := community_item(c, span, family=family, words=words)) is not None]
    return CalendarFeed(
        uid=feed_uid(name),
        name=title,
        description=description,
        items=tuple(items),
        timezone=library_tz().key,
    )


def all_communities_feed(now: datetime) -> CalendarFeed:
    return _feed(
        "faellesskaber",
        _("Open communities at the libraries"),
        _("Every open community at the municipality's libraries."),
        _communities(),
        now,
    )


def location_feed(slug: str, now: datetime) -> CalendarFeed:
    location = db.session.scalar(select(Location).where(Location.slug == slug, Location.active.is_(True)))
    if location is None:
        raise NotFound(_("No such place."))
    return _feed(
        f"faellesskaber/steder/{slug}",
        _("Open communities at %(place)s", place=location.name),
        _("The open communities that meet at %(place)s.", place=location.name),
        _communities(CommunityFilter(location_slug=slug)),
        now,
    )


def category_feed(category: str, now: datetime) -> CalendarFeed:
    try:
        found = Category(category)
    except ValueError:
        raise NotFound(_("No such category.")) from None
    return _feed(
        f"faellesskaber/kategorier/{found.value}",
        _("Open communities: %(category)s", category=label(found)),
        _("Open communities in the category %(category)s.", category=label(found)),
        _communities(CommunityFilter(category=found)),
        now,
    )


def community_feed(community: Community, now: datetime) -> CalendarFeed:
    if community.status not in IN_FEEDS:
        communities: list[Community] = []
    else:
        communities = [community]
    return _feed(f"faellesskaber/{community.uid}", community.title, community.summary, communities, now)


# --- personal feeds --------------------------------------------------------------------------


def personal_feed(user: User, now: datetime) -> CalendarFeed:
    """The user's own calendar: the communities of the organisations they belong to. The
    bookings feature adds the user's and the organisations' bookings here."""
    ids = set(db.session.scalars(select(Membership.organisation_id).where(Membership.user_id == user.id)))
    return _feed(
        f"personlig/{user.id}",
        _("My calendar at the library"),
        _("The communities of my organisations."),
        _communities(organisation_ids=ids),
        now,
        family="mine-community",
    )


def feed_token(user: User, now: datetime) -> str:
    """The user's personal feed token, made on first use."""
    require_login(user)
    row = db.session.get(PersonalFeed, user.id)
    if row is None:
        row = PersonalFeed(user_id=user.id, token=secrets.token_urlsafe(32), created_at=now)
        db.session.add(row)
        db.session.flush()
    return row.token


def reset_feed_token(user: User, now: datetime) -> str:
    """A new secret address; the old one answers 404 from now on."""
    require_login(user)
    row = db.session.get(PersonalFeed, user.id)
    if row is None:
        return feed_token(user, now)
    row.token = secrets.token_urlsafe(32)
    row.created_at = now
    db.session.flush()
    return row.token


def user_for_token(token: str) -> User:
    if not token or len(token) > 64:
        raise NotFound(_("No such calendar."))
    row = db.session.scalar(select(PersonalFeed).where(PersonalFeed.token == token))
    if row is None or not row.user.is_active:
        raise NotFound(_("No such calendar."))
    return row.user
