"""A year of bookings in the demo municipality: the associations' weekly and monthly meetings as
series (booked a season at a time, two weeks ahead, as they would be), one-off meetings and
parties, some cancelled, some still awaiting approval, a few rejected, attendance on the dates
that have been held, and someone queueing for a taken evening.

Everything goes through the services with the time the request would have been made, so the
rules (opening hours, notice, horizon, clashes) hold as for real data. Dates are relative to
today, half a year back and half a year ahead.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update

from booking.bookings import approval, changes, services, waitlist
from booking.bookings.availability import busy_intervals
from booking.bookings.models import Booking, BookingStatus, Occurrence
from booking.bookings.recurrence import Frequency, Recurrence
from booking.bookings.rules import local_slot
from booking.demo import DemoContext
from booking.errors import DomainError
from booking.extensions import db
from booking.notifications.models import OutboxMessage, OutboxStatus
from booking.timeutil import local_date, local_to_utc

STAFF_EMAIL = "personale@folkebiblioteket.example"
HALF_YEAR = timedelta(days=182)
SEASON_WEEKS = 10

# (organisation slug, room name, weekday, start, end, title, public, frequency, interval)
SERIES = [
    ("skakklubben-springeren", "Sal B", 1, "18:30", "21:30", "Klubaften i Springeren", True, Frequency.WEEKLY, 1),
    ("strikkecafeen-maskeloes", "Lindvedstuen", 2, "14:00", "16:00", "Strikkecafé", True, Frequency.WEEKLY, 1),
    (
        "sprogcafe-verden",
        "Havnestuen",
        3,
        "16:00",
        "18:00",
        "Sprogcafé: dansk over en kop kaffe",
        True,
        Frequency.WEEKLY,
        1,
    ),
    (
        "bibliotekets-venner-soeby",
        "Mødelokalet Skoven",
        4,
        "17:00",
        "19:00",
        "Bestyrelsesmøde",
        False,
        Frequency.MONTHLY_WEEKDAY,
        1,
    ),
    (
        "aftenskolen-lys-laering",
        "Drejeskiven",
        0,
        "19:00",
        "21:30",
        "Foredragsrække: Østjyllands historie",
        True,
        Frequency.WEEKLY,
        2,
    ),
    ("spejderne-oernereden", "Havnestuen", 3, "18:00", "20:00", "Spejdermøde", False, Frequency.WEEKLY, 1),
    ("kaffeklubben-for-seniorer", "Egestuen", 4, "10:00", "12:00", "Kaffeklub", True, Frequency.WEEKLY, 1),
    (
        "lokalhistorisk-forening-soeby",
        "Mødelokalet Skoven",
        3,
        "19:00",
        "21:00",
        "Lokalhistorisk aften",
        True,
        Frequency.MONTHLY_WEEKDAY,
        1,
    ),
    ("braetspilsforeningen-terningen", "Drejeskiven", 4, "18:00", "22:00", "Brætspilsaften", True, Frequency.WEEKLY, 1),
    ("laesekredsen-bogormene", "Lindvedstuen", 0, "19:00", "21:00", "Læsekreds", False, Frequency.WEEKLY, 2),
    (
        "it-hjaelperne",
        "Mødelokalet Åen",
        2,
        "10:00",
        "12:00",
        "IT-hjælp: spørg om din telefon",
        True,
        Frequency.WEEKLY,
        1,
    ),
    ("soeby-kammerkor", "Sal A", 1, "19:00", "21:30", "Korprøve", False, Frequency.WEEKLY, 1),
    (
        "paaroerendegruppen-demens-soeby",
        "Havnestuen",
        1,
        "13:00",
        "15:00",
        "Pårørendegruppe",
        False,
        Frequency.MONTHLY_WEEKDAY,
        1,
    ),
    ("fotoklubben-blaende-8", "Lindvedstuen", 1, "19:00", "21:30", "Fotoaften", True, Frequency.WEEKLY, 2),
]

# (organisation slug or None for a citizen, room name, title, start, end, expected attendees)
ONE_OFFS = [
    ("klimagruppen-groen-omstilling", "Drejeskiven", "Klimamøde: Søby på vej mod 2030", "19:00", "21:30", 35),
    ("ungdomsklubben-boelgen", "Klubrummet", "Gamingturnering", "16:00", "20:00", 20),
    ("venskabsfamilier-soeby", "Remisens Køkken", "Fællesspisning", "17:00", "20:30", 14),
    ("kommunens-sundhedsfremme", "Salen", "Temaaften om søvn", "19:00", "21:00", 90),
    ("ungdomsskolen-soeby", "Sal B", "Debataften for unge", "18:00", "20:30", 45),
    ("kreativ-fritid", "Fælleskøkkenet", "Juleværksted", "13:00", "17:00", 12),
    ("hjerteforeningens-lokalkomite", "Mødelokalet Skoven", "Hjertestarterkursus", "17:00", "20:00", 16),
    (None, "Mødelokalet Åen", "Projektmøde om grundejerforeningen", "19:00", "21:00", 8),
    (None, "Udsigten", "Studiegruppe: eksamenslæsning", "10:00", "13:00", 5),
    (None, "Lindvedstuen", "Fødselsdagsmøde for vejlauget", "15:00", "17:00", 14),
    (None, "Egestuen", "Slægtsforskning for begyndere", "18:00", "20:00", 8),
]
CITIZENS = ["borger@example.com", "ahmad@example.com", "emma@example.com", "frederik@example.com", "maja@example.com"]
REJECTIONS = [
    "Salen er reserveret til bibliotekets eget arrangement den dag.",
    "Lokalet er for lille til det forventede antal deltagere; prøv Drejeskiven.",
    "Vi kan ikke have åben dør til sent om aftenen i denne periode.",
]
CANCEL_REASONS = ["Sygdom i bestyrelsen", "Vi har fundet et andet lokale", "For få tilmeldte", None]


def _first_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _try(action, *args, **kwargs):
    """Demo wishes the rules refuse (a closed day, the quota) are left out, as staff would."""
    try:
        with db.session.begin_nested():
            return action(*args, **kwargs)
    except DomainError:
        return None


class Seeder:
    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.now = ctx.now
        self.today = local_date(ctx.now)
        self.staff = ctx.users[STAFF_EMAIL]
        self.rooms = {room.name: room for room in ctx.rooms.values()}
        self.rng = ctx.rng

    def at(self, day: date, clock: str) -> datetime:
        return local_to_utc(day, time.fromisoformat(clock))

    def admin_of(self, slug: str):
        organisation = self.ctx.organisations[slug]
        member = next(m for m in organisation.memberships if m.role.value == "admin")
        return organisation, member.user

    def decide(self, booking, requested: datetime, *, reject: str | None = None) -> None:
        if booking.status != BookingStatus.PENDING:
            return
        decided = min(requested + timedelta(days=self.rng.randint(1, 3)), self.now - timedelta(hours=1))
        if decided <= requested:
            return
        if reject:
            approval.reject_booking(self.staff, booking, reason=reject, now=decided)
        else:
            approval.approve_booking(self.staff, booking, now=decided)

    def series(self, spec, *, leave_pending: bool = False) -> None:
        slug, room_name, weekday, start, end, title, public, frequency, interval = spec
        organisation, admin = self.admin_of(slug)
        room = self.rooms[room_name]
        first = _first_on_or_after(self.today - HALF_YEAR + timedelta(days=self.rng.randint(0, 20)), weekday)
        last_day = self.today + HALF_YEAR
        weeks = SEASON_WEEKS * (2 if frequency == Frequency.MONTHLY_WEEKDAY else 1)
        while first <= last_day:
            requested = self.at(first - timedelta(days=14), "10:00") - timedelta(minutes=self.rng.randint(0, 600))
            if requested > self.now:
                break
            span = min(timedelta(weeks=weeks * interval), timedelta(days=room.horizon_days - 20))
            until = min(first + span, last_day)
            starts_at, ends_at = local_slot(first, time.fromisoformat(start), time.fromisoformat(end))
            result = _try(
                services.create_booking,
                admin,
                room,
                starts_at,
                ends_at,
                title=title,
                now=requested,
                public=public,
                organisation=organisation,
                expected_attendees=min(room.capacity, self.rng.randint(6, 18)),
                recurrence=Recurrence(frequency=frequency, interval=interval, until=until),
                book_free_dates_only=True,
            )
            if result is not None and not (leave_pending and until > self.today):
                self.decide(result.booking, requested)
                self.cancel_some_dates(result.booking, admin)
            first = until + timedelta(days=1)
            first = _first_on_or_after(first, weekday)

    def cancel_some_dates(self, booking, admin) -> None:
        if booking.status != BookingStatus.APPROVED:
            return
        for occurrence in list(booking.occurrences):
            if occurrence.active and self.rng.random() < 0.06:
                when = occurrence.starts_at - timedelta(days=self.rng.randint(1, 6))
                if when < self.now and when > booking.created_at:
                    reason = self.rng.choice(CANCEL_REASONS)
                    _try(changes.cancel_occurrence, admin, occurrence, now=when, reason=reason)

    def one_offs(self) -> None:
        for n in range(70):
            slug, room_name, title, start, end, people = ONE_OFFS[n % len(ONE_OFFS)]
            room = self.rooms[room_name]
            day = self.today + timedelta(days=self.rng.randint(-175, 55))
            if slug:
                organisation, person = self.admin_of(slug)
            else:
                organisation, person = None, self.ctx.users[self.rng.choice(CITIZENS)]
            lead = self.rng.randint(4, min(40, room.horizon_days - 1))
            requested = min(self.at(day - timedelta(days=lead), "12:00"), self.now - timedelta(hours=n % 48 + 1))
            starts_at, ends_at = local_slot(day, time.fromisoformat(start), time.fromisoformat(end))
            result = _try(
                services.create_booking,
                person,
                room,
                starts_at,
                ends_at,
                title=title,
                now=requested,
                organisation=organisation,
                expected_attendees=min(people, room.capacity),
                public=slug is not None,
            )
            if result is None:
                continue
            booking = result.booking
            roll = self.rng.random()
            if roll < 0.08:
                self.decide(booking, requested, reject=self.rng.choice(REJECTIONS))
            elif roll < 0.2 and starts_at > self.now:
                continue  # still awaiting approval
            else:
                self.decide(booking, requested)
                if roll > 0.88 and booking.status == BookingStatus.APPROVED:
                    when = min(starts_at - timedelta(days=1), self.now - timedelta(hours=2))
                    if when > booking.created_at:
                        reason = self.rng.choice(CANCEL_REASONS)
                        _try(changes.cancel_booking, person, booking, now=when, reason=reason)

    def attendance(self) -> None:
        """The staff's count of who came, for the dates that have been held."""
        held = db.session.scalars(
            select(Occurrence)
            .join(Booking, Occurrence.booking_id == Booking.id)
            .where(Booking.status == BookingStatus.APPROVED, Occurrence.active.is_(True), Occurrence.ends_at < self.now)
        ).all()
        for occurrence in held:
            if self.rng.random() < 0.15:
                continue  # not entered
            expected = occurrence.booking.expected_attendees or 10
            if self.rng.random() < 0.04:
                changes.record_attendance(
                    self.staff, occurrence, now=occurrence.ends_at + timedelta(hours=14), no_show=True
                )
            else:
                came = max(1, round(expected * self.rng.uniform(0.6, 1.1)))
                changes.record_attendance(
                    self.staff, occurrence, now=occurrence.ends_at + timedelta(hours=14), attendance=came
                )

    def queue(self) -> None:
        """A citizen waits for a popular evening in Drejeskiven."""
        room = self.rooms["Drejeskiven"]
        citizen = self.ctx.users["borger@example.com"]
        organisation, _admin = self.admin_of("sprogcafe-verden")
        busy = busy_intervals([room], self.now + timedelta(days=5), self.now + timedelta(days=60))[room.id]
        for slot in busy:
            entry = _try(
                waitlist.join_waitlist,
                citizen,
                room,
                slot.starts_at,
                slot.ends_at,
                title="Sprogcafé: fest for nye danskere",
                now=self.now - timedelta(hours=3),
                organisation=organisation,
                expected_attendees=30,
            )
            if entry is not None:
                break


def seed(ctx: DemoContext) -> None:
    seeder = Seeder(ctx)
    for n, spec in enumerate(SERIES):
        seeder.series(spec, leave_pending=n in (4, 11))
    seeder.one_offs()
    seeder.attendance()
    seeder.queue()
    db.session.flush()
    # The mails these bookings would have sent belong to the past: mark them sent.
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.created_at < ctx.now)
        .values(status=OutboxStatus.SENT, sent_at=OutboxMessage.created_at)
    )
