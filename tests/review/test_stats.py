"""The statistics pages show every registered figure, with charts and tables, and export."""

from __future__ import annotations

import io
from datetime import date

from flask_babel import lazy_gettext as _l
from openpyxl import load_workbook

from booking.metrics import registry
from booking.metrics.registry import ScopeKind, Unit, metric
from booking.visitors import services as visitors
from tests.factories import NOW


def test_the_page_shows_the_figures_charts_and_tables(client, auth, world, staff):
    visitors.enter_count(staff, visitors.CountData(world.place.id, "day", date(2026, 3, 24), 321), NOW)
    auth.login(staff)
    page = client.get(f"/personale/statistik?fra=2026-01-01&til=2026-12-31&omfang=location:{world.place.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<svg" in html and "321" in html and "Studierummet" in html
    assert html.count("<caption>") >= len(registry.all_metrics())


def test_bad_choices_give_a_message_not_an_error(client, auth, world, staff):
    auth.login(staff)
    assert client.get("/personale/statistik?fra=2026-13-01").status_code == 400
    assert client.get("/personale/statistik?omfang=room:99999").status_code == 400
    assert client.get("/personale/statistik?fra=2026-05-01&til=2026-01-01").status_code == 400


def test_a_new_figure_appears_without_changing_the_pages(client, auth, world, staff):
    @metric("test_answer", label=_l("The answer"), unit=Unit.COUNT, definition=_l("Always 42."),
            scopes=(ScopeKind.ALL, ScopeKind.LOCATION, ScopeKind.ROOM))  # fmt: skip
    def answer(period, scope):
        return 42

    try:
        auth.login(staff)
        assert "The answer" in client.get("/personale/statistik/tal?lang=en").get_data(as_text=True)
        html = client.get(f"/personale/statistik?omfang=location:{world.place.id}").get_data(as_text=True)
        assert "The answer" in html
        book = load_workbook(io.BytesIO(client.get("/personale/statistik/eksport.xlsx").data))
        assert "test_answer" in [row[1] for row in book.active.iter_rows(values_only=True)]
        assert "test_answer" in client.get("/personale/statistik/eksport.csv").get_data(as_text=True)
    finally:
        registry._REGISTRY.pop("test_answer")


def test_a_figure_with_a_weekday_hour_query_gets_a_heatmap(client, auth, world, staff):
    from booking.metrics.grouping import Grouping
    from booking.metrics.series import _SERIES, series

    @metric("test_busy", label=_l("Busy hours"), unit=Unit.HOURS, definition=_l("A test."))
    def busy(period, scope):
        return 3

    @series("test_busy", Grouping.WEEKDAY_HOUR)
    def busy_series(period, scope, grouping):
        return {"2-17": 2, "2-18": 1}

    try:
        auth.login(staff)
        html = client.get("/personale/statistik?lang=en").get_data(as_text=True)
        assert 'class="chart heatmap"' in html
        assert "heat-5" in html and "heat-3" in html
    finally:
        registry._REGISTRY.pop("test_busy")
        _SERIES.pop("test_busy")


def test_a_figure_per_organisation_brings_its_scope_choices(client, auth, world, staff, create_organisation):
    club_id = create_organisation("Skakklubben", kind="club").id
    auth.login(staff)

    @metric("test_org_hours", label=_l("Hours per organisation"), unit=Unit.HOURS, definition=_l("A test."),
            scopes=(ScopeKind.ORGANISATION, ScopeKind.ORGANISATION_TYPE))  # fmt: skip
    def org_hours(period, scope):
        return 7 if scope.value in (club_id, "club") else 0

    try:
        html = client.get("/personale/statistik?lang=en").get_data(as_text=True)
        assert f'value="organisation:{club_id}"' in html and 'value="organisation_type:club"' in html
        for value in (f"organisation:{club_id}", "organisation_type:club"):
            page = client.get(f"/personale/statistik?omfang={value}&lang=en").get_data(as_text=True)
            assert "Hours per organisation" in page and '<td class="num">7</td>' in page
        assert client.get("/personale/statistik?omfang=organisation_type:spaceship").status_code == 400
    finally:
        registry._REGISTRY.pop("test_org_hours")
