from __future__ import annotations

import enum
from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from booking import labels
from booking.db import Base, enum_column, utcnow


class LocationKind(enum.StrEnum):
    LIBRARY = "library"
    MEETING_PLACE = "meeting_place"


class RoomKind(enum.StrEnum):
    MEETING_ROOM = "meeting_room"
    STUDY_ROOM = "study_room"
    HALL = "hall"
    MAKERSPACE = "makerspace"
    KITCHEN = "kitchen"
    OTHER = "other"


class BookingPolicy(enum.StrEnum):
    """Who may book a room by themselves."""

    EVERYONE = "everyone"  # any registered user, for themselves or an organisation
    ORGANISATIONS = "organisations"  # only on behalf of an organisation
    STAFF = "staff"  # only staff book it (e.g. for activities)


labels.register(LocationKind, {LocationKind.LIBRARY: _l("Library"), LocationKind.MEETING_PLACE: _l("Meeting place")})
labels.register(
    RoomKind,
    {
        RoomKind.MEETING_ROOM: _l("Meeting room"),
        RoomKind.STUDY_ROOM: _l("Study room"),
        RoomKind.HALL: _l("Hall"),
        RoomKind.MAKERSPACE: _l("Makerspace"),
        RoomKind.KITCHEN: _l("Kitchen"),
        RoomKind.OTHER: _l("Other room"),
    },
)
labels.register(
    BookingPolicy,
    {
        BookingPolicy.EVERYONE: _l("Citizens and organisations"),
        BookingPolicy.ORGANISATIONS: _l("Organisations only"),
        BookingPolicy.STAFF: _l("Staff only"),
    },
)


class Location(Base):
    __tablename__ = "location"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[LocationKind] = mapped_column(enum_column(LocationKind), default=LocationKind.LIBRARY)
    address: Mapped[str] = mapped_column(String(300))
    postal_code: Mapped[str] = mapped_column(String(10))
    city: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    closed_on_public_holidays: Mapped[bool] = mapped_column(default=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    rooms: Mapped[list[Room]] = relationship(back_populates="location", order_by="Room.name")
    opening_hours: Mapped[list[OpeningHours]] = relationship(
        back_populates="location",
        cascade="all, delete-orphan",
        order_by="(OpeningHours.weekday, OpeningHours.opens)",
    )
    closures: Mapped[list[Closure]] = relationship(
        back_populates="location", cascade="all, delete-orphan", order_by="Closure.starts_on"
    )

    def __repr__(self) -> str:
        return f"<Location {self.slug}>"


class OpeningHours(Base):
    """One opening interval on a weekday, in local wall-clock time (a day may have several,
    e.g. staffed hours and self-service hours are both "open" for room booking)."""

    __tablename__ = "opening_hours"
    __table_args__ = (
        CheckConstraint("weekday >= 0 AND weekday <= 6", name="weekday_range"),
        CheckConstraint("opens < closes", name="opens_before_closes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int]  # 0 = Monday
    opens: Mapped[time]
    closes: Mapped[time]

    location: Mapped[Location] = relationship(back_populates="opening_hours")


class Closure(Base):
    """Whole local days when a location (or one room) is closed, with the reason shown to users."""

    __tablename__ = "closure"
    __table_args__ = (CheckConstraint("starts_on <= ends_on", name="starts_before_ends"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id", ondelete="CASCADE"), index=True)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="CASCADE"), index=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]  # inclusive
    reason: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    location: Mapped[Location] = relationship(back_populates="closures")
    room: Mapped[Room | None] = relationship()


room_equipment = Table(
    "room_equipment",
    Base.metadata,
    Column("room_id", ForeignKey("room.id", ondelete="CASCADE"), primary_key=True),
    Column("equipment_id", ForeignKey("equipment.id", ondelete="CASCADE"), primary_key=True),
)


class Equipment(Base):
    __tablename__ = "equipment"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name_da: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))

    def name(self, locale: str) -> str:
        return self.name_en if locale == "en" else self.name_da


class Room(Base):
    __tablename__ = "room"
    __table_args__ = (
        CheckConstraint("capacity > 0", name="capacity_positive"),
        CheckConstraint("min_duration_minutes > 0", name="min_duration_positive"),
        CheckConstraint("max_duration_minutes >= min_duration_minutes", name="max_duration_not_below_min"),
        CheckConstraint("slot_step_minutes > 0", name="slot_step_positive"),
        CheckConstraint("min_notice_hours >= 0", name="min_notice_not_negative"),
        CheckConstraint("horizon_days > 0", name="horizon_positive"),
        CheckConstraint("buffer_minutes >= 0", name="buffer_not_negative"),
        UniqueConstraint("location_id", "name"),
        Index("ix_room_location_active", "location_id", "active"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id", ondelete="RESTRICT"))
    # A part of a divisible hall points at the whole; booking the whole claims every part.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[RoomKind] = mapped_column(enum_column(RoomKind), default=RoomKind.MEETING_ROOM)
    description: Mapped[str | None] = mapped_column(Text)
    capacity: Mapped[int]
    accessibility: Mapped[str | None] = mapped_column(Text)
    photo_filename: Mapped[str | None] = mapped_column(String(200))
    # Written by staff with the photo: what it shows, for people who cannot see it.
    photo_alt: Mapped[str | None] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # Booking rules
    booking_policy: Mapped[BookingPolicy] = mapped_column(
        enum_column(BookingPolicy), default=BookingPolicy.EVERYONE
    )
    requires_approval: Mapped[bool] = mapped_column(default=True)
    min_duration_minutes: Mapped[int] = mapped_column(default=30)
    max_duration_minutes: Mapped[int] = mapped_column(default=240)
    slot_step_minutes: Mapped[int] = mapped_column(default=15)
    min_notice_hours: Mapped[int] = mapped_column(default=24)
    horizon_days: Mapped[int] = mapped_column(default=180)
    buffer_minutes: Mapped[int] = mapped_column(default=0)
    max_future_bookings_per_org: Mapped[int | None]

    location: Mapped[Location] = relationship(back_populates="rooms")
    parent: Mapped[Room | None] = relationship(remote_side=[id], back_populates="parts")
    parts: Mapped[list[Room]] = relationship(back_populates="parent", order_by="Room.name")
    equipment: Mapped[list[Equipment]] = relationship(secondary=room_equipment, order_by="Equipment.slug")

    def __repr__(self) -> str:
        return f"<Room {self.slug}>"

    @property
    def claim_room_ids(self) -> list[int]:
        """The rooms a booking of this room occupies: its parts if it is divisible, else itself."""
        return [part.id for part in self.parts] or [self.id]
