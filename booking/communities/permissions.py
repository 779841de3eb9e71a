"""Who may change a community: its organiser's administrators and the library's staff."""

from __future__ import annotations

from flask_babel import gettext as _

from booking.accounts.models import User
from booking.accounts.permissions import can_manage_organisation
from booking.communities.models import Community
from booking.errors import NotAllowed


def can_edit(user: User | None, community: Community) -> bool:
    return can_manage_organisation(user, community.organisation)


def require_can_edit(user: User | None, community: Community) -> None:
    if not can_edit(user, community):
        raise NotAllowed(_("Only the organiser's administrators and the library can change this community."))


def can_see(user: User | None, community: Community) -> bool:
    """The public sees active and paused communities; the organiser and staff see all."""
    return community.is_public or can_edit(user, community)
