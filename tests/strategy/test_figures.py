"""Measurement points bound to figures: the same number as the metrics registry gives for the same
period and scope, the half year and year to date beside a year earlier with the trend, frozen at
sign-off, and "not available" instead of an error for a figure not registered."""

from __future__ import annotations

from datetime import date

import pytest

from booking.errors import Invalid
from booking.extensions import db
from booking.metrics.registry import Period, Scope, ScopeKind, compute
from booking.strategy import figures, points, services
from booking.strategy.models import PointKind
from tests.factories import NOW
from tests.strategy.conftest import ADMIN_EXISTS, MEMBERSHIPS, NEVER_REGISTERED, NEW_USERS


def bind(staff, action, key, scope_kind="all", scope_value=None, **extra):
    data = points.PointData(f"Figure {key}", PointKind.METRIC, key, scope_kind, scope_value, **extra)
    return points.add_point(staff, action, data)


def checkpoint(plan, key):
    return services.get_checkpoint(plan, key)


def test_a_bound_point_shows_the_registry_figure_for_the_same_period_and_scope(plan, staff, users_created_on):
    users_created_on(date(2024, 2, 10), 3)
    users_created_on(date(2024, 8, 1), 2)
    users_created_on(date(2023, 3, 1), 4)
    users_created_on(date(2023, 12, 31), 1)
    point = bind(staff, plan.action(13), NEW_USERS)
    december = checkpoint(plan, "2024-12")

    found = figures.figures(point, december)

    assert found.half == compute(NEW_USERS, Period.half_year(2024, 2)).value == 2
    assert found.ytd == compute(NEW_USERS, Period.year(2024)).value == 5
    assert (found.previous_half, found.previous_ytd) == (1, 5)
    assert found.trend == "up"
    june = figures.figures(point, checkpoint(plan, "2024-06"))
    assert (june.half, june.ytd, june.previous_half, june.trend) == (3, 3, 4, "down")


def test_local_days_decide_the_half_year(plan, staff, create_user):
    # 23:30 UTC on 30 June is already 1 July in Copenhagen: the second half year.
    from datetime import UTC, datetime

    create_user().created_at = datetime(2024, 6, 30, 22, 30, tzinfo=UTC)
    point = bind(staff, plan.action(13), NEW_USERS)

    assert figures.figures(point, checkpoint(plan, "2024-06")).half == 0
    assert figures.figures(point, checkpoint(plan, "2024-12")).half == 1


def test_a_scoped_point_uses_its_scope(plan, staff, create_organisation, person):
    club = create_organisation(members=(person("citizen"), person("citizen")))
    create_organisation(members=(person("citizen"),))
    point = bind(staff, plan.action(15), MEMBERSHIPS, "organisation", str(club.id))
    june = Period.half_year(2026, 1)
    plan.checkpoints.append(type(plan.checkpoints[0])(due_on=date(2026, 6, 30)))
    db.session.flush()

    found = figures.figures(point, checkpoint(plan, "2026-06"))

    assert found.half == compute(MEMBERSHIPS, june, Scope(ScopeKind.ORGANISATION, club.id)).value == 2


@pytest.mark.parametrize(
    ("key", "scope_kind", "scope_value"),
    [(NEVER_REGISTERED, "all", None), (NEW_USERS, "location", "1"), (NEW_USERS, "target_group", "children")],
)
def test_a_figure_not_available_is_said_so_not_an_error(plan, staff, client, auth, key, scope_kind, scope_value):
    point = bind(staff, plan.action(18), key, scope_kind, scope_value)
    db.session.commit()

    found = figures.figures(point, checkpoint(plan, "2024-12"))
    assert not found.available and found.half is None

    auth.login(staff)
    page = client.get(f"/personale/handlingsplaner/{plan.slug}/handling/18?checkpoint=2024-12")
    assert page.status_code == 200
    assert "Figure not available" in page.get_data(as_text=True) or "Tallet er ikke tilgængeligt" in page.get_data(
        as_text=True
    )
    summary = client.get(f"/personale/handlingsplaner/{plan.slug}/rapport?checkpoint=2024-12")
    assert summary.status_code == 200


def test_yes_no_turns_yes_exactly_in_the_year_it_happens(plan, staff, users_created_on):
    point = bind(staff, plan.action(16), ADMIN_EXISTS)
    assert figures.figures(point, checkpoint(plan, "2024-12")).ytd == 0

    users_created_on(date(2024, 9, 15), role="admin")

    december = figures.figures(point, checkpoint(plan, "2024-12"))
    assert (december.yes_no, december.ytd, december.half, december.trend) == (True, 1, 1, None)
    assert figures.figures(point, checkpoint(plan, "2024-06")).ytd == 0
    assert figures.figures(point, checkpoint(plan, "2025-12")).ytd == 0


def test_sign_off_freezes_the_figures(plan, staff, users_created_on):
    users_created_on(date(2024, 3, 1), 2)
    point = bind(staff, plan.action(13), NEW_USERS)
    june = checkpoint(plan, "2024-06")
    services.sign_off(staff, june, NOW)
    db.session.commit()

    users_created_on(date(2024, 4, 1), 5)  # recorded late
    db.session.commit()

    frozen = figures.figures(point, june)
    assert (frozen.half, frozen.ytd, frozen.frozen_at) == (2, 2, NOW)
    assert figures.live(point, june).half == 7
    assert figures.figures(point, checkpoint(plan, "2024-12")).ytd == 7  # an open checkpoint is live

    services.reopen(staff, june)
    assert figures.figures(point, june).half == 7


def test_a_point_bound_after_sign_off_shows_live_figures(plan, staff, users_created_on):
    june = checkpoint(plan, "2024-06")
    services.sign_off(staff, june, NOW)
    users_created_on(date(2024, 3, 1))
    point = bind(staff, plan.action(13), NEW_USERS)

    assert figures.figures(point, june).half == 1


def test_external_figures_per_half_year(plan, staff):
    point = points.add_point(staff, plan.action(19), points.PointData("Samlet antal udlån", PointKind.EXTERNAL))
    for (year, half), value in {(2023, 1): 1000, (2023, 2): "1.200", (2024, 1): "1100", (2024, 2): 900}.items():
        points.set_external_figure(staff, point, year, half, value, NOW)
    points.set_external_figure(staff, point, 2024, 2, "950", NOW)  # a correction

    december = figures.figures(point, checkpoint(plan, "2024-12"))
    assert (december.half, december.ytd, december.previous_half, december.previous_ytd) == (950, 2050, 1200, 2200)
    assert december.trend == "down"
    assert figures.figures(point, checkpoint(plan, "2025-06")).half is None  # not entered yet
    assert len(point.external_figures) == 4


def test_reference_figure_gives_coverage_and_target_is_judged_in_december(plan, staff, users_created_on):
    users_created_on(date(2024, 5, 1), 9)
    point = bind(staff, plan.action(7), NEW_USERS, target_min=8, target_max=10, reference_label="Børn 0–17 år")
    points.set_reference_figure(staff, point, 2024, "36", NOW)

    december = figures.figures(point, checkpoint(plan, "2024-12"))
    assert december.coverage == 25
    assert december.target_met is True
    assert figures.figures(point, checkpoint(plan, "2024-06")).target_met is None
    assert figures.figures(point, checkpoint(plan, "2025-12")).target_met is False


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (points.PointData("", PointKind.TEXT), "description"),
        (points.PointData("x", "graph"), "kind"),
        (points.PointData("x", PointKind.METRIC, "Visitors!"), "metric_key"),
        (points.PointData("x", PointKind.METRIC, "visitors", "planet"), "scope_kind"),
        (points.PointData("x", PointKind.METRIC, "visitors", "location", ""), "scope_value"),
        (points.PointData("x", PointKind.METRIC, "visitors", "all", "3"), "scope_value"),
        (points.PointData("x", PointKind.METRIC, "visitors", "location", "Hovedbiblioteket"), "scope_value"),
        (points.PointData("x", PointKind.TEXT, target_min="ti"), "target_min"),
        (points.PointData("x", PointKind.TEXT, target_min=10, target_max=8), "target_max"),
    ],
)
def test_point_data_is_checked(plan, staff, english, data, field):
    with pytest.raises(Invalid) as refused:
        points.add_point(staff, plan.action(1), data)

    assert field in refused.value.fields


def test_figures_can_only_be_entered_where_they_belong(plan, staff, english):
    text_point = points.add_point(staff, plan.action(1), points.PointData("Beskrivelse", PointKind.TEXT))
    with pytest.raises(Invalid):
        points.set_external_figure(staff, text_point, 2024, 1, 10, NOW)
    with pytest.raises(Invalid):
        points.set_reference_figure(staff, text_point, 2024, 10, NOW)
    loans = points.add_point(staff, plan.action(19), points.PointData("Udlån", PointKind.EXTERNAL))
    for year, half, value in [(1999, 1, 5), (2024, 3, 5), (2024, 1, "mange"), (2024, 1, -4)]:
        with pytest.raises(Invalid):
            points.set_external_figure(staff, loans, year, half, value, NOW)


def test_the_chart_has_a_bar_per_checkpoint_frozen_where_signed_off(plan, staff, users_created_on):
    users_created_on(date(2024, 2, 1), 4)
    users_created_on(date(2024, 9, 1), 2)
    point = bind(staff, plan.action(13), NEW_USERS)
    services.sign_off(staff, checkpoint(plan, "2024-06"), NOW)
    users_created_on(date(2024, 3, 1), 4)  # after the sign-off

    bars = figures.chart(point, plan.checkpoints)

    assert [(bar.label, bar.value) for bar in bars] == [
        ("2023-12", 0), ("2024-06", 4), ("2024-12", 2), ("2025-06", 0), ("2025-12", 0),
    ]  # fmt: skip
    assert bars[1].height > bars[2].height > 0 and bars[0].height == 1.0
