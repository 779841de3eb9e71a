"""What goes into each feed, and the personal feed tokens.

Feeds hold a rolling window (from the start of the month three months back to twelve months
ahead), so a feed stays small whatever the history; the window moves once a month, so the
bytes (and the ETag) change only when the data does, or at the turn of a month.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from booking.accounts.models import Membership, User
from booking.accounts.permissions import require_login
from booking.communities import schedule
from booking.communities.models import Category, Community, CommunityStatus, ExceptionKind
from booking.errors import NotFound
from booking.extensions import db
from booking.feeds.bookings import BookingSelection, personal_bookings, room_bookings
from booking.feeds.ical import CalendarFeed, CalendarItem, Override
from booking.feeds.models import PersonalFeed
from booking.labels import label
from booking.rooms.models import Location, Room
from booking.rooms.services import get_room
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
    busy: str
    categories: dict[Category, str]
    page: str  # the address of a community page, with SLUG where its slug goes

    @classmethod
    def now(cls) -> Words:
        return cls(
            contact=_("Contact: %(name)s", name="\x00"),
            busy=_("Busy"),
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
    community: Community,
    span: Window,
    *,
    family: str = "community",
    words: Words | None = None,
    busy_only: bool = False,
) -> CalendarItem | None:
    """The community's schedule as one series, or None when it has no meeting in the window.

    Cancelled dates become EXDATEs; moved dates inside the window become overrides, and moved
    dates whose new time is outside it are left out of the series (EXDATE) as well. A
    ``busy_only`` item (a public room feed) says no more than that the room is taken.
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
    if busy_only:
        overrides = [Override(o.original_start, o.start, o.end, description="") for o in overrides]
        description, page = "", ""
    return CalendarItem(
        uid=f"{family}-{community.uid}@{host()}",
        summary=words.busy if busy_only else community.title,
        start=start,
        end=start + schedule.duration(community),
        changed_at=community.updated_at,
        sequence=community.sequence,
        description=description,
        location=place_of(community),
        url=page,
        categories=() if busy_only else (words.categories[community.category],),
        rrule=community.recurrence,
        until=until,
        exdates=tuple(exdates),
        overrides=tuple(overrides),
    )


FORMAT = "2"  # raised when the writer changes what it writes, so cached copies are replaced


@dataclass(frozen=True)
class Source:
    """What a community feed holds, known before it is built: a cheap validator (ETag and
    Last-Modified from the data) lets a client's revalidation be answered without building
    the feed at all."""

    name: str  # the calendar's own UID is made from it
    title: str
    description: str
    conditions: tuple = ()
    family: str = "community"  # part of each event's UID
    busy_only: bool = False
    bookings: BookingSelection | None = None  # the booking dates the feed holds besides

    def _select(self, *columns):
        return (
            select(*columns)
            .join(Community.location)
            .where(Community.status.in_(IN_FEEDS), Location.active.is_(True), *self.conditions)
        )

    def validator(self, now: datetime) -> tuple[str, datetime | None]:
        """ETag and Last-Modified from the data, in three small queries. Every change of a
        community raises its sequence and ``updated_at`` (so the latest ``updated_at`` moves),
        one entering or leaving the feed changes the count or the sum of ids, and the places'
        and rooms' names and addresses, the window and the language are in it too."""
        count, ids, sequences, latest = db.session.execute(
            self._select(func.count(), func.sum(Community.id), func.sum(Community.sequence),
                         func.max(Community.updated_at))
        ).one()
        places = db.session.execute(
            select(Location.id, Location.name, Location.address, Location.postal_code, Location.city)
            .order_by(Location.id)
        ).all()
        rooms = db.session.execute(
            select(Room.id, Room.name).where(Room.id.in_(self._select(Community.room_id))).order_by(Room.id)
        ).all()
        key = (
            (FORMAT, host(), str(get_locale()), window(now).start),
            (self.name, self.title, self.description, self.family, self.busy_only),
            (count, ids, sequences, latest),
            [tuple(p) for p in places],
            [tuple(r) for r in rooms],
        )
        if self.bookings is not None:
            span = window(now)
            booking_key, booking_latest = self.bookings.key(span.start, span.end)
            key += (booking_key, self.bookings.family, self.bookings.details, self.bookings.include_cancelled)
            latest = max((moment for moment in (latest, booking_latest) if moment is not None), default=None)
        return hashlib.sha256(repr(key).encode()).hexdigest()[:40], latest

    def communities(self) -> list[Community]:
        query = self._select(Community).order_by(Community.id).options(
            selectinload(Community.exceptions), joinedload(Community.location), joinedload(Community.room)
        )
        return list(db.session.scalars(query))

    def feed(self, now: datetime) -> CalendarFeed:
        span, words = window(now), Words.now()
        items = [
            item
            for community in self.communities()
            if (item := community_item(community, span, family=self.family, words=words, busy_only=self.busy_only))
            is not None
        ]
        if self.bookings is not None:
            items += self.bookings.items(span.start, span.end, words.busy)
        return CalendarFeed(
            uid=feed_uid(self.name),
            name=self.title,
            description=self.description,
            items=tuple(items),
            timezone=library_tz().key,
        )


def all_communities_source() -> Source:
    return Source(
        "faellesskaber",
        _("Open communities at the libraries"),
        _("Every open community at the municipality's libraries."),
    )


def location_source(slug: str) -> Source:
    location = db.session.scalar(select(Location).where(Location.slug == slug, Location.active.is_(True)))
    if location is None:
        raise NotFound(_("No such place."))
    return Source(
        f"faellesskaber/steder/{slug}",
        _("Open communities at %(place)s", place=location.name),
        _("The open communities that meet at %(place)s.", place=location.name),
        (Community.location_id == location.id,),
    )


def category_source(category: str) -> Source:
    try:
        found = Category(category)
    except ValueError:
        raise NotFound(_("No such category.")) from None
    return Source(
        f"faellesskaber/kategorier/{found.value}",
        _("Open communities: %(category)s", category=label(found)),
        _("Open communities in the category %(category)s.", category=label(found)),
        (Community.category == found,),
    )


def community_source(community: Community) -> Source:
    return Source(f"faellesskaber/{community.uid}", community.title, community.summary,
                  (Community.id == community.id,))


def personal_source(user: User) -> Source:
    """The user's own calendar: their bookings and their organisations' bookings, and the
    communities of those organisations, all under UIDs of their own."""
    ids = select(Membership.organisation_id).where(Membership.user_id == user.id)
    return Source(
        f"personlig/{user.id}",
        _("My calendar at the library"),
        _("My bookings and the bookings and communities of my organisations."),
        (Community.organisation_id.in_(ids),),
        family="mine-community",
        bookings=personal_bookings(user.id, ids),
    )


def room_source(slug: str, *, details: bool = False) -> Source:
    """A room's calendar: its bookings and the communities meeting in it. The public one
    says only "Busy"; staff get the details (through their personal token)."""
    room = get_room(slug)
    place = f"{room.name}, {room.location.name}"
    return Source(
        f"lokaler/{slug}" + ("/personale" if details else ""),
        _("%(room)s: booked times", room=place),
        _("When %(room)s is taken.", room=place),
        (Community.room_id == room.id,),
        family="staff-room" if details else "room",
        busy_only=not details,
        bookings=room_bookings(room, details=details),
    )


def all_communities_feed(now: datetime) -> CalendarFeed:
    return all_communities_source().feed(now)


# --- personal feed tokens --------------------------------------------------------------------


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
