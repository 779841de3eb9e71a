"""The plan out: CSV in the shared file's layout and an XLSX workbook for the council, both with
the status columns filled. Either file can be imported again."""

from __future__ import annotations

import csv
import io

from booking.strategy.models import Plan
from booking.strategy.planfile import (
    COLUMNS,
    FIELDS,
    START_DATE_COLUMN,
    checkpoint_header,
    parse_start,
    status_cell,
)

# Column widths in the workbook (characters); status columns are wide for their text.
WIDTHS = {"nr": 6, "handling": 60, "referencer_i_biblioteksstrategien": 40, "maalepunkter": 35}
DEFAULT_WIDTH = 24
STATUS_WIDTH = 45


def _rows(plan: Plan, *, danish: bool) -> list[list[object]]:
    header: list[object] = [danish_header if danish else key for key, danish_header in COLUMNS]
    header += [checkpoint_header(cp.due_on, danish=danish) for cp in plan.checkpoints]
    # The optional date column only when a date says more than the text does.
    with_dates = any(
        a.expected_start_on is not None and a.expected_start_on != parse_start(a.expected_start_text)
        for a in plan.actions
    )
    if with_dates:
        header.append(START_DATE_COLUMN[1] if danish else START_DATE_COLUMN[0])
    rows = [header]
    for action in plan.actions:
        row: list[object] = [action.number]
        row += [getattr(action, FIELDS[key]) for key, _d in COLUMNS[1:]]
        for checkpoint in plan.checkpoints:
            status = action.status_at(checkpoint)
            row.append(status_cell(status.state, status.text) if status else "")
        if with_dates:
            row.append(action.expected_start_on.isoformat() if action.expected_start_on else "")
        rows.append(row)
    return rows


def plan_csv(plan: Plan) -> bytes:
    """UTF-8, comma-separated, ``\\n`` line ends: the layout of the shared plan file."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(_rows(plan, danish=False))
    return buffer.getvalue().encode("utf-8")


def plan_xlsx(plan: Plan) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Handlingsplan"
    for row in _rows(plan, danish=True):
        sheet.append(row)
    keys = [key for key, _d in COLUMNS] + [cp.column for cp in plan.checkpoints] + [START_DATE_COLUMN[0]]
    wrap = Alignment(wrap_text=True, vertical="top")
    for index in range(1, sheet.max_column + 1):
        key = keys[index - 1]
        width = STATUS_WIDTH if key.startswith("status_") else WIDTHS.get(key, DEFAULT_WIDTH)
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    workbook.properties.title = plan.name
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(plan: Plan, extension: str) -> str:
    return f"{plan.slug}.{extension}"

