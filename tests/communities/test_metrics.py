"""The community figures in the metrics registry."""

from datetime import date

import pytest

from booking.communities import editions, services
from booking.errors import Invalid
from booking.metrics.registry import Period, Scope, ScopeKind, Unit, compute, get
from tests.factories import NOW


def test_communities_active_counts_the_approved_ones_running_in_the_period(create_community, create_location,
                                                                           organiser):
    elsewhere = create_location("Lindved Bibliotek")
    create_community()  # from 6 January 2026, ongoing
    create_community(title="Strik", location_id=elsewhere.id, room_id=None)
    create_community(title="Gammel", valid_from=date(2024, 1, 2), valid_until=date(2025, 3, 31))
    create_community(title="Forslag", approve=False)
    paused = create_community(title="Pause", recurrence="FREQ=WEEKLY;BYDAY=WE")
    services.set_status(organiser, paused, "paused", NOW)

    assert compute("communities_active", Period.year(2026)).value == 3
    assert compute("communities_active", Period.year(2025)).value == 1
    assert compute("communities_active", Period.year(2026), Scope(ScopeKind.LOCATION, elsewhere.id)).value == 1
    assert get("communities_active").unit == Unit.COUNT


def test_edition_published_is_a_yes_no_fact_for_the_periods_year(create_community, staff):
    create_community()
    assert compute("communities_edition_published", Period.year(2026)).value is False

    editions.publish(staff, editions.create_edition(staff, 2026, NOW), NOW)

    assert compute("communities_edition_published", Period.year(2026)).value is True
    assert compute("communities_edition_published", Period.half_year(2026, 2)).value is True
    assert compute("communities_edition_published", Period.year(2025)).value is False
    assert get("communities_edition_published").unit == Unit.YES_NO
    with pytest.raises(Invalid):
        compute("communities_edition_published", Period.year(2026), Scope(ScopeKind.LOCATION, 1))
