"""Staff pages: the approval queue (approve, reject with a reason, approve several at once),
the calendar of a place's rooms by day or week, and attendance after a date."""

from __future__ import annotations

from datetime import timedelta

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from booking.accounts.models import Organisation
from booking.bookings import approval, calendar, changes
from booking.bookings.forms import AttendanceForm, BulkApproveForm, CalendarForm, QueueFilterForm, RejectForm
from booking.bookings.manage_views import occurrence_of
from booking.bookings.models import Booking
from booking.bookings.views import bp, load, place_choices, today
from booking.db import utcnow
from booking.errors import Invalid
from booking.extensions import db
from booking.rooms import locations as locs
from booking.rooms.models import Location, Room
from booking.web import ConfirmForm, redirect_next, run, staff_required


def _organisation_choices() -> list[tuple[object, str]]:
    orgs = db.session.scalars(select(Organisation).where(Organisation.active.is_(True)).order_by(Organisation.name))
    return [("", _("Every organisation"))] + [(org.id, org.name) for org in orgs]


@bp.route("/personale/godkendelser")
@staff_required
def staff_queue():
    form = QueueFilterForm(formdata=request.args if request.args else None)
    form.location.choices = place_choices(_("Every place"))
    form.organisation.choices = _organisation_choices()
    bookings: list[Booking] = []
    if not request.args or form.validate():
        bookings = approval.approval_queue(
            current_user,
            location=db.session.get(Location, form.location.data) if form.location.data else None,
            day=form.day.data,
            organisation=db.session.get(Organisation, form.organisation.data) if form.organisation.data else None,
        )
    bulk = BulkApproveForm()
    bulk.booking_ids.choices = [(booking.id, booking.title) for booking in bookings]
    return render_template(
        "bookings/staff_queue.html", form=form, bookings=bookings, bulk=bulk, reject=RejectForm(), now=utcnow()
    )


@bp.route("/personale/godkendelser/<int:booking_id>/godkend", methods=["POST"])
@staff_required
def approve(booking_id: int):
    booking = load(booking_id)
    if run(ConfirmForm(), lambda: approval.approve_booking(current_user, booking, now=utcnow())):
        flash(_("%(title)s is approved.", title=booking.title), "success")
    return redirect_next("bookings.staff_queue")


@bp.route("/personale/godkendelser/godkend-flere", methods=["POST"])
@staff_required
def approve_many():
    form = BulkApproveForm()
    ids = [int(value) for value in request.form.getlist("booking_ids") if value.isdigit()]
    bookings = list(db.session.scalars(select(Booking).where(Booking.id.in_(ids)))) if ids else []
    form.booking_ids.choices = [(booking.id, booking.title) for booking in bookings]

    def action():
        if not bookings:
            raise Invalid(_("Choose the bookings to approve."))
        return approval.approve_bookings(current_user, bookings, now=utcnow())

    approved = run(form, action)
    if approved:
        flash(_("%(n)d bookings are approved.", n=len(approved)), "success")
    return redirect_next("bookings.staff_queue")


@bp.route("/personale/godkendelser/<int:booking_id>/afvis", methods=["GET", "POST"])
@staff_required
def reject(booking_id: int):
    booking = load(booking_id)
    form = RejectForm()
    if form.validate_on_submit() and run(
        form, lambda: approval.reject_booking(current_user, booking, reason=form.reason.data, now=utcnow())
    ):
        flash(_("%(title)s is rejected.", title=booking.title), "success")
        return redirect_next("bookings.staff_queue")
    return render_template("bookings/reject.html", booking=booking, form=form)


@bp.route("/personale/kalender")
@staff_required
def staff_calendar():
    places = locs.active_locations()
    args = request.args.copy()
    if not args.get("location") and places:
        args["location"] = str(places[0].id)
    form = CalendarForm(formdata=args)
    form.location.choices = [(place.id, place.name) for place in places]
    form.validate()
    place = next((p for p in places if p.id == form.location.data), places[0] if places else None)
    day = form.day.data or today()
    week = form.view.data == "week"
    first = day - timedelta(days=day.weekday()) if week else day
    last = first + timedelta(days=6 if week else 0)
    rooms = []
    if place is not None:
        rooms = list(
            db.session.scalars(
                select(Room).where(Room.location_id == place.id, Room.active.is_(True)).order_by(Room.name)
            )
        )
    grid = calendar.location_grid(rooms, first, last, viewer=current_user)
    step = timedelta(days=7 if week else 1)
    return render_template(
        "bookings/staff_calendar.html",
        form=form,
        place=place,
        grid=grid,
        week=week,
        first=first,
        previous=first - step,
        next=first + step,
    )


@bp.route("/bookinger/<int:booking_id>/datoer/<int:occurrence_id>/fremmoede", methods=["GET", "POST"])
@staff_required
def attendance(booking_id: int, occurrence_id: int):
    booking = load(booking_id)
    occurrence = occurrence_of(booking_id, occurrence_id)
    form = AttendanceForm(obj=occurrence)
    if form.validate_on_submit() and run(
        form,
        lambda: changes.record_attendance(
            current_user, occurrence, now=utcnow(), attendance=form.attendance.data, no_show=form.no_show.data
        ),
    ):
        flash(_("Attendance is saved."), "success")
        return redirect(url_for("bookings.detail", booking_id=booking_id))
    return render_template("bookings/attendance.html", booking=booking, occurrence=occurrence, form=form)
