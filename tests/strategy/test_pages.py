"""The staff pages as staff use them, the public page, the import page and command, and the demo."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from booking.extensions import db
from booking.metrics import registry
from booking.strategy import figures, services
from booking.strategy.models import Plan, PointKind, StatusState
from tests.factories import NOW
from tests.strategy.conftest import PLAN_FILE, csv_with, snapshot, source_rows


@pytest.fixture
def as_staff(auth, staff):
    auth.login(staff)
    return staff


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def test_overview_groups_by_theme_and_filters(client, as_staff, plan):
    services.set_status(as_staff, plan.action(14), plan.checkpoints[1], StatusState.DONE, "I drift.", NOW)
    services.set_status(as_staff, plan.action(16), plan.checkpoints[0], StatusState.POSTPONED, "", NOW)
    db.session.commit()
    url = f"/personale/handlingsplaner/{plan.slug}"

    page = text_of(client.get(url))
    assert "Smidige processer" in page and "Fokus på unges hverdag i kommunen (§17)" in page
    assert "Action 14 Done" in page and "Action 16 Postponed" in page and "Action 1 No status yet" in page

    done = text_of(client.get(url, query_string={"state": "done"}))
    assert "1 action shown." in done and "Action 14" in done and "Action 16" not in done
    theme = next(t for t in services.themes_of(plan) if t.name == "Vækst i balance")
    by_theme = text_of(client.get(url, query_string={"theme": theme.id}))
    assert "4 actions shown." in by_theme and "Action 18" in by_theme
    by_owner = text_of(client.get(url, query_string={"owner": "Stina"}))
    assert "3 actions shown." in by_owner and "Action 21" in by_owner


def test_the_checkpoint_page_writes_all_statuses_and_keeps_history(client, as_staff, plan):
    url = f"/personale/handlingsplaner/{plan.slug}/status/2024-06"
    response = client.post(url, data={"state-14": "in_progress", "text-14": "Beslutning truffet.",
                                      "state-16": "done", "state-1": "", "text-1": "ignored"})  # fmt: skip
    assert response.status_code == 302
    client.post(url, data={"state-14": "done", "text-14": "I drift på alle biblioteker."})

    db.session.expire_all()
    status = plan.action(14).status_at(plan.checkpoints[1])
    assert (status.state, status.text, status.updated_by_id) == (StatusState.DONE, "I drift på alle biblioteker.",
                                                                 as_staff.id)  # fmt: skip
    assert [e.state for e in status.edits] == [StatusState.IN_PROGRESS, StatusState.DONE]
    assert plan.action(1).status_at(plan.checkpoints[1]) is None
    page = text_of(client.get(f"/personale/handlingsplaner/{plan.slug}/handling/14"))
    assert "History of the statuses" in page and "Beslutning truffet." in page


def test_a_bad_state_is_refused_on_the_page(client, as_staff, plan):
    before = snapshot()
    response = client.post(f"/personale/handlingsplaner/{plan.slug}/status/2024-06",
                           data={"state-3": "done", "state-14": "finished"})  # fmt: skip

    assert response.status_code == 200
    assert "Choose a state." in text_of(response)
    assert snapshot() == before


def test_sign_off_publishes_and_locks(client, auth, as_staff, plan):
    base = f"/personale/handlingsplaner/{plan.slug}"
    client.post(f"{base}/status/2023-12", data={"state-16": "done", "text-16": "Oversigten er udgivet."})
    client.post(f"{base}/status/2024-06", data={"state-16": "in_progress", "text-16": "Udkast til 2024."})
    client.post(f"{base}/offentlig", data={"public": "1"})
    assert client.post(f"{base}/status/2023-12/godkend", data={}).status_code == 302

    locked = client.post(f"{base}/status/2023-12", data={"state-16": "dropped"})
    assert "are signed off and can no longer be changed" in text_of(locked)
    db.session.expire_all()
    assert plan.action(16).status_at(plan.checkpoints[0]).state == StatusState.DONE

    auth.logout()
    public = text_of(client.get(f"/handlingsplan/{plan.slug}"))
    assert "Oversigten er udgivet." in public and "Udkast til 2024." not in public
    assert "december 2023" in public.lower() and "juni 2024" not in public.lower()


def test_the_summary_counts_states(client, as_staff, plan):
    for number, state in [(1, "done"), (2, "done"), (3, "in_progress"), (8, "dropped")]:
        services.set_status(as_staff, plan.action(number), plan.checkpoints[2], state, "", NOW)
    db.session.commit()

    url = f"/personale/handlingsplaner/{plan.slug}/rapport"
    page = text_of(client.get(url, query_string={"checkpoint": "2024-12"}))

    assert "Done 2 " in page and "In progress 1 " in page and "Dropped 1 " in page and "No status yet 19 " in page


def test_a_point_is_bound_on_its_page(client, as_staff, plan):
    url = f"/personale/handlingsplaner/{plan.slug}/handling/18/punkt/ny"
    form = client.get(url).get_data(as_text=True)
    assert 'value="test_strategy_new_users"' in form

    response = client.post(url, data={"description": "Korte interviews", "kind": "metric",
                                      "metric_key": "test_strategy_new_users", "scope_kind": "all",
                                      "scope_value": "", "target_min": "8", "target_max": "10"})  # fmt: skip

    assert response.status_code == 302
    point = plan.action(18).points[0]
    assert (point.kind, point.metric_key, point.target_min, point.target_max) == (
        PointKind.METRIC, "test_strategy_new_users", 8, 10)  # fmt: skip
    page = text_of(client.get(f"/personale/handlingsplaner/{plan.slug}/handling/18?checkpoint=2024-12"))
    assert "Korte interviews" in page and "Target per year: 8–10" in page
    sheet = text_of(client.get(f"/personale/handlingsplaner/{plan.slug}/status/2024-12"))
    assert "Korte interviews 0 0 0 0" in sheet  # the figures beside the status being written


def test_the_import_page_previews_then_imports(client, as_staff, app):
    response = client.post("/personale/handlingsplaner/import", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(PLAN_FILE.read_bytes()), "plan.csv"), "plan": "new", "name": ""})
    page = text_of(response)
    assert "New actions: 23" in page and "A new plan will be made: Handlingsplan 2023–2025." in page
    assert db.session.scalar(select(Plan)) is None
    token = re.search(r'name="token" type="hidden" value="([0-9a-f]+)"', response.get_data(as_text=True)).group(1)

    done = client.post("/personale/handlingsplaner/import/bekraeft", data={"token": token, "plan": "new", "name": ""})

    assert done.status_code == 302
    assert len(db.session.scalar(select(Plan)).actions) == 23
    assert not list((Path(app.config["UPLOAD_FOLDER"]) / "strategy-imports").iterdir())


def test_the_import_page_lists_the_problems(client, as_staff, plan):
    rows = source_rows()
    rows[5]["nr"] = "3"
    before = snapshot()

    response = client.post("/personale/handlingsplaner/import", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(csv_with(rows)), "plan.csv"), "plan": plan.slug})

    assert response.status_code == 400
    assert "Row 7: action number 3 appears twice (also in row 4)." in text_of(response)
    assert snapshot() == before


def test_a_20_mb_upload_is_refused_with_a_clear_message(client, as_staff, plan):
    before = snapshot()
    big = PLAN_FILE.read_bytes() + b" " * (20 * 1024 * 1024)

    response = client.post("/personale/handlingsplaner/import", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(big), "plan.csv"), "plan": "new"})

    assert response.status_code == 413
    assert "The file is too large. A plan file can be at most 5 MB; nothing was imported." in text_of(response)
    assert snapshot() == before


def test_the_import_command(runner, staff, tmp_path):
    db.session.commit()
    result = runner.invoke(args=["import-plan", str(PLAN_FILE), "--as", staff.email])
    assert result.exit_code == 0, result.output
    assert "23 new, 0 changed" in result.output

    again = runner.invoke(args=["import-plan", str(PLAN_FILE), "--plan", "handlingsplan-2023-2025", "--as",
                                staff.email])  # fmt: skip
    assert again.exit_code == 0, again.output
    assert "0 new, 0 changed, 23 unchanged" in again.output

    huge = tmp_path / "huge.csv"
    huge.write_bytes(PLAN_FILE.read_bytes() + b"\n" * (20 * 1024 * 1024))
    before = snapshot()
    refused = runner.invoke(args=["import-plan", str(huge), "--as", staff.email])
    assert refused.exit_code == 1 and snapshot() == before

    rows = source_rows()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_with(rows, [c for c in rows[0] if c != "tovholder"]))
    missing = runner.invoke(args=["import-plan", str(bad), "--as", staff.email])
    assert missing.exit_code == 1 and "tovholder" in missing.output and snapshot() == before


def test_the_demo_imports_the_plan_and_binds_the_points(runner, client, auth):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    plan = db.session.scalar(select(Plan))

    assert len(plan.actions) == 23 and plan.public
    keys = {a.number: {(p.metric_key, p.scope_value) for p in a.points if p.kind == PointKind.METRIC}
            for a in plan.actions}  # fmt: skip
    for number in (1, 12, 13, 15, 20, 23):
        assert ("visitors", None) in keys[number]
    assert ("activity_participants", "young_people") in keys[1]
    assert {("activity_participants", "children"), ("activity_participants", "young_people")} <= keys[7]
    for number in (2, 3, 9, 10):
        assert ("practice_stories", None) in keys[number]
    for number in (12, 13, 15):
        assert ("statements", None) in keys[number]
    assert ("booking_system_in_use", None) in keys[14]
    assert ("communities_edition_published", None) in keys[16]
    assert ("engagement_overview", None) in keys[17]
    assert ("interviews", None) in keys[18]
    for number in (19, 21, 23):
        assert any(p.kind == PointKind.EXTERNAL and p.external_figures for p in plan.action(number).points)
    assert any(cp.signed_off for cp in plan.checkpoints)

    auth.login("personale@folkebiblioteket.example", "demo-personale")
    for url in (f"/personale/handlingsplaner/{plan.slug}", f"/personale/handlingsplaner/{plan.slug}/handling/7",
                f"/personale/handlingsplaner/{plan.slug}/rapport", f"/handlingsplan/{plan.slug}"):  # fmt: skip
        assert client.get(url).status_code == 200


def test_the_demo_shows_figures_and_froze_real_ones(runner, client, auth):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    plan = db.session.scalar(select(Plan))
    registered = {found.key for found in registry.all_metrics()}
    signed = [cp for cp in plan.checkpoints if cp.signed_off]
    assert signed

    for action in plan.actions:
        for point in action.points:
            if point.kind != PointKind.METRIC:
                continue
            for cp in plan.checkpoints:
                found = figures.figures(point, cp)
                assert found.available == (point.metric_key in registered), (action.number, point.metric_key)
                if cp.signed_off:
                    assert found.frozen_at is not None
                if found.available and point.metric_key in ("visitors", "interviews", "statements"):
                    assert found.ytd, (action.number, point.metric_key, cp.key)

    auth.login("personale@folkebiblioteket.example", "demo-personale")
    page = client.get(f"/personale/handlingsplaner/{plan.slug}/handling/14?checkpoint={signed[0].key}")
    assert "Tallet er ikke tilgængeligt" in page.get_data(as_text=True) or "bookings" in registered
