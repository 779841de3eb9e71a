"""Season allocation: rounds, priority tiers, organisations' yearly profiles, applications
with their wished weekly slots, and each wish's outcome and the organisation's answer."""

from __future__ import annotations

import enum
from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from booking import labels
from booking.accounts.models import Organisation, User
from booking.db import Base, enum_column, personal, utcnow
from booking.rooms.models import Room

PROFILE_RETENTION = "5 years after the season, as the municipality's grant records"


class RoundState(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    ALLOCATING = "allocating"  # the window is closed; staff allocate
    DECIDED = "decided"  # decisions sent; organisations accept or give back
    DONE = "done"


class TierRule(enum.StrEnum):
    """What a tier means, so a tier can be derived however the municipality names it."""

    CHILDREN_YOUTH = "children_youth"
    ADULT_EDUCATION = "adult_education"
    ASSOCIATION = "association"
    OTHER = "other"


class AgeGroup(enum.StrEnum):
    CHILDREN = "children"  # 0-12
    YOUTH = "youth"  # 13-24
    ADULTS = "adults"
    SENIORS = "seniors"
    MIXED = "mixed"


class Frequency(enum.StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"


class Outcome(enum.StrEnum):
    PENDING = "pending"
    GRANTED = "granted"  # as asked: a room from the wish's list, at the wished time
    CHANGED = "changed"  # granted with changes: another room or time
    DECLINED = "declined"


class Answer(enum.StrEnum):
    NONE = "none"
    ACCEPTED = "accepted"
    GIVEN_BACK = "given_back"
    LAPSED = "lapsed"  # not accepted by the deadline: back in the pool


labels.register(
    RoundState,
    {
        RoundState.DRAFT: _l("Draft"),
        RoundState.OPEN: _l("Open for applications"),
        RoundState.ALLOCATING: _l("Closed, allocating"),
        RoundState.DECIDED: _l("Decisions sent"),
        RoundState.DONE: _l("Done"),
    },
)
labels.register(
    TierRule,
    {
        TierRule.CHILDREN_YOUTH: _l("Children and young people"),
        TierRule.ADULT_EDUCATION: _l("Adult education"),
        TierRule.ASSOCIATION: _l("Other association activities"),
        TierRule.OTHER: _l("Others"),
    },
)
labels.register(
    AgeGroup,
    {
        AgeGroup.CHILDREN: _l("Children (0–12 years)"),
        AgeGroup.YOUTH: _l("Young people (13–24 years)"),
        AgeGroup.ADULTS: _l("Adults"),
        AgeGroup.SENIORS: _l("Seniors"),
        AgeGroup.MIXED: _l("Mixed ages"),
    },
)
labels.register(Frequency, {Frequency.WEEKLY: _l("Every week"), Frequency.FORTNIGHTLY: _l("Every other week")})
labels.register(
    Outcome,
    {
        Outcome.PENDING: _l("Not decided"),
        Outcome.GRANTED: _l("Granted"),
        Outcome.CHANGED: _l("Granted with changes"),
        Outcome.DECLINED: _l("Declined"),
    },
)
labels.register(
    Answer,
    {
        Answer.NONE: _l("Awaiting answer"),
        Answer.ACCEPTED: _l("Accepted"),
        Answer.GIVEN_BACK: _l("Given back"),
        Answer.LAPSED: _l("Not accepted in time"),
    },
)


class AllocationRound(Base):
    __tablename__ = "allocation_round"
    __table_args__ = (
        CheckConstraint("season_start <= season_end", name="season_order"),
        CheckConstraint("window_opens <= window_closes", name="window_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Local dates, all inclusive.
    season_start: Mapped[date]
    season_end: Mapped[date]
    window_opens: Mapped[date]
    window_closes: Mapped[date]
    decision_date: Mapped[date]
    accept_by: Mapped[date]
    state: Mapped[RoundState] = mapped_column(enum_column(RoundState), default=RoundState.DRAFT)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    decisions_sent_at: Mapped[datetime | None]

    round_rooms: Mapped[list[RoundRoom]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="RoundRoom.id"
    )
    tiers: Mapped[list[PriorityTier]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="PriorityTier.position"
    )
    # The board and the suggestion read every wish of a round with its rooms: loaded in a few
    # queries ("selectin") instead of one per application and wish.
    applications: Mapped[list[Application]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="Application.id", lazy="selectin"
    )

    @property
    def rooms(self) -> list[Room]:
        return sorted((rr.room for rr in self.round_rooms), key=lambda room: (room.location.name, room.name))

    def __repr__(self) -> str:
        return f"<AllocationRound {self.id} {self.state}>"


class RoundRoom(Base):
    """A room the round covers; a room especially suited for people with disabilities goes
    first to activities for them (Folkeoplysningsloven §21)."""

    __tablename__ = "allocation_round_room"
    __table_args__ = (UniqueConstraint("round_id", "room_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("allocation_round.id", ondelete="CASCADE"), index=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"), index=True)
    suited_for_disabilities: Mapped[bool] = mapped_column(default=False)

    round: Mapped[AllocationRound] = relationship(back_populates="round_rooms")
    room: Mapped[Room] = relationship()


class PriorityTier(Base):
    __tablename__ = "allocation_tier"
    __table_args__ = (UniqueConstraint("round_id", "rule"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("allocation_round.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]  # 1 goes first
    rule: Mapped[TierRule] = mapped_column(enum_column(TierRule))
    name: Mapped[str] = mapped_column(String(200))

    round: Mapped[AllocationRound] = relationship(back_populates="tiers")


class OrganisationProfile(Base):
    """The organisation's details as confirmed for one year, before it may apply."""

    __tablename__ = "allocation_profile"
    __table_args__ = (
        UniqueConstraint("organisation_id", "year"),
        CheckConstraint("member_count >= 0", name="member_count_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    contact_name: Mapped[str] = mapped_column(
        String(200), info=personal("contact about the application", PROFILE_RETENTION)
    )
    contact_email: Mapped[str] = mapped_column(
        String(254), info=personal("contact about the application", PROFILE_RETENTION)
    )
    contact_phone: Mapped[str | None] = mapped_column(
        String(40), info=personal("contact about the application", PROFILE_RETENTION)
    )
    board_member: Mapped[str] = mapped_column(
        String(200), info=personal("the board member answerable for the application", PROFILE_RETENTION)
    )
    member_count: Mapped[int]
    cvr: Mapped[str | None] = mapped_column(String(8))
    confirmed_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    organisation: Mapped[Organisation] = relationship()


class Application(Base):
    __tablename__ = "allocation_application"
    __table_args__ = (UniqueConstraint("round_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("allocation_round.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    applied_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    # The application time that breaks ties: the first submission, kept through later edits.
    submitted_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    note: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None]

    round: Mapped[AllocationRound] = relationship(back_populates="applications")
    organisation: Mapped[Organisation] = relationship()
    applied_by: Mapped[User | None] = relationship()
    wishes: Mapped[list[Wish]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="Wish.position", lazy="selectin"
    )


class Wish(Base):
    """One wanted weekly slot, its rooms in order of preference, and what became of it."""

    __tablename__ = "allocation_wish"
    __table_args__ = (
        CheckConstraint("weekday >= 0 AND weekday <= 6", name="weekday_range"),
        CheckConstraint("starts < ends", name="starts_before_ends"),
        CheckConstraint("participants > 0", name="participants_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("allocation_application.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    weekday: Mapped[int]  # 0 = Monday
    starts: Mapped[time]  # local wall-clock time
    ends: Mapped[time]
    frequency: Mapped[Frequency] = mapped_column(enum_column(Frequency), default=Frequency.WEEKLY)
    participants: Mapped[int]
    age_group: Mapped[AgeGroup] = mapped_column(enum_column(AgeGroup))
    purpose: Mapped[str] = mapped_column(String(300))
    for_disabilities: Mapped[bool] = mapped_column(default=False)
    # Hours over the season, as minutes: asked for, and granted when decided.
    applied_minutes: Mapped[int] = mapped_column(default=0)
    granted_minutes: Mapped[int] = mapped_column(default=0)

    derived_tier_id: Mapped[int] = mapped_column(ForeignKey("allocation_tier.id", ondelete="RESTRICT"), index=True)
    tier_id: Mapped[int] = mapped_column(ForeignKey("allocation_tier.id", ondelete="RESTRICT"), index=True)
    tier_reason: Mapped[str | None] = mapped_column(String(500))
    tier_corrected_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    outcome: Mapped[Outcome] = mapped_column(enum_column(Outcome), default=Outcome.PENDING)
    granted_room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"), index=True)
    granted_weekday: Mapped[int | None]
    granted_starts: Mapped[time | None]
    granted_ends: Mapped[time | None]
    decision_reason: Mapped[str | None] = mapped_column(String(500))
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    answer: Mapped[Answer] = mapped_column(enum_column(Answer), default=Answer.NONE)
    answered_at: Mapped[datetime | None]
    # The booking series made from an accepted slot (a booking id of the booking core).
    booking_id: Mapped[int | None]

    application: Mapped[Application] = relationship(back_populates="wishes")
    wish_rooms: Mapped[list[WishRoom]] = relationship(
        back_populates="wish", cascade="all, delete-orphan", order_by="WishRoom.rank", lazy="selectin"
    )
    tier: Mapped[PriorityTier] = relationship(foreign_keys=[tier_id])
    derived_tier: Mapped[PriorityTier] = relationship(foreign_keys=[derived_tier_id])
    granted_room: Mapped[Room | None] = relationship(foreign_keys=[granted_room_id])

    @property
    def rooms(self) -> list[Room]:
        return [wr.room for wr in self.wish_rooms]

    @property
    def is_granted(self) -> bool:
        return self.outcome in (Outcome.GRANTED, Outcome.CHANGED)

    @property
    def tier_corrected(self) -> bool:
        return self.tier_id != self.derived_tier_id


class WishRoom(Base):
    __tablename__ = "allocation_wish_room"
    __table_args__ = (UniqueConstraint("wish_id", "room_id"), UniqueConstraint("wish_id", "rank"))

    id: Mapped[int] = mapped_column(primary_key=True)
    wish_id: Mapped[int] = mapped_column(ForeignKey("allocation_wish.id", ondelete="CASCADE"), index=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"), index=True)
    rank: Mapped[int]  # 1 = first choice

    wish: Mapped[Wish] = relationship(back_populates="wish_rooms")
    room: Mapped[Room] = relationship()
