from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from booking import labels
from booking.db import Base, enum_column, utcnow
from booking.rooms.models import Location, Room


class ReviewStatus(enum.StrEnum):
    DRAFT = "draft"
    COMPLETED = "completed"


class DecisionArea(enum.StrEnum):
    OPENING_HOURS = "opening_hours"
    EQUIPMENT = "equipment"
    FURNITURE = "furniture"
    BOOKING_RULES = "booking_rules"
    CHANGE_OF_USE = "change_of_use"
    OTHER = "other"


class DecisionStatus(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


labels.register(ReviewStatus, {ReviewStatus.DRAFT: _l("Draft"), ReviewStatus.COMPLETED: _l("Completed")})
labels.register(
    DecisionArea,
    {
        DecisionArea.OPENING_HOURS: _l("Opening hours"),
        DecisionArea.EQUIPMENT: _l("Equipment"),
        DecisionArea.FURNITURE: _l("Furniture"),
        DecisionArea.BOOKING_RULES: _l("Booking rules"),
        DecisionArea.CHANGE_OF_USE: _l("Change of use"),
        DecisionArea.OTHER: _l("Other"),
    },
)
labels.register(
    DecisionStatus,
    {
        DecisionStatus.OPEN: _l("Open"),
        DecisionStatus.IN_PROGRESS: _l("In progress"),
        DecisionStatus.DONE: _l("Done"),
        DecisionStatus.DROPPED: _l("Dropped"),
    },
)


class ReviewProcedure(Base):
    """A library's own "how we collect, evaluate and decide" text, shown on top of its reviews."""

    __tablename__ = "review_procedure"

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id", ondelete="CASCADE"), unique=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))


class RoomReview(Base):
    """One location's review of its rooms for one year. While a draft, its figures are
    computed live; completing it freezes them in ``snapshot``."""

    __tablename__ = "room_review"
    __table_args__ = (
        UniqueConstraint("location_id", "year"),
        CheckConstraint("year >= 2000 AND year <= 2100", name="year_range"),
        CheckConstraint(
            "(status = 'completed') = (snapshot IS NOT NULL AND completed_at IS NOT NULL)",
            name="completed_has_snapshot",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id", ondelete="RESTRICT"))
    year: Mapped[int]
    status: Mapped[ReviewStatus] = mapped_column(enum_column(ReviewStatus), default=ReviewStatus.DRAFT)
    summary: Mapped[str | None] = mapped_column(Text)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    completed_at: Mapped[datetime | None]
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))

    location: Mapped[Location] = relationship()
    evaluations: Mapped[list[RoomEvaluation]] = relationship(
        back_populates="review", cascade="all, delete-orphan"
    )
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="Decision.id"
    )

    @property
    def is_completed(self) -> bool:
        return self.status == ReviewStatus.COMPLETED


class RoomEvaluation(Base):
    """Staff's evaluation of one room in one review."""

    __tablename__ = "room_evaluation"
    __table_args__ = (UniqueConstraint("review_id", "room_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("room_review.id", ondelete="CASCADE"))
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    review: Mapped[RoomReview] = relationship(back_populates="evaluations")
    room: Mapped[Room] = relationship()


class Decision(Base):
    """What the review decided to adjust, who owns it and by when. Open decisions are shown
    again in the next year's review, where their status is followed up."""

    __tablename__ = "review_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("room_review.id", ondelete="CASCADE"), index=True)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="SET NULL"), index=True)
    area: Mapped[DecisionArea] = mapped_column(enum_column(DecisionArea))
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date | None]
    status: Mapped[DecisionStatus] = mapped_column(enum_column(DecisionStatus), default=DecisionStatus.OPEN)
    follow_up: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    review: Mapped[RoomReview] = relationship(back_populates="decisions")
    room: Mapped[Room | None] = relationship()

    @property
    def is_open(self) -> bool:
        return self.status in (DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS)
