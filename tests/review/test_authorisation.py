"""Only staff and administrators see or change visitor counts, statements, statistics and
reviews: every page and write route tried by every role, and the services refuse too."""

from __future__ import annotations

from datetime import date

import pytest

from booking.errors import NotAllowed
from booking.review import services as reviews
from booking.statements import services as statements
from booking.visitors import services as visitors
from tests.factories import NOW
from tests.review.conftest import ALLOWED, ROLES, login_as


@pytest.fixture
def things(world, staff, add_statement):
    statement = add_statement(world.place, date(2025, 5, 1), name="Anna Jensen", consent=True)
    count = visitors.enter_count(staff, visitors.CountData(world.place.id, "day", date(2026, 1, 5), 40), NOW)
    review = reviews.open_review(staff, world.place.id, 2025, NOW)
    decision = reviews.add_decision(staff, review, reviews.DecisionData("equipment", "Kabel", "Drift"), NOW)
    return {"statement": statement.id, "count": count.id, "review": review.id, "decision": decision.id,
            "place": world.place.id, "room": world.room.id}  # fmt: skip


PAGES = (
    "/personale/statistik", "/personale/statistik/tal", "/personale/statistik/eksport.csv",
    "/personale/statistik/eksport.xlsx", "/personale/besoegstal", "/personale/besoegstal/import",
    "/personale/udsagn", "/personale/udsagn/nyt", "/personale/udsagn/{statement}", "/personale/gennemgang",
    "/personale/gennemgang/{review}", "/personale/gennemgang/{review}/udskrift",
    "/personale/gennemgang/{review}/eksport.xlsx", "/personale/gennemgang/procedure/{place}",
)  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_pages(client, auth, person, things, role, page):
    login_as(auth, person(role))
    response = client.get(page.format(**things))
    if role in ALLOWED:
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.status_code == 302 and "/konto/log-ind" in response.headers["Location"]
    else:
        assert response.status_code == 403
        assert "Anna Jensen" not in response.get_data(as_text=True)


CSV = "dato;sted;antal\n2026-01-07;Lindved Bibliotek;5\n"
WRITES = {
    "count": ("/personale/besoegstal", {"location_id": "{place}", "span": "day", "day": "2026-01-06", "visitors": "3"}),
    "count_delete": ("/personale/besoegstal/{count}/slet", {}),
    "import": ("/personale/besoegstal/import/bekraeft", {"filename": "a.csv", "content": CSV}),
    "statement": ("/personale/udsagn/nyt", {"kind": "statement", "said_on": "2026-01-05", "location_id": "{place}",
                                            "room_id": "", "age_group": "adult", "channel": "email", "text": "Hej"}),
    "statement_edit": ("/personale/udsagn/{statement}", {"kind": "statement", "said_on": "2026-01-05",
                                                         "location_id": "{place}", "room_id": "", "age_group": "adult",
                                                         "channel": "email", "text": "Ændret",
                                                         "citizen_name": ""}),
    "statement_delete": ("/personale/udsagn/{statement}/slet", {}),
    "review_open": ("/personale/gennemgang/ny", {"location_id": "{place}", "year": "2024"}),
    "evaluation": ("/personale/gennemgang/{review}/evaluering", {"room_id": "{room}", "text": "Fint"}),
    "decision": ("/personale/gennemgang/{review}/beslutninger", {"room_id": "", "area": "furniture",
                                                                  "description": "Stole", "owner": "Drift",
                                                                  "due_on": "", "status": "open"}),
    "follow_up": ("/personale/gennemgang/beslutninger/{decision}/opfoelgning", {"status": "done", "follow_up": "Ok"}),
    "decision_delete": ("/personale/gennemgang/beslutninger/{decision}/slet", {}),
    "summary": ("/personale/gennemgang/{review}/resume", {"summary": "Kort"}),
    "complete": ("/personale/gennemgang/{review}/afslut", {}),
    "procedure": ("/personale/gennemgang/procedure/{place}", {"text": "Sådan gør vi"}),
}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(WRITES))
def test_write_routes(client, auth, person, things, role, route):
    login_as(auth, person(role))
    url, form = WRITES[route]
    response = client.post(url.format(**things), data={k: v.format(**things) for k, v in form.items()})
    if role in ALLOWED:
        assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    elif role == "anonymous":
        assert response.status_code == 302 and "/konto/log-ind" in response.headers["Location"]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", [r for r in ROLES if r not in ALLOWED])
def test_services_refuse_everyone_but_staff(world, person, role):
    actor = person(role)
    data = statements.StatementData("statement", date(2026, 1, 1), world.place.id, "Hej", "email")
    calls = [
        lambda: statements.record_statement(actor, data, NOW),
        lambda: statements.list_statements(actor),
        lambda: statements.year_counts(actor, 2026),
        lambda: visitors.enter_count(actor, visitors.CountData(world.place.id, "day", date(2026, 1, 1), 1), NOW),
        lambda: visitors.import_counts(actor, "a.csv", "dato;sted;antal\n", NOW),
        lambda: reviews.open_review(actor, world.place.id, 2025, NOW),
        lambda: reviews.all_reviews(actor),
        lambda: reviews.set_procedure(actor, world.place, "x", NOW),
    ]
    for call in calls:
        with pytest.raises(NotAllowed):
            call()
