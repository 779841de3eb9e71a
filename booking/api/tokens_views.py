"""The "API tokens" section of the profile page: make a token (its secret is shown once) and
revoke one. HTML pages on the API blueprint; each form carries its own CSRF token."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from booking.api import tokens
from booking.api.forms import TokenForm
from booking.api.views import bp
from booking.db import utcnow
from booking.web import ConfirmForm, run


@bp.app_template_global("api_tokens")
def api_tokens():
    """The signed-in user's tokens and a form for a new one, for the profile page."""
    return tokens.tokens_of(current_user), TokenForm(), ConfirmForm()


@bp.route("/konto/api-noegler", methods=["POST"])
@login_required
def token_create():
    form = TokenForm()
    if form.validate_on_submit():
        created = run(form, lambda: tokens.create_token(current_user, name=form.name.data, now=utcnow()))
        if created is not None:
            token, secret = created
            return render_template("api/token_created.html", token=token, secret=secret)
    else:
        flash(_("Give the token a name of at most 100 characters."), "error")
    return redirect(url_for("accounts.profile") + "#api-tokens-heading")


@bp.route("/konto/api-noegler/<int:token_id>/slet", methods=["POST"])
@login_required
def token_revoke(token_id: int):
    if ConfirmForm().validate_on_submit() and run(None, lambda: tokens.revoke_token(current_user, token_id) or True):
        flash(_("The token is revoked: it no longer works."), "success")
    return redirect(url_for("accounts.profile") + "#api-tokens-heading")
