"""Demo review: the main library's completed review of last year, with evaluations and
decisions (some still open), and this year's review opened as a draft to follow them up."""

from __future__ import annotations

from datetime import date, timedelta

from booking.demo import DemoContext
from booking.review import services
from booking.review.models import DecisionArea, DecisionStatus
from booking.timeutil import local_date

EVALUATIONS = {
    "studierum-1": "Fuldt booket i eksamensperioderne, og de studerende efterspørger flere rum. "
    "Mange bookinger bliver ikke brugt.",
    "moedelokalet-aaen": "Godt brugt af foreninger om aftenen. Udstyret driller: projektoren mangler HDMI ved bordet.",
    "moedelokalet-skoven": "Bruges til lange bestyrelsesmøder; stolene får kritik.",
    "salen": "Booket langt frem til foredrag. Teleslyngen roses.",
    "makerspace-vaerkstedet": "Stor efterspørgsel fra unge; der er kø ved 3D-printeren.",
}

DECISIONS = [
    ("moedelokalet-aaen", DecisionArea.EQUIPMENT, "HDMI- og USB-C-kabel fast ved bordet i Åen.", "Driftsteamet",
     60, DecisionStatus.DONE),
    ("moedelokalet-skoven", DecisionArea.FURNITURE, "Nye stole til Skoven, der kan holde til lange møder.",
     "Filialleder", 200, DecisionStatus.IN_PROGRESS),
    ("studierum-1", DecisionArea.BOOKING_RULES, "Bookinger af studierum frigives, hvis de ikke er taget i brug "
     "efter 15 minutter.", "Digital koordinator", 120, DecisionStatus.OPEN),
    (None, DecisionArea.OPENING_HOURS, "Undersøge betjent åbningstid lørdag til kl. 16 i vinterhalvåret.",
     "Biblioteksleder", 300, DecisionStatus.OPEN),
]  # fmt: skip


def seed(ctx: DemoContext) -> None:
    staff = ctx.users.get("personale@folkebiblioteket.example")
    place = ctx.locations.get("hovedbiblioteket-soeby")
    if staff is None or place is None:
        return
    today = local_date(ctx.now)
    last_year = today.year - 1
    review = services.open_review(staff, place.id, last_year, ctx.now)
    review.summary = (
        "Rummene bruges mere end nogensinde, især studierummene og salen. Borgerne efterspørger bedre "
        "udstyr i mødelokalerne og flere stille arbejdspladser."
    )
    for slug, text in EVALUATIONS.items():
        if slug in ctx.rooms:
            services.set_evaluation(staff, review, ctx.rooms[slug].id, text, ctx.now)
    for slug, area, text, owner, due_days, status in DECISIONS:
        data = services.DecisionData(
            area=area, description=text, owner=owner, room_id=ctx.rooms[slug].id if slug in ctx.rooms else None,
            due_on=date(last_year + 1, 1, 1) + timedelta(days=due_days), status=DecisionStatus.OPEN,
        )  # fmt: skip
        decision = services.add_decision(staff, review, data, ctx.now)
        decision.status = status
    services.complete_review(staff, review, ctx.now)
    services.open_review(staff, place.id, today.year, ctx.now)
