"""The engagement overview and the activity figures, on a small fixed dataset whose figures
are worked out by hand below."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from booking.activities import overview as ov
from booking.activities import registration as reg
from booking.activities import services
from booking.activities.models import Activity, TargetGroup
from booking.errors import Invalid, NotAllowed
from booking.extensions import db
from booking.metrics.activities import compute_in_location
from booking.metrics.registry import Period, Scope, ScopeKind, compute
from tests.activities.conftest import STARTS
from tests.factories import NOW

PERIOD = Period(date(2026, 3, 1), date(2026, 4, 30))


@dataclass
class Dataset:
    a: object  # Hovedbiblioteket
    b: object  # a second library
    talk: Activity
    workshop: Activity
    song_time: Activity
    it_help: Activity


@pytest.fixture
def dataset(make_activity, sign_up, staff, place, create_location) -> Dataset:
    other = create_location("Havnstrup Bibliotek")
    week = timedelta(days=7)

    # 1. A talk for adults: 4 seats, 6 signed up (2 wait; one of them gives up), 3 come + 2 guests.
    talk = make_activity(capacity=4, max_seats_per_registration=1)
    seated = [sign_up(talk) for _ in range(4)]
    waiting = [sign_up(talk) for _ in range(2)]
    reg.cancel_registration(staff, waiting[0], NOW)
    services.complete_activity(staff, talk, [r.id for r in seated[:3]], 5, STARTS + timedelta(hours=2))

    # 2. A workshop for young people: 10 seats; a family of 3 and 2 singles, one single stays home.
    workshop = make_activity(title="Kreativt værksted", category="workshop", target_group="young_people",
                             capacity=10, when=STARTS + week)  # fmt: skip
    family, single, absent = sign_up(workshop, seats=3), sign_up(workshop), sign_up(workshop)
    services.complete_activity(staff, workshop, [family.id, single.id], None, STARTS + week + timedelta(hours=2))
    assert absent.status.value == "no_show"

    # 3. Song time for 0–6 at the other library: 2 seats, 3 signed up, then cancelled.
    song_time = make_activity(
        title="Sangstund", category="reading", target_group="age_0_6", location_id=other.id, room_id=None,
        capacity=2, max_seats_per_registration=1, when=STARTS + 2 * week,
    )  # fmt: skip
    for _ in range(3):
        sign_up(song_time)
    services.cancel_activity(staff, song_time, "Sygdom", NOW)

    # 4. A draft never published: never counted.
    make_activity(title="Kladde", publish=False, when=STARTS + 2 * week)

    # 5. Drop-in IT help for seniors at the other library: no sign-up, 12 came.
    it_help = make_activity(
        title="IT-café", category="it_help", target_group="seniors", location_id=other.id, room_id=None,
        registration_required=False, capacity=None, when=STARTS + 3 * week,
    )  # fmt: skip
    services.complete_activity(staff, it_help, [], 12, STARTS + 3 * week + timedelta(hours=2))

    # 6. Outside the period (May).
    sign_up(make_activity(title="Maj-foredrag", when=STARTS + 10 * week))
    db.session.commit()
    return Dataset(place, other, talk, workshop, song_time, it_help)


ALL_EXPECTED = {
    "activities_planned": 4,  # talk, workshop, song time, IT help
    "activities_held": 3,  # talk, workshop, IT help
    "activities_cancelled": 1,  # song time
    "activities_sold_out": 2,  # talk, song time
    "registrations": 14,  # 6 + 5 + 3 seats
    "waitlist_demand": 3,  # 2 at the talk (one gave up), 1 at song time
    "activity_participants": 21,  # 5 + 4 + 12
    "no_show_rate": 22.2,  # (1 + 1) / (4 + 5) seats checked
    "fill_rate": 64.3,  # (4 + 5) / (4 + 10) seats at completed activities with a limit
    "engagement_overview": True,
}


def test_the_figures_equal_the_hand_computed_ones(dataset):
    got = {key: compute(key, PERIOD).value for key in ALL_EXPECTED}

    assert got == ALL_EXPECTED


def test_figures_per_location_target_group_and_category(dataset):
    def figures(scope, location_id=None, keys=ov.KEYS):
        return {key: compute_in_location(key, PERIOD, scope, location_id).value for key in keys}

    assert figures(Scope(ScopeKind.LOCATION, dataset.b.id)) == {
        "activities_planned": 2, "activities_held": 1, "activities_cancelled": 1, "activities_sold_out": 1,
        "registrations": 3, "waitlist_demand": 1, "activity_participants": 12, "no_show_rate": None,
        "fill_rate": None,
    }  # fmt: skip
    young = figures(Scope(ScopeKind.TARGET_GROUP, "young_people"))
    assert (young["activities_held"], young["activity_participants"], young["no_show_rate"], young["fill_rate"]) == (
        1, 4, 20.0, 50.0)  # fmt: skip
    talks = figures(Scope(ScopeKind.ACTIVITY_CATEGORY, "talk"))
    assert (talks["activities_planned"], talks["registrations"], talks["waitlist_demand"]) == (1, 6, 2)
    # A target group within one library.
    toddlers = Scope(ScopeKind.TARGET_GROUP, "age_0_6")
    assert figures(toddlers, dataset.a.id)["activities_planned"] == 0
    assert figures(toddlers, dataset.b.id)["activities_cancelled"] == 1
    assert compute("activities_planned", Period(date(2026, 5, 1), date(2026, 5, 31))).value == 1


def test_the_overview_reads_the_registry(dataset, staff):
    found = ov.engagement_overview(staff, PERIOD, None)

    assert {key: figure.value for key, figure in found.totals.items()} == {
        key: value for key, value in ALL_EXPECTED.items() if key != "engagement_overview"
    }
    assert found.in_use is True
    groups = {row.key: row.values for row in found.by_target_group}
    assert groups[TargetGroup.SENIORS]["activity_participants"] == 12
    assert sum(row.values["activities_planned"] for row in found.by_category) == 4
    assert [a.title for a in found.cancelled] == ["Sangstund"]
    assert found.youth_year == 2026
    youth = {row.key: row.values for row in found.youth}
    assert youth[TargetGroup.YOUNG_PEOPLE] == {
        "activities_planned": 1, "activities_held": 1, "activity_participants": 4}  # fmt: skip
    assert youth[TargetGroup.TODDLERS] == {"activities_planned": 1, "activities_held": 0, "activity_participants": 0}
    assert [a.title for a in found.youth_activities] == ["Kreativt værksted"]

    at_b = ov.engagement_overview(staff, PERIOD, dataset.b)
    assert at_b.totals["activity_participants"].value == 12
    assert {row.key: row.values["activities_planned"] for row in at_b.by_target_group}[TargetGroup.ADULTS] == 0


def test_the_overview_is_for_staff_only(person):
    for role in ("anonymous", "citizen", "member", "org_admin"):
        with pytest.raises(NotAllowed):
            ov.engagement_overview(person(role), PERIOD, None)


def test_the_overview_page_and_csv(client, auth, person, dataset):
    auth.login(person("staff", locale="da"))
    response = client.get("/personale/arrangementer/overblik?fra=2026-03-01&til=2026-04-30")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'data-key="activity_participants">21<' in html
    assert 'data-key="no_show_rate">22,2&nbsp;%<' in html
    assert "<svg" in html and "Sygdom" in html
    assert "Overblik over engagement" in html

    csv = client.get("/personale/arrangementer/overblik.csv?fra=2026-03-01&til=2026-04-30&sted=" + str(dataset.b.id))
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    text = csv.get_data(as_text=True)
    assert "I alt;Alle;Deltagere i arrangementer;12;people" in text
    assert "Børn og unge 2026;Børn 0–6 år;Planlagte arrangementer;1;count" in text


def test_a_period_that_ends_before_it_starts_is_a_form_error(client, auth, staff):
    auth.login(staff)
    response = client.get("/personale/arrangementer/overblik?fra=2026-05-01&til=2026-03-01")
    assert response.status_code == 200
    assert "Perioden slutter" in response.get_data(as_text=True) or "period ends" in response.get_data(as_text=True)


@pytest.mark.parametrize(("kind", "value"), [(ScopeKind.TARGET_GROUP, "young"), (ScopeKind.ACTIVITY_CATEGORY, "rave")])
def test_an_unknown_group_is_a_clear_error(app, kind, value):
    with pytest.raises(Invalid, match=r"young_people|talk"):
        compute("activity_participants", PERIOD, Scope(kind, value))
