from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from booking import labels
from booking.communities.models import Community
from booking.db import Base, enum_column, personal, utcnow
from booking.rooms.models import Location, Room


class StatementKind(enum.StrEnum):
    STATEMENT = "statement"  # something a citizen said or wrote
    INTERVIEW = "interview"  # a short interview (the plan asks for 8-10 a year)
    PRACTICE_STORY = "practice_story"  # praksisfortælling: staff's account of an observed situation


class AgeGroup(enum.StrEnum):
    CHILD = "child"
    YOUTH = "youth"
    YOUNG_ADULT = "young_adult"
    ADULT = "adult"
    SENIOR = "senior"
    UNKNOWN = "unknown"


class Channel(enum.StrEnum):
    CONVERSATION = "conversation"
    INTERVIEW = "interview"
    OBSERVATION = "observation"
    EMAIL = "email"
    PHONE = "phone"
    SURVEY = "survey"
    COMMENT_BOX = "comment_box"
    SOCIAL_MEDIA = "social_media"
    OTHER = "other"


labels.register(
    StatementKind,
    {
        StatementKind.STATEMENT: _l("Statement"),
        StatementKind.INTERVIEW: _l("Interview"),
        StatementKind.PRACTICE_STORY: _l("Practice story"),
    },
)
labels.register(
    AgeGroup,
    {
        AgeGroup.CHILD: _l("Child (0–12)"),
        AgeGroup.YOUTH: _l("Young person (13–17)"),
        AgeGroup.YOUNG_ADULT: _l("Young adult (18–29)"),
        AgeGroup.ADULT: _l("Adult (30–64)"),
        AgeGroup.SENIOR: _l("Senior (65+)"),
        AgeGroup.UNKNOWN: _l("Age not known"),
    },
)
labels.register(
    Channel,
    {
        Channel.CONVERSATION: _l("Conversation"),
        Channel.INTERVIEW: _l("Interview"),
        Channel.OBSERVATION: _l("Observation"),
        Channel.EMAIL: _l("Email"),
        Channel.PHONE: _l("Phone"),
        Channel.SURVEY: _l("Survey"),
        Channel.COMMENT_BOX: _l("Comment box"),
        Channel.SOCIAL_MEDIA: _l("Social media"),
        Channel.OTHER: _l("Other"),
    },
)

NAME_RETENTION = "while the statement is kept; removed when consent is withdrawn"


class Statement(Base):
    """A citizen's statement, a short interview or a practice story. Seen only by staff.

    The citizen's name is kept only with their consent to be quoted (a check constraint holds
    that even against code that forgets).
    """

    __tablename__ = "statement"
    __table_args__ = (
        CheckConstraint("citizen_name IS NULL OR consent_to_quote", name="name_needs_consent"),
        Index("ix_statement_said_on", "said_on"),
        Index("ix_statement_location_said_on", "location_id", "said_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[StatementKind] = mapped_column(enum_column(StatementKind))
    said_on: Mapped[date]
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id", ondelete="RESTRICT"))
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="SET NULL"), index=True)
    # What the statement is about, optionally: an open community. A link to an activity
    # (nullable foreign key to the activities' table, a choice on the form, and an activity
    # scope for the figures) comes with the activities feature.
    community_id: Mapped[int | None] = mapped_column(ForeignKey("community.id", ondelete="SET NULL"), index=True)
    age_group: Mapped[AgeGroup] = mapped_column(enum_column(AgeGroup), default=AgeGroup.UNKNOWN)
    channel: Mapped[Channel] = mapped_column(enum_column(Channel))
    text: Mapped[str] = mapped_column(Text)
    # Normalised, comma-separated, lower case: ",stillezone,lys," so a tag matches with LIKE.
    tags: Mapped[str] = mapped_column(String(500), default="")
    consent_to_quote: Mapped[bool] = mapped_column(default=False)
    citizen_name: Mapped[str | None] = mapped_column(
        String(200), info=personal("quote the citizen by name, as they agreed", NAME_RETENTION)
    )
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    location: Mapped[Location] = relationship()
    room: Mapped[Room | None] = relationship()
    community: Mapped[Community | None] = relationship()

    @property
    def tag_list(self) -> list[str]:
        return [tag for tag in self.tags.split(",") if tag]
