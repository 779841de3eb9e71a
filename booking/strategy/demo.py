"""Demo: the library's real action plan 2023–2025, its measurement points bound to the figures
the system knows, loans from the library system, and statuses for the checkpoints passed.

Runs after every other feature's demo; the plan's years before the demo's own data are
filled in by :mod:`booking.strategy.demo_history`, so a checkpoint signed off here freezes
real figures.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from booking.demo import DemoContext
from booking.strategy import importing, points, services
from booking.strategy.demo_history import seed_history
from booking.strategy.models import Plan, PointKind, StatusState
from booking.strategy.planfile import read_plan_file
from booking.timeutil import local_date

PLAN_FILE = Path(__file__).parent / "data" / "handlingsplan_2023_2025.csv"
STAFF_EMAIL = "personale@folkebiblioteket.example"
OWNERS = {"Helle": "helle@folkebiblioteket.example", "Nana": "nana@folkebiblioteket.example"}

VISITORS = ("Samlet antal besøgende på bibliotekerne", "visitors", "all", None)
STATEMENTS = ("Kvalitative udsagn fra borgere (registrerede)", "statements", "all", None)
STORIES = ("Praksisfortællinger (registrerede)", "practice_stories", "all", None)
LOANS = "Samlet antal udlån (fra bibliotekssystemet)"

# action number -> points: (description, metric key, scope kind, scope value)
BOUND: dict[int, list[tuple[str, str, str, str | None]]] = {
    1: [
        ("Deltagere i aktiviteter for unge 13–17 år", "activity_participants", "target_group", "young_people"),
        VISITORS,
    ],
    2: [STORIES],
    3: [STORIES],
    7: [
        ("Deltagere i aktiviteter for børn 0–12 år", "activity_participants", "target_group", "children"),
        ("Deltagere i aktiviteter for unge 13–17 år", "activity_participants", "target_group", "young_people"),
        ("Gennemførte aktiviteter", "activities_held", "all", None),
    ],
    9: [STORIES],
    10: [STORIES],
    12: [VISITORS, STATEMENTS],
    13: [VISITORS, STATEMENTS],
    14: [("Bookingsystem i brug", "booking_system_in_use", "all", None),
         ("Bookinger af lokaler", "bookings", "all", None)],
    15: [VISITORS, STATEMENTS],
    16: [("Årlig oversigt over åbne fællesskaber udgivet", "communities_edition_published", "all", None)],
    17: [("Overblik over engagement oprettet", "engagement_overview", "all", None)],
    18: [("Korte interviews med borgere", "interviews", "all", None)],
    20: [VISITORS],
    23: [VISITORS],
}
EXTERNAL = {19: [LOANS], 21: ["Antal udlån (fra bibliotekssystemet)", "Antal unikke lånere"], 23: [LOANS]}
# Loans and unique borrowers per half year, as the library system reports them.
LOANS_PER_HALF = {(2022, 1): 118_400, (2022, 2): 112_900, (2023, 1): 121_300, (2023, 2): 116_800,
                  (2024, 1): 124_950, (2024, 2): 119_400, (2025, 1): 127_100, (2025, 2): 121_800}  # fmt: skip
BORROWERS_PER_HALF = {(2022, 1): 9_120, (2022, 2): 8_870, (2023, 1): 9_310, (2023, 2): 9_020,
                      (2024, 1): 9_540, (2024, 2): 9_260, (2025, 1): 9_700, (2025, 2): 9_480}  # fmt: skip
CHILDREN_0_17 = {2023: 5_860, 2024: 5_810, 2025: 5_790, 2026: 5_770}

# Statuses written at the checkpoints (state and text), for the actions the demo tells about.
STORY: dict[int, list[tuple[StatusState, str]]] = {
    14: [
        (StatusState.IN_PROGRESS, "Behov og muligheder er afdækket sammen med Data og Kultur og fritid."),
        (StatusState.IN_PROGRESS, "Beslutning truffet om et selvbetjent bookingsystem; opsætning af lokaler i gang."),
        (StatusState.DONE, "Bookingsystemet er i drift på alle biblioteker og mødesteder."),
        (StatusState.DONE, "Systemet bruges af foreninger og borgere; tal for bookinger indgår i årets status."),
    ],
    16: [
        (StatusState.IN_PROGRESS, "Første udkast til oversigten er sendt til foreningerne."),
        (StatusState.IN_PROGRESS, "Oversigten for 2024 er lavet i hånden som pdf; fra 2025 udgives den fra systemet."),
        (StatusState.IN_PROGRESS, "Oversigten for 2025 er under redigering."),
        (StatusState.DONE, "Oversigten over åbne fællesskaber 2025 er udgivet."),
    ],
    17: [
        (StatusState.NOT_STARTED, "Afventer bookingsystemet."),
        (StatusState.IN_PROGRESS, "Aflysninger, gennemførte arrangementer og venteliste registreres nu."),
        (StatusState.DONE, "Overblikket er oprettet og bruges i Arrangementsgruppen."),
        (StatusState.DONE, "Overblikket indgår i den halvårlige opfølgning."),
    ],
    18: [
        (StatusState.NOT_STARTED, ""),
        (StatusState.IN_PROGRESS, "Fire interviews gennemført i foråret."),
        (StatusState.IN_PROGRESS, "Ni interviews i alt i 2024; målet på 8–10 er nået."),
        (StatusState.IN_PROGRESS, "Fem interviews i første halvår 2025."),
    ],
    1: [
        (StatusState.IN_PROGRESS, "Kreativ ungdom har afholdt to prøvehandlinger med i alt 34 unge."),
        (StatusState.IN_PROGRESS, "Formatet afprøves nu også på Lindved Bibliotek."),
        (StatusState.IN_PROGRESS, "De unge planlægger selv to arrangementer i foråret."),
        (StatusState.DONE, "Modellen er beskrevet og kan bruges på alle biblioteker."),
    ],
    10: [
        (StatusState.POSTPONED, "Afventer ansættelse i Sundhedsfremmes nye center."),
        (StatusState.POSTPONED, "Afventer fortsat ansættelse."),
        (StatusState.IN_PROGRESS, "Første prøvehandling (naturtræning) er gennemført."),
        (StatusState.IN_PROGRESS, "Guidet fælleslæsning er i gang på to biblioteker."),
    ],
    8: [
        (StatusState.NOT_STARTED, ""),
        (StatusState.DROPPED, "eReolen Go via UNI-login håndteres nu centralt af Læring."),
        (StatusState.DROPPED, ""),
        (StatusState.DROPPED, ""),
    ],
}
_N, _I, _D, _P = StatusState.NOT_STARTED, StatusState.IN_PROGRESS, StatusState.DONE, StatusState.POSTPONED
# The other actions move at different paces (chosen by action number).
PACES = [[_N, _N, _I, _I], [_I, _I, _I, _D], [_N, _I, _I, _I], [_I, _P, _I, _I]]


def seed(ctx: DemoContext) -> Plan | None:
    staff = ctx.users.get(STAFF_EMAIL)
    if staff is None or not PLAN_FILE.exists():
        return None
    now = ctx.now
    plan = importing.import_plan(staff, read_plan_file(PLAN_FILE.read_bytes(), PLAN_FILE.name), now).plan
    assert plan is not None
    for action in plan.actions:
        owner = next((ctx.users.get(email) for name, email in OWNERS.items() if action.owner_text.startswith(name)),
                     None)  # fmt: skip
        if owner is not None:
            services.update_action(staff, action, owner_id=owner.id)
        _bind(staff, action, now)
    seed_history(ctx, plan, staff)
    _statuses(staff, plan, now)
    services.set_public(staff, plan, True)
    ctx.extra["strategy_plan"] = plan
    return plan


def _bind(staff, action, now) -> None:
    for description, key, scope_kind, scope_value in BOUND.get(action.number, []):
        data = points.PointData(description, PointKind.METRIC, key, scope_kind, scope_value)
        if key == "interviews":
            data.target_min, data.target_max = 8, 10
        if key == "activity_participants" and action.number == 7:
            data.reference_label = "Børn og unge 0–17 år i kommunen"
        point = points.add_point(staff, action, data)
        for year, value in CHILDREN_0_17.items() if data.reference_label else ():
            points.set_reference_figure(staff, point, year, value, now)
    for description in EXTERNAL.get(action.number, []):
        point = points.add_point(staff, action, points.PointData(description, PointKind.EXTERNAL))
        figures = BORROWERS_PER_HALF if "lånere" in description else LOANS_PER_HALF
        for (year, half), value in figures.items():
            points.set_external_figure(staff, point, year, half, value, now)


def _statuses(staff, plan: Plan, now) -> None:
    """Statuses for each checkpoint already passed; all but the latest are signed off."""
    today = local_date(now)
    passed = [cp for cp in plan.checkpoints if cp.due_on + timedelta(days=14) < today][:4]
    for index, checkpoint in enumerate(passed):
        for action in plan.actions:
            story = STORY.get(action.number)
            if story:
                state, text = story[index]
            else:
                state, text = PACES[action.number % len(PACES)][index], ""
            services.set_status(staff, action, checkpoint, state, text, now)
    for checkpoint in passed[:-1]:
        services.sign_off(staff, checkpoint, now)
