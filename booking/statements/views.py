"""Staff pages for statements, interviews and practice stories. Nobody else sees them."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from booking.communities.models import Community
from booking.db import utcnow
from booking.extensions import db
from booking.rooms.models import Location, Room
from booking.statements import services
from booking.statements.forms import StatementForm
from booking.statements.models import Statement, StatementKind
from booking.timeutil import local_date
from booking.web import ConfirmForm, run, staff_required

bp = Blueprint("statements", __name__)


def _form(statement: Statement | None = None) -> StatementForm:
    form = StatementForm(obj=statement)
    places = db.session.scalars(select(Location).order_by(Location.name))
    form.location_id.choices = [("", _("Choose a location"))] + [(str(p.id), p.name) for p in places]
    rooms = db.session.scalars(select(Room).join(Location).order_by(Location.name, Room.name))
    form.room_id.choices = [("", _("No particular room"))] + [(r.id, f"{r.name} ({r.location.name})") for r in rooms]
    communities = db.session.scalars(select(Community).order_by(Community.title))
    form.community_id.choices = [("", _("No particular community"))] + [(c.id, c.title) for c in communities]
    if statement is not None and not form.is_submitted():
        form.location_id.data = str(statement.location_id)
        form.tags.data = ", ".join(statement.tag_list)
    return form


def _arg_int(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() else None


@bp.route("/personale/udsagn")
@staff_required
def index():
    year = _arg_int("aar") or local_date(utcnow()).year
    location_id = _arg_int("sted")
    kind = request.args.get("slags")
    kind = StatementKind(kind) if kind in set(StatementKind) else None
    tag = request.args.get("emne", "").strip()
    return render_template(
        "statements/index.html",
        statements=services.list_statements(
            current_user, year=year, location_id=location_id, kind=kind, tag=tag or None
        ),
        counts=services.year_counts(current_user, year, location_id),
        places=db.session.scalars(select(Location).order_by(Location.name)).all(),
        year=year,
        location_id=location_id,
        kind=kind,
        kinds=list(StatementKind),
        tag=tag,
    )


@bp.route("/personale/udsagn/nyt", methods=["GET", "POST"])
@staff_required
def new():
    form = _form()
    if not form.is_submitted():
        form.said_on.data = local_date(utcnow())
        if request.args.get("slags") in set(StatementKind):
            form.kind.data = request.args["slags"]
    if form.validate_on_submit():
        statement = run(form, lambda: services.record_statement(current_user, form.to_data(), utcnow()))
        if statement is not None:
            flash(_("It is recorded."), "success")
            return redirect(url_for("statements.index", aar=statement.said_on.year))
    return render_template("statements/form.html", form=form, statement=None)


@bp.route("/personale/udsagn/<int:statement_id>", methods=["GET", "POST"])
@staff_required
def edit(statement_id: int):
    statement = services.get_statement(current_user, statement_id)
    form = _form(statement)
    if form.validate_on_submit() and run(
        form, lambda: services.update_statement(current_user, statement, form.to_data(), utcnow())
    ):
        flash(_("It is saved."), "success")
        return redirect(url_for("statements.index", aar=statement.said_on.year))
    return render_template("statements/form.html", form=form, statement=statement, confirm=ConfirmForm())


@bp.route("/personale/udsagn/<int:statement_id>/slet", methods=["POST"])
@staff_required
def delete(statement_id: int):
    statement = services.get_statement(current_user, statement_id)
    year = statement.said_on.year
    if ConfirmForm().validate_on_submit() and run(
        None, lambda: services.delete_statement(current_user, statement) or True
    ):
        flash(_("It is deleted."), "success")
    return redirect(url_for("statements.index", aar=year))
