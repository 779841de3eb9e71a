# ruff: noqa: E501  (the demo table reads best one wish per line)
"""Demo season allocation: last season's round done, this season's round open with an
application from every demo organisation, with clashes across the tiers on the busy evenings.

Made through the services, as the associations and staff would, at times inside the windows.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from booking.allocation import applications as apps
from booking.allocation import seams, suggestion
from booking.allocation import services as rounds
from booking.allocation.models import AllocationRound, Answer, RoundState
from booking.demo import DemoContext
from booking.errors import DomainError
from booking.extensions import db
from booking.timeutil import local_date, local_to_utc
from booking.validation import slugify

STAFF_EMAIL = "personale@folkebiblioteket.example"
ROOMS = ("salen", "sal-a", "sal-b", "moedelokalet-skoven", "havnestuen", "drejeskiven", "klubrummet")
SUITED = ("drejeskiven",)  # step-free, a hearing loop and an accessible toilet next door
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

# (organisation, weekday, from, to, rooms in order, participants, age group, activity, how often, disabilities)
WISHES: list[tuple[str, int, str, str, tuple[str, ...], int, str, str, str, bool]] = [
    ("Skakklubben Springeren", TUE, "19:00", "22:00", ("moedelokalet-skoven", "sal-a"), 18, "adults", "Klubaften med turneringsskak", "weekly", False),
    ("Skakklubben Springeren", SAT, "10:00", "13:00", ("moedelokalet-skoven",), 12, "children", "Skoleskak for børn", "weekly", False),
    ("Strikkecaféen Maskeløs", WED, "14:00", "16:00", ("havnestuen", "moedelokalet-skoven"), 14, "seniors", "Strikkecafé", "weekly", False),
    ("Sprogcafé Verden", TUE, "17:00", "19:00", ("moedelokalet-skoven", "sal-b"), 20, "mixed", "Sprogcafé: dansk over en kop kaffe", "weekly", False),
    ("Sprogcafé Verden", THU, "17:00", "19:00", ("havnestuen",), 15, "mixed", "Lektiecafé for voksne", "weekly", False),
    ("Bibliotekets Venner Søby", MON, "19:00", "21:00", ("sal-a",), 30, "adults", "Foredragsaftener", "fortnightly", False),
    ("Aftenskolen Lys & Læring", TUE, "18:00", "21:00", ("sal-a", "sal-b", "moedelokalet-skoven"), 16, "adults", "Italiensk for begyndere", "weekly", False),
    ("Aftenskolen Lys & Læring", WED, "18:30", "21:30", ("sal-b", "sal-a"), 14, "adults", "Akvarelmaling", "weekly", False),
    ("Aftenskolen Lys & Læring", THU, "19:00", "21:00", ("drejeskiven",), 20, "adults", "Yoga for alle", "weekly", False),
    ("Spejderne Ørnereden", TUE, "17:30", "19:30", ("sal-a", "salen"), 28, "children", "Ulve- og juniormøde", "weekly", False),
    ("Spejderne Ørnereden", THU, "18:00", "20:00", ("drejeskiven", "klubrummet"), 22, "youth", "Troppsmøde", "weekly", False),
    ("Ungdomsklubben Bølgen", WED, "18:00", "21:00", ("sal-b", "drejeskiven"), 35, "youth", "Rollespil og brætspil", "weekly", False),
    ("Ungdomsklubben Bølgen", FRI, "17:00", "21:00", ("salen",), 60, "youth", "Fredagscafé", "fortnightly", False),
    ("Kaffeklubben for seniorer", THU, "10:00", "12:00", ("klubrummet", "havnestuen"), 25, "seniors", "Formiddagskaffe med sang", "weekly", False),
    ("Lokalhistorisk Forening Søby", MON, "19:00", "21:30", ("sal-a", "moedelokalet-skoven"), 24, "seniors", "Lysbilledforedrag om gamle Søby", "fortnightly", False),
    ("Klimagruppen Grøn Omstilling", WED, "19:00", "21:00", ("moedelokalet-skoven",), 12, "adults", "Månedligt netværksmøde", "fortnightly", False),
    ("Brætspilsforeningen Terningen", TUE, "18:00", "22:00", ("sal-a", "sal-b"), 30, "adults", "Spilleaften", "weekly", False),
    ("Brætspilsforeningen Terningen", SUN, "13:00", "17:00", ("sal-b",), 20, "children", "Familiespil", "fortnightly", False),
    ("Læsekredsen Bogormene", MON, "17:00", "19:00", ("havnestuen",), 9, "adults", "Læsekreds", "fortnightly", False),
    ("Pårørendegruppen Demens Søby", THU, "16:00", "18:00", ("drejeskiven", "klubrummet"), 12, "adults", "Samtalegruppe for pårørende", "weekly", True),
    ("IT-hjælperne", TUE, "10:00", "12:00", ("havnestuen", "moedelokalet-skoven"), 10, "seniors", "IT-hjælp til ældre", "weekly", False),
    ("IT-hjælperne", THU, "10:00", "12:00", ("havnestuen",), 10, "seniors", "IT-hjælp til ældre", "weekly", False),
    ("Søby Kammerkor", WED, "19:00", "21:30", ("salen", "sal-a"), 32, "adults", "Korprøve", "weekly", False),
    ("Venskabsfamilier Søby", SAT, "10:00", "12:00", ("klubrummet",), 30, "mixed", "Familiecafé", "fortnightly", False),
    ("Kommunens Sundhedsfremme", TUE, "17:00", "19:00", ("sal-b", "sal-a"), 20, "adults", "Rygestopkursus", "weekly", False),
    ("Ungdomsskolen Søby", WED, "17:00", "20:00", ("sal-b",), 18, "youth", "Musikværksted", "weekly", False),
    ("Kreativ Fritid", THU, "17:00", "20:00", ("drejeskiven", "sal-a"), 16, "children", "Keramik og ler for børn", "weekly", False),
    ("Kreativ Fritid", MON, "18:00", "21:00", ("sal-b",), 14, "adults", "Syværksted", "weekly", False),
    ("Hjerteforeningens lokalkomité", THU, "17:30", "19:00", ("drejeskiven",), 18, "seniors", "Motion for hjertepatienter", "weekly", True),
    ("Fotoklubben Blænde 8", TUE, "19:00", "21:30", ("moedelokalet-skoven", "sal-b"), 14, "adults", "Billedaften", "fortnightly", False),
    ("Fotoklubben Blænde 8", SAT, "13:00", "16:00", ("sal-b",), 10, "mixed", "Mørkekammer og redigering", "fortnightly", False),
]  # fmt: skip

# Slots held last season (organisation, weekday, from, to, room): they come first in their tier.
HELD = [
    ("Skakklubben Springeren", TUE, "19:00", "22:00", "moedelokalet-skoven"),
    ("Brætspilsforeningen Terningen", TUE, "18:00", "22:00", "sal-a"),
    ("Søby Kammerkor", WED, "19:00", "21:30", "salen"),
    ("Spejderne Ørnereden", THU, "18:00", "20:00", "klubrummet"),
]


def _round(ctx: DemoContext, staff, season_start: date, window_opens: date, now: datetime):
    """A season from 1 August to 30 June, as the municipality's associations know it."""
    data = rounds.RoundData(
        name=f"Sæsonfordeling {season_start.year}/{(season_start.year + 1) % 100:02d}",
        season_start=season_start,
        season_end=date(season_start.year + 1, 6, 30),
        window_opens=window_opens,
        window_closes=window_opens + timedelta(days=21),
        decision_date=window_opens + timedelta(days=35),
        accept_by=window_opens + timedelta(days=49),
        room_ids=[ctx.rooms[slug].id for slug in ROOMS],
        suited_room_ids=[ctx.rooms[slug].id for slug in SUITED],
    )
    round_ = rounds.create_round(staff, data, now)
    rounds.open_round(staff, round_, now)
    return round_


def _apply_all(ctx: DemoContext, round_: AllocationRound, wishes, first_day: date) -> None:
    names = list(dict.fromkeys(row[0] for row in wishes))
    year = round_.season_start.year
    for n, name in enumerate(names):
        organisation = ctx.organisations[slugify(name)]
        admin = apps.admins_of(organisation)[0]
        when = local_to_utc(first_day + timedelta(days=n % 9), time(9 + n % 10, (n * 7) % 60))
        if apps.get_profile(organisation, year) is None:
            apps.confirm_profile(
                admin, organisation, year,
                apps.ProfileData(admin.name, admin.email, admin.phone, admin.name, 20 + (n * 13) % 180, organisation.cvr),
                when,
            )  # fmt: skip
        data = [
            apps.WishData(
                weekday=day, starts=time.fromisoformat(start), ends=time.fromisoformat(end),
                room_ids=[ctx.rooms[slug].id for slug in room_slugs], participants=people, age_group=age,
                purpose=purpose, frequency=often, for_disabilities=disabled,
            )
            for org, day, start, end, room_slugs, people, age, purpose, often, disabled in wishes
            if org == name
        ]
        apps.save_application(admin, round_, organisation, data, None, when)


def _last_season(ctx: DemoContext, staff, season_start: date, window_opens: date) -> None:
    """A round a year ago, allocated by the rule, answered and done; its accepted times are
    booked as series for what is left of the season, as the answer would have booked them."""
    past = local_to_utc(window_opens, time(9))
    round_ = _round(ctx, staff, season_start, window_opens, past)
    held = [(org, day, start, end, (room,), 15, "adults", "Fast ugentlig aktivitet", "weekly", False)
            for org, day, start, end, room in HELD]  # fmt: skip
    others = [row for row in WISHES if row[0] not in {h[0] for h in HELD}][:12]
    _apply_all(ctx, round_, held + others, window_opens + timedelta(days=1))
    after = local_to_utc(round_.window_closes + timedelta(days=1), time(9))
    rounds.close_window(staff, round_, after)
    suggestion.apply_suggestion(staff, round_, after)
    round_.state = RoundState.DONE
    round_.decisions_sent_at = local_to_utc(round_.decision_date, time(12))
    for application in round_.applications:
        accepted = []
        for wish in application.wishes:
            if wish.is_granted:
                wish.answer = Answer.ACCEPTED if wish.position == 1 else Answer.GIVEN_BACK
                wish.answered_at = round_.decisions_sent_at + timedelta(days=3)
                if wish.answer == Answer.ACCEPTED:
                    accepted.append(wish)
        admin = apps.admins_of(application.organisation)[0]
        try:
            with db.session.begin_nested():
                seams.book_accepted_slots(admin, application, accepted, ctx.now)
        except DomainError:
            pass  # a slot another demo feature has booked meanwhile stays unbooked


def seed(ctx: DemoContext) -> None:
    staff = ctx.users[STAFF_EMAIL]
    today = local_date(ctx.now)
    window_opens = today - timedelta(days=10)
    # The next 1 August far enough ahead for the decisions to be sent before it.
    season_start = date(today.year if today < date(today.year, 6, 1) else today.year + 1, 8, 1)
    _last_season(ctx, staff, date(season_start.year - 1, 8, 1), window_opens - timedelta(days=364))
    current = _round(ctx, staff, season_start, window_opens, ctx.now)
    _apply_all(ctx, current, WISHES, window_opens)
    ctx.extra["allocation_round"] = current
