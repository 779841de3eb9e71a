"""Booking pages: find a free room, a room's week, the booking form (with its JSON check for
live clash feedback) and a booking's detail with history. "My bookings" and the changes are in
:mod:`.manage_views`, the staff pages in :mod:`.staff_views`; all register on this blueprint."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from booking.accounts.models import Organisation
from booking.accounts.permissions import is_staff, organisation_ids
from booking.bookings import calendar, permissions, preview, searches, services, waitlist
from booking.bookings.forms import BookingForm, FindRoomForm, parse_clock, parse_day
from booking.bookings.models import Booking
from booking.bookings.recurrence import Recurrence
from booking.bookings.rules import local_slot
from booking.db import utcnow
from booking.errors import Conflict, DomainError, NotAllowed
from booking.extensions import db
from booking.rooms import locations as locs
from booking.rooms import services as room_services
from booking.rooms.models import BookingPolicy, Room
from booking.templating import _timerange
from booking.timeutil import local_date
from booking.web import ConfirmForm, attach_error

bp = Blueprint("bookings", __name__)

EVENT_LABELS = {
    "created": _l("Requested"),
    "approved": _l("Approved"),
    "rejected": _l("Rejected"),
    "cancelled": _l("Cancelled"),
    "occurrence_cancelled": _l("A date was cancelled"),
    "occurrence_moved": _l("A date was moved"),
    "updated": _l("Description changed"),
    "attendance": _l("Attendance recorded"),
}


FIELD_LABELS = {
    "title": _l("Title"),
    "purpose": _l("Purpose"),
    "expected_attendees": _l("Expected attendees"),
    "public": _l("Public calendar"),
}


@bp.app_template_global()
def event_label(action: str) -> str:
    return str(EVENT_LABELS.get(action, action))


@bp.app_template_global()
def event_detail(action: str, detail: str | None) -> str:
    """The history's detail in the reader's language where it names fields or a no-show."""
    if not detail:
        return ""
    if action == "updated":
        return ", ".join(str(FIELD_LABELS.get(name, name)) for name in detail.split(", "))
    if action == "attendance":
        return _("nobody came") if detail == "no-show" else _("%(n)s came", n=detail)
    return detail


def today() -> date:
    return local_date(utcnow())


def user():
    return current_user if current_user.is_authenticated else None


def language() -> str:
    return locs.holiday_language(str(get_locale() or "da"))


def place_choices(blank: str) -> list[tuple[object, str]]:
    return [("", blank)] + [(place.id, place.name) for place in locs.active_locations()]


def own_organisations() -> list[Organisation]:
    ids = organisation_ids(user())
    if not ids:
        return []
    return list(db.session.scalars(select(Organisation).where(Organisation.id.in_(ids)).order_by(Organisation.name)))


# --- find a free room --------------------------------------------------------------------------


@bp.route("/find-lokale")
def find():
    form = FindRoomForm(formdata=request.args if request.args else None)
    form.location.choices = place_choices(_("Every place"))
    form.equipment.choices = [(item.id, item.name(str(get_locale()))) for item in room_services.all_equipment()]
    results = None
    slot = None
    if not request.args:
        form.day.data = today()
    elif form.validate():
        try:
            slot = form.slot()
            chosen = [item for item in room_services.all_equipment() if item.id in (form.equipment.data or [])]
            place = next((p for p in locs.active_locations() if p.id == form.location.data), None)
            # A search that finds nothing is kept, anonymously, as demand the rooms could not meet.
            results = searches.search_free_rooms(
                *slot, now=utcnow(), people=form.people.data, equipment=chosen, location=place
            )
            db.session.commit()
        except DomainError as error:
            attach_error(form, error)
    return render_template("bookings/find.html", form=form, results=results, slot=slot)


# --- a room's week -----------------------------------------------------------------------------


@bp.route("/lokaler/<slug>/kalender")
def room_week(slug: str):
    room = room_services.get_room(slug, include_inactive=is_staff(user()))
    monday = calendar.week_start(parse_day(request.args.get("uge"), today()))
    days = calendar.room_week(room, monday, viewer=user(), language=language())
    return render_template(
        "bookings/room_week.html",
        room=room,
        days=days,
        monday=monday,
        previous=monday - timedelta(days=7),
        next=monday + timedelta(days=7),
        today=today(),
    )


# --- the booking form --------------------------------------------------------------------------


def _booking_form(room: Room) -> BookingForm:
    form = BookingForm()
    if request.method == "GET":
        form.day.data = parse_day(request.args.get("dag"), today() + timedelta(days=1))
        form.start.data = parse_clock(request.args.get("fra"))
        form.end.data = parse_clock(request.args.get("til"))
    choices = [(org.id, org.name) for org in own_organisations()]
    if room.booking_policy != BookingPolicy.ORGANISATIONS or is_staff(current_user) or not choices:
        choices.insert(0, ("", _("Myself")))
    form.organisation.choices = choices
    return form


def _organisation(form: BookingForm) -> Organisation | None:
    return db.session.get(Organisation, form.organisation.data) if form.organisation.data else None


@bp.route("/lokaler/<slug>/book", methods=["GET", "POST"])
def new(slug: str):
    room = room_services.get_room(slug)
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
    form = _booking_form(room)
    clashes: list = []
    skipped: list = []
    if form.validate_on_submit():
        try:
            response = _submit(room, form, request.form.get("action", "book"))
        except NotAllowed:
            db.session.rollback()
            raise
        except Conflict as error:
            db.session.rollback()
            clashes = [
                (datetime.fromisoformat(c["starts_at"]), datetime.fromisoformat(c["ends_at"]))
                for c in (error.details or {}).get("clashes", [])
            ]
            flash(error.message, "error")
        except DomainError as error:
            db.session.rollback()
            skipped = (error.details or {}).get("skipped", []) if isinstance(error.details, dict) else []
            attach_error(form, error)
        else:
            return response
    return render_template(
        "bookings/new.html",
        room=room,
        form=form,
        clashes=clashes,
        skipped=skipped,
        refusal=_refusal(room, form),
    )


def _submit(room: Room, form: BookingForm, action: str):
    """Book (or, for a taken single slot, queue for) what the form asks; commit; the redirect."""
    starts_at, ends_at = form.slot()
    recurrence = form.recurrence()
    wish = {
        "title": form.title.data,
        "now": utcnow(),
        "organisation": _organisation(form),
        "expected_attendees": form.expected_attendees.data,
        "public": form.public.data,
    }
    if action == "waitlist" and recurrence is None:
        entry = waitlist.join_waitlist(current_user, room, starts_at, ends_at, **wish)
        db.session.commit()
        flash(_("You are in the queue. We will write to you if the time becomes free."), "success")
        return redirect(url_for("bookings.mine", _anchor=f"waitlist-{entry.id}"))
    result = services.create_booking(
        current_user,
        room,
        starts_at,
        ends_at,
        purpose=form.purpose.data,
        recurrence=recurrence,
        book_free_dates_only=action == "free_only",
        **wish,
    )
    db.session.commit()
    _flash_result(result)
    return redirect(url_for("bookings.detail", booking_id=result.booking.id))


def _refusal(room: Room, form: BookingForm) -> str | None:
    """Why the user cannot book the room at all (for themselves or any of their organisations)."""
    if own_organisations() and room.booking_policy != BookingPolicy.STAFF:
        return None
    try:
        permissions.require_book(current_user, room, None)
    except NotAllowed as error:
        return error.message
    return None


def _flash_result(result: services.BookingResult) -> None:
    if result.booking.status.value == "pending":
        flash(_("Thank you. The booking awaits the library's approval; we will write to you."), "success")
    else:
        flash(_("The room is booked."), "success")
    if result.skipped:
        flash(
            _(
                "%(n)d dates were not booked: %(dates)s.",
                n=len(result.skipped),
                dates=", ".join(f"{s.day.strftime('%d.%m.%Y')} ({s.reason})" for s in result.skipped),
            ),
            "info",
        )


@bp.route("/lokaler/<slug>/tjek")
def check(slug: str):
    """The JSON the booking form's script asks while the user types: the dates, which are
    taken, which are skipped, or the error the request would meet."""
    room = room_services.get_room(slug)
    args = request.args
    day, start, end = parse_day(args.get("day"), date.min), parse_clock(args.get("start")), parse_clock(args.get("end"))
    if day == date.min or start is None or end is None:
        return jsonify({"error": _("Give a date, a start and an end.")}), 400
    recurrence = None
    if args.get("repeat"):
        until = parse_day(args.get("until"), date.min)
        recurrence = Recurrence(
            frequency=args["repeat"],
            interval=_int(args.get("interval")) or 1,
            until=None if until == date.min else until,
            count=_int(args.get("count")),
        )
    try:
        starts_at, ends_at = local_slot(day, start, end)
        found = preview.preview_booking(user(), room, starts_at, ends_at, now=utcnow(), recurrence=recurrence)
    except DomainError as error:
        db.session.rollback()
        return jsonify({"error": error.message}), error.status_code
    return jsonify(
        {
            "dates": len(found.slots),
            "free": len(found.free),
            "clashes": [
                {"starts_at": c.starts_at.isoformat(), "text": _timerange(c.starts_at, c.ends_at)}
                for c in found.clashes
            ],
            "skipped": [{"date": s.day.isoformat(), "reason": s.reason} for s in found.skipped],
        }
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


# --- booking detail ----------------------------------------------------------------------------


@bp.route("/bookinger/<int:booking_id>")
def detail(booking_id: int):
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
    booking = services.get_booking(current_user, booking_id)
    return render_template(
        "bookings/detail.html",
        booking=booking,
        can_change=permissions.can_change(current_user, booking),
        can_decide=permissions.can_decide(current_user),
        now=utcnow(),
        confirm=ConfirmForm(),
    )


def load(booking_id: int) -> Booking:
    """The booking for a write route; who may do what is the service's to decide."""
    return db.get_or_404(Booking, booking_id)


from booking.bookings import manage_views, staff_views  # noqa: E402,F401  (routes on this blueprint)
