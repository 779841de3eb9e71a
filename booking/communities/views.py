"""Public pages: the list of open communities, a page per community, and the published annual
editions (page, print and CSV). The organisers' pages are in
:mod:`booking.communities.org_views`, the staff pages in :mod:`booking.communities.admin_views`;
both register on this blueprint."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from flask import Blueprint, Response, render_template, request
from flask_babel import get_locale
from flask_login import current_user

from booking.communities import editions, markup, schedule, services
from booking.communities.forms import CommunityFilterForm
from booking.communities.models import CommunityStatus
from booking.communities.permissions import can_edit
from booking.db import utcnow
from booking.timeutil import local_date

bp = Blueprint("communities", __name__)

UPCOMING_DAYS = 120
UPCOMING_LIMIT = 12
# Pages carry the session's CSRF token (language switch), so they are not for shared caches;
# the CSV export has none.
PUBLIC_MAX_AGE = 300


@bp.app_template_filter("markdown")
def markdown_filter(text: str | None):
    return markup.render(text)


@bp.app_template_filter("language_name")
def language_name(code: str) -> str:
    try:
        return Locale.parse(code).get_display_name(str(get_locale() or "da")) or code
    except (UnknownLocaleError, ValueError):
        return code


@bp.app_template_filter("schedule_words")
def schedule_words(community) -> str:
    return schedule.describe(community)


@bp.route("/faellesskaber")
def index():
    form = CommunityFilterForm(formdata=request.args)
    form.set_choices()
    if request.args:
        form.validate()
    now = utcnow()
    found = services.public_communities(form.to_filter())
    nexts = {community.id: _next(community, now) for community in found}
    return render_template(
        "communities/index.html", form=form, communities=found, nexts=nexts, years=editions.published_years()
    )


def _next(community, now):
    if community.status != CommunityStatus.ACTIVE:
        return None
    upcoming = [s for s in schedule.upcoming(community, now, days=UPCOMING_DAYS, limit=5) if not s.cancelled]
    return upcoming[0] if upcoming else None


@bp.route("/faellesskaber/<slug>")
def detail(slug: str):
    community = services.get_community(slug, current_user)
    now = utcnow()
    sessions = []
    if community.status in (CommunityStatus.ACTIVE, CommunityStatus.ENDED):
        sessions = schedule.upcoming(community, now, days=UPCOMING_DAYS, limit=UPCOMING_LIMIT)
    return render_template(
        "communities/detail.html",
        community=community,
        sessions=sessions,
        can_edit=can_edit(current_user, community),
        today=local_date(now),
    )


@bp.route("/faellesskaber/<int:year>")
def edition(year: int):
    found = editions.published_edition(year)
    return render_template(
        "communities/edition.html", edition=found, groups=editions.by_location(found), printing=False
    )


@bp.route("/faellesskaber/<int:year>/print")
def edition_print(year: int):
    found = editions.published_edition(year)
    return render_template(
        "communities/edition_print.html", edition=found, groups=editions.by_location(found), printing=True
    )


@bp.route("/faellesskaber/<int:year>.csv")
def edition_csv(year: int):
    found = editions.published_edition(year)
    # A byte-order mark, so spreadsheet programs read æøå as UTF-8.
    body = "\ufeff" + editions.csv_export(found)
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="faellesskaber-{year}-v{found.version}.csv"'
    response.headers["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    return response


from booking.communities import admin_views, org_views  # noqa: E402,F401  (routes on this blueprint)
