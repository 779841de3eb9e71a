"""``flask import-plan FILE``: read the action plan from CSV or XLSX (the shared file's columns)."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import select

from booking.db import utcnow
from booking.errors import DomainError


@click.command("import-plan")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--plan", "plan_slug", help="Update this plan (by its short name) instead of making a new one.")
@click.option("--name", help="Name of a new plan (default: Handlingsplan <first year>–<last year>).")
@click.option("--as", "email", default=None, help="The staff member importing (default: the first administrator).")
@click.option("--dry-run", is_flag=True, help="Only show what would change.")
@with_appcontext
def import_plan_command(file: Path, plan_slug: str | None, name: str | None, email: str | None, dry_run: bool) -> None:
    """Import the action plan FILE; actions are matched by number and no status is lost."""
    from booking.accounts.models import User, UserRole
    from booking.extensions import db
    from booking.strategy import importing, services
    from booking.strategy.planfile import MAX_FILE_BYTES, read_plan_file

    query = select(User).where(User.email == email) if email else (
        select(User).where(User.role == UserRole.ADMIN, User.active.is_(True)).order_by(User.id)
    )
    actor = db.session.scalars(query).first()
    if actor is None or not actor.is_staff:
        click.echo("No staff user to import as: give --as EMAIL of a staff member or administrator.", err=True)
        raise SystemExit(1)
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            read_plan_file(b"x" * (MAX_FILE_BYTES + 1))  # raises the size message
        plan = services.get_plan(plan_slug) if plan_slug else None
        parsed = read_plan_file(file.read_bytes(), file.name)
        if dry_run:
            summary = importing.preview(plan, parsed)
        else:
            summary = importing.import_plan(actor, parsed, utcnow(), plan=plan, name=name)
    except DomainError as error:
        db.session.rollback()
        click.echo(error.message, err=True)
        for line in error.details or ():
            click.echo(f"  {line}", err=True)
        raise SystemExit(1) from None
    for warning in summary.warnings:
        click.echo(f"Note: {warning}")
    click.echo(
        f"{len(summary.new)} new, {len(summary.changed)} changed, {len(summary.unchanged)} unchanged actions; "
        f"{summary.statuses} statuses; {len(summary.kept)} actions only in the plan were kept."
    )
    if dry_run:
        click.echo("Dry run: nothing was changed.")
        return
    db.session.commit()
    click.echo(f"Imported into “{summary.plan.name}” ({summary.plan.slug}).")  # type: ignore[union-attr]


def register(app: Flask) -> None:
    app.cli.add_command(import_plan_command)
