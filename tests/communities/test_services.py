"""Proposing, editing and moderating communities, and who may do it."""

from datetime import date, time

import pytest

from booking.communities import services
from booking.communities.models import Community, CommunityStatus
from booking.errors import Invalid, NotAllowed
from booking.extensions import db
from tests.communities.conftest import ROLES, community_data
from tests.factories import NOW


def test_an_organisation_admin_proposes_and_staff_approve(club, organiser, staff, place, room):
    community = services.propose_community(organiser, club, community_data(place, room), NOW)

    assert community.status == CommunityStatus.PROPOSED
    assert community.slug == "skakcafe"
    assert community.uid and community.sequence == 0
    assert community not in services.public_communities()

    services.approve(staff, community, NOW)

    assert community.status == CommunityStatus.ACTIVE
    assert community.approved_by_id == staff.id
    assert services.public_communities() == [community]


@pytest.mark.parametrize("role", ROLES)
def test_who_may_propose_for_the_club(person, club, place, room, role):
    user = person(role)
    allowed = role in ("org_admin", "staff", "admin")

    if allowed:
        assert services.propose_community(user, club, community_data(place, room), NOW).id
    else:
        with pytest.raises(NotAllowed):
            services.propose_community(user, club, community_data(place, room), NOW)
        assert db.session.query(Community).count() == 0


@pytest.mark.parametrize("role", ROLES)
def test_who_may_edit_the_clubs_community(person, create_community, place, room, role):
    community = create_community()
    user = person(role)
    allowed = role in ("org_admin", "staff", "admin")

    if allowed:
        services.update_community(user, community, community_data(place, room, title="Ny titel"), NOW)
        assert community.title == "Ny titel"
    else:
        with pytest.raises(NotAllowed):
            services.update_community(user, community, community_data(place, room, title="Ny titel"), NOW)
        db.session.rollback()
        assert db.session.get(Community, community.id).title == "Skakcafé"


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_moderate(person, create_community, role):
    community = create_community(approve=False)
    user = person(role)

    if role in ("staff", "admin"):
        services.request_changes(user, community, "Skriv venligst hvilket lokale.", NOW)
        assert community.status == CommunityStatus.CHANGES_REQUESTED
    else:
        for action in (
            lambda: services.approve(user, community, NOW),
            lambda: services.request_changes(user, community, "x", NOW),
            lambda: services.decline(user, community, "x", NOW),
        ):
            with pytest.raises(NotAllowed):
                action()
        assert community.status == CommunityStatus.PROPOSED


def test_changes_requested_go_back_to_the_library_when_the_organiser_edits(create_community, staff, organiser,
                                                                           place, room, english):
    community = create_community(approve=False)
    with pytest.raises(Invalid, match="required"):
        services.request_changes(staff, community, "", NOW)
    services.request_changes(staff, community, "Hvilket lokale?", NOW)

    services.update_community(organiser, community, community_data(place, room), NOW)

    assert community.status == CommunityStatus.PROPOSED
    assert community.moderation_comment == "Hvilket lokale?"


def test_decline_and_approve_only_from_proposed(create_community, staff, english):
    community = create_community()

    with pytest.raises(Invalid):
        services.approve(staff, community, NOW)
    with pytest.raises(Invalid):
        services.decline(staff, community, "Nej", NOW)


def test_pause_resume_and_end(create_community, organiser, english):
    community = create_community()

    services.set_status(organiser, community, "paused", NOW)
    assert community.status == CommunityStatus.PAUSED
    services.set_status(organiser, community, "active", NOW)
    services.set_status(organiser, community, "ended", NOW)

    assert community.status == CommunityStatus.ENDED
    assert community.valid_until == date(2026, 3, 2)
    with pytest.raises(Invalid):
        services.set_status(organiser, community, "active", NOW)
    with pytest.raises(Invalid):
        services.set_status(organiser, community, "nonsense", NOW)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"category": "cooking"}, "category"),
        ({"target_group": "dogs"}, "target_group"),
        ({"contact_email": "not-an-email"}, "contact_email"),
        ({"contact_phone": "call me"}, "contact_phone"),
        ({"languages": "xx-nonsense"}, "languages"),
        ({"location_id": "999999"}, "location_id"),
        ({"location_id": "abc"}, "location_id"),
        ({"recurrence": "FREQ=DAILY"}, "recurrence"),
        ({"recurrence": "FREQ=WEEKLY"}, "weekday"),
        ({"start_time": time(19), "end_time": time(17)}, "end_time"),
        ({"start_time": None}, "start_time"),
        ({"valid_from": date(2026, 5, 1), "valid_until": date(2026, 4, 1)}, "valid_until"),
        ({"valid_from": date(2026, 1, 1), "valid_until": date(2035, 1, 1)}, "valid_until"),
    ],
)
def test_bad_input_names_the_field(club, organiser, place, room, overrides, field, english):
    with pytest.raises(Invalid) as error:
        services.propose_community(organiser, club, community_data(place, room, **overrides), NOW)

    assert field in error.value.fields


def test_a_room_must_be_at_the_chosen_place(club, organiser, place, create_room, create_location, english):
    elsewhere = create_room("Andet lokale", location=create_location("Lindved Bibliotek"))

    with pytest.raises(Invalid, match="not at the chosen place"):
        services.propose_community(organiser, club, community_data(place, elsewhere), NOW)


def test_slugs_are_unique_and_never_a_reserved_word_or_a_year(club, organiser, place, room):
    first = services.propose_community(organiser, club, community_data(place, room), NOW)
    second = services.propose_community(organiser, club, community_data(place, room), NOW)
    mine = services.propose_community(organiser, club, community_data(place, room, title="Mine"), NOW)
    year = services.propose_community(organiser, club, community_data(place, room, title="2026"), NOW)

    assert first.slug != second.slug
    assert mine.slug not in services.RESERVED_SLUGS
    assert not year.slug.isdigit()


def test_filters(create_community, create_location):
    elsewhere = create_location("Lindved Bibliotek")
    chess = create_community()
    knitting = create_community(title="Strikkecafé", category="crafts", target_group="seniors",
                                recurrence="FREQ=WEEKLY;BYDAY=TH", location_id=elsewhere.id, room_id=None)
    F = services.CommunityFilter

    assert services.public_communities(F(location_slug=elsewhere.slug)) == [knitting]
    assert services.public_communities(F(category="games")) == [chess]
    assert services.public_communities(F(target_group="seniors")) == [knitting]
    assert services.public_communities(F(weekday=1)) == [chess]
    assert services.public_communities(F(weekday=3)) == [knitting]
    assert services.public_communities(F(weekday=5)) == []


def test_the_proposer_is_told_what_the_library_decided(create_community, staff, organiser):
    from tests.mail import outbox

    approved = create_community()
    sent_back = create_community(approve=False, title="Brætspil")
    services.request_changes(staff, sent_back, "Hvilken ugedag passer bedst?", NOW)

    mails = [(m.to_email, m.subject) for m in outbox()]
    assert mails == [
        (organiser.email, "Skakcafé is published"),
        (organiser.email, "Brætspil: the library asks for changes"),
    ]
    assert f"/faellesskaber/{approved.slug}" in outbox()[0].body
    assert "Hvilken ugedag passer bedst?" in outbox()[1].body
