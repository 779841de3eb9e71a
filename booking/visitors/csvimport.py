"""Reading a people-counter CSV file: every line checked, every problem named with its line.

Accepted: a header line naming the columns (date/dato, location/sted, count/antal, in any
order), separated by ``;`` or ``,``; dates as 2026-03-02, 02-03-2026 or 02.03.2026, or a
date with a time (the counters' local wall clock; the time is ignored); the location by name
or by its short name in the address (slug); the count a whole number, 0 or more.

Duplicate policy (shown on the import page): lines of one file for the same location and
day are added up (counters export per hour or per door); a day that already has a count is
replaced by the file's figure, and the preview lists each replaced day with its old and new
figure. Days in a month for which a whole-month count was entered are refused, since they
would be counted twice.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from booking.extensions import db
from booking.rooms.models import Location
from booking.timeutil import library_tz
from booking.visitors.models import CountSpan, VisitorCount

MAX_LINES = 50_000
HEADERS = {
    "date": {"date", "dato", "day", "dag", "datetime", "tidspunkt", "time", "tid"},
    "location": {"location", "sted", "place", "library", "bibliotek", "filial"},
    "count": {"count", "antal", "visitors", "besøgende", "besoegende", "in", "ind"},
}
_DATE = re.compile(
    r"^(?:(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})|(?P<d2>\d{1,2})[.-](?P<m2>\d{1,2})[.-](?P<y2>\d{4}))"
    r"(?P<rest>[ T].*)?$"
)


@dataclass
class Problem:
    line: int
    message: str


@dataclass
class DayTotal:
    location: Location
    day: date
    visitors: int
    previous: int | None = None


@dataclass
class Parsed:
    lines_read: int = 0
    days: list[DayTotal] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(item.visitors for item in self.days)

    @property
    def replaced(self) -> list[DayTotal]:
        return [item for item in self.days if item.previous is not None]


def decode(content: bytes | str) -> str:
    if isinstance(content, str):
        return content
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def parse_day(value: str) -> date | None:
    match = _DATE.match(value.strip())
    if not match:
        return None
    try:
        if match["y"]:
            day = date(int(match["y"]), int(match["m"]), int(match["d"]))
        else:
            day = date(int(match["y2"]), int(match["m2"]), int(match["d2"]))
        rest = (match["rest"] or "").strip()
        if rest and match["y"]:
            moment = datetime.fromisoformat(value.strip().replace(" ", "T", 1))
            if moment.tzinfo is not None:  # an instant with an offset: its local day
                day = moment.astimezone(library_tz()).date()
        elif rest:
            datetime.strptime(rest, "%H:%M:%S" if rest.count(":") == 2 else "%H:%M")
    except ValueError:
        return None
    return day


def _locations() -> dict[str, Location]:
    found: dict[str, Location] = {}
    for place in db.session.scalars(select(Location)):
        found[place.name.strip().casefold()] = place
        found[place.slug.casefold()] = place
    return found


def _columns(header: list[str]) -> dict[str, int] | None:
    names = [cell.strip().casefold() for cell in header]
    columns = {}
    for role, aliases in HEADERS.items():
        matches = [index for index, name in enumerate(names) if name in aliases]
        if not matches:
            return None
        columns[role] = matches[0]
    return columns


def parse(content: bytes | str) -> Parsed:
    """Check every line and add up the counts per location and day. Nothing is written."""
    text = decode(content)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=";" if ";" in first_line else ",")
    result = Parsed()
    try:
        rows = list(reader)
    except csv.Error as error:  # e.g. a NUL byte: not a text file
        result.problems.append(Problem(reader.line_num or 1, _("The file cannot be read as CSV: %(why)s", why=error)))
        return result
    if not rows:
        result.problems.append(Problem(1, _("The file is empty.")))
        return result
    columns = _columns(rows[0])
    if columns is None:
        result.problems.append(Problem(1, _("The first line must name the columns date, location and count.")))
        return result
    if len(rows) > MAX_LINES:
        result.problems.append(Problem(MAX_LINES + 1, _("The file has more than %(n)d lines.", n=MAX_LINES)))
        return result
    places = _locations()
    totals: dict[tuple[int, date], int] = defaultdict(int)
    by_id: dict[int, Location] = {}
    first_line_of: dict[tuple[int, date], int] = {}
    width = max(columns.values()) + 1
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        result.lines_read += 1
        if len(row) < width:
            result.problems.append(Problem(line, _("The line has too few columns.")))
            continue
        raw_day, raw_place, raw_count = (row[columns[k]].strip() for k in ("date", "location", "count"))
        day = parse_day(raw_day)
        place = places.get(raw_place.casefold())
        count = int(raw_count) if re.fullmatch(r"-?\d+", raw_count) else None
        if day is None:
            result.problems.append(Problem(line, _("%(value)s is not a date.", value=raw_day or "–")))
        if place is None:
            result.problems.append(Problem(line, _("Unknown location: %(value)s.", value=raw_place or "–")))
        if count is None:
            result.problems.append(Problem(line, _("%(value)s is not a whole number.", value=raw_count or "–")))
        elif count < 0:
            result.problems.append(Problem(line, _("The count cannot be negative (%(value)d).", value=count)))
        if day is None or place is None or count is None or count < 0:
            continue
        by_id[place.id] = place
        totals[(place.id, day)] += count
        first_line_of.setdefault((place.id, day), line)
    if not result.problems:
        _compare_with_stored(result, totals, by_id, first_line_of)
    result.problems.sort(key=lambda problem: problem.line)
    return result


def _compare_with_stored(
    result: Parsed,
    totals: dict[tuple[int, date], int],
    by_id: dict[int, Location],
    first_line_of: dict[tuple[int, date], int],
) -> None:
    if not totals:
        return
    days = [day for _place, day in totals]
    stored = db.session.execute(
        select(VisitorCount.location_id, VisitorCount.span, VisitorCount.day, VisitorCount.visitors).where(
            VisitorCount.location_id.in_(by_id),
            VisitorCount.day.between(min(days).replace(day=1), max(days)),
        )
    ).all()
    daily = {(row.location_id, row.day): row.visitors for row in stored if row.span == CountSpan.DAY}
    monthly = {(row.location_id, row.day) for row in stored if row.span == CountSpan.MONTH}
    for (place_id, day), visitors in sorted(totals.items(), key=lambda item: (item[0][1], by_id[item[0][0]].name)):
        if (place_id, day.replace(day=1)) in monthly:
            result.problems.append(
                Problem(
                    first_line_of[(place_id, day)],
                    _(
                        "%(place)s already has a count for the whole month of %(day)s; delete it before "
                        "importing days of that month.",
                        place=by_id[place_id].name,
                        day=day.isoformat(),
                    ),
                )
            )
            continue
        result.days.append(DayTotal(by_id[place_id], day, visitors, daily.get((place_id, day))))
