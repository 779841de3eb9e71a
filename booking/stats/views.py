"""Staff statistics pages: the figures for a period and scope, charts with tables beside
them, exports, and the documentation of every figure."""

from __future__ import annotations

from babel.dates import get_day_names
from flask import Blueprint, Response, render_template, request
from flask_babel import get_locale
from flask_login import current_user

from booking.db import utcnow
from booking.errors import Invalid
from booking.metrics import registry, scope_options
from booking.metrics.formatting import format_figure
from booking.metrics.registry import Period
from booking.stats import charts, export, services
from booking.timeutil import local_date
from booking.web import staff_required

bp = Blueprint("stats", __name__)
bp.add_app_template_filter(format_figure, "figure")


def _choice() -> tuple[Period, registry.Scope, str | None]:
    default = Period.year(local_date(utcnow()).year)
    error = None
    try:
        period = services.parse_period(request.args.get("fra"), request.args.get("til"), default)
    except Invalid as problem:
        period, error = default, problem.message
    try:
        scope = scope_options.parse(request.args.get("omfang"))
    except Invalid as problem:
        scope, error = registry.ALL_SCOPES, problem.message
    return period, scope, error


@bp.route("/personale/statistik")
@staff_required
def index():
    period, scope, error = _choice()
    stats = services.statistics(current_user, period, scope)
    weekdays = [get_day_names("abbreviated", locale=get_locale() or "da")[day] for day in range(7)]
    return render_template(
        "stats/index.html",
        stats=stats,
        error=error,
        scope_value=scope_options.form_value(scope),
        offered=scope_options.offered(),
        scope_name=scope_options.describe(scope),
        charts=charts,
        weekdays=weekdays,
    ), (400 if error else 200)


@bp.route("/personale/statistik/tal")
@staff_required
def figures():
    return render_template("stats/figures.html", metrics=registry.all_metrics())


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(ext: str, mimetype: str, render) -> Response:
    period, scope, _error = _choice()
    stats = services.statistics(current_user, period, scope)
    scope_part = scope_options.form_value(scope).replace(":", "-")
    name = f"statistik-{scope_part}-{period.start}-{period.end}.{ext}"
    return Response(render(stats), mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/personale/statistik/eksport.csv")
@staff_required
def export_csv():
    # The byte order mark makes Excel read the file as UTF-8 (æ, ø, å).
    return _download("csv", "text/csv", lambda stats: "\ufeff" + export.to_csv(stats))


@bp.route("/personale/statistik/eksport.xlsx")
@staff_required
def export_xlsx():
    return _download("xlsx", XLSX, export.to_xlsx)
