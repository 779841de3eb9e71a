"""Organisations: registering, editing, members and invitations."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from booking.accounts import organisations as orgs
from booking.accounts.models import Invitation, MemberRole, Membership, Organisation, OrgKind
from booking.errors import Invalid, NotAllowed, NotFound
from booking.extensions import db
from tests.factories import NOW
from tests.mail import link_in, outbox


def membership_of(user, organisation) -> Membership | None:
    return db.session.scalar(
        select(Membership).where(Membership.user_id == user.id, Membership.organisation_id == organisation.id)
    )


def test_registering_an_organisation_makes_the_creator_its_admin(client, auth, create_user):
    user = create_user()
    auth.login(user)

    response = client.post(
        "/foreninger/ny",
        data={"name": "Skakklubben Løberen", "kind": "club", "cvr": "1234 5678", "website": "loeberen.dk"},
    )

    organisation = db.session.scalar(select(Organisation))
    assert response.headers["Location"] == "/foreninger/skakklubben-loeberen"
    assert (organisation.kind, organisation.cvr, organisation.verified) == (OrgKind.CLUB, "12345678", False)
    assert organisation.website == "https://loeberen.dk"
    assert membership_of(user, organisation).role == MemberRole.ADMIN


def test_staff_register_organisations_without_joining_them(app, create_user):
    staff = create_user(role="staff")

    organisation = orgs.create_organisation(staff, orgs.OrganisationData(name="Kommunens Sundhed"), NOW)

    assert membership_of(staff, organisation) is None


def test_two_organisations_with_one_name_get_different_addresses(app, create_user):
    user = create_user()

    first = orgs.create_organisation(user, orgs.OrganisationData(name="Læsekredsen"), NOW)
    second = orgs.create_organisation(user, orgs.OrganisationData(name="Læsekredsen"), NOW)

    assert (first.slug, second.slug) == ("laesekredsen", "laesekredsen-2")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"kind": "sekt"}, "kind"),
        ({"cvr": "1234"}, "cvr"),
        ({"email": "ikke@"}, "email"),
        ({"description": "x" * 10_000_000}, "description"),
    ],
)
def test_organisation_input_is_checked(app, create_user, changes, field):
    values = {"name": "Strikkecaféen", **changes}

    with pytest.raises(Invalid) as error:
        orgs.create_organisation(create_user(), orgs.OrganisationData(**values), NOW)

    assert field in error.value.fields
    assert db.session.scalar(select(Organisation)) is None


def test_an_organisation_admin_edits_the_organisation(client, auth, create_user, create_organisation):
    admin = create_user()
    organisation = create_organisation("Strikkecaféen", admin=admin)
    auth.login(admin)

    response = client.post(
        f"/foreninger/{organisation.slug}/rediger",
        data={"name": "Strikkecaféen Maske", "kind": "volunteer_group", "phone": "+45 11 22 33 44"},
    )

    assert response.headers["Location"] == "/foreninger/strikkecafeen-maske"
    assert (organisation.name, organisation.phone) == ("Strikkecaféen Maske", "+45 11 22 33 44")


def test_a_new_cvr_number_needs_verifying_again(app, create_user, create_organisation):
    admin = create_user()
    organisation = create_organisation(admin=admin, verified=True)

    orgs.update_organisation(admin, organisation, orgs.OrganisationData(name=organisation.name, cvr="87654321"))

    assert not organisation.verified


def test_staff_verify_an_organisation(client, auth, create_user, create_organisation):
    staff = create_user(role="staff")
    organisation = create_organisation(verified=False)
    auth.login(staff)

    client.post(f"/foreninger/{organisation.slug}/verificer", data={"verified": "1"})

    assert organisation.verified
    assert organisation.verified_by_id == staff.id
    assert organisation.verified_at is not None


def test_an_invitation_is_mailed_and_accepted_by_a_logged_in_user(client, auth, create_user, create_organisation):
    admin = create_user(name="Birthe Formand")
    organisation = create_organisation("Strikkecaféen", admin=admin)
    invitee = create_user("ny@example.dk")
    auth.login(admin)

    invite = {"email": "NY@example.dk", "role": "admin"}
    response = client.post(f"/foreninger/{organisation.slug}/medlemmer", data=invite)

    assert response.status_code == 302
    [mail] = outbox()
    assert (mail.kind, mail.to_email) == ("invitation", "ny@example.dk")
    assert "Strikkecaféen" in mail.subject
    assert "Birthe Formand" in mail.body
    link = link_in(mail, "/invitation/")

    auth.logout()
    assert client.get(link).status_code == 200  # asks the visitor to log in first
    client.post(link, data={})
    assert membership_of(invitee, organisation) is None

    auth.login(invitee)
    response = client.post(link, data={})
    assert response.headers["Location"] == f"/foreninger/{organisation.slug}"
    assert membership_of(invitee, organisation).role == MemberRole.ADMIN
    assert client.get(link).status_code == 404  # used up


def test_a_withdrawn_or_expired_invitation_cannot_be_accepted(app, create_user, create_organisation):
    admin = create_user()
    organisation = create_organisation(admin=admin)
    withdrawn, token = orgs.invite_member(admin, organisation, "a@example.dk", "member", NOW, str)
    orgs.revoke_invitation(admin, withdrawn, NOW)
    _expired, old_token = orgs.invite_member(admin, organisation, "b@example.dk", "member", NOW, str)
    later = NOW + timedelta(days=app.config["INVITATION_MAX_AGE_DAYS"], seconds=1)

    with pytest.raises(NotFound):
        orgs.accept_invitation(create_user(), token, NOW)
    with pytest.raises(NotFound):
        orgs.accept_invitation(create_user(), old_token, later)
    assert orgs.open_invitations(organisation, NOW) == [_expired]


def test_inviting_someone_who_is_already_a_member_is_refused(app, create_user, create_organisation):
    admin, member = create_user(), create_user("medlem@example.dk")
    organisation = create_organisation(admin=admin, members=(member,))

    with pytest.raises(Invalid, match="allerede medlem"):
        orgs.invite_member(admin, organisation, "MEDLEM@example.dk", "member", NOW, str)
    assert db.session.scalar(select(Invitation)) is None


def test_an_organisation_admin_changes_roles_and_removes_members(client, auth, create_user, create_organisation):
    admin, member, other = create_user(), create_user(), create_user()
    organisation = create_organisation(admin=admin, members=(member, other))
    auth.login(admin)

    client.post(f"/foreninger/{organisation.slug}/medlemmer/{membership_of(member, organisation).id}/rolle",
                data={"role": "admin"})
    client.post(f"/foreninger/{organisation.slug}/medlemmer/{membership_of(other, organisation).id}/fjern",
                data={})

    assert membership_of(member, organisation).role == MemberRole.ADMIN
    assert membership_of(other, organisation) is None


def test_the_last_admin_can_be_neither_demoted_nor_removed(client, auth, create_user, create_organisation):
    admin, member = create_user(), create_user()
    organisation = create_organisation(admin=admin, members=(member,))
    mine = membership_of(admin, organisation)
    auth.login(admin)

    client.post(f"/foreninger/{organisation.slug}/medlemmer/{mine.id}/rolle", data={"role": "member"})
    client.post(f"/foreninger/{organisation.slug}/medlemmer/{mine.id}/fjern", data={})
    page = client.get(f"/foreninger/{organisation.slug}/medlemmer").get_data(as_text=True)

    assert membership_of(admin, organisation).role == MemberRole.ADMIN
    assert page.count("mindst én administrator") == 2


def test_staff_cannot_remove_the_last_admin_either(app, create_user, create_organisation):
    admin = create_user()
    organisation = create_organisation(admin=admin)

    with pytest.raises(Invalid):
        orgs.remove_member(create_user(role="staff"), membership_of(admin, organisation))


def test_services_refuse_people_who_may_not(app, create_user, create_organisation):
    member = create_user()
    organisation = create_organisation(admin=create_user(), members=(member,))

    with pytest.raises(NotAllowed):
        orgs.update_organisation(member, organisation, orgs.OrganisationData(name="Overtaget"))
    with pytest.raises(NotAllowed):
        orgs.invite_member(member, organisation, "x@example.dk", "member", NOW, str)
    with pytest.raises(NotAllowed):
        orgs.set_verified(member, organisation, True, NOW)
    assert organisation.name != "Overtaget"
