"""The engagement overview page (staff) and its CSV."""

from __future__ import annotations

from datetime import date

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from booking.activities import overview as ov
from booking.activities.export import csv_response
from booking.activities.forms import OverviewForm
from booking.activities.views import bp
from booking.db import utcnow
from booking.errors import Invalid
from booking.extensions import db
from booking.metrics.formatting import format_figure
from booking.metrics.registry import Period
from booking.rooms import locations as locs
from booking.rooms.models import Location
from booking.timeutil import local_date
from booking.web import staff_required


def _overview() -> tuple[OverviewForm, ov.Overview]:
    form = OverviewForm(formdata=request.args)
    form.sted.choices = [("", _("All places"))] + [(place.id, place.name) for place in locs.all_locations()]
    if request.args:
        form.validate()
    today = local_date(utcnow())
    first = form.fra.data if not form.fra.errors and form.fra.data else date(today.year, 1, 1)
    last = form.til.data if not form.til.errors and form.til.data else date(today.year, 12, 31)
    try:
        period = Period(first, last)
    except Invalid as error:
        form.til.errors = [*form.til.errors, error.message]
        period = Period(first, first)
    place_id = form.sted.data if not form.sted.errors else None
    location = db.session.get(Location, place_id) if place_id else None
    form.fra.data, form.til.data = period.start, period.end
    return form, ov.engagement_overview(current_user, period, location)


@bp.route("/personale/arrangementer/overblik")
@staff_required
def overview():
    form, found = _overview()
    return render_template("activities/overview.html", form=form, overview=found, format_figure=format_figure)


@bp.route("/personale/arrangementer/overblik.csv")
@staff_required
def overview_csv():
    _form, found = _overview()
    labels = {
        "section": _("Section"), "group": _("Group"), "figure": _("Figure"), "value": _("Value"), "unit": _("Unit"),
        "total": _("Total"), "all": _("All"), "target_group": _("Target group"), "category": _("Category"),
        "youth": _("Children and young people %(year)d", year=found.youth_year),
    }  # fmt: skip
    place = found.location.slug if found.location else "alle"
    filename = f"engagement-{place}-{found.period.start.isoformat()}-{found.period.end.isoformat()}.csv"
    return csv_response(ov.csv_rows(found, labels), filename)
