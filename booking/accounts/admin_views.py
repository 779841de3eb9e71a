"""Administrator pages: users and their roles."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select

from booking.accounts import services
from booking.accounts.forms import UserRoleForm
from booking.accounts.models import User
from booking.accounts.views import bp
from booking.extensions import db
from booking.web import ConfirmForm, admin_required, run

PAGE_SIZE = 50


@bp.route("/admin/brugere")
@admin_required
def users():
    q = (request.args.get("q") or "").strip()[:100]
    page = max(request.args.get("side", 1, type=int), 1)
    query = select(User).order_by(User.name)
    if q:
        like = f"%{q.lower()}%"
        query = query.where(or_(func.lower(User.name).like(like), func.lower(User.email).like(like)))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.scalars(query.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    return render_template(
        "accounts/admin_users.html",
        users=rows,
        q=q,
        page=page,
        pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
        role_form=UserRoleForm,
        confirm=ConfirmForm(),
    )


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/admin/brugere/<int:user_id>/rolle", methods=["POST"])
@admin_required
def user_role(user_id: int):
    user = _user_or_404(user_id)
    form = UserRoleForm()
    if form.validate_on_submit() and run(form, lambda: services.set_role(current_user, user, form.role.data)):
        flash(_("The role of %(name)s is changed.", name=user.name), "success")
    return redirect(url_for("accounts.users", q=request.args.get("q", "")))


@bp.route("/admin/brugere/<int:user_id>/aktiv", methods=["POST"])
@admin_required
def user_active(user_id: int):
    user = _user_or_404(user_id)
    active = request.form.get("active") == "1"
    if ConfirmForm().validate_on_submit() and run(None, lambda: services.set_active(current_user, user, active)):
        flash(_("The account is active.") if active else _("The account is deactivated."), "success")
    return redirect(url_for("accounts.users", q=request.args.get("q", "")))
