"""A review as an XLSX workbook: figures side by side, evaluations, decisions."""

from __future__ import annotations

from flask_babel import gettext as _
from openpyxl import Workbook

from booking.labels import label
from booking.review.figures import ReviewFigures
from booking.review.models import RoomReview
from booking.stats.export import workbook_bytes


def to_xlsx(review: RoomReview, figures: ReviewFigures, evaluations: dict[int, str]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Figures")[:31]
    sheet.append([_("Room"), _("Figure"), _("Unit"), str(review.year), str(review.year - 1)])
    for row in figures.location:
        sheet.append([review.location.name, row.label, row.unit, row.value, row.last_year])
    for room in figures.rooms:
        for row in room.rows:
            sheet.append([room.name, row.label, row.unit, row.value, row.last_year])
    notes = book.create_sheet(_("Evaluations")[:31])
    notes.append([_("Room"), _("Evaluation")])
    for room in figures.rooms:
        notes.append([room.name, evaluations.get(room.room_id, "")])
    decisions = book.create_sheet(_("Decisions")[:31])
    decisions.append([_("Room"), _("What we adjust"), _("Decision"), _("Owner"), _("Due date"), _("Status"),
                      _("Follow-up")])  # fmt: skip
    for decision in review.decisions:
        decisions.append([
            decision.room.name if decision.room else review.location.name,
            label(decision.area),
            decision.description,
            decision.owner,
            decision.due_on,
            label(decision.status),
            decision.follow_up or "",
        ])  # fmt: skip
    return workbook_bytes(book)
