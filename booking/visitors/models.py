from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from booking import labels
from booking.db import Base, enum_column, utcnow
from booking.rooms.models import Location


class CountSpan(enum.StrEnum):
    """What one count covers: a single day, or a whole month (stored on its first day)."""

    DAY = "day"
    MONTH = "month"


class CountSource(enum.StrEnum):
    MANUAL = "manual"
    IMPORT = "import"


labels.register(CountSpan, {CountSpan.DAY: _l("Day"), CountSpan.MONTH: _l("Month")})
labels.register(CountSource, {CountSource.MANUAL: _l("Entered by staff"), CountSource.IMPORT: _l("People counter")})


class VisitorImport(Base):
    """One imported people-counter file: the import log."""

    __tablename__ = "visitor_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(255))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    lines_read: Mapped[int]
    days_added: Mapped[int]
    days_replaced: Mapped[int]
    visitors: Mapped[int]


class VisitorCount(Base):
    """People who came into a location on one local day, or in one month."""

    __tablename__ = "visitor_count"
    __table_args__ = (
        UniqueConstraint("location_id", "span", "day"),
        CheckConstraint("visitors >= 0", name="visitors_not_negative"),
        Index("ix_visitor_count_day", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id", ondelete="CASCADE"))
    span: Mapped[CountSpan] = mapped_column(enum_column(CountSpan))
    day: Mapped[date]  # the day counted, or the first day of the month counted
    visitors: Mapped[int]
    source: Mapped[CountSource] = mapped_column(enum_column(CountSource))
    import_id: Mapped[int | None] = mapped_column(ForeignKey("visitor_import.id", ondelete="SET NULL"), index=True)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)

    location: Mapped[Location] = relationship()
