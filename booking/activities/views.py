"""Public pages: the programme, an activity with its sign-up form, and the cancel link. The
staff pages are in :mod:`booking.activities.admin_views` and
:mod:`booking.activities.overview_views` and register on the same blueprint."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from booking.activities import queries
from booking.activities import registration as reg
from booking.activities.forms import ProgrammeFilterForm, SignUpForm
from booking.activities.models import RegistrationStatus
from booking.db import utcnow
from booking.rooms import locations as locs
from booking.web import ConfirmForm, run

bp = Blueprint("activities", __name__)


@bp.route("/arrangementer")
def programme():
    form = ProgrammeFilterForm(formdata=request.args)
    form.set_choices(locs.active_locations())
    if request.args:
        form.validate()
    activities = queries.programme(form.to_filter(), utcnow())
    return render_template(
        "activities/programme.html", form=form, activities=activities, seats=reg.availabilities(activities)
    )


def _signup_form(activity) -> SignUpForm:
    form = SignUpForm()
    if not form.is_submitted() and current_user.is_authenticated:
        # An account fills in the form; the sign-up itself needs none.
        form.name.data, form.email.data, form.phone.data = current_user.name, current_user.email, current_user.phone
    return form


@bp.route("/arrangementer/<int:activity_id>", methods=["GET", "POST"])
def activity(activity_id: int):
    found = queries.get_public_activity(current_user, activity_id)
    form = _signup_form(found)
    now = utcnow()
    if form.validate_on_submit():
        data = reg.SignUp(
            name=form.name.data, email=form.email.data, seats=form.seats.data, phone=form.phone.data,
            locale=str(get_locale() or "da"),
        )  # fmt: skip
        registration = run(form, lambda: reg.register(current_user, found, data, now))
        if registration is not None:
            if registration.status == RegistrationStatus.CONFIRMED:
                flash(_("You are signed up. We have sent a confirmation to %(email)s.", email=registration.email),
                      "success")  # fmt: skip
            else:
                flash(
                    _("The activity is full: you are number %(n)d on the waitlist. We have sent a mail to %(email)s.",
                      n=reg.waitlist_position(registration), email=registration.email),
                    "info",
                )  # fmt: skip
            return redirect(url_for("activities.activity", activity_id=found.id))
    return render_template(
        "activities/activity.html",
        activity=found,
        form=form,
        seats=reg.availability(found),
        open=reg.registration_open(found, now),
        closed_reason=None if reg.registration_open(found, now) else reg.why_closed(found, now),
    )


@bp.route("/arrangementer/afmeld/<int:registration_id>/<token>", methods=["GET", "POST"])
def cancel_registration(registration_id: int, token: str):
    """The link in the registrant's mails: it works for that one registration only."""
    registration = reg.registration_by_token(registration_id, token)
    form = ConfirmForm()
    if form.validate_on_submit() and run(
        None, lambda: reg.cancel_registration(current_user, registration, utcnow(), token=token) or True
    ):
        flash(_("Your registration is cancelled. Thank you for letting us know."), "success")
        return redirect(url_for("activities.activity", activity_id=registration.activity_id))
    return render_template(
        "activities/cancel.html",
        registration=registration,
        activity=registration.activity,
        position=reg.waitlist_position(registration),
        form=form,
    )


from booking.activities import admin_views, overview_views  # noqa: E402,F401  (staff routes on this blueprint)
