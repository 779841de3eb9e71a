"""Core pages: the front page, the language switch and a health check."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, request, session
from flask_login import current_user
from sqlalchemy import text

from booking.extensions import db
from booking.web import ConfirmForm, redirect_next

bp = Blueprint("core", __name__)


@bp.route("/")
def index():
    return render_template("core/index.html")


@bp.route("/sprog", methods=["POST"])
def set_language():
    form = ConfirmForm()
    locale = request.form.get("locale")
    if form.validate_on_submit() and locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale
        if current_user.is_authenticated:
            current_user.locale = locale
            db.session.commit()
    return redirect_next("core.index")


@bp.route("/sundhed")
def health():
    db.session.execute(text("SELECT 1"))
    return jsonify(status="ok")
