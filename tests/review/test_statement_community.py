"""A statement may say which open community it is about: chosen on the form, checked in the
service, shown in the list."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from booking.communities import services as communities
from booking.errors import Invalid
from booking.extensions import db
from booking.statements import services
from booking.statements.models import Statement
from tests.communities.conftest import community_data
from tests.factories import NOW
from tests.review.test_statements_and_reviews import data


@pytest.fixture
def chess_cafe(world, staff, create_user, create_organisation):
    organiser = create_user(name="Henrik Skak")
    club = create_organisation("Lindved Skakklub", admin=organiser)
    community = communities.propose_community(organiser, club, community_data(world.place, title="Skakcafé"), NOW)
    return communities.approve(staff, community, NOW)


def test_a_statement_can_name_the_community_it_is_about(world, staff, chess_cafe):
    statement = services.record_statement(staff, data(world.place, community_id=str(chess_cafe.id)), NOW)
    assert statement.community is chess_cafe

    services.update_statement(staff, statement, data(world.place, community_id=""), NOW)
    assert statement.community_id is None
    assert services.record_statement(staff, data(world.place), NOW).community_id is None


@pytest.mark.parametrize("community_id", ["999", "skak", "-1"])
def test_an_unknown_community_is_refused(world, staff, english, chess_cafe, community_id):
    with pytest.raises(Invalid) as refused:
        services.record_statement(staff, data(world.place, community_id=community_id), NOW)
    assert refused.value.fields == {"community_id": "invalid"}
    assert db.session.scalar(select(Statement)) is None


def test_the_form_offers_the_communities_and_the_list_shows_the_choice(client, auth, world, staff, chess_cafe):
    db.session.commit()
    auth.login(staff)
    form = client.get("/personale/udsagn/nyt").get_data(as_text=True)
    assert f'<option value="{chess_cafe.id}">Skakcafé</option>' in form

    posted = client.post("/personale/udsagn/nyt", data={
        "kind": "statement", "said_on": "2026-02-01", "location_id": str(world.place.id), "room_id": "",
        "community_id": str(chess_cafe.id), "age_group": "adult", "channel": "conversation",
        "text": "Skakcaféen er det bedste ved min uge.", "tags": "",
    })  # fmt: skip
    assert posted.status_code == 302
    assert db.session.scalar(select(Statement)).community_id == chess_cafe.id
    assert "Skakcafé" in client.get("/personale/udsagn?aar=2026").get_data(as_text=True)

    refused = client.post("/personale/udsagn/nyt", data={
        "kind": "statement", "said_on": "2026-02-02", "location_id": str(world.place.id),
        "community_id": "12345", "age_group": "adult", "channel": "conversation", "text": "Hm.",
    })  # fmt: skip
    assert refused.status_code in (200, 400) and db.session.query(Statement).count() == 1
    assert date(2026, 2, 2) not in {s.said_on for s in db.session.scalars(select(Statement))}


def test_the_statement_figures_cover_one_community(client, auth, world, staff, chess_cafe):
    from booking.metrics.registry import Period, Scope, ScopeKind, compute

    for day in (date(2026, 1, 5), date(2026, 2, 9)):
        services.record_statement(staff, data(world.place, said_on=day, community_id=chess_cafe.id), NOW)
    services.record_statement(staff, data(world.place, kind="interview", community_id=chess_cafe.id), NOW)
    services.record_statement(staff, data(world.place), NOW)
    db.session.commit()
    scope = Scope(ScopeKind.COMMUNITY, chess_cafe.id)

    assert compute("statements", Period.year(2026), scope).value == 2
    assert compute("interviews", Period.year(2026), scope).value == 1
    assert compute("statements", Period.year(2026)).value == 3

    auth.login(staff)
    page = client.get(f"/personale/statistik?fra=2026-01-01&til=2026-12-31&omfang=community:{chess_cafe.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'value="community:{chess_cafe.id}" selected' in html
    assert "Skakcafé" in html
