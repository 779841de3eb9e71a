"""Organisations, memberships and invitations."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from booking.accounts.models import Invitation, MemberRole, Membership, Organisation, OrgKind, User
from booking.accounts.permissions import require_login, require_org_admin, require_staff
from booking.errors import Invalid, NotFound
from booking.extensions import db
from booking.notifications.services import queue_mail
from booking.validation import clean_cvr, clean_email, clean_phone, clean_text, slugify


@dataclass
class OrganisationData:
    name: str
    kind: OrgKind | str = OrgKind.ASSOCIATION
    cvr: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    website: str | None = None
    description: str | None = None


def _clean(data: OrganisationData) -> dict[str, object]:
    try:
        kind = OrgKind(data.kind)
    except ValueError:
        raise Invalid(_("Unknown kind of organisation."), fields={"kind": "invalid"}) from None
    website = clean_text(data.website, "website", label=_("Website"), max_length=300, required=False)
    if website and not website.startswith(("http://", "https://")):
        website = "https://" + website
    return {
        "name": clean_text(data.name, "name", label=_("Name"), max_length=200),
        "kind": kind,
        "cvr": clean_cvr(data.cvr),
        "email": clean_email(data.email, required=False),
        "phone": clean_phone(data.phone),
        "address": clean_text(data.address, "address", label=_("Address"), max_length=300, required=False),
        "website": website,
        "description": clean_text(
            data.description, "description", label=_("Description"), max_length=5000, required=False
        ),
    }


def _unique_slug(name: str, exclude_id: int | None = None) -> str:
    base = slugify(name, 100)
    slug, n = base, 2
    while True:
        query = select(Organisation.id).where(Organisation.slug == slug)
        if exclude_id is not None:
            query = query.where(Organisation.id != exclude_id)
        if db.session.scalar(query) is None:
            return slug
        slug, n = f"{base}-{n}", n + 1


def get_organisation(slug: str) -> Organisation:
    organisation = db.session.scalar(select(Organisation).where(Organisation.slug == slug))
    if organisation is None:
        raise NotFound(_("No such organisation."))
    return organisation


def create_organisation(actor: User, data: OrganisationData, now: datetime) -> Organisation:
    """Anyone logged in can register their organisation and becomes its administrator;
    staff register organisations without becoming members."""
    require_login(actor)
    values = _clean(data)
    organisation = Organisation(slug=_unique_slug(str(values["name"])), created_at=now, **values)
    db.session.add(organisation)
    if not actor.is_staff:
        db.session.add(Membership(user=actor, organisation=organisation, role=MemberRole.ADMIN, created_at=now))
    db.session.flush()
    return organisation


def update_organisation(actor: User, organisation: Organisation, data: OrganisationData) -> Organisation:
    require_org_admin(actor, organisation)
    values = _clean(data)
    if values["name"] != organisation.name:
        organisation.slug = _unique_slug(str(values["name"]), exclude_id=organisation.id)
    if values["cvr"] != organisation.cvr and organisation.verified and not actor.is_staff:
        organisation.verified = False  # a new CVR number needs checking again
    for key, value in values.items():
        setattr(organisation, key, value)
    return organisation


def set_verified(actor: User, organisation: Organisation, verified: bool, now: datetime) -> Organisation:
    require_staff(actor)
    organisation.verified = verified
    organisation.verified_at = now if verified else None
    organisation.verified_by_id = actor.id if verified else None
    return organisation


def organisations_of(user: User) -> list[tuple[Organisation, MemberRole]]:
    rows = db.session.execute(
        select(Organisation, Membership.role)
        .join(Membership, Membership.organisation_id == Organisation.id)
        .where(Membership.user_id == user.id)
        .order_by(Organisation.name)
    )
    return [(org, role) for org, role in rows]


def members_of(organisation: Organisation) -> list[Membership]:
    return list(
        db.session.scalars(
            select(Membership)
            .join(User, User.id == Membership.user_id)
            .where(Membership.organisation_id == organisation.id)
            .order_by(Membership.role, User.name)
        )
    )


def _admins_left(organisation: Organisation, excluding: Membership) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Membership)
        .where(
            Membership.organisation_id == organisation.id,
            Membership.role == MemberRole.ADMIN,
            Membership.id != excluding.id,
        )
    ) or 0


def change_member_role(actor: User, membership: Membership, role: MemberRole | str) -> Membership:
    require_org_admin(actor, membership.organisation)
    try:
        role = MemberRole(role)
    except ValueError:
        raise Invalid(_("Unknown role."), fields={"role": "invalid"}) from None
    demoting = membership.role == MemberRole.ADMIN and role != MemberRole.ADMIN
    if demoting and _admins_left(membership.organisation, membership) == 0:
        raise Invalid(_("An organisation must keep at least one administrator."))
    membership.role = role
    return membership


def remove_member(actor: User, membership: Membership) -> None:
    """Organisation admins and staff remove members; a member may leave on their own."""
    require_login(actor)
    if actor.id != membership.user_id:
        require_org_admin(actor, membership.organisation)
    if membership.role == MemberRole.ADMIN and _admins_left(membership.organisation, membership) == 0:
        raise Invalid(_("An organisation must keep at least one administrator."))
    db.session.delete(membership)


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite_member(
    actor: User,
    organisation: Organisation,
    email: str,
    role: MemberRole | str,
    now: datetime,
    accept_url_for,
) -> tuple[Invitation, str]:
    """Invite someone by email; ``accept_url_for(token)`` builds the link in the mail."""
    require_org_admin(actor, organisation)
    email_clean = clean_email(email)
    try:
        role = MemberRole(role)
    except ValueError:
        raise Invalid(_("Unknown role."), fields={"role": "invalid"}) from None
    already = db.session.scalar(
        select(Membership.id)
        .join(User, User.id == Membership.user_id)
        .where(Membership.organisation_id == organisation.id, func.lower(User.email) == email_clean)
    )
    if already:
        raise Invalid(_("That person is already a member."), fields={"email": "member"})
    token = secrets.token_urlsafe(32)
    days = int(current_app.config["INVITATION_MAX_AGE_DAYS"])
    invitation = Invitation(
        organisation=organisation,
        email=email_clean,
        role=role,
        token_hash=_hash_token(token),
        invited_by_id=actor.id,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    db.session.add(invitation)
    db.session.flush()
    queue_mail(
        kind="invitation",
        to_email=email_clean,  # type: ignore[arg-type]
        context={
            "organisation": organisation.name,
            "inviter": actor.name,
            "accept_url": accept_url_for(token),
            "days": days,
        },
        about=("invitation", invitation.id),
        now=now,
    )
    return invitation, token


def find_invitation(token: str, now: datetime) -> Invitation:
    invitation = db.session.scalar(select(Invitation).where(Invitation.token_hash == _hash_token(token or "")))
    if invitation is None or not invitation.is_open(now):
        raise NotFound(_("The invitation is not valid any more. Ask the organisation to invite you again."))
    return invitation


def accept_invitation(user: User, token: str, now: datetime) -> Membership:
    require_login(user)
    invitation = find_invitation(token, now)
    membership = db.session.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.organisation_id == invitation.organisation_id
        )
    )
    if membership is None:
        membership = Membership(
            user_id=user.id, organisation_id=invitation.organisation_id, role=invitation.role, created_at=now
        )
        db.session.add(membership)
    elif invitation.role == MemberRole.ADMIN:
        membership.role = MemberRole.ADMIN
    invitation.accepted_at = now
    invitation.accepted_by_id = user.id
    db.session.flush()
    return membership


def revoke_invitation(actor: User, invitation: Invitation, now: datetime) -> None:
    require_org_admin(actor, invitation.organisation)
    if invitation.accepted_at is not None:
        raise Invalid(_("The invitation has already been accepted."))
    invitation.revoked_at = now


def open_invitations(organisation: Organisation, now: datetime) -> list[Invitation]:
    return [
        invitation
        for invitation in db.session.scalars(
            select(Invitation)
            .where(Invitation.organisation_id == organisation.id, Invitation.accepted_at.is_(None))
            .order_by(Invitation.created_at.desc())
        )
        if invitation.is_open(now)
    ]


def get_membership(organisation: Organisation, membership_id: int) -> Membership:
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.organisation_id != organisation.id:
        raise NotFound(_("No such member."))
    return membership

