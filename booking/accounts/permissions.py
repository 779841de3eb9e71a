"""Who may do what. Services call these; views only use them to hide buttons."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from booking.accounts.models import MemberRole, Membership, Organisation, User
from booking.errors import NotAllowed
from booking.extensions import db


def is_authenticated(user: User | None) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def is_staff(user: User | None) -> bool:
    return is_authenticated(user) and user.is_staff  # type: ignore[union-attr]


def is_admin(user: User | None) -> bool:
    return is_authenticated(user) and user.is_admin  # type: ignore[union-attr]


def member_role(user: User | None, organisation: Organisation) -> MemberRole | None:
    if not is_authenticated(user):
        return None
    return db.session.scalar(
        select(Membership.role).where(
            Membership.user_id == user.id,  # type: ignore[union-attr]
            Membership.organisation_id == organisation.id,
        )
    )


def is_member(user: User | None, organisation: Organisation) -> bool:
    return member_role(user, organisation) is not None


def is_org_admin(user: User | None, organisation: Organisation) -> bool:
    return member_role(user, organisation) == MemberRole.ADMIN


def can_manage_organisation(user: User | None, organisation: Organisation) -> bool:
    return is_staff(user) or is_org_admin(user, organisation)


def organisation_ids(user: User | None, *, admin_only: bool = False) -> set[int]:
    if not is_authenticated(user):
        return set()
    query = select(Membership.organisation_id).where(Membership.user_id == user.id)  # type: ignore[union-attr]
    if admin_only:
        query = query.where(Membership.role == MemberRole.ADMIN)
    return set(db.session.scalars(query))


def require_login(user: User | None) -> User:
    if not is_authenticated(user):
        raise NotAllowed(_("Please log in first."), code="login_required")
    return user  # type: ignore[return-value]


def require_staff(user: User | None) -> User:
    if not is_staff(user):
        raise NotAllowed(_("Only library staff can do that."))
    return user  # type: ignore[return-value]


def require_admin(user: User | None) -> User:
    if not is_admin(user):
        raise NotAllowed(_("Only administrators can do that."))
    return user  # type: ignore[return-value]


def require_org_admin(user: User | None, organisation: Organisation) -> User:
    if not can_manage_organisation(user, organisation):
        raise NotAllowed(_("Only the organisation's administrators can do that."))
    return user  # type: ignore[return-value]
