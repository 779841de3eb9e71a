"""``flask communities ...``: jobs run from a timer."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from booking.db import utcnow
from booking.extensions import db

communities_cli = AppGroup("communities", help="Open communities: the rooms their schedules hold.")


@communities_cli.command("extend-holds")
@click.option("--staff", "email", required=True, help="The staff member the bookings are made in the name of.")
def extend_holds(email: str) -> None:
    """Hold the rooms of the active communities up to a year ahead (run once a week: the
    series of a community without a last date is booked one year ahead at a time). A
    community whose new dates are taken is reported and left as it was."""
    from booking.accounts.models import User
    from booking.communities import holding
    from booking.communities.models import Community, CommunityStatus
    from booking.errors import DomainError

    staff = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if staff is None or not staff.is_staff:
        raise click.ClickException(f"No staff member with the email {email}.")
    now = utcnow()
    ids = db.session.scalars(
        select(Community.id).where(Community.status == CommunityStatus.ACTIVE, Community.room_id.is_not(None))
    ).all()
    for community_id in ids:
        community = db.session.get(Community, community_id)
        try:
            holding.sync(staff, community, now)
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            click.echo(f"{community.slug}: {error.message}")
    click.echo(f"Checked {len(ids)} communities.")


def register(app: Flask) -> None:
    app.cli.add_command(communities_cli)
