"""Who may do what: every write route of accounts, organisations and user administration,
tried by every kind of visitor. Anonymous visitors are sent to log in; a denied user gets
403 and nothing changes; an allowed user gets it done."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest

from booking.accounts.models import Invitation, MemberRole, Membership, Organisation, User, UserRole
from booking.extensions import db
from tests.factories import NOW

ROLES = ["anonymous", "citizen", "member", "admin of another organisation", "organisation admin", "staff", "admin"]
MANAGERS = {"organisation admin", "staff", "admin"}


@dataclass
class World:
    organisation: Organisation
    people: dict[str, User]
    target: int  # the membership the managers act on
    target_user: int
    invitation: Invitation


@pytest.fixture
def world(create_user, create_organisation) -> World:
    people = {
        "citizen": create_user(),
        "member": create_user(),
        "admin of another organisation": create_user(),
        "organisation admin": create_user(),
        "staff": create_user(role=UserRole.STAFF),
        "admin": create_user(role=UserRole.ADMIN),
    }
    target = create_user(name="Mål Medlem")
    organisation = create_organisation(
        admin=people["organisation admin"], members=(people["member"], target), verified=False
    )
    create_organisation(admin=people["admin of another organisation"])
    invitation = Invitation(
        organisation=organisation, email="inviteret@example.dk", token_hash="0" * 64,
        created_at=NOW, expires_at=NOW + timedelta(days=300),
    )
    db.session.add(invitation)
    db.session.flush()
    membership = db.session.query(Membership).filter_by(user_id=target.id).one()
    return World(organisation, people, membership.id, target.id, invitation)


@dataclass
class Action:
    request: Callable[[World], tuple[str, dict[str, str]]]
    done: Callable[[World], bool]
    allowed: set[str]


def _organisation(w: World) -> Organisation:
    return db.session.get(Organisation, w.organisation.id)


ACTIONS = {
    "edit organisation": Action(
        lambda w: (f"/foreninger/{w.organisation.slug}/rediger", {"name": "Nyt Navn", "kind": "club"}),
        lambda w: _organisation(w).name == "Nyt Navn",
        MANAGERS,
    ),
    "invite a member": Action(
        lambda w: (f"/foreninger/{w.organisation.slug}/medlemmer", {"email": "ny@example.dk", "role": "member"}),
        lambda w: db.session.query(Invitation).filter_by(email="ny@example.dk").count() == 1,
        MANAGERS,
    ),
    "change a member's role": Action(
        lambda w: (f"/foreninger/{w.organisation.slug}/medlemmer/{w.target}/rolle", {"role": "admin"}),
        lambda w: db.session.get(Membership, w.target).role == MemberRole.ADMIN,
        MANAGERS,
    ),
    "remove a member": Action(
        lambda w: (f"/foreninger/{w.organisation.slug}/medlemmer/{w.target}/fjern", {}),
        lambda w: db.session.get(Membership, w.target) is None,
        MANAGERS,
    ),
    "withdraw an invitation": Action(
        lambda w: (f"/foreninger/{w.organisation.slug}/invitationer/{w.invitation.id}/tilbagekald", {}),
        lambda w: db.session.get(Invitation, w.invitation.id).revoked_at is not None,
        MANAGERS,
    ),
    "verify organisation": Action(
        lambda w: (f"/foreninger/{w.organisation.slug}/verificer", {"verified": "1"}),
        lambda w: _organisation(w).verified,
        {"staff", "admin"},
    ),
    "change a user's role": Action(
        lambda w: (f"/admin/brugere/{w.target_user}/rolle", {"role": "staff"}),
        lambda w: db.session.get(User, w.target_user).role == UserRole.STAFF,
        {"admin"},
    ),
    "deactivate a user": Action(
        lambda w: (f"/admin/brugere/{w.target_user}/aktiv", {"active": "0"}),
        lambda w: not db.session.get(User, w.target_user).active,
        {"admin"},
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_write_routes_answer_each_role(client, auth, world, action, role):
    rule = ACTIONS[action]
    url, data = rule.request(world)
    if role != "anonymous":
        auth.login(world.people[role])

    response = client.post(url, data=data)
    db.session.expire_all()

    if role == "anonymous":
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/konto/log-ind?next=")
        assert not rule.done(world)
    elif role in rule.allowed:
        assert response.status_code == 302
        assert rule.done(world)
    else:
        assert response.status_code == 403
        assert not rule.done(world)


def test_a_member_may_leave_on_their_own(client, auth, world):
    member = world.people["member"]
    membership_id = db.session.query(Membership.id).filter_by(user_id=member.id).scalar()
    auth.login(member)

    response = client.post(f"/foreninger/{world.organisation.slug}/medlemmer/{membership_id}/fjern", data={})

    assert response.headers["Location"] == "/konto"
    assert db.session.get(Membership, membership_id) is None


def test_organisation_pages_under_another_slug_are_not_found(client, auth, world, create_organisation):
    other = create_organisation()
    auth.login(world.people["staff"])

    response = client.post(f"/foreninger/{other.slug}/medlemmer/{world.target}/fjern", data={})

    assert response.status_code == 404
    assert db.session.get(Membership, world.target) is not None
