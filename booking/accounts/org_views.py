"""Organisation pages: register, edit, members, invitations, verification."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from booking.accounts import organisations as orgs
from booking.accounts.forms import InviteForm, MemberRoleForm, OrganisationForm
from booking.accounts.models import Invitation, Organisation
from booking.accounts.permissions import can_manage_organisation, is_member, is_staff
from booking.accounts.views import bp
from booking.db import utcnow
from booking.extensions import db
from booking.web import ConfirmForm, public_url, run


def _data(form: OrganisationForm) -> orgs.OrganisationData:
    return orgs.OrganisationData(
        name=form.name.data,
        kind=form.kind.data,
        cvr=form.cvr.data,
        email=form.email.data,
        phone=form.phone.data,
        address=form.address.data,
        website=form.website.data,
        description=form.description.data,
    )


@bp.route("/foreninger")
@login_required
def organisations():
    if current_user.is_staff:
        query = select(Organisation).order_by(Organisation.name)
        if request.args.get("unverified"):
            query = query.where(Organisation.verified.is_(False))
        return render_template("accounts/organisations_staff.html", organisations=db.session.scalars(query).all())
    return render_template("accounts/organisations_mine.html", rows=orgs.organisations_of(current_user))


@bp.route("/foreninger/ny", methods=["GET", "POST"])
@login_required
def organisation_new():
    form = OrganisationForm()
    if form.validate_on_submit():
        organisation = run(form, lambda: orgs.create_organisation(current_user, _data(form), utcnow()))
        if organisation is not None:
            flash(_("%(name)s is registered.", name=organisation.name), "success")
            return redirect(url_for("accounts.organisation", slug=organisation.slug))
    return render_template("accounts/organisation_form.html", form=form, organisation=None)


@bp.route("/foreninger/<slug>")
def organisation(slug: str):
    organisation = orgs.get_organisation(slug)
    show_members = is_staff(current_user) or is_member(current_user, organisation)
    return render_template(
        "accounts/organisation.html",
        organisation=organisation,
        members=orgs.members_of(organisation) if show_members else [],
        can_manage=can_manage_organisation(current_user, organisation),
        confirm=ConfirmForm(),
    )


@bp.route("/foreninger/<slug>/rediger", methods=["GET", "POST"])
@login_required
def organisation_edit(slug: str):
    organisation = orgs.get_organisation(slug)
    if not can_manage_organisation(current_user, organisation):
        abort(403)
    form = OrganisationForm(obj=organisation)
    if form.validate_on_submit():
        saved = run(form, lambda: orgs.update_organisation(current_user, organisation, _data(form)))
        if saved is not None:
            flash(_("Saved."), "success")
            return redirect(url_for("accounts.organisation", slug=saved.slug))
    return render_template("accounts/organisation_form.html", form=form, organisation=organisation)


@bp.route("/foreninger/<slug>/medlemmer", methods=["GET", "POST"])
@login_required
def members(slug: str):
    organisation = orgs.get_organisation(slug)
    if not can_manage_organisation(current_user, organisation):
        abort(403)
    form = InviteForm()
    if form.validate_on_submit():
        result = run(
            form,
            lambda: orgs.invite_member(
                current_user,
                organisation,
                form.email.data,
                form.role.data,
                utcnow(),
                lambda token: public_url("accounts.invitation", token=token),
            ),
        )
        if result is not None:
            flash(_("An invitation has been sent to %(email)s.", email=result[0].email), "success")
            return redirect(url_for("accounts.members", slug=slug))
    return render_template(
        "accounts/members.html",
        organisation=organisation,
        members=orgs.members_of(organisation),
        invitations=orgs.open_invitations(organisation, utcnow()),
        form=form,
        role_form=MemberRoleForm,
        confirm=ConfirmForm(),
    )


@bp.route("/foreninger/<slug>/medlemmer/<int:membership_id>/rolle", methods=["POST"])
@login_required
def member_role(slug: str, membership_id: int):
    organisation = orgs.get_organisation(slug)
    membership = orgs.get_membership(organisation, membership_id)
    form = MemberRoleForm()
    if form.validate_on_submit() and run(
        form, lambda: orgs.change_member_role(current_user, membership, form.role.data)
    ):
        flash(_("The role is changed."), "success")
    return redirect(url_for("accounts.members", slug=slug))


@bp.route("/foreninger/<slug>/medlemmer/<int:membership_id>/fjern", methods=["POST"])
@login_required
def member_remove(slug: str, membership_id: int):
    organisation = orgs.get_organisation(slug)
    membership = orgs.get_membership(organisation, membership_id)
    leaving = membership.user_id == current_user.id
    if ConfirmForm().validate_on_submit() and run(
        None, lambda: orgs.remove_member(current_user, membership) or True
    ):
        flash(_("You have left the organisation.") if leaving else _("The member is removed."), "success")
        if leaving:
            return redirect(url_for("accounts.profile"))
    return redirect(url_for("accounts.members", slug=slug))


@bp.route("/foreninger/<slug>/invitationer/<int:invitation_id>/tilbagekald", methods=["POST"])
@login_required
def invitation_revoke(slug: str, invitation_id: int):
    organisation = orgs.get_organisation(slug)
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.organisation_id != organisation.id:
        abort(404)
    if ConfirmForm().validate_on_submit() and run(
        None, lambda: orgs.revoke_invitation(current_user, invitation, utcnow()) or True
    ):
        flash(_("The invitation is withdrawn."), "success")
    return redirect(url_for("accounts.members", slug=slug))


@bp.route("/foreninger/<slug>/verificer", methods=["POST"])
@login_required
def organisation_verify(slug: str):
    organisation = orgs.get_organisation(slug)
    verified = request.form.get("verified") == "1"
    if ConfirmForm().validate_on_submit() and run(
        None, lambda: orgs.set_verified(current_user, organisation, verified, utcnow())
    ):
        flash(_("Marked as verified.") if verified else _("No longer marked as verified."), "success")
    return redirect(url_for("accounts.organisation", slug=slug))


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def invitation(token: str):
    invitation = orgs.find_invitation(token, utcnow())
    if not current_user.is_authenticated:
        return render_template("accounts/invitation.html", invitation=invitation, form=None)
    form = ConfirmForm()
    if form.validate_on_submit():
        membership = run(form, lambda: orgs.accept_invitation(current_user, token, utcnow()))
        if membership is not None:
            flash(_("You are now a member of %(name)s.", name=invitation.organisation.name), "success")
            return redirect(url_for("accounts.organisation", slug=invitation.organisation.slug))
    return render_template("accounts/invitation.html", invitation=invitation, form=form)
