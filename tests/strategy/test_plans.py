"""Plan periods: a new one made empty or by copying the actions of the previous one, and the
exports offered as downloads."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from booking.errors import Conflict, Invalid
from booking.extensions import db
from booking.strategy import points, services
from booking.strategy.models import PointKind, StatusState
from tests.factories import NOW


def test_a_new_period_copies_actions_and_points_but_not_statuses(plan, staff):
    point = points.add_point(staff, plan.action(18), points.PointData(
        "Korte interviews", PointKind.METRIC, "interviews", target_min=8, target_max=10))  # fmt: skip
    services.set_status(staff, plan.action(18), plan.checkpoints[0], StatusState.DONE, "Ni interviews.", NOW)

    new = services.create_plan(staff, "Handlingsplan 2026–2028", "2026", "2028", NOW, copy_from=plan)
    db.session.commit()

    assert new.slug == "handlingsplan-2026-2028" and new.copied_from_id == plan.id
    assert [cp.due_on for cp in new.checkpoints][:2] == [date(2026, 6, 30), date(2026, 12, 31)]
    assert len(new.checkpoints) == 6
    assert [a.number for a in new.actions] == [a.number for a in plan.actions]
    assert new.action(4).themes == plan.action(4).themes
    assert new.action(1).text == plan.action(1).text
    copied = new.action(18).points[0]
    assert copied.id != point.id
    assert (copied.metric_key, copied.target_min, copied.target_max) == ("interviews", 8, 10)
    assert all(not a.statuses for a in new.actions)


@pytest.mark.parametrize(
    ("name", "first", "last", "field"),
    [("", "2026", "2028", "name"), ("Plan", "tjugo", "2028", "first_year"), ("Plan", "2028", "2026", "last_year"),
     ("Plan", "2026", "2040", "last_year"), ("Plan", "1899", "2001", "first_year")],
)  # fmt: skip
def test_plan_data_is_checked(staff, english, name, first, last, field):
    with pytest.raises(Invalid) as refused:
        services.create_plan(staff, name, first, last, NOW)

    assert field in refused.value.fields


def test_a_plan_named_like_a_page_gets_another_address(staff):
    assert services.create_plan(staff, "Ny", 2026, 2027, NOW).slug == "ny-plan"


def test_the_plan_form_makes_a_plan(client, auth, staff, plan):
    auth.login(staff)

    data = {"name": "Handlingsplan 2026–2028", "first_year": "2026", "last_year": "2028", "copy_from": plan.slug}
    response = client.post("/personale/handlingsplaner/ny", data=data)

    assert response.headers["Location"].endswith("/personale/handlingsplaner/handlingsplan-2026-2028")
    bad = client.post("/personale/handlingsplaner/ny", data={"name": "X", "first_year": "2028", "last_year": "2026"})
    assert bad.status_code == 200 and "The last year comes before the first." in bad.get_data(as_text=True)


def test_exports_are_private_downloads(client, auth, staff, plan):
    auth.login(staff)
    base = f"/personale/handlingsplaner/{plan.slug}"

    xlsx = client.get(f"{base}/eksport.xlsx")
    csv = client.get(f"{base}/eksport.csv")

    assert xlsx.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert xlsx.data[:2] == b"PK"
    assert csv.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="handlingsplan-2023-2025.csv"' in csv.headers["Content-Disposition"]
    assert "private" in csv.headers["Cache-Control"]
    assert "Kulturring Østjylland" in csv.get_data(as_text=True)


def test_a_checkpoint_is_signed_off_only_after_its_half_year(staff, english):
    plan = services.create_plan(staff, "Handlingsplan 2026–2027", 2026, 2027, NOW)
    june = plan.checkpoints[0]

    with pytest.raises(Conflict, match="once its half year has ended, from"):
        services.sign_off(staff, june, NOW)
    services.sign_off(staff, june, datetime(2026, 6, 30, 22, 0, tzinfo=UTC))  # midnight in Copenhagen

    assert june.signed_off
