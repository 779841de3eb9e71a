"""Signing up for an activity, the ordered waitlist, and cancelling a registration.

Seats and the waitlist are decided with the activity row locked (``SELECT ... FOR UPDATE`` on
PostgreSQL; on SQLite every transaction holds the write lock from its start), so concurrent
sign-ups are served strictly one after another: never more confirmed seats than capacity, and
the waitlist is in the order the sign-ups got the lock.

**The family-seats rule.** A registration may ask for several seats (a family); its seats are
never split. The waitlist is strictly first come, first served: when seats free up, the first
waitlisted registration is promoted only when all of its seats are free, and nobody behind it
is promoted before it (a single seat does not overtake a family of three). For the same
reason a new sign-up gets seats only when nobody is waiting and all its seats are free.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from booking.accounts.models import User
from booking.accounts.permissions import is_authenticated, is_staff, require_staff
from booking.activities.models import (
    SEAT_HOLDING,
    Activity,
    ActivityStatus,
    Registration,
    RegistrationStatus,
)
from booking.errors import Conflict, Invalid, NotAllowed, NotFound
from booking.extensions import db
from booking.notifications.services import queue_mail
from booking.validation import clean_email, clean_int, clean_phone, clean_text

MAX_SEATS_PER_REGISTRATION = 10


# --- reading seats ---------------------------------------------------------------------------


def confirmed_seats(activity: Activity) -> int:
    return int(
        db.session.scalar(
            select(func.coalesce(func.sum(Registration.seats), 0)).where(
                Registration.activity_id == activity.id, Registration.status.in_(SEAT_HOLDING)
            )
        )
    )


def waitlist(activity: Activity) -> list[Registration]:
    """Waiting registrations, first in line first."""
    return list(
        db.session.scalars(
            select(Registration)
            .where(Registration.activity_id == activity.id, Registration.status == RegistrationStatus.WAITLISTED)
            .order_by(Registration.created_at, Registration.id)
        )
    )


@dataclass(frozen=True)
class Availability:
    """What the public page shows: free seats, "Udsolgt", "Venteliste (n)"."""

    capacity: int | None
    taken: int
    waiting: int  # registrations on the waitlist
    waiting_people: int  # seats they ask for

    @property
    def free(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.taken)

    @property
    def sold_out(self) -> bool:
        return self.capacity is not None and self.taken >= self.capacity


def availability(activity: Activity) -> Availability:
    waiting = waitlist(activity)
    return Availability(activity.capacity, confirmed_seats(activity), len(waiting), sum(r.seats for r in waiting))


def availabilities(activities: list[Activity]) -> dict[int, Availability]:
    """Availability of many activities in two queries (for the programme)."""
    ids = [activity.id for activity in activities]
    if not ids:
        return {}
    rows = db.session.execute(
        select(Registration.activity_id, Registration.status, func.count(), func.sum(Registration.seats))
        .where(Registration.activity_id.in_(ids))
        .group_by(Registration.activity_id, Registration.status)
    ).all()
    taken: dict[int, int] = {}
    waiting: dict[int, tuple[int, int]] = {}
    for activity_id, status, count, seats in rows:
        if status in SEAT_HOLDING:
            taken[activity_id] = taken.get(activity_id, 0) + int(seats)
        elif status == RegistrationStatus.WAITLISTED:
            waiting[activity_id] = (int(count), int(seats))
    return {
        a.id: Availability(a.capacity, taken.get(a.id, 0), *waiting.get(a.id, (0, 0))) for a in activities
    }


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    return [r.id for r in waitlist(registration.activity)].index(registration.id) + 1


# --- the cancel link -------------------------------------------------------------------------


def cancel_token(registration: Registration) -> str:
    """A secret bound to one registration: an HMAC of its id and random salt under the app's key.
    Nothing in the database alone makes a working link."""
    key = str(current_app.config["SECRET_KEY"]).encode()
    message = f"activity-registration:{registration.id}:{registration.token_salt}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:40]


def link(endpoint: str, **values) -> str:
    """An absolute link on ``PUBLIC_BASE_URL`` for mails; works outside a request too (the
    demo loader, jobs and the CLI queue mail)."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path


def cancel_url(registration: Registration) -> str:
    return link("activities.cancel_registration", registration_id=registration.id, token=cancel_token(registration))


def registration_by_token(registration_id: int, token: str) -> Registration:
    registration = db.session.get(Registration, registration_id)
    if registration is None or not hmac.compare_digest(cancel_token(registration), str(token)):
        raise NotFound(_("This link is not valid. Use the link in your latest mail about the activity."))
    return registration


# --- signing up ------------------------------------------------------------------------------


@dataclass
class SignUp:
    name: str | None
    email: str | None
    seats: int | str | None = 1
    phone: str | None = None
    locale: str = "da"


def lock(activity: Activity) -> Activity:
    """Take the activity's row lock for the rest of the transaction and reload it."""
    locked = db.session.scalar(
        select(Activity).where(Activity.id == activity.id).with_for_update().execution_options(populate_existing=True)
    )
    if locked is None:
        raise NotFound(_("We could not find that activity."))
    return locked


def registration_open(activity: Activity, now: datetime) -> bool:
    if activity.status != ActivityStatus.PUBLISHED or not activity.registration_required:
        return False
    opens = activity.registration_opens_at
    closes = activity.registration_closes_at or activity.starts_at
    return (opens is None or opens <= now) and now < closes and now < activity.starts_at


def why_closed(activity: Activity, now: datetime) -> str:
    if activity.status == ActivityStatus.CANCELLED:
        return _("This activity is cancelled.")
    if activity.status != ActivityStatus.PUBLISHED or now >= activity.starts_at:
        return _("Sign-up for this activity is closed.")
    if not activity.registration_required:
        return _("No sign-up is needed for this activity: just come.")
    if activity.registration_opens_at is not None and now < activity.registration_opens_at:
        return _("Sign-up has not opened yet.")
    return _("Sign-up for this activity is closed.")


def _clean_signup(activity: Activity, data: SignUp) -> dict:
    limit = activity.max_seats_per_registration
    seats = clean_int(data.seats, "seats", label=_("Seats"), minimum=1)
    if seats > limit:  # type: ignore[operator]
        raise Invalid(
            _("You can sign up for at most %(n)d seats at a time.", n=limit), fields={"seats": "too_large"}
        )
    return {
        "name": clean_text(data.name, "name", label=_("Name"), max_length=200),
        "email": clean_email(data.email),
        "phone": clean_phone(data.phone),
        "seats": seats,
        "locale": data.locale if data.locale in current_app.config["LANGUAGES"] else "da",
    }


def register(actor: User | None, activity: Activity, data: SignUp, now: datetime) -> Registration:
    """Sign up (anyone; no account needed). Confirmed when every seat asked for is free and
    nobody is waiting, otherwise on the waitlist. A mail confirms either, with a cancel link."""
    values = _clean_signup(activity, data)
    activity = lock(activity)
    if not registration_open(activity, now):
        raise Invalid(why_closed(activity, now))
    if values["seats"] > (activity.capacity or values["seats"]):
        raise Invalid(
            _("The activity has only %(n)d seats in all.", n=activity.capacity), fields={"seats": "too_large"}
        )
    duplicate = db.session.scalar(
        select(Registration.id).where(
            Registration.activity_id == activity.id,
            Registration.email == values["email"],
            Registration.status.in_((RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)),
        )
    )
    if duplicate is not None:
        raise Conflict(
            _("This email address is already signed up. Use the link in the confirmation mail to cancel."),
            fields={"email": "taken"},
        )
    fits = activity.capacity is None or confirmed_seats(activity) + values["seats"] <= activity.capacity
    status = RegistrationStatus.CONFIRMED if fits and not waitlist(activity) else RegistrationStatus.WAITLISTED
    registration = Registration(
        activity=activity,
        user_id=actor.id if is_authenticated(actor) else None,  # type: ignore[union-attr]
        status=status,
        created_at=now,
        confirmed_at=now if status == RegistrationStatus.CONFIRMED else None,
        token_salt=secrets.token_hex(16),
        **values,
    )
    db.session.add(registration)
    db.session.flush()
    _note_sold_out(activity, now)
    kind = "activity_confirmed" if status == RegistrationStatus.CONFIRMED else "activity_waitlisted"
    _mail(registration, kind, now, position=waitlist_position(registration))
    return registration


def _note_sold_out(activity: Activity, now: datetime) -> None:
    full = activity.capacity is not None and confirmed_seats(activity) >= activity.capacity
    if full and activity.sold_out_at is None:
        activity.sold_out_at = now


def promote_waitlist(activity: Activity, now: datetime) -> list[Registration]:
    """Give free seats to the waitlist in order (the family-seats rule in the module text).
    The caller holds the activity's lock."""
    if activity.status != ActivityStatus.PUBLISHED or now >= activity.starts_at:
        return []
    free = None if activity.capacity is None else activity.capacity - confirmed_seats(activity)
    promoted = []
    for registration in waitlist(activity):
        if free is not None and registration.seats > free:
            break
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        if free is not None:
            free -= registration.seats
        promoted.append(registration)
        _mail(registration, "activity_promoted", now)
    db.session.flush()
    _note_sold_out(activity, now)
    return promoted


def cancel_registration(
    actor: User | None, registration: Registration, now: datetime, *, token: str | None = None
) -> list[Registration]:
    """Cancel with the registration's own link (``token``) or as staff. A freed seat goes to
    the waitlist at once. Returns the registrations promoted."""
    if not is_staff(actor) and (token is None or not hmac.compare_digest(cancel_token(registration), str(token))):
        raise NotAllowed(_("Only the person signed up, with the link from their mail, can cancel this."))
    activity = lock(registration.activity)
    if registration.status not in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED):
        raise Invalid(_("This registration is already cancelled."))
    if now >= activity.starts_at:
        raise Invalid(_("The activity has started; the registration can no longer be cancelled."))
    held_seats = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    db.session.flush()
    _mail(registration, "activity_registration_cancelled", now)
    return promote_waitlist(activity, now) if held_seats else []


def get_registration(activity: Activity, registration_id: int) -> Registration:
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.activity_id != activity.id:
        raise NotFound(_("We could not find that registration."))
    return registration


def registrations(actor: User | None, activity: Activity) -> list[Registration]:
    """Everyone signed up, in sign-up order. Personal data: staff only."""
    require_staff(actor)
    return list(
        db.session.scalars(
            select(Registration).where(Registration.activity_id == activity.id).order_by(Registration.id)
        )
    )


def _mail(registration: Registration, kind: str, now: datetime, **context) -> None:
    activity = registration.activity
    queue_mail(
        kind=kind,
        to_email=registration.email,
        to_name=registration.name,
        locale=registration.locale,
        context={
            "activity": activity,
            "registration": registration,
            "activity_url": link("activities.activity", activity_id=activity.id),
            "cancel_url": cancel_url(registration),
            **context,
        },
        about=("registration", registration.id),
        now=now,
    )


def mail_registrants(
    activity: Activity, kind: str, now: datetime, statuses: tuple[RegistrationStatus, ...], **context
) -> int:
    """Queue ``kind`` to every registration in ``statuses``; returns how many."""
    recipients = [r for r in activity.registrations if r.status in statuses]
    for registration in recipients:
        _mail(registration, kind, now, **context)
    return len(recipients)
