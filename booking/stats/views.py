"""Staff statistics pages: the figures for a period and scope, charts with tables beside
them, exports, and the documentation of every figure."""

from __future__ import annotations

from babel.dates import get_day_names
from flask import Blueprint, Response, render_template, request
from flask_babel import get_locale
from flask_login import current_user

from booking.db import utcnow
from booking.errors import Invalid
from booking.metrics import registry
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
        scope = services.parse_scope(request.args.get("omfang"))
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
        scope_value=services.scope_value(scope),
        scope_choices=services.scope_choices(),
        scope_name=services.scope_name(scope),
        charts=charts,
        weekdays=weekdays,
    ), (400 if error else 200)


@bp.route("/personale/statistik/tal")
@staff_required
def figures():
    return render_template("stats/figures.html", metrics=registry.all_metrics())


def _filename(stats: services.Statistics, ext: str) -> str:
    scope = services.scope_value(stats.scope).replace(":", "-")
    return f"statistik-{scope}-{stats.period.start}-{stats.period.end}.{ext}"


@bp.route("/personale/statistik/eksport.csv")
@staff_required
def export_csv():
    period, scope, _error = _choice()
    stats = services.statistics(current_user, period, scope)
    return Response(
        "\ufeff" + export.to_csv(stats),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{_filename(stats, "csv")}"'},
    )


@bp.route("/personale/statistik/eksport.xlsx")
@staff_required
def export_xlsx():
    period, scope, _error = _choice()
    stats = services.statistics(current_user, period, scope)
    return Response(
        export.to_xlsx(stats),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{_filename(stats, "xlsx")}"'},
    )
