"""``flask allocation lapse``: after the acceptance deadline, granted times nobody accepted
go back to the pool (run daily from a timer, like ``flask outbox send``)."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from booking.allocation.decisions import lapse_unanswered
from booking.allocation.models import AllocationRound, RoundState
from booking.db import utcnow
from booking.extensions import db

allocation = AppGroup("allocation", help="Season allocation.")


@allocation.command("lapse")
def lapse() -> None:
    """Return granted times not accepted by their round's deadline to the pool."""
    now = utcnow()
    total = 0
    for round_ in db.session.scalars(select(AllocationRound).where(AllocationRound.state == RoundState.DECIDED)):
        total += lapse_unanswered(round_, now)
    db.session.commit()
    click.echo(f"{total} granted time(s) returned to the pool.")


def register(app: Flask) -> None:
    app.cli.add_command(allocation)
