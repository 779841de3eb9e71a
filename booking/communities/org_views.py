"""Organisers' pages: propose and edit a community, pause or end it, cancel or move dates.
Staff use the same pages for any community."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from booking.accounts.permissions import is_staff
from booking.communities import schedule, services
from booking.communities.forms import CancelDateForm, CommunityForm, MoveDateForm
from booking.communities.models import Community, CommunityStatus
from booking.communities.permissions import require_can_edit
from booking.communities.views import bp
from booking.db import utcnow
from booking.errors import Invalid
from booking.extensions import db
from booking.web import ConfirmForm, run


def _editable(slug: str) -> Community:
    community = services.get_community(slug, current_user)
    require_can_edit(current_user, community)
    return community


@bp.route("/faellesskaber/mine")
@login_required
def mine():
    return render_template(
        "communities/mine.html",
        communities=services.communities_of(current_user),
        can_propose=bool(services.organisations_for(current_user)),
    )


@bp.route("/faellesskaber/ny", methods=["GET", "POST"])
@login_required
def new():
    organisations = services.organisations_for(current_user)
    if not organisations:
        abort(403)
    form = CommunityForm.for_community(None)
    form.set_choices(organisations)
    if form.validate_on_submit():
        organisation = next((o for o in organisations if o.id == form.organisation_id.data), None)
        if organisation is None:
            abort(403)
        community = run(
            form, lambda: services.propose_community(current_user, organisation, form.to_data(), utcnow())
        )
        if community is not None:
            flash(_("Thank you. The library will look at %(title)s and publish it.", title=community.title), "success")
            return redirect(url_for("communities.detail", slug=community.slug))
    return render_template("communities/form.html", form=form, community=None)


@bp.route("/faellesskaber/<slug>/rediger", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    community = _editable(slug)
    form = CommunityForm.for_community(community, organisation_id=community.organisation_id)
    form.set_choices([community.organisation])
    if form.validate_on_submit() and run(
        form, lambda: services.update_community(current_user, community, form.to_data(), utcnow())
    ):
        flash(_("%(title)s is saved.", title=community.title), "success")
        return redirect(url_for("communities.detail", slug=community.slug))
    return render_template("communities/form.html", form=form, community=community)


@bp.route("/faellesskaber/<slug>/status", methods=["POST"])
@login_required
def status(slug: str):
    community = _editable(slug)
    wanted = request.form.get("status", "")
    if ConfirmForm().validate_on_submit() and run(
        None, lambda: services.set_status(current_user, community, wanted, utcnow())
    ):
        flash(_("%(title)s is now: %(status)s.", title=community.title, status=community.status), "success")
    return redirect(url_for("communities.detail", slug=community.slug))


@bp.route("/faellesskaber/<slug>/datoer", methods=["GET", "POST"])
@login_required
def dates(slug: str):
    community = _editable(slug)
    cancel_form = CancelDateForm(prefix="cancel")
    move_form = MoveDateForm(prefix="move")
    action = request.form.get("action")
    now = utcnow()
    done = False
    if action == "cancel" and cancel_form.validate_on_submit():
        done = bool(run(cancel_form, lambda: schedule.cancel_date(
            current_user, community, cancel_form.original_date.data, cancel_form.note.data, now
        )))
    elif action == "move" and move_form.validate_on_submit():
        done = bool(run(move_form, lambda: schedule.move_date(
            current_user, community, move_form.original_date.data, move_form.new_date.data,
            move_form.start_time.data, move_form.end_time.data, move_form.note.data, now,
        )))
    elif action == "restore" and ConfirmForm().validate_on_submit():
        done = bool(run(None, lambda: _restore(community, request.form.get("original_date", ""), now) or True))
    if done:
        flash(_("The dates of %(title)s are saved.", title=community.title), "success")
        return redirect(url_for("communities.dates", slug=slug))
    db.session.refresh(community)
    return render_template(
        "communities/dates.html",
        community=community,
        sessions=schedule.upcoming(community, now, days=365, limit=60),
        cancel_form=cancel_form,
        move_form=move_form,
        confirm=ConfirmForm(),
        statuses=CommunityStatus,
        staff=is_staff(current_user),
    )


def _restore(community: Community, value: str, now) -> None:
    from datetime import date

    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise Invalid(_("Enter a date, e.g. 2026-12-24.")) from None
    schedule.restore_date(current_user, community, day, now)
