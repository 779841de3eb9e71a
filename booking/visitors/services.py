"""Visitor counts: staff enter them per location and day or month, or import the people
counters' CSV files (rules in :mod:`booking.visitors.csvimport`). Only staff read or write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import delete, extract, select

from booking.accounts.models import User
from booking.accounts.permissions import require_staff
from booking.errors import Conflict, Invalid, NotFound
from booking.extensions import db
from booking.rooms.locations import location_by_id
from booking.rooms.models import Location
from booking.validation import clean_int
from booking.visitors import csvimport
from booking.visitors.models import CountSource, CountSpan, VisitorCount, VisitorImport

MAX_VISITORS = 10_000_000


@dataclass
class CountData:
    location_id: int | str | None
    span: CountSpan | str
    day: date | None
    visitors: int | str | None


def enter_count(actor: User | None, data: CountData, now: datetime) -> VisitorCount:
    """Enter (or correct) one location's count for a day or a whole month."""
    require_staff(actor)
    place = location_by_id(data.location_id)
    try:
        span = CountSpan(data.span)
    except ValueError:
        raise Invalid(_("Choose day or month."), fields={"span": "invalid"}) from None
    if data.day is None:
        raise Invalid(_("Give the date."), fields={"day": "required"})
    day = data.day.replace(day=1) if span == CountSpan.MONTH else data.day
    visitors = clean_int(data.visitors, "visitors", label=_("Visitors"), minimum=0, maximum=MAX_VISITORS)
    _refuse_mixed_spans(place, span, day)
    count = db.session.scalar(
        select(VisitorCount).where(
            VisitorCount.location_id == place.id, VisitorCount.span == span, VisitorCount.day == day
        )
    )
    if count is None:
        count = VisitorCount(location_id=place.id, span=span, day=day)
        db.session.add(count)
    count.visitors = visitors  # type: ignore[assignment]
    count.source = CountSource.MANUAL
    count.import_id = None
    count.entered_by_id = actor.id  # type: ignore[union-attr]
    count.entered_at = now
    db.session.flush()
    return count


def _refuse_mixed_spans(place: Location, span: CountSpan, day: date) -> None:
    """A month counted as a whole and by days would be counted twice."""
    query = select(VisitorCount.id).where(
        VisitorCount.location_id == place.id,
        extract("year", VisitorCount.day) == day.year,
        extract("month", VisitorCount.day) == day.month,
        VisitorCount.span != span,
    )
    if db.session.scalar(query.limit(1)) is not None:
        if span == CountSpan.MONTH:
            message = _(
                "%(place)s has day counts in that month; a whole-month count would count them twice.", place=place.name
            )
        else:
            message = _(
                "%(place)s has a count for that whole month; a day count would count it twice.", place=place.name
            )
        raise Conflict(message, fields={"day": "conflict"})


def get_count(actor: User | None, count_id: int) -> VisitorCount:
    require_staff(actor)
    count = db.session.get(VisitorCount, count_id)
    if count is None:
        raise NotFound(_("That count does not exist."))
    return count


def remove_count(actor: User | None, count: VisitorCount) -> None:
    require_staff(actor)
    db.session.delete(count)
    db.session.flush()


def counts_for(actor: User | None, location: Location, year: int) -> list[VisitorCount]:
    require_staff(actor)
    return list(
        db.session.scalars(
            select(VisitorCount)
            .where(
                VisitorCount.location_id == location.id,
                VisitorCount.day.between(date(year, 1, 1), date(year, 12, 31)),
            )
            .order_by(VisitorCount.day.desc(), VisitorCount.span)
        )
    )


def preview_import(actor: User | None, content: bytes | str) -> csvimport.Parsed:
    """What importing the file would do, or its problems by line. Writes nothing."""
    require_staff(actor)
    return csvimport.parse(content)


def import_counts(actor: User | None, filename: str | None, content: bytes | str, now: datetime) -> VisitorImport:
    """Import a people-counter file: all of it, or (with any problem) nothing."""
    require_staff(actor)
    name = (filename or "").strip()[:255] or "import.csv"
    parsed = csvimport.parse(content)
    if parsed.problems:
        raise Invalid(
            _("The file was not imported: %(n)d problems.", n=len(parsed.problems)),
            fields={"file": "invalid"},
            details=[{"line": problem.line, "message": problem.message} for problem in parsed.problems],
        )
    if not parsed.days:
        raise Invalid(_("The file has no counts."), fields={"file": "empty"})
    log = VisitorImport(
        filename=name,
        imported_at=now,
        imported_by_id=actor.id,  # type: ignore[union-attr]
        lines_read=parsed.lines_read,
        days_added=len(parsed.days) - len(parsed.replaced),
        days_replaced=len(parsed.replaced),
        visitors=parsed.total,
    )
    db.session.add(log)
    db.session.flush()
    for item in parsed.replaced:
        db.session.execute(
            delete(VisitorCount).where(
                VisitorCount.location_id == item.location.id,
                VisitorCount.span == CountSpan.DAY,
                VisitorCount.day == item.day,
            )
        )
    db.session.add_all(
        VisitorCount(
            location_id=item.location.id,
            span=CountSpan.DAY,
            day=item.day,
            visitors=item.visitors,
            source=CountSource.IMPORT,
            import_id=log.id,
            entered_by_id=actor.id,  # type: ignore[union-attr]
            entered_at=now,
        )
        for item in parsed.days
    )
    db.session.flush()
    return log


def import_log(actor: User | None, limit: int = 20) -> list[VisitorImport]:
    require_staff(actor)
    return list(db.session.scalars(select(VisitorImport).order_by(VisitorImport.imported_at.desc()).limit(limit)))
