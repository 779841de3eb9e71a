from __future__ import annotations

import enum
from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from booking import labels
from booking.accounts.models import Organisation, User
from booking.bookings.models import Booking
from booking.db import Base, enum_column, personal, utcnow
from booking.rooms.models import Location, Room

CONTACT_RETENTION = "while the community is listed; removed when it ends or the contact changes"


class CommunityStatus(enum.StrEnum):
    PROPOSED = "proposed"  # waiting for the library
    CHANGES_REQUESTED = "changes_requested"  # sent back to the organiser with a comment
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"
    DECLINED = "declined"


class Category(enum.StrEnum):
    GAMES = "games"  # skak, brætspil, bridge
    CRAFTS = "crafts"  # strik, hækling, reparation
    LANGUAGE = "language"  # sprogcafé, dansk for nydanskere
    DIGITAL = "digital"  # IT-hjælp, kodeklub
    READING = "reading"  # læsekreds, højtlæsning
    NATURE_CLIMATE = "nature_climate"
    MUSIC = "music"  # fællessang, kor
    TALK = "talk"  # samtalesaloner, debat, mænd der snakker
    HEALTH = "health"  # gåture, sorggruppe, stolegymnastik
    OTHER = "other"


class TargetGroup(enum.StrEnum):
    CHILDREN = "children"
    YOUNG_PEOPLE = "young_people"
    ADULTS = "adults"
    SENIORS = "seniors"
    FAMILIES = "families"
    EVERYONE = "everyone"


class ExceptionKind(enum.StrEnum):
    CANCELLED = "cancelled"
    MOVED = "moved"


class EditionStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


labels.register(
    CommunityStatus,
    {
        CommunityStatus.PROPOSED: _l("Proposed"),
        CommunityStatus.CHANGES_REQUESTED: _l("Changes requested"),
        CommunityStatus.ACTIVE: _l("Active"),
        CommunityStatus.PAUSED: _l("Paused"),
        CommunityStatus.ENDED: _l("Ended"),
        CommunityStatus.DECLINED: _l("Declined"),
    },
)
labels.register(
    Category,
    {
        Category.GAMES: _l("Chess and games"),
        Category.CRAFTS: _l("Crafts and repair"),
        Category.LANGUAGE: _l("Language"),
        Category.DIGITAL: _l("IT and digital help"),
        Category.READING: _l("Reading and literature"),
        Category.NATURE_CLIMATE: _l("Nature and climate"),
        Category.MUSIC: _l("Music and singing"),
        Category.TALK: _l("Talk and debate"),
        Category.HEALTH: _l("Health and well-being"),
        Category.OTHER: _l("Other"),
    },
)
labels.register(
    TargetGroup,
    {
        TargetGroup.CHILDREN: _l("Children"),
        TargetGroup.YOUNG_PEOPLE: _l("Young people"),
        TargetGroup.ADULTS: _l("Adults"),
        TargetGroup.SENIORS: _l("Seniors"),
        TargetGroup.FAMILIES: _l("Families"),
        TargetGroup.EVERYONE: _l("Everyone"),
    },
)
labels.register(ExceptionKind, {ExceptionKind.CANCELLED: _l("Cancelled"), ExceptionKind.MOVED: _l("Moved")})
labels.register(EditionStatus, {EditionStatus.DRAFT: _l("Draft"), EditionStatus.PUBLISHED: _l("Published")})


class Community(Base):
    """An open community and its schedule.

    The schedule is kept here in the library's wall-clock time (a recurrence rule without
    DTSTART/UNTIL, a start and end time, and the dates it runs between). It is read only
    through :mod:`booking.communities.schedule`; when the community has a room and is active,
    a booking series (``booking``) holds the room for its dates (:mod:`.holding`).
    """

    __tablename__ = "community"
    __table_args__ = (
        CheckConstraint("start_time < end_time", name="starts_before_ends"),
        CheckConstraint("valid_until IS NULL OR valid_from <= valid_until", name="valid_from_before_until"),
        CheckConstraint("sequence >= 0", name="sequence_not_negative"),
        Index("ix_community_status_location", "status", "location_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    # Stable across edits and renames: calendar apps recognise the series by it.
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)  # Markdown, cleaned when shown
    category: Mapped[Category] = mapped_column(enum_column(Category))
    target_group: Mapped[TargetGroup] = mapped_column(enum_column(TargetGroup))
    languages: Mapped[str] = mapped_column(String(100), default="da")  # comma-separated codes
    accessibility: Mapped[str | None] = mapped_column(Text)
    price: Mapped[str | None] = mapped_column(String(100))  # None = free
    drop_in: Mapped[bool] = mapped_column(default=True)
    signup_info: Mapped[str | None] = mapped_column(String(300))

    contact_name: Mapped[str] = mapped_column(
        String(200), info=personal("public contact person of the community", CONTACT_RETENTION)
    )
    contact_email: Mapped[str | None] = mapped_column(
        String(254), info=personal("public contact person of the community", CONTACT_RETENTION)
    )
    contact_phone: Mapped[str | None] = mapped_column(
        String(40), info=personal("public contact person of the community", CONTACT_RETENTION)
    )
    # The organiser's consent to show the email and phone above to the public.
    contact_public: Mapped[bool] = mapped_column(default=False)

    # Schedule, in local wall-clock terms.
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id", ondelete="RESTRICT"), index=True)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="SET NULL"), index=True)
    recurrence: Mapped[str] = mapped_column(String(200))  # e.g. "FREQ=WEEKLY;BYDAY=TU"
    start_time: Mapped[time]
    end_time: Mapped[time]
    valid_from: Mapped[date]
    valid_until: Mapped[date | None]
    # The booking series that holds the room for the schedule (see :mod:`.holding`).
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("booking.id", ondelete="SET NULL"), index=True)

    status: Mapped[CommunityStatus] = mapped_column(
        enum_column(CommunityStatus), default=CommunityStatus.PROPOSED
    )
    moderation_comment: Mapped[str | None] = mapped_column(Text)
    approved_at: Mapped[datetime | None]
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    # Raised on every change of the community or of one of its dates (iCalendar SEQUENCE).
    sequence: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship()
    location: Mapped[Location] = relationship()
    room: Mapped[Room | None] = relationship()
    booking: Mapped[Booking | None] = relationship()
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    exceptions: Mapped[list[CommunityException]] = relationship(
        back_populates="community", cascade="all, delete-orphan", order_by="CommunityException.original_date"
    )

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def is_public(self) -> bool:
        return self.status in (CommunityStatus.ACTIVE, CommunityStatus.PAUSED)

    def __repr__(self) -> str:
        return f"<Community {self.slug}>"


class CommunityException(Base):
    """One date of the schedule that is cancelled or moved, with a note for the public."""

    __tablename__ = "community_exception"
    __table_args__ = (
        UniqueConstraint("community_id", "original_date"),
        CheckConstraint(
            "(kind = 'moved') = (starts_at IS NOT NULL AND ends_at IS NOT NULL)", name="moved_has_new_time"
        ),
        CheckConstraint("starts_at IS NULL OR starts_at < ends_at", name="starts_before_ends"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id", ondelete="CASCADE"), index=True)
    original_date: Mapped[date]  # the local date the meeting was scheduled for
    kind: Mapped[ExceptionKind] = mapped_column(enum_column(ExceptionKind))
    starts_at: Mapped[datetime | None]  # the new time of a moved date
    ends_at: Mapped[datetime | None]
    note: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    community: Mapped[Community] = relationship(back_populates="exceptions")


class Edition(Base):
    """The published annual list for one year. Each version keeps its own copy of the entries,
    so later edits to a community never change what was published."""

    __tablename__ = "community_edition"
    __table_args__ = (UniqueConstraint("year", "version"), CheckConstraint("version >= 1", name="version_positive"))

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    version: Mapped[int] = mapped_column(default=1)
    status: Mapped[EditionStatus] = mapped_column(enum_column(EditionStatus), default=EditionStatus.DRAFT)
    title: Mapped[str] = mapped_column(String(200))
    introduction: Mapped[str | None] = mapped_column(Text)
    change_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    published_at: Mapped[datetime | None]
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])
    entries: Mapped[list[EditionEntry]] = relationship(
        back_populates="edition",
        cascade="all, delete-orphan",
        order_by="(EditionEntry.location_name, EditionEntry.title)",
    )

    @property
    def is_published(self) -> bool:
        return self.status == EditionStatus.PUBLISHED


class EditionEntry(Base):
    """A community as printed in one edition: the texts are copies, edited for print."""

    __tablename__ = "community_edition_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("community_edition.id", ondelete="CASCADE"), index=True)
    community_id: Mapped[int | None] = mapped_column(ForeignKey("community.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    category: Mapped[Category] = mapped_column(enum_column(Category))
    target_group: Mapped[TargetGroup] = mapped_column(enum_column(TargetGroup))
    organiser: Mapped[str] = mapped_column(String(200))
    location_name: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(300))  # room and address
    schedule: Mapped[str] = mapped_column(String(300))  # "Tuesdays 17:00–19:00", in the edition's words
    contact: Mapped[str | None] = mapped_column(String(300))
    price: Mapped[str | None] = mapped_column(String(100))
    drop_in: Mapped[bool] = mapped_column(default=True)

    edition: Mapped[Edition] = relationship(back_populates="entries")
    community: Mapped[Community | None] = relationship()

