"""The room waitlist: queue for a taken slot; when it frees up, the first entry that now fits
is booked at once (``auto_book`` and the room needs no approval) or offered for 24 hours.
An expired offer passes to the next entry."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from flask_babel import gettext as _
from sqlalchemy import select

from booking.accounts.models import Organisation, User
from booking.bookings import claims, mail, rules
from booking.bookings.models import WaitlistEntry, WaitStatus
from booking.bookings.permissions import require_book
from booking.errors import DomainError, Invalid, NotAllowed
from booking.extensions import db
from booking.rooms.models import Room

if TYPE_CHECKING:
    from booking.bookings.services import BookingResult

OFFER_HOURS = 24


def join_waitlist(
    actor: User | None,
    room: Room,
    starts_at: datetime,
    ends_at: datetime,
    *,
    title: str,
    now: datetime,
    organisation: Organisation | None = None,
    expected_attendees: int | None = None,
    public: bool = False,
    auto_book: bool = True,
) -> WaitlistEntry:
    """Queue for a slot that is taken now. ``auto_book``: book it directly when it frees up
    (where the room needs no approval); otherwise the user gets an offer to confirm."""
    user = require_book(actor, room, organisation)
    rules.check_shape(room, starts_at, ends_at)
    rules.check_timing(user, room, starts_at, ends_at, now)
    rules.check_open(room, starts_at, ends_at)
    title, _purpose = rules.clean_text(title, None, expected_attendees, room)
    if not claims.find_clashes(room, [(starts_at, ends_at)]):
        raise Invalid(_("That time is free: book it instead of queueing."))
    already = db.session.scalar(
        select(WaitlistEntry.id).where(
            WaitlistEntry.user_id == user.id,
            WaitlistEntry.room_id == room.id,
            WaitlistEntry.status.in_((WaitStatus.WAITING, WaitStatus.OFFERED)),
            WaitlistEntry.starts_at < ends_at,
            WaitlistEntry.ends_at > starts_at,
        )
    )
    if already is not None:
        raise Invalid(_("You are already in the queue for that time."))
    entry = WaitlistEntry(
        room=room,
        user=user,
        organisation=organisation,
        title=title,
        expected_attendees=expected_attendees,
        public=public,
        starts_at=starts_at,
        ends_at=ends_at,
        auto_book=auto_book,
        created_at=now,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def withdraw(actor: User | None, entry: WaitlistEntry, *, now: datetime) -> WaitlistEntry:
    if actor is None or not (actor.is_staff or entry.user_id == actor.id):
        raise NotAllowed(_("Only the person queueing can leave the waitlist."))
    if entry.status not in (WaitStatus.WAITING, WaitStatus.OFFERED):
        raise Invalid(_("This waitlist entry is no longer open."))
    was_offered = entry.status == WaitStatus.OFFERED
    entry.status = WaitStatus.WITHDRAWN
    db.session.flush()
    if was_offered:
        release(entry.room, entry.starts_at, entry.ends_at, now)
    return entry


def _open_offers(room_ids: list[int], starts_at: datetime, ends_at: datetime, now: datetime) -> list[WaitlistEntry]:
    return list(
        db.session.scalars(
            select(WaitlistEntry).where(
                WaitlistEntry.room_id.in_(room_ids),
                WaitlistEntry.status == WaitStatus.OFFERED,
                WaitlistEntry.offer_expires_at > now,
                WaitlistEntry.starts_at < ends_at,
                WaitlistEntry.ends_at > starts_at,
            )
        )
    )


def offered_clashes(
    room: Room, slots: list[tuple[datetime, datetime]], actor: User, now: datetime
) -> list[claims.Clash]:
    """Wanted slots that overlap a slot offered to someone else on the waitlist (an open
    offer holds its slot until it expires)."""
    if not slots:
        return []
    first, last = min(s for s, _e in slots), max(e for _s, e in slots)
    offers = [o for o in _open_offers(claims.related_room_ids(room), first, last, now) if o.user_id != actor.id]
    return [
        claims.Clash(start, end, 0)
        for start, end in slots
        if any(o.starts_at < end and start < o.ends_at for o in offers)
    ]


def release(room: Room, starts_at: datetime, ends_at: datetime, now: datetime) -> list[WaitlistEntry]:
    """A slot in ``room`` was freed: serve the waiting entries it may help, first come first.
    Returns the entries that were booked or offered."""
    room_ids = claims.related_room_ids(room)
    waiting = db.session.scalars(
        select(WaitlistEntry)
        .where(
            WaitlistEntry.room_id.in_(room_ids),
            WaitlistEntry.status == WaitStatus.WAITING,
            WaitlistEntry.starts_at < ends_at,
            WaitlistEntry.ends_at > starts_at,
            WaitlistEntry.starts_at >= now,
        )
        .order_by(WaitlistEntry.created_at, WaitlistEntry.id)
    ).all()
    served = []
    for entry in waiting:
        if claims.find_clashes(entry.room, [(entry.starts_at, entry.ends_at)]):
            continue
        if _open_offers(claims.related_room_ids(entry.room), entry.starts_at, entry.ends_at, now):
            continue
        if entry.auto_book and not entry.room.requires_approval and _book(entry, now):
            served.append(entry)
            continue
        entry.status = WaitStatus.OFFERED
        entry.offered_at = now
        entry.offer_expires_at = now + timedelta(hours=OFFER_HOURS)
        mail.offer_mail(entry, now)
        db.session.flush()
        served.append(entry)
    return served


def _book_entry(entry: WaitlistEntry, now: datetime) -> BookingResult:
    """Book the entry's slot for the person who queued (the room's rules apply as usual)."""
    from booking.bookings.services import create_booking

    result = create_booking(
        entry.user,
        entry.room,
        entry.starts_at,
        entry.ends_at,
        title=entry.title,
        now=now,
        expected_attendees=entry.expected_attendees,
        public=entry.public,
        organisation=entry.organisation,
    )
    entry.status = WaitStatus.BOOKED
    entry.booking = result.booking
    db.session.flush()
    return result


def _book(entry: WaitlistEntry, now: datetime) -> bool:
    try:
        _book_entry(entry, now)
    except DomainError:
        return False
    return True


def accept_offer(actor: User | None, entry: WaitlistEntry, *, now: datetime) -> BookingResult:
    """Take an offered slot: it is booked (pending if the room needs approval).
    Returns the :class:`BookingResult`."""
    if actor is None or entry.user_id != actor.id:
        raise NotAllowed(_("Only the person the slot was offered to can take it."))
    if entry.status != WaitStatus.OFFERED or (entry.offer_expires_at and entry.offer_expires_at <= now):
        raise Invalid(_("This offer is no longer open."))
    return _book_entry(entry, now)


def expire_offers(now: datetime) -> int:
    """Close offers past their time and pass each slot on to the next in the queue."""
    expired = db.session.scalars(
        select(WaitlistEntry)
        .where(WaitlistEntry.status == WaitStatus.OFFERED, WaitlistEntry.offer_expires_at <= now)
        .order_by(WaitlistEntry.offer_expires_at, WaitlistEntry.id)
    ).all()
    for entry in expired:
        entry.status = WaitStatus.EXPIRED
    db.session.flush()
    for entry in expired:
        if entry.ends_at > now:
            release(entry.room, entry.starts_at, entry.ends_at, now)
    return len(expired)


def entries_for(actor: User, *, open_only: bool = True) -> list[WaitlistEntry]:
    query = select(WaitlistEntry).where(WaitlistEntry.user_id == actor.id).order_by(WaitlistEntry.starts_at)
    if open_only:
        query = query.where(WaitlistEntry.status.in_((WaitStatus.WAITING, WaitStatus.OFFERED)))
    return list(db.session.scalars(query))
