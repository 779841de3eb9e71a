"""The demo: last season's round done, this season's open with an application from every demo
organisation and clashes across the tiers; the staff and organisation pages show it."""

from __future__ import annotations

from sqlalchemy import select

from booking.allocation import suggestion
from booking.allocation.models import AllocationRound, Answer, RoundState
from booking.extensions import db


def test_demo_rounds(runner, client, auth):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output

    last, current = db.session.scalars(select(AllocationRound).order_by(AllocationRound.season_start)).all()
    assert last.state == RoundState.DONE and current.state == RoundState.OPEN
    wishes = suggestion.round_wishes(current)
    assert len(current.applications) >= 20 and len(wishes) >= 30
    assert {wish.tier.position for wish in wishes} == {1, 2, 3, 4}
    grid = suggestion.board(current)
    clashing_tiers = {
        frozenset({row.wish.tier.position, *(other.tier.position for other in row.clashes_with)})
        for days in grid.values() for rows in days.values() for row in rows if row.clashes_with
    }  # fmt: skip
    assert any(len(tiers) > 1 for tiers in clashing_tiers)
    assert any(wish.answer == Answer.ACCEPTED for wish in suggestion.round_wishes(last))
    held = suggestion.suggest(current)
    assert any(placement.held for placement in held.values())

    auth.login("personale@folkebiblioteket.example", "demo-personale")
    base = "/personale/fordeling"
    staff_pages = (base, f"{base}/{current.id}", f"{base}/{last.id}/tavle", f"{base}/{current.id}/tavle",
                   f"{base}/{current.id}/oensker/{wishes[0].id}")  # fmt: skip
    for url in staff_pages:
        assert client.get(url).status_code == 200, url
    auth.logout()
    auth.login("formand@skakklubben.example", "demo-forening")
    chess = current.applications[0].organisation
    for url in (f"/foreninger/{chess.slug}", f"/foreninger/{chess.slug}/fordeling",
                f"/foreninger/{chess.slug}/fordeling/{current.id}", f"/foreninger/{chess.slug}/fordeling/{last.id}"):
        assert client.get(url).status_code == 200, url


def test_last_seasons_accepted_times_are_booked(runner):
    from booking.bookings.models import Booking

    runner.invoke(args=["seed-demo"])
    last = db.session.scalars(select(AllocationRound).order_by(AllocationRound.season_start)).first()
    booked = [wish for wish in suggestion.round_wishes(last) if wish.booking_id]
    assert booked and all(db.session.get(Booking, wish.booking_id).occurrences for wish in booked)
