"""Staff pages: enter visitor counts, import people-counter files, the import log."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from booking.db import utcnow
from booking.extensions import db
from booking.rooms.models import Location
from booking.timeutil import local_date
from booking.visitors import csvimport, services
from booking.visitors.forms import ConfirmImportForm, CountForm, UploadForm
from booking.web import ConfirmForm, run, staff_required

bp = Blueprint("visitors", __name__)


def _places() -> list[Location]:
    return list(db.session.scalars(select(Location).order_by(Location.name)))


def _year() -> int:
    value = request.args.get("aar", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else local_date(utcnow()).year


@bp.route("/personale/besoegstal", methods=["GET", "POST"])
@staff_required
def index():
    places = _places()
    form = CountForm()
    form.location_id.choices = [("", _("Choose a location"))] + [(str(p.id), p.name) for p in places]
    chosen = next((p for p in places if str(p.id) == request.args.get("sted")), places[0] if places else None)
    if form.validate_on_submit():
        data = services.CountData(form.location_id.data, form.span.data, form.day.data, form.visitors.data)
        count = run(form, lambda: services.enter_count(current_user, data, utcnow()))
        if count is not None:
            flash(_("The count is saved."), "success")
            return redirect(url_for("visitors.index", sted=count.location_id, aar=count.day.year))
    elif chosen is not None and not form.is_submitted():
        form.location_id.data = str(chosen.id)
    year = _year()
    return render_template(
        "visitors/index.html",
        form=form,
        places=places,
        chosen=chosen,
        year=year,
        counts=services.counts_for(current_user, chosen, year) if chosen else [],
        imports=services.import_log(current_user),
        confirm=ConfirmForm(),
    )


@bp.route("/personale/besoegstal/<int:count_id>/slet", methods=["POST"])
@staff_required
def remove(count_id: int):
    count = services.get_count(current_user, count_id)
    place, year = count.location_id, count.day.year
    if ConfirmForm().validate_on_submit() and run(None, lambda: services.remove_count(current_user, count) or True):
        flash(_("The count is deleted."), "success")
    return redirect(url_for("visitors.index", sted=place, aar=year))


@bp.route("/personale/besoegstal/import", methods=["GET", "POST"])
@staff_required
def upload():
    """Step 1: upload a file and see what it would do (or its problems by line)."""
    form = UploadForm()
    parsed = confirm = None
    if form.validate_on_submit():
        if not form.file.data:
            form.file.errors = [_("Choose a file.")]
        else:
            content = csvimport.decode(form.file.data.read())
            parsed = services.preview_import(current_user, content)
            confirm = ConfirmImportForm(filename=form.file.data.filename or "import.csv", content=content,
                                        formdata=None)  # fmt: skip
    status = 400 if parsed is not None and parsed.problems else 200
    return render_template(
        "visitors/import.html", form=form, parsed=parsed, confirm=confirm, policy=csvimport.__doc__
    ), status


@bp.route("/personale/besoegstal/import/bekraeft", methods=["POST"])
@staff_required
def confirm_import():
    """Step 2: import the previewed file; with any problem, nothing."""
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        flash(_("The import could not be confirmed. Upload the file again."), "error")
        return redirect(url_for("visitors.upload"))
    log = run(None, lambda: services.import_counts(current_user, form.filename.data, form.content.data or "", utcnow()))
    if log is None:
        return redirect(url_for("visitors.upload"))
    flash(
        _(
            "%(n)d days imported (%(replaced)d replaced), %(visitors)d visitors.",
            n=log.days_added + log.days_replaced,
            replaced=log.days_replaced,
            visitors=log.visitors,
        ),
        "success",
    )
    return redirect(url_for("visitors.index"))
