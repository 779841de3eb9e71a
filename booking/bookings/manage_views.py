""" "My bookings" (a user's and an organisation's), and the changes a booker makes: cancel the
booking, one date or a date and the rest, edit the description, move one date; the waitlist's
offers (accept) and entries (withdraw). Every permission is the services' to check."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from booking.accounts.models import Organisation
from booking.bookings import changes, queries, waitlist
from booking.bookings.forms import CancelDateForm, EditBookingForm, MoveForm, ReasonForm
from booking.bookings.models import Occurrence, WaitlistEntry
from booking.bookings.permissions import require_change
from booking.bookings.rules import local_slot
from booking.bookings.views import bp, load, own_organisations
from booking.db import utcnow
from booking.extensions import db
from booking.rooms.models import Room
from booking.timeutil import to_local
from booking.web import ConfirmForm, run


@bp.route("/mine-bookinger")
@login_required
def mine():
    now = utcnow()
    past = request.args.get("vis") == "alle"
    return render_template(
        "bookings/mine.html",
        bookings=queries.bookings_of_user(current_user, upcoming_from=None if past else now),
        entries=waitlist.entries_for(current_user),
        organisations=own_organisations(),
        show_all=past,
        now=now,
        confirm=ConfirmForm(),
    )


@bp.route("/mine-bookinger/forening/<int:organisation_id>")
@login_required
def organisation(organisation_id: int):
    org = db.get_or_404(Organisation, organisation_id)
    now = utcnow()
    past = request.args.get("vis") == "alle"
    return render_template(
        "bookings/organisation.html",
        organisation=org,
        bookings=queries.bookings_of_organisation(current_user, org, upcoming_from=None if past else now),
        show_all=past,
        now=now,
    )


def occurrence_of(booking_id: int, occurrence_id: int) -> Occurrence:
    occurrence = db.session.get(Occurrence, occurrence_id)
    if occurrence is None or occurrence.booking_id != booking_id:
        abort(404)
    return occurrence


@bp.route("/bookinger/<int:booking_id>/aflys", methods=["GET", "POST"])
@login_required
def cancel(booking_id: int):
    booking = load(booking_id)
    require_change(current_user, booking)
    form = ReasonForm()
    if form.validate_on_submit() and run(
        form, lambda: changes.cancel_booking(current_user, booking, now=utcnow(), reason=form.reason.data)
    ):
        flash(_("The booking is cancelled."), "success")
        return redirect(url_for("bookings.detail", booking_id=booking_id))
    return render_template("bookings/cancel.html", booking=booking, form=form, occurrence=None)


@bp.route("/bookinger/<int:booking_id>/datoer/<int:occurrence_id>/aflys", methods=["GET", "POST"])
@login_required
def cancel_date(booking_id: int, occurrence_id: int):
    booking = load(booking_id)
    occurrence = occurrence_of(booking_id, occurrence_id)
    require_change(current_user, booking)
    form = CancelDateForm()
    if form.validate_on_submit():
        cancel = changes.cancel_following if form.scope.data == "following" else changes.cancel_occurrence
        if run(form, lambda: cancel(current_user, occurrence, now=utcnow(), reason=form.reason.data)):
            flash(_("The date is cancelled."), "success")
            return redirect(url_for("bookings.detail", booking_id=booking_id))
    return render_template("bookings/cancel.html", booking=booking, form=form, occurrence=occurrence)


@bp.route("/bookinger/<int:booking_id>/rediger", methods=["GET", "POST"])
@login_required
def edit(booking_id: int):
    booking = load(booking_id)
    require_change(current_user, booking)
    form = EditBookingForm(obj=booking)
    if form.validate_on_submit() and run(
        form,
        lambda: changes.update_booking(
            current_user,
            booking,
            now=utcnow(),
            title=form.title.data,
            purpose=form.purpose.data or "",
            expected_attendees=form.expected_attendees.data,
            public=form.public.data,
        ),
    ):
        flash(_("The booking is saved."), "success")
        return redirect(url_for("bookings.detail", booking_id=booking_id))
    return render_template("bookings/edit.html", booking=booking, form=form)


@bp.route("/bookinger/<int:booking_id>/datoer/<int:occurrence_id>/flyt", methods=["GET", "POST"])
@login_required
def move(booking_id: int, occurrence_id: int):
    booking = load(booking_id)
    occurrence = occurrence_of(booking_id, occurrence_id)
    require_change(current_user, booking)
    form = MoveForm()
    rooms = list(
        db.session.scalars(
            select(Room)
            .where(Room.location_id == occurrence.room.location_id, Room.active.is_(True))
            .order_by(Room.name)
        )
    )
    form.room.choices = [(room.id, room.name) for room in rooms]
    if request.method == "GET":
        form.room.data = occurrence.room_id
        form.day.data = to_local(occurrence.starts_at).date()
        form.start.data = to_local(occurrence.starts_at).time()
        form.end.data = to_local(occurrence.ends_at).time()
    if form.validate_on_submit():
        target = next(room for room in rooms if room.id == form.room.data)

        def action():
            starts_at, ends_at = local_slot(form.day.data, form.start.data, form.end.data)
            return changes.move_occurrence(current_user, occurrence, starts_at, ends_at, now=utcnow(), room=target)

        if run(form, action):
            flash(_("The date is moved."), "success")
            return redirect(url_for("bookings.detail", booking_id=booking_id))
    return render_template("bookings/move.html", booking=booking, occurrence=occurrence, form=form)


@bp.route("/venteliste/<int:entry_id>/accepter", methods=["POST"])
@login_required
def accept_offer(entry_id: int):
    entry = db.get_or_404(WaitlistEntry, entry_id)
    result = run(ConfirmForm(), lambda: waitlist.accept_offer(current_user, entry, now=utcnow()))
    if result is not None:
        flash(_("The time is yours: the room is booked."), "success")
        return redirect(url_for("bookings.detail", booking_id=result.booking.id))
    return redirect(url_for("bookings.mine"))


@bp.route("/venteliste/<int:entry_id>/forlad", methods=["POST"])
@login_required
def withdraw(entry_id: int):
    entry = db.get_or_404(WaitlistEntry, entry_id)
    if run(ConfirmForm(), lambda: waitlist.withdraw(current_user, entry, now=utcnow())):
        flash(_("You have left the queue."), "success")
    return redirect(url_for("bookings.mine"))
