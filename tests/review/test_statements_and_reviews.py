"""Statements keep a name only with consent; a completed review does not change when the
data behind it changes; decisions are followed up the year after."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from booking.errors import Conflict, Invalid
from booking.extensions import db
from booking.review import services as reviews
from booking.review.figures import review_figures
from booking.review.models import DecisionArea, DecisionStatus
from booking.statements import services
from booking.statements.models import StatementKind
from booking.visitors import services as visitors
from tests.factories import NOW


def data(place, **overrides):
    values = {"kind": "statement", "said_on": date(2026, 2, 1), "location_id": place.id,
              "text": "Lyset er for dårligt.", "channel": "conversation"}  # fmt: skip
    values.update(overrides)
    return services.StatementData(**values)


def test_a_name_without_consent_is_refused(world, staff, english):
    with pytest.raises(Invalid) as refused:
        services.record_statement(staff, data(world.place, citizen_name="Anna Jensen"), NOW)
    assert "agrees to be quoted" in refused.value.message


def test_a_name_with_consent_is_kept(world, staff):
    statement = services.record_statement(
        staff, data(world.place, citizen_name=" Anna Jensen ", consent_to_quote=True, tags="Lys, lys;Stillezone"), NOW
    )
    assert statement.citizen_name == "Anna Jensen"
    assert statement.tag_list == ["lys", "stillezone"]
    assert services.list_statements(staff, tag="lys") == [statement]


def test_the_database_refuses_a_name_without_consent(world, add_statement):
    with pytest.raises(IntegrityError):
        add_statement(world.place, date(2026, 2, 1), name="Anna Jensen", consent=False)


def test_no_name_is_shown_without_consent(client, auth, world, staff, add_statement):
    add_statement(world.place, date(2026, 2, 1), text="Ingen navn her")
    withdrawn = add_statement(world.place, date(2026, 2, 2), name="Bo Berg", consent=True)
    auth.login(staff)
    page = client.get("/personale/udsagn?aar=2026").get_data(as_text=True)
    assert "Bo Berg" in page
    # Withdrawing consent needs the name removed as well.
    with pytest.raises(Invalid):
        services.update_statement(staff, withdrawn, data(world.place, citizen_name="Bo Berg"), NOW)
    services.update_statement(staff, withdrawn, data(world.place, citizen_name=""), NOW)
    db.session.commit()
    assert "Bo Berg" not in client.get("/personale/udsagn?aar=2026").get_data(as_text=True)


def test_the_interview_count_against_the_target(world, staff, add_statement):
    for day in range(1, 4):
        add_statement(world.place, date(2026, 2, day), kind=StatementKind.INTERVIEW)
    counts = services.year_counts(staff, 2026)
    assert (counts.interviews, counts.interviews_missing, counts.target_high) == (3, 5, 10)


def test_a_completed_review_does_not_change_when_the_data_does(world, staff, add_statement):
    add_statement(world.place, date(2025, 5, 1), room=world.room)
    visitors.enter_count(staff, visitors.CountData(world.place.id, "month", date(2025, 3, 1), 1000), NOW)
    review = reviews.open_review(staff, world.place.id, 2025, NOW)
    reviews.complete_review(staff, review, NOW)
    db.session.commit()
    before = review_figures(review)

    add_statement(world.place, date(2025, 6, 1), room=world.room)
    visitors.enter_count(staff, visitors.CountData(world.place.id, "month", date(2025, 3, 1), 5000), NOW)
    world.place.opening_hours.clear()
    db.session.commit()
    db.session.expire_all()

    after = review_figures(review)
    assert after == before
    room = next(r for r in after.rooms if r.room_id == world.room.id)
    rows = {row.key: row.value for row in room.rows}
    assert rows["statements"] == 1
    assert rows["available_hours"] > 0
    assert {row.key: row.value for row in after.location}["visitors"] == 1000
    with pytest.raises(Conflict):
        reviews.set_evaluation(staff, review, world.room.id, "For sent", NOW)


def test_open_decisions_of_last_year_are_followed_up(world, staff):
    last = reviews.open_review(staff, world.place.id, 2025, NOW)
    chairs = reviews.DecisionData(DecisionArea.FURNITURE, "Nye stole", "Filialleder", room_id=world.room.id)
    open_one = reviews.add_decision(staff, last, chairs, NOW)
    done = reviews.add_decision(staff, last, reviews.DecisionData(DecisionArea.EQUIPMENT, "HDMI", "Drift"), NOW)
    reviews.follow_up_decision(staff, done, DecisionStatus.DONE, "Sat op i marts", NOW)
    reviews.complete_review(staff, last, NOW)
    this = reviews.open_review(staff, world.place.id, 2026, NOW)

    assert reviews.open_decisions_from_last_year(this) == [open_one]
    reviews.follow_up_decision(staff, open_one, "in_progress", "Bestilt", NOW)
    assert open_one.status == DecisionStatus.IN_PROGRESS
    with pytest.raises(Conflict):
        reviews.open_review(staff, world.place.id, 2026, NOW)


def test_last_years_figures_come_from_last_years_snapshot(world, staff):
    visitors.enter_count(staff, visitors.CountData(world.place.id, "month", date(2025, 3, 1), 700), NOW)
    last = reviews.open_review(staff, world.place.id, 2025, NOW)
    reviews.complete_review(staff, last, NOW)
    visitors.enter_count(staff, visitors.CountData(world.place.id, "month", date(2025, 3, 1), 9999), NOW)
    this = reviews.open_review(staff, world.place.id, 2026, NOW)

    rows = {row.key: row for row in review_figures(this).location}
    assert rows["visitors"].last_year == 700


def test_the_review_pages_and_exports(client, auth, world, staff, add_statement):
    add_statement(world.place, date(2025, 5, 1), room=world.room, text="Fin udsigt fra Mødelokalet")
    auth.login(staff)
    opened = client.post("/personale/gennemgang/ny", data={"location_id": world.place.id, "year": "2025"})
    assert opened.status_code == 302
    review_id = reviews.all_reviews(staff)[0].id
    base = f"/personale/gennemgang/{review_id}"
    assert client.post(f"{base}/evaluering", data={"room_id": world.room.id, "text": "Godt brugt"}).status_code == 302
    decision = {"room_id": world.room.id, "area": "equipment", "description": "Ny projektor", "owner": "Drift",
                "due_on": "2026-06-01", "status": "open"}  # fmt: skip
    assert client.post(f"{base}/beslutninger", data=decision).status_code == 302
    assert client.post(f"{base}/afslut", data={}).status_code == 302
    page = client.get(base).get_data(as_text=True)
    assert "Fin udsigt fra Mødelokalet" in page and "Godt brugt" in page and "Ny projektor" in page
    assert client.get(f"{base}/udskrift").status_code == 200
    xlsx = client.get(f"{base}/eksport.xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
