"""The plan file: the columns of the library's action plan sheet, read from CSV or XLSX.

Reading never writes: :func:`read_plan_file` returns a :class:`ParsedPlan` or raises
``Invalid`` listing every problem with its row number, so a bad file changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _

from booking.errors import Invalid
from booking.strategy.models import StatusState

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000

# (column in the plan's CSV, Danish header in the XLSX), in the plan's own order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("nr", "Nr."),
    ("kommunalbestyrelsens_strategi", "Kommunalbestyrelsens strategi"),
    ("referencer_i_biblioteksstrategien", "Referencer i biblioteksstrategien"),
    ("maalepunkter", "Evt. målepunkter"),
    ("handling", "Handling"),
    ("tovholder", "Tovholder"),
    ("eksterne_samarbejdspartnere", "Eksterne samarbejdspartnere"),
    ("arbejdsgruppe", "Arbejdsgruppe"),
    ("forventet_opstart", "Forventet opstart"),
)
# An optional column: the expected start as a date, where the free text is not one.
START_DATE_COLUMN = ("forventet_opstart_dato", "Forventet opstart (dato)")

# Action attribute for each column.
FIELDS = {
    "kommunalbestyrelsens_strategi": "themes_text",
    "referencer_i_biblioteksstrategien": "references_text",
    "maalepunkter": "measures_text",
    "handling": "text",
    "tovholder": "owner_text",
    "eksterne_samarbejdspartnere": "partners",
    "arbejdsgruppe": "working_group",
    "forventet_opstart": "expected_start_text",
}

MONTHS_DA = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
             "november", "december")  # fmt: skip
MONTH_ABBR = {name[:3]: n for n, name in enumerate(MONTHS_DA, start=1)}

# The words a status cell starts with: "I gang: Første workshop holdt i marts."
STATE_WORDS_DA = {
    StatusState.NOT_STARTED: "Ikke startet",
    StatusState.IN_PROGRESS: "I gang",
    StatusState.DONE: "Gennemført",
    StatusState.POSTPONED: "Udskudt",
    StatusState.DROPPED: "Droppet",
}
_STATE_BY_WORD = {word.lower(): state for state, word in STATE_WORDS_DA.items()} | {
    state.value.replace("_", " "): state for state in StatusState
}


@dataclass
class ParsedAction:
    row: int
    number: int
    values: dict[str, str]  # Action attribute -> text, exactly as in the file
    expected_start_on: date | None
    statuses: dict[date, tuple[StatusState, str]] = field(default_factory=dict)


@dataclass
class ParsedPlan:
    actions: list[ParsedAction]
    checkpoints: list[date]
    has_start_dates: bool = False
    warnings: list[str] = field(default_factory=list)


def checkpoint_header(due: date, *, danish: bool) -> str:
    if danish:
        return f"Status {MONTHS_DA[due.month - 1]} {due.year}"
    return f"status_{due.year}_{due.month:02d}"


def status_cell(state: StatusState, text: str) -> str:
    word = STATE_WORDS_DA[state]
    return f"{word}: {text}" if text else word


def parse_status_cell(cell: str) -> tuple[StatusState, str] | None:
    """``"I gang: tekst"`` -> (in progress, "tekst"). Text without a state word is taken as a
    status in progress, as hand-written sheets say no more."""
    if not cell.strip():
        return None
    head, sep, rest = cell.partition(":")
    state = _STATE_BY_WORD.get(head.strip().lower())
    if state is not None and sep:
        return state, rest.strip()
    state = _STATE_BY_WORD.get(cell.strip().lower())
    if state is not None:
        return state, ""
    return StatusState.IN_PROGRESS, cell.strip()


def parse_start(text: str) -> date | None:
    """'okt-23' -> 1 Oct 2023; 'september 2023' and ISO dates too; 'Løbende' -> None."""
    value = text.strip().lower()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    match = re.fullmatch(r"([a-zæøå]+)\.?[- ](\d{2}|\d{4})", value)
    if not match or match.group(1)[:3] not in MONTH_ABBR:
        return None
    year = int(match.group(2))
    return date(year + 2000 if year < 100 else year, MONTH_ABBR[match.group(1)[:3]], 1)


def start_text(day: date) -> str:
    """A date the way the plan writes expected starts: 'okt-23'."""
    return f"{MONTHS_DA[day.month - 1][:3]}-{day.year % 100:02d}"


# --- reading ---------------------------------------------------------------------------------


def read_plan_file(data: bytes, filename: str = "") -> ParsedPlan:
    if len(data) > MAX_FILE_BYTES:
        raise Invalid(
            _("The file is too large (%(size)s MB). A plan file can be at most %(max)d MB.",
              size=f"{len(data) / 1024 / 1024:.1f}", max=MAX_FILE_BYTES // 1024 // 1024),
            code="too_large",
        )
    if not data.strip():
        raise Invalid(_("The file is empty."))
    rows = _xlsx_rows(data) if data[:2] == b"PK" or filename.lower().endswith(".xlsx") else _csv_rows(data)
    return _parse(rows)


def _csv_rows(data: bytes) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid(_("The file is not UTF-8 text. Save it as “CSV UTF-8” or as an Excel workbook.")) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise Invalid(_("The file could not be read as CSV: %(error)s", error=str(error))) from None


def _xlsx_rows(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise Invalid(_("The file could not be read as an Excel workbook (.xlsx).")) from None
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for _n, row in zip(range(MAX_ROWS + 2), sheet.iter_rows(values_only=True), strict=False)]
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)


def _header_key(value: Any) -> str:
    text = _cell_text(value).strip()
    for key, danish in (*COLUMNS, START_DATE_COLUMN):
        if text.lower() in (key, danish.lower()):
            return key
    return text


def _checkpoint_of(header: str) -> date | bool | None:
    """The checkpoint a status column names; False when the header is no status column."""
    lowered = header.strip().lower()
    if not lowered.startswith("status"):
        return False
    match = re.fullmatch(r"status[ _](\d{4})[ _-](\d{1,2})", lowered)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
    else:
        match = re.fullmatch(r"status ([a-zæøå]+) (\d{4})", lowered)
        if not match or match.group(1) not in MONTHS_DA:
            return None
        year, month = int(match.group(2)), MONTHS_DA.index(match.group(1)) + 1
    if month not in (6, 12) or not 2000 <= year <= 2100:
        return None
    return date(year, 6, 30) if month == 6 else date(year, 12, 31)


def _parse(rows: list[list[Any]]) -> ParsedPlan:
    if not rows or not any(_cell_text(cell).strip() for cell in rows[0]):
        raise Invalid(_("The file is empty."))
    if len(rows) > MAX_ROWS + 1:
        raise Invalid(_("The file has more than %(n)d rows.", n=MAX_ROWS))
    header = [_header_key(cell) for cell in rows[0]]
    missing = [key for key, _danish in COLUMNS if key not in header]
    if missing:
        raise Invalid(
            _("The file was not imported: the column(s) %(columns)s are missing. The first row must name "
              "the columns: %(all)s.", columns=", ".join(missing), all=", ".join(key for key, _d in COLUMNS)),
            code="missing_column",
        )
    problems: list[str] = []
    checkpoints: dict[int, date] = {}
    for index, name in enumerate(header):
        due = _checkpoint_of(name)
        if due is None:
            problems.append(_("The column “%(column)s” is not a checkpoint date: use status_YYYY_06 or "
                              "status_YYYY_12.", column=name))
        elif due is not False:
            checkpoints[index] = due  # type: ignore[assignment]
    if len(set(checkpoints.values())) != len(checkpoints):
        problems.append(_("A checkpoint has two status columns."))
    duplicates = {name for name in header if name and header.count(name) > 1}
    if duplicates:
        problems.append(_("The column(s) %(columns)s appear twice.", columns=", ".join(sorted(duplicates))))
    known = {key for key, _d in (*COLUMNS, START_DATE_COLUMN)}
    warnings = [_("The column “%(column)s” is not part of the plan and was left out.", column=name)
                for index, name in enumerate(header) if name and name not in known and index not in checkpoints]
    actions: list[ParsedAction] = []
    seen: dict[int, int] = {}
    for row_number, row in enumerate(rows[1:], start=2):
        cells = {name: row[i] if i < len(row) else None for i, name in enumerate(header)}
        if not any(_cell_text(value).strip() for value in cells.values()):
            continue
        action = _parse_row(row_number, cells, checkpoints, header, problems)
        if action is None:
            continue
        if action.number in seen:
            problems.append(_("Row %(row)d: action number %(number)d appears twice (also in row %(other)d).",
                              row=row_number, number=action.number, other=seen[action.number]))
            continue
        seen[action.number] = row_number
        actions.append(action)
    if not actions and not problems:
        problems.append(_("The file has no actions."))
    if problems:
        raise Invalid(
            _("The file was not imported (%(n)d problem(s)); nothing was changed.", n=len(problems)),
            details=problems,
            code="invalid_file",
        )
    return ParsedPlan(actions, sorted(checkpoints.values()), START_DATE_COLUMN[0] in header, warnings)


def _parse_row(
    row_number: int, cells: dict[str, Any], checkpoints: dict[int, date], header: list[str], problems: list[str]
) -> ParsedAction | None:
    raw_number = _cell_text(cells["nr"]).strip()
    if not re.fullmatch(r"[0-9]{1,4}", raw_number):
        problems.append(_("Row %(row)d: the action number “%(value)s” is not a whole number.",
                          row=row_number, value=raw_number))
        return None
    values: dict[str, str] = {}
    start_cell = cells["forventet_opstart"]
    for column, attribute in FIELDS.items():
        values[attribute] = _cell_text(cells[column]).strip()
    if isinstance(start_cell, datetime):
        # Excel turns "okt-23" into a date; write it back the plan's way.
        values["expected_start_text"] = start_text(start_cell.date())
    if not values["text"]:
        problems.append(_("Row %(row)d: the action has no text (column handling).", row=row_number))
    if len(values["owner_text"]) > 200:
        problems.append(_("Row %(row)d: the owner can be at most 200 characters.", row=row_number))
    expected_on = parse_start(values["expected_start_text"])
    if START_DATE_COLUMN[0] in cells:
        given = cells[START_DATE_COLUMN[0]]
        text = _cell_text(given).strip()
        if isinstance(given, datetime):
            expected_on = given.date()
        elif text:
            try:
                expected_on = date.fromisoformat(text)
            except ValueError:
                problems.append(_("Row %(row)d: “%(value)s” in the column %(column)s is not a date "
                                  "(write it as YYYY-MM-DD).", row=row_number, value=text,
                                  column=START_DATE_COLUMN[0]))
                return None
        else:
            expected_on = None
    statuses = {}
    for index, due in checkpoints.items():
        parsed = parse_status_cell(_cell_text(cells[header[index]]))
        if parsed is not None:
            statuses[due] = parsed
    return ParsedAction(row_number, int(raw_number), values, expected_on, statuses)
