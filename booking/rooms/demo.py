"""Demo places and rooms of the invented Søby Kommune in East Jutland.

Made through the services, as staff would make them, so the demo obeys the same rules as
real data. Closures are dated relative to today so the demo always has some coming up.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from booking.demo import DemoContext
from booking.rooms import locations as locs
from booking.rooms import services
from booking.rooms.models import BookingPolicy, LocationKind, RoomKind
from booking.timeutil import local_date

STAFF_EMAIL = "personale@folkebiblioteket.example"

EQUIPMENT = [
    ("Projektor", "Projector"),
    ("Skærm", "Screen"),
    ("Whiteboard", "Whiteboard"),
    ("Højttaleranlæg", "PA system"),
    ("Køkken", "Kitchen"),
    ("Teleslynge", "Hearing loop"),
    ("Trådløst net", "Wi-Fi"),
    ("Videomøde", "Video meeting"),
    ("3D-printer", "3D printer"),
    ("Laserskærer", "Laser cutter"),
    ("Symaskine", "Sewing machine"),
    ("Klaver", "Piano"),
]


def _every_day(opens: str, closes: str) -> dict[int, list[tuple[time, time]]]:
    return {weekday: [(time.fromisoformat(opens), time.fromisoformat(closes))] for weekday in range(7)}


def _days(spec: dict[tuple[int, ...], list[tuple[str, str]]]) -> dict[int, list[tuple[time, time]]]:
    week: dict[int, list[tuple[time, time]]] = {weekday: [] for weekday in range(7)}
    for weekdays, intervals in spec.items():
        for weekday in weekdays:
            week[weekday] = [(time.fromisoformat(a), time.fromisoformat(b)) for a, b in intervals]
    return week


WEEKDAYS, SATURDAY, SUNDAY = (0, 1, 2, 3, 4), (5,), (6,)

# Libraries are "åbne biblioteker": open for self-service with a health card and PIN outside
# the staffed hours, and the rooms can be used all those hours.
PLACES: list[dict[str, Any]] = [
    {
        "name": "Hovedbiblioteket Søby",
        "address": "Torvegade 12",
        "postal_code": "8690",
        "city": "Søby",
        "email": "hovedbiblioteket@soeby.example",
        "phone": "+45 87 10 20 00",
        "description": "Kommunens største bibliotek midt i Søby, ved torvet og busstationen.\n"
        "Betjent: mandag–fredag 10–18, lørdag 10–14.\n"
        "Åbent bibliotek med sundhedskort og pinkode alle dage 07–22.\n"
        "Parkering i kælderen under torvet; cykelparkering ved indgangen.",
        "hours": _every_day("07:00", "22:00"),
    },
    {
        "name": "Lindved Bibliotek",
        "address": "Skolevej 4",
        "postal_code": "8694",
        "city": "Lindved",
        "email": "lindved@soeby.example",
        "description": "Lokalbibliotek i samme bygning som Lindved Skole.\n"
        "Betjent: tirsdag og torsdag 14–18. Åbent bibliotek alle dage 07–22.",
        "hours": _every_day("07:00", "22:00"),
    },
    {
        "name": "Havnstrup Bibliotek",
        "address": "Havnegade 21",
        "postal_code": "8697",
        "city": "Havnstrup",
        "email": "havnstrup@soeby.example",
        "phone": "+45 87 10 20 40",
        "description": "Biblioteket ved lystbådehavnen, med udsigt over bugten fra første sal.\n"
        "Betjent: mandag–torsdag 12–17, lørdag 10–13. Åbent bibliotek hverdage 07–22, weekend 08–20.",
        "hours": _days({WEEKDAYS: [("07:00", "22:00")], SATURDAY + SUNDAY: [("08:00", "20:00")]}),
    },
    {
        "name": "Egebjerg Bibliotek",
        "address": "Egebjerg Hovedgade 7",
        "postal_code": "8699",
        "city": "Egebjerg",
        "email": "egebjerg@soeby.example",
        "description": "Et lille bibliotek i det gamle mejeri. Betjent onsdag 13–17.\n"
        "Åbent bibliotek alle dage 07–21.",
        "hours": _every_day("07:00", "21:00"),
    },
    {
        "name": "Kulturhuset Remisen",
        "kind": LocationKind.MEETING_PLACE,
        "address": "Remisevej 2",
        "postal_code": "8690",
        "city": "Søby",
        "email": "remisen@soeby.example",
        "phone": "+45 87 10 21 00",
        "description": "Kulturhus i den gamle lokomotivremise ved banegården, med sal, køkken og café.\n"
        "Huset er også åbent på helligdage.",
        "closed_on_public_holidays": False,
        "hours": _days(
            {(0, 1, 2, 3, 4): [("08:00", "23:30")], SATURDAY: [("09:00", "23:30")], SUNDAY: [("10:00", "18:00")]}
        ),
    },
    {
        "name": "Medborgerhuset Engen",
        "kind": LocationKind.MEETING_PLACE,
        "address": "Engvej 40",
        "postal_code": "8690",
        "city": "Søby",
        "email": "engen@soeby.example",
        "description": "Medborgerhus i boligområdet Engen. Dagcentret bruger huset mellem 12 og 16 på "
        "hverdage, så lokalerne kan bookes formiddag og aften.",
        "hours": _days({WEEKDAYS: [("09:00", "12:00"), ("16:00", "22:00")], SATURDAY: [("10:00", "16:00")]}),
    },
]

STEP_FREE = "Niveaufri adgang og handicaptoilet på etagen."

# (place slug, name, kind, capacity, equipment slugs, description, accessibility, rules)
ROOMS: list[tuple[str, str, RoomKind, int, tuple[str, ...], str, str, dict[str, Any]]] = [
    ("hovedbiblioteket-soeby", "Salen", RoomKind.HALL, 120,
     ("projektor", "hoejttaleranlaeg", "teleslynge", "traadloest-net"),
     "Bibliotekets store sal til foredrag, generalforsamlinger og koncerter. Kan deles i Sal A og Sal B.",
     "Niveaufri adgang fra bibliotekets indgang. Handicaptoilet ved siden af salen. Teleslynge i hele salen.",
     {"booking_policy": BookingPolicy.ORGANISATIONS, "min_duration_minutes": 60, "max_duration_minutes": 480,
      "slot_step_minutes": 30, "min_notice_hours": 72, "horizon_days": 365, "buffer_minutes": 30,
      "max_future_bookings_per_org": 8}),
    ("hovedbiblioteket-soeby", "Sal A", RoomKind.HALL, 60, ("projektor", "teleslynge", "traadloest-net"),
     "Den forreste halvdel af Salen, mod scenen.", STEP_FREE,
     {"booking_policy": BookingPolicy.ORGANISATIONS, "min_duration_minutes": 60, "max_duration_minutes": 480,
      "slot_step_minutes": 30, "min_notice_hours": 72, "horizon_days": 365, "buffer_minutes": 30}),
    ("hovedbiblioteket-soeby", "Sal B", RoomKind.HALL, 60, ("skaerm", "traadloest-net"),
     "Den bageste halvdel af Salen, med udgang til gården.", STEP_FREE,
     {"booking_policy": BookingPolicy.ORGANISATIONS, "min_duration_minutes": 60, "max_duration_minutes": 480,
      "slot_step_minutes": 30, "min_notice_hours": 72, "horizon_days": 365, "buffer_minutes": 30}),
    ("hovedbiblioteket-soeby", "Mødelokalet Åen", RoomKind.MEETING_ROOM, 12,
     ("skaerm", "whiteboard", "videomoede", "traadloest-net"),
     "Lyst mødelokale med udsigt til åen. Et bord til 12 og skærm til videomøder.", STEP_FREE,
     {"requires_approval": False, "min_duration_minutes": 30, "max_duration_minutes": 240,
      "min_notice_hours": 2, "horizon_days": 90}),
    ("hovedbiblioteket-soeby", "Mødelokalet Skoven", RoomKind.MEETING_ROOM, 20,
     ("projektor", "whiteboard", "teleslynge", "traadloest-net"),
     "Mødelokale til bestyrelsesmøder og kurser, borde i hesteskoform.", STEP_FREE,
     {"booking_policy": BookingPolicy.ORGANISATIONS, "min_duration_minutes": 60, "max_duration_minutes": 360,
      "slot_step_minutes": 30, "max_future_bookings_per_org": 10}),
    ("hovedbiblioteket-soeby", "Studierum 1", RoomKind.STUDY_ROOM, 4, ("whiteboard", "skaerm", "traadloest-net"),
     "Stille rum til gruppearbejde og eksamenslæsning.", STEP_FREE,
     {"requires_approval": False, "min_duration_minutes": 30, "max_duration_minutes": 180,
      "slot_step_minutes": 30, "min_notice_hours": 0, "horizon_days": 14}),
    ("hovedbiblioteket-soeby", "Studierum 2", RoomKind.STUDY_ROOM, 2, ("traadloest-net",),
     "Lille rum til to, til læsning eller en online samtale.", STEP_FREE,
     {"requires_approval": False, "min_duration_minutes": 30, "max_duration_minutes": 180,
      "slot_step_minutes": 30, "min_notice_hours": 0, "horizon_days": 14}),
    ("hovedbiblioteket-soeby", "Makerspace Værkstedet", RoomKind.MAKERSPACE, 10,
     ("3d-printer", "laserskaerer", "symaskine", "traadloest-net"),
     "Værksted med 3D-printere, laserskærer og symaskiner. Bruges til bibliotekets egne "
     "workshops; spørg personalet om introduktion.",
     "Niveaufri adgang. Arbejdsborde i to højder.",
     {"booking_policy": BookingPolicy.STAFF, "requires_approval": False, "min_duration_minutes": 60,
      "max_duration_minutes": 240, "slot_step_minutes": 30, "min_notice_hours": 0}),
    ("lindved-bibliotek", "Lindvedstuen", RoomKind.MEETING_ROOM, 16, ("projektor", "whiteboard", "traadloest-net"),
     "Mødelokale med tekøkken, deles med skolen i dagtimerne.", "Niveaufri adgang via skolegården.",
     {"requires_approval": False, "horizon_days": 120}),
    ("lindved-bibliotek", "Studieboksen", RoomKind.STUDY_ROOM, 3, ("traadloest-net",),
     "Lydtæt boks i biblioteket til lektier og onlinemøder.", "Niveaufri adgang. Boksen er smal.",
     {"requires_approval": False, "min_duration_minutes": 30, "max_duration_minutes": 180,
      "slot_step_minutes": 30, "min_notice_hours": 0, "horizon_days": 14}),
    ("havnstrup-bibliotek", "Havnestuen", RoomKind.MEETING_ROOM, 24, ("skaerm", "teleslynge", "traadloest-net"),
     "Mødesal i stueetagen med adgang til terrassen.", STEP_FREE,
     {"booking_policy": BookingPolicy.ORGANISATIONS, "min_duration_minutes": 60, "max_duration_minutes": 300,
      "slot_step_minutes": 30, "min_notice_hours": 48}),
    ("havnstrup-bibliotek", "Udsigten", RoomKind.MEETING_ROOM, 8, ("skaerm", "videomoede", "traadloest-net"),
     "Lille mødelokale på første sal med udsigt over bugten.",
     "Første sal uden elevator: der er kun trapper.",
     {"requires_approval": False, "max_duration_minutes": 180, "min_notice_hours": 1, "horizon_days": 60}),
    ("egebjerg-bibliotek", "Egestuen", RoomKind.MEETING_ROOM, 10, ("whiteboard", "traadloest-net"),
     "Hyggeligt lokale i det gamle mejeris kontor.", "Et trin ved indgangen; rampe kan lånes.",
     {"min_duration_minutes": 60, "slot_step_minutes": 30, "horizon_days": 90}),
    ("kulturhuset-remisen", "Drejeskiven", RoomKind.MEETING_ROOM, 40,
     ("projektor", "hoejttaleranlaeg", "teleslynge", "klaver", "traadloest-net"),
     "Rundt lokale under remisens kuppel, til møder, kor og små koncerter.", STEP_FREE,
     {"booking_policy": BookingPolicy.ORGANISATIONS, "min_duration_minutes": 60, "max_duration_minutes": 480,
      "slot_step_minutes": 30, "min_notice_hours": 72, "horizon_days": 365, "buffer_minutes": 15}),
    ("kulturhuset-remisen", "Remisens Køkken", RoomKind.KITCHEN, 16, ("koekken",),
     "Storkøkken med seks kogeøer, til madklubber og fællesspisning.", STEP_FREE,
     {"booking_policy": BookingPolicy.ORGANISATIONS, "min_duration_minutes": 120, "max_duration_minutes": 480,
      "slot_step_minutes": 30, "min_notice_hours": 72, "buffer_minutes": 30}),
    ("medborgerhuset-engen", "Klubrummet", RoomKind.MEETING_ROOM, 25, ("skaerm", "whiteboard", "traadloest-net"),
     "Foreningernes lokale i Engen, med skabe til foreningernes egne ting.", STEP_FREE,
     {"booking_policy": BookingPolicy.ORGANISATIONS, "requires_approval": False, "min_duration_minutes": 60,
      "slot_step_minutes": 30, "horizon_days": 120, "max_future_bookings_per_org": 6}),
    ("medborgerhuset-engen", "Fælleskøkkenet", RoomKind.KITCHEN, 12, ("koekken", "traadloest-net"),
     "Køkken med spisebord til tolv. Husk at vaske op og tage affaldet med.", STEP_FREE,
     {"min_duration_minutes": 120, "max_duration_minutes": 360, "slot_step_minutes": 30,
      "min_notice_hours": 48, "horizon_days": 90, "buffer_minutes": 30}),
]  # fmt: skip

# Parts of a divisible hall, by name, and the slug of the whole (made before its parts).
PARTS = {"Sal A": "salen", "Sal B": "salen"}


def _next(today: date, month: int, day: int) -> date:
    """The next ``day``/``month`` on or after today."""
    this_year = date(today.year, month, day)
    return this_year if this_year >= today else date(today.year + 1, month, day)


def _seed_equipment(ctx: DemoContext, staff: Any) -> dict[str, Any]:
    items = [services.create_equipment(staff, name_da=da, name_en=en) for da, en in EQUIPMENT]
    ctx.extra["equipment"] = {item.slug: item for item in items}
    return ctx.extra["equipment"]


def _seed_places(ctx: DemoContext, staff: Any) -> None:
    for spec in PLACES:
        values = {key: value for key, value in spec.items() if key != "hours"}
        place = locs.create_location(staff, locs.LocationData(**values), ctx.now)
        locs.set_opening_hours(staff, place, spec["hours"])
        ctx.locations[place.slug] = place


def _seed_rooms(ctx: DemoContext, staff: Any, equipment: dict[str, Any]) -> None:
    for place_slug, name, kind, capacity, tags, description, access, rules in ROOMS:
        data = services.RoomData(
            location_id=ctx.locations[place_slug].id,
            name=name,
            kind=kind,
            capacity=capacity,
            description=description,
            accessibility=access,
            equipment_ids=[equipment[tag].id for tag in tags],
            parent_id=ctx.rooms[PARTS[name]].id if name in PARTS else None,
            rules=services.RoomRules(**rules),
        )
        room = services.create_room(staff, data, ctx.now)
        ctx.rooms[room.slug] = room


def _seed_closures(ctx: DemoContext, staff: Any) -> None:
    today = local_date(ctx.now)
    # Christmas Eve and New Year's Eve are not public holidays in Denmark, but libraries close.
    for place in ctx.locations.values():
        for month, day, reason in ((12, 24, "Juleaftensdag"), (12, 31, "Nytårsaftensdag")):
            when = _next(today, month, day)
            locs.add_closure(staff, place, starts_on=when, ends_on=when, reason=reason, now=ctx.now)
    summer = _next(today, 8, 2)
    locs.add_closure(
        staff, ctx.locations["hovedbiblioteket-soeby"], starts_on=summer - timedelta(days=27), ends_on=summer,
        reason="Sommerrenovering: nyt loft og ny ventilation", now=ctx.now, room_id=ctx.rooms["moedelokalet-skoven"].id,
    )
    floor = today + timedelta(days=40)
    locs.add_closure(
        staff, ctx.locations["hovedbiblioteket-soeby"], starts_on=floor, ends_on=floor + timedelta(days=4),
        reason="Nyt gulv i Sal B", now=ctx.now, room_id=ctx.rooms["sal-b"].id,
    )
    staff_day = today + timedelta(days=20)
    locs.add_closure(
        staff, ctx.locations["havnstrup-bibliotek"], starts_on=staff_day, ends_on=staff_day,
        reason="Personaledag: biblioteket er lukket", now=ctx.now,
    )


def seed(ctx: DemoContext) -> None:
    staff = ctx.users[STAFF_EMAIL]
    equipment = _seed_equipment(ctx, staff)
    _seed_places(ctx, staff)
    _seed_rooms(ctx, staff, equipment)
    _seed_closures(ctx, staff)
