"""Activities (arrangementer), their registrations and the activity waitlist.

An activity is run by the library, alone or with partner organisations. Registration states:
``confirmed`` (holds seats), ``waitlisted`` (ordered by sign-up), ``cancelled``, and after the
activity ``attended`` / ``no_show``. ``confirmed_at`` records that a registration ever got a
seat, so "waitlist demand" (people who never got one) survives later changes.
"""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from booking import labels
from booking.accounts.models import Organisation, User
from booking.bookings.models import Booking
from booking.db import Base, enum_column, personal, utcnow
from booking.rooms.models import Location, Room

REGISTRANT_RETENTION = "deleted 1 year after the activity"


class ActivityStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"
    COMPLETED = "completed"


class TargetGroup(enum.StrEnum):
    TODDLERS = "age_0_6"
    CHILDREN = "children"
    YOUNG_PEOPLE = "young_people"
    ADULTS = "adults"
    SENIORS = "seniors"
    FAMILIES = "families"
    EVERYONE = "everyone"


# The target groups of the yearly overview of activities for children and young people.
CHILDREN_AND_YOUNG = (TargetGroup.TODDLERS, TargetGroup.CHILDREN, TargetGroup.YOUNG_PEOPLE)


class ActivityCategory(enum.StrEnum):
    TALK = "talk"
    WORKSHOP = "workshop"
    READING = "reading"
    DIALOGUE = "dialogue"
    IT_HELP = "it_help"
    COURSE = "course"
    CULTURE = "culture"
    OTHER = "other"


class RegistrationStatus(enum.StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"
    ATTENDED = "attended"
    NO_SHOW = "no_show"


# Statuses in which a registration holds its seats (after the activity: was counted for them).
SEAT_HOLDING = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW)

labels.register(
    ActivityStatus,
    {
        ActivityStatus.DRAFT: _l("Draft"),
        ActivityStatus.PUBLISHED: _l("Published"),
        ActivityStatus.CANCELLED: _l("Cancelled"),
        ActivityStatus.COMPLETED: _l("Completed"),
    },
)
labels.register(
    TargetGroup,
    {
        TargetGroup.TODDLERS: _l("Children 0–6 years"),
        TargetGroup.CHILDREN: _l("Children"),
        TargetGroup.YOUNG_PEOPLE: _l("Young people"),
        TargetGroup.ADULTS: _l("Adults"),
        TargetGroup.SENIORS: _l("Seniors"),
        TargetGroup.FAMILIES: _l("Families"),
        TargetGroup.EVERYONE: _l("Everyone"),
    },
)
labels.register(
    ActivityCategory,
    {
        ActivityCategory.TALK: _l("Talk or author event"),
        ActivityCategory.WORKSHOP: _l("Creative workshop"),
        ActivityCategory.READING: _l("Reading and song time"),
        ActivityCategory.DIALOGUE: _l("Debate and dialogue"),
        ActivityCategory.IT_HELP: _l("IT help"),
        ActivityCategory.COURSE: _l("Course"),
        ActivityCategory.CULTURE: _l("Concert, film or theatre"),
        ActivityCategory.OTHER: _l("Other"),
    },
)
labels.register(
    RegistrationStatus,
    {
        RegistrationStatus.CONFIRMED: _l("Confirmed"),
        RegistrationStatus.WAITLISTED: _l("On the waitlist"),
        RegistrationStatus.CANCELLED: _l("Registration cancelled"),
        RegistrationStatus.ATTENDED: _l("Attended"),
        RegistrationStatus.NO_SHOW: _l("Did not come"),
    },
)

activity_partner = Table(
    "activity_partner",
    Base.metadata,
    Column("activity_id", ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True),
)


class Activity(Base):
    __tablename__ = "activity"
    __table_args__ = (
        CheckConstraint("starts_at < ends_at", name="starts_before_ends"),
        CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity_positive"),
        CheckConstraint("max_seats_per_registration >= 1", name="max_seats_positive"),
        CheckConstraint("price_kr >= 0", name="price_not_negative"),
        CheckConstraint("attendance_count IS NULL OR attendance_count >= 0", name="attendance_not_negative"),
        Index("ix_activity_starts_at", "starts_at"),
        Index("ix_activity_location_starts", "location_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    category: Mapped[ActivityCategory] = mapped_column(enum_column(ActivityCategory))
    target_group: Mapped[TargetGroup] = mapped_column(enum_column(TargetGroup))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id", ondelete="RESTRICT"))
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"), index=True)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    # The booking that holds the room (booking core), when the activity uses a room.
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("booking.id", ondelete="SET NULL"), index=True)
    # Repeated activities point at the first of their series; each date has its own sign-up.
    series_id: Mapped[int | None] = mapped_column(ForeignKey("activity.id", ondelete="SET NULL"), index=True)

    registration_required: Mapped[bool] = mapped_column(default=True)
    capacity: Mapped[int | None]  # seats; None for drop-in without a limit
    max_seats_per_registration: Mapped[int] = mapped_column(default=1)
    registration_opens_at: Mapped[datetime | None]
    registration_closes_at: Mapped[datetime | None]  # None: until the activity starts
    price_kr: Mapped[int] = mapped_column(default=0)

    status: Mapped[ActivityStatus] = mapped_column(enum_column(ActivityStatus), default=ActivityStatus.DRAFT)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    published_at: Mapped[datetime | None]
    # The first moment every seat was taken; kept when seats free up again (a fact for statistics).
    sold_out_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    cancel_reason: Mapped[str | None] = mapped_column(String(500))
    completed_at: Mapped[datetime | None]
    attendance_count: Mapped[int | None]  # headcount entered by staff after the activity

    location: Mapped[Location] = relationship()
    room: Mapped[Room | None] = relationship()
    booking: Mapped[Booking | None] = relationship()
    partners: Mapped[list[Organisation]] = relationship(secondary=activity_partner, order_by="Organisation.name")
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    cancelled_by: Mapped[User | None] = relationship(foreign_keys=[cancelled_by_id])
    registrations: Mapped[list[Registration]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", order_by="Registration.id"
    )

    def __repr__(self) -> str:
        return f"<Activity {self.id} {self.slug}>"

    @property
    def is_public(self) -> bool:
        return self.status in (ActivityStatus.PUBLISHED, ActivityStatus.CANCELLED, ActivityStatus.COMPLETED)


class Registration(Base):
    __tablename__ = "registration"
    __table_args__ = (
        CheckConstraint("seats >= 1", name="seats_positive"),
        Index("ix_registration_activity_status", "activity_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(
        String(200), info=personal("know who comes to the activity", REGISTRANT_RETENTION)
    )
    email: Mapped[str] = mapped_column(
        String(254), info=personal("confirm, cancel and tell about changes to the activity", REGISTRANT_RETENTION)
    )
    phone: Mapped[str | None] = mapped_column(
        String(40), info=personal("reach the registrant on the day", REGISTRANT_RETENTION)
    )
    seats: Mapped[int] = mapped_column(default=1)
    locale: Mapped[str] = mapped_column(String(8), default="da")
    status: Mapped[RegistrationStatus] = mapped_column(enum_column(RegistrationStatus))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    # Random, secret per registration: with the app's key it makes the cancel link.
    token_salt: Mapped[str] = mapped_column(String(32))

    activity: Mapped[Activity] = relationship(back_populates="registrations")
    user: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<Registration {self.id} {self.status}>"
