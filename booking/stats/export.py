"""The statistics as CSV (semicolon-separated, as Danish Excel opens it) and as XLSX."""

from __future__ import annotations

import csv
import io

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from booking.labels import label
from booking.metrics.scope_options import describe
from booking.stats.services import Statistics


def rows(stats: Statistics) -> list[list[object]]:
    header = [_("Figure"), _("Key"), _("Unit"), _("Period"), _("Covers"), _("Value")]
    period = f"{stats.period.start.isoformat()}–{stats.period.end.isoformat()}"
    covers = describe(stats.scope)
    found: list[list[object]] = [header]
    for figure in stats.figures:
        metric = figure.metric
        found.append([str(metric.label), metric.key, label(metric.unit), period, covers, figure.value])
    for item in stats.monthly:
        for bucket, value in item.points:
            found.append([str(item.metric.label), item.metric.key, label(item.metric.unit), bucket.key, covers, value])
    for room, values in stats.rooms:
        for metric in stats.room_metrics:
            found.append([str(metric.label), metric.key, label(metric.unit), period, room.name, values[metric.key]])
    for name, values in stats.kinds:
        for metric in stats.kind_metrics:
            found.append([str(metric.label), metric.key, label(metric.unit), period, name, values[metric.key]])
    return found


def to_csv(stats: Statistics) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows(stats):
        # A text starting with = + - @ would be a formula in a spreadsheet.
        writer.writerow(["'" + cell if isinstance(cell, str) and cell[:1] in "=+-@" else cell for cell in row])
    return buffer.getvalue()


def to_xlsx(stats: Statistics) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Figures")[:31]
    sheet.append([_("Figure"), _("Key"), _("Unit"), _("Value"), _("Definition")])
    for figure in stats.figures:
        metric = figure.metric
        sheet.append([str(metric.label), metric.key, label(metric.unit), figure.value, str(metric.definition)])
    monthly = book.create_sheet(_("Per month")[:31])
    monthly.append([_("Month"), *(str(item.metric.label) for item in stats.monthly)])
    if stats.monthly:
        for index, (bucket, _value) in enumerate(stats.monthly[0].points):
            monthly.append([bucket.key, *(item.points[index][1] for item in stats.monthly)])
    if stats.rooms:
        per_room = book.create_sheet(_("Per room")[:31])
        per_room.append([_("Room"), *(str(metric.label) for metric in stats.room_metrics)])
        for room, values in stats.rooms:
            per_room.append([room.name, *(values[metric.key] for metric in stats.room_metrics)])
    if stats.kinds:
        per_kind = book.create_sheet(_("Per kind of organisation")[:31])
        per_kind.append([_("Kind of organisation"), *(str(metric.label) for metric in stats.kind_metrics)])
        for name, values in stats.kinds:
            per_kind.append([name, *(values[metric.key] for metric in stats.kind_metrics)])
    return workbook_bytes(book)


def workbook_bytes(book: Workbook) -> bytes:
    """The workbook as an .xlsx file, each sheet's first row (its headings) in bold."""
    for ws in book.worksheets:
        for cell in ws[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
