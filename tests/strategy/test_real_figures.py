"""Measurement points bound to the figures the system really registers (not the tests' own):
the communities' annual edition for action 16, visitors as the statistics page shows them,
frozen at sign-off, and the recorded statements, interviews and practice stories."""

from __future__ import annotations

import re
from datetime import date

import pytest

from booking.communities import editions
from booking.communities import services as communities
from booking.extensions import db
from booking.metrics.registry import Period, Scope, ScopeKind, compute
from booking.statements.models import StatementKind
from booking.strategy import figures, points, services
from booking.strategy.models import PointKind
from booking.visitors.models import CountSpan
from booking.visitors.services import CountData, enter_count
from tests.communities.conftest import community_data
from tests.factories import NOW
from tests.review.conftest import add_statement as add_statement  # the fixture, used by name

# The fixed `now` is in March 2026; checkpoints of 2026 are added where a test needs them.
LATER = NOW.replace(year=2027)


def bind(staff, action, key, scope_kind="all", scope_value=None, **extra):
    data = points.PointData(f"Bundet til {key}", PointKind.METRIC, key, scope_kind, scope_value, **extra)
    return points.add_point(staff, action, data)


def add_checkpoint(plan, due_on: date):
    plan.checkpoints.append(type(plan.checkpoints[0])(due_on=due_on))
    db.session.flush()
    return services.get_checkpoint(plan, due_on.strftime("%Y-%m"))


@pytest.fixture
def places(create_location):
    return create_location("Hovedbiblioteket"), create_location("Lindved Bibliotek")


@pytest.fixture
def count(staff):
    def enter(place, day: date, visitors: int, span: CountSpan = CountSpan.DAY):
        return enter_count(staff, CountData(place.id, span, day, visitors), LATER)

    return enter


# --- action 16: the annual overview of open communities -------------------------------------------


@pytest.fixture
def chess_club(staff, create_user, create_organisation, create_location):
    """An approved weekly community running since January 2024."""
    place = create_location("Søby Bibliotek")
    organiser = create_user(name="Henrik Skak")
    club = create_organisation("Søby Skakklub", admin=organiser)
    community = communities.propose_community(organiser, club, community_data(place, valid_from=date(2024, 1, 9)), NOW)
    return communities.approve(staff, community, NOW)


def test_published_turns_yes_exactly_when_that_years_edition_is_published(plan, staff, chess_club):
    point = bind(staff, plan.action(16), "communities_edition_published")
    december, june = services.get_checkpoint(plan, "2024-12"), services.get_checkpoint(plan, "2024-06")

    assert figures.figures(point, december).ytd == 0
    draft = editions.create_edition(staff, 2024, NOW)
    assert figures.figures(point, december).ytd == 0  # a draft is not published

    editions.publish(staff, draft, NOW)

    found = figures.figures(point, december)
    assert found.available and found.yes_no and found.ytd == 1 and found.half == 1
    assert figures.figures(point, june).ytd == 1  # the edition of the year, whenever in the year
    assert figures.figures(point, services.get_checkpoint(plan, "2025-12")).ytd == 0
    assert found.previous_ytd == 0  # nothing published for 2023
    assert compute("communities_edition_published", Period.year(2024)).value is True


def test_published_shows_yes_or_no_in_words_on_the_action_page(plan, staff, client, auth, chess_club):
    bind(staff, plan.action(16), "communities_edition_published")
    editions.publish(staff, editions.create_edition(staff, 2024, NOW), NOW)
    db.session.commit()

    auth.login(staff)
    page = client.get(f"/personale/handlingsplaner/{plan.slug}/handling/16?checkpoint=2024-12").get_data(as_text=True)
    assert re.search(r'<td class="num">Yes</td>\s*<td class="num">Yes</td>\s*<td class="num">No</td>', page)


# --- visitors: the same figure as the statistics page ---------------------------------------------


def _stats_value(client, label: str, start: date, end: date, scope: str) -> str:
    page = client.get(f"/personale/statistik?fra={start}&til={end}&omfang={scope}").get_data(as_text=True)
    found = re.search(rf">{re.escape(label)}</a></th>\s*<td class=\"num\">([^<]*)</td>", page)
    assert found, f"{label} not on the statistics page"
    return found.group(1)


def _plan_values(client, plan, number: int, checkpoint: str, point) -> list[str]:
    page = client.get(f"/personale/handlingsplaner/{plan.slug}/handling/{number}?checkpoint={checkpoint}")
    html = page.get_data(as_text=True)
    section = html[html.index(f'id="point-{point.id}"'):]
    return re.findall(r'<td class="num">([^<]*)</td>', section)[:4]


@pytest.mark.parametrize("scoped", [False, True], ids=["all libraries", "one location"])
def test_visitors_show_the_same_figure_as_the_statistics_page(plan, staff, client, auth, places, count, scoped):
    main, lindved = places
    count(main, date(2024, 8, 3), 1_200)
    count(main, date(2024, 9, 1), 15_000, CountSpan.MONTH)
    count(lindved, date(2024, 8, 3), 310)
    count(lindved, date(2024, 3, 14), 95)
    count(main, date(2023, 10, 2), 900)
    count(main, date(2024, 12, 31), 40)
    count(main, date(2025, 1, 1), 7)  # the next year: in no figure below
    scope = Scope(ScopeKind.LOCATION, main.id) if scoped else Scope()
    point = bind(staff, plan.action(12), "visitors", *(("location", str(main.id)) if scoped else ("all", None)))
    db.session.commit()
    december = services.get_checkpoint(plan, "2024-12")

    found = figures.figures(point, december)
    assert found.half == compute("visitors", Period.half_year(2024, 2), scope).value
    assert found.ytd == compute("visitors", Period.year(2024), scope).value
    assert found.half == (16_240 if scoped else 16_550)
    assert found.ytd == (16_240 if scoped else 16_645)
    assert found.previous_half == 900

    auth.login(staff)
    form_scope = f"location:{main.id}" if scoped else "all"
    on_stats = [
        _stats_value(client, "Visitors", date(2024, 7, 1), date(2024, 12, 31), form_scope),
        _stats_value(client, "Visitors", date(2024, 1, 1), date(2024, 12, 31), form_scope),
        _stats_value(client, "Visitors", date(2023, 7, 1), date(2023, 12, 31), form_scope),
        _stats_value(client, "Visitors", date(2023, 1, 1), date(2023, 12, 31), form_scope),
    ]
    assert _plan_values(client, plan, 12, "2024-12", point) == on_stats
    assert on_stats[0] == ("16,240" if scoped else "16,550")


def test_visitors_entered_after_sign_off_do_not_alter_the_frozen_checkpoint(plan, staff, places, count):
    main, lindved = places
    count(main, date(2024, 2, 5), 800)
    count(lindved, date(2024, 5, 1), 3_000, CountSpan.MONTH)
    everywhere = bind(staff, plan.action(20), "visitors")
    at_main = bind(staff, plan.action(23), "visitors", "location", str(main.id))
    june = services.get_checkpoint(plan, "2024-06")
    services.sign_off(staff, june, NOW)
    db.session.commit()

    count(main, date(2024, 3, 9), 450)  # entered late
    count(lindved, date(2024, 5, 1), 3_300, CountSpan.MONTH)  # a correction
    db.session.commit()
    db.session.expire_all()

    assert (figures.figures(everywhere, june).half, figures.figures(everywhere, june).frozen_at) == (3_800, NOW)
    assert figures.figures(at_main, june).half == 800
    assert figures.live(everywhere, june).half == compute("visitors", Period.half_year(2024, 1)).value == 4_550
    assert figures.figures(everywhere, services.get_checkpoint(plan, "2024-12")).ytd == 4_550  # open: live


# --- statements, interviews and practice stories ---------------------------------------------------


def test_statements_interviews_and_stories_are_counted_each_by_its_kind(plan, staff, places, add_statement):
    main, lindved = places
    for day in (date(2024, 1, 10), date(2024, 2, 1), date(2024, 9, 3)):
        add_statement(main, day)
    add_statement(lindved, date(2024, 10, 1), kind=StatementKind.PRACTICE_STORY)
    add_statement(lindved, date(2023, 10, 1), kind=StatementKind.PRACTICE_STORY)
    add_statement(lindved, date(2024, 11, 1), kind=StatementKind.PRACTICE_STORY)
    stated = bind(staff, plan.action(12), "statements")
    stated_at_lindved = bind(staff, plan.action(13), "statements", "location", str(lindved.id))
    stories = bind(staff, plan.action(2), "practice_stories")
    december = services.get_checkpoint(plan, "2024-12")

    found = figures.figures(stated, december)
    assert (found.half, found.ytd) == (1, 3)
    assert figures.figures(stated_at_lindved, december).ytd == 0
    stories_found = figures.figures(stories, december)
    assert (stories_found.half, stories_found.previous_half, stories_found.trend) == (2, 1, "up")


@pytest.mark.parametrize(("interviews", "met"), [(7, False), (8, True), (10, True)])
def test_interviews_against_the_target_of_8_to_10_a_year(plan, staff, places, add_statement, interviews, met):
    main, _lindved = places
    for n in range(interviews):
        add_statement(main, date(2024, 3 + n % 2 * 6, 1 + n), kind=StatementKind.INTERVIEW)
    add_statement(main, date(2024, 4, 1))  # a statement is not an interview
    point = bind(staff, plan.action(18), "interviews", target_min=8, target_max=10)

    december = figures.figures(point, services.get_checkpoint(plan, "2024-12"))
    assert december.ytd == interviews == compute("interviews", Period.year(2024)).value
    assert december.target_met is met
    assert figures.figures(point, services.get_checkpoint(plan, "2024-06")).target_met is None


# --- the figures' names in the reader's language ---------------------------------------------------


def test_danish_pages_name_the_figures_in_danish(plan, person, client, auth, places, chess_club):
    main, _lindved = places
    dansk = person("staff", locale="da")
    bind(dansk, plan.action(12), "visitors", "location", str(main.id))
    bind(dansk, plan.action(12), "loans_from_the_library_system")
    bind(dansk, plan.action(16), "communities_edition_published")
    editions.publish(dansk, editions.create_edition(dansk, 2024, NOW), NOW)
    db.session.commit()
    auth.login(dansk)

    base = f"/personale/handlingsplaner/{plan.slug}/handling"
    action = client.get(f"{base}/12?checkpoint=2024-12").get_data(as_text=True)
    assert "Tal fra systemet: Besøgende – Ét sted: Hovedbiblioteket" in action
    assert "loans_from_the_library_system (endnu ikke tilgængeligt)" in action
    assert "Tallet er ikke tilgængeligt" in action
    assert "Visitors" not in action and "(location " not in action
    published = client.get(f"{base}/16?checkpoint=2024-12").get_data(as_text=True)
    assert re.search(r'<td class="num">Ja</td>\s*<td class="num">Ja</td>\s*<td class="num">Nej</td>', published)
    stats = client.get("/personale/statistik?fra=2024-01-01&til=2024-12-31").get_data(as_text=True)
    assert ">Besøgende</a>" in stats and ">Borgerudsagn</a>" in stats and ">Visitors<" not in stats
    explained = client.get("/personale/statistik/tal").get_data(as_text=True)
    assert "Besøgende" in explained and "People counted coming into" not in explained
