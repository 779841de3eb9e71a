"""Staff pages: moderation of proposed communities and the annual editions."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from booking.communities import editions, services
from booking.communities.forms import EditionForm, EntryForm, ModerationForm, NewEditionForm, PublishForm
from booking.communities.models import CommunityStatus
from booking.communities.views import bp
from booking.db import utcnow
from booking.timeutil import local_date
from booking.web import ConfirmForm, run, staff_required


@bp.route("/personale/faellesskaber")
@staff_required
def admin_list():
    wanted = request.args.get("status") or None
    try:
        status = CommunityStatus(wanted) if wanted else None
    except ValueError:
        status = None
    return render_template(
        "communities/admin_list.html",
        communities=services.all_communities(status),
        status=status,
        statuses=list(CommunityStatus),
        form=ModerationForm(),
    )


@bp.route("/personale/faellesskaber/<slug>/moderer", methods=["POST"])
@staff_required
def moderate(slug: str):
    community = services.get_community(slug, current_user)
    form = ModerationForm()
    action = request.form.get("action")
    now = utcnow()
    actions = {
        "approve": (lambda: services.approve(current_user, community, now), _("%(title)s is published.")),
        "approve_free": (  # the dates the room is taken become cancelled dates
            lambda: services.approve(current_user, community, now, free_dates_only=True),
            _("%(title)s is published."),
        ),
        "changes": (
            lambda: services.request_changes(current_user, community, form.comment.data, now),
            _("%(title)s is sent back to the organiser."),
        ),
        "decline": (
            lambda: services.decline(current_user, community, form.comment.data, now),
            _("%(title)s is declined."),
        ),
    }
    if action in actions and form.validate_on_submit():
        do, message = actions[action]
        if run(form, do):
            flash(message % {"title": community.title}, "success")
    return redirect(url_for("communities.admin_list", status=CommunityStatus.PROPOSED.value))


# --- editions --------------------------------------------------------------------------------


@bp.route("/personale/faellesskaber/udgaver", methods=["GET", "POST"])
@staff_required
def admin_editions():
    this_year = local_date(utcnow()).year
    form = NewEditionForm(data={"year": this_year} if request.method == "GET" else None)
    if form.validate_on_submit():
        edition = run(form, lambda: editions.create_edition(current_user, form.year.data, utcnow()))
        if edition is not None:
            flash(_("A draft for %(year)d is made.", year=edition.year), "success")
            return redirect(url_for("communities.admin_edition", edition_id=edition.id))
    years = sorted({this_year, this_year - 1, *editions.years_with_editions()}, reverse=True)
    return render_template("communities/admin_editions.html", form=form, overview=editions.year_overview(years))


@bp.route("/personale/faellesskaber/udgaver/<int:edition_id>", methods=["GET", "POST"])
@staff_required
def admin_edition(edition_id: int):
    edition = editions.get_edition(edition_id)
    form = EditionForm(obj=edition)
    if form.validate_on_submit() and run(
        form,
        lambda: editions.update_edition(
            current_user, edition, title=form.title.data, introduction=form.introduction.data
        ),
    ):
        flash(_("The edition is saved."), "success")
        return redirect(url_for("communities.admin_edition", edition_id=edition.id))
    return render_template(
        "communities/admin_edition.html",
        edition=edition,
        form=form,
        publish_form=PublishForm(),
        confirm=ConfirmForm(),
        groups=editions.by_location(edition),
    )


@bp.route("/personale/faellesskaber/udgaver/<int:edition_id>/udgiv", methods=["POST"])
@staff_required
def admin_edition_publish(edition_id: int):
    edition = editions.get_edition(edition_id)
    form = PublishForm()
    if form.validate_on_submit() and run(
        None, lambda: editions.publish(current_user, edition, utcnow(), change_note=form.change_note.data)
    ):
        flash(_("The list for %(year)d is published.", year=edition.year), "success")
        return redirect(url_for("communities.edition", year=edition.year))
    return redirect(url_for("communities.admin_edition", edition_id=edition.id))


@bp.route("/personale/faellesskaber/udgaver/<int:edition_id>/slet", methods=["POST"])
@staff_required
def admin_edition_delete(edition_id: int):
    edition = editions.get_edition(edition_id)
    if ConfirmForm().validate_on_submit() and run(None, lambda: editions.delete_draft(current_user, edition)):
        flash(_("The draft is deleted."), "success")
    return redirect(url_for("communities.admin_editions"))


@bp.route("/personale/faellesskaber/udgaver/<int:edition_id>/<int:entry_id>", methods=["GET", "POST"])
@staff_required
def admin_entry(edition_id: int, entry_id: int):
    edition = editions.get_edition(edition_id)
    entry = editions.get_entry(edition, entry_id)
    form = EntryForm(obj=entry)
    if form.validate_on_submit() and run(form, lambda: editions.update_entry(current_user, entry, form.to_data())):
        flash(_("%(title)s is saved.", title=entry.title), "success")
        return redirect(url_for("communities.admin_edition", edition_id=edition.id))
    return render_template("communities/admin_entry.html", edition=edition, entry=entry, form=form)


@bp.route("/personale/faellesskaber/udgaver/<int:edition_id>/<int:entry_id>/fjern", methods=["POST"])
@staff_required
def admin_entry_remove(edition_id: int, entry_id: int):
    edition = editions.get_edition(edition_id)
    entry = editions.get_entry(edition, entry_id)
    title = entry.title
    if ConfirmForm().validate_on_submit() and run(None, lambda: editions.remove_entry(current_user, entry)):
        flash(_("%(title)s is removed from the edition.", title=title), "success")
    return redirect(url_for("communities.admin_edition", edition_id=edition.id))
