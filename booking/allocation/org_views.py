"""The organisations' pages: the rounds, the yearly profile, the application and the answer
to the decisions. Reached from the organisation's page."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from booking.accounts import organisations as orgs
from booking.accounts.permissions import is_member, is_org_admin, is_staff
from booking.allocation import applications as apps
from booking.allocation import decisions, second_round
from booking.allocation import services as rounds
from booking.allocation.forms import ApplicationForm, FreeTimeForm, ProfileForm
from booking.allocation.views import bp
from booking.db import utcnow
from booking.web import ConfirmForm, run


def _organisation(slug: str):
    organisation = orgs.get_organisation(slug)
    if not (is_staff(current_user) or is_member(current_user, organisation)):
        abort(403)
    return organisation


@bp.route("/foreninger/<slug>/fordeling")
@login_required
def organisation_rounds(slug: str):
    organisation = _organisation(slug)
    now = utcnow()
    rows = [
        (round_, apps.get_application(round_, organisation), apps.get_profile(organisation, round_.season_start.year))
        for round_ in rounds.rounds_for_applicants(now)
    ]
    return render_template(
        "allocation/organisation_rounds.html",
        organisation=organisation,
        rows=rows,
        can_apply=is_org_admin(current_user, organisation),
        window_is_open=lambda r: rounds.window_is_open(r, now),
    )


@bp.route("/foreninger/<slug>/fordeling/profil/<int:year>", methods=["GET", "POST"])
@login_required
def profile(slug: str, year: int):
    organisation = _organisation(slug)
    if not is_org_admin(current_user, organisation):
        abort(403)
    existing = apps.get_profile(organisation, year) or apps.get_profile(organisation, year - 1)
    form = ProfileForm(obj=existing)
    if request.method == "GET" and existing is None:
        form.contact_name.data, form.contact_email.data = current_user.name, current_user.email
        form.cvr.data = organisation.cvr
    if form.validate_on_submit() and run(
        form, lambda: apps.confirm_profile(current_user, organisation, year, form.to_data(), utcnow())
    ):
        flash(_("The organisation's details for %(year)d are confirmed.", year=year), "success")
        return redirect(url_for("allocation.organisation_rounds", slug=slug))
    return render_template("allocation/profile.html", organisation=organisation, year=year, form=form)


class _WishFields:
    """Lets a service error naming ``wishes-2-ends`` land beside that field of the third wish."""

    def __init__(self, form: ApplicationForm) -> None:
        self._fields = {field.id: field for entry in form.wishes for field in entry.form}
        self._fields.update({field.id: field for field in form})

    def __getattr__(self, name: str):
        return self._fields.get(name)


def _prefill(form: ApplicationForm, application) -> None:
    while len(form.wishes):
        form.wishes.pop_entry()
    for item in application.wishes:
        entry = form.wishes.append_entry()
        sub = entry.form
        sub.id.data, sub.weekday.data = str(item.id), item.weekday
        sub.starts.data, sub.ends.data = item.starts, item.ends
        sub.frequency.data, sub.participants.data = item.frequency.value, item.participants
        sub.age_group.data, sub.purpose.data = item.age_group.value, item.purpose
        sub.for_disabilities.data = item.for_disabilities
        for rank, room in enumerate(item.rooms[:3], start=1):
            getattr(sub, f"room_{rank}").data = room.id
    form.note.data = application.note


@bp.route("/foreninger/<slug>/fordeling/<int:round_id>", methods=["GET", "POST"])
@login_required
def application(slug: str, round_id: int):
    organisation = _organisation(slug)
    round_ = rounds.get_round(round_id)
    now = utcnow()
    existing = apps.get_application(round_, organisation)
    editable = rounds.window_is_open(round_, now) and is_org_admin(current_user, organisation)
    form = ApplicationForm()
    if request.method == "GET" and existing is not None:
        _prefill(form, existing)
    form.for_round(round_)
    if request.method == "POST":
        if not is_org_admin(current_user, organisation):
            abort(403)
        if not editable:
            flash(_("The round is not open for applications now."), "error")
        elif request.form.get("add"):
            form.wishes.append_entry()  # one more empty wish; nothing is saved yet
            form.for_round(round_)
        elif form.validate_on_submit():
            saved = run(
                _WishFields(form),  # type: ignore[arg-type]
                lambda: apps.save_application(
                    current_user, round_, organisation, form.kept_wishes(), form.note.data, now
                ),
            )
            if saved is not None:
                flash(_("The application is saved. A receipt is on its way by email."), "success")
                return redirect(url_for("allocation.application", slug=slug, round_id=round_id))
    return render_template(
        "allocation/application.html",
        organisation=organisation,
        round=round_,
        application=existing,
        wishes_by_id={str(item.id): item for item in existing.wishes} if existing else {},
        form=form,
        editable=editable,
        profile=apps.get_profile(organisation, round_.season_start.year),
        can_answer=existing is not None and decisions.can_answer(existing, now)
        and is_org_admin(current_user, organisation),
        weekday_name=rounds.weekday_name,
        confirm=ConfirmForm(),
        free_time_form=FreeTimeForm(formdata=None).for_round(round_)
        if second_round.is_open(round_, now) and is_org_admin(current_user, organisation)
        else None,
    )


@bp.route("/foreninger/<slug>/fordeling/<int:round_id>/svar", methods=["POST"])
@login_required
def answer(slug: str, round_id: int):
    organisation = orgs.get_organisation(slug)
    round_ = rounds.get_round(round_id)
    existing = apps.get_application(round_, organisation)
    if existing is None:
        abort(404)
    try:
        accepted = {int(value) for value in request.form.getlist("accept")}
    except ValueError:
        abort(400)
    if ConfirmForm().validate_on_submit() and run(
        None, lambda: decisions.answer(current_user, existing, accepted, utcnow()) is not None
    ):
        flash(_("Thank you: your answer is saved."), "success")
    return redirect(url_for("allocation.application", slug=slug, round_id=round_id))


@bp.route("/foreninger/<slug>/fordeling/<int:round_id>/ledig-tid", methods=["POST"])
@login_required
def free_time(slug: str, round_id: int):
    """The second, first-come application for a free time after the decisions."""
    organisation = orgs.get_organisation(slug)
    round_ = rounds.get_round(round_id)
    form = FreeTimeForm().for_round(round_)
    if form.validate_on_submit():
        wish = run(
            None,
            lambda: second_round.apply_for_free_time(
                current_user, round_, organisation, form.wish.form.to_data(), utcnow()
            ),
        )
        if wish is not None:
            flash(_("%(room)s is yours for the rest of the season.", room=wish.granted_room.name), "success")
    else:
        if not is_org_admin(current_user, organisation):
            abort(403)
        for field in form.wish.form:
            for error in field.errors:
                flash(f"{field.label.text}: {error}", "error")
    return redirect(url_for("allocation.application", slug=slug, round_id=round_id))
