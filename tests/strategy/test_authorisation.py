"""Only staff edit the plan: every write route and every staff page is tried by every role, every
refusal is checked to have changed nothing, and every writing service refuses non-staff."""

from __future__ import annotations

import io

import pytest

from booking.errors import NotAllowed
from booking.extensions import db
from booking.strategy import importing, points, services
from booking.strategy.models import PointKind, StatusState
from booking.strategy.planfile import read_plan_file
from tests.factories import NOW
from tests.strategy.conftest import ALLOWED, PLAN_FILE, ROLES, login_as, snapshot


@pytest.fixture
def world(plan, staff):
    """The plan with a point of each kind."""
    loans = points.add_point(staff, plan.action(19), points.PointData("Udlån", PointKind.EXTERNAL))
    children = points.add_point(
        staff, plan.action(7), points.PointData("Børn", PointKind.TEXT, reference_label="Børn 0–17 år")
    )
    db.session.commit()
    return plan, loans, children, staff


def write_requests(world) -> dict[str, tuple[str, dict]]:
    plan, loans, children, owner = world
    base = f"/personale/handlingsplaner/{plan.slug}"
    return {
        "plan_new": ("/personale/handlingsplaner/ny",
                     {"name": "Handlingsplan 2026–2028", "first_year": "2026", "last_year": "2028",
                      "copy_from": plan.slug}),
        "import": ("/personale/handlingsplaner/import",
                   {"file": (io.BytesIO(PLAN_FILE.read_bytes()), "plan.csv"), "plan": "new", "name": "Ny"}),
        "public": (f"{base}/offentlig", {"public": "1"}),
        "owner": (f"{base}/handling/3/ansvarlig", {"owner_id": str(owner.id)}),
        "point_new": (f"{base}/handling/3/punkt/ny",
                      {"description": "Interviews", "kind": "metric", "metric_key": "interviews",
                       "scope_kind": "all", "scope_value": ""}),
        "point_edit": (f"{base}/handling/7/punkt/{children.id}",
                       {"description": "Børn i aktiviteter", "kind": "text", "scope_kind": "all",
                        "reference_label": "Børn 0–17 år"}),
        "point_remove": (f"{base}/handling/7/punkt/{children.id}/slet", {}),
        "external_figure": (f"{base}/handling/19/punkt/{loans.id}/tal",
                            {"figure-year": "2024", "figure-half": "1", "figure-value": "124950"}),
        "reference_figure": (f"{base}/handling/7/punkt/{children.id}/reference",
                             {"ref-year": "2024", "ref-reference": "5810"}),
        "statuses": (f"{base}/status/2023-12", {"state-14": "in_progress", "text-14": "Behov afdækket."}),
        "sign_off": (f"{base}/status/2023-12/godkend", {}),
    }


def assert_refused(response, role: str) -> None:
    """Anonymous visitors are sent to log in; everybody else who is not staff gets 403."""
    if role == "anonymous":
        assert response.status_code == 302
        assert "/konto/log-ind" in response.headers["Location"]
    else:
        assert response.status_code == 403


WRITE_ROUTES = ("plan_new", "import", "public", "owner", "point_new", "point_edit", "point_remove",
                "external_figure", "reference_figure", "statuses", "sign_off")  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", WRITE_ROUTES)
def test_write_routes(client, auth, person, world, role, route):
    login_as(auth, person(role))
    url, data = write_requests(world)[route]
    before = snapshot()

    response = client.post(url, data=data, content_type="multipart/form-data")

    if role not in ALLOWED:
        assert_refused(response, role)
        assert snapshot() == before
    elif route == "import":  # the preview changes nothing until it is confirmed
        assert response.status_code == 200
        assert "Import the plan" in response.get_data(as_text=True)
        assert snapshot() == before
    else:
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        assert snapshot() != before


def test_reopen_route(client, auth, person, world):
    plan = world[0]
    services.sign_off(person("staff"), plan.checkpoints[0], NOW)
    db.session.commit()
    url = f"/personale/handlingsplaner/{plan.slug}/status/2023-12/genaabn"
    for role in ROLES:
        auth.logout()
        login_as(auth, person(role))
        response = client.post(url, data={})
        db.session.expire_all()
        assert plan.checkpoints[0].signed_off == (role not in ALLOWED)
        assert response.status_code == (302 if role in (*ALLOWED, "anonymous") else 403)
        if role in ALLOWED:
            services.sign_off(person("staff"), plan.checkpoints[0], NOW)
            db.session.commit()


STAFF_PAGES = (
    "/personale/handlingsplaner",
    "/personale/handlingsplaner/ny",
    "/personale/handlingsplaner/import",
    "/personale/handlingsplaner/{plan}",
    "/personale/handlingsplaner/{plan}/handling/7",
    "/personale/handlingsplaner/{plan}/handling/7/punkt/ny",
    "/personale/handlingsplaner/{plan}/status/2024-06",
    "/personale/handlingsplaner/{plan}/rapport",
    "/personale/handlingsplaner/{plan}/eksport.xlsx",
    "/personale/handlingsplaner/{plan}/eksport.csv",
)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_pages(client, auth, person, plan, role, page):
    login_as(auth, person(role))

    response = client.get(page.format(plan=plan.slug))

    if role in ALLOWED:
        assert response.status_code == 200
    else:
        assert_refused(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_the_public_page_is_shown_only_when_switched_on(client, auth, person, plan, staff, role):
    login_as(auth, person(role))
    url = f"/handlingsplan/{plan.slug}"

    hidden = client.get(url)
    services.set_public(staff, plan, True)
    db.session.commit()
    shown = client.get(url)

    assert hidden.status_code == (200 if role in ALLOWED else 404)  # staff may look before it is public
    assert shown.status_code == 200


def service_calls(world, actor):
    plan, loans, children, _staff = world
    parsed = read_plan_file(PLAN_FILE.read_bytes(), "plan.csv")
    checkpoint = plan.checkpoints[0]
    return {
        "create_plan": lambda: services.create_plan(actor, "Ny plan", 2026, 2028, NOW, copy_from=plan),
        "import_plan": lambda: importing.import_plan(actor, parsed, NOW, plan=plan),
        "import_file": lambda: importing.import_file(actor, PLAN_FILE.read_bytes(), "plan.csv", NOW),
        "set_public": lambda: services.set_public(actor, plan, True),
        "update_action": lambda: services.update_action(actor, plan.action(1), owner_id=None),
        "set_status": lambda: services.set_status(actor, plan.action(1), checkpoint, StatusState.DONE, "", NOW),
        "set_statuses": lambda: services.set_statuses(actor, checkpoint, {1: ("done", "")}, NOW),
        "sign_off": lambda: services.sign_off(actor, checkpoint, NOW),
        "reopen": lambda: services.reopen(actor, checkpoint),
        "add_point": lambda: points.add_point(actor, plan.action(1), points.PointData("x")),
        "update_point": lambda: points.update_point(actor, children, points.PointData("x")),
        "remove_point": lambda: points.remove_point(actor, children),
        "set_external_figure": lambda: points.set_external_figure(actor, loans, 2024, 1, 5, NOW),
        "set_reference_figure": lambda: points.set_reference_figure(actor, children, 2024, 5, NOW),
    }


@pytest.mark.parametrize("role", [r for r in ROLES if r not in ALLOWED])
def test_every_writing_service_refuses_non_staff(person, world, role):
    actor = person(role)
    before = snapshot()
    for name, call in service_calls(world, actor).items():
        with pytest.raises(NotAllowed):
            call()
        db.session.rollback()
        assert snapshot() == before, name
