"""Public pages about the places and their rooms. The staff pages are in
:mod:`booking.rooms.admin_views` and register on the same blueprint."""

from __future__ import annotations

from datetime import date, time, timedelta

from flask import Blueprint, abort, render_template, request, send_file
from flask_babel import format_time, get_locale
from flask_login import current_user

from booking.accounts.permissions import is_staff
from booking.db import utcnow
from booking.rooms import locations as locs
from booking.rooms import photos, services
from booking.rooms.forms import RoomFilterForm
from booking.rooms.models import Equipment
from booking.timeutil import local_date

bp = Blueprint("rooms", __name__)

UPCOMING_DAYS = 60
# Photo names are random and never reused, so a browser or proxy may keep a photo for good.
PHOTO_MAX_AGE = 365 * 24 * 3600


def today() -> date:
    return local_date(utcnow())


def locale() -> str:
    return str(get_locale() or "da")


def holiday_language() -> str:
    return locs.holiday_language(locale())


@bp.app_template_filter("clock")
def clock(value: time | None) -> str:
    """A wall-clock time the local way ("07.00" in Danish); opening hours have no date."""
    return format_time(value, "short", rebase=False) if value is not None else ""


@bp.app_template_filter("equipment_name")
def equipment_name(item: Equipment) -> str:
    """In a filter, not in the template, so macros imported without context can use it."""
    return item.name(locale())


bp.add_app_template_global(locs.weekday_name, "weekday_name")


@bp.route("/steder")
def locations():
    day = today()
    places = [(place, locs.hours_on(place, day, language=holiday_language())) for place in locs.active_locations()]
    return render_template("rooms/locations.html", places=places, today=day)


@bp.route("/steder/<slug>")
def location(slug: str):
    place = locs.get_location(slug, include_inactive=is_staff(current_user))
    day = today()
    return render_template(
        "rooms/location.html",
        location=place,
        week=locs.week_of(place),
        closed=locs.closed_periods(place, day, day + timedelta(days=UPCOMING_DAYS), language=holiday_language()),
        rooms=[room for room in place.rooms if room.active],
        days=UPCOMING_DAYS,
    )


@bp.route("/lokaler")
def rooms():
    form = RoomFilterForm(formdata=request.args)
    form.set_choices(locale())
    if request.args:
        form.validate()
    return render_template("rooms/rooms.html", form=form, rooms=services.find_rooms(form.to_filter()))


@bp.route("/lokaler/<slug>")
def room(slug: str):
    found = services.get_room(slug, include_inactive=is_staff(current_user))
    day = today()
    closed = locs.closed_periods(
        found.location, day, day + timedelta(days=UPCOMING_DAYS), room=found, language=holiday_language()
    )
    return render_template(
        "rooms/room.html",
        room=found,
        closed=closed,
        parts=[part for part in found.parts if part.active],
        days=UPCOMING_DAYS,
    )


@bp.route("/fotos/lokaler/<filename>")
def photo(filename: str):
    path = photos.photo_path(filename)
    if path is None:
        abort(404)
    response = send_file(path, max_age=PHOTO_MAX_AGE)
    response.headers["Cache-Control"] = f"public, max-age={PHOTO_MAX_AGE}, immutable"
    return response


from booking.rooms import admin_views  # noqa: E402,F401  (staff routes on this blueprint)
