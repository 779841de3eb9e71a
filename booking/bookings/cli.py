"""``flask bookings ...``: jobs run from a timer."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from booking.db import utcnow
from booking.extensions import db

bookings_cli = AppGroup("bookings", help="Room bookings: waitlist offers and reminders.")


@bookings_cli.command("expire-offers")
def expire_offers() -> None:
    """Close waitlist offers past their time and offer the slots to the next in line."""
    from booking.bookings.waitlist import expire_offers as expire

    count = expire(utcnow())
    db.session.commit()
    click.echo(f"Expired {count} offer(s).")


@bookings_cli.command("send-reminders")
def send_reminders() -> None:
    """Queue tomorrow's reminders (run once a day; dates already reminded are skipped)."""
    from booking.bookings.mail import send_reminders as send

    count = send(utcnow())
    db.session.commit()
    click.echo(f"Queued {count} reminder(s).")


def register(app: Flask) -> None:
    app.cli.add_command(bookings_cli)
