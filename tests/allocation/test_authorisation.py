"""Only an organisation's administrators apply for it and answer its decisions; only staff
make rounds and allocate. Every role tries every write; a refusal changes nothing."""

from __future__ import annotations

import pytest

from booking.accounts.models import MemberRole, Membership, UserRole
from booking.allocation import applications as apps
from booking.allocation import decisions, suggestion
from booking.allocation import services as rounds
from booking.allocation.decisions import Decision
from booking.errors import NotAllowed
from booking.extensions import db
from tests.allocation.conftest import (
    AFTER_WINDOW,
    DECIDED_AT,
    ROLES,
    apply,
    login_as,
    round_data,
    snapshot,
    to_allocating,
    wish,
)
from tests.factories import NOW


@pytest.fixture
def person(create_user, make_club):
    club = make_club("Ørnereden")

    def make(role: str):
        if role == "anonymous":
            return None
        if role in ("staff", "admin"):
            return create_user(role=UserRole(role), locale="en")
        user = create_user(locale="en")
        if role == "member":
            db.session.add(Membership(user=user, organisation=club.organisation, role=MemberRole.MEMBER))
        elif role == "org_admin":
            db.session.add(Membership(user=user, organisation=club.organisation, role=MemberRole.ADMIN))
        db.session.flush()
        return user

    make.club = club
    return make


def attempt(action, allowed: bool) -> None:
    db.session.commit()
    before = snapshot()
    if allowed:
        action()
        return
    with pytest.raises(NotAllowed):
        action()
    db.session.rollback()
    assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
def test_create_a_round(role, person, place):
    actor = person(role)
    attempt(lambda: rounds.create_round(actor, round_data([place.hall]), NOW), role in ("staff", "admin"))


@pytest.mark.parametrize("role", ROLES)
def test_apply_for_the_organisation(role, person, open_round, place):
    actor, club = person(role), person.club
    attempt(
        lambda: apps.save_application(
            actor, open_round, club.organisation, [wish([place.hall], "17:00", "19:00")], None, NOW
        ),
        role == "org_admin",
    )


@pytest.mark.parametrize("role", ROLES)
def test_confirm_the_profile(role, person):
    actor, club = person(role), person.club
    data = apps.ProfileData("Rasmus", "rasmus@example.org", None, "Mette", 20)
    attempt(lambda: apps.confirm_profile(actor, club.organisation, 2027, data, NOW), role == "org_admin")


@pytest.mark.parametrize("role", ROLES)
def test_allocate(role, person, open_round, place, staff):
    actor, club = person(role), person.club
    apply(club, open_round, [wish([place.hall], "17:00", "19:00")])
    to_allocating(staff, open_round)
    the_wish = open_round.applications[0].wishes[0]
    allowed = role in ("staff", "admin")
    attempt(lambda: suggestion.apply_suggestion(actor, open_round, AFTER_WINDOW), allowed)
    attempt(lambda: decisions.decide_wish(actor, the_wish, Decision(False, reason="Lukket"), AFTER_WINDOW), allowed)
    tier = open_round.tiers[-1]
    attempt(lambda: apps.correct_tier(actor, the_wish, tier.id, "Ikke folkeoplysende", AFTER_WINDOW), allowed)
    attempt(lambda: decisions.send_decisions(actor, open_round, DECIDED_AT), allowed)


@pytest.mark.parametrize("role", ROLES)
def test_answer_the_decisions(role, person, open_round, place, staff):
    actor, club = person(role), person.club
    application = apply(club, open_round, [wish([place.hall], "17:00", "19:00")])
    to_allocating(staff, open_round)
    suggestion.apply_suggestion(staff, open_round, AFTER_WINDOW)
    decisions.send_decisions(staff, open_round, DECIDED_AT)
    granted = {w.id for w in application.wishes}
    attempt(lambda: decisions.answer(actor, application, granted, DECIDED_AT), role == "org_admin")


STAFF_PAGES = ("/personale/fordeling", "/personale/fordeling/ny")


@pytest.mark.parametrize("role", ROLES)
def test_staff_pages(role, person, client, auth, live_round):
    login_as(auth, person(role))
    for url in (*STAFF_PAGES, f"/personale/fordeling/{live_round.id}/tavle"):
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302 and "/konto/log-ind" in response.headers["Location"]
        else:
            assert response.status_code == (200 if role in ("staff", "admin") else 403)


@pytest.mark.parametrize("role", ROLES)
def test_the_application_page_posts(role, person, client, auth, live_round, place):
    from tests.allocation.conftest import wish_form

    actor, club = person(role), person.club
    apps.confirm_profile(club.admin, club.organisation, live_round.season_start.year,
                         apps.ProfileData("A", "a@example.org", None, "B", 3), NOW)  # fmt: skip
    db.session.commit()
    login_as(auth, actor)
    before = snapshot()

    url = f"/foreninger/{club.organisation.slug}/fordeling/{live_round.id}"
    response = client.post(url, data=wish_form([place.hall]))

    if role == "org_admin":
        assert response.status_code == 302
        assert snapshot() != before
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert snapshot() == before
