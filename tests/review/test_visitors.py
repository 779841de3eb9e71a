"""Visitor counts: staff entry, the people-counter CSV import (all or nothing, problems by
line, the duplicate policy) and that imported counts reach the figures."""

from __future__ import annotations

import io
from datetime import date

import pytest
from sqlalchemy import func, select

from booking.errors import Conflict, Invalid
from booking.extensions import db
from booking.metrics import registry
from booking.metrics.registry import Period
from booking.visitors import services
from booking.visitors.models import CountSpan, VisitorCount, VisitorImport
from tests.factories import NOW


def counts() -> int:
    return db.session.scalar(select(func.count()).select_from(VisitorCount))


GOOD = (
    "dato;sted;antal\n"
    "2026-02-02;Lindved Bibliotek;120\n"
    "2026-02-02 14:00;lindved bibliotek;30\n"  # same day, same place (other case): added up
    "03.02.2026;Natbiblioteket;7\n"
)
BAD = (
    "date,location,count\n"
    "2026-02-30,Lindved Bibliotek,10\n"  # line 2: no such date
    "2026-02-03,Atlantis Bibliotek,10\n"  # line 3: unknown location
    "2026-02-04,Lindved Bibliotek,-5\n"  # line 4: negative
    "2026-02-05,Lindved Bibliotek,12\n"
)


def test_a_bad_file_is_refused_with_line_numbers_and_imports_nothing(world, staff, english):
    with pytest.raises(Invalid) as refused:
        services.import_counts(staff, "taeller.csv", BAD.encode(), NOW)

    assert [(d["line"], d["message"]) for d in refused.value.details] == [
        (2, "2026-02-30 is not a date."),
        (3, "Unknown location: Atlantis Bibliotek."),
        (4, "The count cannot be negative (-5)."),
    ]
    db.session.rollback()
    assert counts() == 0
    assert db.session.scalar(select(func.count()).select_from(VisitorImport)) == 0


def test_a_good_file_imports_adds_up_lines_and_shows_in_the_figures(world, staff):
    log = services.import_counts(staff, "taeller.csv", GOOD.encode(), NOW)

    assert (log.lines_read, log.days_added, log.days_replaced, log.visitors) == (3, 2, 0, 157)
    february = Period(date(2026, 2, 1), date(2026, 2, 28))
    assert registry.compute("visitors", february).value == 157
    lindved = registry.Scope(registry.ScopeKind.LOCATION, world.place.id)
    assert registry.compute("visitors", february, lindved).value == 150


def test_an_imported_day_replaces_the_stored_count_and_the_preview_says_so(world, staff):
    services.enter_count(staff, services.CountData(world.place.id, "day", date(2026, 2, 2), 99), NOW)
    preview = services.preview_import(staff, GOOD)
    assert [(d.day, d.visitors, d.previous) for d in preview.replaced] == [(date(2026, 2, 2), 150, 99)]

    log = services.import_counts(staff, "taeller.csv", GOOD, NOW)

    assert (log.days_added, log.days_replaced) == (1, 1)
    assert counts() == 2
    assert registry.compute("visitors", Period(date(2026, 2, 2), date(2026, 2, 2))).value == 150


def test_days_of_a_month_counted_as_a_whole_are_refused(world, staff, english):
    services.enter_count(staff, services.CountData(world.place.id, "month", date(2026, 2, 14), 3000), NOW)
    with pytest.raises(Invalid) as refused:
        services.import_counts(staff, "taeller.csv", GOOD, NOW)
    assert refused.value.details[0]["line"] == 2
    with pytest.raises(Conflict):
        services.enter_count(staff, services.CountData(world.place.id, "day", date(2026, 2, 3), 5), NOW)


def test_a_file_without_the_columns_is_refused_on_line_one(world, staff, english):
    preview = services.preview_import(staff, "foo;bar\n1;2\n")
    assert [(p.line, p.message) for p in preview.problems] == [
        (1, "The first line must name the columns date, location and count.")
    ]


def test_entering_a_count_again_replaces_it(world, staff):
    services.enter_count(staff, services.CountData(world.place.id, "month", date(2026, 1, 20), 10), NOW)
    services.enter_count(staff, services.CountData(world.place.id, CountSpan.MONTH, date(2026, 1, 3), 12), NOW)
    assert counts() == 1
    assert registry.compute("visitors", Period.year(2026)).value == 12


@pytest.mark.parametrize("visitors", ["-1", "x", ""])
def test_a_bad_count_is_refused(world, staff, visitors):
    with pytest.raises(Invalid):
        services.enter_count(staff, services.CountData(world.place.id, "day", date(2026, 1, 1), visitors), NOW)


def test_the_import_pages_preview_then_import(client, auth, world, staff):
    auth.login(staff)
    page = client.post("/personale/besoegstal/import", data={"file": (io.BytesIO(BAD.encode()), "t.csv")})
    assert page.status_code == 400
    assert "Atlantis" in page.get_data(as_text=True)

    page = client.post("/personale/besoegstal/import", data={"file": (io.BytesIO(GOOD.encode()), "t.csv")})
    assert page.status_code == 200
    assert counts() == 0  # a preview writes nothing
    done = client.post("/personale/besoegstal/import/bekraeft", data={"filename": "t.csv", "content": GOOD})
    assert done.status_code == 302
    assert counts() == 2
    assert "t.csv" in client.get("/personale/besoegstal").get_data(as_text=True)


@pytest.mark.parametrize(
    ("content", "line"),
    [(b"", 1), (b"dato;sted;antal\n2026-01-01;Lindved\x00;3\n", 2), (b"dato;sted;antal\n2026-01-01;x\n", 2)],
)
def test_unreadable_files_are_refused_with_a_line(world, staff, content, line):
    problems = services.preview_import(staff, content).problems
    assert problems and problems[0].line == line


def test_confirming_a_bad_file_without_the_preview_imports_nothing(client, auth, world, staff):
    auth.login(staff)
    response = client.post("/personale/besoegstal/import/bekraeft", data={"filename": "t.csv", "content": BAD})
    assert response.status_code == 302 and response.headers["Location"].endswith("/personale/besoegstal/import")
    assert counts() == 0
    assert "3 problems" in client.get("/personale/besoegstal/import").get_data(as_text=True)
