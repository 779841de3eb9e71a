"""The action plan: plans with half-yearly checkpoints, the council's strategy themes, actions,
their measurement points, and a status per action per checkpoint with its history."""

from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, Float, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from booking import labels
from booking.accounts.models import User
from booking.db import Base, enum_column, personal, utcnow
from booking.metrics.registry import Period

PLAN_RETENTION = "as long as the plan is kept"


class StatusState(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    POSTPONED = "postponed"
    DROPPED = "dropped"


class PointKind(enum.StrEnum):
    TEXT = "text"  # described in words only
    METRIC = "metric"  # a figure (or yes/no fact) from the metrics registry
    EXTERNAL = "external"  # a figure from elsewhere (the library system), entered per half year


labels.register(
    StatusState,
    {
        StatusState.NOT_STARTED: _l("Not started"),
        StatusState.IN_PROGRESS: _l("In progress"),
        StatusState.DONE: _l("Done"),
        StatusState.POSTPONED: _l("Postponed"),
        StatusState.DROPPED: _l("Dropped"),
    },
)
labels.register(
    PointKind,
    {
        PointKind.TEXT: _l("Described in words"),
        PointKind.METRIC: _l("Figure from the system"),
        PointKind.EXTERNAL: _l("Figure entered by staff"),
    },
)


class Plan(Base):
    __tablename__ = "strategy_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    first_year: Mapped[int]
    last_year: Mapped[int]
    # The read-only public page shows the plan and the statuses of signed-off checkpoints.
    public: Mapped[bool] = mapped_column(default=False)
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("strategy_plan.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    checkpoints: Mapped[list[Checkpoint]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Checkpoint.due_on"
    )
    actions: Mapped[list[Action]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Action.number"
    )

    def action(self, number: int) -> Action | None:
        return next((a for a in self.actions if a.number == number), None)


class Checkpoint(Base):
    """A status date: the end of a half year (30 June or 31 December)."""

    __tablename__ = "strategy_checkpoint"
    __table_args__ = (UniqueConstraint("plan_id", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("strategy_plan.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[date]
    signed_off_at: Mapped[datetime | None]
    signed_off_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    plan: Mapped[Plan] = relationship(back_populates="checkpoints")
    signed_off_by: Mapped[User | None] = relationship()

    @property
    def signed_off(self) -> bool:
        return self.signed_off_at is not None

    @property
    def half(self) -> Period:
        return Period.half_year(self.due_on.year, 1 if self.due_on.month <= 6 else 2)

    @property
    def year_to_date(self) -> Period:
        return Period(date(self.due_on.year, 1, 1), self.due_on)

    @property
    def column(self) -> str:
        """The column of the plan file: ``status_2024_06``."""
        return f"status_{self.due_on.year}_{self.due_on.month:02d}"

    @property
    def key(self) -> str:
        """In URLs: ``2024-06``."""
        return f"{self.due_on.year}-{self.due_on.month:02d}"


class Theme(Base):
    """One of the municipal council's strategy themes; shared by every plan."""

    __tablename__ = "strategy_theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


action_theme = Table(
    "strategy_action_theme",
    Base.metadata,
    Column("action_id", ForeignKey("strategy_action.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("strategy_theme.id", ondelete="CASCADE"), primary_key=True),
)


class Action(Base):
    __tablename__ = "strategy_action"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("strategy_plan.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    # The source's texts are kept exactly as written; themes are also linked as rows.
    themes_text: Mapped[str] = mapped_column(Text, default="")
    references_text: Mapped[str] = mapped_column(Text, default="")
    measures_text: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    owner_text: Mapped[str] = mapped_column(
        String(200), default="", info=personal("name who owns an action of the plan", PLAN_RETENTION)
    )
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    partners: Mapped[str] = mapped_column(Text, default="")
    working_group: Mapped[str] = mapped_column(
        Text, default="", info=personal("name the working group of an action", PLAN_RETENTION)
    )
    expected_start_text: Mapped[str] = mapped_column(Text, default="")
    expected_start_on: Mapped[date | None]

    plan: Mapped[Plan] = relationship(back_populates="actions")
    owner: Mapped[User | None] = relationship()
    themes: Mapped[list[Theme]] = relationship(secondary=action_theme, order_by="Theme.name")
    points: Mapped[list[MeasurementPoint]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="MeasurementPoint.position"
    )
    statuses: Mapped[list[Status]] = relationship(back_populates="action", cascade="all, delete-orphan")

    def status_at(self, checkpoint: Checkpoint) -> Status | None:
        return next((s for s in self.statuses if s.checkpoint_id == checkpoint.id), None)


class MeasurementPoint(Base):
    __tablename__ = "strategy_point"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("strategy_action.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(Text)
    kind: Mapped[PointKind] = mapped_column(enum_column(PointKind), default=PointKind.TEXT)
    # A metric point names a registry key and a scope; the key may not be registered (yet).
    metric_key: Mapped[str | None] = mapped_column(String(64))
    scope_kind: Mapped[str | None] = mapped_column(String(32))
    scope_value: Mapped[str | None] = mapped_column(String(64))
    # A target per year, e.g. 8-10 interviews.
    target_min: Mapped[int | None]
    target_max: Mapped[int | None]
    # What a reference figure counts, e.g. the municipality's number of children (coverage).
    reference_label: Mapped[str | None] = mapped_column(String(200))

    action: Mapped[Action] = relationship(back_populates="points")
    external_figures: Mapped[list[ExternalFigure]] = relationship(
        back_populates="point", cascade="all, delete-orphan", order_by="(ExternalFigure.year, ExternalFigure.half)"
    )
    reference_figures: Mapped[list[ReferenceFigure]] = relationship(
        back_populates="point", cascade="all, delete-orphan", order_by="ReferenceFigure.year"
    )


class ExternalFigure(Base):
    """A figure for one half year from outside the system (e.g. loans from the library system)."""

    __tablename__ = "strategy_external_figure"
    __table_args__ = (UniqueConstraint("point_id", "year", "half"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("strategy_point.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    half: Mapped[int]
    value: Mapped[float] = mapped_column(Float)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)

    point: Mapped[MeasurementPoint] = relationship(back_populates="external_figures")


class ReferenceFigure(Base):
    """A yearly figure a point is compared with, e.g. the number of children in the municipality."""

    __tablename__ = "strategy_reference_figure"
    __table_args__ = (UniqueConstraint("point_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("strategy_point.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    value: Mapped[float] = mapped_column(Float)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)

    point: Mapped[MeasurementPoint] = relationship(back_populates="reference_figures")


class Status(Base):
    __tablename__ = "strategy_status"
    __table_args__ = (UniqueConstraint("action_id", "checkpoint_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("strategy_action.id", ondelete="CASCADE"), index=True)
    checkpoint_id: Mapped[int] = mapped_column(ForeignKey("strategy_checkpoint.id", ondelete="CASCADE"), index=True)
    state: Mapped[StatusState] = mapped_column(enum_column(StatusState))
    text: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    action: Mapped[Action] = relationship(back_populates="statuses")
    checkpoint: Mapped[Checkpoint] = relationship()
    updated_by: Mapped[User | None] = relationship()
    edits: Mapped[list[StatusEdit]] = relationship(
        back_populates="status", cascade="all, delete-orphan", order_by="StatusEdit.id"
    )


class StatusEdit(Base):
    """Every saved version of a status, oldest first."""

    __tablename__ = "strategy_status_edit"

    id: Mapped[int] = mapped_column(primary_key=True)
    status_id: Mapped[int] = mapped_column(ForeignKey("strategy_status.id", ondelete="CASCADE"), index=True)
    state: Mapped[StatusState] = mapped_column(enum_column(StatusState))
    text: Mapped[str] = mapped_column(Text, default="")
    edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    edited_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported: Mapped[bool] = mapped_column(default=False)

    status: Mapped[Status] = relationship(back_populates="edits")
    edited_by: Mapped[User | None] = relationship()


class FrozenFigure(Base):
    """A point's figures as they were when its checkpoint was signed off."""

    __tablename__ = "strategy_frozen_figure"
    __table_args__ = (UniqueConstraint("checkpoint_id", "point_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    checkpoint_id: Mapped[int] = mapped_column(ForeignKey("strategy_checkpoint.id", ondelete="CASCADE"), index=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("strategy_point.id", ondelete="CASCADE"), index=True)
    unit: Mapped[str | None] = mapped_column(String(16))
    half_value: Mapped[float | None] = mapped_column(Float)
    ytd_value: Mapped[float | None] = mapped_column(Float)
    previous_half_value: Mapped[float | None] = mapped_column(Float)
    previous_ytd_value: Mapped[float | None] = mapped_column(Float)
    reference_value: Mapped[float | None] = mapped_column(Float)
    frozen_at: Mapped[datetime] = mapped_column(default=utcnow)
