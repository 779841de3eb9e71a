"""Demo activities: a year of the library's programme in Søby Kommune.

Nine months back and three ahead, made through the services as staff and citizens would have
made them at the time (each step with its own "now"), so sign-ups, waitlists, promotions,
cancellations and attendance follow the real rules. Mail queued along the way is dropped:
nobody is to receive demo mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import delete, select

from booking.activities import registration as reg
from booking.activities import services
from booking.activities.models import Activity, ActivityCategory, RegistrationStatus, TargetGroup
from booking.demo import DemoContext
from booking.errors import DomainError
from booking.extensions import db
from booking.notifications.models import OutboxMessage
from booking.timeutil import local_date, local_to_utc
from booking.validation import slugify

STAFF_EMAIL = "personale@folkebiblioteket.example"
WEEKS_BACK, WEEKS_AHEAD = 39, 13


@dataclass(frozen=True)
class Template:
    title: str
    description: str
    category: ActivityCategory
    target_group: TargetGroup
    room: str | None  # room slug; None: in the library itself (place below)
    place: str
    weekday: int
    clock: str
    minutes: int
    capacity: int | None  # None: drop-in without sign-up
    popularity: float  # sign-ups per seat, on average
    every: int = 1  # every n weeks
    seats: int = 1  # most seats one sign-up may ask for
    price: int = 0
    partner: str | None = None


T, G = ActivityCategory, TargetGroup
TEMPLATES = [
    Template("Babysalmesang", "Sang, rim og bevægelse for de mindste (0–1 år) og deres voksne. Tag et tæppe med.",
             T.READING, G.TODDLERS, "moedelokalet-aaen", "hovedbiblioteket-soeby", 1, "10:00", 45, 10, 1.5,
             every=3, seats=2),
    Template("Sangstund for de mindste", "Vi synger, leger og læser højt for børn på 1–3 år.",
             T.READING, G.TODDLERS, "lindvedstuen", "lindved-bibliotek", 3, "10:00", 45, 12, 1.0, every=4, seats=3),
    Template("Lego-værksted", "Byg robotter og biler i LEGO sammen med bibliotekets formidlere. For børn 7–12 år.",
             T.WORKSHOP, G.CHILDREN, "havnestuen", "havnstrup-bibliotek", 2, "15:30", 90, 12, 1.0, every=4),
    Template("3D-print for unge", "Lær at tegne og printe din egen figur i Makerspace. For unge 13–18 år.",
             T.WORKSHOP, G.YOUNG_PEOPLE, "makerspace-vaerkstedet", "hovedbiblioteket-soeby", 3, "16:00", 120, 8,
             1.4, every=4, partner="ungdomsskolen-soeby"),
    Template("Gaming-aften", "Turnering i Mario Kart og brætspil. Pizza for 20 kr.", T.CULTURE, G.YOUNG_PEOPLE,
             "klubrummet", "medborgerhuset-engen", 4, "18:00", 180, 16, 0.8, every=6, price=20),
    Template("Forfattermøde", "Månedens forfatter fortæller om sin nye roman og læser op. Kaffe og kage.",
             T.TALK, G.ADULTS, "salen", "hovedbiblioteket-soeby", 2, "19:00", 90, 40, 1.1, every=8, price=50,
             partner="bibliotekets-venner-soeby"),
    Template("Klimadialog: Grøn omstilling i Søby", "Borgermøde om kommunens klimaplan, med oplæg og debat.",
             T.DIALOGUE, G.ADULTS, "drejeskiven", "kulturhuset-remisen", 0, "19:00", 120, 30, 0.6, every=8,
             partner="klimagruppen-groen-omstilling"),
    Template("IT-hjælp: MitID og Digital Post", "Frivillige hjælper med telefon, tablet og computer. Bare mød op.",
             T.IT_HELP, G.SENIORS, None, "hovedbiblioteket-soeby", 4, "10:00", 120, None, 0,
             every=2, partner="it-hjaelperne"),
    Template("Kom godt i gang med tablet", "Kursus i fire små trin for seniorer. Tag din egen tablet med.",
             T.COURSE, G.SENIORS, "egestuen", "egebjerg-bibliotek", 1, "13:30", 120, 8, 1.2, every=6),
    Template("Familielørdag: Byg og leg", "Hele familien bygger papkassebyer og kuglebaner.", T.WORKSHOP,
             G.FAMILIES, "drejeskiven", "kulturhuset-remisen", 5, "10:30", 150, 24, 1.0, every=8, seats=5),
    Template("Filmklub: Danske klassikere", "Vi ser en dansk klassiker og snakker om den bagefter.",
             T.CULTURE, G.ADULTS, "havnestuen", "havnstrup-bibliotek", 3, "19:00", 150, 20, 0.6, every=6),
    Template("Koncert med Søby Kammerkor", "Kammerkoret synger danske sange gennem årstiderne.", T.CULTURE,
             G.EVERYONE, "drejeskiven", "kulturhuset-remisen", 6, "15:00", 90, 40, 1.1, every=8,
             partner="soeby-kammerkor"),
]  # fmt: skip

FIRST = ["Anne", "Mads", "Sofie", "Lars", "Fatima", "Peter", "Ida", "Omar", "Karen", "Jonas", "Lise", "Emil",
         "Birgit", "Ali", "Hanne", "Noah", "Freja", "Henrik", "Aya", "Bent"]  # fmt: skip
LAST = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
        "Khan", "Madsen", "Kristensen", "Olsen", "Thomsen", "Yilmaz"]  # fmt: skip
CANCEL_REASONS = [
    "Underviseren er blevet syg.",
    "For få tilmeldte.",
    "Lokalet er ramt af en vandskade.",
    "Forfatteren har måttet aflyse. Vi finder en ny dato.",
]


def _start(day: date, template: Template) -> datetime:
    return local_to_utc(day, time.fromisoformat(template.clock))


def _data(ctx: DemoContext, template: Template, starts_at: datetime) -> services.ActivityData:
    room = ctx.rooms.get(template.room) if template.room else None
    return services.ActivityData(
        title=template.title,
        description=template.description,
        category=template.category,
        target_group=template.target_group,
        location_id=ctx.locations[template.place].id,
        room_id=room.id if room else None,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=template.minutes),
        registration_required=template.capacity is not None,
        capacity=template.capacity,
        max_seats_per_registration=template.seats,
        price_kr=template.price,
        partner_ids=[ctx.organisations[template.partner].id] if template.partner in ctx.organisations else [],
    )


def _sign_ups(ctx: DemoContext, template: Template, activity: Activity, opened: datetime, until: datetime) -> None:
    """People sign up between ``opened`` and ``until`` (for a coming activity: so far)."""
    rng = ctx.rng
    share = (until - opened) / (activity.starts_at - opened)
    per_signup = (template.seats + 1) / 2
    wanted = round((template.capacity or 0) * template.popularity * rng.uniform(0.5, 1.25) * share / per_signup)
    span = (until - opened).total_seconds()
    made = []
    for n, moment in enumerate(sorted(rng.uniform(0, span) for _ in range(wanted))):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        data = reg.SignUp(
            name=f"{first} {last}",
            email=f"{slugify(first)}.{slugify(last)}.{activity.id}.{n}@example.com",
            seats=rng.randint(1, template.seats),
        )
        made.append(reg.register(None, activity, data, opened + timedelta(seconds=moment)))
    # About one in ten cancel later, which promotes the waitlist.
    for registration in made:
        if rng.random() < 0.1:
            when = registration.created_at + (until - registration.created_at) * rng.random()
            reg.cancel_registration(None, registration, when, token=reg.cancel_token(registration))


def _finish(ctx: DemoContext, staff: Any, template: Template, activity: Activity) -> None:
    rng = ctx.rng
    after = activity.ends_at + timedelta(hours=rng.randint(1, 48))
    seated = [r for r in activity.registrations if r.status == RegistrationStatus.CONFIRMED]
    came = [r.id for r in seated if rng.random() < 0.86]
    if template.capacity is None:
        headcount = rng.randint(6, 22)
    else:
        headcount = sum(r.seats for r in seated if r.id in came) + rng.randint(0, 3)
    services.complete_activity(staff, activity, came, headcount, after)


def _one(ctx: DemoContext, staff: Any, template: Template, day: date, today: date) -> None:
    starts_at = _start(day, template)
    made_at = min(starts_at - timedelta(days=35), ctx.now - timedelta(hours=2))
    activity = services.create_activity(staff, _data(ctx, template, starts_at), made_at)
    if day > today + timedelta(days=60) and ctx.rng.random() < 0.5:
        return  # a draft, not yet published
    published = made_at + timedelta(hours=1)
    services.publish_activity(staff, activity, published)
    last_call = min(starts_at - timedelta(days=2), ctx.now)
    if template.capacity is not None and last_call > published:
        _sign_ups(ctx, template, activity, published, last_call)
    if ctx.rng.random() < 0.07 and last_call > published:
        services.cancel_activity(staff, activity, ctx.rng.choice(CANCEL_REASONS), last_call)
    elif day < today:
        _finish(ctx, staff, template, activity)


def seed(ctx: DemoContext) -> None:
    staff = ctx.users[STAFF_EMAIL]
    today = local_date(ctx.now)
    monday = today - timedelta(days=today.weekday())
    for week in range(-WEEKS_BACK, WEEKS_AHEAD + 1):
        for number, template in enumerate(TEMPLATES):
            if (week + number) % template.every:
                continue
            day = monday + timedelta(weeks=week, days=template.weekday)
            if day == today:
                continue
            try:
                with db.session.begin_nested():
                    _one(ctx, staff, template, day, today)
            except DomainError:
                continue  # a clash with the demo's room bookings or a closed day: leave that date out
    # Nobody is to receive the demo's mails about sign-ups and the activities' room bookings.
    booking_ids = select(Activity.booking_id).where(Activity.booking_id.is_not(None))
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.subject_type == "registration"))
    db.session.execute(
        delete(OutboxMessage).where(OutboxMessage.subject_type == "booking", OutboxMessage.subject_id.in_(booking_ids))
    )
