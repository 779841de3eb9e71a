from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from booking.db import utcnow
from booking.extensions import db
from booking.notifications import services

outbox = AppGroup("outbox", help="Outgoing mail.")


@outbox.command("send")
@click.option("--limit", default=500, show_default=True)
def send(limit: int) -> None:
    """Deliver pending mail (run from a timer in production)."""
    click.echo(f"Sent {services.deliver_pending(utcnow(), limit)} message(s).")


@outbox.command("purge")
@click.option("--days", default=90, show_default=True)
def purge(days: int) -> None:
    """Delete delivered mail older than DAYS (personal data retention)."""
    count = services.purge_sent(utcnow(), days)
    db.session.commit()
    click.echo(f"Deleted {count} delivered message(s).")


def register(app: Flask) -> None:
    app.cli.add_command(outbox)

    @app.teardown_request
    def _deliver_after_request(exc: BaseException | None) -> None:
        # Mail queued by a request that committed goes out now in development; production
        # sets MAIL_DELIVER_AFTER_REQUEST=false and runs `flask outbox send` from a timer.
        from flask import g

        if exc is None and g.pop("outbox_dirty", False) and app.config["MAIL_DELIVER_AFTER_REQUEST"]:
            try:
                services.deliver_pending(utcnow(), limit=50)
            except Exception:  # delivery must never break the page that already committed
                app.logger.exception("Delivering mail after the request failed")
                db.session.rollback()
