"""Applications while the window is open: editing keeps each wish (and a staff correction of
its tier) and the application time; every save mails a receipt."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from booking.accounts.models import OrgKind
from booking.allocation import applications as apps
from booking.allocation.models import TierRule
from booking.extensions import db
from booking.notifications.models import OutboxMessage
from tests.allocation.conftest import apply, wish
from tests.factories import NOW


def test_editing_keeps_wishes_corrections_and_the_application_time(open_round, place, make_club, staff):
    club = make_club("Kreativ Fritid", OrgKind.ASSOCIATION)
    application = apply(club, open_round, [wish([place.hall], "17:00", "19:00", age="children"),
                                           wish([place.meeting], "10:00", "12:00", weekday=5)])  # fmt: skip
    first, second = application.wishes
    other = next(t for t in open_round.tiers if t.rule == TierRule.OTHER)
    apps.correct_tier(staff, first, other.id, "Aktiviteten er et betalt kursus", NOW)

    changed = wish([place.hall, place.suited], "17:30", "19:30", age="children")
    changed.id = first.id
    apply(club, open_round, [changed], minutes_after=60 * 24)

    assert [w.id for w in application.wishes] == [first.id]  # the second is withdrawn
    assert first.starts.hour == 17 and first.starts.minute == 30
    assert [room.name for room in first.rooms] == ["Salen", "Værkstedet"]
    assert first.tier == other and first.derived_tier.rule == TierRule.CHILDREN_YOUTH
    assert application.submitted_at == NOW and application.updated_at == NOW + timedelta(days=1)
    assert second not in db.session
    receipts = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "allocation_receipt")).all()
    assert len(receipts) == 2 and "Værkstedet" in receipts[-1].body


def test_choosing_the_derived_tier_again_removes_the_correction(open_round, place, make_club, staff):
    club = make_club("Springeren", OrgKind.CLUB)
    the_wish = apply(club, open_round, [wish([place.hall], "17:00", "19:00")]).wishes[0]
    youth = next(t for t in open_round.tiers if t.rule == TierRule.CHILDREN_YOUTH)
    apps.correct_tier(staff, the_wish, youth.id, "Skoleskak for børn", NOW)
    assert the_wish.tier_corrected

    apps.correct_tier(staff, the_wish, the_wish.derived_tier_id, None, NOW)

    assert not the_wish.tier_corrected and the_wish.tier_reason is None
