from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from booking import labels
from booking.accounts.models import Organisation, User
from booking.db import Base, enum_column, utcnow
from booking.rooms.models import Room


class BookingStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


HOLDING = (BookingStatus.PENDING, BookingStatus.APPROVED)


class WaitStatus(enum.StrEnum):
    WAITING = "waiting"
    OFFERED = "offered"
    BOOKED = "booked"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


labels.register(
    BookingStatus,
    {
        BookingStatus.PENDING: _l("Awaiting approval"),
        BookingStatus.APPROVED: _l("Approved"),
        BookingStatus.REJECTED: _l("Rejected"),
        BookingStatus.CANCELLED: _l("Cancelled"),
    },
)
labels.register(
    WaitStatus,
    {
        WaitStatus.WAITING: _l("Waiting"),
        WaitStatus.OFFERED: _l("Offered"),
        WaitStatus.BOOKED: _l("Booked"),
        WaitStatus.EXPIRED: _l("Offer expired"),
        WaitStatus.WITHDRAWN: _l("Withdrawn"),
    },
)


class Booking(Base):
    """One request by a user (optionally for an organisation) for one room: a single slot or
    a series. Its concrete slots are :class:`Occurrence` rows."""

    __tablename__ = "booking"
    __table_args__ = (
        CheckConstraint("expected_attendees IS NULL OR expected_attendees > 0", name="attendees_positive"),
        Index("ix_booking_status_created", "status", "created_at"),
        # Usage figures: bookings requested, and requests decided, in a period.
        Index("ix_booking_created", "created_at"),
        Index("ix_booking_status_decided", "status", "decided_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="RESTRICT"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str | None] = mapped_column(Text)
    expected_attendees: Mapped[int | None]
    public: Mapped[bool] = mapped_column(default=False)
    status: Mapped[BookingStatus] = mapped_column(enum_column(BookingStatus), default=BookingStatus.PENDING)
    # A series: an RFC 5545 DTSTART (naive, the library's wall clock) and RRULE, e.g.
    # "DTSTART:20260303T170000\nRRULE:FREQ=WEEKLY;COUNT=10", and each date's wall-clock length.
    recurrence_rule: Mapped[str | None] = mapped_column(Text)
    duration_minutes: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    cancelled_at: Mapped[datetime | None]
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    cancel_reason: Mapped[str | None] = mapped_column(Text)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    organisation: Mapped[Organisation | None] = relationship()
    room: Mapped[Room] = relationship()
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    cancelled_by: Mapped[User | None] = relationship(foreign_keys=[cancelled_by_id])
    occurrences: Mapped[list[Occurrence]] = relationship(
        back_populates="booking", cascade="all, delete-orphan", order_by="Occurrence.starts_at"
    )
    events: Mapped[list[BookingEvent]] = relationship(
        back_populates="booking", cascade="all, delete-orphan", order_by="BookingEvent.id"
    )

    @property
    def is_series(self) -> bool:
        return self.recurrence_rule is not None

    @property
    def holds_room(self) -> bool:
        return self.status in HOLDING

    def active_occurrences(self) -> list[Occurrence]:
        return [occurrence for occurrence in self.occurrences if occurrence.active]

    def __repr__(self) -> str:
        return f"<Booking {self.id} {self.status}>"


class Occurrence(Base):
    """One concrete slot of a booking, with its own state and, afterwards, attendance."""

    __tablename__ = "occurrence"
    __table_args__ = (
        CheckConstraint("starts_at < ends_at", name="starts_before_ends"),
        Index("ix_occurrence_room_starts", "room_id", "starts_at"),
        Index("ix_occurrence_starts", "starts_at"),  # usage figures for a period
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id", ondelete="CASCADE"), index=True)
    # Usually the booking's room; a moved date may be in another room.
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    active: Mapped[bool] = mapped_column(default=True)
    cancelled_at: Mapped[datetime | None]
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    moved_from_starts_at: Mapped[datetime | None]
    reminder_sent_at: Mapped[datetime | None]
    # Filled in after the fact: how many came, or that nobody did.
    attendance: Mapped[int | None]
    no_show: Mapped[bool] = mapped_column(default=False)

    booking: Mapped[Booking] = relationship(back_populates="occurrences")
    room: Mapped[Room] = relationship()
    claims: Mapped[list[Claim]] = relationship(back_populates="occurrence", cascade="all, delete-orphan")


class Claim(Base):
    """A room (or hall part) held by an occurrence, from its start to its end plus the room's
    buffer. On PostgreSQL an exclusion constraint forbids two overlapping active claims on
    one room (see the migration); a hall booked whole claims every part."""

    __tablename__ = "claim"
    __table_args__ = (
        CheckConstraint("starts_at < blocked_until", name="starts_before_blocked_until"),
        Index("ix_claim_room_starts", "room_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurrence_id: Mapped[int] = mapped_column(ForeignKey("occurrence.id", ondelete="CASCADE"), index=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"))
    starts_at: Mapped[datetime]
    blocked_until: Mapped[datetime]
    active: Mapped[bool] = mapped_column(default=True)

    occurrence: Mapped[Occurrence] = relationship(back_populates="claims")


class BookingEvent(Base):
    """History: who changed what, when."""

    __tablename__ = "booking_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id", ondelete="CASCADE"), index=True)
    occurrence_id: Mapped[int | None] = mapped_column(ForeignKey("occurrence.id", ondelete="SET NULL"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str | None] = mapped_column(Text)

    booking: Mapped[Booking] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()


class WaitlistEntry(Base):
    """A user queueing for a taken slot in a room. When the slot frees up the first entry that
    fits is booked (``auto_book`` and no approval needed) or offered until ``offer_expires_at``."""

    __tablename__ = "waitlist_entry"
    __table_args__ = (
        CheckConstraint("starts_at < ends_at", name="starts_before_ends"),
        Index("ix_waitlist_entry_room_status", "room_id", "status", "created_at"),
        Index("ix_waitlist_entry_starts", "starts_at"),  # usage figures for a period
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    expected_attendees: Mapped[int | None]
    public: Mapped[bool] = mapped_column(default=False)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    auto_book: Mapped[bool] = mapped_column(default=True)
    status: Mapped[WaitStatus] = mapped_column(enum_column(WaitStatus), default=WaitStatus.WAITING)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    offered_at: Mapped[datetime | None]
    offer_expires_at: Mapped[datetime | None]
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("booking.id", ondelete="SET NULL"))

    room: Mapped[Room] = relationship()
    user: Mapped[User] = relationship()
    organisation: Mapped[Organisation | None] = relationship()
    booking: Mapped[Booking | None] = relationship()


class SearchLog(Base):
    """A free-room search that found nothing: demand the library could not meet. Anonymous
    on purpose: when, for which slot, how many people, which equipment and where, but never
    who searched or from where."""

    __tablename__ = "search_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    searched_at: Mapped[datetime] = mapped_column(index=True)
    wanted_starts_at: Mapped[datetime]
    wanted_ends_at: Mapped[datetime]
    people: Mapped[int | None]
    # Equipment slugs, comma-separated and sorted ("" for none).
    equipment: Mapped[str] = mapped_column(String(500), default="")
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id", ondelete="SET NULL"), index=True)
