"""Account pages: sign-up, login, profile, passwords. Organisation pages are in
:mod:`booking.accounts.org_views` and register on the same blueprint."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user

from booking.accounts import services
from booking.accounts.forms import (
    ForgotPasswordForm,
    LoginForm,
    PasswordChangeForm,
    ProfileForm,
    ResetPasswordForm,
    SignupForm,
)
from booking.accounts.organisations import organisations_of
from booking.db import utcnow
from booking.extensions import db, limiter, login_manager
from booking.web import ConfirmForm, is_safe_next, public_url, redirect_next, run

bp = Blueprint("accounts", __name__)

login_manager.login_view = "accounts.login"
login_manager.login_message = _l("Please log in to see that page.")
login_manager.login_message_category = "info"


@login_manager.user_loader
def _load_user(session_id: str):
    return services.load_user_from_session_id(session_id)


def _start_session(user, remember: bool = False) -> None:
    session.pop("locale", None)  # the user's own language setting applies from now on
    login_user(user, remember=remember)
    session.permanent = True


@bp.route("/konto/log-ind", methods=["GET", "POST"])
@limiter.limit("10 per minute;50 per hour", methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect_next("core.index")
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data, utcnow())
        if user is None:
            db.session.rollback()
            flash(_("Wrong email or password."), "error")
        else:
            db.session.commit()
            _start_session(user, remember=form.remember.data)
            flash(_("Welcome, %(name)s.", name=user.name), "success")
            return redirect_next("core.index")
    return render_template("accounts/login.html", form=form)


@bp.route("/konto/log-ud", methods=["POST"])
def logout():
    if ConfirmForm().validate_on_submit():
        logout_user()
        flash(_("You are logged out."), "info")
    return redirect(url_for("core.index"))


@bp.route("/konto/opret", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.profile"))
    form = SignupForm(locale=session.get("locale", "da"))
    if form.validate_on_submit():
        user = run(
            form,
            lambda: services.register_user(
                email=form.email.data,
                name=form.name.data,
                password=form.password.data,
                phone=form.phone.data,
                locale=form.locale.data,
                now=utcnow(),
            ),
        )
        if user is not None:
            _start_session(user)
            flash(_("Your account is ready."), "success")
            next_url = request.args.get("next")
            return redirect(next_url if is_safe_next(next_url) else url_for("accounts.profile"))
    return render_template("accounts/signup.html", form=form)


@bp.route("/konto", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        saved = run(
            form,
            lambda: services.update_profile(
                current_user, current_user, name=form.name.data, phone=form.phone.data, locale=form.locale.data
            ),
        )
        if saved is not None:
            session.pop("locale", None)
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template(
        "accounts/profile.html", form=form, organisations=organisations_of(current_user)
    )


@bp.route("/konto/adgangskode", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        done = run(
            form,
            lambda: services.change_password(current_user, form.current_password.data, form.new_password.data)
            or True,
        )
        if done:
            login_user(current_user._get_current_object())  # keep this session; its version changed
            flash(_("Your password is changed. Other devices have been logged out."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/password_change.html", form=form)


@bp.route("/konto/glemt-adgangskode", methods=["GET", "POST"])
@limiter.limit("5 per hour", methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(
            form.email.data,
            utcnow(),
            lambda token: public_url("accounts.reset_password", token=token),
        )
        db.session.commit()
        flash(
            _("If an account has that email address, we have sent it a link to choose a new password."),
            "info",
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/password_forgot.html", form=form)


@bp.route("/konto/nulstil/<token>", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def reset_password(token: str):
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user = run(form, lambda: services.reset_password(token, form.new_password.data))
        if user is not None:
            _start_session(user)
            flash(_("Your new password is saved and you are logged in."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/password_reset.html", form=form)


from booking.accounts import admin_views, org_views  # noqa: E402,F401  (routes on this blueprint)
