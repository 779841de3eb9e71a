"""Staff pages: the list of activities, creating and changing one, publishing, cancelling,
seats, registrations and the waitlist, attendance, messages and the CSV list."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from booking.accounts.models import Organisation
from booking.activities import queries, services
from booking.activities import registration as reg
from booking.activities.export import csv_response
from booking.activities.forms import ActivityForm, AttendanceForm, CancelActivityForm, CapacityForm, MessageForm
from booking.activities.models import Activity, RegistrationStatus
from booking.activities.views import bp
from booking.db import utcnow
from booking.extensions import db
from booking.labels import label
from booking.rooms import locations as locs
from booking.timeutil import to_local
from booking.web import ConfirmForm, run, staff_required


@bp.route("/personale/arrangementer")
@staff_required
def admin_list():
    shown = request.args.get("vis", "kommende")
    upcoming = {"kommende": True, "tidligere": False}.get(shown)
    activities = queries.staff_activities(current_user, upcoming=upcoming, now=utcnow())
    return render_template(
        "activities/admin_list.html", activities=activities, seats=reg.availabilities(activities), shown=shown
    )


def _activity_form(activity: Activity | None = None) -> ActivityForm:
    form = ActivityForm(obj=activity)
    places = locs.all_locations()
    form.location_id.choices = [("", _("Choose a place"))] + [(place.id, place.name) for place in places]
    form.room_id.choices = [("", _("No room"))] + [
        (room.id, f"{room.name} ({place.name})") for place in places for room in place.rooms if room.active
    ]
    organisations = db.session.scalars(
        select(Organisation).where(Organisation.active.is_(True)).order_by(Organisation.name)
    )
    form.partner_ids.choices = [(org.id, org.name) for org in organisations]
    if activity is not None and not form.is_submitted():
        form.fill(activity)
    return form


@bp.route("/personale/arrangementer/nyt", methods=["GET", "POST"])
@staff_required
def admin_new():
    form = _activity_form()
    if form.validate_on_submit():
        created = run(
            form,
            lambda: services.create_activity(
                current_user, form.to_data(), utcnow(), repeat_weeks=form.repeat_weeks.data
            ),
        )
        if created is not None:
            flash(_("%(title)s is saved as a draft. Publish it when it is ready.", title=created.title), "success")
            return redirect(url_for("activities.admin_detail", activity_id=created.id))
    return render_template("activities/admin_form.html", form=form, activity=None)


@bp.route("/personale/arrangementer/<int:activity_id>/rediger", methods=["GET", "POST"])
@staff_required
def admin_edit(activity_id: int):
    activity = queries.get_activity(activity_id)
    form = _activity_form(activity)
    del form.repeat_weeks
    if form.validate_on_submit() and run(
        form, lambda: services.update_activity(current_user, activity, form.to_data(), utcnow())
    ):
        flash(_("%(title)s is saved.", title=activity.title), "success")
        return redirect(url_for("activities.admin_detail", activity_id=activity.id))
    return render_template("activities/admin_form.html", form=form, activity=activity)


@bp.route("/personale/arrangementer/<int:activity_id>")
@staff_required
def admin_detail(activity_id: int, **forms):
    activity = queries.get_activity(activity_id)
    everyone = reg.registrations(current_user, activity)
    return render_template(
        "activities/admin_detail.html",
        activity=activity,
        seats=reg.availability(activity),
        seated=[r for r in everyone if r.status in reg.SEAT_HOLDING],
        waiting=reg.waitlist(activity),
        cancelled=[r for r in everyone if r.status == RegistrationStatus.CANCELLED],
        confirm=ConfirmForm(),
        capacity_form=forms.get("capacity_form") or CapacityForm(capacity=activity.capacity, formdata=None),
        cancel_form=forms.get("cancel_form") or CancelActivityForm(formdata=None),
        attendance_form=forms.get("attendance_form")
        or AttendanceForm(attendance_count=activity.attendance_count, formdata=None),
        message_form=forms.get("message_form") or MessageForm(formdata=None),
        now=utcnow(),
    )


def _back(activity: Activity):
    return redirect(url_for("activities.admin_detail", activity_id=activity.id))


@bp.route("/personale/arrangementer/<int:activity_id>/offentliggoer", methods=["POST"])
@staff_required
def admin_publish(activity_id: int):
    activity = queries.get_activity(activity_id)
    if ConfirmForm().validate_on_submit() and run(
        None, lambda: services.publish_activity(current_user, activity, utcnow())
    ):
        flash(_("%(title)s is published in the programme.", title=activity.title), "success")
    return _back(activity)


@bp.route("/personale/arrangementer/<int:activity_id>/pladser", methods=["POST"])
@staff_required
def admin_capacity(activity_id: int):
    activity = queries.get_activity(activity_id)
    form = CapacityForm()
    if form.validate_on_submit():
        promoted = run(form, lambda: services.set_capacity(current_user, activity, form.capacity.data, utcnow()))
        if promoted is not None:
            flash(ngettext_promoted(len(promoted)), "success")
            return _back(activity)
    return admin_detail(activity_id, capacity_form=form)


def ngettext_promoted(count: int) -> str:
    from flask_babel import ngettext

    if not count:
        return _("The number of seats is saved.")
    return ngettext(
        "The number of seats is saved; %(num)d registration got a seat from the waitlist.",
        "The number of seats is saved; %(num)d registrations got seats from the waitlist.",
        count,
    )


@bp.route("/personale/arrangementer/<int:activity_id>/aflys", methods=["POST"])
@staff_required
def admin_cancel(activity_id: int):
    activity = queries.get_activity(activity_id)
    form = CancelActivityForm()
    if form.validate_on_submit():
        told = run(form, lambda: services.cancel_activity(current_user, activity, form.cancel_reason.data, utcnow()))
        if told is not None:
            flash(_("%(title)s is cancelled; %(n)d registrants are told by mail.", title=activity.title, n=told),
                  "success")  # fmt: skip
            return _back(activity)
    return admin_detail(activity_id, cancel_form=form)


@bp.route("/personale/arrangementer/<int:activity_id>/fremmoede", methods=["POST"])
@staff_required
def admin_attendance(activity_id: int):
    activity = queries.get_activity(activity_id)
    form = AttendanceForm()
    if form.validate_on_submit() and run(
        form,
        lambda: services.complete_activity(
            current_user, activity, request.form.getlist("attended"), form.attendance_count.data, utcnow()
        ),
    ):
        flash(_("The attendance is saved and the activity is completed."), "success")
        return _back(activity)
    return admin_detail(activity_id, attendance_form=form)


@bp.route("/personale/arrangementer/<int:activity_id>/besked", methods=["POST"])
@staff_required
def admin_message(activity_id: int):
    activity = queries.get_activity(activity_id)
    form = MessageForm()
    if form.validate_on_submit():
        sent = run(
            form,
            lambda: services.message_registrants(
                current_user, activity, form.subject.data, form.body.data, utcnow(), waitlist=form.waitlist.data
            ),
        )
        if sent is not None:
            flash(_("The message is sent to %(n)d registrants.", n=sent), "success")
            return _back(activity)
    return admin_detail(activity_id, message_form=form)


@bp.route("/personale/arrangementer/<int:activity_id>/tilmeldinger/<int:registration_id>/afmeld", methods=["POST"])
@staff_required
def admin_cancel_registration(activity_id: int, registration_id: int):
    activity = queries.get_activity(activity_id)
    registration = reg.get_registration(activity, registration_id)
    if ConfirmForm().validate_on_submit() and run(
        None, lambda: reg.cancel_registration(current_user, registration, utcnow()) or True
    ):
        flash(_("The registration of %(name)s is cancelled.", name=registration.name), "success")
    return _back(activity)


@bp.route("/personale/arrangementer/<int:activity_id>/tilmeldinger.csv")
@staff_required
def admin_registrations_csv(activity_id: int):
    activity = queries.get_activity(activity_id)
    positions = {r.id: n for n, r in enumerate(reg.waitlist(activity), start=1)}
    rows = [
        [_("Number"), _("Name"), _("Email"), _("Phone"), _("Seats"), _("Status"), _("Waitlist position"),
         _("Signed up")]
    ]  # fmt: skip
    for registration in reg.registrations(current_user, activity):
        rows.append([
            registration.id, registration.name, registration.email, registration.phone or "", registration.seats,
            label(registration.status), positions.get(registration.id, ""),
            to_local(registration.created_at).strftime("%Y-%m-%d %H:%M"),
        ])  # fmt: skip
    return csv_response(rows, f"tilmeldinger-{activity.slug}.csv")
