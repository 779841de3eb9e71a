"""Feed addresses. Public feeds are stable and cacheable; a personal feed's address holds the
user's secret token."""

from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from booking.communities import services as communities
from booking.db import utcnow
from booking.errors import NotFound
from booking.feeds import services
from booking.feeds.http import serve_feed
from booking.rooms.services import find_rooms
from booking.web import ConfirmForm, public_url, run

bp = Blueprint("feeds", __name__)


def subscribe_links(endpoint: str, **values: object) -> dict[str, str]:
    """The feed's https address, its webcal:// twin (opens the calendar app), and Google's
    "add by URL" link."""
    https = public_url(endpoint, **values)
    webcal = "webcal://" + https.split("://", 1)[1]
    return {
        "https": https,
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe=""),
    }


bp.add_app_template_global(subscribe_links, "subscribe_links")


def serve(source: services.Source, filename: str, *, private: bool = False):
    return serve_feed(source, utcnow(), filename=filename, private=private)


@bp.route("/kalender/faellesskaber.ics")
def all_communities():
    return serve(services.all_communities_source(), "faellesskaber.ics")


@bp.route("/kalender/faellesskaber/steder/<slug>.ics")
def location(slug: str):
    return serve(services.location_source(slug), f"faellesskaber-{slug}.ics")


@bp.route("/kalender/faellesskaber/kategorier/<category>.ics")
def category(category: str):
    return serve(services.category_source(category), f"faellesskaber-{category}.ics")


@bp.route("/kalender/faellesskaber/<slug>.ics")
def community(slug: str):
    found = communities.get_community(slug)  # only public communities have a feed
    return serve(services.community_source(found), f"{slug}.ics")


@bp.route("/kalender/personlig/<token>.ics")
def personal(token: str):
    try:
        user = services.user_for_token(token)
    except NotFound:
        abort(404)
    return serve(services.personal_source(user), "min-kalender.ics", private=True)


@bp.route("/kalender/lokaler/<slug>.ics")
def room(slug: str):
    return serve(services.room_source(slug), f"lokale-{slug}.ics")


@bp.route("/kalender/personlig/<token>/lokaler/<slug>.ics")
def staff_room(token: str, slug: str):
    """A room's calendar with the details, for staff, behind their personal token."""
    try:
        user = services.user_for_token(token)
    except NotFound:
        abort(404)
    if not user.is_staff:
        abort(404)
    return serve(services.room_source(slug, details=True), f"lokale-{slug}.ics", private=True)


@bp.route("/kalender/hjaelp")
def help():
    return render_template("feeds/help.html")


@bp.route("/konto/kalender", methods=["GET", "POST"])
@login_required
def mine():
    form = ConfirmForm()
    if form.validate_on_submit() and run(form, lambda: services.reset_feed_token(current_user, utcnow())):
        flash(_("Your calendar has a new address. The old one no longer works."), "success")
        return redirect(url_for("feeds.mine"))
    token = run(None, lambda: services.feed_token(current_user, utcnow()))
    rooms = find_rooms() if current_user.is_staff else []
    return render_template("feeds/mine.html", token=token, form=form, rooms=rooms)
